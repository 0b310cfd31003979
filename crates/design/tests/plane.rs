//! The sampler on a flat square, where spacing quality has textbook measures.

use smp_design::{ChartPoint, Plane, Sampler};

/// Smallest distance between two points, brute force over a grid of buckets.
fn min_distance(points: &[ChartPoint]) -> f32 {
    let mut best = f32::INFINITY;
    for (i, a) in points.iter().enumerate() {
        for b in &points[i + 1..] {
            best = best.min(a.distance(*b));
        }
    }
    best
}

#[test]
fn a_fixed_density_on_a_unit_square_keeps_a_high_min_distance_ratio() {
    let n = 2000.0;
    let plane = Plane::new(1.0, 1.0, |_, _| n, 0.1);
    let mut sampler = Sampler::new(&plane, n, 3);
    sampler.add_level(1, 1.0, 0.0);
    let points: Vec<ChartPoint> = sampler.dots().iter().map(|d| d.chart).collect();
    let count = points.len() as f32;
    assert!((count / n - 1.0).abs() < 0.03, "{count} points for {n}");
    // d_max: the spacing of a hexagonal packing of the same number of points.
    let d_max = (2.0 / (3f32.sqrt() * count)).sqrt();
    let ratio = min_distance(&points) / d_max;
    assert!(ratio >= 0.72, "d_min / d_max = {ratio}");
}

#[test]
fn a_varying_density_on_a_plane_follows_the_density() {
    // Twice as dense on the right half as on the left.
    let plane = Plane::new(40.0, 20.0, |x, _| if x < 20.0 { 0.5 } else { 1.0 }, 3.0);
    let mut sampler = Sampler::new(&plane, 1.0, 5);
    sampler.add_level(1, 1.0, 0.0);
    let left = sampler.dots().iter().filter(|d| d.chart.x < 18.0).count() as f32;
    let right = sampler.dots().iter().filter(|d| d.chart.x > 22.0).count() as f32;
    let ratio = right / left;
    assert!((1.8..2.2).contains(&ratio), "right/left = {ratio}");
}
