//! Clients' photos (health data): upload, list, view, change consent, delete. Every view
//! of a photo, and every change, is in the audit log.
//!
//! - `POST /api/v1/clients/{id}/photos?view=front&consent=clinical[&note=…]` with the file
//!   as the body (`Content-Type: image/jpeg` or `image/png`).
//! - `GET /api/v1/clients/{id}/photos`: their descriptions, newest first.
//! - `GET /api/v1/photos/{id}` (description) and `GET /api/v1/photos/{id}/image` (file).
//! - `PATCH /api/v1/photos/{id}` with `{consent, note}`; `DELETE /api/v1/photos/{id}`.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use axum::Json;
use serde::{Deserialize, Serialize};
use smp_photo::{Limits, PhotoError};
use smp_store::{Client, NewPhoto, Photo, PhotoConsent, PhotoView, Staff};

use crate::address::ClientAddress;
use crate::api::fields::optional_text;
use crate::auth::current::CurrentStaff;
use crate::auth::health::{audit_health, require_health_access};
use crate::error::ApiError;
use crate::extract::{parse_id, ApiJson};
use crate::state::AppState;
use crate::upload_body::{drain_over_limit, UploadBodyLimit};

/// The limits every upload is held to.
pub(crate) fn limits() -> Limits {
    Limits::default()
}

/// The most bytes a photo request's body may have before the server stops reading it: the
/// file limit and room for a form's other fields.
pub(crate) fn body_limit() -> usize {
    limits().max_bytes + 64 * 1024
}

/// `route` with the body limit of a photo upload, and a body over it read to its end (up to a
/// bound) before the refusal, so the client finishes sending and reads the 413.
pub(crate) fn with_upload_body_limit(route: MethodRouter<AppState>) -> MethodRouter<AppState> {
    route
        .layer(DefaultBodyLimit::max(body_limit()))
        .layer(axum::middleware::from_fn_with_state(
            UploadBodyLimit::new(body_limit()),
            drain_over_limit,
        ))
}

/// A photo as the API shows it.
#[derive(Debug, Serialize)]
pub struct PhotoBody {
    id: i64,
    client_id: i64,
    view: &'static str,
    consent: &'static str,
    media_type: String,
    width: u32,
    height: u32,
    byte_size: i64,
    note: String,
    uploaded_at: jiff::Timestamp,
    image: String,
}

impl From<Photo> for PhotoBody {
    fn from(p: Photo) -> PhotoBody {
        PhotoBody {
            image: format!("/api/v1/photos/{}/image", p.id),
            id: p.id,
            client_id: p.client_id,
            view: p.view.as_str(),
            consent: p.consent.as_str(),
            media_type: p.media_type,
            width: p.width,
            height: p.height,
            byte_size: p.byte_size,
            note: p.note,
            uploaded_at: p.uploaded_at,
        }
    }
}

/// What an upload says about its file, as typed (query or form fields).
#[derive(Debug, Default, Clone)]
pub struct UploadFields {
    pub(crate) view: String,
    pub(crate) consent: String,
    pub(crate) note: String,
}

/// A checked upload, ready to store.
pub(crate) struct Upload {
    view: PhotoView,
    consent: PhotoConsent,
    note: String,
}

impl UploadFields {
    /// The checked fields, or the first problem named by its field.
    pub(crate) fn check(&self) -> Result<Upload, ApiError> {
        let view = PhotoView::parse(self.view.trim()).ok_or_else(|| {
            ApiError::invalid("view", "must be one of front, top, left, right, back")
        })?;
        let consent = parse_consent(&self.consent)?;
        let note = optional_text("note", Some(&self.note), 500)?;
        Ok(Upload {
            view,
            consent,
            note,
        })
    }
}

fn parse_consent(text: &str) -> Result<PhotoConsent, ApiError> {
    PhotoConsent::parse(text.trim()).ok_or_else(|| {
        ApiError::invalid(
            "consent",
            "must be clinical (the clinical record only) or marketing (the before/after \
             gallery too)",
        )
    })
}

/// An intake refusal as a problem naming the `photo` field.
pub(crate) fn photo_problem(error: PhotoError) -> ApiError {
    match error {
        PhotoError::TooManyBytes { .. } => ApiError::TooLarge {
            field: "photo".to_owned(),
            message: error.to_string(),
        },
        PhotoError::Encoding(cause) => ApiError::Internal(cause),
        other => ApiError::invalid("photo", other.to_string()),
    }
}

