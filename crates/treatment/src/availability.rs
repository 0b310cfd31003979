//! Free times on a practitioner's calendar: working hours in the clinic's time zone, days
//! off, what is already booked, the service's length and buffers, and minimum notice.
//!
//! Pure: the caller passes the zone, "now" (as the earliest start) and the bookings.

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// One stretch of working time on a weekday, in the clinic's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkingHours {
    /// The day of the week.
    pub weekday: Weekday,
    /// When work starts.
    pub start: Time,
    /// When work ends (after `start`).
    pub end: Time,
}

/// Time the practitioner is already taken (an appointment with its buffers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy {
    /// From.
    pub from: Timestamp,
    /// Until.
    pub until: Timestamp,
}

/// What is to be booked, and from when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotRequest {
    /// How long the client is seen, minutes.
    pub minutes: i64,
    /// Minutes the practitioner is taken before.
    pub buffer_before: i64,
    /// Minutes the practitioner is taken after.
    pub buffer_after: i64,
    /// Offer a start every this many minutes from the start of working hours.
    pub step_minutes: i64,
    /// Nothing starts before this (now plus the clinic's minimum notice).
    pub earliest: Timestamp,
}

/// A free time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FreeSlot {
    /// When the client would be seen.
    pub starts_at: Timestamp,
    /// When they would leave.
    pub ends_at: Timestamp,
}

/// Every free start from day `from` to day `to` (both included, local dates): inside one
/// stretch of working hours from start to end, not on a day off, not before
/// `request.earliest`, and with its buffers clear of every `busy` time. Local times that do
/// not exist (a clock change's gap) are not offered.
pub fn free_slots(
    zone: &TimeZone,
    from: Date,
    to: Date,
    hours: &[WorkingHours],
    days_off: &[Date],
    busy: &[Busy],
    request: &SlotRequest,
) -> Vec<FreeSlot> {
    let mut slots = Vec::new();
    if request.minutes <= 0 || request.step_minutes <= 0 {
        return slots;
    }
    let length = SignedDuration::from_mins(request.minutes);
    let before = SignedDuration::from_mins(request.buffer_before.max(0));
    let after = SignedDuration::from_mins(request.buffer_after.max(0));
    let step = SignedDuration::from_mins(request.step_minutes);
    let mut day = from;
    while day <= to {
        if !days_off.contains(&day) {
            for stretch in hours
                .iter()
                .filter(|h| h.weekday == day.weekday() && h.start < h.end)
            {
                let mut local = day.to_datetime(stretch.start);
                let close = day.to_datetime(stretch.end);
                while local < close {
                    if let Some(slot) = slot_at(zone, local, close, length, request.earliest) {
                        let (from, until) = (slot.starts_at - before, slot.ends_at + after);
                        if busy.iter().all(|b| b.until <= from || until <= b.from) {
                            slots.push(slot);
                        }
                    }
                    match local.checked_add(step) {
                        Ok(next) => local = next,
                        Err(_) => break,
                    }
                }
            }
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    slots.sort_by_key(|s| s.starts_at);
    slots
}

/// The slot starting at local time `local` when it exists, ends by `close`, and is not
/// before `earliest`.
fn slot_at(
    zone: &TimeZone,
    local: jiff::civil::DateTime,
    close: jiff::civil::DateTime,
    length: SignedDuration,
    earliest: Timestamp,
) -> Option<FreeSlot> {
    let zoned = local.to_zoned(zone.clone()).ok()?;
    // In a gap the clock time does not exist: jiff moves it on; such a start is not offered.
    if zoned.datetime() != local {
        return None;
    }
    let starts_at = zoned.timestamp();
    let ends_at = starts_at.checked_add(length).ok()?;
    let close = close.to_zoned(zone.clone()).ok()?.timestamp();
    (ends_at <= close && starts_at >= earliest).then_some(FreeSlot { starts_at, ends_at })
}
