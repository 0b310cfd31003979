//! The target density field on a chart grid: where dots go, and how many per cm² of skin.
//!
//! The field is sampled once per design on a 1 mm chart grid. Each cell keeps its surface
//! position (for 3D spacing), the skin area it covers, the density of dots the finished
//! design wants there before the hairline ramp, and its depth behind the hairline (the
//! ramp is applied per session, so that session 1 can map the hairline conservatively).

use crate::geometry::{ChartPoint, Vec3};
use crate::hairline::Hairline;
use crate::head::Scalp;
use crate::pattern::{crown_center, PlacedPattern};
use crate::region::{Region, RegionBounds};
use crate::shape::smoothstep;

/// Grid spacing in chart millimetres.
pub const CELL: f32 = 1.0;
/// The chart's extent covered by the grid: x from -X_EXTENT to X_EXTENT.
pub(crate) const X_EXTENT: f32 = 200.0;
/// The chart's extent towards the nape.
pub(crate) const Y_BACK: f32 = -240.0;
/// The chart's extent towards the face.
pub(crate) const Y_FRONT: f32 = 135.0;

/// Lowest edge of hair-bearing skin (mm above the ear plane) by compass direction from the
/// front (degrees): sideburns in front of the ear, above the ear, behind it, the nape.
const LOWER_EDGE: [(f32, f32); 6] = [
    (0.0, -40.0),
    (55.0, -10.0),
    (80.0, 20.0),
    (100.0, 22.0),
    (125.0, -25.0),
    (180.0, -55.0),
];

/// The density field of one design.
#[derive(Debug, Clone)]
pub struct Field {
    /// Number of cells across.
    pub nx: usize,
    /// Number of cells along.
    pub ny: usize,
    /// Chart position of cell (0, 0)'s centre.
    pub origin: ChartPoint,
    pos: Vec<Vec3>,
    base: Vec<f32>,
    depth: Vec<f32>,
    area: Vec<f32>,
    region: Vec<u8>,
    existing: Vec<f32>,
    scar: Vec<bool>,
    hairline: Hairline,
    /// What [`Field::sample`] reads, packed per cell for locality: surface x, y, z, base
    /// density, depth behind the hairline, stretch.
    packed: Vec<[f32; 6]>,
    /// Regions' landmarks.
    pub bounds: RegionBounds,
}

/// What the field says at one chart point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    /// Surface position.
    pub pos: Vec3,
    /// Finished density before the hairline ramp, dots per mm² of skin.
    pub base: f32,
    /// Millimetres behind the hairline.
    pub depth: f32,
    /// Chart stretch across meridians.
    pub stretch: f32,
    /// Chart length per length of skin along the chart's radial direction (away from its
    /// origin): 1 on the head's chart, below 1 on a photo where the scalp turns away from
    /// the camera.
    pub radial: f32,
    /// The zone (region index) the sample is in, for per-zone calibration.
    pub zone: u8,
}

