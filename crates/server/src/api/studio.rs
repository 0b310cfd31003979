//! The design studio through the API (health data: the photo is the client's). A design
//! is sent as the studio draws it ([`StudioDesign`]); pictures come back as JPEG.
//!
//! - `POST /api/v1/photos/{id}/preview?after=&stage=&years=`: the photo with the design's
//!   dots at that moment.
//! - `POST /api/v1/photos/{id}/summary`: the design summed up (scale, area, dots and needle
//!   time per session, skin, pigment and why, touch-up).
//! - `POST /api/v1/photos/{id}/designs`: saves the design as the client's next version.
//! - `GET /api/v1/clients/{id}/designs`, `GET /api/v1/designs/{id}`: versions.
//! - `GET /api/v1/designs/{id}/preview?after=&stage=&years=`: a version's picture.
//!
//! Previews are audited as views of the photo, once per staff member and photo in any
//! [`AUDIT_EVERY`](crate::studio::AUDIT_EVERY) (a slider dragged for a minute is one
//! viewing, not a hundred); saving and every version read are audited each time.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use smp_store::{DesignVersion, NewDesignVersion, Photo, Staff};

use crate::address::ClientAddress;
use crate::api::photos::visible_photo;
use crate::auth::current::CurrentStaff;
use crate::auth::health::{audit_health, require_health_access};
use crate::error::ApiError;
use crate::extract::{parse_id, ApiJson};
use crate::state::AppState;
use crate::studio::design::StudioDesign;
use crate::studio::moment::MomentQuery;
use crate::studio::preview::{self, Placement, WorkingPhoto};
use crate::studio::summary::DesignSummary;
use crate::studio::PhotoKey;

/// Most characters in a version's note.
const NOTE_MAX: usize = 2_000;

/// A photo's working copy: kept, or read and decoded off the async threads.
pub(crate) async fn working_photo(
    state: &AppState,
    photo: &Photo,
) -> Result<(PhotoKey, Arc<WorkingPhoto>), ApiError> {
    let key = PhotoKey {
        id: photo.id,
        uploaded_at: photo.uploaded_at.as_second(),
        byte_size: photo.byte_size,
    };
    if let Some(kept) = state.studio.photo(&key) {
        return Ok((key, kept));
    }
    let (_, bytes) = state.store.photo_content(photo.id).await?;
    let (width, height) = (photo.width, photo.height);
    let decoded = tokio::task::spawn_blocking(move || WorkingPhoto::decode(&bytes, width, height))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))??;
    Ok((key.clone(), state.studio.keep_photo(key, decoded)))
}

/// The design's dots on the photo (kept or placed now, off the async threads).
pub(crate) async fn placement(
    state: &AppState,
    photo: &Photo,
    design: &StudioDesign,
) -> Result<(Arc<WorkingPhoto>, Arc<Placement>), ApiError> {
    let (key, working) = working_photo(state, photo).await?;
    let studio = Arc::clone(&state.studio);
    let (design, on) = (design.clone(), Arc::clone(&working));
    let placed = tokio::task::spawn_blocking(move || studio.placement(&key, &on, &design))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))??;
    Ok((working, placed))
}

/// The JPEG of a design on its photo at the moment `query` asks for.
pub(crate) async fn preview_jpeg(
    state: &AppState,
    staff: &Staff,
    address: &str,
    photo: &Photo,
    design: &StudioDesign,
    query: &MomentQuery,
) -> Result<Vec<u8>, ApiError> {
    let choices = design.choices()?;
    if !(1..=4).contains(&design.sessions) {
        return Err(ApiError::invalid(
            "sessions",
            format!("must be between 1 and 4, got {}", design.sessions),
        ));
    }
    let moment = query.moment(design.sessions)?;
    let (working, placed) = placement(state, photo, design).await?;
    let jpeg = tokio::task::spawn_blocking(move || {
        preview::jpeg(&preview::draw(&working, &placed, choices.uv, moment))
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))??;
    if state
        .studio
        .should_audit(staff.id, photo.id, state.clock.now())
    {
        audit_health(state, staff, address, "preview", "photo", photo.id).await?;
    }
    Ok(jpeg)
}

