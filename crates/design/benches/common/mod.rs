//! The workloads the benchmarks time, shared by the criterion benches and by `compare`,
//! which prints their figures side by side: both must run exactly the same work.
//!
//! Each bench uses only part of this module, hence `#[allow(dead_code)]` where it is
//! included.

use std::path::PathBuf;
use std::sync::Arc;

use faster_poisson::{Poisson2D, PoissonDart2D};
use smp_design::{
    render, Blend, Canvas, Design, DesignError, DesignParams, Dot, HairlineStyle, LinearRgb,
    LossPattern, Moment, Plane, Rng, Sampler, Stage, View,
};

// ---------------------------------------------------------------------------------------
// Sampling: the unit square, fixed and variable density.
// ---------------------------------------------------------------------------------------

/// Points wanted on the unit square.
pub const POINTS: f64 = 20_000.0;
/// Variable density: `1 + SLOPE·x` times the density at the left edge, 1× → 4×.
pub const SLOPE: f64 = 3.0;
/// Seed of every sampling.
pub const SEED: u64 = 7;

/// The two densities the samplers are compared on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Density {
    /// The same everywhere.
    Fixed,
    /// Linear in x, 1× at the left edge to 4× at the right.
    Variable,
}

impl Density {
    /// Both, in table order.
    pub const ALL: [Density; 2] = [Density::Fixed, Density::Variable];

    /// Criterion group name (also the directory criterion saves the figures in).
    pub fn group(self) -> &'static str {
        match self {
            Density::Fixed => "sampling_fixed",
            Density::Variable => "sampling_variable",
        }
    }

    /// Relative density at `x`, with mean 1 over the unit square.
    pub fn shape(self, x: f64) -> f64 {
        match self {
            Density::Fixed => 1.0,
            Density::Variable => (1.0 + SLOPE * x) / (1.0 + SLOPE / 2.0),
        }
    }
}

/// Our sampler on a flat unit square: one level at the full density, `POINTS` expected.
pub fn smp_points(density: Density) -> Vec<[f64; 2]> {
    let shape = move |x: f32, _y: f32| (POINTS * density.shape(f64::from(x))) as f32;
    let max_density = (POINTS * density.shape(1.0)) as f32;
    // Starting points a few radii apart (the square is connected: the first one fills it).
    let plane = Plane::new(1.0, 1.0, shape, 0.05);
    let mut sampler = Sampler::new(&plane, max_density, SEED);
    sampler.add_level(1, 1.0, 0.0);
    sampler
        .dots()
        .iter()
        .map(|d| [f64::from(d.chart.x), f64::from(d.chart.y)])
        .collect()
}

/// The peers: `faster_poisson`'s samplers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peer {
    /// `Poisson2D`: Bridson's algorithm with the parent's slice of the annulus cut out,
    /// the crate's default 2D sampler.
    Parental,
    /// `PoissonDart2D`: dart throwing into shuffled grid cells, which the crate's docs call
    /// probably faster below a million points.
    Dart,
}

impl Peer {
    /// Both, in table order.
    pub const ALL: [Peer; 2] = [Peer::Parental, Peer::Dart];

    /// Criterion function name.
    pub fn id(self) -> &'static str {
        match self {
            Peer::Parental => "faster_poisson_parental",
            Peer::Dart => "faster_poisson_dart",
        }
    }

    /// Name for tables.
    pub fn label(self) -> &'static str {
        match self {
            Peer::Parental => "faster_poisson `Poisson2D`",
            Peer::Dart => "faster_poisson `PoissonDart2D`",
        }
    }
}

/// A radius that varies over the square, as `faster_poisson` takes it.
type RadiusFn = Arc<dyn Fn(&[f64; 2]) -> f64>;

