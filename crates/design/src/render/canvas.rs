//! The canvas: a grid of linear-light pixels that dots are drawn on.

use crate::color::LinearRgb;
use crate::error::DesignError;

/// A width × height grid of linear-light RGB pixels, row by row from the top left.
///
/// Pixel `(x, y)` covers the square `[x, x + 1) × [y, y + 1)`; its centre is at
/// `(x + 0.5, y + 0.5)`. Values are not clamped while drawing: the encoders clamp to 0..1.
/// A pixel is stored as four f32 (`r, g, b` and an unused 0), 16 bytes, so that blending
/// one is a single vector operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Canvas {
    pub(super) width: usize,
    pub(super) height: usize,
    pub(super) pixels: Vec<Px>,
}

/// One stored pixel: linear `r, g, b` and a 0 that keeps it four lanes wide.
pub(super) type Px = [f32; 4];

/// What the rasterisers draw into: a band of a canvas's rows, `top..top + pixels.len() /
/// width`, with the whole canvas's size (which decides how a dot is drawn, so that a dot
/// is drawn the same whichever band it is drawn through).
pub(super) struct Target<'a> {
    pub(super) pixels: &'a mut [Px],
    pub(super) width: usize,
    pub(super) height: usize,
    pub(super) top: usize,
}

impl Canvas {
    /// The whole canvas as a target.
    pub(super) fn target(&mut self) -> Target<'_> {
        Target {
            pixels: &mut self.pixels,
            width: self.width,
            height: self.height,
            top: 0,
        }
    }
}

/// A colour as a stored pixel.
pub(super) fn stored(color: LinearRgb) -> Px {
    [color.r, color.g, color.b, 0.0]
}

fn colour(px: &Px) -> LinearRgb {
    LinearRgb::new(px[0], px[1], px[2])
}

impl Canvas {
    /// The largest number of pixels a canvas may have (2²⁸, about 268 million: 4 GiB).
    pub const MAX_PIXELS: u64 = 1 << 28;

    /// A canvas filled with `background`.
    ///
    /// A zero width or height gives an empty canvas that ignores drawing.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] naming `size` when `width × height` exceeds
    /// [`Canvas::MAX_PIXELS`] or the memory for it cannot be had.
    ///
    /// # Example
    /// ```
    /// use smp_design::{Canvas, LinearRgb};
    /// let canvas = Canvas::new(4, 3, LinearRgb::grey(0.5))?;
    /// assert_eq!((canvas.width(), canvas.height()), (4, 3));
    /// assert_eq!(canvas.pixel(3, 2), Some(LinearRgb::grey(0.5)));
    /// # Ok::<(), smp_design::DesignError>(())
    /// ```
    pub fn new(width: u32, height: u32, background: LinearRgb) -> Result<Canvas, DesignError> {
        let count = u64::from(width) * u64::from(height);
        let too_big = || {
            DesignError::invalid(
                "size",
                format!(
                    "a {width} × {height} pixel image is too large; at most {} pixels",
                    Canvas::MAX_PIXELS
                ),
            )
        };
        if count > Canvas::MAX_PIXELS {
            return Err(too_big());
        }
        let count = usize::try_from(count).map_err(|_| too_big())?;
        let mut pixels = Vec::new();
        pixels.try_reserve_exact(count).map_err(|_| too_big())?;
        pixels.resize(count, stored(background));
        Ok(Canvas {
            width: width as usize,
            height: height as usize,
            pixels,
        })
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width as u32
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height as u32
    }

    /// The pixel at column `x`, row `y`; `None` outside the canvas.
    pub fn pixel(&self, x: u32, y: u32) -> Option<LinearRgb> {
        let (x, y) = (x as usize, y as usize);
        if x >= self.width || y >= self.height {
            return None;
        }
        self.pixels.get(y * self.width + x).map(colour)
    }

