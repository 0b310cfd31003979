//! `/api/v1/appointments/{id}/record`: what was done at a session (health data, audited).

use axum::extract::{Path, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use smp_store::{SessionRecord, SessionRecordFields};

use crate::address::ClientAddress;
use crate::api::fields::{optional_text, required_text};
use crate::auth::current::CurrentStaff;
use crate::auth::health::{audit_health, require_health_access};
use crate::error::ApiError;
use crate::extract::{parse_id, ApiJson};
use crate::state::AppState;

/// A session record as sent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordBody {
    pub(crate) pigment: String,
    pub(crate) dilution: String,
    pub(crate) needle: String,
    pub(crate) areas: String,
    pub(crate) dots: i64,
    pub(crate) minutes: i64,
    #[serde(default)]
    pub(crate) notes: Option<String>,
    #[serde(default)]
    pub(crate) next_changes: Option<String>,
}

/// A session record as the API shows it.
#[derive(Debug, Serialize)]
pub struct RecordView {
    id: i64,
    appointment_id: i64,
    client_id: i64,
    pigment: String,
    dilution: String,
    needle: String,
    areas: String,
    dots: i64,
    minutes: i64,
    notes: String,
    next_changes: String,
    updated_at: jiff::Timestamp,
}

impl From<SessionRecord> for RecordView {
    fn from(r: SessionRecord) -> RecordView {
        let f = r.fields;
        RecordView {
            id: r.id,
            appointment_id: r.appointment_id,
            client_id: r.client_id,
            pigment: f.pigment,
            dilution: f.dilution,
            needle: f.needle,
            areas: f.areas,
            dots: f.dots,
            minutes: f.minutes,
            notes: f.notes,
            next_changes: f.next_changes,
            updated_at: r.updated_at,
        }
    }
}

impl RecordBody {
    /// The checked fields, or the first problem named by its field.
    pub(crate) fn check(&self) -> Result<SessionRecordFields, ApiError> {
        if !(0..=200_000).contains(&self.dots) {
            return Err(ApiError::invalid("dots", "must be between 0 and 200000"));
        }
        if !(1..=600).contains(&self.minutes) {
            return Err(ApiError::invalid("minutes", "must be between 1 and 600"));
        }
        Ok(SessionRecordFields {
            pigment: required_text("pigment", &self.pigment, 200)?,
            dilution: required_text("dilution", &self.dilution, 200)?,
            needle: required_text("needle", &self.needle, 200)?,
            areas: required_text("areas", &self.areas, 500)?,
            dots: self.dots,
            minutes: self.minutes,
            notes: optional_text("notes", self.notes.as_deref(), 4000)?,
            next_changes: optional_text("next_changes", self.next_changes.as_deref(), 4000)?,
        })
    }
}

/// The appointment and its client, when the caller may see the client's health data.
async fn session_client(
    state: &AppState,
    staff: &CurrentStaff,
    id: &str,
) -> Result<(i64, i64), ApiError> {
    let appointment = state
        .store
        .appointment(parse_id("appointment", id)?)
        .await?;
    let client_id = appointment
        .booked
        .client_id
        .ok_or_else(|| ApiError::invalid("appointment", "has no client to record a session for"))?;
    let client = state.store.client(client_id).await?;
    require_health_access(state, &staff.0, &client).await?;
    Ok((appointment.id, client_id))
}

/// `PUT /api/v1/appointments/{id}/record`: saves (or replaces) the session's record.
pub async fn save(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<RecordBody>,
) -> Result<Json<RecordView>, ApiError> {
    let (appointment_id, client_id) = session_client(&state, &staff, &id).await?;
    let fields = body.check()?;
    let saved = state
        .store
        .save_session_record(
            appointment_id,
            client_id,
            &fields,
            Some(staff.0.id),
            state.clock.now(),
        )
        .await?;
    audit_health(
        &state,
        &staff.0,
        &address,
        "write",
        "session_record",
        saved.id,
    )
    .await?;
    Ok(Json(saved.into()))
}

/// `GET /api/v1/appointments/{id}/record`.
pub async fn read(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
) -> Result<Json<RecordView>, ApiError> {
    let (appointment_id, _) = session_client(&state, &staff, &id).await?;
    let record = state
        .store
        .session_record(appointment_id)
        .await?
        .ok_or(ApiError::NotFound {
            what: "session record of appointment",
            id: appointment_id.to_string(),
        })?;
    audit_health(
        &state,
        &staff.0,
        &address,
        "read",
        "session_record",
        record.id,
    )
    .await?;
    Ok(Json(record.into()))
}
