//! The renderer's low-level parts: a linear-light canvas, antialiased dots, PNG and SVG
//! writers.
//!
//! Everything here is pure: pixels in memory in, bytes or text out. (Large batches of dots
//! are drawn on several cores, with exactly the result of drawing them on one.)

mod canvas;
mod dot;
mod lattice;
mod markup;
mod paint;
mod png;
mod profile;
mod raster;
mod stencil;
mod svg;
mod text;
mod tiles;

pub use canvas::Canvas;
pub use dot::{Blend, Dot};
pub(crate) use lattice::Lattice;
pub use png::encode_png;
pub use svg::{Svg, SvgStyle, TextAnchor, ViewBox};
pub use text::{text_width, GLYPH_HEIGHT};
