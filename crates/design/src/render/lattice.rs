//! Filling a canvas from colours known on a coarse lattice: what varies slowly (lighting)
//! is worked out every few pixels and interpolated between, block by block.

use super::canvas::{stored, Canvas};
use crate::color::LinearRgb;

/// Colours at every `step`-th pixel centre: lattice point `(i, j)` is the colour at pixel
/// centre `(i·step + 0.5, j·step + 0.5)`, or `None` where there is nothing to draw (off
/// the subject).
#[derive(Debug, Clone, PartialEq)]
pub struct Lattice {
    step: usize,
    width: usize,
    height: usize,
    points: Vec<Option<LinearRgb>>,
}

impl Lattice {
    /// The lattice for a canvas of `width × height` pixels at `step` pixels, with the
    /// colour of each point from `at(x, y)` at its pixel centre. It reaches one step past
    /// the canvas on the right and at the bottom, so every pixel lies between four points.
    pub fn new(
        width: u32,
        height: u32,
        step: usize,
        mut at: impl FnMut(f32, f32) -> Option<LinearRgb>,
    ) -> Lattice {
        let step = step.max(1);
        let (lw, lh) = (width as usize / step + 2, height as usize / step + 2);
        let mut points = Vec::with_capacity(lw * lh);
        for j in 0..lh {
            for i in 0..lw {
                points.push(at((i * step) as f32 + 0.5, (j * step) as f32 + 0.5));
            }
        }
        Lattice {
            step,
            width: lw,
            height: lh,
            points,
        }
    }

    fn at(&self, i: usize, j: usize) -> Option<LinearRgb> {
        self.points[j.min(self.height - 1) * self.width + i.min(self.width - 1)]
    }
}

impl Canvas {
    /// Fills the canvas from a lattice made for its size: inside a block whose four corner
    /// points all have a colour, each pixel is the bilinear mix of the four (as
    /// `top.mix(bottom, ty)` of `a.mix(b, tx)` and `c.mix(d, tx)`); a block with no colour at
    /// any corner keeps its pixels; a block with some, along the subject's outline, gets
    /// `exact(x, y)` at each pixel's centre.
    pub fn fill_lattice(
        &mut self,
        lattice: &Lattice,
        mut exact: impl FnMut(f32, f32) -> LinearRgb,
    ) {
        let step = lattice.step;
        let (w, h) = (self.width, self.height);
        let fractions: Vec<f32> = (0..step).map(|k| k as f32 / step as f32).collect();
        let mut top = vec![LinearRgb::grey(0.0); step];
        let mut bottom = vec![LinearRgb::grey(0.0); step];
        for bj in 0..h.div_ceil(step) {
            for bi in 0..w.div_ceil(step) {
                let (x0, y0) = (bi * step, bj * step);
                let (x1, y1) = ((x0 + step).min(w), (y0 + step).min(h));
                let corners = [
                    lattice.at(bi, bj),
                    lattice.at(bi + 1, bj),
                    lattice.at(bi, bj + 1),
                    lattice.at(bi + 1, bj + 1),
                ];
                match corners {
                    [Some(a), Some(b), Some(c), Some(d)] => {
                        for (k, &tx) in fractions.iter().enumerate() {
                            top[k] = a.mix(b, tx);
                            bottom[k] = c.mix(d, tx);
                        }
                        for y in y0..y1 {
                            let ty = fractions[y - y0];
                            let row = &mut self.pixels[y * w + x0..y * w + x1];
                            for (k, pixel) in row.iter_mut().enumerate() {
                                *pixel = stored(top[k].mix(bottom[k], ty));
                            }
                        }
                    }
                    [None, None, None, None] => {}
                    _ => {
                        for y in y0..y1 {
                            for x in x0..x1 {
                                self.pixels[y * w + x] =
                                    stored(exact(x as f32 + 0.5, y as f32 + 0.5));
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lattice of a linear ramp with a hole: interpolation reproduces the ramp, a block
    /// with no colour keeps the canvas, and a block with some is worked out exactly.
    #[test]
    fn a_lattice_fill_interpolates_keeps_and_works_out_each_kind_of_block() {
        let ramp = |x: f32, y: f32| LinearRgb::new(x / 16.0, y / 16.0, 0.25);
        // Nothing at lattice points right of x = 10: blocks from x = 12 on keep the canvas,
        // the block at x = 8..12 is along the edge.
        let lattice = Lattice::new(16, 8, 4, |x, y| (x < 10.0).then(|| ramp(x, y)));
        let background = LinearRgb::grey(0.5);
        let mut canvas = Canvas::new(16, 8, background).expect("a small canvas");
        let edge = LinearRgb::new(1.0, 0.0, 1.0);
        canvas.fill_lattice(&lattice, |_, _| edge);
        for y in 0..8 {
            for x in 0..8 {
                let got = canvas.pixel(x, y).expect("inside");
                let want = ramp(x as f32 + 0.5, y as f32 + 0.5);
                assert!(
                    (got.r - want.r).abs() < 1e-6 && (got.g - want.g).abs() < 1e-6,
                    "pixel ({x}, {y}): {got:?}, the ramp is {want:?}"
                );
            }
            for x in 8..12 {
                assert_eq!(canvas.pixel(x, y), Some(edge), "edge pixel ({x}, {y})");
            }
            for x in 12..16 {
                assert_eq!(canvas.pixel(x, y), Some(background), "pixel ({x}, {y})");
            }
        }
    }
}
