//! Rasterising one dot (see [`Dot`] for the model): the splat, the normalised
//! sampled profile cell by cell (the fixed-size blocks are in `stencil`), and row spans.

use super::canvas::{Px, Target};
use super::dot::Dot;
use super::paint::Paint;
use super::profile::{
    accumulate, profile_f64, unit, Profile, FAR, NEWTON_STEPS, NORMALISED_WITHIN,
};

/// Pixel centres per row or column of a normalised dot's box: at most `2 × 4.5 + 1`.
const SMALL_SIDE: usize = 10;
/// Cells processed together so that the compiler can use (4-wide) vector instructions.
const LANES: usize = 4;
/// Room for `SMALL_SIDE²` cells rounded up to whole `LANES`.
const CELLS: usize = SMALL_SIDE * SMALL_SIDE / LANES * LANES + LANES;

/// The pixels a dot may touch: columns `x0..x1`, rows `y0..y1`, inside the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Clip {
    pub(super) x0: usize,
    pub(super) x1: usize,
    pub(super) y0: usize,
    pub(super) y1: usize,
}

impl Target<'_> {
    /// A box-filtered square of area `π r²` (side under 2 px): exact total coverage on at
    /// most 3 × 3 pixels.
    pub(super) fn splat<P: Paint>(&mut self, dot: &Dot, opacity: f32, clip: Clip, paint: P) {
        let side = std::f32::consts::PI.sqrt() * dot.radius;
        let Some((x0, wx)) = split_unit(dot.x - 0.5 * side, side, clip.x0, clip.x1) else {
            return;
        };
        let Some((y0, wy)) = split_unit(dot.y - 0.5 * side, side, clip.y0, clip.y1) else {
            return;
        };
        for (y, wy) in (y0..).zip(wy) {
            for (x, wx) in (x0..).zip(wx) {
                let inside = (clip.x0 as i64..clip.x1 as i64).contains(&x)
                    && (clip.y0 as i64..clip.y1 as i64).contains(&y);
                if inside && wx * wy > 0.0 {
                    let index = (y as usize).saturating_sub(self.top) * self.width + x as usize;
                    if let Some(pixel) = self.pixels.get_mut(index) {
                        paint.apply(pixel, wx * wy * opacity);
                    }
                }
            }
        }
    }

    /// The profile sampled at pixel centres and normalised to total `π r²`. Returns `false`,
    /// having drawn nothing, when f32 cannot place the dot's box precisely (a centre millions
    /// of pixels out): the caller then draws it with [`Target::spans`].
    pub(super) fn sampled<P: Paint>(&mut self, p: &Profile, clip: Clip, paint: P) -> bool {
        let reaches_clip = p.cx + p.support > clip.x0 as f32
            && p.cy + p.support > clip.y0 as f32
            && p.cx - p.support < clip.x1 as f32
            && p.cy - p.support < clip.y1 as f32;
        if !reaches_clip {
            return true;
        }
        // The box of pixel centres within the support (coordinates now bounded).
        let (fx0, fx1) = (ceil(p.cx - p.support - 0.5), floor(p.cx + p.support - 0.5));
        let (fy0, fy1) = (ceil(p.cy - p.support - 0.5), floor(p.cy + p.support - 0.5));
        let (nx, ny) = (fx1 - fx0 + 1, fy1 - fy0 + 1);
        if !(1..=SMALL_SIDE as i64).contains(&nx) || !(1..=SMALL_SIDE as i64).contains(&ny) {
            return false;
        }
        let (nx, ny) = (nx as usize, ny as usize);

        // A fixed-size block when it lies on the canvas (a support under n px has at most
        // 2n pixel centres across).
        let fits = |b: usize| {
            fx0 >= 0
                && fy0 >= 0
                && fx0 as usize + b <= self.width
                && fy0 as usize + b <= self.height
        };
        let corner = (fx0.max(0) as usize, fy0.max(0) as usize);
        if p.support < 2.0 && fits(4) {
            self.stencil::<P, 4, 4>(p, clip, corner, paint);
            return true;
        }
        if p.support < 3.0 && fits(6) {
            self.stencil::<P, 6, 8>(p, clip, corner, paint);
            return true;
        }
        if p.support < 4.0 && fits(8) {
            self.stencil::<P, 8, 8>(p, clip, corner, paint);
            return true;
        }
        if fits(SMALL_SIDE) {
            self.stencil::<P, SMALL_SIDE, 16>(p, clip, corner, paint);
            return true;
        }

        // Squared distances from the centre over the whole (unclipped) box; the tail of the
        // last lane group is far away.
        let mut buffer = [FAR; CELLS];
        let used = (nx * ny).div_ceil(LANES) * LANES;
        let cells = &mut buffer[..used];
        let (ox, oy) = (fx0 as f32 + 0.5 - p.cx, fy0 as f32 + 0.5 - p.cy);
        for (j, row) in cells.chunks_exact_mut(nx).take(ny).enumerate() {
            let dy = oy + j as f32;
            let dy2 = dy * dy;
            for (i, cell) in row.iter_mut().enumerate() {
                let dx = ox + i as f32;
                *cell = dx * dx + dy2;
            }
        }
        // Scaled squared distances `s·d²`, and the first coverage sum on the way.
        let mut k = p.k;
        let (mut sum, mut band) = ([0.0f32; LANES], [0.0f32; LANES]);
        for lanes in cells.chunks_exact_mut(LANES) {
            for ((cell, total), count) in lanes.iter_mut().zip(&mut sum).zip(&mut band) {
                *cell *= p.s;
                accumulate(k - *cell, total, count);
            }
        }
        let (mut sum, mut band) = (total(sum), total(band));
        let cells = &*cells;

        // Newton steps on k: the sum is piecewise linear in k with slope `band`.
        for _ in 0..NEWTON_STEPS {
            if band == 0.0 || (sum - p.area).abs() <= NORMALISED_WITHIN * p.area {
                break;
            }
            k += (p.area - sum) / band;
            (sum, band) = coverage_sum(cells, k);
        }

        // Paint the part of the box inside the clip.
        let x0 = fx0.max(clip.x0 as i64) as usize;
        let y0 = fy0.max(clip.y0 as i64) as usize;
        let (skip_x, skip_y) = ((x0 as i64 - fx0) as usize, (y0 as i64 - fy0) as usize);
        let take_x = nx.saturating_sub(skip_x).min(clip.x1.saturating_sub(x0));
        let take_y = ny.saturating_sub(skip_y).min(clip.y1.saturating_sub(y0));
        let rows = self
            .pixels
            .chunks_exact_mut(self.width)
            .skip(y0.saturating_sub(self.top))
            .take(take_y);
        for (row, cell_row) in rows.zip(cells.chunks_exact(nx).skip(skip_y)) {
            let pixels = row.iter_mut().skip(x0).take(take_x);
            for (pixel, &d) in pixels.zip(cell_row.iter().skip(skip_x)) {
                paint.apply(pixel, unit(k - d) * p.opacity);
            }
        }
        true
    }

    /// Large dots row by row, in f64 so that huge radii and positions stay finite: each
    /// row's opaque core as one run, only the edge band computing a coverage.
    pub(super) fn spans<P: Paint>(&mut self, dot: &Dot, clip: Clip, paint: P) {
        let (k, s, support) = profile_f64(f64::from(dot.radius), f64::from(dot.softness).max(1.0));
        let opacity = dot.opacity.min(1.0);
        let (cx, cy) = (f64::from(dot.x), f64::from(dot.y));
        let (reach2, core2) = (support * support, (k - 1.0) / s);
        let edge_pixel = |x: usize, dy2: f64, pixel: &mut Px| {
            let dx = x as f64 + 0.5 - cx;
            let coverage = (k - s * (dx * dx + dy2)).clamp(0.0, 1.0);
            paint.apply(pixel, coverage as f32 * opacity);
        };
        let (y0, y1) = centres_within(cy - support, cy + support, clip.y0, clip.y1);
        let rows = self
            .pixels
            .chunks_exact_mut(self.width)
            .skip(y0.saturating_sub(self.top))
            .take(y1 - y0);
        for (y, row) in (y0..y1).zip(rows) {
            let dy = y as f64 + 0.5 - cy;
            let dy2 = dy * dy;
            if reach2 <= dy2 {
                continue;
            }
            let reach = (reach2 - dy2).sqrt();
            let (x0, x1) = centres_within(cx - reach, cx + reach, clip.x0, clip.x1);
            let (c0, c1) = if core2 > dy2 {
                let inner = (core2 - dy2).sqrt();
                let (c0, c1) = centres_within(cx - inner, cx + inner, clip.x0, clip.x1);
                let c0 = c0.clamp(x0, x1);
                (c0, c1.clamp(c0, x1))
            } else {
                (x0, x0)
            };
            let (left, rest) = row[..x1].split_at_mut(c0);
            let (middle, right) = rest.split_at_mut(c1 - c0);
            for (x, pixel) in (x0..).zip(&mut left[x0..]) {
                edge_pixel(x, dy2, pixel);
            }
            for pixel in middle {
                paint.apply(pixel, opacity);
            }
            for (x, pixel) in (c1..).zip(right) {
                edge_pixel(x, dy2, pixel);
            }
        }
    }
}

