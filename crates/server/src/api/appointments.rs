//! `/api/v1/appointments`: book (201, or 409 when the time is taken), read, move, cancel.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use smp_store::{Appointment, NewAppointment, Service, Staff};
use smp_treatment::{validate, Severity};

use crate::address::ClientAddress;
use crate::api::fields::{instant, optional_text};
use crate::auth::current::CurrentStaff;
use crate::auth::health::audit;
use crate::auth::roles::Permission;
use crate::error::{ApiError, BrokenRule};
use crate::extract::{parse_id, ApiJson};
use crate::reminder_mail::{or_none, ClientReminders};
use crate::state::AppState;

/// An appointment to book.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookBody {
    practitioner_id: i64,
    #[serde(default)]
    client_id: Option<i64>,
    service: String,
    starts_at: String,
    #[serde(default)]
    course_id: Option<i64>,
    #[serde(default)]
    session_number: Option<i64>,
    #[serde(default)]
    note: Option<String>,
}

/// A change to an appointment: a new start, or `"status": "cancelled"`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeBody {
    #[serde(default)]
    starts_at: Option<String>,
    #[serde(default)]
    status: Option<String>,
    /// Why a move that breaks course rules should happen anyway (kept in the audit log).
    #[serde(default)]
    override_reason: Option<String>,
}

/// An appointment as the API shows it.
#[derive(Debug, Serialize)]
pub struct AppointmentView {
    id: i64,
    practitioner_id: i64,
    client_id: Option<i64>,
    service: String,
    course_id: Option<i64>,
    session_number: Option<i64>,
    starts_at: Timestamp,
    ends_at: Timestamp,
    busy_from: Timestamp,
    busy_until: Timestamp,
    status: &'static str,
    note: String,
}

impl From<Appointment> for AppointmentView {
    fn from(a: Appointment) -> AppointmentView {
        let b = a.booked;
        AppointmentView {
            id: a.id,
            practitioner_id: b.practitioner_id,
            client_id: b.client_id,
            service: b.service,
            course_id: b.course_id,
            session_number: b.session_number,
            starts_at: b.slot.starts_at,
            ends_at: b.slot.ends_at,
            busy_from: b.slot.busy_from,
            busy_until: b.slot.busy_until,
            status: a.status.name(),
            note: b.note,
        }
    }
}

/// Moves an appointment to start at `starts_at`, keeping its length and buffers. A course
/// session is re-validated first: broken course rules refuse the move unless `reason` says
/// why it should happen anyway, which goes to the audit log with the rules' ids.
///
/// # Errors
/// [`ApiError::RulesBroken`], [`ApiError::SlotTaken`], [`ApiError::NotFound`].
pub(crate) async fn move_checked(
    state: &AppState,
    staff: &Staff,
    address: &str,
    id: i64,
    starts_at: Timestamp,
    reason: &str,
) -> Result<Appointment, ApiError> {
    let now = state.clock.now();
    let current = state.store.appointment(id).await?;
    if let Some(course_id) = current.booked.course_id {
        let broken = broken_course_rules(state, course_id, id, starts_at).await?;
        if !broken.is_empty() {
            if reason.is_empty() {
                return Err(ApiError::RulesBroken { violations: broken });
            }
            let rules: Vec<&str> = broken.iter().map(|b| b.rule.as_str()).collect();
            let detail = format!("rules {}: {reason}", rules.join(", "));
            audit(
                state,
                staff,
                address,
                "override",
                "appointment",
                Some(id),
                detail,
            )
            .await?;
        }
    }
    let reminders = ClientReminders::load(state, current.booked.client_id).await?;
    Ok(state
        .store
        .move_appointment(
            id,
            current.booked.slot.moved_to(starts_at),
            now,
            or_none(&reminders),
        )
        .await?)
}

