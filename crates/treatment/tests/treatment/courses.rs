//! Planning, validating and rescheduling courses around the client's plans.

use jiff::civil::{date, Date};
use smp_treatment::{
    plan, plan_sheet, reschedule, validate, Area, ClientEvent, CourseError, CourseRequest,
    EventKind, Policy, Purpose, Severity,
};

use super::support::policy_with;

const START: Date = date(2026, 12, 1);

fn request(area: Area, events: Vec<ClientEvent>) -> CourseRequest {
    CourseRequest {
        area,
        start: START,
        sessions: None,
        events,
    }
}

fn event(kind: EventKind, from: Date, to: Date) -> ClientEvent {
    ClientEvent {
        kind,
        date: from,
        end: Some(to),
    }
}

fn dates_with(events: Vec<ClientEvent>) -> Vec<Date> {
    plan(&Policy::default(), &request(Area::Norwood5, events))
        .unwrap()
        .dates()
}

#[test]
fn a_plain_course_has_three_sessions_at_the_minimum_gap() {
    let course = plan(&Policy::default(), &request(Area::Norwood5, vec![])).unwrap();
    assert_eq!(
        course.dates(),
        [date(2026, 12, 1), date(2026, 12, 15), date(2026, 12, 29)]
    );
    let purposes: Vec<Purpose> = course.sessions.iter().map(|s| s.purpose).collect();
    assert_eq!(
        purposes,
        [Purpose::Foundation, Purpose::Density, Purpose::Refinement]
    );
    assert!(course.violations.is_empty());
}

#[test]
fn a_touch_up_is_one_session() {
    let course = plan(&Policy::default(), &request(Area::TouchUp, vec![])).unwrap();
    assert_eq!(course.sessions.len(), 1);
    assert_eq!(course.sessions[0].purpose, Purpose::TouchUp);
}

#[test]
fn session_count_outside_the_policy_is_refused() {
    let mut req = request(Area::Norwood5, vec![]);
    req.sessions = Some(5);
    let err = plan(&Policy::default(), &req).unwrap_err();
    assert_eq!(
        err,
        CourseError::SessionCount {
            requested: 5,
            min: 1,
            max: 4
        }
    );
    assert!(err.to_string().contains("course.max_sessions"));
}

#[test]
fn no_session_within_a_week_before_a_water_vacation_nor_a_swim_while_healing() {
    // Vacation on 10-17 Dec: session 1 (1 Dec) would still be healing (no pools until day 10).
    let dates = dates_with(vec![event(
        EventKind::WaterVacation,
        date(2026, 12, 10),
        date(2026, 12, 17),
    )]);
    assert_eq!(dates[0], date(2026, 12, 18));
}

#[test]
fn a_clinic_with_a_longer_water_vacation_rule_moves_sessions_further() {
    let policy = policy_with("precare.water_vacation_days = 20\n");
    let course = plan(
        &policy,
        &request(
            Area::Norwood5,
            vec![ClientEvent::on(
                EventKind::WaterVacation,
                date(2026, 12, 20),
            )],
        ),
    )
    .unwrap();
    // Default: 1 Dec is fine (healed by 11 Dec); with 20 days, 1 Dec is within 20 days before.
    assert_eq!(course.dates()[0], date(2026, 12, 21));
}

#[test]
fn the_final_session_keeps_28_days_clear_of_pools_before_a_water_vacation() {
    // A vacation on 5 Jan: the third session (29 Dec) would be final and within 28 days.
    let dates = dates_with(vec![ClientEvent::on(
        EventKind::WaterVacation,
        date(2027, 1, 5),
    )]);
    assert_eq!(
        dates,
        [date(2026, 12, 1), date(2026, 12, 15), date(2027, 1, 6)]
    );
}

