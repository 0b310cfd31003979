//! The dot sampler: blue noise with spatially varying spacing, measured on the skin.
//!
//! A variable-radius Poisson-disk sampler in the style of Bridson's algorithm: candidates
//! are thrown just outside the exclusion radius of an active dot and kept when no dot lies
//! closer than the candidate's own radius, measured in 3D on the head. The radius follows
//! the target density, `r = sqrt(SPACING_CONSTANT / density)`.
//!
//! Sessions are levels of one sampling: level 1 (the foundation) samples a fraction of the
//! final density with a larger radius; each next level keeps every earlier dot and fills
//! the gaps with a smaller radius. Every dot is at least the current radius from every
//! other, so the dots of sessions 1..k together are blue noise for every k, and a new
//! session never clumps onto existing dots.

use crate::coverage::{Coverage, FINE_PER_CELL};
use crate::field::Sample;
use crate::geometry::{ChartPoint, Rng, Vec3};
use crate::nearest::nearest_within;

/// Density × radius² of a first level: a radius `r` yields about `FRESH_SPACING / r²`
/// dots per unit area when no dots exist yet. Throwing candidates just outside the radius
/// packs a little tighter than random sequential packing (0.70); a flat square packs
/// about 2% tighter still. Measured on whole-scalp
/// fields (alopecia totalis, Norwood 7); each level is then calibrated (see
/// [`Sampler::add_level`]).
pub const FRESH_SPACING: f32 = 0.77;
/// About the loosest packing of a level filling gaps between earlier dots.
pub const FILL_SPACING: f32 = 0.57;
/// The smallest spacing constant calibration may choose; it sets the occupancy grid.
const MIN_SPACING: f32 = 0.8 * FILL_SPACING;
/// How far a level's dot count may miss its target before the level is sampled again
/// with a corrected spacing.
const CALIBRATION_TOLERANCE: f64 = 0.025;
/// How much of a zone's miss one calibration step corrects (as an exponent of the ratio).
const CALIBRATION_STEP: f32 = 0.6;
/// Most samplings of one level.
const CALIBRATION_ROUNDS: usize = 6;
/// Candidates thrown around each active dot before it retires.
const CANDIDATES: usize = 10;
/// (sin, cos) of the turn between two candidates around a dot: 2π / CANDIDATES = 36°.
const TURN: (f32, f32) = (0.587_785_25, 0.809_017);

/// The nearest-neighbour search's cell over the spacing of the dots searched: larger cells
/// mean fewer rings and more dots measured. Measured on Norwood 7 (three sessions): 0.5, 1
/// and 1.5 took 7.9, 6.3 and 4.9 ms for the three searches; 2 took no less.
const SEARCH_CELL_PER_SPACING: f32 = 1.5;

/// The largest radius the sampler uses, mm (where the density ramps down to nothing).
const MAX_RADIUS: f32 = 6.0;

/// Where a sampler places dots: a chart (2D, millimetres) of some surface, with the
/// density each level wants. The scalp's [`Field`](crate::Field) is one; a flat
/// [`Plane`](crate::Plane) is another, for tests and benchmarks.
pub trait Domain {
    /// The chart rectangle covered: its lowest corner and its size.
    fn bounds(&self) -> (ChartPoint, ChartPoint);
    /// What the domain says at a chart point, or `None` outside.
    fn sample(&self, p: ChartPoint) -> Option<Sample>;
    /// The density (dots per mm² of surface) a level wants at a sample: `fraction` of the
    /// finished density, with any front ramp moved `shift` mm back.
    fn level_density(&self, s: &Sample, fraction: f32, shift: f32) -> f32;
    /// How many dots a level wants in all.
    fn expected_count(&self, fraction: f32, shift: f32) -> f64;
    /// How many dots a level wants in each zone (the scalp's regions; one zone for a
    /// plane). [`Sample::zone`] says which zone a sample is in.
    fn expected_by_zone(&self, fraction: f32, shift: f32) -> [f64; ZONES] {
        let mut out = [0.0; ZONES];
        out[0] = self.expected_count(fraction, shift);
        out
    }
    /// Points from which sampling starts, covering every part of the domain.
    fn seeds(&self) -> Vec<ChartPoint>;
    /// The smallest ratio of chart distance to surface distance within `radius` mm of chart
    /// point `p` (1, the default, for a flat domain): a placed dot rules out the chart
    /// points this much closer than its spacing.
    fn chart_scale_within(&self, p: ChartPoint, radius: f32) -> f32 {
        let _ = (p, radius);
        1.0
    }
}

