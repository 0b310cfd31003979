//! The studio on a client's own photo: dots placed in the area the practitioner drew, with
//! the hairline they drew, at the photo's calibrated scale, then drawn into the photo as
//! pigment under that skin.
//!
//! The photo is a chart of the skin at its calibrated scale (millimetres per pixel). Without
//! the head's outline it is taken as flat: a density in dots per cm² is per cm² of photo at
//! that scale. With the outline ([`PhotoPlan::head`], [`HeadOutline`]) the scalp is a dome
//! under the photo: dots keep their spacing on the skin, measured in 3D, and a cm² of skin
//! gets its dots wherever it is, so where the scalp turns away from the camera the dots
//! crowd together on the photo and each covers less of it, as they would on the client's
//! head. The hairline's transition depth is measured on the skin too.
//!
//! Density is the finished density inside the area and the scars (their edges softened
//! over a millimetre), [`EXISTING_HAIR_SHARE`] of it where hair remains (eased in over
//! 3 mm), nothing within a mole (plus a margin), and behind the hairline a transition zone
//! [`PhotoPlan::transition_mm`] deep where it ramps up from [`HAIRLINE_SHARE`] of the
//! density at the line to all of it. Sessions layer as on the synthetic head: session 1
//! lays the foundation with its hairline set back, each later one fills gaps
//! ([`Sampler::add_level`]).

use crate::appearance::{dot_look, Uv};
use crate::color::LinearRgb;
use crate::design::session_fractions;
use crate::dome::{Dome, HeadOutline};
use crate::error::DesignError;
use crate::field::Sample;
use crate::geometry::{ChartPoint, Rng, Vec3};
use crate::node_grid::{polyline_closest_on_grid, NodeGrid};
use crate::pigment::{PigmentPlan, SkinTone};
use crate::render::Canvas;
use crate::sampler::{Domain, PlacedDot, Sampler};
use crate::shape::{bounding_box, smoothstep, SoftPolygon};
use crate::views::Moment;

/// Step of the grid on which a domed plan's treated skin is summed, mm.
const AREA_STEP_MM: f32 = 1.0;

/// Share of the finished density right at the drawn hairline; it ramps up to all of it
/// over the transition zone behind the line.
pub const HAIRLINE_SHARE: f32 = 0.3;
/// Share of the finished density placed between the hairs where hair remains: the hair
/// itself gives the rest of the look (DOMAIN.md: density added between existing hair).
pub const EXISTING_HAIR_SHARE: f32 = 0.5;
/// Width of the soft edge of the drawn area, mm.
const AREA_EDGE_MM: f32 = 1.0;
/// Width over which density eases into a patch of remaining hair, mm.
const HAIR_EDGE_MM: f32 = 3.0;
/// How far dots keep from a marked mole's edge, mm.
const MOLE_MARGIN_MM: f32 = 1.0;
/// Step of the grid on which the expected dot count is integrated, mm.
const INTEGRATION_STEP_MM: f32 = 0.5;
/// Spacing of the points sampling starts from, mm.
const SEED_STEP_MM: f32 = 6.0;
/// How far behind the hairline its depth is measured, mm: past the deepest transition zone
/// (20 mm) set back by the most a foundation may be (10 mm), with a margin of more than a
/// grid cell's diagonal, so that every grid cell farther back reads a full ramp.
const DEPTH_REACH_MM: f32 = 32.0;

/// What the practitioner drew on one photo, in the photo's pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoPlan {
    /// The photo's width, pixels.
    pub width: u32,
    /// The photo's height, pixels.
    pub height: u32,
    /// Millimetres of skin per pixel, from the calibration.
    pub mm_per_px: f32,
    /// The treatment area: its corners, in order.
    pub area: Vec<(f32, f32)>,
    /// The hairline drawn along the area's front edge (empty: no hairline, as for a crown).
    pub hairline: Vec<(f32, f32)>,
    /// Moles: centre and radius, pixels. No dot goes on or near one.
    pub moles: Vec<(f32, f32, f32)>,
    /// Scars to camouflage, each a polygon: treated like the area (dots go into them even
    /// where they reach past the area).
    pub scars: Vec<Vec<(f32, f32)>>,
    /// Where hair remains, each a polygon: dots go between the hairs there at
    /// [`EXISTING_HAIR_SHARE`] of the density.
    pub hair: Vec<Vec<(f32, f32)>>,
    /// Depth of the transition zone behind the hairline, mm (5-10).
    pub transition_mm: f32,
    /// The head's outline on the photo, for its curvature; `None` takes the photo as flat.
    pub head: Option<HeadOutline>,
}

