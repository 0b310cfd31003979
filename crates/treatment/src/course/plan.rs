//! The planner, the validator and rescheduling.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::events::ClientEvent;
use super::rules::{session_violations, Severity, Slot, Violation};
use super::{Course, PlannedSession, Purpose};
use crate::area::Area;
use crate::dates::add_days;
use crate::error::CourseError;
use crate::policy::Policy;

/// What a course is asked to be.
#[derive(Debug, Clone)]
pub struct CourseRequest {
    /// The area to treat.
    pub area: Area,
    /// The first day the first session may be.
    pub start: Date,
    /// How many sessions; the policy's default for the area when `None`.
    pub sessions: Option<u32>,
    /// The client's own plans to respect.
    pub events: Vec<ClientEvent>,
}

/// Plans a course: every session on the earliest date that keeps every rule.
///
/// Session 1 is on or after `start`; each next one at least `gap.min_days` later. A date
/// is skipped while a client event falls into one of its windows (sun, water, injectables,
/// peels and laser, transplants). The result passes [`validate`] without errors; a gap
/// longer than recommended is kept as a warning.
///
/// # Errors
/// [`CourseError::SessionCount`] for a session count outside the policy;
/// [`CourseError::Impossible`] when no date within `plan.horizon_days` keeps every rule,
/// naming the rule that blocked most dates.
///
/// # Example
/// ```
/// use jiff::civil::date;
/// use smp_treatment::{plan, Area, CourseRequest, Policy};
/// let request = CourseRequest { area: Area::Norwood5, start: date(2026, 12, 1), sessions: None, events: vec![] };
/// let course = plan(&Policy::default(), &request).unwrap();
/// assert_eq!(course.dates(), [date(2026, 12, 1), date(2026, 12, 15), date(2026, 12, 29)]);
/// ```
pub fn plan(policy: &Policy, request: &CourseRequest) -> Result<Course, CourseError> {
    let total = session_count(policy, request)?;
    let mut course = Course {
        area: request.area,
        sessions: Vec::with_capacity(total as usize),
        events: request.events.clone(),
        violations: Vec::new(),
    };
    place_from(policy, &mut course, total, 1, request.start)?;
    course.violations = validate(policy, &course.dates(), &course.events);
    Ok(course)
}

/// Moves session `number` of a course to `date` and re-plans every later session.
///
/// Earlier sessions stay where they are; later ones go to the earliest dates that keep
/// every rule after the moved one. The whole course is then validated again, so a moved
/// session that breaks a rule (a gap too short, a window around a client's plan) shows
/// up in `violations` with its rule id — and only the moved session can break one.
///
/// # Errors
/// [`CourseError::Impossible`] when a later session cannot be placed;
/// [`CourseError::SessionCount`] when `number` is not a session of the course.
pub fn reschedule(
    policy: &Policy,
    course: &Course,
    number: u32,
    date: Date,
) -> Result<Course, CourseError> {
    let total = course.sessions.len() as u32;
    if number == 0 || number > total {
        return Err(CourseError::SessionCount {
            requested: number,
            min: 1,
            max: total,
        });
    }
    let mut moved = course.clone();
    moved.sessions.truncate(number as usize - 1);
    moved
        .sessions
        .push(session(policy, course.area, number, total, date));
    if number < total {
        let next = add_days(date, i64::from(policy.gap_min_days));
        place_from(policy, &mut moved, total, number + 1, next)?;
    }
    moved.violations = validate(policy, &moved.dates(), &moved.events);
    Ok(moved)
}

/// Lists every rule a proposed course breaks: session count, gaps, and the windows around
/// the client's plans, each with its rule id and session.
///
/// # Example
/// ```
/// use jiff::civil::date;
/// use smp_treatment::{validate, Policy};
/// let broken = validate(&Policy::default(), &[date(2026, 12, 1), date(2026, 12, 8)], &[]);
/// assert_eq!(broken[0].rule, "gap.min_days");
/// assert_eq!(broken[0].session, Some(2));
/// ```
pub fn validate(policy: &Policy, dates: &[Date], events: &[ClientEvent]) -> Vec<Violation> {
    let mut out = Vec::new();
    let total = dates.len() as u32;
    let (min, max) = session_range(policy);
    if total < min || total > max {
        let rule = if total < min {
            "course.min_sessions"
        } else {
            "course.max_sessions"
        };
        out.push(Violation::new(
            rule,
            Severity::Error,
            None,
            format!("the course has {total} sessions; the policy allows {min} to {max}"),
        ));
    }
    for (i, &date) in dates.iter().enumerate() {
        let slot = Slot {
            number: i as u32 + 1,
            is_final: i + 1 == dates.len(),
            previous: i.checked_sub(1).map(|p| dates[p]),
        };
        out.extend(session_violations(policy, events, slot, date));
    }
    out
}

/// The number of sessions the request asks for, checked against the policy.
fn session_count(policy: &Policy, request: &CourseRequest) -> Result<u32, CourseError> {
    let requested = request
        .sessions
        .unwrap_or_else(|| policy.default_sessions(request.area));
    let (min, max) = session_range(policy);
    if requested < min || requested > max {
        return Err(CourseError::SessionCount {
            requested,
            min,
            max,
        });
    }
    Ok(requested)
}

fn session_range(policy: &Policy) -> (u32, u32) {
    (policy.course_min_sessions, policy.course_max_sessions)
}

fn session(policy: &Policy, area: Area, number: u32, total: u32, date: Date) -> PlannedSession {
    PlannedSession {
        number,
        date,
        length: policy.session_length(area.extent()),
        purpose: Purpose::of(area, number, total),
    }
}

/// Places sessions `first..=total` greedily, each on its earliest date that keeps every
/// rule. Earliest-first is optimal here: every rule only gets easier for a later date
/// given the same previous session, so no later choice can make an earlier one better.
fn place_from(
    policy: &Policy,
    course: &mut Course,
    total: u32,
    first: u32,
    from: Date,
) -> Result<(), CourseError> {
    let horizon = i64::from(policy.plan_horizon_days);
    let mut earliest = from;
    for number in first..=total {
        let previous = course.sessions.last().map(|s| s.date);
        if let Some(previous) = previous {
            earliest = earliest.max(add_days(previous, i64::from(policy.gap_min_days)));
        }
        let slot = Slot {
            number,
            is_final: number == total,
            previous,
        };
        let mut blockers: BTreeMap<&'static str, (usize, String)> = BTreeMap::new();
        let mut placed = None;
        for offset in 0..=horizon {
            let date = add_days(earliest, offset);
            let broken: Vec<Violation> = session_violations(policy, &course.events, slot, date)
                .into_iter()
                .filter(|v| v.severity == Severity::Error)
                .collect();
            if broken.is_empty() {
                placed = Some(date);
                break;
            }
            for violation in broken {
                let entry = blockers.entry(violation.rule).or_insert((0, String::new()));
                entry.0 += 1;
                entry.1 = violation.message;
            }
        }
        let Some(date) = placed else {
            let (rule, (_, reason)) = blockers
                .into_iter()
                .max_by_key(|(_, (count, _))| *count)
                .unwrap_or(("plan.horizon_days", (0, "no date tried".to_string())));
            return Err(CourseError::Impossible {
                session: number,
                from: earliest,
                horizon_days: policy.plan_horizon_days,
                rule,
                reason,
            });
        };
        course
            .sessions
            .push(session(policy, course.area, number, total, date));
        earliest = date;
    }
    Ok(())
}