    /// Copies every pixel of `source` into this canvas with its top left at `(x, y)`; the
    /// part that falls outside this canvas is left out.
    pub(crate) fn paste(&mut self, source: &Canvas, x: u32, y: u32) {
        let (x0, y0) = (x as usize, y as usize);
        if source.width == 0 || x0 >= self.width {
            return;
        }
        let columns = source.width.min(self.width - x0);
        for (row, line) in source.pixels.chunks_exact(source.width).enumerate() {
            let Some(target) = y0.checked_add(row).filter(|&r| r < self.height) else {
                break;
            };
            let start = target * self.width + x0;
            self.pixels[start..start + columns].copy_from_slice(&line[..columns]);
        }
    }

    /// Every pixel, row by row from the top left (`width × height` of them).
    pub fn pixels(&self) -> impl ExactSizeIterator<Item = LinearRgb> + '_ {
        self.pixels.iter().map(colour)
    }

    /// Sets every pixel to `shade(x, y)` evaluated at the pixel's centre (`x + 0.5`,
    /// `y + 0.5`): skin tone, lighting, texture.
    pub fn fill_with(&mut self, mut shade: impl FnMut(f32, f32) -> LinearRgb) {
        if self.width == 0 {
            return;
        }
        for (y, row) in self.pixels.chunks_exact_mut(self.width).enumerate() {
            let cy = y as f32 + 0.5;
            for (x, pixel) in row.iter_mut().enumerate() {
                *pixel = stored(shade(x as f32 + 0.5, cy));
            }
        }
    }

    /// A canvas from 8-bit sRGB `r, g, b` bytes, row by row (a decoded photo), each value
    /// taken to linear light.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] naming `size` when the bytes are not
    /// `width × height × 3` or the canvas would be too large ([`Canvas::new`]).
    pub fn from_srgb_bytes(width: u32, height: u32, rgb: &[u8]) -> Result<Canvas, DesignError> {
        let expected = u64::from(width) * u64::from(height) * 3;
        if rgb.len() as u64 != expected {
            return Err(DesignError::invalid(
                "size",
                format!(
                    "{} bytes are not a {width} × {height} RGB picture ({expected} bytes)",
                    rgb.len()
                ),
            ));
        }
        let mut canvas = Canvas::new(width, height, LinearRgb::grey(0.0))?;
        let table: Vec<f32> = (0..=255u8).map(crate::color::srgb_to_linear).collect();
        for (pixel, bytes) in canvas.pixels.iter_mut().zip(rgb.chunks_exact(3)) {
            *pixel = [
                table[usize::from(bytes[0])],
                table[usize::from(bytes[1])],
                table[usize::from(bytes[2])],
                0.0,
            ];
        }
        Ok(canvas)
    }

    /// The 8-bit sRGB encoding of every pixel as `r, g, b` bytes, row by row (what the PNG
    /// holds). Channels are clamped to 0..1; NaN encodes as 0.
    pub fn to_srgb_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.pixels.len() * 3);
        for p in &self.pixels {
            bytes.extend_from_slice(&[
                super::png::encode_linear(p[0]),
                super::png::encode_linear(p[1]),
                super::png::encode_linear(p[2]),
            ]);
        }
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paste_copies_at_an_offset_and_clips() {
        let mut canvas = Canvas::new(4, 3, LinearRgb::grey(0.0)).unwrap();
        let mut source = Canvas::new(3, 2, LinearRgb::grey(0.0)).unwrap();
        source.fill_with(|x, y| LinearRgb::grey(x + 10.0 * y));
        canvas.paste(&source, 2, 2);
        assert_eq!(canvas.pixel(2, 2), Some(LinearRgb::grey(5.5)));
        assert_eq!(canvas.pixel(3, 2), Some(LinearRgb::grey(6.5)));
        assert_eq!(canvas.pixel(1, 2), Some(LinearRgb::grey(0.0)));
        assert_eq!(canvas.pixel(2, 1), Some(LinearRgb::grey(0.0)));
        canvas.paste(&source, 9, 0);
        canvas.paste(&source, 0, u32::MAX);
        canvas.paste(&Canvas::new(0, 0, LinearRgb::grey(1.0)).unwrap(), 0, 0);
        assert_eq!(canvas.pixels().filter(|p| p.r != 0.0).count(), 2);
    }
}
