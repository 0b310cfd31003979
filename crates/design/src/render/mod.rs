//! The renderer's low-level parts: a linear-light canvas, antialiased dots, PNG and SVG
//! writers.
//!
//! Everything here is pure: pixels in memory in, bytes or text out.

mod canvas;
mod dot;
mod png;
mod raster;
mod svg;
mod tiles;

pub use canvas::Canvas;
pub use dot::{Blend, Dot};
pub use png::encode_png;
pub use svg::{Svg, SvgStyle, TextAnchor, ViewBox};
