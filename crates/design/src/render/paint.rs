//! The two blends, with their colours prepared for one vector operation per pixel.

use super::canvas::Px;
use crate::color::LinearRgb;

/// A blend with its colour prepared: `apply` mixes one pixel with alpha `a`.
pub(super) trait Paint: Copy {
    /// Mixes `pixel` with the paint at alpha `a` (0 leaves it exactly as it was).
    fn apply(self, pixel: &mut Px, a: f32);
}

/// [`Blend::Over`](super::Blend::Over) with the dot's colour (and a 0 fourth lane).
#[derive(Clone, Copy)]
pub(super) struct Over(Px);

impl Over {
    /// Paints `color`, its channels clamped to 0..1.
    pub(super) fn new(color: LinearRgb) -> Over {
        let c = |v: f32| v.clamp(0.0, 1.0);
        Over([c(color.r), c(color.g), c(color.b), 0.0])
    }
}

impl Paint for Over {
    #[inline(always)]
    fn apply(self, p: &mut Px, a: f32) {
        for (p, c) in p.iter_mut().zip(self.0) {
            *p += (c - *p) * a;
        }
    }
}

/// [`Blend::Multiply`](super::Blend::Multiply), holding the absorbance `1 − transmittance`
/// (and a 0 fourth lane).
#[derive(Clone, Copy)]
pub(super) struct Absorb(Px);

impl Absorb {
    /// Filters by `transmittance`, its channels clamped to 0..1.
    pub(super) fn new(transmittance: LinearRgb) -> Absorb {
        let a = |v: f32| 1.0 - v.clamp(0.0, 1.0);
        let t = transmittance;
        Absorb([a(t.r), a(t.g), a(t.b), 0.0])
    }
}

impl Paint for Absorb {
    #[inline(always)]
    fn apply(self, p: &mut Px, a: f32) {
        for (p, k) in p.iter_mut().zip(self.0) {
            *p *= 1.0 - a * k;
        }
    }
}
