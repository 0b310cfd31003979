//! The hot path: a normalised dot drawn as a fixed-size block of pixels.
//!
//! Loops whose trip counts vary from dot to dot cost a mispredicted branch at every exit,
//! which for a 4 × 4 dot is more than the arithmetic. Here the block is `B × B` pixels
//! (`B` fixed by the dot's size class) and each row `L` lanes, so every loop has a constant
//! trip count, unrolls and vectorises. Cells outside the dot get coverage 0, and blending
//! with alpha 0 leaves a pixel exactly as it was, so the extra cells change nothing.

use super::canvas::Target;
use super::paint::Paint;
use super::profile::{accumulate, unit, Profile, FAR, NEWTON_STEPS, NORMALISED_WITHIN};
use super::raster::Clip;

impl Target<'_> {
    /// Draws `p` as the `B × B` block of pixels from column `x0`, row `y0` (which the caller
    /// has checked lies on the canvas and holds every pixel centre within the support),
    /// touching only pixels inside `clip`. Rows are `L ≥ B` lanes wide.
    pub(super) fn stencil<P: Paint, const B: usize, const L: usize>(
        &mut self,
        p: &Profile,
        clip: Clip,
        (x0, y0): (usize, usize),
        paint: P,
    ) {
        let (ox, oy) = (x0 as f32 + 0.5 - p.cx, y0 as f32 + 0.5 - p.cy);
        let mut tx = [FAR; L];
        for (i, d) in tx.iter_mut().take(B).enumerate() {
            let dx = ox + i as f32;
            *d = p.s * dx * dx;
        }

        // Scaled squared distances `s·d²`, and the first coverage sum on the way.
        let mut k = p.k;
        let mut t = [[0.0f32; L]; B];
        let (mut sum, mut band) = ([0.0f32; L], [0.0f32; L]);
        for (j, row) in t.iter_mut().enumerate() {
            let dy = oy + j as f32;
            let dy2 = p.s * dy * dy;
            for i in 0..L {
                row[i] = tx[i] + dy2;
                accumulate(k - row[i], &mut sum[i], &mut band[i]);
            }
        }
        let (mut sum, mut band) = (tree_sum(sum), tree_sum(band));

        // Newton steps on k: the sum is piecewise linear in k with slope `band`.
        for _ in 0..NEWTON_STEPS {
            if band == 0.0 || (sum - p.area).abs() <= NORMALISED_WITHIN * p.area {
                break;
            }
            k += (p.area - sum) / band;
            let (mut s, mut b) = ([0.0f32; L], [0.0f32; L]);
            for row in &t {
                for i in 0..L {
                    accumulate(k - row[i], &mut s[i], &mut b[i]);
                }
            }
            (sum, band) = (tree_sum(s), tree_sum(b));
        }

        // Alpha per column: the opacity inside the clip, 0 outside.
        let mut mask = [0.0f32; L];
        for (i, m) in mask.iter_mut().take(B).enumerate() {
            if (clip.x0..clip.x1).contains(&(x0 + i)) {
                *m = p.opacity;
            }
        }
        let width = self.width;
        for (j, row) in t.iter().enumerate() {
            let y = y0 + j;
            if !(clip.y0..clip.y1).contains(&y) {
                continue;
            }
            let mut alpha = [0.0f32; L];
            for i in 0..L {
                alpha[i] = unit(k - row[i]) * mask[i];
            }
            let start = y.saturating_sub(self.top) * width + x0;
            let Some(pixels) = self.pixels.get_mut(start..start + B) else {
                continue;
            };
            for (pixel, &a) in pixels.iter_mut().zip(&alpha) {
                paint.apply(pixel, a);
            }
        }
    }
}

/// The sum of `L` lanes (a power of two) as a tree, so that the additions overlap.
#[inline(always)]
fn tree_sum<const L: usize>(mut lanes: [f32; L]) -> f32 {
    let mut n = L;
    while n > 1 {
        n /= 2;
        for i in 0..n {
            lanes[i] += lanes[i + n];
        }
    }
    lanes[0]
}
