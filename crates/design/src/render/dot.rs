//! Dots: antialiased discs whose amount of ink is right at every size and position.

use std::f32::consts::PI;

use super::canvas::Canvas;
use super::raster::{Absorb, Clip, Over, Paint, Profile, NORMALISED_UP_TO};
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
    /// Draws the dots in order: where dots overlap, later ones are on top.
    ///
    /// On a large canvas the dots are drawn tile by tile so that each tile stays in the
    /// processor's cache; every pixel still sees the same dots in the same order, so the
    /// result is exactly that of calling [`Canvas::draw_dot`] on each in turn.
    pub fn draw_dots(&mut self, dots: &[Dot]) {
        if !self.draw_tiled(dots) {
            let clip = self.whole();
            for dot in dots {
                self.draw_clipped(dot, clip);
            }
        }
    }

    /// Draws one dot; see [`Dot`] for how coverage is computed.
    pub fn draw_dot(&mut self, dot: &Dot) {
        self.draw_clipped(dot, self.whole());
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

    /// Draws the part of a dot inside `clip` (which lies inside the canvas).
    pub(super) fn draw_clipped(&mut self, dot: &Dot, clip: Clip) {
        if !drawable(dot) || clip.x0 >= clip.x1 || clip.y0 >= clip.y1 {
            return;
        }
        let c = dot.color;
        let color = LinearRgb::new(
            c.r.clamp(0.0, 1.0),
            c.g.clamp(0.0, 1.0),
            c.b.clamp(0.0, 1.0),
        );
        match dot.blend {
            Blend::Over => self.draw_checked(dot, clip, Over::new(color)),
            Blend::Multiply => self.draw_checked(dot, clip, Absorb::new(color)),
        }
    }

    /// Draws a [`drawable`] dot.
    fn draw_checked<P: Paint>(&mut self, dot: &Dot, clip: Clip, paint: P) {
        let r2 = dot.radius * dot.radius;
        let edge = dot.softness.max(1.0);
        let opacity = dot.opacity.min(1.0);
        let cone = 3.0 * edge * r2;
        if cone < 1.0 && PI * r2 <= 1.0 {
            return self.splat(dot, opacity, clip, paint);
        }
        // The profile clamp(k - d / edge, 0, 1) with integral π r².
        let inv_edge = 1.0 / edge;
        let (k, support) = if 3.0 * r2 >= edge * edge {
            // A core and a full ramp centred on R, with π(R² + edge²/12) = π r².
            let big_r = (r2 - edge * edge * (1.0 / 12.0)).sqrt();
            (0.5 + big_r * inv_edge, big_r + 0.5 * edge)
        } else {
            // A cone of base radius c and slope 1/edge, with π c³ / (3 edge) = π r².
            let c = cone.cbrt();
            (c * inv_edge, c)
        };
        if support <= NORMALISED_UP_TO {
            let profile = Profile {
                cx: dot.x,
                cy: dot.y,
                k,
                inv_edge,
                support,
                area: PI * r2,
                opacity,
            };
            if self.sampled(&profile, clip, paint) {
                return;
            }
        }
        self.spans(dot, clip, paint);
    }
}

/// Whether a dot has anything to draw: finite fields, positive radius and opacity.
pub(super) fn drawable(dot: &Dot) -> bool {
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
