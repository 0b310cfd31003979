//! What can be wrong with an uploaded photo.

use crate::format::PhotoFormat;

/// Why an uploaded photo was refused. Every message is about the uploaded file, the field
/// a form or request calls `photo`.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PhotoError {
    /// The upload holds no bytes.
    #[error("the file is empty")]
    Empty,
    /// The file is larger than the clinic accepts.
    #[error("the file is {bytes} bytes; at most {max} bytes are accepted")]
    TooManyBytes {
        /// Its size.
        bytes: usize,
        /// The most accepted.
        max: usize,
    },
    /// The file is neither a JPEG nor a PNG image, whatever its name says.
    #[error("the file is not a JPEG or PNG image")]
    NotAnImage,
    /// The file is one format but was sent as another.
    #[error("the file is a {found} image but was sent as {declared}")]
    Mislabelled {
        /// The media type it was sent with.
        declared: String,
        /// What it really is.
        found: PhotoFormat,
    },
    /// The picture's dimensions are outside the limits (read from the header, before
    /// decoding).
    #[error(
        "the picture is {width}×{height} pixels; at most {max_side} pixels a side and \
         {max_megapixels} megapixels are accepted"
    )]
    TooManyPixels {
        /// Its width.
        width: u32,
        /// Its height.
        height: u32,
        /// The longest side accepted.
        max_side: u32,
        /// The most megapixels accepted.
        max_megapixels: u32,
    },
    /// The picture's data is cut short or damaged.
    #[error("the {format} file is truncated or damaged ({reason})")]
    Damaged {
        /// Its format.
        format: PhotoFormat,
        /// What the decoder said.
        reason: String,
    },
    /// The clean copy could not be encoded (not the upload's fault).
    #[error("the photo could not be stored: {0}")]
    Encoding(String),
}
