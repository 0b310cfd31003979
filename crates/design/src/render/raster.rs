//! Rasterising one dot: the splat, the normalised sampled profile and row spans (see
//! [`Dot`](super::Dot) for the model), and the two blends.

use super::canvas::Canvas;
use super::dot::Dot;
use crate::color::LinearRgb;

/// Support radius (px) up to which a dot is sampled and normalised.
pub(super) const NORMALISED_UP_TO: f32 = 4.5;
/// Relative error of a normalised dot's total coverage that is good enough.
const NORMALISED_WITHIN: f32 = 1e-3;
/// At most this many Newton steps normalise a dot (one nearly always suffices).
const NEWTON_STEPS: usize = 3;
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

/// A normalised dot's profile, `coverage(d) = clamp(k − d / edge, 0, 1)`, in pixels.
pub(super) struct Profile {
    pub(super) cx: f32,
    pub(super) cy: f32,
    pub(super) k: f32,
    /// `1 / edge`.
    pub(super) inv_edge: f32,
    /// `k × edge`, at most [`NORMALISED_UP_TO`].
    pub(super) support: f32,
    /// `π r²`: the total coverage to lay down.
    pub(super) area: f32,
    pub(super) opacity: f32,
}

impl Canvas {
    /// A box-filtered square of area `π r²` (side at most 1 px): exact total coverage on at
    /// most 2 × 2 pixels.
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
                    let index = y as usize * self.width + x as usize;
                    if let Some(pixel) = self.pixels.get_mut(index) {
                        paint.apply(pixel, wx * wy * opacity);
                    }
                }
            }
        }
    }

    /// The profile sampled at pixel centres and normalised to total `π r²`. Returns `false`,
    /// having drawn nothing, when f32 cannot place the dot's box precisely (a centre millions
    /// of pixels out): the caller then draws it with [`Canvas::spans`].
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

        // Squared distances from the centre over the whole (unclipped) box; the tail of the
        // last lane group is far away.
        let mut buffer = [f32::MAX; CELLS];
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
        // Distances in edge widths, and the first coverage sum on the way.
        let inv_edge = p.inv_edge;
        let mut k = p.k;
        let (mut sum, mut band) = ([0.0f32; LANES], [0.0f32; LANES]);
        for lanes in cells.chunks_exact_mut(LANES) {
            for ((cell, s), b) in lanes.iter_mut().zip(&mut sum).zip(&mut band) {
                *cell = cell.sqrt() * inv_edge;
                accumulate(k - *cell, s, b);
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
            .skip(y0)
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
    /// row's core without square roots, the edge band with.
    pub(super) fn spans<P: Paint>(&mut self, dot: &Dot, clip: Clip, paint: P) {
        let r = f64::from(dot.radius);
        let edge = f64::from(dot.softness).max(1.0);
        let opacity = dot.opacity.min(1.0);
        let (cx, cy) = (f64::from(dot.x), f64::from(dot.y));
        let r2 = r * r;
        let k = if 3.0 * r2 >= edge * edge {
            0.5 + (r2 - edge * edge / 12.0).sqrt() / edge
        } else {
            (3.0 * edge * r2).cbrt() / edge
        };
        let support = k * edge;
        let core = (k - 1.0) * edge;
        let width = self.width;
        let edge_pixel = |x: usize, dy2: f64, pixel: &mut LinearRgb| {
            let dx = x as f64 + 0.5 - cx;
            let coverage = (k - (dx * dx + dy2).sqrt() / edge).clamp(0.0, 1.0);
            paint.apply(pixel, coverage as f32 * opacity);
        };
        let (y0, y1) = centres_within(cy - support, cy + support, clip.y0, clip.y1);
        let rows = self.pixels.chunks_exact_mut(width).skip(y0).take(y1 - y0);
        for (y, row) in (y0..y1).zip(rows) {
            let dy = y as f64 + 0.5 - cy;
            let dy2 = dy * dy;
            let reach2 = support * support - dy2;
            if reach2 <= 0.0 {
                continue;
            }
            let reach = reach2.sqrt();
            let (x0, x1) = centres_within(cx - reach, cx + reach, clip.x0, clip.x1);
            let (c0, c1) = if core > 0.0 && core * core > dy2 {
                let inner = (core * core - dy2).sqrt();
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

/// Adds the coverage `unit(v)` to `sum` and 1 to `band` when `v` is on the ramp (0 < v < 1),
/// in a form that compiles to vector compares and masks.
#[inline(always)]
fn accumulate(v: f32, sum: &mut f32, band: &mut f32) {
    *sum += unit(v);
    *band += if v > 0.0 { 1.0 } else { 0.0 };
    *band -= if v >= 1.0 { 1.0 } else { 0.0 };
}

/// `v` clamped to 0..1, written so that it compiles to a vector max and min (`v` is never
/// NaN here).
#[inline(always)]
fn unit(v: f32) -> f32 {
    let v = if v > 0.0 { v } else { 0.0 };
    if v < 1.0 {
        v
    } else {
        1.0
    }
}

/// How the interval `[lo, lo + side]` (`side` ≤ 1) covers pixels: the first pixel it
/// meets and its overlap with that pixel and the next. `None` when it misses `start..end`.
fn split_unit(lo: f32, side: f32, start: usize, end: usize) -> Option<(i64, [f32; 2])> {
    if !(lo + side > start as f32 && lo < end as f32) {
        return None;
    }
    let first = floor(lo);
    let in_first = (first as f32 + 1.0 - lo).min(side);
    Some((first, [in_first, side - in_first]))
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

/// A blend with its colour prepared: `apply` mixes one pixel with alpha `a`.
pub(super) trait Paint: Copy {
    /// Mixes `pixel` with the paint at alpha `a` (0 leaves it as it was).
    fn apply(self, pixel: &mut LinearRgb, a: f32);
}

/// [`Blend::Over`](super::Blend::Over) with the dot's colour.
#[derive(Clone, Copy)]
pub(super) struct Over(LinearRgb);

impl Over {
    pub(super) fn new(color: LinearRgb) -> Over {
        Over(color)
    }
}

impl Paint for Over {
    #[inline(always)]
    fn apply(self, p: &mut LinearRgb, a: f32) {
        let keep = 1.0 - a;
        p.r = p.r * keep + self.0.r * a;
        p.g = p.g * keep + self.0.g * a;
        p.b = p.b * keep + self.0.b * a;
    }
}

/// [`Blend::Multiply`](super::Blend::Multiply), holding the absorbance `1 − transmittance`.
#[derive(Clone, Copy)]
pub(super) struct Absorb(LinearRgb);

impl Absorb {
    pub(super) fn new(transmittance: LinearRgb) -> Absorb {
        let t = transmittance;
        Absorb(LinearRgb::new(1.0 - t.r, 1.0 - t.g, 1.0 - t.b))
    }
}

impl Paint for Absorb {
    #[inline(always)]
    fn apply(self, p: &mut LinearRgb, a: f32) {
        p.r *= 1.0 - a * self.0.r;
        p.g *= 1.0 - a * self.0.g;
        p.b *= 1.0 - a * self.0.b;
    }
}