/// A `faster_poisson` sampling of the unit square with minimum distance `r0` at the left
/// edge (and everywhere for a fixed density). For a variable density the radius follows
/// `r0 / sqrt(1 + 3x)` through the crate's `radius_fn`, whose minimum is given as `radius`
/// as its docs require.
pub fn peer_points(peer: Peer, density: Density, r0: f64) -> Vec<[f64; 2]> {
    let (radius, radius_fn): (f64, Option<RadiusFn>) = match density {
        Density::Fixed => (r0, None),
        Density::Variable => (
            r0 / (1.0 + SLOPE).sqrt(),
            Some(Arc::new(move |p: &[f64; 2]| {
                r0 / (1.0 + SLOPE * p[0]).sqrt()
            })),
        ),
    };
    match peer {
        Peer::Parental => Poisson2D::new()
            .dims([1.0, 1.0])
            .radius(radius)
            .radius_fn(radius_fn)
            .seed(Some(SEED))
            .run(),
        Peer::Dart => PoissonDart2D::new()
            .dims([1.0, 1.0])
            .radius(radius)
            .radius_fn(radius_fn)
            .seed(Some(SEED))
            .run(),
    }
}

/// The radius `r0` for which a peer's sampling has about `POINTS` points, so that both
/// sides make the same number of points (found by sampling, outside any timing).
pub fn peer_radius(peer: Peer, density: Density) -> f64 {
    let mut r0 = 0.006 * density.shape(0.0).recip().sqrt();
    for _ in 0..3 {
        let n = peer_points(peer, density, r0).len() as f64;
        r0 *= (n / POINTS).sqrt();
    }
    r0
}

/// Spacing quality: the smallest distance between two points over the spacing of a
/// hexagonal packing of the same number of points, `d_max = sqrt(2 / (√3·N))` on the unit
/// square. With a variable density `d_max` is taken locally at the pair's midpoint, for
/// `N` points spread by the density's shape; for a fixed density that is the textbook
/// ratio. 1 is a perfect hexagonal packing; Poisson-disk samplings reach about 0.75-0.85.
pub fn spacing_quality(points: &[[f64; 2]], density: Density) -> f64 {
    let n = points.len() as f64;
    let d_max = |x: f64| (2.0 / (3f64.sqrt() * n * density.shape(x))).sqrt();
    // No pair farther apart than the largest d_max matters: its ratio is above 1, and the
    // closest pair's is below. Buckets of that size, so only neighbours are compared.
    let cell = d_max(0.0).max(d_max(1.0));
    let side = (1.0 / cell).ceil() as usize + 1;
    let bucket = |p: &[f64; 2]| {
        let i = ((p[0] / cell) as usize).min(side - 1);
        let j = ((p[1] / cell) as usize).min(side - 1);
        (i, j)
    };
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); side * side];
    for (k, p) in points.iter().enumerate() {
        let (i, j) = bucket(p);
        buckets[j * side + i].push(k);
    }
    let mut best = f64::INFINITY;
    for (k, p) in points.iter().enumerate() {
        let (i, j) = bucket(p);
        for nj in j.saturating_sub(1)..=(j + 1).min(side - 1) {
            for ni in i.saturating_sub(1)..=(i + 1).min(side - 1) {
                for &m in &buckets[nj * side + ni] {
                    if m <= k {
                        continue;
                    }
                    let q = &points[m];
                    let d = ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt();
                    best = best.min(d / d_max(0.5 * (p[0] + q[0])));
                }
            }
        }
    }
    best
}

/// How well a sampling follows a variable density: points in the right quarter over points
/// in the left quarter, and what the density asks for (2.64 for 1× → 4×).
pub fn quarter_ratio(points: &[[f64; 2]], density: Density) -> (f64, f64) {
    let left = points.iter().filter(|p| p[0] < 0.25).count() as f64;
    let right = points.iter().filter(|p| p[0] >= 0.75).count() as f64;
    // ∫ shape over [a, b], shape linear: the midpoint rule is exact.
    let wanted = density.shape(0.875) / density.shape(0.125);
    (right / left.max(1.0), wanted)
}

// ---------------------------------------------------------------------------------------
// Rendering: the same antialiased dots on a 1024 × 1024 canvas.
// ---------------------------------------------------------------------------------------

/// Canvas side, pixels.
pub const CANVAS: u32 = 1024;
/// Dots drawn per pass.
pub const DOTS: usize = 100_000;
/// Dot radius, pixels.
pub const DOT_RADIUS: f32 = 1.5;
/// Dot opacity (translucent, so that every covered pixel is blended, not just stored).
pub const DOT_OPACITY: f32 = 0.85;
/// Dot colour, linear light (tiny-skia gets its sRGB bytes).
pub const DOT_COLOUR: LinearRgb = LinearRgb::new(0.02, 0.018, 0.017);
/// The background.
pub const BACKGROUND: LinearRgb = LinearRgb::new(0.6, 0.45, 0.38);

