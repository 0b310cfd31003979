//! The SMP design engine: pure geometry and pixels.
//!
//! It knows nothing of HTTP, SQL, files or clocks: a design is a pure function of its
//! parameters and a seed.
#![warn(missing_docs)]

mod appearance;
mod color;
mod design;
mod error;
mod field;
mod geometry;
mod hairline;
mod head;
mod map;
mod metrics;
mod pattern;
mod pigment;
mod region;
mod render;
mod sampler;
mod shape;
mod views;

pub use appearance::{dot_look, remaining_density, touch_up_due_years, DotLook, Halo, Stage, Uv};
pub use color::{linear_to_srgb, srgb_to_linear, LinearRgb, Srgb8};
pub use design::{Design, DesignParams, DotRecord, LevelQuality, SessionLayer, FOUNDATION_SHARE};
pub use error::DesignError;
pub use field::Field;
pub use geometry::{ChartPoint, Rng, Vec3};
pub use hairline::{Hairline, HairlineStyle};
pub use head::{HeadParams, Scalp};
pub use map::{counts, needle_minutes, practitioner_map, SECONDS_PER_DOT};
pub use metrics::{measure, Quality, RegionQuality};
pub use pattern::{Cover, LossPattern, PlacedPattern};
pub use pigment::{HairColour, PigmentPlan, SessionShade, SkinTone};
pub use region::Region;
pub use render::{encode_png, Blend, Canvas, Dot, Svg, SvgStyle, TextAnchor, ViewBox};
pub use sampler::{PlacedDot, Sampler};
pub use views::{render, Moment, View, CLOSEUP_MM, MAX_SIZE, MIN_SIZE};
