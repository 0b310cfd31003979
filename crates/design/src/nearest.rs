//! Each dot's nearest neighbour on the skin, for the quality metrics.
//!
//! The dots of one set (the dots of sessions 1..k) are sorted once by chart cell, so that
//! the dots of a row of cells lie together; each dot then searches square rings of cells
//! outwards from its own, a row of a ring being one contiguous run, and stops once no
//! farther ring can hold a closer dot.

use crate::field::Sample;
use crate::geometry::{ChartPoint, Vec3};
use crate::sampler::PlacedDot;

/// How much longer than the skin distance a chart distance may be, beyond a dot's own
/// stretch across meridians: the chart changes over the few millimetres searched.
const STRETCH_MARGIN: f32 = 1.1;

/// A set of dots sorted by chart cell.
struct CellIndex {
    origin: ChartPoint,
    cell: f32,
    columns: usize,
    rows: usize,
    /// The entries of cell `c` are `entries[starts[c]..starts[c + 1]]`.
    starts: Vec<u32>,
    /// Surface position and index of each dot, by cell, in index order within a cell.
    entries: Vec<(Vec3, u32)>,
}

impl CellIndex {
    /// Sorts the dots `members` (indices into `dots`) into cells `cell` mm wide.
    fn new(dots: &[PlacedDot], members: &[u32], cell: f32) -> CellIndex {
        let mut low = ChartPoint::new(f32::INFINITY, f32::INFINITY);
        let mut high = ChartPoint::new(f32::NEG_INFINITY, f32::NEG_INFINITY);
        for &m in members {
            let p = dots[m as usize].chart;
            (low.x, low.y) = (low.x.min(p.x), low.y.min(p.y));
            (high.x, high.y) = (high.x.max(p.x), high.y.max(p.y));
        }
        let mut index = CellIndex {
            origin: low,
            cell,
            columns: 1,
            rows: 1,
            starts: Vec::new(),
            entries: Vec::new(),
        };
        if !members.is_empty() {
            index.columns = ((high.x - low.x) / cell) as usize + 1;
            index.rows = ((high.y - low.y) / cell) as usize + 1;
        }
        let cells: Vec<u32> = members
            .iter()
            .map(|&m| {
                let (i, j) = index.cell_of(dots[m as usize].chart);
                (j * index.columns + i) as u32
            })
            .collect();
        // A counting sort: stable, so each cell keeps its dots in index order.
        let mut starts = vec![0u32; index.columns * index.rows + 1];
        for &c in &cells {
            starts[c as usize + 1] += 1;
        }
        for c in 1..starts.len() {
            starts[c] += starts[c - 1];
        }
        let mut fill = starts.clone();
        let mut entries = vec![(Vec3::default(), 0u32); members.len()];
        for (&m, &c) in members.iter().zip(&cells) {
            let at = &mut fill[c as usize];
            entries[*at as usize] = (dots[m as usize].pos, m);
            *at += 1;
        }
        index.starts = starts;
        index.entries = entries;
        index
    }

    /// The cell holding a chart point, clamped to the grid.
    fn cell_of(&self, p: ChartPoint) -> (usize, usize) {
        let i = ((p.x - self.origin.x) / self.cell).max(0.0) as usize;
        let j = ((p.y - self.origin.y) / self.cell).max(0.0) as usize;
        (i.min(self.columns - 1), j.min(self.rows - 1))
    }

    /// The entries of cells `i0..=i1` of row `j` (every index in range).
    fn run(&self, j: usize, i0: usize, i1: usize) -> &[(Vec3, u32)] {
        let from = self.starts[j * self.columns + i0] as usize;
        let to = self.starts[j * self.columns + i1 + 1] as usize;
        &self.entries[from..to]
    }
}

