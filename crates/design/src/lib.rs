//! The SMP design engine: pure geometry and pixels.
//!
//! It knows nothing of HTTP, SQL, files or clocks: a design is a pure function of its
//! parameters and a seed ([`Design::new`]).
//!
//! # How a design is made
//! 1. **Head and chart** ([`Scalp`]): an ellipsoid head; the scalp chart measures true
//!    millimetres of skin along meridians from the vertex, and the engine corrects for the
//!    chart's stretch across them, so densities are per cm² of skin everywhere.
//! 2. **Loss pattern** ([`LossPattern`]): how much natural hair remains at each point.
//! 3. **Hairline** ([`Hairline`]): style, temples, a two-scale irregular line and a
//!    transition zone where density ramps up (edge-up: sharp by design).
//! 4. **Density field** ([`Field`]): finished density (default 80 dots/cm²) times the
//!    missing hair, times the hairline ramp, on a 1 mm grid.
//! 5. **Sampler** ([`Sampler`]): variable-radius Poisson-disk sampling with spacing measured
//!    in 3D on the head; each session is a level that keeps the earlier dots and fills the
//!    gaps, so sessions 1..k together are blue noise for every k. Each level is calibrated
//!    to its expected count; [`measure`] reports spacing, Clark-Evans ratio and density per
//!    region.
//! 6. **Pigment** ([`pigment`]): carbon-black dilution per session from skin and hair.
//! 7. **Appearance** ([`appearance`]): fresh, healed and faded looks, with the model's
//!    assumptions and constants.
//! 8. **Pictures** ([`render`], [`practitioner_map`]): top, front and close-up PNGs in linear
//!    light, and the practitioner's SVG map with counts and needle time.
#![warn(missing_docs)]

pub mod appearance;
mod before_after;
mod color;
mod contour;
mod coverage;
mod design;
mod dome;
mod error;
mod field;
mod geometry;
mod hairline;
mod head;
mod map;
mod metrics;
mod nearest;
mod node_grid;
mod pattern;
mod photo_map;
mod photo_pattern;
pub mod pigment;
mod plane;
mod region;
mod render;
mod sampler;
mod shape;
mod studio;
mod views;

pub use appearance::{dot_look, remaining_density, touch_up_due_years, DotLook, Halo, Stage, Uv};
pub use before_after::{before_after, BeforeAfterLayout, Caption};
pub use color::{linear_to_srgb, srgb_to_linear, LinearRgb, Srgb8};
pub use design::{
    session_fractions, Design, DesignParams, DotRecord, LevelQuality, SessionLayer,
    FOUNDATION_SHARE,
};
pub use dome::{HeadOutline, DEFAULT_DEPTH, STEEPEST_TILT_DEG};
pub use error::DesignError;
pub use field::Field;
pub use field::Sample;
pub use geometry::{ChartPoint, Rng, Vec3};
pub use hairline::{Hairline, HairlineStyle};
pub use head::{HeadParams, Scalp};
pub use map::{counts, minutes_for_dots, needle_minutes, practitioner_map, SECONDS_PER_DOT};
pub use metrics::{measure, Quality, RegionQuality};
pub use pattern::{Cover, LossPattern, PlacedPattern};
pub use photo_map::{photo_map, PhotoMapInput};
pub use photo_pattern::{
    PatternOnPhoto, PhotoAngle, StartingDrawing, EAR_LEVEL_SHARE, MIN_FACING, TREATED_SHARE,
};
pub use pigment::{HairColour, PigmentPlan, SessionShade, SkinTone};
pub use plane::Plane;
pub use region::Region;
pub use render::{
    encode_png, text_width, Blend, Canvas, Dot, Svg, SvgStyle, TextAnchor, ViewBox, GLYPH_HEIGHT,
};
pub use sampler::{radius_for, Domain, Level, PlacedDot, Sampler};
pub use studio::{
    draw_on_photo, place_on_photo, sample_skin, PhotoDot, PhotoInk, PhotoPlan, EXISTING_HAIR_SHARE,
    HAIRLINE_SHARE,
};
pub use views::{check_size, render, Moment, View, CLOSEUP_MM, MAX_SIZE, MIN_SIZE};