#[test]
fn sun_holidays_keep_thirty_days_clear_on_both_sides() {
    let dates = dates_with(vec![event(
        EventKind::SunHoliday,
        date(2026, 12, 20),
        date(2026, 12, 27),
    )]);
    // The 30 days after 1 Dec reach into the holiday, so session 1 waits until the holiday
    // is 30 days past.
    assert_eq!(dates[0], date(2027, 1, 26));
    let dates = dates_with(vec![event(
        EventKind::SunHoliday,
        date(2026, 11, 20),
        date(2026, 11, 22),
    )]);
    assert_eq!(dates[0], date(2026, 12, 22));
}

#[test]
fn injectables_keep_two_weeks_on_both_sides() {
    for kind in [EventKind::Botox, EventKind::Filler] {
        let dates = dates_with(vec![ClientEvent::on(kind, date(2026, 12, 10))]);
        assert_eq!(dates[0], date(2026, 12, 24), "{kind}");
    }
}

#[test]
fn peels_and_laser_keep_sixty_days_on_both_sides() {
    for kind in [EventKind::ChemicalPeel, EventKind::Laser] {
        let dates = dates_with(vec![ClientEvent::on(kind, date(2026, 11, 15))]);
        assert_eq!(dates[0], date(2027, 1, 14), "{kind}");
    }
}

#[test]
fn a_planned_transplant_needs_a_month_after_smp_or_a_year_before_it() {
    // Transplant on 20 Jan 2027: session 3 (29 Dec) is within 30 days, and no date up to the
    // transplant's anniversary works for it after that.
    let dates = dates_with(vec![ClientEvent::on(
        EventKind::HairTransplant,
        date(2027, 1, 20),
    )]);
    assert_eq!(dates[..2], [date(2026, 12, 1), date(2026, 12, 15)]);
    assert_eq!(dates[2], date(2028, 1, 20));
    let course = plan(
        &Policy::default(),
        &request(
            Area::Norwood5,
            vec![ClientEvent::on(
                EventKind::HairTransplant,
                date(2027, 1, 20),
            )],
        ),
    )
    .unwrap();
    assert!(course
        .violations
        .iter()
        .any(|v| v.rule == "gap.max_days" && v.severity == Severity::Warning));
}

#[test]
fn a_course_that_cannot_fit_in_the_horizon_names_the_rule_that_blocks_it() {
    let err = plan(
        &Policy::default(),
        &request(
            Area::Norwood5,
            vec![event(
                EventKind::SunHoliday,
                date(2026, 11, 1),
                date(2029, 1, 1),
            )],
        ),
    )
    .unwrap_err();
    match err {
        CourseError::Impossible { session, rule, .. } => {
            assert_eq!(session, 1);
            assert!(
                rule == "precare.sun_days" || rule == "aftercare.no_sun_days",
                "{rule}"
            );
        }
        other => panic!("expected Impossible, got {other:?}"),
    }
}

#[test]
fn the_validator_lists_every_broken_rule_with_its_session() {
    let events = vec![
        ClientEvent::on(EventKind::Botox, date(2026, 12, 5)),
        ClientEvent::on(EventKind::WaterVacation, date(2026, 12, 20)),
    ];
    let broken = validate(
        &Policy::default(),
        &[date(2026, 12, 1), date(2026, 12, 10)],
        &events,
    );
    let ids: Vec<(&str, Option<u32>)> = broken.iter().map(|v| (v.rule, v.session)).collect();
    assert!(
        ids.contains(&("aftercare.injectables_days", Some(1))),
        "{ids:?}"
    );
    assert!(ids.contains(&("gap.min_days", Some(2))), "{ids:?}");
    assert!(
        ids.contains(&("precare.injectables_days", Some(2))),
        "{ids:?}"
    );
    assert!(
        ids.contains(&("aftercare.final_no_pool_sauna_days", Some(2))),
        "{ids:?}"
    );
    assert!(broken.iter().all(|v| !v.sources.is_empty()));
}