impl PhotoPlan {
    /// Checks every part, naming the first bad one.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`].
    pub fn validate(&self) -> Result<(), DesignError> {
        DesignError::check_range("mm-per-px", self.mm_per_px, 0.01, 5.0, " mm")?;
        DesignError::check_range("transition", self.transition_mm, 0.0, 20.0, " mm")?;
        if self.area.len() < 3 {
            return Err(DesignError::invalid(
                "area",
                format!("needs at least 3 corners, got {}", self.area.len()),
            ));
        }
        let (w, h) = (self.width as f32, self.height as f32);
        let on_photo = |&(x, y): &(f32, f32)| {
            x.is_finite() && y.is_finite() && (0.0..=w).contains(&x) && (0.0..=h).contains(&y)
        };
        let off_photo = |name: &'static str, which: String, i: usize| {
            DesignError::invalid(
                name,
                format!(
                    "{which}point {} is not on the {}×{} photo",
                    i + 1,
                    self.width,
                    self.height
                ),
            )
        };
        for (name, points) in [("area", &self.area), ("hairline", &self.hairline)] {
            if let Some(i) = points.iter().position(|p| !on_photo(p)) {
                return Err(off_photo(name, String::new(), i));
            }
        }
        for (name, polygons) in [("scars", &self.scars), ("existing-hair", &self.hair)] {
            for (k, polygon) in polygons.iter().enumerate() {
                if polygon.len() < 3 {
                    return Err(DesignError::invalid(
                        name,
                        format!(
                            "polygon {} needs at least 3 corners, got {}",
                            k + 1,
                            polygon.len()
                        ),
                    ));
                }
                if let Some(i) = polygon.iter().position(|p| !on_photo(p)) {
                    return Err(off_photo(name, format!("polygon {}, ", k + 1), i));
                }
            }
        }
        if let Some(i) = self
            .moles
            .iter()
            .position(|&(x, y, r)| !(on_photo(&(x, y)) && r.is_finite() && r > 0.0))
        {
            return Err(DesignError::invalid(
                "moles",
                format!(
                    "mole {} is not a point on the photo with a positive radius",
                    i + 1
                ),
            ));
        }
        if let Some(head) = &self.head {
            head.validate(self.width, self.height)?;
        }
        Ok(())
    }

    /// The treated skin in cm²: the area plus the scars (each counted whole; overlaps are
    /// counted twice). On a flat photo by the shoelace formula at the calibrated scale; with
    /// the head's outline, summed on a 1 mm grid with each cell's photo area divided by how
    /// squarely the skin there faces the camera.
    pub fn treated_cm2(&self) -> f32 {
        if let Some(head) = &self.head {
            let dome = Dome::new(head, self.mm_per_px);
            let mm2: f32 = std::iter::once(&self.area)
                .chain(&self.scars)
                .map(|polygon| self.skin_mm2(&dome, polygon))
                .sum();
            return mm2 / 100.0;
        }
        let shoelace = |points: &[(f32, f32)]| -> f32 {
            let n = points.len();
            let twice: f32 = (0..n)
                .map(|i| {
                    let (a, b) = (points[i], points[(i + 1) % n]);
                    a.0 * b.1 - b.0 * a.1
                })
                .sum();
            0.5 * twice.abs()
        };
        let pixels: f32 =
            shoelace(&self.area) + self.scars.iter().map(|s| shoelace(s)).sum::<f32>();
        pixels * self.mm_per_px * self.mm_per_px / 100.0
    }

    /// The skin under one drawn polygon on the dome, mm²: the cells of a grid of
    /// [`AREA_STEP_MM`] whose centres are inside it.
    fn skin_mm2(&self, dome: &Dome, polygon: &[(f32, f32)]) -> f32 {
        let shape = self.polygon_mm(polygon, 0.0);
        let Some((lo, hi)) = bounding_box(&shape.points) else {
            return 0.0;
        };
        let step = AREA_STEP_MM;
        let count = |size: f32| (size / step - 0.5).ceil().max(0.0) as usize;
        let cells = NodeGrid {
            origin: ChartPoint::new(lo.x + step / 2.0, lo.y + step / 2.0),
            step,
            nx: count(hi.x - lo.x),
            ny: count(hi.y - lo.y),
        };
        let inside = shape.inside_on_grid(&cells);
        let mut sum = 0.0;
        for j in 0..cells.ny {
            for i in 0..cells.nx {
                if inside[j * cells.nx + i] >= 0.5 {
                    sum += step * step / dome.facing(cells.node(i, j));
                }
            }
        }
        sum
    }

    /// Where the chart's origin is on the photo, mm from its top left corner: the head's
    /// centre when its outline is given (the dome's axis), else the corner itself.
    fn chart_origin(&self) -> ChartPoint {
        self.head.map_or(ChartPoint::new(0.0, 0.0), |head| {
            ChartPoint::new(
                head.centre.0 * self.mm_per_px,
                head.centre.1 * self.mm_per_px,
            )
        })
    }

    fn to_mm(&self, &(x, y): &(f32, f32)) -> ChartPoint {
        let origin = self.chart_origin();
        ChartPoint::new(x * self.mm_per_px - origin.x, y * self.mm_per_px - origin.y)
    }

    /// A chart point back in photo pixels.
    fn to_px(&self, p: ChartPoint) -> (f32, f32) {
        let origin = self.chart_origin();
        (
            (p.x + origin.x) / self.mm_per_px,
            (p.y + origin.y) / self.mm_per_px,
        )
    }

    fn polygon_mm(&self, points: &[(f32, f32)], edge: f32) -> SoftPolygon {
        SoftPolygon {
            points: points.iter().map(|p| self.to_mm(p)).collect(),
            edge,
        }
    }
}

