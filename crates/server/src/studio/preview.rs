//! The studio's pictures: a stored photo decoded once to a working copy, a design's dots
//! placed on it once per drawing, and each moment drawn and encoded as JPEG.

use smp_design::{
    draw_on_photo, place_on_photo, sample_skin, Canvas, Moment, PhotoDot, PhotoInk, PhotoPlan,
    PigmentPlan, SkinTone,
};

use crate::error::ApiError;
use crate::studio::design::{design_problem, StudioDesign};

/// Longest side of the working copy the studio draws on: a phone's 12-megapixel photo is
/// scaled to this, a 1600 × 1200 one kept as it is.
pub const WORKING_SIDE: u32 = 2048;
/// JPEG quality of a preview: no visible loss at screen size, a few hundred kilobytes.
pub const PREVIEW_QUALITY: u8 = 85;

/// A stored photo decoded for drawing, at most [`WORKING_SIDE`] a side.
#[derive(Debug, Clone)]
pub struct WorkingPhoto {
    /// Its pixels.
    pub canvas: Canvas,
    /// Its size over the stored photo's (1 unless it was scaled down).
    pub scale: f32,
    /// The stored photo's width, pixels (what the page draws in).
    pub width: u32,
    /// The stored photo's height, pixels.
    pub height: u32,
}

impl WorkingPhoto {
    /// Decodes a stored photo's file; `width × height` is the stored photo's size (its row
    /// says).
    ///
    /// # Errors
    /// [`ApiError::Internal`] when the stored file does not decode (intake made it, so it
    /// should).
    pub fn decode(bytes: &[u8], width: u32, height: u32) -> Result<WorkingPhoto, ApiError> {
        let internal = |e: &dyn std::fmt::Display| ApiError::Internal(format!("stored photo: {e}"));
        let picture = smp_photo::decode_rgb(bytes, WORKING_SIDE).map_err(|e| internal(&e))?;
        let canvas = Canvas::from_srgb_bytes(picture.width, picture.height, &picture.rgb)
            .map_err(|e| internal(&e))?;
        Ok(WorkingPhoto {
            scale: picture.width as f32 / width.max(1) as f32,
            width,
            height,
            canvas,
        })
    }
}

/// A design's dots on one working photo, with the skin and pigment they are drawn in.
#[derive(Debug, Clone)]
pub struct Placement {
    /// The plan at the working copy's scale.
    pub plan: PhotoPlan,
    /// The dots, working-copy pixels.
    pub dots: Vec<PhotoDot>,
    /// The treated skin, cm² ([`PhotoPlan::treated_cm2`]), worked out once with the dots:
    /// on a curved photo it is a sum over a grid.
    pub treated_cm2: f32,
    /// The skin the pigment was chosen for.
    pub skin: SkinTone,
    /// Whether the skin was sampled from the photo (or given).
    pub skin_sampled: bool,
    /// The pigment per session, with its reasons.
    pub pigment: PigmentPlan,
}

/// Places a design's dots on a working photo and chooses its pigment.
///
/// # Errors
/// [`ApiError::Invalid`] naming the design's field at fault.
pub fn place(photo: &WorkingPhoto, design: &StudioDesign) -> Result<Placement, ApiError> {
    let plan = design.plan(photo.width, photo.height, photo.scale)?;
    let choices = design.choices()?;
    let dots = place_on_photo(
        &plan,
        design.sessions,
        design.density,
        design.setback_mm,
        design.dot_mm,
        design.seed,
    )
    .map_err(design_problem)?;
    let (skin, skin_sampled) = match choices.skin {
        Some(skin) => (skin, false),
        None => (
            sample_skin(&photo.canvas, &plan).ok_or_else(|| {
                ApiError::invalid(
                    "area",
                    "covers no pixel of the photo to sample the skin from",
                )
            })?,
            true,
        ),
    };
    let pigment =
        PigmentPlan::choose(&skin, &choices.hair, design.sessions).map_err(design_problem)?;
    Ok(Placement {
        treated_cm2: plan.treated_cm2(),
        plan,
        dots,
        skin,
        skin_sampled,
        pigment,
    })
}

/// The photo with the placement's dots at `moment`, under `uv` sun.
pub fn draw(
    photo: &WorkingPhoto,
    placement: &Placement,
    uv: smp_design::Uv,
    moment: Moment,
) -> Canvas {
    let ink = PhotoInk {
        pigment: placement.pigment.clone(),
        skin: placement.skin,
        uv,
    };
    draw_on_photo(
        &photo.canvas,
        &placement.plan,
        &placement.dots,
        &ink,
        moment,
    )
}

/// A canvas as a preview JPEG.
///
/// # Errors
/// [`ApiError::Internal`] when encoding fails.
pub fn jpeg(canvas: &Canvas) -> Result<Vec<u8>, ApiError> {
    let picture = smp_photo::RgbPicture {
        width: canvas.width(),
        height: canvas.height(),
        rgb: canvas.to_srgb_bytes(),
    };
    smp_photo::encode_jpeg(&picture, PREVIEW_QUALITY).map_err(|e| ApiError::Internal(e.to_string()))
}
