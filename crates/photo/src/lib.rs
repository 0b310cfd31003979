//! Client photos for smp: what comes in from an upload, made safe to keep.
//!
//! [`intake`] takes the bytes of an uploaded file and gives back a clean copy or a
//! [`PhotoError`] that says what is wrong in words a practitioner understands:
//!
//! 1. The size in bytes is checked first, then what the file really is, from its first
//!    bytes (a text file named `.jpg` is not a JPEG), against what it was sent as.
//! 2. The file must be whole, segment by segment up to its end marker: a truncated upload
//!    is refused instead of being kept with a grey lower half.
//! 3. The width and height are read from the header alone and checked against
//!    [`Limits`] *before* anything is decoded, so a small file claiming a huge picture
//!    (a decompression bomb) costs nothing; the decoder is held to the same limits.
//! 4. The picture is decoded, turned upright by its EXIF orientation, and encoded again
//!    from the pixels alone, so nothing of the original's metadata survives: no GPS
//!    position, camera serial number, time or embedded thumbnail.
//!
//! This crate knows nothing of HTTP, databases or files; the caller passes bytes.
#![warn(missing_docs)]

mod error;
mod format;
mod intake;
mod pixels;
mod whole;

#[cfg(feature = "testing")]
pub mod samples;

pub use error::PhotoError;
pub use format::PhotoFormat;
pub use intake::{intake, CleanPhoto, Limits};
pub use pixels::{decode_rgb, encode_jpeg, RgbPicture};