#[test]
fn too_many_or_too_few_sessions_break_the_course_rules() {
    let policy = policy_with("course.min_sessions = 2\n");
    let broken = validate(&policy, &[START], &[]);
    assert_eq!(broken[0].rule, "course.min_sessions");
    let five: Vec<Date> = (0..5)
        .map(|i| START.checked_add(jiff::Span::new().days(14 * i)).unwrap())
        .collect();
    assert_eq!(
        validate(&Policy::default(), &five, &[])[0].rule,
        "course.max_sessions"
    );
}

#[test]
fn a_gap_longer_than_recommended_is_only_a_warning() {
    let broken = validate(&Policy::default(), &[START, date(2027, 1, 1)], &[]);
    assert_eq!(broken.len(), 1);
    assert_eq!(
        (broken[0].rule, broken[0].severity),
        ("gap.max_days", Severity::Warning)
    );
}

#[test]
fn moving_a_session_replans_the_later_ones_and_revalidates() {
    let policy = Policy::default();
    let course = plan(&policy, &request(Area::Norwood5, vec![])).unwrap();
    let moved = reschedule(&policy, &course, 2, date(2026, 12, 22)).unwrap();
    assert_eq!(
        moved.dates(),
        [date(2026, 12, 1), date(2026, 12, 22), date(2027, 1, 5)]
    );
    assert!(moved.violations.is_empty());
    // Moving too close breaks exactly the gap rule of the moved session.
    let too_soon = reschedule(&policy, &course, 2, date(2026, 12, 8)).unwrap();
    let ids: Vec<(&str, Option<u32>)> = too_soon
        .violations
        .iter()
        .map(|v| (v.rule, v.session))
        .collect();
    assert_eq!(ids, [("gap.min_days", Some(2))]);
    assert_eq!(too_soon.dates()[2], date(2026, 12, 22));
}

#[test]
fn moving_a_session_that_does_not_exist_is_refused() {
    let policy = Policy::default();
    let course = plan(&policy, &request(Area::Norwood5, vec![])).unwrap();
    assert!(reschedule(&policy, &course, 4, START).is_err());
    assert!(reschedule(&policy, &course, 0, START).is_err());
}

#[test]
fn the_plan_sheet_prices_times_minoxidil_and_recall() {
    let policy = Policy::default();
    let course = plan(&policy, &request(Area::Norwood7, vec![])).unwrap();
    let tz = jiff::tz::TimeZone::get("Europe/Paris").unwrap();
    let sheet = plan_sheet(&policy, course, policy.plan_session_time, &tz).unwrap();
    assert_eq!(sheet.sessions[0].starts, "2026-12-01T10:00");
    assert_eq!(sheet.sessions[0].ends, "2026-12-01T15:00");
    assert_eq!(sheet.quote.total.minor, 3 * 130_000 - 5_000);
    assert_eq!(sheet.quote.lines.last().unwrap().amount.minor, -5_000);
    let minoxidil = sheet.minoxidil.unwrap();
    assert_eq!(
        (minoxidil.stop, minoxidil.restart),
        (date(2026, 12, 1), date(2027, 1, 28))
    );
    assert_eq!(sheet.recall.unwrap().first, date(2030, 12, 29));
    assert!(sheet.sessions[2].care.is_final);
    assert!(!sheet.sessions[1].care.is_final);
}

#[test]
fn women_with_diffuse_thinning_are_not_asked_to_shave() {
    let policy = Policy::default();
    let tz = jiff::tz::TimeZone::UTC;
    for (area, asked) in [
        (Area::Diffuse, false),
        (Area::Ludwig2, false),
        (Area::Norwood5, true),
    ] {
        let course = plan(&policy, &request(area, vec![])).unwrap();
        let sheet = plan_sheet(&policy, course, policy.plan_session_time, &tz).unwrap();
        let shave = sheet.sessions[0]
            .care
            .precare
            .iter()
            .any(|i| i.rule == "precare.shave");
        assert_eq!(shave, asked, "{area}");
    }
}
