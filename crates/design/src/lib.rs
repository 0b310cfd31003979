//! The SMP design engine: pure geometry and pixels.
//!
//! It knows nothing of HTTP, SQL, files or clocks: a design is a pure function of its
//! parameters and a seed.
#![warn(missing_docs)]

mod error;

pub use error::DesignError;