/// One placed dot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedDot {
    /// Chart position, mm.
    pub chart: ChartPoint,
    /// Surface position, mm.
    pub pos: Vec3,
    /// The session (1-based) that placed it.
    pub session: u8,
}

/// The most zones a domain can have, each calibrated on its own.
pub const ZONES: usize = 8;
/// Zones expecting fewer dots than this are not calibrated on their own.
const ZONE_MIN_EXPECTED: f64 = 150.0;

/// One level (session) of a sampling: its share of the finished density, its hairline
/// setback, the level before it, and the calibration of its spacing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Level {
    /// Share of the finished density this level fills up to.
    pub fraction: f32,
    /// How far back the hairline ramp sits in this level, mm.
    pub shift: f32,
    /// The level before: (fraction, shift).
    previous: Option<(f32, f32)>,
    /// Calibration factor on the packing model, per zone.
    scale: [f32; ZONES],
}

impl Level {
    /// The density this level wants at a sample.
    pub fn density<D: Domain>(&self, domain: &D, s: &Sample) -> f32 {
        domain.level_density(s, self.fraction, self.shift)
    }

    /// The spacing constant at a sample: how tightly this level packs there depends on how
    /// much of its density earlier dots already hold at that place (none in front of the
    /// foundation's setback hairline, most of it late in a course).
    pub fn spacing<D: Domain>(&self, domain: &D, s: &Sample) -> f32 {
        self.spacing_with(domain, s, self.density(domain, s))
    }

    /// [`Level::spacing`] where this level's density at the sample, `now`, is known.
    fn spacing_with<D: Domain>(&self, domain: &D, s: &Sample, now: f32) -> f32 {
        let held = match self.previous {
            Some((fraction, shift)) if now > 0.0 => {
                (domain.level_density(s, fraction, shift) / now).clamp(0.0, 1.0)
            }
            _ => 0.0,
        };
        (self.scale[usize::from(s.zone) % ZONES] * packing(held)).max(MIN_SPACING)
    }

    /// This level's radius (local target spacing) at a sample, or `None` where it places
    /// no dots.
    pub fn radius<D: Domain>(&self, domain: &D, s: &Sample) -> Option<f32> {
        radius_for(self.density(domain, s), self.spacing(domain, s))
    }
}

/// Density × radius² of a level where earlier dots hold `held` of its density: fresh
/// ground (0) packs like a first level; between earlier dots packing is looser, and
/// tightens again as they hold more. Measured on Norwood 7 designs; each level's
/// calibration corrects the rest.
fn packing(held: f32) -> f32 {
    const POINTS: [(f32, f32); 4] = [
        (0.0, FRESH_SPACING),
        (0.571, 0.578),
        (0.7, 0.616),
        (1.0, 0.72),
    ];
    for pair in POINTS.windows(2) {
        let ((h0, k0), (h1, k1)) = (pair[0], pair[1]);
        if held <= h1 {
            return k0 + (k1 - k0) * ((held - h0) / (h1 - h0)).clamp(0.0, 1.0);
        }
    }
    POINTS[POINTS.len() - 1].1
}

/// The radius for a density with a level's spacing constant, or `None` where no dots go.
pub fn radius_for(density: f32, spacing: f32) -> Option<f32> {
    if density > 1e-5 {
        Some((spacing / density).sqrt().min(MAX_RADIUS))
    } else {
        None
    }
}

/// A sampling in progress over one field.
pub struct Sampler<'f, D: Domain> {
    field: &'f D,
    max_density: f32,
    cell: f32,
    origin: ChartPoint,
    gx: usize,
    gy: usize,
    /// The most recently placed dot in each cell of the occupancy grid, or [`EMPTY`].
    heads: Vec<u32>,
    /// For each dot, the dot placed before it in the same cell, or [`EMPTY`]: a cell's
    /// dots are a chain from its head. Where the chart compresses the skin a cell may hold
    /// several; elsewhere it holds one at most.
    next: Vec<u32>,
    /// Fine cells no candidate may take, for a quick rejection.
    coverage: Coverage,
    /// The smallest radius of the level being sampled.
    r_floor: f32,
    dots: Vec<PlacedDot>,
    rng: Rng,
    /// Every level so far; the last is the one being sampled.
    levels: Vec<Level>,
    /// Each dot's radius at the level being sampled.
    radii: Vec<f32>,
    /// What the domain said at each dot.
    local: Vec<Sample>,
}

