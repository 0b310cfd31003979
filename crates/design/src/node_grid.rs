//! Drawn shapes evaluated at every node of a regular grid at once.
//!
//! The studio's field reads its drawn area, scars, hair and hairline from a grid of nodes.
//! Asking [`SoftPolygon::inside`] node by node walks every edge for every node; here a row
//! crosses the polygon's edges once, and distances are measured only near the edges, where
//! the soft edge is neither 0 nor 1. The values are those of node-by-node evaluation.

use crate::geometry::ChartPoint;
use crate::shape::{segment_closest, smoothstep, SoftPolygon};

/// A regular grid of nodes in the chart, row by row.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct NodeGrid {
    /// The first node.
    pub origin: ChartPoint,
    /// Between neighbouring nodes, mm.
    pub step: f32,
    /// Nodes across.
    pub nx: usize,
    /// Nodes down.
    pub ny: usize,
}

impl NodeGrid {
    /// The node `i` across and `j` down.
    pub fn node(&self, i: usize, j: usize) -> ChartPoint {
        ChartPoint::new(
            self.origin.x + i as f32 * self.step,
            self.origin.y + j as f32 * self.step,
        )
    }

    /// How many nodes there are.
    pub fn len(&self) -> usize {
        self.nx * self.ny
    }

    /// Calls `visit` with the index and the place of every node within `reach` mm of the
    /// box around the segment from `a` to `b` (so of every node within `reach` of the
    /// segment, and a few more).
    fn each_node_near_segment(
        &self,
        a: ChartPoint,
        b: ChartPoint,
        reach: f32,
        mut visit: impl FnMut(usize, ChartPoint),
    ) {
        let lo = ChartPoint::new(a.x.min(b.x), a.y.min(b.y));
        let hi = ChartPoint::new(a.x.max(b.x), a.y.max(b.y));
        let Some((columns, rows)) = self.nodes_near(lo, hi, reach) else {
            return;
        };
        for j in rows {
            for i in columns.clone() {
                visit(j * self.nx + i, self.node(i, j));
            }
        }
    }

    /// The nodes' columns and rows within `reach` mm of the box from `lo` to `hi` (inclusive
    /// ranges), or `None` when no node is.
    fn nodes_near(
        &self,
        lo: ChartPoint,
        hi: ChartPoint,
        reach: f32,
    ) -> Option<(
        std::ops::RangeInclusive<usize>,
        std::ops::RangeInclusive<usize>,
    )> {
        let first = |v: f32, origin: f32| ((v - reach - origin) / self.step).ceil().max(0.0);
        let last = |v: f32, origin: f32| ((v + reach - origin) / self.step).floor();
        let (i0, i1) = (first(lo.x, self.origin.x), last(hi.x, self.origin.x));
        let (j0, j1) = (first(lo.y, self.origin.y), last(hi.y, self.origin.y));
        if i1 < i0 || j1 < j0 || i1 < 0.0 || j1 < 0.0 {
            return None;
        }
        let (i1, j1) = (
            (i1 as usize).min(self.nx.checked_sub(1)?),
            (j1 as usize).min(self.ny.checked_sub(1)?),
        );
        let (i0, j0) = (i0 as usize, j0 as usize);
        (i0 <= i1 && j0 <= j1).then_some((i0..=i1, j0..=j1))
    }
}

impl SoftPolygon {
    /// [`SoftPolygon::inside`] at every node of `grid`, row by row. A node exactly on the
    /// edge of a polygon with no soft edge is counted inside or out by the crossings, where
    /// `inside` counts it out; every other node gets the same value.
    pub(crate) fn inside_on_grid(&self, grid: &NodeGrid) -> Vec<f32> {
        let mut out = vec![0.0f32; grid.len()];
        let n = self.points.len();
        if n < 3 {
            return out;
        }
        let edges = || (0..n).map(|i| (self.points[i], self.points[(i + 1) % n]));
        // Inside or out: a node is inside when an odd number of edges cross its row to its
        // right, as `inside` counts them.
        let mut crossings: Vec<f32> = Vec::with_capacity(n);
        for j in 0..grid.ny {
            let y = grid.node(0, j).y;
            crossings.clear();
            crossings.extend(
                edges()
                    .filter(|(a, b)| (a.y > y) != (b.y > y))
                    .map(|(a, b)| a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x)),
            );
            crossings.sort_by(f32::total_cmp);
            let mut left = 0;
            for i in 0..grid.nx {
                let x = grid.node(i, j).x;
                while left < crossings.len() && crossings[left] <= x {
                    left += 1;
                }
                if (crossings.len() - left) % 2 == 1 {
                    out[j * grid.nx + i] = 1.0;
                }
            }
        }
        // The soft edge: only nodes closer than half its width to an edge are in between.
        let half = self.edge / 2.0;
        if half <= 0.0 {
            return out;
        }
        let mut nearest = vec![f32::INFINITY; grid.len()];
        for (a, b) in edges() {
            grid.each_node_near_segment(a, b, half, |k, p| {
                nearest[k] = nearest[k].min(p.distance_squared(segment_closest(p, a, b)));
            });
        }
        for (value, squared) in out.iter_mut().zip(nearest) {
            if squared.is_finite() {
                let distance = squared.sqrt();
                let signed = if *value > 0.0 { -distance } else { distance };
                *value = 1.0 - smoothstep(-half, half, signed);
            }
        }
        out
    }
}

