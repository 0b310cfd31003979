//! The parametric head and its scalp chart.
//!
//! The head's upper part is an ellipsoid centred at ear level: half the head's width
//! across (x), half its length front to back (y), and the vertex's height above the ears
//! (z). A surface point is written with the polar angle `t` from the vertex and the azimuth
//! `a` from the front midline (towards the client's right):
//! `(w·sin t·sin a, l·sin t·cos a, h·cos t)`.
//!
//! The **scalp chart** is azimuthal and equidistant along meridians: a chart point's
//! direction from the origin is the azimuth, and its distance from the origin is the true
//! length in millimetres of skin along the meridian from the vertex. Distances along the
//! midlines are therefore exact millimetres of skin ("8 cm above the glabella" is 80 mm on
//! the chart's y axis), while across the meridians the chart stretches the skin by a factor
//! the engine knows ([`Scalp::stretch`]) and corrects for: densities are always per cm² of
//! skin and spacing is measured on the surface in 3D.

use crate::error::DesignError;
use crate::geometry::{ChartPoint, Vec3};

/// The head's measurements, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct HeadParams {
    /// Glabella to the back of the head (default 195).
    pub length: f32,
    /// Across, above the ears (default 155).
    pub width: f32,
    /// The vertex's height above the ear canals (default 130).
    pub height: f32,
    /// The front hairline's height above the glabella, along the forehead (default 80).
    pub hairline_height: f32,
}

impl Default for HeadParams {
    fn default() -> Self {
        HeadParams {
            length: 195.0,
            width: 155.0,
            height: 130.0,
            hairline_height: 80.0,
        }
    }
}

impl HeadParams {
    /// Checks every measurement is a number in a human range.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] naming the measurement.
    pub fn validate(&self) -> Result<(), DesignError> {
        let check = |name, value, lo, hi| DesignError::check_range(name, value, lo, hi, " mm");
        check("head-length", self.length, 150.0, 240.0)?;
        check("head-width", self.width, 120.0, 200.0)?;
        check("head-height", self.height, 100.0, 170.0)?;
        check("hairline-height", self.hairline_height, 40.0, 130.0)
    }
}

/// Number of meridian tables between the front (azimuth 0) and the side (90°).
const COLUMNS: usize = 48;
/// Number of polar-angle steps from the vertex (0) to the chin side (180°) per table.
const STEPS: usize = 1440;

/// The scalp of one head: conversions between the chart and the surface.
#[derive(Debug, Clone)]
pub struct Scalp {
    params: HeadParams,
    semi: Vec3,
    /// `arc[c]`: the meridian at the azimuth of column `c`.
    arc: Vec<Meridian>,
    glabella: ChartPoint,
}

impl Scalp {
    /// The scalp of a head.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] for measurements out of range.
    pub fn new(params: HeadParams) -> Result<Scalp, DesignError> {
        params.validate()?;
        let semi = Vec3::new(params.width / 2.0, params.length / 2.0, params.height);
        let arc = (0..=COLUMNS)
            .map(|c| {
                let azimuth = c as f64 / COLUMNS as f64 * std::f64::consts::FRAC_PI_2;
                Meridian::new(meridian_table(semi, azimuth))
            })
            .collect();
        let mut scalp = Scalp {
            params,
            semi,
            arc,
            glabella: ChartPoint::default(),
        };
        // The glabella sits on the front midline at about a quarter of the vertex's height.
        let glabella_t = (0.27f32).acos();
        scalp.glabella = ChartPoint::new(0.0, scalp.arc_length(glabella_t, 0.0));
        Ok(scalp)
    }

    /// The head's measurements.
    pub fn params(&self) -> HeadParams {
        self.params
    }

    /// The glabella in chart coordinates.
    pub fn glabella(&self) -> ChartPoint {
        self.glabella
    }

    /// The front hairline's point on the midline, `hairline_height` above the glabella.
    pub fn midline_hairline(&self) -> ChartPoint {
        ChartPoint::new(0.0, self.glabella.y - self.params.hairline_height)
    }

    /// The surface point at polar angle `t` and azimuth `a` (radians).
    pub fn surface_at(&self, t: f32, a: f32) -> Vec3 {
        let (st, ct) = t.sin_cos();
        let (sa, ca) = a.sin_cos();
        Vec3::new(
            self.semi.x * st * sa,
            self.semi.y * st * ca,
            self.semi.z * ct,
        )
    }

    /// The surface point of a chart point.
    pub fn to_surface(&self, p: ChartPoint) -> Vec3 {
        // The chart's direction is the surface point's compass direction seen from above;
        // the parameter azimuth follows from it through the ellipse's axes.
        let a = (p.x * self.semi.y).atan2(p.y * self.semi.x);
        let t = self.polar_angle(p.radius(), a);
        self.surface_at(t, a)
    }