/// The sum of the clamped profile over `cells` (whole lane groups) and how many cells are
/// on its ramp, in lanes the compiler can vectorise.
fn coverage_sum(cells: &[f32], k: f32) -> (f32, f32) {
    let (mut sum, mut band) = ([0.0f32; LANES], [0.0f32; LANES]);
    for lanes in cells.chunks_exact(LANES) {
        for ((&d, s), b) in lanes.iter().zip(&mut sum).zip(&mut band) {
            accumulate(k - d, s, b);
        }
    }
    (total(sum), total(band))
}

/// The sum of the lanes as a tree, so that the additions overlap.
#[inline(always)]
fn total(lanes: [f32; LANES]) -> f32 {
    (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
}

/// How the interval `[lo, lo + side]` (`side` < 2) covers pixels: the first pixel it
/// meets and its overlap with that pixel and the next two. `None` when it misses
/// `start..end`.
fn split_unit(lo: f32, side: f32, start: usize, end: usize) -> Option<(i64, [f32; 3])> {
    if !(lo + side > start as f32 && lo < end as f32) {
        return None;
    }
    let first = floor(lo);
    let in_first = (first as f32 + 1.0 - lo).min(side);
    let in_second = (side - in_first).min(1.0);
    Some((first, [in_first, in_second, side - in_first - in_second]))
}

/// `x.floor()` as an integer, without a call into libm; `x` must be well inside `i64`.
fn floor(x: f32) -> i64 {
    let i = x as i64;
    i - i64::from((i as f32) > x)
}

/// `x.ceil()` as an integer, without a call into libm; `x` must be well inside `i64`.
fn ceil(x: f32) -> i64 {
    let i = x as i64;
    i + i64::from((i as f32) < x)
}

/// The pixels `first..end` (clipped to `start..end`) whose centres lie in `[lo, hi]`.
fn centres_within(lo: f64, hi: f64, start: usize, end: usize) -> (usize, usize) {
    let (s, e) = (start as f64, end as f64);
    let first = (lo - 0.5).ceil().clamp(s, e) as usize;
    let last = ((hi - 0.5).floor() + 1.0).clamp(s, e) as usize;
    (first, last.max(first))
}
