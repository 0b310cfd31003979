//! The rules one session date must keep: gaps and the windows around the client's plans.

use jiff::civil::Date;
use serde::Serialize;

use super::events::{ClientEvent, EventKind};
use crate::dates::{add_days, days_between, human};
use crate::policy::{Policy, RuleSpec};
use crate::source::Source;

/// How serious a broken rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A recommendation not followed; the course may go ahead.
    Warning,
    /// A rule broken; the course needs a change or an override with a reason.
    Error,
}

/// A rule a course breaks, with the session it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// The policy rule's id.
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// The session (1-based) it concerns, when it concerns one.
    pub session: Option<u32>,
    /// What is wrong, in a sentence.
    pub message: String,
    /// The sources of the rule.
    pub sources: &'static [Source],
}

impl Violation {
    pub(crate) fn new(
        rule: &'static str,
        severity: Severity,
        session: Option<u32>,
        message: String,
    ) -> Violation {
        Violation {
            rule,
            severity,
            session,
            message,
            sources: RuleSpec::find(rule).map_or(&[][..], |r| r.sources),
        }
    }
}

/// A session's place in its course, which decides the rules that apply to it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    /// Its number (1-based).
    pub number: u32,
    /// Whether it is the final session of the course.
    pub is_final: bool,
    /// The date of the session before it.
    pub previous: Option<Date>,
}

/// Every rule a session on `date` in `slot` breaks, given the client's events.
pub(crate) fn session_violations(
    policy: &Policy,
    events: &[ClientEvent],
    slot: Slot,
    date: Date,
) -> Vec<Violation> {
    let mut out = Vec::new();
    let number = Some(slot.number);
    if let Some(previous) = slot.previous {
        let gap = days_between(previous, date);
        if gap < i64::from(policy.gap_min_days) {
            out.push(Violation::new(
                "gap.min_days",
                Severity::Error,
                number,
                format!(
                    "session {} on {} is {gap} days after the one before; at least {} days are needed so the healed area can be evaluated",
                    slot.number,
                    human(date),
                    policy.gap_min_days
                ),
            ));
        } else if gap > i64::from(policy.gap_max_days) {
            out.push(Violation::new(
                "gap.max_days",
                Severity::Warning,
                number,
                format!(
                    "session {} on {} is {gap} days after the one before; {} days at most are recommended",
                    slot.number,
                    human(date),
                    policy.gap_max_days
                ),
            ));
        }
    }
    for event in events {
        for window in windows(policy, event.kind, slot.is_final, date) {
            if overlaps(window.first, window.last, event.date, event.last_day()) {
                out.push(Violation::new(
                    window.rule,
                    Severity::Error,
                    number,
                    format!(
                        "session {} on {}: {} ({} to {})",
                        slot.number,
                        human(date),
                        window.reason,
                        event.date,
                        event.last_day()
                    ),
                ));
            }
        }
    }
    out
}

/// Days around a session on which an event of some kind must not fall.
struct Window {
    rule: &'static str,
    first: Date,
    last: Date,
    reason: &'static str,
}

/// The windows around a session on `s` that an event of `kind` must stay out of.
fn windows(policy: &Policy, kind: EventKind, is_final: bool, s: Date) -> Vec<Window> {
    // "At least N days before" lets an event exactly N days before the session through, as
    // screening's waiting periods do: the window is the N-1 days before and the day itself.
    let before = |days: u32| add_days(s, 1 - i64::from(days.max(1)));
    // "Until day N" forbids days 0 .. N-1 after the session.
    let after = |days: u32| add_days(s, i64::from(days.max(1)) - 1);
    let window = |rule, first, last, reason| Window {
        rule,
        first,
        last,
        reason,
    };
    match kind {
        EventKind::WaterVacation => {
            let (pool_rule, pool_days) = if is_final {
                (
                    "aftercare.final_no_pool_sauna_days",
                    policy.aftercare_final_no_pool_sauna_days,
                )
            } else {
                (
                    "aftercare.no_pool_sauna_days",
                    policy.aftercare_no_pool_sauna_days,
                )
            };
            vec![
                window(
                    "precare.water_vacation_days",
                    s,
                    add_days(s, i64::from(policy.precare_water_vacation_days)),
                    "no session within a week before a water vacation",
                ),
                window(
                    pool_rule,
                    s,
                    after(pool_days),
                    "no swimming while the scalp heals",
                ),
            ]
        }
        EventKind::SunHoliday => vec![
            window(
                "precare.sun_days",
                before(policy.precare_sun_days),
                s,
                "no sun on the scalp before a session",
            ),
            window(
                "aftercare.no_sun_days",
                s,
                after(policy.aftercare_no_sun_days),
                "no sun on the scalp after a session",
            ),
        ],
        EventKind::Botox | EventKind::Filler => vec![
            window(
                "precare.injectables_days",
                before(policy.precare_injectables_days),
                s,
                "no Botox or fillers before a session",
            ),
            window(
                "aftercare.injectables_days",
                s,
                after(policy.aftercare_injectables_days),
                "no Botox or fillers after a session",
            ),
        ],
        EventKind::ChemicalPeel | EventKind::Laser => vec![
            window(
                "precare.peel_laser_days",
                before(policy.precare_peel_laser_days),
                s,
                "no chemical peel or laser before a session",
            ),
            window(
                "aftercare.peel_laser_days",
                s,
                after(policy.aftercare_peel_laser_days),
                "no chemical peel or laser after a session",
            ),
        ],
        EventKind::HairTransplant => {
            // A transplant on day t forbids sessions from t until t + 12 months (exclusive).
            let months = policy.precare_hair_transplant_months;
            let first = add_days(months_before(s, months), 1);
            vec![
                window(
                    "precare.hair_transplant_months",
                    first,
                    s,
                    "a session only a year after a hair transplant",
                ),
                window(
                    "aftercare.hair_transplant_days",
                    s,
                    after(policy.aftercare_hair_transplant_days),
                    "a hair transplant only a month after a session",
                ),
            ]
        }
    }
}

/// `s` moved back by whole months: a transplant after that day is too recent for `s`.
fn months_before(s: Date, months: u32) -> Date {
    s.checked_sub(jiff::Span::new().months(i64::from(months)))
        .unwrap_or(Date::MIN)
}

/// Whether the inclusive day ranges `[a1, a2]` and `[b1, b2]` share a day.
fn overlaps(a1: Date, a2: Date, b1: Date, b2: Date) -> bool {
    a1 <= b2 && b1 <= a2
}