    /// The chart point of a surface point (the nearest, for points off the surface).
    pub fn to_chart(&self, q: Vec3) -> ChartPoint {
        let t = (q.z / self.semi.z).clamp(-1.0, 1.0).acos();
        let a = (q.x / self.semi.x).atan2(q.y / self.semi.y);
        let s = self.arc_length(t, a);
        let across = (q.x * q.x + q.y * q.y).sqrt();
        if across < 1e-6 {
            return ChartPoint::new(0.0, if t > 1.0 { -s } else { 0.0 });
        }
        ChartPoint::new(s * q.x / across, s * q.y / across)
    }

    /// How much the chart stretches the skin across the meridians at a chart point: 1 at
    /// the vertex, growing towards the sides and back. Along the meridians the chart is
    /// exact, so nearby chart distances are between `min(1, stretch)` and
    /// `max(1, stretch)` times the skin distance.
    pub fn stretch(&self, p: ChartPoint) -> f32 {
        let s = p.radius();
        if s < 1.0 {
            return 1.0;
        }
        let h = 0.25;
        let (tx, ty) = (-p.y / s * h, p.x / s * h);
        let ahead = self.to_surface(ChartPoint::new(p.x + tx, p.y + ty));
        let behind = self.to_surface(ChartPoint::new(p.x - tx, p.y - ty));
        let skin = ahead.distance_squared(behind).sqrt();
        if skin < 1e-6 {
            1.0
        } else {
            2.0 * h / skin
        }
    }

    /// The polar angle (radians) of a point at meridian length `s` from the vertex at
    /// azimuth `a`.
    pub fn polar_angle(&self, s: f32, a: f32) -> f32 {
        let (c0, c1, w) = self.columns(a);
        let t0 = invert(&self.arc[c0], s);
        let t1 = invert(&self.arc[c1], s);
        t0 + (t1 - t0) * w
    }

    /// The meridian length from the vertex to polar angle `t` at azimuth `a`.
    pub fn arc_length(&self, t: f32, a: f32) -> f32 {
        let (c0, c1, w) = self.columns(a);
        let s0 = lookup(&self.arc[c0], t);
        let s1 = lookup(&self.arc[c1], t);
        s0 + (s1 - s0) * w
    }

    /// The two meridian tables around azimuth `a` and the weight of the second.
    fn columns(&self, a: f32) -> (usize, usize, f32) {
        // The ellipsoid is symmetric left-right and front-back in its meridian lengths.
        let folded = a.sin().abs().asin();
        let f = folded / std::f32::consts::FRAC_PI_2 * COLUMNS as f32;
        let c0 = (f.floor() as usize).min(COLUMNS);
        let c1 = (c0 + 1).min(COLUMNS);
        (c0, c1, f - c0 as f32)
    }
}

/// Millimetres of meridian per bucket of [`Meridian::guide`] (a power of two, so that a
/// length's bucket is exact).
const GUIDE_STEP: f32 = 0.5;

/// One meridian's cumulative lengths, with a guide to find a length without searching the
/// whole table.
#[derive(Debug, Clone)]
struct Meridian {
    /// `lengths[i]`: the length from the vertex to polar angle `i·π/STEPS`, never falling.
    lengths: Vec<f32>,
    /// `guide[k]`: how many lengths are at most `k · GUIDE_STEP`.
    guide: Vec<u16>,
}

impl Meridian {
    fn new(lengths: Vec<f32>) -> Meridian {
        let last = lengths.last().copied().unwrap_or(0.0);
        let buckets = (last / GUIDE_STEP) as usize + 2;
        let mut guide = Vec::with_capacity(buckets);
        let mut counted = 0;
        for k in 0..buckets {
            let bound = k as f32 * GUIDE_STEP;
            while counted < lengths.len() && lengths[counted] <= bound {
                counted += 1;
            }
            guide.push(counted as u16);
        }
        Meridian { lengths, guide }
    }

    /// How many lengths are at most `s` (from 0 to the last length): the lengths between
    /// `s`'s bucket's bounds are searched, a few instead of the whole table.
    fn count_up_to(&self, s: f32) -> usize {
        let k = ((s / GUIDE_STEP) as usize).min(self.guide.len() - 2);
        let (low, high) = (usize::from(self.guide[k]), usize::from(self.guide[k + 1]));
        low + self.lengths[low..high].partition_point(|&v| v <= s)
    }
}

/// Cumulative meridian length at STEPS+1 polar angles, by the midpoint rule on fine steps.
fn meridian_table(semi: Vec3, azimuth: f64) -> Vec<f32> {
    let across = ((f64::from(semi.x) * azimuth.sin()).powi(2)
        + (f64::from(semi.y) * azimuth.cos()).powi(2))
    .sqrt();
    let up = f64::from(semi.z);
    let dt = std::f64::consts::PI / STEPS as f64;
    let mut table = Vec::with_capacity(STEPS + 1);
    let mut s = 0.0f64;
    table.push(0.0);
    for i in 0..STEPS {
        let t = (i as f64 + 0.5) * dt;
        s += (across * t.cos()).hypot(up * t.sin()) * dt;
        table.push(s as f32);
    }
    table
}