impl Field {
    /// Builds the field for a head, a placed pattern and a hairline.
    ///
    /// `density` is the finished density in dots per mm² of skin where no hair remains.
    pub fn new(
        scalp: &Scalp,
        pattern: &PlacedPattern,
        hairline: Hairline,
        density: f32,
        seed: u64,
    ) -> Field {
        let nx = (2.0 * X_EXTENT / CELL) as usize + 1;
        let ny = ((Y_FRONT - Y_BACK) / CELL) as usize + 1;
        let origin = ChartPoint::new(-X_EXTENT, Y_BACK);
        let midline = scalp.midline_hairline().y;
        let bounds = RegionBounds {
            hairline_y: midline,
            crown: crown_center(scalp),
            crown_radius: 0.18 * scalp.params().length,
            top_half_width: 0.3 * scalp.params().width,
        };
        let count = nx * ny;
        let mut field = Field {
            nx,
            ny,
            origin,
            pos: Vec::new(),
            base: Vec::with_capacity(count),
            depth: Vec::with_capacity(count),
            area: vec![0.0; count],
            region: Vec::with_capacity(count),
            existing: Vec::with_capacity(count),
            scar: Vec::with_capacity(count),
            hairline,
            packed: Vec::new(),
            bounds,
        };
        // The client's own hair grows behind their natural hairline, whatever the design.
        let natural = Hairline {
            irregularity: 1.0,
            ..Hairline::of(crate::hairline::HairlineStyle::Modern)
        };
        // Both hairlines depend only on x: one value per column.
        let xs: Vec<f32> = (0..nx).map(|i| field.cell_point(i, 0).x).collect();
        let design_line: Vec<f32> = xs
            .iter()
            .map(|&x| hairline.line_y(x, midline, seed))
            .collect();
        let natural_line: Vec<f32> = xs
            .iter()
            .map(|&x| natural.line_y(x, midline, seed ^ 0xA11))
            .collect();
        field.pos = surface_grid(scalp, &field);
        for j in 0..ny {
            for i in 0..nx {
                let p = field.cell_point(i, j);
                let pos = field.pos[j * nx + i];
                let lower = lower_edge(p);
                let on_scalp = smoothstep(lower - 3.0, lower + 3.0, pos.z);
                // Off the hair-bearing scalp nothing grows and nothing is treated.
                let cover = if on_scalp > 0.0 {
                    pattern.cover(p)
                } else {
                    crate::pattern::Cover {
                        hair: 1.0,
                        scar: false,
                    }
                };
                field.base.push(density * (1.0 - cover.hair) * on_scalp);
                field.depth.push(design_line[i] - p.y);
                field.region.push(bounds.classify(p) as u8);
                let grows = natural.ramp(natural_line[i] - p.y);
                field.existing.push(cover.hair * on_scalp * grows);
                field.scar.push(cover.scar);
            }
        }
        let stretch = field.compute_areas();
        field.packed = (0..count)
            .map(|k| {
                let q = field.pos[k];
                [q.x, q.y, q.z, field.base[k], field.depth[k], stretch[k]]
            })
            .collect();
        field
    }

    /// The chart point at a cell's centre.
    pub fn cell_point(&self, i: usize, j: usize) -> ChartPoint {
        ChartPoint::new(
            self.origin.x + i as f32 * CELL,
            self.origin.y + j as f32 * CELL,
        )
    }

    /// Skin area of each cell from the surface positions of its neighbours; returns the
    /// chart's stretch across the meridian at each cell, found the same way.
    fn compute_areas(&mut self) -> Vec<f32> {
        let mut stretch = vec![1.0; self.pos.len()];
        for j in 0..self.ny {
            for i in 0..self.nx {
                let (i0, i1) = (i.saturating_sub(1), (i + 1).min(self.nx - 1));
                let (j0, j1) = (j.saturating_sub(1), (j + 1).min(self.ny - 1));
                let (su, sv) = ((i1 - i0) as f32 * CELL, (j1 - j0) as f32 * CELL);
                let du = self.pos[j * self.nx + i1].minus(self.pos[j * self.nx + i0]);
                let dv = self.pos[j1 * self.nx + i].minus(self.pos[j0 * self.nx + i]);
                let k = j * self.nx + i;
                self.area[k] = du.cross(dv).length() / (su * sv) * CELL * CELL;
                // Skin length of a unit chart step across the meridian (perpendicular to
                // the direction from the vertex).
                let p = self.cell_point(i, j);
                let r = p.radius();
                if r > 1.0 {
                    let (tx, ty) = (-p.y / r, p.x / r);
                    let skin = Vec3::new(
                        tx * du.x / su + ty * dv.x / sv,
                        tx * du.y / su + ty * dv.y / sv,
                        tx * du.z / su + ty * dv.z / sv,
                    )
                    .length();
                    if skin > 1e-6 {
                        stretch[k] = 1.0 / skin;
                    }
                }
            }
        }
        stretch
    }

    /// The hairline the field was built with.
    pub fn hairline(&self) -> Hairline {
        self.hairline
    }