const EMPTY: u32 = u32::MAX;

impl<'f, D: Domain> Sampler<'f, D> {
    /// A sampler for a field whose densest point has density `max_density` (dots/mm²).
    pub fn new(field: &'f D, max_density: f32, seed: u64) -> Sampler<'f, D> {
        let (origin, _) = field.bounds();
        Sampler {
            field,
            max_density: max_density.max(1e-6),
            cell: 0.0,
            gx: 0,
            gy: 0,
            origin,
            heads: Vec::new(),
            next: Vec::new(),
            coverage: Coverage::default(),
            r_floor: 0.0,
            dots: Vec::new(),
            rng: Rng::new(seed, 21),
            levels: Vec::new(),
            radii: Vec::new(),
            local: Vec::new(),
        }
    }

    /// The dots placed so far.
    pub fn dots(&self) -> &[PlacedDot] {
        &self.dots
    }

    /// What the domain said at each dot placed so far, in the order of [`Sampler::dots`].
    pub fn samples(&self) -> &[Sample] {
        &self.local
    }

    /// Into the dots placed.
    pub fn into_dots(self) -> Vec<PlacedDot> {
        self.dots
    }

    /// Adds one session's dots: fills the field up to `fraction` of its finished density,
    /// with the hairline ramp moved `shift` mm back, keeping every dot already placed.
    ///
    /// How tightly a level packs depends on the dots already there ([`Level::spacing`])
    /// and on the shape of the area, so each level is calibrated: when the dots of any zone
    /// (a region of the scalp) miss the zone's expected count by more than 2.5%, the level
    /// is sampled again in the zones that missed — around the dots that stay — with their
    /// spacing corrected by the ratio (at most five times). Returns the level, whose
    /// [`Level::radius`] is its local target spacing.
    pub fn add_level(&mut self, session: u8, fraction: f32, shift: f32) -> Level {
        let expected = self.field.expected_by_zone(fraction, shift);
        let kept = self.dots.len();
        let previous = self.levels.last().map(|l| (l.fraction, l.shift));
        self.levels.push(Level {
            fraction,
            shift,
            previous,
            scale: [1.0; ZONES],
        });
        let mut zones = [true; ZONES];
        for round in 0..CALIBRATION_ROUNDS {
            self.sample_level(session, &zones);
            let mut achieved = [0.0f64; ZONES];
            for sample in &self.local {
                achieved[usize::from(sample.zone) % ZONES] += 1.0;
            }
            let mut failing = [false; ZONES];
            for zone in 0..ZONES {
                let ratio = achieved[zone] / expected[zone].max(1.0);
                failing[zone] = expected[zone] >= ZONE_MIN_EXPECTED
                    && (ratio - 1.0).abs() > CALIBRATION_TOLERANCE;
                if failing[zone] {
                    if let Some(level) = self.levels.last_mut() {
                        // Density scales about as 1 / the spacing constant used; between
                        // earlier dots it responds more steeply, so the step is damped.
                        level.scale[zone] *= (ratio as f32).powf(CALIBRATION_STEP);
                    }
                }
            }
            if !failing.contains(&true) || round + 1 == CALIBRATION_ROUNDS {
                break;
            }
            // Sample again only where the count missed, around the dots that stay.
            self.remove_level_dots(kept, &failing);
            zones = failing;
        }
        self.level()
    }

    /// The level being sampled (or the last one sampled).
    fn level(&self) -> Level {
        self.levels.last().copied().unwrap_or(Level {
            fraction: 1.0,
            shift: 0.0,
            previous: None,
            scale: [1.0; ZONES],
        })
    }

    /// Removes the dots after the first `keep` that lie in the given zones.
    fn remove_level_dots(&mut self, keep: usize, zones: &[bool; ZONES]) {
        let mut index = keep;
        let mut write = keep;
        while index < self.dots.len() {
            let zone = usize::from(self.local[index].zone) % ZONES;
            if !zones[zone] {
                self.dots[write] = self.dots[index];
                self.local[write] = self.local[index];
                self.radii[write] = self.radii[index];
                write += 1;
            }
            index += 1;
        }
        self.dots.truncate(write);
        self.local.truncate(write);
        self.radii.truncate(write);
        self.rebuild_grid();
    }

    /// Files every dot in the occupancy grid again.
    fn rebuild_grid(&mut self) {
        self.heads.clear();
        self.heads.resize(self.gx * self.gy, EMPTY);
        self.next.clear();
        for index in 0..self.dots.len() {
            self.file(index);
        }
    }

    /// Files the dot `index` (the next one to be filed) in its cell of the occupancy grid.
    fn file(&mut self, index: usize) {
        debug_assert_eq!(self.next.len(), index, "dots are filed in order");
        match self.cell_of(self.dots[index].chart) {
            Some((i, j)) => {
                let head = &mut self.heads[j * self.gx + i];
                self.next.push(*head);
                *head = index as u32;
            }
            None => self.next.push(EMPTY),
        }
    }

    /// The dots filed in the cell (i, j), the latest first.
    fn dots_in(&self, i: usize, j: usize) -> impl Iterator<Item = usize> + '_ {
        let mut at = self.heads[j * self.gx + i];
        std::iter::from_fn(move || {
            (at != EMPTY).then(|| {
                let index = at as usize;
                at = self.next[index];
                index
            })
        })
    }

