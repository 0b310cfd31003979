//! A course as the rules plan it, turned into what the store keeps: the course with its
//! plan sheet and quote, and one appointment per session on the practitioner's calendar.

use jiff::civil::Time;
use jiff::tz::TimeZone;
use smp_store::{NewAppointment, NewCourse, Service, Slot};
use smp_treatment::{plan, plan_sheet, CourseError, CourseRequest, Policy};

/// Who a course is for and how it looks, beside what the planner is asked.
#[derive(Debug, Clone)]
pub struct CourseFor<'a> {
    /// Whose.
    pub client_id: i64,
    /// Who treats.
    pub practitioner_id: i64,
    /// The hairline style's name (checked by the caller).
    pub hairline: &'a str,
    /// The client's events as kept (JSON).
    pub events_json: &'a str,
    /// The local time every session starts.
    pub time: Time,
    /// The service each session is booked as (its buffers count).
    pub service: &'a Service,
}

/// Why a course could not be built.
#[derive(Debug, thiserror::Error)]
pub enum CoursePlanError {
    /// The rules could not place it.
    #[error(transparent)]
    Rules(#[from] CourseError),
    /// A session's local time does not exist in the clinic's zone or its sheet could not
    /// be written.
    #[error("{0}")]
    Time(String),
}

/// Plans `request` with `policy` and returns the course to keep and its sessions to book
/// at `who.time` in `zone`.
///
/// # Errors
/// [`CoursePlanError`].
pub fn build_course(
    policy: &Policy,
    zone: &TimeZone,
    request: &CourseRequest,
    who: &CourseFor<'_>,
) -> Result<(NewCourse, Vec<NewAppointment>), CoursePlanError> {
    let course = plan(policy, request)?;
    let sheet = plan_sheet(policy, course.clone(), who.time, zone)?;
    let mut sessions = Vec::with_capacity(course.sessions.len());
    for session in &course.sessions {
        let starts_at = session
            .date
            .to_datetime(who.time)
            .to_zoned(zone.clone())
            .map_err(|e| CoursePlanError::Time(e.to_string()))?
            .timestamp();
        let ends_at =
            starts_at + jiff::SignedDuration::from_mins(i64::from(session.length.minutes()));
        sessions.push(NewAppointment {
            practitioner_id: who.practitioner_id,
            client_id: Some(who.client_id),
            service: who.service.code.clone(),
            course_id: None,
            session_number: Some(i64::from(session.number)),
            slot: Slot::with_buffers(
                starts_at,
                ends_at,
                who.service.buffer_before,
                who.service.buffer_after,
            ),
            note: String::new(),
        });
    }
    let new = NewCourse {
        client_id: who.client_id,
        practitioner_id: who.practitioner_id,
        area: request.area.name().to_owned(),
        hairline: who.hairline.to_owned(),
        sessions: course.sessions.len() as i64,
        events_json: who.events_json.to_owned(),
        plan_json: serde_json::to_string(&sheet)
            .map_err(|e| CoursePlanError::Time(e.to_string()))?,
        quote_total_minor: sheet.quote.total.minor.max(0),
        currency: sheet.quote.currency.code().to_owned(),
    };
    Ok((new, sessions))
}
