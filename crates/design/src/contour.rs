//! Outlines of a region sampled on a grid (marching squares), and thinning them
//! (Douglas-Peucker), so that a shape the engine knows point by point becomes a polygon a
//! practitioner can edit.

use std::collections::BTreeMap;

/// A scalar field sampled on a regular grid: the region is where it is above zero.
#[derive(Debug, Clone)]
pub(crate) struct ScalarGrid {
    /// Samples across.
    pub nx: usize,
    /// Samples along.
    pub ny: usize,
    /// Row after row, `ny` rows of `nx`.
    pub values: Vec<f32>,
}

impl ScalarGrid {
    /// Samples `f` at every grid node `(i, j)`.
    pub fn from_fn(nx: usize, ny: usize, mut f: impl FnMut(usize, usize) -> f32) -> ScalarGrid {
        let mut values = Vec::with_capacity(nx * ny);
        for j in 0..ny {
            for i in 0..nx {
                values.push(f(i, j));
            }
        }
        ScalarGrid { nx, ny, values }
    }

    /// The value at a node; beyond the grid the field is outside (-1), so every outline
    /// closes.
    fn at(&self, i: isize, j: isize) -> f32 {
        if i < 0 || j < 0 || i >= self.nx as isize || j >= self.ny as isize {
            -1.0
        } else {
            self.values[j as usize * self.nx + i as usize]
        }
    }

    /// The closed outlines of the region, in grid coordinates (node `(i, j)` at `(i, j)`).
    /// An outline with the region on its left (counter-clockwise, positive
    /// [`signed_area`]) bounds a part of the region; clockwise ones bound holes in it.
    pub fn outlines(&self) -> Vec<Vec<(f32, f32)>> {
        // Each crossing of the level with a grid edge starts one segment and ends another
        // (kept in order, so that the same field always gives the same outlines);
        // the segment's cell decides its direction so that the region lies on its left.
        let mut next: BTreeMap<EdgeKey, (EdgeKey, (f32, f32))> = BTreeMap::new();
        for j in -1..self.ny as isize {
            for i in -1..self.nx as isize {
                self.cell_segments(i, j, &mut next);
            }
        }
        let mut loops = Vec::new();
        while let Some(&start) = next.keys().next() {
            let mut points = Vec::new();
            let mut key = start;
            while let Some((to, point)) = next.remove(&key) {
                points.push(point);
                key = to;
            }
            if points.len() >= 3 {
                loops.push(points);
            }
        }
        loops
    }

    /// The segments of cell `(i, j)` (corners `(i, j)` to `(i + 1, j + 1)`), each from the
    /// edge where the level leaves the region, walking the cell counter-clockwise, to the
    /// edge where it comes back in; recorded by the start edge with the start point.
    fn cell_segments(
        &self,
        i: isize,
        j: isize,
        next: &mut BTreeMap<EdgeKey, (EdgeKey, (f32, f32))>,
    ) {
        let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
        let values = corners.map(|(ci, cj)| self.at(ci, cj));
        let inside = values.map(|v| v > 0.0);
        if inside.iter().all(|&v| v) || inside.iter().all(|&v| !v) {
            return;
        }
        // Crossings in counter-clockwise order: (edge, point, leaving the region?).
        let mut crossings: Vec<(EdgeKey, (f32, f32), bool)> = Vec::with_capacity(4);
        for k in 0..4 {
            let (a, b) = (k, (k + 1) % 4);
            if inside[a] == inside[b] {
                continue;
            }
            let t = values[a] / (values[a] - values[b]);
            let (pa, pb) = (corners[a], corners[b]);
            let point = (
                pa.0 as f32 + t * (pb.0 - pa.0) as f32,
                pa.1 as f32 + t * (pb.1 - pa.1) as f32,
            );
            crossings.push((EdgeKey::between(pa, pb), point, inside[a]));
        }
        // Two crossings, or a saddle's four: a leaving crossing pairs with the entering one
        // after it, unless the region is two opposite corners (centre outside), when each
        // corner is cut off by pairing with the entering crossing before it.
        let centre_inside = values.iter().sum::<f32>() > 0.0;
        let n = crossings.len();
        for (k, &(edge, point, leaving)) in crossings.iter().enumerate() {
            if !leaving {
                continue;
            }
            let partner = if n == 4 && !centre_inside {
                crossings[(k + n - 1) % n]
            } else {
                crossings[(k + 1) % n]
            };
            // The segment ends on the partner's edge, where the neighbour's segment starts.
            next.insert(edge, (partner.0, point));
        }
    }
}

/// A grid edge: its lower node and its direction (0 along i, 1 along j).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct EdgeKey(isize, isize, u8);

impl EdgeKey {
    fn between(a: (isize, isize), b: (isize, isize)) -> EdgeKey {
        let lower = (a.0.min(b.0), a.1.min(b.1));
        EdgeKey(lower.0, lower.1, u8::from(a.1 != b.1))
    }
}

/// The signed area of a closed polygon: positive counter-clockwise (with y up).
pub(crate) fn signed_area(points: &[(f32, f32)]) -> f32 {
    let n = points.len();
    let mut twice = 0.0f64;
    for k in 0..n {
        let (a, b) = (points[k], points[(k + 1) % n]);
        twice += f64::from(a.0) * f64::from(b.1) - f64::from(b.0) * f64::from(a.1);
    }
    (twice / 2.0) as f32
}