fn skia_colour(colour: LinearRgb, alpha: f32) -> tiny_skia::Color {
    let srgb = colour.to_srgb();
    tiny_skia::Color::from_rgba8(srgb.r, srgb.g, srgb.b, (alpha * 255.0).round() as u8)
}

/// Dot centres at random sub-pixel positions over the whole canvas.
pub fn dot_centres() -> Vec<(f32, f32)> {
    let mut rng = Rng::new(SEED, 1);
    let side = CANVAS as f32;
    (0..DOTS)
        .map(|_| (rng.range(0.0, side), rng.range(0.0, side)))
        .collect()
}

/// Our dots: crisp antialiased discs blended over the canvas.
pub fn smp_dots(centres: &[(f32, f32)]) -> Vec<Dot> {
    centres
        .iter()
        .map(|&(x, y)| {
            Dot::new(x, y, DOT_RADIUS, DOT_COLOUR)
                .with_opacity(DOT_OPACITY)
                .with_blend(Blend::Over)
        })
        .collect()
}

/// Our canvas.
pub fn smp_canvas() -> Canvas {
    Canvas::new(CANVAS, CANVAS, BACKGROUND).expect("a 1024 px canvas")
}

/// The same dots as tiny-skia circle paths (built once: only filling is timed).
pub fn skia_paths(centres: &[(f32, f32)]) -> Vec<tiny_skia::Path> {
    centres
        .iter()
        .map(|&(x, y)| tiny_skia::PathBuilder::from_circle(x, y, DOT_RADIUS).expect("a circle"))
        .collect()
}

/// The tiny-skia pixmap, filled with the background.
pub fn skia_pixmap() -> tiny_skia::Pixmap {
    let mut pixmap = tiny_skia::Pixmap::new(CANVAS, CANVAS).expect("a 1024 px pixmap");
    pixmap.fill(skia_colour(BACKGROUND, 1.0));
    pixmap
}

/// The tiny-skia paint: the dot colour, antialiased, source-over (its defaults otherwise).
pub fn skia_paint() -> tiny_skia::Paint<'static> {
    let mut paint = tiny_skia::Paint::default();
    paint.set_color(skia_colour(DOT_COLOUR, DOT_OPACITY));
    paint.anti_alias = true;
    paint
}

/// Fills every path on the pixmap.
pub fn skia_draw(
    pixmap: &mut tiny_skia::Pixmap,
    paths: &[tiny_skia::Path],
    paint: &tiny_skia::Paint,
) {
    for path in paths {
        pixmap.fill_path(
            path,
            paint,
            tiny_skia::FillRule::Winding,
            tiny_skia::Transform::identity(),
            None,
        );
    }
}

// ---------------------------------------------------------------------------------------
// A whole design.
// ---------------------------------------------------------------------------------------

/// Picture side, pixels.
pub const PICTURE: u32 = 1024;

/// Norwood 7, modern hairline, 3 sessions, the command line's defaults otherwise.
pub fn norwood7_params() -> DesignParams {
    let pattern = LossPattern::parse("norwood-7").expect("a known pattern");
    let params = DesignParams::new(pattern, HairlineStyle::Modern);
    assert_eq!(params.sessions, 3);
    params
}

/// After session 3, just healed.
pub fn healed_after_3() -> Moment {
    Moment {
        after_session: 3,
        stage: Stage::healed(0.0).expect("a valid stage"),
    }
}

/// The top view of a design, 1024 px.
pub fn render_top(design: &Design) -> Result<Canvas, DesignError> {
    render(design, View::Top, PICTURE, healed_after_3())
}

// ---------------------------------------------------------------------------------------
// Where criterion keeps its figures.
// ---------------------------------------------------------------------------------------

/// Criterion's output folder, found as criterion finds it: `$CRITERION_HOME`, else
/// `$CARGO_TARGET_DIR/criterion`, else the workspace's `target/criterion`.
pub fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/criterion")
}
