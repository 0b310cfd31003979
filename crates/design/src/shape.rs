//! Soft shapes in the scalp chart, the building blocks of loss patterns.

use crate::geometry::ChartPoint;

/// Hermite smoothstep: 0 below `lo`, 1 above `hi`, smooth between.
pub fn smoothstep(lo: f32, hi: f32, x: f32) -> f32 {
    if hi <= lo {
        return if x >= hi { 1.0 } else { 0.0 };
    }
    let t = ((x - lo) / (hi - lo)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// A superellipse with a soft edge: 1 well inside, 0 well outside.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SoftBlob {
    /// Its centre.
    pub center: ChartPoint,
    /// Half-width across (x), mm.
    pub rx: f32,
    /// Half-length along (y), mm.
    pub ry: f32,
    /// 2 for an ellipse; larger is squarer.
    pub exponent: f32,
    /// Width of the soft edge, mm.
    pub edge: f32,
}

impl SoftBlob {
    /// An ellipse.
    pub fn ellipse(center: ChartPoint, rx: f32, ry: f32, edge: f32) -> SoftBlob {
        SoftBlob {
            center,
            rx,
            ry,
            exponent: 2.0,
            edge,
        }
    }

    /// How much of the point is inside, 0 to 1.
    pub fn inside(&self, p: ChartPoint) -> f32 {
        let dx = ((p.x - self.center.x) / self.rx).abs();
        let dy = ((p.y - self.center.y) / self.ry).abs();
        let n = self.exponent;
        let scale = self.rx.min(self.ry);
        let band = self.edge / (2.0 * scale);
        let euclid = (dx * dx + dy * dy).sqrt();
        let level = if n == 2.0 {
            euclid
        } else if euclid < 1.0 - band {
            // For n ≥ 2 the n-norm lies between the largest coordinate and the 2-norm, so
            // these points are surely inside and those below surely outside the edge band.
            return 1.0;
        } else if dx.max(dy) > 1.0 + band {
            return 0.0;
        } else {
            (dx.powf(n) + dy.powf(n)).powf(1.0 / n)
        };
        // Approximate distance outside the boundary, in millimetres.
        let outside = (level - 1.0) * scale;
        1.0 - smoothstep(-self.edge / 2.0, self.edge / 2.0, outside)
    }
}

/// A polygon with a soft edge, for custom areas drawn by the practitioner.
#[derive(Debug, Clone, PartialEq)]
pub struct SoftPolygon {
    /// Its corners in order.
    pub points: Vec<ChartPoint>,
    /// Width of the soft edge, mm.
    pub edge: f32,
}

impl SoftPolygon {
    /// How much of the point is inside, 0 to 1.
    pub fn inside(&self, p: ChartPoint) -> f32 {
        let n = self.points.len();
        if n < 3 {
            return 0.0;
        }
        let mut inside = false;
        let mut nearest_squared = f32::INFINITY;
        for i in 0..n {
            let a = self.points[i];
            let b = self.points[(i + 1) % n];
            if (a.y > p.y) != (b.y > p.y) {
                let x = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x);
                if p.x < x {
                    inside = !inside;
                }
            }
            nearest_squared = nearest_squared.min(p.distance_squared(segment_closest(p, a, b)));
        }
        let nearest = nearest_squared.sqrt();
        let signed = if inside { -nearest } else { nearest };
        1.0 - smoothstep(-self.edge / 2.0, self.edge / 2.0, signed)
    }
}

/// The smallest box holding every point: its lowest and its highest corner (`None` for no
/// points).
pub(crate) fn bounding_box<'a>(
    points: impl IntoIterator<Item = &'a ChartPoint>,
) -> Option<(ChartPoint, ChartPoint)> {
    points.into_iter().fold(None, |bounds, p| {
        let (lo, hi) = bounds.unwrap_or((*p, *p));
        Some((
            ChartPoint::new(lo.x.min(p.x), lo.y.min(p.y)),
            ChartPoint::new(hi.x.max(p.x), hi.y.max(p.y)),
        ))
    })
}

/// The point of the segment from `a` to `b` closest to `p`.
pub(crate) fn segment_closest(p: ChartPoint, a: ChartPoint, b: ChartPoint) -> ChartPoint {
    let (abx, aby) = (b.x - a.x, b.y - a.y);
    let len2 = abx * abx + aby * aby;
    let t = if len2 > 0.0 {
        (((p.x - a.x) * abx + (p.y - a.y) * aby) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    ChartPoint::new(a.x + t * abx, a.y + t * aby)
}

/// Smooth value noise in one dimension: deterministic for a seed, about unit amplitude,
/// varying over `wavelength` millimetres.
pub fn noise_1d(seed: u64, x: f32, wavelength: f32) -> f32 {
    let f = x / wavelength;
    let i = f.floor();
    let t = f - i;
    let a = lattice(seed, i as i64);
    let b = lattice(seed, i as i64 + 1);
    let s = t * t * (3.0 - 2.0 * t);
    a + (b - a) * s
}

/// A pseudo-random value in [-1, 1] for an integer lattice point.
fn lattice(seed: u64, i: i64) -> f32 {
    let mut z = seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 40) as f32 / (1u64 << 23) as f32 - 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blob_is_one_inside_and_zero_outside_with_a_soft_edge() {
        let blob = SoftBlob::ellipse(ChartPoint::new(0.0, 0.0), 20.0, 10.0, 4.0);
        assert_eq!(blob.inside(ChartPoint::new(0.0, 0.0)), 1.0);
        assert_eq!(blob.inside(ChartPoint::new(0.0, 30.0)), 0.0);
        let edge = blob.inside(ChartPoint::new(0.0, 10.0));
        assert!((edge - 0.5).abs() < 0.01, "{edge}");
    }

    #[test]
    fn a_squarish_blob_agrees_with_its_exact_norm_everywhere() {
        let blob = SoftBlob {
            center: ChartPoint::new(0.0, 0.0),
            rx: 40.0,
            ry: 60.0,
            exponent: 2.6,
            edge: 10.0,
        };
        for i in -60..=60 {
            for j in -80..=80 {
                let p = ChartPoint::new(i as f32, j as f32);
                let (dx, dy) = ((p.x / 40.0).abs(), (p.y / 60.0).abs());
                let level = (dx.powf(2.6) + dy.powf(2.6)).powf(1.0 / 2.6);
                let exact = 1.0 - smoothstep(-5.0, 5.0, (level - 1.0) * 40.0);
                assert!((blob.inside(p) - exact).abs() < 1e-5, "{p:?}");
            }
        }
    }

    #[test]
    fn a_polygon_knows_inside_from_outside() {
        let square = SoftPolygon {
            points: vec![
                ChartPoint::new(0.0, 0.0),
                ChartPoint::new(10.0, 0.0),
                ChartPoint::new(10.0, 10.0),
                ChartPoint::new(0.0, 10.0),
            ],
            edge: 1.0,
        };
        assert_eq!(square.inside(ChartPoint::new(5.0, 5.0)), 1.0);
        assert_eq!(square.inside(ChartPoint::new(15.0, 5.0)), 0.0);
    }

    #[test]
    fn noise_is_deterministic_and_bounded() {
        for i in 0..1000 {
            let x = i as f32 * 0.37;
            let v = noise_1d(7, x, 3.0);
            assert!((-1.0..=1.0).contains(&v));
            assert_eq!(v, noise_1d(7, x, 3.0));
        }
    }
}