/// An open polyline with every point dropped that lies within `tolerance` of the line its
/// kept neighbours draw (Douglas-Peucker); the ends are kept.
pub(crate) fn simplify_open(points: &[(f32, f32)], tolerance: f32) -> Vec<(f32, f32)> {
    if points.len() <= 2 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0, points.len() - 1)];
    while let Some((first, last)) = stack.pop() {
        let mut farthest = (0.0f32, first);
        for k in first + 1..last {
            let d = distance_to_segment(points[k], points[first], points[last]);
            if d > farthest.0 {
                farthest = (d, k);
            }
        }
        if farthest.0 > tolerance {
            keep[farthest.1] = true;
            stack.push((first, farthest.1));
            stack.push((farthest.1, last));
        }
    }
    points
        .iter()
        .zip(keep)
        .filter_map(|(&p, kept)| kept.then_some(p))
        .collect()
}

/// A closed polygon thinned like [`simplify_open`]: split at its first point and the
/// point farthest from it, each half thinned on its own.
pub(crate) fn simplify_closed(points: &[(f32, f32)], tolerance: f32) -> Vec<(f32, f32)> {
    if points.len() <= 3 {
        return points.to_vec();
    }
    let start = points[0];
    let far = (1..points.len())
        .max_by(|&a, &b| {
            squared(points[a], start)
                .partial_cmp(&squared(points[b], start))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .unwrap_or(1);
    let mut first: Vec<(f32, f32)> = simplify_open(&points[..=far], tolerance);
    let mut second_half: Vec<(f32, f32)> = points[far..].to_vec();
    second_half.push(start);
    let second = simplify_open(&second_half, tolerance);
    // Both halves hold the split points; keep each once.
    first.pop();
    first.extend_from_slice(&second[..second.len() - 1]);
    first
}

fn squared(a: (f32, f32), b: (f32, f32)) -> f32 {
    (a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)
}

fn distance_to_segment(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length2 = dx * dx + dy * dy;
    let t = if length2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    squared(p, (a.0 + t * dx, a.1 + t * dy)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn disk(cx: f32, cy: f32, r: f32, nx: usize, ny: usize) -> ScalarGrid {
        ScalarGrid::from_fn(nx, ny, |i, j| {
            r - ((i as f32 - cx).powi(2) + (j as f32 - cy).powi(2)).sqrt()
        })
    }

    #[test]
    fn a_disk_has_one_counter_clockwise_outline_of_its_area() {
        let outlines = disk(20.0, 20.0, 12.0, 41, 41).outlines();
        assert_eq!(outlines.len(), 1);
        let area = signed_area(&outlines[0]);
        let exact = std::f32::consts::PI * 144.0;
        assert!(area > 0.0 && (area - exact).abs() / exact < 0.01, "{area}");
        for &(x, y) in &outlines[0] {
            let r = ((x - 20.0).powi(2) + (y - 20.0).powi(2)).sqrt();
            assert!((r - 12.0).abs() < 0.1, "{r}");
        }
    }

    #[test]
    fn two_regions_give_two_outlines_and_a_hole_runs_clockwise() {
        let two = ScalarGrid::from_fn(60, 30, |i, j| {
            let a = 8.0 - ((i as f32 - 15.0).powi(2) + (j as f32 - 15.0).powi(2)).sqrt();
            let b = 6.0 - ((i as f32 - 45.0).powi(2) + (j as f32 - 15.0).powi(2)).sqrt();
            a.max(b)
        });
        let mut areas: Vec<f32> = two.outlines().iter().map(|o| signed_area(o)).collect();
        areas.sort_by(f32::total_cmp);
        assert_eq!(areas.len(), 2);
        assert!((areas[0] - 113.1).abs() < 2.0 && (areas[1] - 201.1).abs() < 3.0);
        let ring = ScalarGrid::from_fn(41, 41, |i, j| {
            let r = ((i as f32 - 20.0).powi(2) + (j as f32 - 20.0).powi(2)).sqrt();
            (15.0 - r).min(r - 6.0)
        });
        let mut areas: Vec<f32> = ring.outlines().iter().map(|o| signed_area(o)).collect();
        areas.sort_by(f32::total_cmp);
        assert_eq!(areas.len(), 2);
        assert!(areas[0] < 0.0 && areas[1] > 0.0, "{areas:?}");
    }

    #[test]
    fn a_region_touching_the_grid_edge_is_closed_along_it() {
        let half = ScalarGrid::from_fn(10, 10, |i, _| 4.5 - i as f32);
        let outlines = half.outlines();
        assert_eq!(outlines.len(), 1);
        assert!(signed_area(&outlines[0]) > 30.0);
    }

    #[test]
    fn thinning_keeps_corners_and_drops_points_on_straight_runs() {
        let square: Vec<(f32, f32)> = (0..40)
            .map(|k| {
                let t = (k % 10) as f32;
                match k / 10 {
                    0 => (t, 0.0),
                    1 => (10.0, t),
                    2 => (10.0 - t, 10.0),
                    _ => (0.0, 10.0 - t),
                }
            })
            .collect();
        let thin = simplify_closed(&square, 0.1);
        assert_eq!(thin.len(), 4, "{thin:?}");
        assert!((signed_area(&thin) - 100.0).abs() < 1e-3);
        let line: Vec<(f32, f32)> = (0..=10)
            .map(|k| (k as f32, 0.01 * (k % 2) as f32))
            .collect();
        assert_eq!(simplify_open(&line, 0.1), vec![(0.0, 0.0), (10.0, 0.0)]);
    }
}
