//! Quality of a dot field, measured the way the issue asks: spacing against the local
//! target, the Clark-Evans ratio, and achieved density against the target, per region.
//!
//! A region's dots and its target are taken over the same area: the field cells (1 mm)
//! whose centres its bounds hold. A dot is counted in the zone the sampler calibrated it in
//! ([`Sample::zone`], the region of its nearest cell, as [`Field::region_at`] says), and
//! the target is integrated over the same cells ([`Field::expected_counts`]).

use serde::Serialize;

use crate::field::{Field, Sample};
use crate::region::Region;
use crate::sampler::{Level, PlacedDot};

/// Spacing and density of the dots of one region.
#[derive(Debug, Clone, Serialize)]
pub struct RegionQuality {
    /// The region.
    pub region: Region,
    /// Dots placed in it.
    pub dots: usize,
    /// Dots the target density field asks for in it.
    pub expected: f64,
    /// `dots / expected - 1`: 0.05 is 5% too many.
    pub density_error: f64,
    /// Smallest ratio of a dot's nearest-neighbour distance to the local target spacing
    /// (the smaller of the two dots' target radii: the spacing at the denser end).
    pub min_spacing_ratio: f32,
    /// Clark-Evans ratio of the dots well inside full-density areas (1 random, 2.15 a
    /// hexagonal grid); `None` when too few such dots.
    pub clark_evans: Option<f32>,
}

/// Quality of a whole field.
#[derive(Debug, Clone, Serialize)]
pub struct Quality {
    /// Per region, for regions with at least 50 expected dots.
    pub regions: Vec<RegionQuality>,
    /// Clark-Evans ratio over every full-density dot.
    pub clark_evans: Option<f32>,
    /// Smallest spacing ratio anywhere.
    pub min_spacing_ratio: f32,
}

/// Measures the dots after each session: element `k` of the answer is for the dots of
/// sessions `1..=k + 1` against `levels[k]` (the [`Level`] that
/// [`Sampler::add_level`](crate::Sampler::add_level) returned for session `k + 1`), with
/// `nearest[k]` from [`Sampler::nearest_per_session`](crate::Sampler::nearest_per_session).
/// `samples` holds what the field said at each dot
/// ([`Sampler::samples`](crate::Sampler::samples)).
pub fn measure(
    field: &Field,
    dots: &[PlacedDot],
    samples: &[Sample],
    nearest: &[Vec<Option<(f32, usize)>>],
    levels: &[Level],
) -> Vec<Quality> {
    // What the field says 4 mm each way from every dot, read once for all sessions.
    let last = levels.len().min(usize::from(u8::MAX)) as u8;
    let around: Vec<Option<[(f32, f32); 4]>> = dots
        .iter()
        .map(|dot| {
            (dot.session <= last)
                .then(|| surroundings(field, dot))
                .flatten()
        })
        .collect();
    levels
        .iter()
        .zip(nearest)
        .enumerate()
        .map(|(k, (level, nearest))| {
            let up_to = (k + 1).min(usize::from(u8::MAX)) as u8;
            measure_level(field, dots, samples, &around, nearest, up_to, level)
        })
        .collect()
}

/// The base density and depth behind the hairline 4 mm each way from a dot (what a level's
/// density there depends on), or `None` where one of them is off the field.
fn surroundings(field: &Field, dot: &PlacedDot) -> Option<[(f32, f32); 4]> {
    let mut out = [(0.0, 0.0); 4];
    for ((dx, dy), slot) in [(4.0, 0.0), (-4.0, 0.0), (0.0, 4.0), (0.0, -4.0)]
        .iter()
        .zip(&mut out)
    {
        let p = crate::geometry::ChartPoint::new(dot.chart.x + dx, dot.chart.y + dy);
        let s = field.sample(p)?;
        *slot = (s.base, s.depth);
    }
    Some(out)
}

/// [`measure`] for the dots of sessions `1..=up_to`.
fn measure_level(
    field: &Field,
    dots: &[PlacedDot],
    samples: &[Sample],
    around: &[Option<[(f32, f32); 4]>],
    nearest: &[Option<(f32, usize)>],
    up_to: u8,
    level: &Level,
) -> Quality {
    let (fraction, shift) = (level.fraction, level.shift);
    let radius = |index: usize| samples.get(index).and_then(|s| level.radius(field, s));
    let expected = field.expected_counts(fraction, shift);
    let mut counts = [0usize; 8];
    let mut min_ratio = [f32::INFINITY; 8];
    let mut ce_sum = [0.0f64; 8];
    let mut ce_n = [0usize; 8];
    let measured = dots
        .iter()
        .zip(samples)
        .zip(nearest)
        .zip(around)
        .enumerate();
    for (index, (((dot, sample), nn), around)) in measured {
        if dot.session > up_to {
            continue;
        }
        // The zone the sampler calibrated the dot's count in: its region.
        let region = usize::from(sample.zone) % Region::ALL.len();
        counts[region] += 1;
        let Some((nn, neighbour)) = *nn else { continue };
        let density = field.level_density(sample, fraction, shift);
        let target = match (radius(index), radius(neighbour)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some(r) = target {
            min_ratio[region] = min_ratio[region].min(nn / r);
        }
        // Clark-Evans over dots in full-density areas, away from the field's edges.
        if is_interior(field, density, around.as_ref(), fraction, shift) {
            ce_sum[region] += f64::from(nn) * 2.0 * f64::from(density).sqrt();
            ce_n[region] += 1;
        }
    }
    let mut regions = Vec::new();
    for region in Region::ALL {
        let k = region.index();
        if expected[k] < 50.0 {
            continue;
        }
        regions.push(RegionQuality {
            region,
            dots: counts[k],
            expected: expected[k],
            density_error: counts[k] as f64 / expected[k] - 1.0,
            min_spacing_ratio: min_ratio[k],
            clark_evans: (ce_n[k] >= 30).then(|| (ce_sum[k] / ce_n[k] as f64) as f32),
        });
    }
    let total_n: usize = ce_n.iter().sum();
    let total: f64 = ce_sum.iter().sum();
    Quality {
        clark_evans: (total_n >= 30).then(|| (total / total_n as f64) as f32),
        min_spacing_ratio: min_ratio.iter().cloned().fold(f32::INFINITY, f32::min),
        regions,
    }
}

/// Whether the full target density `full` at a dot holds all around it (4 mm each way,
/// `around` from [`surroundings`]).
fn is_interior(
    field: &Field,
    full: f32,
    around: Option<&[(f32, f32); 4]>,
    fraction: f32,
    shift: f32,
) -> bool {
    let Some(around) = around.filter(|_| full > 0.0) else {
        return false;
    };
    around.iter().all(|&(base, depth)| {
        let density = field.density_of(base, depth, fraction, shift);
        (density - full).abs() < 0.02 * full
    })
}