/// The course rules (errors only) that moving appointment `moving` of course `course_id`
/// to `starts_at` would break, judged on the clinic's local dates.
async fn broken_course_rules(
    state: &AppState,
    course_id: i64,
    moving: i64,
    starts_at: Timestamp,
) -> Result<Vec<BrokenRule>, ApiError> {
    let course = state.store.course(course_id).await?;
    let zone = state.clinic_zone().await;
    let dates: Vec<jiff::civil::Date> = state
        .store
        .sessions_of_course(course_id)
        .await?
        .iter()
        .map(|a| {
            let at = if a.id == moving {
                starts_at
            } else {
                a.booked.slot.starts_at
            };
            at.to_zoned(zone.clone()).date()
        })
        .collect();
    let events: serde_json::Value =
        serde_json::from_str(&course.course.events_json).unwrap_or(serde_json::Value::Null);
    let (events, _) = crate::api::courses::events_of(Some(&events))?;
    Ok(validate(&state.policy().await, &dates, &events)
        .into_iter()
        .filter(|v| v.severity == Severity::Error)
        .map(|v| BrokenRule {
            rule: v.rule.to_owned(),
            session: v.session,
            message: v.message,
        })
        .collect())
}

/// The service with this code, or a 422 listing the known ones.
pub(crate) async fn service(state: &AppState, code: &str) -> Result<Service, ApiError> {
    if let Some(service) = state.store.service(code).await? {
        return Ok(service);
    }
    let known: Vec<String> = state
        .store
        .services()
        .await?
        .into_iter()
        .map(|s| s.code)
        .collect();
    Err(ApiError::invalid(
        "service",
        format!("unknown service {code:?}; known: {}", known.join(", ")),
    ))
}

/// `POST /api/v1/appointments`: 201 with the appointment, 409 when the practitioner is
/// already booked then (the database decides), 422 naming a bad field.
pub async fn book(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ApiJson(body): ApiJson<BookBody>,
) -> Result<impl IntoResponse, ApiError> {
    staff.require(Permission::Book)?;
    let starts_at = instant("starts_at", &body.starts_at)?;
    let service = service(&state, &body.service).await?;
    if body.session_number.is_some_and(|n| !(1..=10).contains(&n)) {
        return Err(ApiError::invalid(
            "session_number",
            "must be between 1 and 10",
        ));
    }
    let new = NewAppointment {
        practitioner_id: body.practitioner_id,
        client_id: body.client_id,
        service: service.code.clone(),
        course_id: body.course_id,
        session_number: body.session_number,
        slot: service.slot_at(starts_at),
        note: optional_text("note", body.note.as_deref(), 2000)?,
    };
    let reminders = ClientReminders::load(&state, new.client_id).await?;
    let booked = state
        .store
        .book(&new, state.clock.now(), or_none(&reminders))
        .await?;
    let location = format!("/api/v1/appointments/{}", booked.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(AppointmentView::from(booked)),
    ))
}

/// `GET /api/v1/appointments/{id}`.
pub async fn read(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Path(id): Path<String>,
) -> Result<Json<AppointmentView>, ApiError> {
    staff.require(Permission::SeeClients)?;
    let id = parse_id("appointment", &id)?;
    Ok(Json(state.store.appointment(id).await?.into()))
}

/// `PATCH /api/v1/appointments/{id}`: `{"starts_at": …}` moves it (409 when the new time
/// is taken), `{"status": "cancelled"}` cancels it.
pub async fn change(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ChangeBody>,
) -> Result<Json<AppointmentView>, ApiError> {
    staff.require(Permission::Book)?;
    let id = parse_id("appointment", &id)?;
    let now = state.clock.now();
    let changed = match (body.starts_at.as_deref(), body.status.as_deref()) {
        (Some(starts_at), None) => {
            let starts_at = instant("starts_at", starts_at)?;
            let reason = optional_text("override_reason", body.override_reason.as_deref(), 2000)?;
            move_checked(&state, &staff.0, &address, id, starts_at, &reason).await?
        }
        (None, Some("cancelled")) => state.store.cancel_appointment(id, now).await?,
        (None, Some(other)) => {
            return Err(ApiError::invalid(
                "status",
                format!("{other:?} is not a change; send \"cancelled\" to cancel"),
            ))
        }
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid(
                "status",
                "send either starts_at (to move) or status (to cancel), not both",
            ))
        }
        (None, None) => {
            return Err(ApiError::invalid(
                "starts_at",
                "send starts_at (to move) or status: \"cancelled\" (to cancel)",
            ))
        }
    };
    Ok(Json(changed.into()))
}
