//! A planned course written out for the client: times, quote, care, medicines and recall.

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::care::{care_sheet, CareSheet};
use crate::course::{Course, PlannedSession};
use crate::dates::{add_days, add_years};
use crate::error::CourseError;
use crate::money::{Money, Quote};
use crate::policy::Policy;

/// One session with its local times and its care instructions.
#[derive(Debug, Clone, Serialize)]
pub struct SessionSheet {
    /// The session.
    #[serde(flatten)]
    pub session: PlannedSession,
    /// Local start, `2026-12-09T10:00`.
    pub starts: String,
    /// Local end.
    pub ends: String,
    /// The instructions around it.
    pub care: CareSheet,
}

/// When minoxidil stops and starts again around a course.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct MinoxidilDates {
    /// The first day without it: the first session's day.
    pub stop: Date,
    /// The day it may start again.
    pub restart: Date,
}

/// When the client is recalled for a touch-up.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Recall {
    /// The first touch-up offer.
    pub first: Date,
    /// Years between reminders after that.
    pub then_every_years: u32,
}

/// Everything `smp plan` prints about a course.
#[derive(Debug, Clone, Serialize)]
pub struct PlanSheet {
    /// The course, with the rules it breaks.
    pub course: Course,
    /// The clinic's time zone.
    pub time_zone: String,
    /// Each session with times and care.
    pub sessions: Vec<SessionSheet>,
    /// The price.
    pub quote: Quote,
    /// Minoxidil stop and restart, when the policy suspends it.
    pub minoxidil: Option<MinoxidilDates>,
    /// The first touch-up recall.
    pub recall: Option<Recall>,
}

/// Writes out a course with sessions starting at `time` in `tz`.
///
/// # Errors
/// [`CourseError::DateOutOfRange`] when a session's start or end cannot be represented in
/// the time zone (near the end of the calendar).
pub fn plan_sheet(
    policy: &Policy,
    course: Course,
    time: Time,
    tz: &TimeZone,
) -> Result<PlanSheet, CourseError> {
    let total = course.sessions.len();
    let mut sessions = Vec::with_capacity(total);
    for session in &course.sessions {
        let out_of_range = |err: jiff::Error| {
            CourseError::DateOutOfRange(format!(
                "session {} on {}: {err}",
                session.number, session.date
            ))
        };
        let start = session
            .date
            .to_datetime(time)
            .to_zoned(tz.clone())
            .map_err(out_of_range)?;
        let end = start
            .checked_add(jiff::Span::new().minutes(i64::from(session.length.minutes())))
            .map_err(out_of_range)?;
        let mut care = care_sheet(policy, &start, session.number as usize == total);
        if course.area.keeps_hair_long() {
            care.precare.retain(|i| i.rule != "precare.shave");
        }
        sessions.push(SessionSheet {
            session: session.clone(),
            starts: local(&start),
            ends: local(&end),
            care,
        });
    }
    let currency = policy.price_currency;
    let price = Money::new(policy.session_price(course.area.extent()) as i64, currency);
    let prices = vec![price; total];
    let credit = (policy.consultation_credited && !course.area.is_touch_up())
        .then(|| Money::new(policy.consultation_fee as i64, currency));
    let quote = Quote::new(&prices, credit, currency);
    let first = course.sessions.first().map(|s| s.date);
    let last = course.final_date();
    let minoxidil = match (first, last) {
        (Some(stop), Some(last)) if policy.minoxidil_suspend => Some(MinoxidilDates {
            stop,
            restart: add_days(last, i64::from(policy.minoxidil_restart_days)),
        }),
        _ => None,
    };
    let recall = last.map(|last| Recall {
        first: add_years(last, policy.recall_first_years),
        then_every_years: policy.recall_repeat_years,
    });
    Ok(PlanSheet {
        time_zone: tz.iana_name().unwrap_or("UTC").to_string(),
        course,
        sessions,
        quote,
        minoxidil,
        recall,
    })
}

fn local(at: &jiff::Zoned) -> String {
    at.strftime("%Y-%m-%dT%H:%M").to_string()
}