/// For each dot of `dots` whose session is 1..=`up_to`, the nearest other such dot within
/// `reach` mm of skin: the distance and the neighbour's index (`None` when there is none
/// that close). Other dots get `None` and are not neighbours. `samples` is what the field
/// said at each dot (its stretch bounds chart distances by skin distances); `cell` is the
/// search grid's cell, best somewhat larger than the dots' spacing.
pub(crate) fn nearest_within(
    dots: &[PlacedDot],
    samples: &[Sample],
    up_to: u8,
    reach: f32,
    cell: f32,
) -> Vec<Option<(f32, usize)>> {
    let members: Vec<u32> = (0..dots.len() as u32)
        .filter(|&m| (1..=up_to).contains(&dots[m as usize].session))
        .collect();
    let mut out = vec![None; dots.len()];
    if members.len() < 2 || cell.is_nan() || cell <= 0.0 {
        return out;
    }
    let grid = CellIndex::new(dots, &members, cell);
    let reach2 = reach * reach;
    for &m in &members {
        let index = m as usize;
        let dot = &dots[index];
        let stretch = samples[index].stretch.max(1.0) * STRETCH_MARGIN;
        let (ci, cj) = grid.cell_of(dot.chart);
        // No farther than `reach` on the skin, nor past the grid's farthest edge.
        let to_edge = ci
            .max(grid.columns - 1 - ci)
            .max(cj)
            .max(grid.rows - 1 - cj);
        let max_ring = ((reach * stretch / grid.cell).ceil() as usize).min(to_edge);
        let mut best: Option<(f32, u32)> = None;
        let consider = |entries: &[(Vec3, u32)], best: &mut Option<(f32, u32)>| {
            for &(pos, q) in entries {
                let d2 = pos.distance_squared(dot.pos);
                if q != m && d2 <= reach2 && best.is_none_or(|(b, _)| d2 < b) {
                    *best = Some((d2, q));
                }
            }
        };
        for ring in 0..=max_ring {
            let (i0, i1) = (ci.saturating_sub(ring), (ci + ring).min(grid.columns - 1));
            let (j0, j1) = (cj.saturating_sub(ring), (cj + ring).min(grid.rows - 1));
            for j in j0..=j1 {
                if j.abs_diff(cj) == ring {
                    // The ring's top or bottom row: one run of cells.
                    consider(grid.run(j, i0, i1), &mut best);
                } else {
                    // Its sides: the cells `ring` to the left and right, where they exist.
                    if ci >= ring {
                        consider(grid.run(j, ci - ring, ci - ring), &mut best);
                    }
                    if ci + ring < grid.columns {
                        consider(grid.run(j, ci + ring, ci + ring), &mut best);
                    }
                }
            }
            // Every dot beyond this ring is at least this far on the skin.
            let beyond = ring as f32 * grid.cell / stretch;
            if best.is_some_and(|(d2, _)| d2 <= beyond * beyond) {
                break;
            }
        }
        out[index] = best.map(|(d2, q)| (d2.sqrt(), q as usize));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::Rng;

    /// Dots at random on a flat 40 × 30 mm chart (the chart is the skin), sessions 1-3,
    /// with their samples.
    fn scattered(count: usize, seed: u64) -> (Vec<PlacedDot>, Vec<Sample>) {
        let mut rng = Rng::new(seed, 1);
        let dots: Vec<PlacedDot> = (0..count)
            .map(|k| {
                let chart = ChartPoint::new(rng.range(-20.0, 20.0), rng.range(0.0, 30.0));
                PlacedDot {
                    chart,
                    pos: Vec3::new(chart.x, chart.y, 0.0),
                    session: (k % 3) as u8 + 1,
                }
            })
            .collect();
        let samples = dots
            .iter()
            .map(|dot| Sample {
                pos: dot.pos,
                base: 1.0,
                depth: f32::INFINITY,
                stretch: 1.0,
                radial: 1.0,
                zone: 0,
            })
            .collect();
        (dots, samples)
    }

    /// Every pair looked at.
    fn brute_force(dots: &[PlacedDot], up_to: u8, reach: f32) -> Vec<Option<f32>> {
        let member = |d: &PlacedDot| (1..=up_to).contains(&d.session);
        dots.iter()
            .enumerate()
            .map(|(i, a)| {
                if !member(a) {
                    return None;
                }
                dots.iter()
                    .enumerate()
                    .filter(|&(j, b)| j != i && member(b))
                    .map(|(_, b)| b.pos.distance_squared(a.pos).sqrt())
                    .filter(|&d| d <= reach)
                    .min_by(f32::total_cmp)
            })
            .collect()
    }

    #[test]
    fn finds_what_looking_at_every_pair_finds_whatever_the_cell() {
        let (dots, samples) = scattered(600, 5);
        for (up_to, reach, cell) in [(1, 3.0, 0.7), (2, 1.5, 2.0), (3, 10.0, 0.3), (3, 0.4, 1.0)] {
            let found = nearest_within(&dots, &samples, up_to, reach, cell);
            let wanted = brute_force(&dots, up_to, reach);
            for (index, (got, want)) in found.iter().zip(&wanted).enumerate() {
                assert_eq!(
                    got.map(|(d, _)| d),
                    *want,
                    "dot {index}, sessions 1..={up_to}"
                );
                if let Some((d, q)) = got {
                    assert!((1..=up_to).contains(&dots[*q].session) && *q != index);
                    assert_eq!(dots[*q].pos.distance_squared(dots[index].pos).sqrt(), *d);
                }
            }
        }
    }

    #[test]
    fn a_lone_dot_or_none_has_no_neighbour() {
        let (dots, samples) = scattered(1, 2);
        assert_eq!(nearest_within(&dots, &samples, 3, 5.0, 1.0), vec![None]);
        assert!(nearest_within(&[], &[], 3, 5.0, 1.0).is_empty());
    }
}
