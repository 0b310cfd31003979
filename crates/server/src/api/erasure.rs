//! A client's data as a whole: the export of everything held about them, their request to
//! be erased, and the owner's answer.
//!
//! - `GET /api/v1/clients/{id}/export` (staff who may see the client's health data): the
//!   JSON export, audited.
//! - `GET /api/v1/erasure-requests` (owners): clients waiting to be erased.
//! - `DELETE /api/v1/clients/{id}` (owners): erases the client; 200 with what went.
//! - `POST /api/v1/clients/{id}/erasure-request/decline` (owners), body `{"reason": …}`:
//!   declines the request and emails the client the reason; 204.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde::{Deserialize, Serialize};
use smp_store::ClientHoldings;

use crate::address::ClientAddress;
use crate::auth::current::CurrentStaff;
use crate::auth::health::{audit_health, require_health_access};
use crate::client_erasure::{decline as decline_request, erase as erase_client, require_eraser};
use crate::client_export::{attachment, export as gather};
use crate::error::ApiError;
use crate::extract::{parse_id, ApiJson};
use crate::state::AppState;

/// `GET /api/v1/clients/{id}/export`: everything held about the client, as an attachment.
pub async fn export(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id("client", &id)?;
    let client = state.store.client(id).await?;
    require_health_access(&state, &staff.0, &client).await?;
    let document = gather(&state, client).await?;
    audit_health(&state, &staff.0, &address, "export", "client", id).await?;
    Ok(attachment(document))
}

/// A client waiting to be erased.
#[derive(Debug, Serialize)]
pub struct RequestView {
    client_id: i64,
    name: String,
    requested_at: jiff::Timestamp,
}

/// `GET /api/v1/erasure-requests` (owners): oldest first.
pub async fn requests(
    State(state): State<AppState>,
    staff: CurrentStaff,
) -> Result<Json<Vec<RequestView>>, ApiError> {
    require_eraser(&staff.0)?;
    let list = state.store.erasure_requests().await?;
    Ok(Json(
        list.into_iter()
            .map(|r| RequestView {
                client_id: r.client_id,
                name: r.name,
                requested_at: r.requested_at,
            })
            .collect(),
    ))
}

/// What the clinic held about a client: what an erasure removed or a merge moved.
#[derive(Debug, Serialize)]
pub struct HoldingsView {
    appointments: i64,
    screenings: i64,
    courses: i64,
    session_records: i64,
    payments: i64,
    photos: i64,
    design_versions: i64,
    messages: i64,
    online_requests: i64,
}

impl From<ClientHoldings> for HoldingsView {
    fn from(e: ClientHoldings) -> HoldingsView {
        HoldingsView {
            appointments: e.appointments,
            screenings: e.screenings,
            courses: e.courses,
            session_records: e.records,
            payments: e.payments,
            photos: e.photos,
            design_versions: e.design_versions,
            messages: e.messages,
            online_requests: e.online_requests,
        }
    }
}

/// `DELETE /api/v1/clients/{id}` (owners): erases the client and everything held about
/// them; the audit log keeps one entry counting what went.
pub async fn erase(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
) -> Result<Json<HoldingsView>, ApiError> {
    let id = parse_id("client", &id)?;
    let erased = erase_client(&state, &staff.0, &address, id).await?;
    Ok(Json(erased.into()))
}

/// The body of a decline.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclineBody {
    #[serde(default)]
    reason: String,
}

/// `POST /api/v1/clients/{id}/erasure-request/decline` (owners): 204; the client is sent the
/// reason.
pub async fn decline(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DeclineBody>,
) -> Result<StatusCode, ApiError> {
    let id = parse_id("client", &id)?;
    decline_request(&state, &staff.0, &address, id, &body.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}
