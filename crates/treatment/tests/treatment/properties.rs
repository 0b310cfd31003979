//! Property tests: whatever the client's plans, the planner's courses keep the rules.

use jiff::civil::{date, Date};
use jiff::ToSpan;
use proptest::prelude::*;
use smp_treatment::{
    plan, reschedule, validate, Area, ClientEvent, CourseError, CourseRequest, EventKind, Policy,
    Severity,
};

fn days(d: Date, n: i64) -> Date {
    d.checked_add(n.days()).unwrap()
}

fn gap(a: Date, b: Date) -> i64 {
    i64::from(a.until(b).unwrap().get_days())
}

fn any_area() -> impl Strategy<Value = Area> {
    proptest::sample::select(Area::ALL.to_vec())
}

fn any_event(start: Date) -> impl Strategy<Value = ClientEvent> {
    (
        proptest::sample::select(EventKind::ALL.to_vec()),
        -90i64..400,
        0i64..21,
    )
        .prop_map(move |(kind, offset, length)| ClientEvent {
            kind,
            date: days(start, offset),
            end: Some(days(start, offset + length)),
        })
}

fn any_request() -> impl Strategy<Value = CourseRequest> {
    (0i64..1500, any_area(), proptest::option::of(1u32..=4)).prop_flat_map(
        |(offset, area, sessions)| {
            let start = days(date(2026, 1, 1), offset);
            proptest::collection::vec(any_event(start), 0..5).prop_map(move |events| {
                CourseRequest {
                    area,
                    start,
                    sessions,
                    events,
                }
            })
        },
    )
}

fn any_policy() -> impl Strategy<Value = Policy> {
    (7u32..=21, 0u32..=14, 0u32..=20).prop_map(|(min, extra, water)| {
        let toml = format!(
            "gap.min_days = {min}\ngap.max_days = {}\nprecare.water_vacation_days = {water}\n",
            min + extra
        );
        Policy::from_toml("prop.toml", &toml).unwrap()
    })
}

fn errors(violations: &[smp_treatment::Violation]) -> Vec<&smp_treatment::Violation> {
    violations
        .iter()
        .filter(|v| v.severity == Severity::Error)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_planned_course_passes_the_validator(policy in any_policy(), request in any_request()) {
        match plan(&policy, &request) {
            Ok(course) => {
                let broken = validate(&policy, &course.dates(), &request.events);
                prop_assert!(errors(&broken).is_empty(), "{:?}", broken);
                prop_assert_eq!(&broken, &course.violations);
                prop_assert!(course.dates()[0] >= request.start);
            }
            Err(CourseError::Impossible { session, from, horizon_days, .. }) => {
                // The claim must be true: no date in the horizon keeps every rule.
                let course_before = plan(&policy, &CourseRequest { sessions: Some(session), ..request.clone() });
                prop_assert!(course_before.is_err());
                prop_assert!(horizon_days > 0);
                prop_assert!(from >= request.start);
            }
            Err(other) => prop_assert!(false, "unexpected {other}"),
        }
    }

    #[test]
    fn the_planner_never_leaves_a_gap_below_the_minimum(policy in any_policy(), request in any_request()) {
        if let Ok(course) = plan(&policy, &request) {
            for pair in course.dates().windows(2) {
                prop_assert!(gap(pair[0], pair[1]) >= i64::from(policy.gap_min_days));
            }
        }
    }

    #[test]
    fn moving_one_session_and_replanning_breaks_no_other_rule(
        policy in any_policy(),
        request in any_request(),
        which in 0usize..4,
        shift in -20i64..90,
    ) {
        let Ok(course) = plan(&policy, &request) else { return Ok(()); };
        let number = (which % course.sessions.len()) as u32 + 1;
        let new_date = days(course.sessions[number as usize - 1].date, shift);
        let Ok(moved) = reschedule(&policy, &course, number, new_date) else { return Ok(()); };
        prop_assert_eq!(moved.sessions.len(), course.sessions.len());
        prop_assert_eq!(moved.sessions[number as usize - 1].date, new_date);
        // Sessions before the moved one stay where they were.
        prop_assert_eq!(&moved.dates()[..number as usize - 1], &course.dates()[..number as usize - 1]);
        for violation in errors(&moved.violations) {
            prop_assert_eq!(violation.session, Some(number), "{:?}", violation);
        }
    }
}

#[test]
fn an_impossible_course_really_has_no_date_in_the_horizon() {
    let policy = Policy::from_toml("p.toml", "plan.horizon_days = 60\n").unwrap();
    let start = date(2026, 12, 1);
    let events = vec![ClientEvent {
        kind: EventKind::SunHoliday,
        date: start,
        end: Some(days(start, 120)),
    }];
    let request = CourseRequest {
        area: Area::Norwood2,
        start,
        sessions: Some(1),
        events: events.clone(),
    };
    assert!(matches!(
        plan(&policy, &request),
        Err(CourseError::Impossible { .. })
    ));
    for offset in 0..=60 {
        assert!(!validate(&policy, &[days(start, offset)], &events).is_empty());
    }
}
