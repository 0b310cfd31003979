//! PNG encoding: 8-bit sRGB through a lookup table.

use std::sync::OnceLock;

use ::png::{BitDepth, ColorType, Compression, Encoder, SrgbRenderingIntent};

use super::canvas::Canvas;
use crate::color::linear_to_srgb;
use crate::error::DesignError;

/// Entries of the linear → sRGB table over linear 0..1. The steepest part of the sRGB
/// curve (slope 12.92 near black) puts 8-bit decision boundaries 1.5·10⁻⁴ apart in linear
/// light; rounding to the nearest of 8192 entries errs by at most 6.1·10⁻⁵, so every 8-bit
/// value survives a round trip.
const LUT_SIZE: usize = 8192;

/// The encoded 8-bit sRGB value of a linear channel (clamped to 0..1; NaN gives 0).
pub(super) fn encode_linear(value: f32) -> u8 {
    static TABLE: OnceLock<[u8; LUT_SIZE]> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = [0u8; LUT_SIZE];
        let last = (LUT_SIZE - 1) as f32;
        for (i, entry) in table.iter_mut().enumerate() {
            *entry = linear_to_srgb(i as f32 / last);
        }
        table
    });
    // `as` saturates: negative and NaN give 0, huge values are cut to the last entry.
    let index = (value * (LUT_SIZE - 1) as f32 + 0.5) as usize;
    table[index.min(LUT_SIZE - 1)]
}

/// The canvas as an 8-bit RGB PNG marked sRGB (with the gAMA and cHRM fallbacks).
///
/// The same canvas always gives the same bytes.
///
/// # Errors
/// [`DesignError::InvalidParameter`] naming `size` when the canvas has no pixels: a PNG
/// cannot be empty.
///
/// # Example
/// ```
/// use smp_design::{encode_png, Canvas, LinearRgb};
/// let canvas = Canvas::new(2, 2, LinearRgb::grey(0.5))?;
/// let bytes = encode_png(&canvas)?;
/// assert_eq!(&bytes[1..4], b"PNG");
/// # Ok::<(), smp_design::DesignError>(())
/// ```
pub fn encode_png(canvas: &Canvas) -> Result<Vec<u8>, DesignError> {
    if canvas.width() == 0 || canvas.height() == 0 {
        return Err(DesignError::invalid(
            "size",
            format!(
                "a {} × {} pixel image has no pixels to write",
                canvas.width(),
                canvas.height()
            ),
        ));
    }
    let data = canvas.to_srgb_bytes();
    let mut bytes = Vec::with_capacity(data.len() / 2 + 1024);
    write_png(&mut bytes, canvas.width(), canvas.height(), &data).map_err(|error| {
        DesignError::invalid("size", format!("the image cannot be encoded: {error}"))
    })?;
    Ok(bytes)
}

fn write_png(
    out: &mut Vec<u8>,
    width: u32,
    height: u32,
    data: &[u8],
) -> Result<(), ::png::EncodingError> {
    let mut encoder = Encoder::new(out, width, height);
    encoder.set_color(ColorType::Rgb);
    encoder.set_depth(BitDepth::Eight);
    encoder.set_source_srgb(SrgbRenderingIntent::Perceptual);
    encoder.set_compression(Compression::Fast);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(data)?;
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::srgb_to_linear;

    #[test]
    fn every_eight_bit_value_round_trips_through_the_table() {
        for v in 0..=255u8 {
            assert_eq!(encode_linear(srgb_to_linear(v)), v, "sRGB {v}");
        }
    }

    #[test]
    fn the_table_agrees_with_the_exact_curve_within_one_step() {
        for i in 0..=10_000 {
            let v = i as f32 / 10_000.0;
            let diff = i32::from(encode_linear(v)) - i32::from(linear_to_srgb(v));
            assert!(diff.abs() <= 1, "linear {v}");
        }
    }

    #[test]
    fn out_of_range_and_nan_channels_are_clamped() {
        assert_eq!(encode_linear(-1.0), 0);
        assert_eq!(encode_linear(f32::NAN), 0);
        assert_eq!(encode_linear(2.0), 255);
        assert_eq!(encode_linear(f32::INFINITY), 255);
        assert_eq!(encode_linear(f32::NEG_INFINITY), 0);
    }
}
