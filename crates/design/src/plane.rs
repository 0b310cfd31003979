//! A flat rectangle as a sampling domain, for tests and side-by-side benchmarks.

use crate::field::Sample;
use crate::geometry::{ChartPoint, Vec3};
use crate::sampler::Domain;

/// Resolution of the grid used to integrate a plane's density, per side.
const INTEGRATION_STEPS: usize = 256;

/// A `width` × `height` rectangle (any unit) with a density given by a function.
pub struct Plane<F: Fn(f32, f32) -> f32> {
    width: f32,
    height: f32,
    density: F,
    seed_step: f32,
}

impl<F: Fn(f32, f32) -> f32> Plane<F> {
    /// A rectangle from (0, 0) to (`width`, `height`) with `density(x, y)` points per unit
    /// area; `seed_step` is the spacing of the starting points (a few radii).
    pub fn new(width: f32, height: f32, density: F, seed_step: f32) -> Plane<F> {
        Plane {
            width,
            height,
            density,
            seed_step,
        }
    }
}

impl<F: Fn(f32, f32) -> f32> Domain for Plane<F> {
    fn bounds(&self) -> (ChartPoint, ChartPoint) {
        (
            ChartPoint::new(0.0, 0.0),
            ChartPoint::new(self.width, self.height),
        )
    }

    fn sample(&self, p: ChartPoint) -> Option<Sample> {
        let inside = p.x >= 0.0 && p.y >= 0.0 && p.x < self.width && p.y < self.height;
        inside.then(|| Sample {
            pos: Vec3::new(p.x, p.y, 0.0),
            base: (self.density)(p.x, p.y),
            depth: f32::INFINITY,
            stretch: 1.0,
            radial: 1.0,
            zone: 0,
        })
    }

    fn level_density(&self, s: &Sample, fraction: f32, _shift: f32) -> f32 {
        fraction * s.base
    }

    fn expected_count(&self, fraction: f32, _shift: f32) -> f64 {
        let (dx, dy) = (
            self.width / INTEGRATION_STEPS as f32,
            self.height / INTEGRATION_STEPS as f32,
        );
        let mut sum = 0.0f64;
        for j in 0..INTEGRATION_STEPS {
            for i in 0..INTEGRATION_STEPS {
                let (x, y) = ((i as f32 + 0.5) * dx, (j as f32 + 0.5) * dy);
                sum += f64::from((self.density)(x, y));
            }
        }
        sum * f64::from(dx * dy) * f64::from(fraction)
    }

    fn seeds(&self) -> Vec<ChartPoint> {
        let step = self.seed_step.max(1e-6);
        let mut out = Vec::new();
        let mut y = step / 2.0;
        while y < self.height {
            let mut x = step / 2.0;
            while x < self.width {
                out.push(ChartPoint::new(x, y));
                x += step;
            }
            y += step;
        }
        out
    }
}
