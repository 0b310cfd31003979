//! The normalised profile: its shape, and the sums and Newton steps that make its samples
//! add up to the disc's area.

/// Support radius (px) up to which a dot is sampled and normalised.
pub(super) const NORMALISED_UP_TO: f32 = 4.5;
/// Relative error of a normalised dot's total coverage that is good enough.
pub(super) const NORMALISED_WITHIN: f32 = 1e-3;
/// At most this many Newton steps normalise a dot (one nearly always suffices).
pub(super) const NEWTON_STEPS: usize = 3;
/// A squared distance beyond any support, even scaled by `s`.
pub(super) const FAR: f32 = 1e30;

/// A dot's radial profile, `coverage(d) = clamp(k − s·d², 0, 1)` (`d` in pixels), for a
/// dot of radius `r` and edge width `e ≥ 1`: `s = 1 / (2 r e)`, and `k = 0.5 + r / (2e)`
/// when `r ≥ e` (an opaque core, then a ramp about `e` wide centred on `r`), `k = √(r / e)`
/// below (a paraboloid, never opaque). Either way the integral is exactly `π r²`. Returns
/// `(k, s, support)`: coverage is 0 beyond the support `√(k / s)`.
pub(super) fn profile(r: f32, e: f32) -> (f32, f32, f32) {
    let s = 1.0 / (2.0 * r * e);
    let r2s = r * r * s; // r / 2e
    let k = if r >= e {
        0.5 + r2s
    } else {
        (2.0 * r2s).sqrt()
    };
    (k, s, (k * 2.0 * r * e).sqrt())
}

/// Whether [`profile`]'s support is under 1 px (such a dot is splatted): only when `r < e`,
/// where the support is `√(2 r^1.5 e^0.5)`.
pub(super) fn support_under_a_pixel(r: f32, e: f32) -> bool {
    r < e && 4.0 * r * r * r * e < 1.0
}

/// [`profile`] in f64, for dots too large for f32 arithmetic.
pub(super) fn profile_f64(r: f64, e: f64) -> (f64, f64, f64) {
    let s = 1.0 / (2.0 * r * e);
    let k = if r >= e {
        0.5 + r / (2.0 * e)
    } else {
        (r / e).sqrt()
    };
    (k, s, (k / s).sqrt())
}

/// A dot on its way through the normalised paths, in pixels.
#[derive(Debug, Clone, Copy)]
pub(super) struct Profile {
    pub(super) cx: f32,
    pub(super) cy: f32,
    /// See [`profile`].
    pub(super) k: f32,
    /// See [`profile`].
    pub(super) s: f32,
    /// Radius beyond which coverage is 0, at most [`NORMALISED_UP_TO`].
    pub(super) support: f32,
    /// `π r²`: the total coverage to lay down.
    pub(super) area: f32,
    pub(super) opacity: f32,
}

impl Profile {
    /// The profile of a dot of radius `r` and edge `e` (see [`profile`]) centred on
    /// (`cx`, `cy`); `None` when its support exceeds [`NORMALISED_UP_TO`].
    pub(super) fn new((cx, cy): (f32, f32), r: f32, e: f32, opacity: f32) -> Option<Profile> {
        let (k, s, support) = profile(r, e);
        (support <= NORMALISED_UP_TO).then_some(Profile {
            cx,
            cy,
            k,
            s,
            support,
            area: std::f32::consts::PI * r * r,
            opacity,
        })
    }
}

/// Adds the coverage `unit(v)` to `sum` and 1 to `band` when `v` is on the ramp (0 < v < 1),
/// in a form that compiles to vector compares and masks.
#[inline(always)]
pub(super) fn accumulate(v: f32, sum: &mut f32, band: &mut f32) {
    *sum += unit(v);
    *band += if v > 0.0 { 1.0 } else { 0.0 };
    *band -= if v >= 1.0 { 1.0 } else { 0.0 };
}

/// `v` clamped to 0..1 without branches (`max`/`min` compile to vector instructions; `v`
/// is never NaN here).
#[inline(always)]
#[allow(clippy::manual_clamp)] // `clamp` compiles to branches here, `max`/`min` do not.
pub(super) fn unit(v: f32) -> f32 {
    v.max(0.0).min(1.0)
}