/// For every node of `grid` within `reach` mm of the polyline `line`, the point of the line
/// closest to it (for a tie, on the earliest segment); `None` for the nodes farther away,
/// and for every node when the line is empty.
pub(crate) fn polyline_closest_on_grid(
    line: &[ChartPoint],
    grid: &NodeGrid,
    reach: f32,
) -> Vec<Option<ChartPoint>> {
    let mut best: Vec<Option<(f32, ChartPoint)>> = vec![None; grid.len()];
    let segments: Vec<(ChartPoint, ChartPoint)> = match line {
        [] => Vec::new(),
        [only] => vec![(*only, *only)],
        _ => line.windows(2).map(|w| (w[0], w[1])).collect(),
    };
    for (a, b) in segments {
        grid.each_node_near_segment(a, b, reach, |k, p| {
            let q = segment_closest(p, a, b);
            let squared = p.distance_squared(q);
            let slot = &mut best[k];
            if squared <= reach * reach && slot.is_none_or(|(d, _)| squared < d) {
                *slot = Some((squared, q));
            }
        });
    }
    best.into_iter()
        .map(|found| found.map(|(_, q)| q))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::Rng;

    fn grid() -> NodeGrid {
        NodeGrid {
            origin: ChartPoint::new(-12.3, -7.9),
            step: 0.5,
            nx: 121,
            ny: 97,
        }
    }

    /// A star-like polygon with concave corners, some of them outside the grid.
    fn star(seed: u64) -> SoftPolygon {
        let mut rng = Rng::new(seed, 5);
        let points = (0..17)
            .map(|k| {
                let angle = k as f32 / 17.0 * std::f32::consts::TAU;
                let radius = 8.0 + 22.0 * rng.unit();
                ChartPoint::new(15.0 + radius * angle.cos(), 15.0 + radius * angle.sin())
            })
            .collect();
        SoftPolygon { points, edge: 3.0 }
    }

    #[test]
    fn a_polygon_on_the_grid_is_the_polygon_node_by_node() {
        let grid = grid();
        for seed in 0..6 {
            let polygon = star(seed);
            let on_grid = polygon.inside_on_grid(&grid);
            let mut soft = 0;
            for j in 0..grid.ny {
                for i in 0..grid.nx {
                    let exact = polygon.inside(grid.node(i, j));
                    let got = on_grid[j * grid.nx + i];
                    assert!(
                        (exact - got).abs() < 1e-6,
                        "node {i},{j}: {got} against {exact}"
                    );
                    soft += usize::from(exact > 0.0 && exact < 1.0);
                }
            }
            assert!(soft > 100, "the soft edge was crossed by only {soft} nodes");
        }
    }

    #[test]
    fn a_hard_polygon_on_the_grid_is_inside_or_out() {
        let grid = grid();
        let polygon = SoftPolygon {
            edge: 0.0,
            ..star(9)
        };
        let on_grid = polygon.inside_on_grid(&grid);
        for j in 0..grid.ny {
            for i in 0..grid.nx {
                assert_eq!(on_grid[j * grid.nx + i], polygon.inside(grid.node(i, j)));
            }
        }
    }

    #[test]
    fn the_closest_point_of_a_line_is_found_within_reach_and_only_there() {
        let grid = grid();
        let line: Vec<ChartPoint> = (0..9)
            .map(|k| ChartPoint::new(-10.0 + 6.0 * k as f32, 5.0 + 4.0 * (k as f32).sin()))
            .collect();
        let reach = 9.0;
        let on_grid = polyline_closest_on_grid(&line, &grid, reach);
        let (mut near, mut far) = (0, 0);
        for j in 0..grid.ny {
            for i in 0..grid.nx {
                let p = grid.node(i, j);
                let exact = line
                    .windows(2)
                    .map(|w| segment_closest(p, w[0], w[1]))
                    .min_by(|a, b| p.distance(*a).total_cmp(&p.distance(*b)))
                    .expect("a line");
                match on_grid[j * grid.nx + i] {
                    Some(q) => {
                        near += 1;
                        assert!((p.distance(q) - p.distance(exact)).abs() < 1e-5, "{p:?}");
                    }
                    None => {
                        far += 1;
                        assert!(p.distance(exact) > reach - 1e-4, "{p:?} is within reach");
                    }
                }
            }
        }
        assert!(near > 1000 && far > 1000, "{near} near, {far} far");
        assert!(polyline_closest_on_grid(&[], &grid, reach)
            .iter()
            .all(Option::is_none));
        let single = polyline_closest_on_grid(&line[..1], &grid, reach);
        assert!(single.iter().flatten().all(|q| *q == line[0]));
    }
}
