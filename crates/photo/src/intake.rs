//! An uploaded file in, a clean photo out (see the crate docs for the order of checks).

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader};

use crate::error::PhotoError;
use crate::format::PhotoFormat;
use crate::whole;

/// How much a photo may be; a clinic's phone or camera photo is well inside the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most bytes in the uploaded file (default 25 MiB).
    pub max_bytes: usize,
    /// Longest side, pixels (default 12,000).
    pub max_side: u32,
    /// Most pixels, in millions (default 50).
    pub max_megapixels: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 25 * 1024 * 1024,
            max_side: 12_000,
            max_megapixels: 50,
        }
    }
}

impl Limits {
    fn max_pixels(&self) -> u64 {
        u64::from(self.max_megapixels) * 1_000_000
    }

    /// The decoder's own limits, the same as these: a header that lied about its size
    /// still cannot make the decoder allocate more (8 bytes a pixel covers 16-bit RGBA).
    fn for_decoder(&self) -> image::Limits {
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(self.max_side);
        limits.max_image_height = Some(self.max_side);
        limits.max_alloc = Some(self.max_pixels() * 8);
        limits
    }
}

/// A photo made safe to keep: upright, in its own format, with no metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanPhoto {
    /// Its format (the upload's).
    pub format: PhotoFormat,
    /// Width, pixels, upright.
    pub width: u32,
    /// Height, pixels, upright.
    pub height: u32,
    /// The encoded file.
    pub bytes: Vec<u8>,
}

/// JPEG quality of the clean copy: high enough that re-encoding a camera's photo shows
/// nothing at the sizes a studio shows it.
const JPEG_QUALITY: u8 = 92;

/// Checks an uploaded file and makes its clean copy. `declared` is the media type it was
/// sent with (a form's or a request's `Content-Type`), when there was one.
///
/// # Errors
/// A [`PhotoError`] saying what is wrong with the file; nothing is decoded before its
/// size, format and dimensions have passed.
pub fn intake(
    bytes: &[u8],
    declared: Option<&str>,
    limits: &Limits,
) -> Result<CleanPhoto, PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    if bytes.len() > limits.max_bytes {
        return Err(PhotoError::TooManyBytes {
            bytes: bytes.len(),
            max: limits.max_bytes,
        });
    }
    let format = PhotoFormat::sniff(bytes).ok_or(PhotoError::NotAnImage)?;
    if let Some(declared) = declared.filter(|d| !is_generic(d)) {
        if PhotoFormat::from_media_type(declared) != Some(format) {
            return Err(PhotoError::Mislabelled {
                declared: declared.to_owned(),
                found: format,
            });
        }
    }
    let damaged = |e: image::ImageError| PhotoError::Damaged {
        format,
        reason: e.to_string().trim().to_owned(),
    };
    let is_whole = match format {
        PhotoFormat::Jpeg => whole::jpeg_is_whole(bytes),
        PhotoFormat::Png => whole::png_is_whole(bytes),
    };
    if !is_whole {
        return Err(PhotoError::Damaged {
            format,
            reason: "it ends before the picture does".to_owned(),
        });
    }
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format.image_format())
        .into_dimensions()
        .map_err(damaged)?;
    check_dimensions(width, height, limits)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.image_format());
    reader.limits(limits.for_decoder());
    let mut decoder = reader.into_decoder().map_err(damaged)?;
    let orientation = decoder.orientation().map_err(damaged)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(damaged)?;
    picture.apply_orientation(orientation);
    let bytes = encode(&picture, format)?;
    Ok(CleanPhoto {
        format,
        width: picture.width(),
        height: picture.height(),
        bytes,
    })
}

/// Media types that say nothing about the format (a browser's or client's fallback).
fn is_generic(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence.is_empty() || essence.eq_ignore_ascii_case("application/octet-stream")
}

fn check_dimensions(width: u32, height: u32, limits: &Limits) -> Result<(), PhotoError> {
    let pixels = u64::from(width) * u64::from(height);
    if width == 0
        || height == 0
        || width > limits.max_side
        || height > limits.max_side
        || pixels > limits.max_pixels()
    {
        return Err(PhotoError::TooManyPixels {
            width,
            height,
            max_side: limits.max_side,
            max_megapixels: limits.max_megapixels,
        });
    }
    Ok(())
}

/// Encodes the pixels alone (no metadata of any kind) in the photo's format: JPEG as 8-bit
/// grey or RGB, PNG as 8-bit RGB or RGBA (keeping transparency).
fn encode(picture: &DynamicImage, format: PhotoFormat) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    let failed = |e: image::ImageError| PhotoError::Encoding(e.to_string());
    match format {
        PhotoFormat::Jpeg => {
            let encoder =
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
            match picture {
                DynamicImage::ImageLuma8(grey) => grey.write_with_encoder(encoder),
                other => other.to_rgb8().write_with_encoder(encoder),
            }
            .map_err(failed)?;
        }
        PhotoFormat::Png => {
            let encoder = image::codecs::png::PngEncoder::new(&mut out);
            if picture.color().has_alpha() {
                picture.to_rgba8().write_with_encoder(encoder)
            } else {
                picture.to_rgb8().write_with_encoder(encoder)
            }
            .map_err(failed)?;
        }
    }
    Ok(out)
}
