//! A stored (already clean) photo to pixels and pixels back to a file: what the studio
//! draws on and sends back.

use std::io::Cursor;

use image::ImageReader;

use crate::error::PhotoError;
use crate::format::PhotoFormat;

/// A picture as 8-bit sRGB `r, g, b` bytes, row by row from the top left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RgbPicture {
    /// Width, pixels.
    pub width: u32,
    /// Height, pixels.
    pub height: u32,
    /// `width × height × 3` bytes.
    pub rgb: Vec<u8>,
}

/// Decodes a photo that [`intake`](crate::intake) stored to RGB (transparency is dropped:
/// the studio draws on the skin, not on what is behind the picture), scaled down to at
/// most `max_side` pixels a side when it is larger (never up).
///
/// # Errors
/// [`PhotoError::NotAnImage`] or [`PhotoError::Damaged`] when the bytes are not a whole
/// JPEG or PNG.
pub fn decode_rgb(bytes: &[u8], max_side: u32) -> Result<RgbPicture, PhotoError> {
    let format = PhotoFormat::sniff(bytes).ok_or(PhotoError::NotAnImage)?;
    let picture = ImageReader::with_format(Cursor::new(bytes), format.image_format())
        .decode()
        .map_err(|e| PhotoError::Damaged {
            format,
            reason: e.to_string().trim().to_owned(),
        })?
        .into_rgb8();
    let longest = picture.width().max(picture.height());
    let picture = if longest > max_side.max(1) {
        let scale = f64::from(max_side.max(1)) / f64::from(longest);
        let side = |v: u32| ((f64::from(v) * scale).round() as u32).max(1);
        image::imageops::resize(
            &picture,
            side(picture.width()),
            side(picture.height()),
            image::imageops::FilterType::Triangle,
        )
    } else {
        picture
    };
    Ok(RgbPicture {
        width: picture.width(),
        height: picture.height(),
        rgb: picture.into_raw(),
    })
}

/// Encodes RGB pixels as a baseline JPEG of `quality` (1-100) with no metadata.
///
/// # Errors
/// [`PhotoError::Encoding`] when the bytes are not `width × height × 3`, or a side is over
/// 65,535 pixels.
pub fn encode_jpeg(picture: &RgbPicture, quality: u8) -> Result<Vec<u8>, PhotoError> {
    let expected = u64::from(picture.width) * u64::from(picture.height) * 3;
    if picture.rgb.len() as u64 != expected {
        return Err(PhotoError::Encoding(format!(
            "{} bytes are not a {} × {} RGB picture",
            picture.rgb.len(),
            picture.width,
            picture.height
        )));
    }
    let side = |pixels: u32| {
        u16::try_from(pixels).map_err(|_| {
            PhotoError::Encoding(format!("{pixels} pixels is more than a JPEG's 65,535"))
        })
    };
    let (width, height) = (side(picture.width)?, side(picture.height)?);
    let mut out = Vec::new();
    // `jpeg-encoder` (its SIMD paths chosen at run time) encodes a 1600 × 1200 preview in
    // about a third of the time `image`'s encoder takes on this machine.
    jpeg_encoder::Encoder::new(&mut out, quality.clamp(1, 100))
        .encode(&picture.rgb, width, height, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| PhotoError::Encoding(e.to_string()))?;
    Ok(out)
}
