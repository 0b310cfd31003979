//! Dots: antialiased discs whose amount of ink is right at every size and position.

use std::f64::consts::PI;

use super::canvas::Canvas;
use crate::color::LinearRgb;

/// Support radius (px) below which a dot is drawn as a splat.
const SPLAT_BELOW: f64 = 1.0;
/// Support radius (px) up to which a dot is sampled and normalised.
const NORMALISED_UP_TO: f64 = 4.5;
/// Relative error of a normalised dot's total coverage that is good enough.
const NORMALISED_WITHIN: f32 = 1e-3;
/// At most this many Newton steps normalise a dot (one nearly always suffices).
const NEWTON_STEPS: usize = 3;
/// Pixel centres per row or column of a normalised dot's box: at most `2 × 4.5 + 1`.
const SMALL_SIDE: usize = 10;

/// How a dot's colour combines with what is already on the canvas, in linear light, with
/// `a = opacity × coverage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Blend {
    /// Paint on top: `dst·(1 − a) + colour·a`.
    #[default]
    Over,
    /// Pigment under the skin: the colour is a transmittance, `dst·(1 − a·(1 − colour))` per
    /// channel. The skin shows through: a dot darkens light skin more than dark skin in
    /// absolute terms and is never a pasted-on disc.
    Multiply,
}

/// One round dot to draw, in canvas pixels.
///
/// A dot with a non-finite field, a radius or opacity that is not positive, is skipped.
/// Opacity above 1 counts as 1, negative softness as 0, colour channels are clamped to 0..1.
///
/// # Coverage
/// A dot of radius `r` has the radial profile `coverage(d) = clamp(k − d / edge, 0, 1)`,
/// `edge = max(1 px, softness)`: 1 in the core, a linear ramp `edge` wide, 0 outside. `k` is
/// chosen so that the profile's integral is the disc's area `π r²` (a plain
/// `0.5 + (r − d) / edge` ramp would add `π edge² / 12`, +8 % at `r` = 1 px). When the disc
/// is too small to have a core (`r² < edge² / 3`) the profile is a cone of the same volume.
///
/// The profile is then drawn one of three ways, by the radius of its support:
///
/// - **below 1 px: a splat.** The dot is an area-exact box-filtered square of area `π r²`, so
///   a 0.2 px dot neither vanishes between pixel centres nor bloats onto one pixel.
/// - **1 to 4.5 px: sampled, then normalised.** The profile is sampled at the pixel centres
///   of the dot's (unclipped) bounding box and `k` is adjusted (Newton steps) until the
///   samples sum to `π r²` within 0.1 % whatever the sub-pixel offset, so a field of dots
///   has no density pattern from their positions on the pixel grid. The core stays opaque.
/// - **above 4.5 px: row spans.** Each row's core is painted without any square root; only
///   the edge band computes a distance. Sampling error there is under 0.5 %.
///
/// A pixel's alpha is `opacity × coverage`; blending is in linear light (see [`Blend`]).
/// Only the dot's bounding box, clipped to the canvas, is touched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dot {
    /// Centre, pixels from the left edge.
    pub x: f32,
    /// Centre, pixels from the top edge.
    pub y: f32,
    /// Radius in pixels.
    pub radius: f32,
    /// Colour ([`Blend::Over`]) or transmittance ([`Blend::Multiply`]), linear light.
    pub color: LinearRgb,
    /// 0 (invisible) to 1 (full strength).
    pub opacity: f32,
    /// Width of the soft edge in pixels; 0 gives a crisp antialiased edge (1 px ramp).
    pub softness: f32,
    /// How the colour combines with the canvas.
    pub blend: Blend,
}

impl Dot {
    /// A crisp, opaque dot painted [`Blend::Over`] the canvas.
    pub const fn new(x: f32, y: f32, radius: f32, color: LinearRgb) -> Dot {
        Dot {
            x,
            y,
            radius,
            color,
            opacity: 1.0,
            softness: 0.0,
            blend: Blend::Over,
        }
    }

    /// The same dot with another opacity.
    pub const fn with_opacity(self, opacity: f32) -> Dot {
        Dot { opacity, ..self }
    }

    /// The same dot with a soft edge `softness` pixels wide.
    pub const fn with_softness(self, softness: f32) -> Dot {
        Dot { softness, ..self }
    }

    /// The same dot with another blend.
    pub const fn with_blend(self, blend: Blend) -> Dot {
        Dot { blend, ..self }
    }
}

impl Canvas {
    /// Draws the dots in order (later dots on top).
    pub fn draw_dots(&mut self, dots: &[Dot]) {
        for dot in dots {
            self.draw_dot(dot);
        }
    }

    /// Draws one dot; see [`Dot`] for how coverage is computed.
    pub fn draw_dot(&mut self, dot: &Dot) {
        if self.pixels.is_empty() {
            return;
        }
        let Some(shape) = Shape::of(dot) else {
            return;
        };
        let c = dot.color;
        let color = LinearRgb::new(
            c.r.clamp(0.0, 1.0),
            c.g.clamp(0.0, 1.0),
            c.b.clamp(0.0, 1.0),
        );
        match dot.blend {
            Blend::Over => self.raster(&shape, Over(color)),
            Blend::Multiply => self.raster(
                &shape,
                Absorb(LinearRgb::new(1.0 - color.r, 1.0 - color.g, 1.0 - color.b)),
            ),
        }
    }

