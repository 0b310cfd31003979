//! A design drawn in the studio, as the page sends it and a version stores it: the
//! calibration, what was drawn on the photo (in the photo's own pixels) and the choices.

use serde::{Deserialize, Serialize};
use smp_design::{DesignError, HairColour, HeadOutline, PhotoPlan, SkinTone, Uv, DEFAULT_DEPTH};

use crate::error::ApiError;

/// Most corners of one drawn line or polygon (a hairline drawn freehand is thinned by the
/// page long before this).
pub const MAX_POINTS: usize = 2_000;
/// Most moles, scars or patches of hair marked on one photo.
pub const MAX_MARKS: usize = 200;

/// Two points on the photo and the real distance between them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calibration {
    /// One end, photo pixels.
    pub from: [f32; 2],
    /// The other end, photo pixels.
    pub to: [f32; 2],
    /// Their distance on the skin, mm.
    pub mm: f32,
}

impl Calibration {
    /// Millimetres per pixel: the distance over the two points' span.
    ///
    /// # Errors
    /// [`ApiError::Invalid`] naming `calibration`.
    pub fn mm_per_px(&self) -> Result<f32, ApiError> {
        let span = (self.to[0] - self.from[0]).hypot(self.to[1] - self.from[1]);
        if !(self.mm.is_finite() && (5.0..=400.0).contains(&self.mm)) {
            return Err(ApiError::invalid(
                "calibration.mm",
                format!("must be between 5 and 400 mm, got {}", self.mm),
            ));
        }
        if !(span.is_finite() && span >= 10.0) {
            return Err(ApiError::invalid(
                "calibration",
                "click two points at least 10 pixels apart",
            ));
        }
        Ok(self.mm / span)
    }
}

/// The head's outline on the photo (an axis-aligned ellipse), for the scalp's curvature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadShape {
    /// The outline's centre, photo pixels.
    pub centre: [f32; 2],
    /// Half its width and half its height, photo pixels.
    pub radii: [f32; 2],
    /// How far the scalp rises towards the camera, as a share of the radii's mean
    /// (0.3-1.5; absent: the engine's default, 0.9).
    #[serde(default)]
    pub depth: Option<f32>,
}

impl HeadShape {
    /// The outline for the engine, scaled by `scale` (the working copy's size over the
    /// stored photo's), with the engine's default depth when none was given.
    pub fn outline(&self, scale: f32) -> HeadOutline {
        HeadOutline {
            centre: (self.centre[0] * scale, self.centre[1] * scale),
            radii: (self.radii[0] * scale, self.radii[1] * scale),
            depth: self.depth.unwrap_or(DEFAULT_DEPTH),
        }
    }
}

/// Everything the studio needs to place and draw a design on one photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StudioDesign {
    /// The photo's scale.
    pub calibration: Calibration,
    /// The treatment area's corners, photo pixels.
    pub area: Vec<[f32; 2]>,
    /// The hairline, photo pixels (empty: none, as for a crown).
    #[serde(default)]
    pub hairline: Vec<[f32; 2]>,
    /// Moles as `[x, y, radius]`, photo pixels: no dots on them.
    #[serde(default)]
    pub moles: Vec<[f32; 3]>,
    /// Scars to camouflage, each a polygon.
    #[serde(default)]
    pub scars: Vec<Vec<[f32; 2]>>,
    /// Where hair remains, each a polygon: dots between the hairs.
    #[serde(default)]
    pub existing_hair: Vec<Vec<[f32; 2]>>,
    /// The hairline style (`conservative`, `modern`, `edge-up`, `widows-peak`, `soft`): it
    /// sets the transition zone's depth unless `transition_mm` is given.
    #[serde(default = "default_style")]
    pub style: String,
    /// Depth of the transition zone behind the hairline, mm.
    #[serde(default)]
    pub transition_mm: Option<f32>,
    /// Number of sessions (1-4).
    #[serde(default = "default_sessions")]
    pub sessions: u32,
    /// Finished density, dots per cm².
    #[serde(default = "default_density")]
    pub density: f32,
    /// How far session 1's hairline sits back, mm.
    #[serde(default = "default_setback")]
    pub setback_mm: f32,
    /// Dot diameter, mm.
    #[serde(default = "default_dot")]
    pub dot_mm: f32,
    /// The seed of the dot field.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// The skin (hex or `monk-N`); absent: sampled from the photo inside the area.
    #[serde(default)]
    pub skin: Option<String>,
    /// The hair colour (a name or hex).
    #[serde(default = "default_hair")]
    pub hair: String,
    /// Sun exposure: `low`, `medium` or `high`.
    #[serde(default = "default_uv")]
    pub uv: String,
    /// The head's outline, so that dots follow the scalp's curvature; absent: the photo is
    /// taken as flat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<HeadShape>,
}

pub(crate) fn default_style() -> String {
    "modern".to_owned()
}
fn default_sessions() -> u32 {
    3
}
fn default_density() -> f32 {
    80.0
}
fn default_setback() -> f32 {
    3.0
}
fn default_dot() -> f32 {
    0.28
}
pub(crate) fn default_seed() -> u64 {
    1
}
fn default_hair() -> String {
    "dark-brown".to_owned()
}
fn default_uv() -> String {
    "medium".to_owned()
}