/// The photo's skin as a sampling domain, in millimetres.
struct PhotoField {
    area: SoftPolygon,
    scars: Vec<SoftPolygon>,
    hair: Vec<SoftPolygon>,
    hairline: Vec<ChartPoint>,
    moles: Vec<(ChartPoint, f32)>,
    density: f32,
    transition: f32,
    origin: ChartPoint,
    size: ChartPoint,
    grid: FieldGrid,
    /// The scalp's curvature, when the head's outline is given.
    dome: Option<Dome>,
    /// The least [`Dome::facing`] where the field places dots (1 on a flat photo).
    least_facing: f32,
}

/// The field's slow parts (inside the area, scars and hair; distance behind the hairline)
/// computed once on a grid of [`INTEGRATION_STEP_MM`] and read back bilinearly: the
/// sampler asks about hundreds of thousands of candidates, each of which would otherwise
/// walk every edge of every drawn shape.
#[derive(Default)]
struct FieldGrid {
    /// Where the nodes are.
    nodes: NodeGrid,
    /// Finished density at each node, 0 outside; row by row.
    base: Vec<f32>,
    /// Depth behind the hairline at each node, mm.
    depth: Vec<f32>,
}

impl PhotoField {
    fn new(plan: &PhotoPlan, density: f32) -> PhotoField {
        let area = plan.polygon_mm(&plan.area, AREA_EDGE_MM);
        let scars: Vec<SoftPolygon> = plan
            .scars
            .iter()
            .map(|s| plan.polygon_mm(s, AREA_EDGE_MM))
            .collect();
        // A validated plan's area has corners.
        let (lo, hi) = bounding_box(
            area.points
                .iter()
                .chain(scars.iter().flat_map(|s| &s.points)),
        )
        .unwrap_or_default();
        PhotoField {
            area,
            scars,
            hair: plan
                .hair
                .iter()
                .map(|h| plan.polygon_mm(h, HAIR_EDGE_MM))
                .collect(),
            hairline: plan.hairline.iter().map(|p| plan.to_mm(p)).collect(),
            moles: plan
                .moles
                .iter()
                .map(|&(x, y, r)| (plan.to_mm(&(x, y)), r * plan.mm_per_px + MOLE_MARGIN_MM))
                .collect(),
            density,
            transition: plan.transition_mm,
            origin: lo,
            size: ChartPoint::new(hi.x - lo.x, hi.y - lo.y),
            grid: FieldGrid::default(),
            dome: plan.head.map(|head| Dome::new(&head, plan.mm_per_px)),
            least_facing: 1.0,
        }
        .with_grid()
    }