    fn raster<P: Paint>(&mut self, shape: &Shape, paint: P) {
        if shape.support < SPLAT_BELOW {
            self.splat(shape, paint);
        } else if shape.support <= NORMALISED_UP_TO {
            self.sampled(shape, paint);
        } else {
            self.spans(shape, paint);
        }
    }

    /// A box-filtered square of area `π r²`: exact total coverage, at most 3 × 3 pixels.
    fn splat<P: Paint>(&mut self, shape: &Shape, paint: P) {
        let half = 0.5 * shape.area.sqrt();
        let (cols, ncols) = box_weights(shape.cx - half, shape.cx + half, self.width);
        let (rows, nrows) = box_weights(shape.cy - half, shape.cy + half, self.height);
        for &(y, wy) in &rows[..nrows] {
            for &(x, wx) in &cols[..ncols] {
                if let Some(pixel) = self.pixels.get_mut(y * self.width + x) {
                    paint.apply(pixel, wx * wy * shape.opacity);
                }
            }
        }
    }

    /// The profile sampled at pixel centres, normalised to total `π r²`.
    fn sampled<P: Paint>(&mut self, shape: &Shape, paint: P) {
        let (fx0, fx1) = (
            (shape.cx - shape.support - 0.5).ceil(),
            (shape.cx + shape.support - 0.5).floor(),
        );
        let (fy0, fy1) = (
            (shape.cy - shape.support - 0.5).ceil(),
            (shape.cy + shape.support - 0.5).floor(),
        );
        let (w, h) = (self.width as f64, self.height as f64);
        if fx1 < 0.0 || fy1 < 0.0 || fx0 >= w || fy0 >= h || fx1 < fx0 || fy1 < fy0 {
            return;
        }
        let (nx, ny) = ((fx1 - fx0) as usize + 1, (fy1 - fy0) as usize + 1);
        if nx > SMALL_SIDE || ny > SMALL_SIDE {
            return self.spans(shape, paint);
        }

        // Distances from the centre in units of the edge width, for the whole box.
        let inv_edge = (1.0 / shape.edge) as f32;
        let (ox, oy) = ((fx0 + 0.5 - shape.cx) as f32, (fy0 + 0.5 - shape.cy) as f32);
        let mut buffer = [0.0f32; SMALL_SIDE * SMALL_SIDE];
        let cells = &mut buffer[..nx * ny];
        for (j, row) in cells.chunks_exact_mut(nx).enumerate() {
            let dy = oy + j as f32;
            let dy2 = dy * dy;
            for (i, cell) in row.iter_mut().enumerate() {
                let dx = ox + i as f32;
                *cell = (dx * dx + dy2).sqrt() * inv_edge;
            }
        }
        let cells = &*cells;

        // Newton steps on k: the sum is piecewise linear in k with slope `band`.
        let target = shape.area as f32;
        let mut k = shape.k as f32;
        for _ in 0..NEWTON_STEPS {
            let (sum, band) = coverage_sum(cells, k);
            if band == 0 || (sum - target).abs() <= NORMALISED_WITHIN * target {
                break;
            }
            k += (target - sum) / band as f32;
        }

        // Paint the part of the box on the canvas.
        let skip_x = (-fx0).max(0.0) as usize;
        let skip_y = (-fy0).max(0.0) as usize;
        let x0 = fx0.max(0.0) as usize;
        let y0 = fy0.max(0.0) as usize;
        let take_x = nx.saturating_sub(skip_x).min(self.width - x0);
        let take_y = ny.saturating_sub(skip_y).min(self.height - y0);
        let rows = self
            .pixels
            .chunks_exact_mut(self.width)
            .skip(y0)
            .take(take_y);
        for (row, cell_row) in rows.zip(cells.chunks_exact(nx).skip(skip_y)) {
            let pixels = row.iter_mut().skip(x0).take(take_x);
            for (pixel, &d) in pixels.zip(cell_row.iter().skip(skip_x)) {
                paint.apply(pixel, (k - d).clamp(0.0, 1.0) * shape.opacity);
            }
        }
    }

