//! A client's photos page (those who may see the client's health data): the photos by
//! view with their consent, an upload form, and for each photo a consent switch and a
//! delete button. Every thumbnail shown is a view of a photo, and is audited.

use askama::Template;
use axum::extract::{Form, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use smp_store::{Client, PhotoConsent, PhotoView};

use crate::address::ClientAddress;
use crate::api::photos::{
    body_problem, change_photo, delete_photo, image_response, limits, store_upload, UploadFields,
};
use crate::auth::health::{audit_health, require_health_access};
use crate::auth::roles::Permission;
use crate::error::ApiError;
use crate::extract::parse_id;
use crate::pages::layout::layout;
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::state::AppState;

/// One photo on the page.
struct PhotoLine {
    id: i64,
    view: &'static str,
    marketing: bool,
    size: String,
    note: String,
    uploaded: String,
}

#[derive(Template)]
#[template(path = "photos.html")]
struct PhotosPage {
    layout: Layout,
    client: Client,
    photos: Vec<PhotoLine>,
    views: Vec<(&'static str, bool)>,
    typed: UploadFields,
    error: String,
    error_field: String,
    notice: String,
    max_megabytes: usize,
}

/// What the page says after a change.
#[derive(Debug, Default, Deserialize)]
pub struct Done {
    #[serde(default)]
    done: String,
}

/// A form with only its CSRF token, or with a consent.
#[derive(Debug, Default, Deserialize)]
pub struct PhotoForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    consent: String,
}

async fn render(
    state: &AppState,
    staff: &PageStaff,
    address: &str,
    client: Client,
    typed: UploadFields,
    problem: Option<ApiError>,
    notice: String,
) -> Result<Response, PageError> {
    let zone = state.clinic_zone().await;
    let photos = state
        .store
        .photos_of_client(client.id)
        .await?
        .into_iter()
        .map(|p| PhotoLine {
            id: p.id,
            view: p.view.as_str(),
            marketing: p.consent == PhotoConsent::Marketing,
            size: format!("{}×{} px", p.width, p.height),
            note: p.note,
            uploaded: p
                .uploaded_at
                .to_zoned(zone.clone())
                .strftime("%-d %b %Y, %H:%M")
                .to_string(),
        })
        .collect();
    audit_health(
        state,
        &staff.staff,
        address,
        "read",
        "client_photos",
        client.id,
    )
    .await?;
    let (status, error, error_field) = match problem {
        None => (StatusCode::OK, String::new(), String::new()),
        Some(problem) => (
            problem.status(),
            problem.to_string(),
            problem.field().unwrap_or_default().to_owned(),
        ),
    };
    let views = PhotoView::ALL
        .iter()
        .map(|v| (v.as_str(), v.as_str() == typed.view))
        .collect();
    let template = PhotosPage {
        layout: layout(state, staff, &format!("Photos · {}", client.fields.name)).await,
        client,
        photos,
        views,
        typed,
        error,
        error_field,
        notice,
        max_megabytes: limits().max_bytes / (1024 * 1024),
    };
    Ok(page(status, &template))
}

/// The client of a page, when the staff member may see their health data.
async fn client_of(state: &AppState, staff: &PageStaff, id: &str) -> Result<Client, PageError> {
    staff.require(Permission::HealthData)?;
    let client = state.store.client(parse_id("client", id)?).await?;
    require_health_access(state, &staff.staff, &client).await?;
    Ok(client)
}

/// `GET /clients/{id}/photos`.
pub async fn list(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let client = client_of(&state, &staff, &id).await?;
    let notice = match done.done.as_str() {
        "uploaded" => "The photo is stored: upright, without its location or camera data.",
        "consent" => "The photo's consent is changed.",
        "deleted" => "The photo is deleted.",
        _ => "",
    };
    let typed = UploadFields {
        consent: "clinical".to_owned(),
        ..UploadFields::default()
    };
    render(
        &state,
        &staff,
        &address,
        client,
        typed,
        None,
        notice.to_owned(),
    )
    .await
}

/// `POST /clients/{id}/photos` (a multipart form: csrf, view, consent, note, photo): stores
/// the photo and goes back to the list, or shows the list with the problem by its field
/// and what was typed.
pub async fn upload(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    mut form: Multipart,
) -> Result<Response, PageError> {
    let client = client_of(&state, &staff, &id).await?;
    let mut typed = UploadFields::default();
    let mut csrf = String::new();
    let mut file = None;
    let problem = loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break None,
            Err(e) => break Some(body_problem(e.status(), e.body_text())),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == "photo" {
            let declared = field.content_type().map(str::to_owned);
            match field.bytes().await {
                Ok(bytes) => file = Some((declared, bytes)),
                Err(e) => break Some(body_problem(e.status(), e.body_text())),
            }
            continue;
        }
        let text = match field.text().await {
            Ok(text) => text,
            Err(e) => break Some(body_problem(e.status(), e.body_text())),
        };
        match name.as_str() {
            "csrf" => csrf = text,
            "view" => typed.view = text,
            "consent" => typed.consent = text,
            "note" => typed.note = text,
            _ => {}
        }
    };
    staff.check_csrf(&csrf)?;
    let result = match (problem, file) {
        (Some(problem), _) => Err(problem),
        (None, None) => Err(ApiError::invalid("photo", "choose a JPEG or PNG file")),
        (None, Some((declared, bytes))) => match typed.check() {
            Ok(upload) => {
                store_upload(
                    &state,
                    &staff.staff,
                    &address,
                    &client,
                    upload,
                    declared,
                    bytes,
                )
                .await
            }
            Err(problem) => Err(problem),
        },
    };
    match result {
        Ok(_) => Ok(
            Redirect::to(&format!("/clients/{}/photos?done=uploaded", client.id)).into_response(),
        ),
        Err(ApiError::Internal(cause)) => Err(PageError(ApiError::Internal(cause))),
        Err(problem) => {
            render(
                &state,
                &staff,
                &address,
                client,
                typed,
                Some(problem),
                String::new(),
            )
            .await
        }
    }
}

/// `GET /photos/{id}/image`: the photo's file (audited as a view).
pub async fn image(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    staff.require(Permission::HealthData)?;
    Ok(image_response(&state, &staff.staff, &address, &id).await?)
}

/// `POST /photos/{id}/consent`: changes what the photo may be used for.
pub async fn consent(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Form(form): Form<PhotoForm>,
) -> Result<Response, PageError> {
    staff.require(Permission::HealthData)?;
    staff.check_csrf(&form.csrf)?;
    let photo = change_photo(
        &state,
        &staff.staff,
        &address,
        &id,
        Some(&form.consent),
        None,
    )
    .await?;
    Ok(Redirect::to(&format!("/clients/{}/photos?done=consent", photo.client_id)).into_response())
}

/// `POST /photos/{id}/delete`: deletes the photo.
pub async fn delete(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Form(form): Form<PhotoForm>,
) -> Result<Response, PageError> {
    staff.require(Permission::HealthData)?;
    staff.check_csrf(&form.csrf)?;
    let photo = delete_photo(&state, &staff.staff, &address, &id).await?;
    Ok(Redirect::to(&format!("/clients/{}/photos?done=deleted", photo.client_id)).into_response())
}
