//! What the studio hands out for a saved version, for the client and the session sheet:
//!
//! - `GET /api/v1/designs/{id}/before-after?after=&stage=&years=`: the photo before and
//!   with the design at that moment, side by side, with the clinic's name and the date the
//!   version was shown, as PNG.
//! - `GET /api/v1/designs/{id}/map`: the practitioner's map of the version on its photo,
//!   as SVG.
//!
//! Both are audited as exports of the photo.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use smp_design::{before_after, encode_png, photo_map, Caption, PhotoMapInput};
use smp_store::DesignVersion;

use crate::address::ClientAddress;
use crate::api::studio::{placement, private_file, stored_design, visible_version};
use crate::auth::current::CurrentStaff;
use crate::auth::health::audit_health;
use crate::error::ApiError;
use crate::state::AppState;
use crate::studio::moment::MomentQuery;
use crate::studio::preview;

/// The date a version was shown, in the clinic's zone: "21 Nov 2026".
async fn shown_on(state: &AppState, version: &DesignVersion) -> String {
    let zone = state.clinic_zone().await;
    version
        .shown_at
        .to_zoned(zone)
        .strftime("%-d %b %Y")
        .to_string()
}

/// The clinic's name, or "smp" before one is set.
async fn clinic_name(state: &AppState) -> Result<String, ApiError> {
    Ok(state
        .store
        .clinic()
        .await?
        .map_or_else(|| "smp".to_owned(), |c| c.name))
}

/// A download named `name`.
fn attachment(content_type: &'static str, name: String, body: Vec<u8>) -> Response {
    private_file(
        content_type,
        Some(format!("attachment; filename=\"{name}\"")),
        body,
    )
}

/// `GET /api/v1/designs/{id}/before-after?after=&stage=&years=`.
pub async fn before_after_png(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Query(pairs): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let (version, photo) = visible_version(&state, &staff.0, &id).await?;
    let design = stored_design(&version)?;
    let moment = MomentQuery::from_pairs(&pairs)?.moment(design.sessions)?;
    let uv = design.choices()?.uv;
    let caption = Caption {
        clinic: clinic_name(&state).await?,
        date: shown_on(&state, &version).await,
        before: "Before".to_owned(),
        after: MomentQuery::describe(&moment),
    };
    let (working, placed) = placement(&state, &photo, &design).await?;
    let png = tokio::task::spawn_blocking(move || {
        let after = preview::draw(&working, &placed, uv, moment);
        before_after(&working.canvas, &after, &caption).and_then(|sheet| encode_png(&sheet))
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    audit_health(&state, &staff.0, &address, "export", "photo", photo.id).await?;
    let name = format!(
        "before-after-client-{}-version-{}.png",
        version.client_id, version.version
    );
    Ok(attachment("image/png", name, png))
}

/// `GET /api/v1/designs/{id}/map`.
pub async fn map_svg(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (version, photo) = visible_version(&state, &staff.0, &id).await?;
    let design = stored_design(&version)?;
    let client = state.store.client(version.client_id).await?;
    let title = format!(
        "{} · design version {} · {}",
        client.fields.name,
        version.version,
        shown_on(&state, &version).await
    );
    let (working, placed) = placement(&state, &photo, &design).await?;
    let svg = tokio::task::spawn_blocking(move || -> Result<String, ApiError> {
        let faint = preview::jpeg(&working.canvas)?;
        Ok(photo_map(&PhotoMapInput {
            plan: &placed.plan,
            dots: &placed.dots,
            pigment: &placed.pigment,
            title: &title,
            photo_jpeg: Some(&faint),
        }))
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))??;
    audit_health(&state, &staff.0, &address, "export", "photo", photo.id).await?;
    let name = format!(
        "map-client-{}-version-{}.svg",
        version.client_id, version.version
    );
    Ok(attachment("image/svg+xml", name, svg.into_bytes()))
}