    /// The field with its grid filled in: nodes every [`INTEGRATION_STEP_MM`] from the
    /// origin, one past each edge.
    fn with_grid(mut self) -> PhotoField {
        let step = INTEGRATION_STEP_MM;
        let nodes = NodeGrid {
            origin: self.origin,
            step,
            nx: (self.size.x / step).ceil() as usize + 2,
            ny: (self.size.y / step).ceil() as usize + 2,
        };
        // The finished density from the drawn shapes: inside the area or a scar, less
        // where hair remains.
        let most = |shapes: &[SoftPolygon], start: Vec<f32>| {
            shapes.iter().fold(start, |mut most, shape| {
                let values = shape.inside_on_grid(&nodes);
                most.iter_mut().zip(values).for_each(|(m, v)| *m = m.max(v));
                most
            })
        };
        let inside = most(&self.scars, self.area.inside_on_grid(&nodes));
        let hair = most(&self.hair, vec![0.0; nodes.len()]);
        let base: Vec<f32> = inside
            .iter()
            .zip(&hair)
            .map(|(&inside, &hair)| {
                self.density * inside * (1.0 - (1.0 - EXISTING_HAIR_SHARE) * hair)
            })
            .collect();
        // Depth behind the hairline, on the skin; past its reach the ramp is full anyway.
        let closest = polyline_closest_on_grid(&self.hairline, &nodes, DEPTH_REACH_MM);
        let mut least_facing = 1.0f32;
        let mut depth = Vec::with_capacity(nodes.len());
        for j in 0..nodes.ny {
            for i in 0..nodes.nx {
                let k = j * nodes.nx + i;
                let p = nodes.node(i, j);
                let node_depth = match (&self.dome, closest[k]) {
                    (_, None) => DEPTH_REACH_MM,
                    (Some(dome), Some(q)) => dome.chord(p, q),
                    (None, Some(q)) => p.distance(q),
                };
                if base[k] > 0.0 {
                    if let Some(dome) = &self.dome {
                        least_facing = least_facing.min(dome.facing(p));
                    }
                }
                depth.push(node_depth.min(DEPTH_REACH_MM));
            }
        }
        // Between nodes the skin may turn a little further: a margin, never below the
        // dome's own least.
        self.least_facing = if self.dome.is_some() {
            (0.9 * least_facing).max(Dome::least_facing())
        } else {
            1.0
        };
        self.grid = FieldGrid { nodes, base, depth };
        self
    }

    /// Bilinear reading of the grid at a point: (finished density, depth).
    fn read_grid(&self, p: ChartPoint) -> (f32, f32) {
        let (g, nx) = (&self.grid, self.grid.nodes.nx);
        let fx = ((p.x - g.nodes.origin.x) / g.nodes.step).max(0.0);
        let fy = ((p.y - g.nodes.origin.y) / g.nodes.step).max(0.0);
        let i = (fx as usize).min(nx - 2);
        let j = (fy as usize).min(g.nodes.ny - 2);
        let (tx, ty) = ((fx - i as f32).min(1.0), (fy - j as f32).min(1.0));
        let at = |values: &[f32]| {
            let k = j * nx + i;
            let top = values[k] + (values[k + 1] - values[k]) * tx;
            let bottom = values[k + nx] + (values[k + nx + 1] - values[k + nx]) * tx;
            top + (bottom - top) * ty
        };
        (at(&g.base), at(&g.depth))
    }

    /// The finished density where the hairline ramp is `depth` mm behind the line.
    fn ramp(&self, depth: f32) -> f32 {
        if depth < 0.0 {
            0.0
        } else if self.transition <= 0.0 {
            1.0
        } else {
            HAIRLINE_SHARE + (1.0 - HAIRLINE_SHARE) * smoothstep(0.0, self.transition, depth)
        }
    }
}

impl Domain for PhotoField {
    fn bounds(&self) -> (ChartPoint, ChartPoint) {
        (self.origin, self.size)
    }