    /// Sizes the occupancy grid for a level: a cell is small enough that two of the
    /// level's dots share one only where the chart compresses the skin, and no smaller, so
    /// a search looks at few cells.
    fn fit_grid(&mut self, level: &Level) {
        let tightest = if level.previous.is_some() {
            FILL_SPACING
        } else {
            FRESH_SPACING
        };
        let smallest = level.scale.iter().copied().fold(f32::INFINITY, f32::min);
        let spacing = (smallest * tightest).max(MIN_SPACING);
        let r_min = radius_for(level.fraction * self.max_density, spacing).unwrap_or(MAX_RADIUS);
        self.r_floor = r_min;
        let cell = r_min / std::f32::consts::SQRT_2 * 0.999;
        if cell == self.cell {
            return;
        }
        let (_, size) = self.field.bounds();
        self.coverage = Coverage::new(self.origin, size, cell / FINE_PER_CELL);
        self.cell = cell;
        self.gx = (size.x / cell).ceil() as usize + 1;
        self.gy = (size.y / cell).ceil() as usize + 1;
        self.rebuild_grid();
    }

    /// Samples the level in the given zones, keeping every dot already placed.
    fn sample_level(&mut self, session: u8, zones: &[bool; ZONES]) {
        // Earlier dots take part with this level's radius at their place.
        let level = self.level();
        self.fit_grid(&level);
        self.radii = self
            .local
            .iter()
            .map(|sample| level.radius(self.field, sample).unwrap_or(MAX_RADIUS))
            .collect();
        self.coverage.clear();
        for index in 0..self.dots.len() {
            self.cover(index);
        }
        let mut active: Vec<u32> = (0..self.dots.len() as u32).collect();
        let mut seeds: Vec<ChartPoint> = self
            .field
            .seeds()
            .into_iter()
            .filter(|p| {
                self.field
                    .sample(*p)
                    .is_some_and(|s| zones[usize::from(s.zone) % ZONES])
            })
            .collect();
        // Shuffle the seeds so that the sampling does not sweep in rows.
        for i in (1..seeds.len()).rev() {
            let j = (self.rng.next_u64() % (i as u64 + 1)) as usize;
            seeds.swap(i, j);
        }
        let mut next_seed = 0;
        loop {
            if active.is_empty() {
                // Start a new front from the next seed that fits (every part of the area,
                // also those not connected to the rest, gets one).
                let mut started = false;
                while next_seed < seeds.len() {
                    let seed = seeds[next_seed];
                    next_seed += 1;
                    if let Some(index) = self.try_place(seed, session, &level, zones) {
                        active.push(index);
                        started = true;
                        break;
                    }
                }
                if !started {
                    break;
                }
            }
            let pick = (self.rng.next_u64() % active.len() as u64) as usize;
            let index = active[pick] as usize;
            let dot = self.dots[index];
            // What the domain said there, and the dot's radius at this level, were kept.
            let sample = self.local[index];
            let r = match self.radii[index] {
                // The stand-in for a place where the level puts no dots, or the cap itself.
                MAX_RADIUS => level.radius(self.field, &sample),
                r => Some(r),
            };
            let Some(r) = r else {
                active.swap_remove(pick);
                continue;
            };
            let mut placed_any = false;
            let (mut sa, mut ca) = (self.rng.unit() * std::f32::consts::TAU).sin_cos();
            let (radial, across) = frame(dot.chart);
            // A dot of an earlier session is probed with half the candidates, evenly round:
            // the gaps around it are small, and the new dots probe them again.
            let (count, turns) = if dot.session < session {
                (CANDIDATES / 2, 2)
            } else {
                (CANDIDATES, 1)
            };
            for _ in 0..count {
                let distance = r * (1.0 + 0.1 * self.rng.unit());
                // A step on the skin becomes a longer step across meridians on the chart,
                // and a shorter one down a photo's slope.
                let along = distance * ca * sample.radial;
                let side = distance * sa * sample.stretch;
                let candidate = ChartPoint::new(
                    dot.chart.x + along * radial.x + side * across.x,
                    dot.chart.y + along * radial.y + side * across.y,
                );
                if let Some(index) = self.try_place(candidate, session, &level, zones) {
                    active.push(index);
                    placed_any = true;
                }
                // The next direction, a fixed turn further round.
                for _ in 0..turns {
                    (sa, ca) = (sa * TURN.1 + ca * TURN.0, ca * TURN.1 - sa * TURN.0);
                }
            }
            if !placed_any {
                active.swap_remove(pick);
            }
        }
    }

