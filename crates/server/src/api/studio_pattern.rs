//! `POST /api/v1/photos/{id}/starting-drawing`: one of the design engine's loss patterns and
//! hairline styles laid on the photo as a first drawing (the treatment area, the hairline,
//! where the client's own hair remains, scars), for the practitioner to adjust in the
//! studio. The head's outline anchors it; the photo's view (top, front, back, left, right)
//! says how the camera saw the head. Nothing is stored: the studio keeps the drawing.

use axum::extract::{Path, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use smp_design::{HairlineStyle, HeadParams, LossPattern, PatternOnPhoto, PhotoAngle};
use smp_store::PhotoView;

use crate::api::photos::visible_photo;
use crate::auth::current::CurrentStaff;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::state::AppState;
use crate::studio::design::{default_seed, default_style, design_problem, Calibration, HeadShape};

/// What to lay on the photo.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartingDrawingRequest {
    /// The loss pattern's name (`norwood-1` … `norwood-7`, `norwood-3v`, `ludwig-1` …,
    /// `diffuse`, `alopecia-areata`, `alopecia-totalis`, `scar-fut`, `scar-fue`).
    pub pattern: String,
    /// The hairline style (`conservative`, `modern`, `edge-up`, `widows-peak`, `soft`).
    #[serde(default = "default_style")]
    pub style: String,
    /// The photo's scale.
    pub calibration: Calibration,
    /// The head's outline on the photo; required.
    #[serde(default)]
    pub head: Option<HeadShape>,
    /// The front hairline's height above the glabella, mm (default 80).
    #[serde(default)]
    pub hairline_height_mm: Option<f32>,
    /// Seed of the hairline's irregularity and of random patterns.
    #[serde(default = "default_seed")]
    pub seed: u64,
}

/// The first drawing, in the stored photo's pixels.
#[derive(Debug, Clone, Serialize)]
pub struct StartingDrawingAnswer {
    /// The photo's view the pattern was seen from.
    pub view: &'static str,
    /// The treatment area's corners.
    pub area: Vec<[f32; 2]>,
    /// The hairline (empty where the area does not reach the front, or where the pattern
    /// keeps the client's own hairline).
    pub hairline: Vec<[f32; 2]>,
    /// Where the client's own hair remains inside the area, polygons.
    pub existing_hair: Vec<Vec<[f32; 2]>>,
    /// Scars in view, polygons.
    pub scars: Vec<Vec<[f32; 2]>>,
    /// The head the engine fitted to the outline, mm.
    pub head_mm: HeadMeasurements,
    /// Further patches in view that are not the area (the studio treats one per design).
    pub patches_left_out: usize,
}

/// The head's measurements the engine fitted to the outline.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct HeadMeasurements {
    /// Across, above the ears.
    pub width: f32,
    /// Glabella to the back of the head.
    pub length: f32,
    /// The vertex above the ear canals.
    pub height: f32,
}

/// How a photo's view looks at the head.
fn angle_of(view: PhotoView) -> PhotoAngle {
    match view {
        PhotoView::Top => PhotoAngle::Top,
        PhotoView::Front => PhotoAngle::Front,
        PhotoView::Back => PhotoAngle::Back,
        PhotoView::Left => PhotoAngle::Left,
        PhotoView::Right => PhotoAngle::Right,
    }
}

/// `POST /api/v1/photos/{id}/starting-drawing`.
pub async fn starting_drawing(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<StartingDrawingRequest>,
) -> Result<Json<StartingDrawingAnswer>, ApiError> {
    let photo = visible_photo(&state, &staff.0, &id).await?;
    let pattern = LossPattern::parse(request.pattern.trim()).map_err(design_problem)?;
    let style = HairlineStyle::parse(request.style.trim())
        .map_err(|e| ApiError::invalid("style", e.to_string().replacen("hairline: ", "", 1)))?;
    let mm_per_px = request.calibration.mm_per_px()?;
    let Some(head) = request.head.as_ref() else {
        return Err(ApiError::invalid(
            "head",
            "starting from a pattern needs the head's outline: drag it across the head first",
        ));
    };
    let start = PatternOnPhoto {
        pattern,
        style,
        angle: angle_of(photo.view),
        head: head.outline(1.0),
        mm_per_px,
        width: photo.width,
        height: photo.height,
        hairline_height_mm: request
            .hairline_height_mm
            .unwrap_or(HeadParams::default().hairline_height),
        seed: request.seed,
    };
    let drawing = tokio::task::spawn_blocking(move || start.lay())
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| match design_problem(e) {
            ApiError::Invalid { field, message } if field == "hairline-height" => {
                ApiError::invalid("hairline_height_mm", message)
            }
            other => other,
        })?;
    let points = |polygon: &[(f32, f32)]| polygon.iter().map(|&(x, y)| [x, y]).collect();
    Ok(Json(StartingDrawingAnswer {
        view: photo.view.as_str(),
        area: points(&drawing.area),
        hairline: points(&drawing.hairline),
        existing_hair: drawing.hair.iter().map(|p| points(p)).collect(),
        scars: drawing.scars.iter().map(|p| points(p)).collect(),
        head_mm: HeadMeasurements {
            width: drawing.head.width,
            length: drawing.head.length,
            height: drawing.head.height,
        },
        patches_left_out: drawing.patches_left_out,
    }))
}