/// Each hairline style's transition depth on a photo, mm: edge-up is sharp by design,
/// soft/feathered deepest (issue 3, DOMAIN.md "Design vocabulary").
const STYLE_TRANSITIONS: [(&str, f32); 5] = [
    ("conservative", 8.0),
    ("modern", 6.0),
    ("edge-up", 1.5),
    ("widows-peak", 7.0),
    ("soft", 10.0),
];

/// The parsed choices of a design, ready for the engine.
#[derive(Debug, Clone, PartialEq)]
pub struct Choices {
    /// The skin as given, or `None` to sample it from the photo.
    pub skin: Option<SkinTone>,
    /// The hair colour.
    pub hair: HairColour,
    /// The sun exposure.
    pub uv: Uv,
}

impl StudioDesign {
    /// Millimetres per pixel from the calibration.
    ///
    /// # Errors
    /// [`ApiError::Invalid`] naming `calibration`.
    pub fn mm_per_px(&self) -> Result<f32, ApiError> {
        self.calibration.mm_per_px()
    }

    /// The drawn plan on a `width × height` photo, scaled by `scale` (the working copy's
    /// size over the stored photo's).
    ///
    /// # Errors
    /// [`ApiError::Invalid`] naming the field at fault.
    pub fn plan(&self, width: u32, height: u32, scale: f32) -> Result<PhotoPlan, ApiError> {
        self.check_counts()?;
        let mm_per_px = self.mm_per_px()?;
        let point = |p: &[f32; 2]| (p[0] * scale, p[1] * scale);
        let polygon = |points: &Vec<[f32; 2]>| points.iter().map(point).collect();
        let transition_mm = match self.transition_mm {
            Some(mm) => mm,
            None => style_transition(&self.style)?,
        };
        let plan = PhotoPlan {
            width: (width as f32 * scale).round() as u32,
            height: (height as f32 * scale).round() as u32,
            mm_per_px: mm_per_px / scale,
            area: polygon(&self.area),
            hairline: polygon(&self.hairline),
            moles: self
                .moles
                .iter()
                .map(|m| (m[0] * scale, m[1] * scale, m[2] * scale))
                .collect(),
            scars: self.scars.iter().map(polygon).collect(),
            hair: self.existing_hair.iter().map(polygon).collect(),
            transition_mm,
            head: self.head.as_ref().map(|head| head.outline(scale)),
        };
        plan.validate().map_err(design_problem)?;
        Ok(plan)
    }

    /// The skin, hair and sun, parsed.
    ///
    /// # Errors
    /// [`ApiError::Invalid`] naming `skin`, `hair` or `uv`.
    pub fn choices(&self) -> Result<Choices, ApiError> {
        Ok(Choices {
            skin: self
                .skin
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(SkinTone::parse)
                .transpose()
                .map_err(design_problem)?,
            hair: HairColour::parse(&self.hair).map_err(design_problem)?,
            uv: Uv::parse(&self.uv).map_err(design_problem)?,
        })
    }

    fn check_counts(&self) -> Result<(), ApiError> {
        let lines = [("area", &self.area), ("hairline", &self.hairline)];
        for (field, points) in lines {
            if points.len() > MAX_POINTS {
                return Err(too_many(field, points.len(), MAX_POINTS, "points"));
            }
        }
        let marks = [
            ("moles", self.moles.len()),
            ("scars", self.scars.len()),
            ("existing_hair", self.existing_hair.len()),
        ];
        for (field, count) in marks {
            if count > MAX_MARKS {
                return Err(too_many(field, count, MAX_MARKS, "marks"));
            }
        }
        for (field, polygons) in [
            ("scars", &self.scars),
            ("existing_hair", &self.existing_hair),
        ] {
            if let Some(p) = polygons.iter().find(|p| p.len() > MAX_POINTS) {
                return Err(too_many(field, p.len(), MAX_POINTS, "points in a polygon"));
            }
        }
        Ok(())
    }
}

fn too_many(field: &str, count: usize, most: usize, what: &str) -> ApiError {
    ApiError::invalid(field, format!("has {count} {what}; at most {most}"))
}

/// The transition depth of a named style.
fn style_transition(style: &str) -> Result<f32, ApiError> {
    STYLE_TRANSITIONS
        .iter()
        .find(|(name, _)| *name == style)
        .map(|&(_, mm)| mm)
        .ok_or_else(|| {
            let names: Vec<&str> = STYLE_TRANSITIONS.iter().map(|(n, _)| *n).collect();
            ApiError::invalid(
                "style",
                format!("{style:?} is not a style; use one of {}", names.join(", ")),
            )
        })
}

/// The engine's refusal as a 422 naming the design's field.
pub fn design_problem(error: DesignError) -> ApiError {
    let DesignError::InvalidParameter { parameter, message } = error;
    let field = match parameter {
        "mm-per-px" => "calibration",
        "transition" => "transition_mm",
        "foundation-setback" => "setback_mm",
        "dot-diameter" => "dot_mm",
        "existing-hair" => "existing_hair",
        other => other,
    };
    ApiError::invalid(field, message)
}