    /// Bilinear sample at a chart point, or `None` outside the grid.
    pub fn sample(&self, p: ChartPoint) -> Option<Sample> {
        let fx = (p.x - self.origin.x) / CELL;
        let fy = (p.y - self.origin.y) / CELL;
        if !(fx >= 0.0 && fy >= 0.0) {
            return None;
        }
        let (i, j) = (fx as usize, fy as usize);
        if i + 1 >= self.nx || j + 1 >= self.ny {
            return None;
        }
        let (tx, ty) = (fx - i as f32, fy - j as f32);
        let k = j * self.nx + i;
        let corners = [k, k + 1, k + self.nx, k + self.nx + 1];
        let w = [
            (1.0 - tx) * (1.0 - ty),
            tx * (1.0 - ty),
            (1.0 - tx) * ty,
            tx * ty,
        ];
        let mut v = [0.0f32; 6];
        for (&c, w) in corners.iter().zip(w) {
            let cell = &self.packed[c];
            for (acc, value) in v.iter_mut().zip(cell) {
                *acc += value * w;
            }
        }
        let nearest = if tx < 0.5 { 0 } else { 1 } + if ty < 0.5 { 0 } else { 2 };
        Some(Sample {
            pos: Vec3::new(v[0], v[1], v[2]),
            base: v[3],
            depth: v[4],
            stretch: v[5],
            radial: 1.0,
            zone: self.region[corners[nearest]],
        })
    }

    /// The density a level wants at a sample: `fraction` of the finished density, with the
    /// hairline ramp moved `shift` millimetres back.
    pub fn level_density(&self, s: &Sample, fraction: f32, shift: f32) -> f32 {
        self.density_of(s.base, s.depth, fraction, shift)
    }

    /// [`Field::level_density`] where the finished density before the ramp is `base` and
    /// the depth behind the hairline is `depth`.
    pub fn density_of(&self, base: f32, depth: f32, fraction: f32, shift: f32) -> f32 {
        fraction * base * self.hairline.ramp(depth - shift)
    }

    /// Expected number of dots per region for a level, by integrating its density over
    /// the skin area of every cell.
    pub fn expected_counts(&self, fraction: f32, shift: f32) -> [f64; 8] {
        let mut counts = [0.0f64; 8];
        for k in 0..self.base.len() {
            if self.base[k] <= 0.0 {
                continue;
            }
            let d = fraction * self.base[k] * self.hairline.ramp(self.depth[k] - shift);
            counts[usize::from(self.region[k])] += f64::from(d * self.area[k]);
        }
        counts
    }

    /// Skin area (cm²) where the finished design places dots.
    pub fn treated_area_cm2(&self) -> f32 {
        let mut mm2 = 0.0f64;
        for k in 0..self.base.len() {
            if self.base[k] > 0.0 && self.hairline.ramp(self.depth[k]) > 0.0 {
                mm2 += f64::from(self.area[k]);
            }
        }
        (mm2 / 100.0) as f32
    }

    /// The region of the cell nearest a chart point: the region the sampler calibrates a
    /// dot's zone by and [`Field::expected_counts`] integrates over, so that a region's dots
    /// and its expected count are taken over the same area. Off the grid, the region's
    /// bounds decide.
    pub fn region_at(&self, p: ChartPoint) -> Region {
        let i = ((p.x - self.origin.x) / CELL).round();
        let j = ((p.y - self.origin.y) / CELL).round();
        let on_grid = i >= 0.0 && j >= 0.0 && (i as usize) < self.nx && (j as usize) < self.ny;
        if on_grid {
            Region::ALL[usize::from(self.region[j as usize * self.nx + i as usize])]
        } else {
            self.bounds.classify(p)
        }
    }

    /// Every cell with the client's own hair or scar: chart point, surface position, the
    /// fraction of natural hair density growing there, and whether it is scar.
    pub fn hair_cells(&self) -> impl Iterator<Item = (ChartPoint, Vec3, f32, bool)> + '_ {
        (0..self.pos.len()).filter_map(move |k| {
            let (hair, scar) = (self.existing[k], self.scar[k]);
            (hair > 0.01 || scar).then(|| {
                let (i, j) = (k % self.nx, k / self.nx);
                (self.cell_point(i, j), self.pos[k], hair, scar)
            })
        })
    }

    /// Cells where the finished design wants dots, every `step` cells: chart point, region
    /// and finished density (dots per mm² of skin).
    pub fn treated_cells(
        &self,
        step: usize,
    ) -> impl Iterator<Item = (ChartPoint, Region, f32)> + '_ {
        let step = step.max(1);
        (0..self.ny).step_by(step).flat_map(move |j| {
            (0..self.nx).step_by(step).filter_map(move |i| {
                let k = j * self.nx + i;
                let density = self.base[k] * self.hairline.ramp(self.depth[k]);
                (density > 0.0).then(|| {
                    (
                        self.cell_point(i, j),
                        Region::ALL[usize::from(self.region[k])],
                        density,
                    )
                })
            })
        })
    }

    /// Chart points of cells where the finished design wants dots, every `step` cells.
    pub fn seeds(&self, step: usize) -> Vec<ChartPoint> {
        let mut out = Vec::new();
        for j in (0..self.ny).step_by(step.max(1)) {
            for i in (0..self.nx).step_by(step.max(1)) {
                let k = j * self.nx + i;
                if self.base[k] > 0.0 {
                    out.push(self.cell_point(i, j));
                }
            }
        }
        out
    }
}

