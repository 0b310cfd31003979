//! `/api/v1/practitioners/{id}/calendar-feed` and `/api/v1/clients/{id}/calendar-feed`:
//! make (or remake) and revoke the secret URL a calendar app subscribes to.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use smp_store::FeedOwner;

use crate::auth::current::CurrentStaff;
use crate::auth::roles::Permission;
use crate::calendar_feed::create_feed;
use crate::error::ApiError;
use crate::state::AppState;

/// A feed just made: its URL, shown this once.
#[derive(Debug, Serialize)]
pub struct FeedView {
    url: String,
}

/// `POST /api/v1/practitioners/{id}/calendar-feed` (staff who book): 201 with the URL of a
/// new feed of the practitioner's calendar; the earlier URL stops working.
pub async fn create_for_practitioner(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Path(id): Path<i64>,
) -> Result<(StatusCode, Json<FeedView>), ApiError> {
    staff.require(Permission::Book)?;
    let url = create(&state, FeedOwner::Practitioner(id)).await?;
    Ok((StatusCode::CREATED, Json(FeedView { url })))
}

/// `DELETE /api/v1/practitioners/{id}/calendar-feed` (staff who book): 204, the URL stops
/// working (also when there was none: revoking twice is revoking once).
pub async fn revoke_for_practitioner(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    staff.require(Permission::Book)?;
    revoke(&state, FeedOwner::Practitioner(id)).await
}

/// `POST /api/v1/clients/{id}/calendar-feed` (staff who edit clients): 201 with the URL of
/// a new feed of the client's appointments, to give to the client.
pub async fn create_for_client(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Path(id): Path<i64>,
) -> Result<(StatusCode, Json<FeedView>), ApiError> {
    staff.require(Permission::EditClients)?;
    let url = create(&state, FeedOwner::Client(id)).await?;
    Ok((StatusCode::CREATED, Json(FeedView { url })))
}

/// `DELETE /api/v1/clients/{id}/calendar-feed` (staff who edit clients): 204, also when
/// there was none.
pub async fn revoke_for_client(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    staff.require(Permission::EditClients)?;
    revoke(&state, FeedOwner::Client(id)).await
}

/// Refuses an owner that does not exist (404 naming it).
async fn must_exist(state: &AppState, owner: FeedOwner) -> Result<(), ApiError> {
    match owner {
        FeedOwner::Practitioner(id) => drop(state.store.practitioner(id).await?),
        FeedOwner::Client(id) => drop(state.store.client(id).await?),
    }
    Ok(())
}

async fn create(state: &AppState, owner: FeedOwner) -> Result<String, ApiError> {
    must_exist(state, owner).await?;
    create_feed(state, owner).await
}

async fn revoke(state: &AppState, owner: FeedOwner) -> Result<StatusCode, ApiError> {
    must_exist(state, owner).await?;
    state
        .store
        .revoke_calendar_feed(owner, state.clock.now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
