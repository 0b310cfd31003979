//! The design studio page (those who may see the client's health data): the client's
//! photo with the practitioner's drawing over it, the choices, the live preview from the
//! API, the design summed up, and the client's saved versions with their exports. The
//! drawing and the preview run in the browser (`/assets/studio.js`); everything they send
//! goes through the API with the page's session and CSRF token.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use smp_design::LossPattern;
use smp_store::{Client, Photo};

use crate::api::photos::visible_photo;
use crate::api::studio::stored_design;
use crate::auth::roles::Permission;
use crate::pages::layout::layout;
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::state::AppState;

/// The studio's script.
const SCRIPT: &str = include_str!("../../assets/studio.js");

/// The suggested calibration distance, mm: a typical hairline-to-glabella height (issue 3's
/// default head), for when the practitioner clicks the glabella and the hairline's centre.
pub const SUGGESTED_CALIBRATION_MM: u32 = 80;

/// One saved version in the list.
pub(crate) struct VersionLine {
    pub(crate) id: i64,
    pub(crate) version: i64,
    pub(crate) shown: String,
    pub(crate) note: String,
    pub(crate) outline: String,
    pub(crate) photo_id: i64,
}

#[derive(Template)]
#[template(path = "studio.html")]
struct StudioPage {
    layout: Layout,
    client: Client,
    photo: Photo,
    courses: Vec<(i64, String)>,
    versions: Vec<VersionLine>,
    suggested_mm: u32,
    /// The engine's loss patterns the page offers to start from, as (name, label).
    patterns: Vec<(&'static str, &'static str)>,
}

/// A client's saved versions as lines, newest first.
pub(crate) async fn version_lines(
    state: &AppState,
    client_id: i64,
) -> Result<Vec<VersionLine>, PageError> {
    let zone = state.clinic_zone().await;
    let mut lines = Vec::new();
    for version in state.store.design_versions_of_client(client_id).await? {
        let design = stored_design(&version)?;
        lines.push(VersionLine {
            id: version.id,
            version: version.version,
            shown: version
                .shown_at
                .to_zoned(zone.clone())
                .strftime("%-d %b %Y, %H:%M")
                .to_string(),
            outline: format!(
                "{} sessions · {} per cm² · {} hairline · {} hair",
                design.sessions, design.density, design.style, design.hair
            ),
            note: version.note,
            photo_id: version.photo_id,
        });
    }
    Ok(lines)
}

/// `GET /photos/{id}/studio`: the studio on one photo (the photo it loads is audited as a
/// view).
pub async fn studio(
    State(state): State<AppState>,
    staff: PageStaff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    staff.require(Permission::HealthData)?;
    let photo = visible_photo(&state, &staff.staff, &id).await?;
    // The photo itself is audited as a view when the page's <img> loads it.
    let client = state.store.client(photo.client_id).await?;
    let courses = state
        .store
        .courses_of_client(client.id)
        .await?
        .into_iter()
        .filter(|c| c.status != "cancelled")
        .map(|c| {
            (
                c.id,
                format!(
                    "Course {} · {} · {} sessions",
                    c.id, c.course.area, c.course.sessions
                ),
            )
        })
        .collect();
    let template = StudioPage {
        layout: layout(&state, &staff, &format!("Studio · {}", client.fields.name)).await,
        versions: version_lines(&state, client.id).await?,
        client,
        photo,
        courses,
        suggested_mm: SUGGESTED_CALIBRATION_MM,
        patterns: LossPattern::CATALOGUE.to_vec(),
    };
    Ok(page(StatusCode::OK, &template))
}

/// `GET /assets/studio.js`.
pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        SCRIPT,
    )
        .into_response()
}