    /// Places a dot at a chart point when the level wants one there and nothing is too
    /// close; returns its index.
    fn try_place(
        &mut self,
        p: ChartPoint,
        session: u8,
        level: &Level,
        zones: &[bool; ZONES],
    ) -> Option<u32> {
        // A covered point is ruled out before anything is computed.
        if self.coverage.covers(p) {
            debug_assert!(
                self.field
                    .sample(p)
                    .is_none_or(|s| self.too_close(p, &s, self.r_floor)),
                "the coverage bitmap turned down {p:?}, which the search would keep"
            );
            return None;
        }
        let sample = self.field.sample(p)?;
        if !zones[usize::from(sample.zone) % ZONES] {
            return None;
        }
        let density = level.density(self.field, &sample);
        let spacing = level.spacing_with(self.field, &sample, density);
        let r = radius_for(density, spacing)?;
        // Where the density ramps down, keep dots only with the ramp's probability of
        // the radius cap, so the edge thins out instead of ending in a row.
        if r >= MAX_RADIUS && self.rng.unit() > density * MAX_RADIUS * MAX_RADIUS / spacing {
            return None;
        }
        if self.too_close(p, &sample, r) {
            return None;
        }
        let index = self.dots.len() as u32;
        self.radii.push(r);
        self.local.push(sample);
        self.dots.push(PlacedDot {
            chart: p,
            pos: sample.pos,
            session,
        });
        self.file(index as usize);
        self.cover(index as usize);
        Some(index)
    }

    /// Marks the fine cells around a dot where no candidate can be placed: closer on the
    /// chart than the least mean radius any candidate may have with it, shrunk by the
    /// chart's largest compression around the dot so that it is closer on the skin too, and
    /// no farther than a candidate's search reaches.
    fn cover(&mut self, index: usize) {
        let floor = self.r_floor;
        let reach = 0.5 * (floor + self.radii[index].min(1.5 * floor));
        let chart = self.dots[index].chart;
        let radius = reach * self.field.chart_scale_within(chart, reach).min(1.0);
        self.coverage.mark_disk(chart, radius);
    }

    fn cell_of(&self, p: ChartPoint) -> Option<(usize, usize)> {
        let fx = (p.x - self.origin.x) / self.cell;
        let fy = (p.y - self.origin.y) / self.cell;
        if !(fx >= 0.0 && fy >= 0.0) {
            return None;
        }
        let (i, j) = (fx as usize, fy as usize);
        (i < self.gx && j < self.gy).then_some((i, j))
    }