    /// Large dots row by row: the core without square roots, the edge band with.
    fn spans<P: Paint>(&mut self, shape: &Shape, paint: P) {
        let (y0, y1) = centres_within(
            shape.cy - shape.support,
            shape.cy + shape.support,
            self.height,
        );
        let core = (shape.k - 1.0) * shape.edge;
        let inv_edge = 1.0 / shape.edge;
        let width = self.width;
        let edge_pixel = |x: usize, dy2: f64, pixel: &mut LinearRgb| {
            let dx = x as f64 + 0.5 - shape.cx;
            let coverage = (shape.k - (dx * dx + dy2).sqrt() * inv_edge).clamp(0.0, 1.0);
            paint.apply(pixel, coverage as f32 * shape.opacity);
        };
        let rows = self.pixels.chunks_exact_mut(width).skip(y0).take(y1 - y0);
        for (y, row) in (y0..y1).zip(rows) {
            let dy = y as f64 + 0.5 - shape.cy;
            let dy2 = dy * dy;
            let reach2 = shape.support * shape.support - dy2;
            if reach2 <= 0.0 {
                continue;
            }
            let reach = reach2.sqrt();
            let (x0, x1) = centres_within(shape.cx - reach, shape.cx + reach, width);
            let (c0, c1) = if core > 0.0 && core * core > dy2 {
                let inner = (core * core - dy2).sqrt();
                let (c0, c1) = centres_within(shape.cx - inner, shape.cx + inner, width);
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
                paint.apply(pixel, shape.opacity);
            }
            for (x, pixel) in (c1..).zip(right) {
                edge_pixel(x, dy2, pixel);
            }
        }
    }
}

/// A dot reduced to its profile, in f64 so that huge radii and positions stay finite.
struct Shape {
    cx: f64,
    cy: f64,
    /// `π r²`: the total coverage to lay down.
    area: f64,
    /// `coverage(d) = clamp(k − d / edge, 0, 1)`.
    k: f64,
    edge: f64,
    /// Radius beyond which coverage is 0: `k × edge`.
    support: f64,
    opacity: f32,
}

impl Shape {
    fn of(dot: &Dot) -> Option<Shape> {
        let c = dot.color;
        let fields = [
            dot.x,
            dot.y,
            dot.radius,
            dot.opacity,
            dot.softness,
            c.r,
            c.g,
            c.b,
        ];
        if !fields.iter().all(|v| v.is_finite()) || dot.radius <= 0.0 || dot.opacity <= 0.0 {
            return None;
        }
        let r = f64::from(dot.radius);
        let edge = f64::from(dot.softness).max(1.0);
        let r2 = r * r;
        let k = if 3.0 * r2 >= edge * edge {
            // A core and a full ramp centred on R, with π(R² + edge²/12) = π r².
            0.5 + (r2 - edge * edge / 12.0).sqrt() / edge
        } else {
            // A cone of base radius c and slope 1/edge, with π c³ / (3 edge) = π r².
            (3.0 * edge * r2).cbrt() / edge
        };
        Some(Shape {
            cx: f64::from(dot.x),
            cy: f64::from(dot.y),
            area: PI * r2,
            k,
            edge,
            support: k * edge,
            opacity: dot.opacity.min(1.0),
        })
    }
}

/// The sum of the clamped profile over `cells` and how many cells are on its ramp.
fn coverage_sum(cells: &[f32], k: f32) -> (f32, u32) {
    let mut sum = 0.0;
    let mut band = 0;
    for &d in cells {
        let v = k - d;
        sum += v.clamp(0.0, 1.0);
        band += u32::from(v > 0.0 && v < 1.0);
    }
    (sum, band)
}

/// The pixels `start..end` (clipped to `0..len`) whose centres lie in `[lo, hi]`.
fn centres_within(lo: f64, hi: f64, len: usize) -> (usize, usize) {
    let n = len as f64;
    let start = (lo - 0.5).ceil().clamp(0.0, n) as usize;
    let end = ((hi - 0.5).floor() + 1.0).clamp(0.0, n) as usize;
    (start, end.max(start))
}

/// How much of each pixel `i` (covering `[i, i + 1)`, clipped to `0..len`) the interval
/// `[lo, hi]` covers; the interval is at most about 1 px long, so it meets at most 3 pixels.
fn box_weights(lo: f64, hi: f64, len: usize) -> ([(usize, f32); 3], usize) {
    let mut weights = [(0, 0.0); 3];
    let mut count = 0;
    let first = lo.floor();
    for step in 0..3 {
        let i = first + f64::from(step);
        if i > hi {
            break;
        }
        let overlap = hi.min(i + 1.0) - lo.max(i);
        if i >= 0.0 && i < len as f64 && overlap > 0.0 {
            weights[count] = (i as usize, overlap as f32);
            count += 1;
        }
    }
    (weights, count)
}

/// A blend with its colour prepared: `apply` mixes one pixel with alpha `a`.
trait Paint: Copy {
    fn apply(self, pixel: &mut LinearRgb, a: f32);
}

/// [`Blend::Over`] with the dot's colour.
#[derive(Clone, Copy)]
struct Over(LinearRgb);

impl Paint for Over {
    #[inline(always)]
    fn apply(self, p: &mut LinearRgb, a: f32) {
        let keep = 1.0 - a;
        p.r = p.r * keep + self.0.r * a;
        p.g = p.g * keep + self.0.g * a;
        p.b = p.b * keep + self.0.b * a;
    }
}

/// [`Blend::Multiply`] with the dot's absorbance `1 − transmittance`.
#[derive(Clone, Copy)]
struct Absorb(LinearRgb);

impl Paint for Absorb {
    #[inline(always)]
    fn apply(self, p: &mut LinearRgb, a: f32) {
        p.r *= 1.0 - a * self.0.r;
        p.g *= 1.0 - a * self.0.g;
        p.b *= 1.0 - a * self.0.b;
    }
}
