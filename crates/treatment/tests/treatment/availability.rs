//! Free times: working hours in the clinic's zone, days off, bookings, buffers, notice.

use jiff::civil::{date, time, Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use smp_treatment::{free_slots, Busy, SlotRequest, WorkingHours};

fn london() -> TimeZone {
    TimeZone::get("Europe/London").expect("a zone")
}

fn at(day: Date, hour: i8, minute: i8) -> Timestamp {
    day.at(hour, minute, 0, 0)
        .to_zoned(london())
        .expect("exists")
        .timestamp()
}

fn nine_to_five(weekdays: &[Weekday]) -> Vec<WorkingHours> {
    weekdays
        .iter()
        .map(|&weekday| WorkingHours {
            weekday,
            start: time(9, 0, 0, 0),
            end: time(17, 0, 0, 0),
        })
        .collect()
}

fn request(minutes: i64, earliest: Timestamp) -> SlotRequest {
    SlotRequest {
        minutes,
        buffer_before: 0,
        buffer_after: 15,
        step_minutes: 60,
        earliest,
    }
}

fn local_starts(slots: &[smp_treatment::FreeSlot]) -> Vec<String> {
    slots
        .iter()
        .map(|s| {
            s.starts_at
                .to_zoned(london())
                .strftime("%a %H:%M")
                .to_string()
        })
        .collect()
}

#[test]
fn slots_fit_inside_working_hours_and_keep_their_buffers_clear_of_bookings() {
    let monday = date(2025, 12, 8);
    let busy = [Busy {
        from: at(monday, 11, 0),
        until: at(monday, 12, 0),
    }];
    let slots = free_slots(
        &london(),
        monday,
        monday,
        &nine_to_five(&[Weekday::Monday]),
        &[],
        &busy,
        &request(45, Timestamp::UNIX_EPOCH),
    );
    // 10:00 would end 10:45 + 15 min buffer = 11:00: just clear. 16:00 ends 16:45 ≤ 17:00.
    assert_eq!(
        local_starts(&slots),
        [
            "Mon 09:00",
            "Mon 10:00",
            "Mon 12:00",
            "Mon 13:00",
            "Mon 14:00",
            "Mon 15:00",
            "Mon 16:00"
        ]
    );
    assert_eq!(
        slots[0].starts_at.duration_until(slots[0].ends_at),
        SignedDuration::from_mins(45)
    );
}

#[test]
fn days_off_other_weekdays_and_times_within_the_notice_are_not_offered() {
    let monday = date(2025, 12, 8);
    let slots = free_slots(
        &london(),
        monday,
        date(2025, 12, 14),
        &nine_to_five(&[Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday]),
        &[date(2025, 12, 9)],
        &[],
        &request(240, at(monday, 12, 30)),
    );
    // Monday after 12:30 (13:00 ends 17:00), no Tuesday (day off), Wednesday 09:00-13:00.
    assert_eq!(
        local_starts(&slots),
        [
            "Mon 13:00",
            "Wed 09:00",
            "Wed 10:00",
            "Wed 11:00",
            "Wed 12:00",
            "Wed 13:00"
        ]
    );
}

#[test]
fn a_clock_change_keeps_local_hours_and_skips_times_that_do_not_exist() {
    // New York, Sunday 8 March 2026: 02:00-03:00 does not exist.
    let zone = TimeZone::get("America/New_York").expect("a zone");
    let sunday = date(2026, 3, 8);
    let hours = [WorkingHours {
        weekday: Weekday::Sunday,
        start: time(1, 0, 0, 0),
        end: time(5, 0, 0, 0),
    }];
    let slots = free_slots(
        &zone,
        sunday,
        sunday,
        &hours,
        &[],
        &[],
        &request(30, Timestamp::UNIX_EPOCH),
    );
    let local: Vec<String> = slots
        .iter()
        .map(|s| {
            s.starts_at
                .to_zoned(zone.clone())
                .strftime("%H:%M %Z")
                .to_string()
        })
        .collect();
    assert_eq!(local, ["01:00 EST", "03:00 EDT", "04:00 EDT"]);
    // 01:00 EST to 03:00 EDT is one real hour: the clocks jumped from 02:00 to 03:00.
    assert_eq!(
        slots[0].starts_at.duration_until(slots[1].starts_at),
        SignedDuration::from_hours(1)
    );
}

#[test]
fn a_day_too_short_for_the_service_has_no_slot() {
    let monday = date(2025, 12, 8);
    let hours = [WorkingHours {
        weekday: Weekday::Monday,
        start: time(9, 0, 0, 0),
        end: time(12, 0, 0, 0),
    }];
    let slots = free_slots(
        &london(),
        monday,
        monday,
        &hours,
        &[],
        &[],
        &request(240, Timestamp::UNIX_EPOCH),
    );
    assert!(slots.is_empty());
}