    fn sample(&self, p: ChartPoint) -> Option<Sample> {
        let (base, depth) = self.read_grid(p);
        if base <= 1.0e-6 || self.moles.iter().any(|(c, r)| p.distance(*c) < *r) {
            return None;
        }
        let (pos, radial) = match &self.dome {
            Some(dome) => dome.at(p),
            None => (Vec3::new(p.x, p.y, 0.0), 1.0),
        };
        Some(Sample {
            pos,
            base,
            depth,
            stretch: 1.0,
            radial,
            zone: 0,
        })
    }

    fn level_density(&self, s: &Sample, fraction: f32, shift: f32) -> f32 {
        fraction * s.base * self.ramp(s.depth - shift)
    }

    fn expected_count(&self, fraction: f32, shift: f32) -> f64 {
        let step = INTEGRATION_STEP_MM;
        let (nx, ny) = (
            (self.size.x / step).ceil() as usize,
            (self.size.y / step).ceil() as usize,
        );
        let mut sum = 0.0f64;
        for j in 0..ny {
            for i in 0..nx {
                let p = ChartPoint::new(
                    self.origin.x + (i as f32 + 0.5) * step,
                    self.origin.y + (j as f32 + 0.5) * step,
                );
                if let Some(s) = self.sample(p) {
                    // A chart cell holds 1 / facing of its own area of skin.
                    sum += f64::from(self.level_density(&s, fraction, shift) / s.radial);
                }
            }
        }
        sum * f64::from(step * step)
    }

    fn chart_scale_within(&self, p: ChartPoint, radius: f32) -> f32 {
        self.dome.map_or(1.0, |dome| {
            dome.least_facing_within(p, radius).max(self.least_facing)
        })
    }

    fn seeds(&self) -> Vec<ChartPoint> {
        let mut out = Vec::new();
        let mut y = self.origin.y + SEED_STEP_MM / 2.0;
        while y < self.origin.y + self.size.y {
            let mut x = self.origin.x + SEED_STEP_MM / 2.0;
            while x < self.origin.x + self.size.x {
                let p = ChartPoint::new(x, y);
                if self.sample(p).is_some() {
                    out.push(p);
                }
                x += SEED_STEP_MM;
            }
            y += SEED_STEP_MM;
        }
        out
    }
}

/// One dot on the photo.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PhotoDot {
    /// Centre, photo pixels from the left.
    pub x: f32,
    /// Centre, photo pixels from the top.
    pub y: f32,
    /// Diameter, mm.
    pub d: f32,
    /// The session (1-based) that places it.
    pub session: u8,
    /// How squarely the skin under it faces the camera (1 on a flat photo): the dot covers
    /// this share of its own area on the photo.
    pub facing: f32,
}

impl PhotoDot {
    /// The radius of a round dot of the same area as this one seen on the photo, pixels,
    /// for a dot `size_factor` times its diameter on a photo of `mm_per_px`. (Seen at a
    /// slant a dot is an ellipse; at one or two pixels across, its area is what shows.)
    pub fn radius_px(&self, size_factor: f32, mm_per_px: f32) -> f32 {
        0.5 * self.d * size_factor * self.facing.sqrt() / mm_per_px
    }
}

/// The dots of a plan: `sessions` (1-4) sessions reaching `density_per_cm2`, session 1's
/// hairline `foundation_setback` mm back, dots of `dot_diameter` mm (±0.025), from `seed`.
///
/// # Errors
/// [`DesignError::InvalidParameter`] naming a bad part of the plan or parameter.
pub fn place_on_photo(
    plan: &PhotoPlan,
    sessions: u32,
    density_per_cm2: f32,
    foundation_setback: f32,
    dot_diameter: f32,
    seed: u64,
) -> Result<Vec<PhotoDot>, DesignError> {
    plan.validate()?;
    if !(1..=4).contains(&sessions) {
        return Err(DesignError::invalid(
            "sessions",
            format!("must be between 1 and 4, got {sessions}"),
        ));
    }
    DesignError::check_range("density", density_per_cm2, 20.0, 140.0, "")?;
    DesignError::check_range("foundation-setback", foundation_setback, 0.0, 10.0, " mm")?;
    DesignError::check_range("dot-diameter", dot_diameter, 0.15, 0.5, " mm")?;
    let density = density_per_cm2 / 100.0;
    let field = PhotoField::new(plan, density);
    let mut sampler = Sampler::new(&field, density, seed);
    for (k, fraction) in session_fractions(sessions).into_iter().enumerate() {
        let session = k as u32 + 1;
        let shift = if session == 1 && sessions > 1 {
            foundation_setback
        } else {
            0.0
        };
        sampler.add_level(session as u8, fraction, shift);
    }
    let mut rng = Rng::new(seed, 31);
    Ok(sampler
        .into_dots()
        .into_iter()
        .map(|PlacedDot { chart, session, .. }| {
            let (x, y) = plan.to_px(chart);
            PhotoDot {
                x,
                y,
                d: dot_diameter + rng.range(-0.025, 0.025),
                session,
                facing: field.dome.map_or(1.0, |dome| dome.facing(chart)),
            }
        })
        .collect())
}