/// The surface position of every cell: computed exactly on every second cell in each
/// direction and interpolated between (the scalp curves over tens of millimetres, so the
/// error is a few micrometres).
fn surface_grid(scalp: &Scalp, field: &Field) -> Vec<Vec3> {
    let (nx, ny) = (field.nx, field.ny);
    let mut pos = vec![Vec3::default(); nx * ny];
    for j in (0..ny).step_by(2) {
        for i in (0..nx).step_by(2) {
            pos[j * nx + i] = scalp.to_surface(field.cell_point(i, j));
        }
    }
    let exact = |i: usize, j: usize, pos: &[Vec3]| {
        if i < nx && j < ny && i.is_multiple_of(2) && j.is_multiple_of(2) {
            Some(pos[j * nx + i])
        } else {
            None
        }
    };
    for j in 0..ny {
        for i in 0..nx {
            if i.is_multiple_of(2) && j.is_multiple_of(2) {
                continue;
            }
            let (i0, j0) = (i - i % 2, j - j % 2);
            let corners = [(i0, j0), (i0 + 2, j0), (i0, j0 + 2), (i0 + 2, j0 + 2)];
            let (tx, ty) = ((i % 2) as f32 * 0.5, (j % 2) as f32 * 0.5);
            let weights = [
                (1.0 - tx) * (1.0 - ty),
                tx * (1.0 - ty),
                (1.0 - tx) * ty,
                tx * ty,
            ];
            let mut sum = Vec3::default();
            let mut total = 0.0;
            for ((ci, cj), w) in corners.iter().zip(weights) {
                if w == 0.0 {
                    continue;
                }
                // At the grid's far edges a corner may be missing: compute it exactly.
                let q = exact(*ci, *cj, &pos)
                    .unwrap_or_else(|| scalp.to_surface(field.cell_point(*ci, *cj)));
                sum = Vec3::new(sum.x + q.x * w, sum.y + q.y * w, sum.z + q.z * w);
                total += w;
            }
            pos[j * nx + i] = Vec3::new(sum.x / total, sum.y / total, sum.z / total);
        }
    }
    pos
}

/// The lowest hair-bearing height at a chart point's compass direction.
pub(crate) fn lower_edge(p: ChartPoint) -> f32 {
    let deg = p.x.atan2(p.y).abs().to_degrees();
    for pair in LOWER_EDGE.windows(2) {
        let ((a0, z0), (a1, z1)) = (pair[0], pair[1]);
        if deg <= a1 {
            let t = ((deg - a0) / (a1 - a0)).clamp(0.0, 1.0);
            return z0 + (z1 - z0) * t;
        }
    }
    LOWER_EDGE[LOWER_EDGE.len() - 1].1
}

impl crate::sampler::Domain for Field {
    fn bounds(&self) -> (ChartPoint, ChartPoint) {
        (
            self.origin,
            ChartPoint::new(self.nx as f32 * CELL, self.ny as f32 * CELL),
        )
    }

    fn sample(&self, p: ChartPoint) -> Option<Sample> {
        Field::sample(self, p)
    }

    fn level_density(&self, s: &Sample, fraction: f32, shift: f32) -> f32 {
        Field::level_density(self, s, fraction, shift)
    }

    fn expected_count(&self, fraction: f32, shift: f32) -> f64 {
        self.expected_counts(fraction, shift).iter().sum()
    }

    fn expected_by_zone(&self, fraction: f32, shift: f32) -> [f64; crate::sampler::ZONES] {
        self.expected_counts(fraction, shift)
    }

    fn seeds(&self) -> Vec<ChartPoint> {
        Field::seeds(self, 7)
    }

    fn chart_scale_within(&self, _p: ChartPoint, _radius: f32) -> f32 {
        // The chart is exact along meridians and stretches across them, except for a few
        // per cent of compression near the front and back midlines of a long head.
        0.9
    }
}