/// A picture or file of health data that no cache keeps, shown in the page or, with a
/// `disposition` (`attachment; filename="…"`), downloaded.
pub(crate) fn private_file(
    content_type: &'static str,
    disposition: Option<String>,
    body: Vec<u8>,
) -> Response {
    let mut response = (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "private, no-store"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response();
    if let Some(value) = disposition.and_then(|d| header::HeaderValue::from_str(&d).ok()) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `POST /api/v1/photos/{id}/preview?after=&stage=&years=`: the design on the photo.
pub async fn preview(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Query(pairs): Query<HashMap<String, String>>,
    ApiJson(design): ApiJson<StudioDesign>,
) -> Result<Response, ApiError> {
    let photo = visible_photo(&state, &staff.0, &id).await?;
    let query = MomentQuery::from_pairs(&pairs)?;
    let jpeg = preview_jpeg(&state, &staff.0, &address, &photo, &design, &query).await?;
    Ok(private_file("image/jpeg", None, jpeg))
}

/// `POST /api/v1/photos/{id}/summary`: the design summed up.
pub async fn summary(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Path(id): Path<String>,
    ApiJson(design): ApiJson<StudioDesign>,
) -> Result<Json<DesignSummary>, ApiError> {
    let photo = visible_photo(&state, &staff.0, &id).await?;
    let uv = design.choices()?.uv;
    let (working, placed) = placement(&state, &photo, &design).await?;
    Ok(Json(DesignSummary::of(&placed, uv, working.scale)))
}

/// A version to save: the design, and what it is for.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionBody {
    /// The design as shown.
    design: StudioDesign,
    /// The client's course it is for.
    #[serde(default)]
    course_id: Option<i64>,
    /// A note.
    #[serde(default)]
    note: Option<String>,
}

/// A version as the API shows it.
#[derive(Debug, Serialize)]
pub struct VersionView {
    id: i64,
    client_id: i64,
    photo_id: i64,
    course_id: Option<i64>,
    version: i64,
    note: String,
    staff_id: Option<i64>,
    shown_at: jiff::Timestamp,
    design: StudioDesign,
    preview: String,
}

impl VersionView {
    /// The view of a stored version.
    ///
    /// # Errors
    /// [`ApiError::Internal`] when its stored design does not read.
    pub fn of(version: DesignVersion) -> Result<VersionView, ApiError> {
        Ok(VersionView {
            design: stored_design(&version)?,
            preview: format!("/api/v1/designs/{}/preview", version.id),
            id: version.id,
            client_id: version.client_id,
            photo_id: version.photo_id,
            course_id: version.course_id,
            version: version.version,
            note: version.note,
            staff_id: version.staff_id,
            shown_at: version.shown_at,
        })
    }
}

/// A stored version's design.
///
/// # Errors
/// [`ApiError::Internal`] when it does not read (it was checked when saved).
pub(crate) fn stored_design(version: &DesignVersion) -> Result<StudioDesign, ApiError> {
    serde_json::from_str(&version.design)
        .map_err(|e| ApiError::Internal(format!("design version {}: {e}", version.id)))
}

/// Saves a design drawn on `photo` as the client's next version, once it places (so a
/// version always renders); audited.
pub(crate) async fn save_version(
    state: &AppState,
    staff: &Staff,
    address: &str,
    photo: &Photo,
    design: &StudioDesign,
    course_id: Option<i64>,
    note: &str,
) -> Result<DesignVersion, ApiError> {
    if note.chars().count() > NOTE_MAX {
        return Err(ApiError::invalid(
            "note",
            format!("is longer than {NOTE_MAX} characters"),
        ));
    }
    placement(state, photo, design).await?;
    let text = serde_json::to_string(design).map_err(|e| ApiError::Internal(e.to_string()))?;
    let saved = state
        .store
        .add_design_version(
            &NewDesignVersion {
                client_id: photo.client_id,
                photo_id: photo.id,
                course_id,
                design: &text,
                note,
                staff_id: Some(staff.id),
            },
            state.clock.now(),
        )
        .await
        .map_err(|e| match e {
            smp_store::StoreError::MissingReference { field } => {
                ApiError::invalid(field, "is not one of this client's")
            }
            other => other.into(),
        })?;
    audit_health(state, staff, address, "write", "design version", saved.id).await?;
    Ok(saved)
}

/// `POST /api/v1/photos/{id}/designs`: saves the design as the client's next version.
pub async fn save(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<VersionBody>,
) -> Result<(StatusCode, Json<VersionView>), ApiError> {
    let photo = visible_photo(&state, &staff.0, &id).await?;
    let note = body.note.unwrap_or_default();
    let saved = save_version(
        &state,
        &staff.0,
        &address,
        &photo,
        &body.design,
        body.course_id,
        note.trim(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(VersionView::of(saved)?)))
}

/// `GET /api/v1/clients/{id}/designs`: a client's versions, newest first.
pub async fn of_client(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
) -> Result<Json<Vec<VersionView>>, ApiError> {
    let client = state.store.client(parse_id("client", &id)?).await?;
    require_health_access(&state, &staff.0, &client).await?;
    audit_health(
        &state,
        &staff.0,
        &address,
        "read",
        "design versions",
        client.id,
    )
    .await?;
    let versions = state.store.design_versions_of_client(client.id).await?;
    Ok(Json(
        versions
            .into_iter()
            .map(VersionView::of)
            .collect::<Result<_, _>>()?,
    ))
}

/// A version the staff member may see, with its photo.
pub(crate) async fn visible_version(
    state: &AppState,
    staff: &Staff,
    id: &str,
) -> Result<(DesignVersion, Photo), ApiError> {
    let version = state
        .store
        .design_version(parse_id("design version", id)?)
        .await?;
    let photo = visible_photo(state, staff, &version.photo_id.to_string()).await?;
    Ok((version, photo))
}

/// `GET /api/v1/designs/{id}`: one version.
pub async fn read(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
) -> Result<Json<VersionView>, ApiError> {
    let (version, _) = visible_version(&state, &staff.0, &id).await?;
    audit_health(
        &state,
        &staff.0,
        &address,
        "read",
        "design version",
        version.id,
    )
    .await?;
    Ok(Json(VersionView::of(version)?))
}

/// `GET /api/v1/designs/{id}/preview?after=&stage=&years=`: a version on its photo.
pub async fn version_preview(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Query(pairs): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let (version, photo) = visible_version(&state, &staff.0, &id).await?;
    let query = MomentQuery::from_pairs(&pairs)?;
    let design = stored_design(&version)?;
    let jpeg = preview_jpeg(&state, &staff.0, &address, &photo, &design, &query).await?;
    Ok(private_file("image/jpeg", None, jpeg))
}
