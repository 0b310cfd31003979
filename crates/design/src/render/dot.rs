//! Dots: antialiased discs whose amount of ink is right at every size and position.

use super::canvas::{Canvas, Target};
use super::paint::{Absorb, Over, Paint};
use super::profile::{support_under_a_pixel, Profile};
use super::raster::Clip;
use crate::color::LinearRgb;

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
/// A dot of radius `r` and edge width `e = max(1 px, softness)` has the radial profile
/// `coverage(d) = clamp(0.5 + (r² − d²) / (2 r e), 0, 1)`. Near the edge
/// `(r² − d²) / 2r ≈ r − d`, so this is the analytic edge `0.5 + (r − d) / e`: a pixel whose
/// centre is on the circle is half covered. Unlike `0.5 + (r − d) / e` (which adds
/// `π e² / 12`, +8 % at `r` = 1 px), its integral is exactly the disc's area `π r²`, and it
/// needs no square root per pixel. When `r < e` the profile is the paraboloid
/// `clamp(√(r / e) − d² / (2 r e), 0, 1)`, of the same integral.
///
/// The profile is then drawn one of three ways, by the radius of its support:
///
/// - **below 1 px: a splat.** The dot is an area-exact box-filtered square of area `π r²`, so
///   a 0.2 px dot neither vanishes between pixel centres nor bloats onto one pixel.
/// - **1 to 4.5 px: sampled, then normalised.** The profile is sampled at the pixel centres
///   of the dot's (unclipped) bounding box and shifted (Newton steps) until the samples sum
///   to `π r²` within 0.1 % whatever the sub-pixel offset, so a field of dots has no density
///   pattern from their positions on the pixel grid. The core stays opaque.
/// - **above 4.5 px: row spans.** Each row's opaque core is painted as one run; only the edge
///   band computes a coverage. Sampling error there is under 0.5 %.
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
    /// Draws the dots in order: where dots overlap, later ones are on top.
    ///
    /// On a large canvas the dots are drawn tile by tile so that each tile stays in the
    /// processor's cache, and the tiles are shared among the processor's cores; every pixel
    /// still sees the same dots in the same order, so the result is exactly that of calling
    /// [`Canvas::draw_dot`] on each in turn, whatever the number of cores.
    pub fn draw_dots(&mut self, dots: &[Dot]) {
        if !self.draw_tiled(dots) {
            let clip = self.whole();
            self.target().draw(dots, clip);
        }
    }

    /// Draws one dot; see [`Dot`] for how coverage is computed.
    pub fn draw_dot(&mut self, dot: &Dot) {
        let clip = self.whole();
        self.target().draw(std::slice::from_ref(dot), clip);
    }

    /// The whole canvas as a clip.
    pub(super) fn whole(&self) -> Clip {
        Clip {
            x0: 0,
            x1: self.width,
            y0: 0,
            y1: self.height,
        }
    }
}

impl Target<'_> {
    /// Draws the parts of `dots` inside `clip` (which lies inside the target), in order.
    ///
    /// The dots' plans are worked out a batch at a time: each plan is a chain of divisions
    /// and square roots, and a batch of independent chains overlaps in the processor where
    /// one per dot, between two dots' drawing, would not.
    pub(super) fn draw(&mut self, dots: &[Dot], clip: Clip) {
        if clip.x0 >= clip.x1 || clip.y0 >= clip.y1 {
            return;
        }
        let mut plans = [Plan::Skip; PLAN_BATCH];
        for batch in dots.chunks(PLAN_BATCH) {
            for (plan, dot) in plans.iter_mut().zip(batch) {
                *plan = Plan::of(dot);
            }
            for (plan, dot) in plans.iter().zip(batch) {
                match (plan, dot.blend) {
                    (Plan::Skip, _) => {}
                    (_, Blend::Over) => self.execute(plan, dot, clip, Over::new(dot.color)),
                    (_, Blend::Multiply) => self.execute(plan, dot, clip, Absorb::new(dot.color)),
                }
            }
        }
    }

    /// Draws a dot by its plan.
    fn execute<P: Paint>(&mut self, plan: &Plan, dot: &Dot, clip: Clip, paint: P) {
        match plan {
            Plan::Skip => {}
            Plan::Splat => self.splat(dot, dot.opacity.min(1.0), clip, paint),
            Plan::Sampled(profile) => {
                if !self.sampled(profile, clip, paint) {
                    self.spans(dot, clip, paint);
                }
            }
            Plan::Spans => self.spans(dot, clip, paint),
        }
    }
}

/// Dots whose plans are worked out together.
const PLAN_BATCH: usize = 16;

/// How a dot is drawn (see [`Dot`]).
#[derive(Debug, Clone, Copy)]
enum Plan {
    /// Nothing to draw.
    Skip,
    /// A splat: the support is under a pixel.
    Splat,
    /// The normalised sampled profile.
    Sampled(Profile),
    /// Row spans, in f64.
    Spans,
}

impl Plan {
    /// The plan for `dot`.
    fn of(dot: &Dot) -> Plan {
        if !drawable(dot) {
            return Plan::Skip;
        }
        let (r, edge) = (dot.radius, dot.softness.max(1.0));
        // Small enough for f32 (larger ones are all drawn in row spans, in f64).
        if r > 8.0 || edge > 1e6 {
            return Plan::Spans;
        }
        if support_under_a_pixel(r, edge) {
            return Plan::Splat;
        }
        match Profile::new((dot.x, dot.y), r, edge, dot.opacity.min(1.0)) {
            Some(profile) => Plan::Sampled(profile),
            None => Plan::Spans,
        }
    }
}

/// Whether a dot has anything to draw: finite fields, positive radius and opacity.
fn drawable(dot: &Dot) -> bool {
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
    fields.iter().all(|v| v.is_finite()) && dot.radius > 0.0 && dot.opacity > 0.0
}