/// The skin's colour inside the drawn area of a photo: the mean, in linear light, of every
/// fourth pixel each way inside it, or `None` when none is.
pub fn sample_skin(photo: &Canvas, plan: &PhotoPlan) -> Option<SkinTone> {
    let area = SoftPolygon {
        points: plan
            .area
            .iter()
            .map(|&(x, y)| ChartPoint::new(x, y))
            .collect(),
        edge: 0.0,
    };
    // Only the area's bounding box can hold samples; start on the same every-fourth grid.
    let (lo, hi) = bounding_box(&area.points)?;
    let first = |v: f32| (v.max(0.0) as u32) / 4 * 4;
    let last = |v: f32, size: u32| (v.max(0.0).ceil() as u32 + 1).min(size);
    let (x0, y0) = (first(lo.x), first(lo.y));
    let count = |from: u32, to: u32| to.saturating_sub(from).div_ceil(4) as usize;
    let pixels = NodeGrid {
        origin: ChartPoint::new(x0 as f32 + 0.5, y0 as f32 + 0.5),
        step: 4.0,
        nx: count(x0, last(hi.x, photo.width())),
        ny: count(y0, last(hi.y, photo.height())),
    };
    let inside = area.inside_on_grid(&pixels);
    let (mut sum, mut n) = (LinearRgb::grey(0.0), 0u32);
    for j in 0..pixels.ny {
        for i in 0..pixels.nx {
            if inside[j * pixels.nx + i] < 0.5 {
                continue;
            }
            let (x, y) = (x0 + 4 * i as u32, y0 + 4 * j as u32);
            if let Some(px) = photo.pixel(x, y) {
                sum = LinearRgb::new(sum.r + px.r, sum.g + px.g, sum.b + px.b);
                n += 1;
            }
        }
    }
    (n > 0).then(|| SkinTone::from_srgb(sum.scale(1.0 / n as f32).to_srgb()))
}

/// How a photo's dots look: the pigment plan, the client's skin and sun.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoInk {
    /// The pigment per session.
    pub pigment: PigmentPlan,
    /// The client's skin (from the photo, [`sample_skin`], or as recorded).
    pub skin: SkinTone,
    /// The client's sun exposure.
    pub uv: Uv,
}

/// Draws the dots of sessions 1..=`moment.after_session` into a copy of the photo as
/// pigment under its skin at `moment.stage`: each dot multiplies the skin by its session's
/// transmittance ([`Blend::Multiply`](crate::Blend::Multiply), so it is darker on lighter
/// skin and never a pasted-on disc), fresh dots with their redness around them.
pub fn draw_on_photo(
    photo: &Canvas,
    plan: &PhotoPlan,
    dots: &[PhotoDot],
    ink: &PhotoInk,
    moment: Moment,
) -> Canvas {
    let looks: Vec<_> = ink
        .pigment
        .sessions
        .iter()
        .map(|shade| dot_look(shade, &ink.skin, moment.stage, ink.uv))
        .collect();
    let mut halos = Vec::new();
    let mut drawn = Vec::with_capacity(dots.len());
    for dot in dots
        .iter()
        .filter(|d| u32::from(d.session) <= moment.after_session)
    {
        let Some(look) = looks.get(usize::from(dot.session).saturating_sub(1)) else {
            continue;
        };
        let radius = dot.radius_px(look.size_factor, plan.mm_per_px);
        let (dot, halo) = look.dots_at(dot.x, dot.y, radius);
        drawn.push(dot);
        halos.extend(halo);
    }
    let mut canvas = photo.clone();
    canvas.draw_dots(&halos);
    canvas.draw_dots(&drawn);
    canvas
}
