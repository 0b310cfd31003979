//! `/api/v1/courses`: a course planned by the rules around the client's own events, priced,
//! and its sessions booked on the practitioner's calendar together or not at all.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use smp_store::{Appointment, Staff, StoredCourse};
use smp_treatment::{Area, ClientEvent, CourseError, CourseRequest};

use crate::address::ClientAddress;
use crate::api::appointments::{service, AppointmentView};
use crate::api::fields::{required_date, time_of_day};
use crate::auth::current::CurrentStaff;
use crate::auth::health::{audit_health, require_health_access};
use crate::course_plan::{build_course, CourseFor, CoursePlanError};
use crate::error::ApiError;
use crate::extract::{parse_id, ApiJson};
use crate::reminder_mail::{or_none, ClientReminders};
use crate::state::AppState;

/// A course to plan and book.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseBody {
    pub(crate) client_id: i64,
    pub(crate) practitioner_id: i64,
    pub(crate) area: String,
    #[serde(default)]
    pub(crate) hairline: Option<String>,
    #[serde(default)]
    pub(crate) sessions: Option<u32>,
    /// The first day session 1 may be (local date).
    pub(crate) start: String,
    /// The local time every session starts.
    pub(crate) time: String,
    /// The client's own plans (holidays, injectables, …), as in `smp plan --events`.
    #[serde(default)]
    pub(crate) events: Option<Value>,
}

/// A course as the API shows it.
#[derive(Debug, Serialize)]
pub struct CourseView {
    id: i64,
    client_id: i64,
    practitioner_id: i64,
    area: String,
    hairline: String,
    status: String,
    /// The plan as the rules wrote it: sessions with dates, lengths and purposes, the
    /// quote, care instructions, minoxidil dates and recall.
    plan: Value,
    /// The booked sessions.
    sessions: Vec<AppointmentView>,
}

pub(crate) fn view(course: StoredCourse, sessions: Vec<Appointment>) -> CourseView {
    CourseView {
        id: course.id,
        client_id: course.course.client_id,
        practitioner_id: course.course.practitioner_id,
        area: course.course.area,
        hairline: course.course.hairline,
        status: course.status,
        plan: serde_json::from_str(&course.course.plan_json).unwrap_or(Value::Null),
        sessions: sessions.into_iter().map(Into::into).collect(),
    }
}

/// The client's events from the body, checked like an events file.
pub(crate) fn events_of(value: Option<&Value>) -> Result<(Vec<ClientEvent>, String), ApiError> {
    let text = value.map_or_else(|| "[]".to_owned(), Value::to_string);
    let events = ClientEvent::parse_list("events", &text).map_err(|e| {
        let field = if e.path == "." {
            "events".to_owned()
        } else {
            format!("events{}", bracket(&e.path))
        };
        ApiError::invalid(field, e.message)
    })?;
    Ok((events, text))
}

/// `[0].kind` stays `[0].kind`; `kind` becomes `.kind`.
fn bracket(path: &str) -> String {
    if path.starts_with('[') {
        path.to_owned()
    } else {
        format!(".{path}")
    }
}

/// `POST /api/v1/courses`: 201 with the course, its plan and its booked sessions; 409
/// naming the session that overlaps another appointment (nothing is booked); 422 naming a
/// bad field or a course the rules cannot place.
pub async fn create(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    ApiJson(body): ApiJson<CourseBody>,
) -> Result<impl IntoResponse, ApiError> {
    let (stored, booked) = plan_and_book(&state, &staff.0, &body).await?;
    audit_health(&state, &staff.0, &address, "create", "course", stored.id).await?;
    let location = format!("/api/v1/courses/{}", stored.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(view(stored, booked)),
    ))
}

/// Plans a course with the rules, prices it and books its sessions (all or none), for a
/// staff member who may see the client's health data.
///
/// # Errors
/// 422 naming the field at fault, 403, or 409 naming the session that overlaps.
pub(crate) async fn plan_and_book(
    state: &AppState,
    staff: &Staff,
    body: &CourseBody,
) -> Result<(StoredCourse, Vec<Appointment>), ApiError> {
    let client = state.store.client(body.client_id).await.map_err(|_| {
        ApiError::invalid(
            "client_id",
            format!("there is no client {}", body.client_id),
        )
    })?;
    require_health_access(state, staff, &client).await?;
    state
        .store
        .practitioner(body.practitioner_id)
        .await
        .map_err(|_| {
            ApiError::invalid(
                "practitioner_id",
                format!("there is no practitioner {}", body.practitioner_id),
            )
        })?;
    let area = Area::parse(body.area.trim()).ok_or_else(|| {
        ApiError::invalid(
            "area",
            format!(
                "unknown area {:?}; known: {}",
                body.area,
                Area::known_names()
            ),
        )
    })?;
    let hairline = body
        .hairline
        .as_deref()
        .unwrap_or("modern")
        .trim()
        .to_owned();
    smp_design::HairlineStyle::parse(&hairline)
        .map_err(|e| ApiError::invalid("hairline", e.to_string()))?;
    let today = state.clinic_today().await;
    let start = required_date("start", &body.start)?;
    if start < today {
        return Err(ApiError::invalid("start", "is in the past"));
    }
    let time = time_of_day("time", &body.time)?;
    let (events, events_json) = events_of(body.events.as_ref())?;
    let policy = state.policy().await;
    let request = CourseRequest {
        area,
        start,
        sessions: body.sessions,
        events,
    };
    let zone = state.clinic_zone().await;
    let kind = if area.is_touch_up() {
        "touch_up"
    } else {
        "session"
    };
    let booked_service = service(state, kind).await?;
    let who = CourseFor {
        client_id: client.id,
        practitioner_id: body.practitioner_id,
        hairline: &hairline,
        events_json: &events_json,
        time,
        service: &booked_service,
    };
    let (new, sessions) = build_course(&policy, &zone, &request, &who).map_err(|e| match e {
        CoursePlanError::Rules(error) => course_error(error),
        CoursePlanError::Time(message) => ApiError::invalid("time", message),
    })?;
    let reminders = ClientReminders::load(state, Some(client.id))
        .await?
        .map(|r| r.in_course_of(new.sessions));
    Ok(state
        .store
        .create_course(&new, &sessions, state.clock.now(), or_none(&reminders))
        .await?)
}

/// A planner's refusal as a 422 naming the field at fault.
fn course_error(error: CourseError) -> ApiError {
    let field = match &error {
        CourseError::SessionCount { .. } => "sessions",
        _ => "start",
    };
    ApiError::invalid(field, error.to_string())
}

/// `GET /api/v1/courses/{id}`.
pub async fn read(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
) -> Result<Json<CourseView>, ApiError> {
    let course = state.store.course(parse_id("course", &id)?).await?;
    let client = state.store.client(course.course.client_id).await?;
    require_health_access(&state, &staff.0, &client).await?;
    let sessions = state.store.sessions_of_course(course.id).await?;
    audit_health(&state, &staff.0, &address, "read", "course", course.id).await?;
    Ok(Json(view(course, sessions)))
}
