//! The SMP design engine: pure geometry and pixels.
//!
//! It knows nothing of HTTP, SQL, files or clocks: a design is a pure function of its
//! parameters and a seed.
#![warn(missing_docs)]

mod color;
mod error;

pub use color::{linear_to_srgb, srgb_to_linear, LinearRgb, Srgb8};
pub use error::DesignError;