/// The arc length at polar angle `t` on a meridian.
fn lookup(meridian: &Meridian, t: f32) -> f32 {
    let table = &meridian.lengths;
    let f = (t / std::f32::consts::PI * STEPS as f32).clamp(0.0, STEPS as f32);
    let i = (f.floor() as usize).min(STEPS - 1);
    let w = f - i as f32;
    table[i] + (table[i + 1] - table[i]) * w
}

/// The polar angle at arc length `s` on a meridian (found through its guide, then linear).
fn invert(meridian: &Meridian, s: f32) -> f32 {
    let table = &meridian.lengths;
    let last = table[STEPS];
    let s = s.clamp(0.0, last);
    let i = meridian.count_up_to(s).clamp(1, STEPS) - 1;
    let span = table[i + 1] - table[i];
    let w = if span > 0.0 {
        (s - table[i]) / span
    } else {
        0.0
    };
    (i as f32 + w) / STEPS as f32 * std::f32::consts::PI
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalp() -> Scalp {
        Scalp::new(HeadParams::default()).unwrap()
    }

    #[test]
    fn chart_and_surface_convert_both_ways() {
        let scalp = scalp();
        for &(x, y) in &[
            (0.0, 0.0),
            (10.0, 40.0),
            (-60.0, 20.0),
            (80.0, -90.0),
            (0.0, -150.0),
        ] {
            let p = ChartPoint::new(x, y);
            let back = scalp.to_chart(scalp.to_surface(p));
            assert!(back.distance(p) < 0.05, "{p:?} came back as {back:?}");
        }
    }

    #[test]
    fn a_meridian_guide_counts_what_searching_the_whole_table_counts() {
        let scalp = scalp();
        for meridian in [&scalp.arc[0], &scalp.arc[COLUMNS / 3], &scalp.arc[COLUMNS]] {
            let last = meridian.lengths[STEPS];
            let mut probes: Vec<f32> = (0..=4000).map(|k| last * k as f32 / 4000.0).collect();
            // Every length itself, and the bounds of the guide's buckets.
            probes.extend(&meridian.lengths);
            probes.extend((0..meridian.guide.len()).map(|k| k as f32 * GUIDE_STEP));
            for s in probes.into_iter().filter(|&s| s <= last) {
                let wanted = meridian.lengths.partition_point(|&v| v <= s);
                assert_eq!(meridian.count_up_to(s), wanted, "at {s} mm");
            }
        }
    }

    #[test]
    fn near_the_vertex_the_chart_is_skin_in_every_direction() {
        let scalp = scalp();
        let origin = scalp.to_surface(ChartPoint::new(0.0, 0.0));
        for &(x, y) in &[(2.0, 0.0), (0.0, 2.0), (1.414, 1.414), (-2.0, 0.0)] {
            let d = scalp
                .to_surface(ChartPoint::new(x, y))
                .distance_squared(origin)
                .sqrt();
            assert!((d - 2.0).abs() < 0.01, "({x}, {y}): {d}");
        }
    }

    #[test]
    fn chart_distance_along_a_meridian_is_skin_distance() {
        let scalp = scalp();
        // Sum of small 3D steps along the front midline equals the chart distance.
        let mut length = 0.0;
        let mut prev = scalp.to_surface(ChartPoint::new(0.0, 0.0));
        for i in 1..=1000 {
            let q = scalp.to_surface(ChartPoint::new(0.0, i as f32 * 0.1));
            length += q.distance_squared(prev).sqrt();
            prev = q;
        }
        assert!((length - 100.0).abs() < 0.1, "{length}");
    }

    #[test]
    fn the_chart_stretches_across_meridians_away_from_the_vertex() {
        let scalp = scalp();
        let top = scalp.stretch(ChartPoint::new(0.0, 5.0));
        assert!((top - 1.0).abs() < 0.01, "{top}");
        let diagonal = scalp.stretch(ChartPoint::new(3.0, 3.0));
        assert!((diagonal - 1.0).abs() < 0.01, "{diagonal}");
        let side = scalp.stretch(ChartPoint::new(120.0, 0.0));
        assert!(side > 1.2 && side < 2.5, "{side}");
    }

    #[test]
    fn the_hairline_is_its_height_above_the_glabella() {
        let scalp = scalp();
        let g = scalp.glabella();
        let h = scalp.midline_hairline();
        assert!((g.y - h.y - 80.0).abs() < 1e-3);
        assert!(h.y > 20.0 && h.y < 110.0, "{h:?}");
    }

    #[test]
    fn impossible_heads_are_refused_with_the_measurement_named() {
        let err = Scalp::new(HeadParams {
            width: f32::NAN,
            ..HeadParams::default()
        })
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "head-width: must be between 120 and 200 mm, got NaN"
        );
        let err = Scalp::new(HeadParams {
            hairline_height: -5.0,
            ..HeadParams::default()
        })
        .unwrap_err();
        assert!(err.to_string().starts_with("hairline-height:"));
    }
}