    /// Whether any dot is closer on the skin to the sample at chart point `p` than the mean
    /// of its radius `r` and the dot's: symmetric, so a density gradient is followed
    /// without piling dots up on its sparse side.
    fn too_close(&self, p: ChartPoint, sample: &Sample, r: f32) -> bool {
        // Neighbours whose radius exceeds 1.5 r (only where the density ramps steeply) are
        // searched up to the mean with 1.5 r; beyond that the rule relaxes to r itself.
        let reach = 0.5 * (r + MAX_RADIUS.min(1.5 * r)) * sample.stretch.max(1.0) * 1.05;
        let span = (reach / self.cell).ceil() as usize;
        let Some((ci, cj)) = self.cell_of(p) else {
            return true;
        };
        // The nearest cells first: most rejections are found there.
        let inner = span.min(1);
        self.conflict(ci, cj, inner, None, sample.pos, r)
            || self.conflict(ci, cj, span, Some(inner), sample.pos, r)
    }

    /// Whether a dot in the square of cells `span` around (ci, cj) — leaving out the
    /// square `skip` around it, already searched — is closer than the mean radius.
    fn conflict(
        &self,
        ci: usize,
        cj: usize,
        span: usize,
        skip: Option<usize>,
        pos: Vec3,
        r: f32,
    ) -> bool {
        let (j0, j1) = (cj.saturating_sub(span), (cj + span).min(self.gy - 1));
        let (i0, i1) = (ci.saturating_sub(span), (ci + span).min(self.gx - 1));
        for j in j0..=j1 {
            let inner_row = skip.is_some_and(|k| j.abs_diff(cj) <= k);
            for i in i0..=i1 {
                if inner_row && skip.is_some_and(|k| i.abs_diff(ci) <= k) {
                    continue;
                }
                for q in self.dots_in(i, j) {
                    let limit = 0.5 * (r + self.radii[q]);
                    if self.dots[q].pos.distance_squared(pos) < limit * limit {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// For each dot of sessions `1..=up_to`, its nearest other dot of those sessions within
    /// `reach` mm of skin: the distance and the neighbour's index (`None` when there is none
    /// that close). Dots of later sessions get `None` and are not neighbours.
    pub fn nearest(&self, reach: f32, up_to: u8) -> Vec<Option<(f32, usize)>> {
        let cell = self.search_cell(usize::from(up_to));
        nearest_within(&self.dots, &self.local, up_to, reach, cell)
    }

    /// [`Sampler::nearest`] for every `up_to` from 1 to `sessions` (element `k - 1` is for
    /// sessions 1..=k), each searched on a grid sized for that many dots.
    pub fn nearest_per_session(&self, reach: f32, sessions: u8) -> Vec<Vec<Option<(f32, usize)>>> {
        (1..=sessions).map(|k| self.nearest(reach, k)).collect()
    }

    /// A good search cell for the dots of sessions 1..=`up_to`: half as much again as their
    /// spacing where the density is highest, or the sampler's own cell when level `up_to`
    /// was not sampled.
    fn search_cell(&self, up_to: usize) -> f32 {
        match up_to.checked_sub(1).and_then(|k| self.levels.get(k)) {
            Some(level) => {
                radius_for(level.fraction * self.max_density, FRESH_SPACING).unwrap_or(MAX_RADIUS)
                    * SEARCH_CELL_PER_SPACING
            }
            None => self.cell,
        }
    }
}

/// Unit vectors at a chart point: away from the vertex, and across the meridian.
fn frame(p: ChartPoint) -> (ChartPoint, ChartPoint) {
    let r = p.radius();
    let radial = if r > 1e-3 {
        ChartPoint::new(p.x / r, p.y / r)
    } else {
        ChartPoint::new(0.0, 1.0)
    };
    (radial, ChartPoint::new(-radial.y, radial.x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_turn_evenly_round_a_dot() {
        let (sin, cos) = (std::f32::consts::TAU / CANDIDATES as f32).sin_cos();
        assert!((TURN.0 - sin).abs() < 1e-6 && (TURN.1 - cos).abs() < 1e-6);
    }

    #[test]
    fn packing_is_tightest_on_fresh_ground_and_loosest_between_a_few_earlier_dots() {
        assert_eq!(packing(0.0), FRESH_SPACING);
        assert!(packing(0.571) < packing(0.0));
        assert!(packing(0.571) < packing(0.7));
    }
}