/// Checks, cleans and stores an uploaded file for a client whose health data the caller
/// has already checked the staff member may see, and audits it. The file is checked before
/// anything is stored.
pub(crate) async fn store_upload(
    state: &AppState,
    staff: &Staff,
    address: &str,
    client: &Client,
    upload: Upload,
    declared: Option<String>,
    bytes: Bytes,
) -> Result<Photo, ApiError> {
    let clean = tokio::task::spawn_blocking(move || {
        smp_photo::intake(&bytes, declared.as_deref(), &limits())
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?
    .map_err(photo_problem)?;
    let photo = NewPhoto {
        client_id: client.id,
        view: upload.view,
        consent: upload.consent,
        media_type: clean.format.media_type().to_owned(),
        width: clean.width,
        height: clean.height,
        content: clean.bytes,
        note: upload.note,
        staff_id: Some(staff.id),
    };
    let stored = state.store.add_photo(&photo, state.clock.now()).await?;
    audit_health(state, staff, address, "upload", "photo", stored.id).await?;
    Ok(stored)
}

/// `POST /api/v1/clients/{id}/photos`: uploads a photo (the body is the file).
pub async fn upload(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    request: Request,
) -> Result<(StatusCode, Json<PhotoBody>), ApiError> {
    let client = state.store.client(parse_id("client", &id)?).await?;
    require_health_access(&state, &staff.0, &client).await?;
    let field = |name: &str| query.get(name).cloned().unwrap_or_default();
    let upload = UploadFields {
        view: field("view"),
        consent: field("consent"),
        note: field("note"),
    }
    .check()?;
    let declared = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = Bytes::from_request(request, &state)
        .await
        .map_err(|e| body_problem(e.status(), e.body_text()))?;
    let photo = store_upload(&state, &staff.0, &address, &client, upload, declared, bytes).await?;
    Ok((StatusCode::CREATED, Json(photo.into())))
}

/// A body the server could not read, naming the `photo` field.
pub(crate) fn body_problem(status: StatusCode, text: String) -> ApiError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::TooLarge {
            field: "photo".to_owned(),
            message: format!(
                "the file is larger than the {} bytes accepted",
                limits().max_bytes
            ),
        }
    } else {
        ApiError::Malformed {
            field: "photo".to_owned(),
            message: text,
        }
    }
}

/// `GET /api/v1/clients/{id}/photos`: the client's photos, newest first.
pub async fn of_client(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
) -> Result<Json<Vec<PhotoBody>>, ApiError> {
    let client = state.store.client(parse_id("client", &id)?).await?;
    require_health_access(&state, &staff.0, &client).await?;
    let photos = state.store.photos_of_client(client.id).await?;
    audit_health(
        &state,
        &staff.0,
        &address,
        "read",
        "client_photos",
        client.id,
    )
    .await?;
    Ok(Json(photos.into_iter().map(PhotoBody::from).collect()))
}

/// A photo the staff member may see (its client's health data).
pub(crate) async fn visible_photo(
    state: &AppState,
    staff: &Staff,
    id: &str,
) -> Result<Photo, ApiError> {
    let photo = state.store.photo(parse_id("photo", id)?).await?;
    let client = state.store.client(photo.client_id).await?;
    require_health_access(state, staff, &client).await?;
    Ok(photo)
}

/// `GET /api/v1/photos/{id}`: a photo's description.
pub async fn read(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
) -> Result<Json<PhotoBody>, ApiError> {
    let photo = visible_photo(&state, &staff.0, &id).await?;
    audit_health(&state, &staff.0, &address, "read", "photo", photo.id).await?;
    Ok(Json(photo.into()))
}

/// The file of a photo the staff member may see, audited as a view.
pub(crate) async fn image_response(
    state: &AppState,
    staff: &Staff,
    address: &str,
    id: &str,
) -> Result<Response, ApiError> {
    let photo = visible_photo(state, staff, id).await?;
    let (media_type, bytes) = state.store.photo_content(photo.id).await?;
    audit_health(state, staff, address, "view", "photo", photo.id).await?;
    let extension = if media_type == "image/png" {
        "png"
    } else {
        "jpg"
    };
    let name = format!(
        "inline; filename=\"client-{}-{}-{}.{extension}\"",
        photo.client_id,
        photo.view.as_str(),
        photo.id
    );
    Ok((
        [
            (header::CONTENT_TYPE, media_type),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (header::CONTENT_DISPOSITION, name),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /api/v1/photos/{id}/image`: the photo's file.
pub async fn image(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    image_response(&state, &staff.0, &address, &id).await
}

/// A change to a photo's consent or note.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhotoChange {
    consent: Option<String>,
    note: Option<String>,
}

/// Changes a photo the staff member may see: its consent and note where given (checked,
/// named by field), audited.
pub(crate) async fn change_photo(
    state: &AppState,
    staff: &Staff,
    address: &str,
    id: &str,
    consent: Option<&str>,
    note: Option<&str>,
) -> Result<Photo, ApiError> {
    let photo = visible_photo(state, staff, id).await?;
    let consent = consent.map(parse_consent).transpose()?;
    let note = note
        .map(|n| optional_text("note", Some(n), 500))
        .transpose()?;
    let changed = state
        .store
        .change_photo(
            photo.id,
            consent.unwrap_or(photo.consent),
            note.as_deref().unwrap_or(&photo.note),
        )
        .await?;
    audit_health(state, staff, address, "write", "photo", photo.id).await?;
    Ok(changed)
}

/// Deletes a photo the staff member may see, audited; returns what it was.
pub(crate) async fn delete_photo(
    state: &AppState,
    staff: &Staff,
    address: &str,
    id: &str,
) -> Result<Photo, ApiError> {
    let photo = visible_photo(state, staff, id).await?;
    state.store.delete_photo(photo.id).await?;
    audit_health(state, staff, address, "delete", "photo", photo.id).await?;
    state.studio.forget_photo(photo.id);
    Ok(photo)
}

/// `PATCH /api/v1/photos/{id}`: changes the consent (and the note).
pub async fn change(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PhotoChange>,
) -> Result<Json<PhotoBody>, ApiError> {
    let changed = change_photo(
        &state,
        &staff.0,
        &address,
        &id,
        body.consent.as_deref(),
        body.note.as_deref(),
    )
    .await?;
    Ok(Json(changed.into()))
}

/// `DELETE /api/v1/photos/{id}`: deletes the photo.
pub async fn delete(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    delete_photo(&state, &staff.0, &address, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
