//! Pictures of a design: top, front and life-size close-up views of a synthetic head, at
//! any stage (after session k, fresh or healed, years later).
//!
//! The head is the design's ellipsoid, shaded with soft light from above and in front, in
//! the client's skin colour. The client's own hair is drawn as buzzed follicles in their
//! hair colour; SMP dots are pigment under the skin: each multiplies the skin's light by
//! its transmittance ([`Blend::Multiply`]), so a dot is darker on light skin than on dark
//! skin and never a pasted-on disc. Everything is computed in linear light.

use serde::Serialize;

use crate::appearance::{dot_look, Stage};
use crate::color::LinearRgb;
use crate::design::Design;
use crate::error::DesignError;
use crate::geometry::{ChartPoint, Rng, Vec3};
use crate::render::{Canvas, Dot, Lattice};

/// Which picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum View {
    /// Looking down on the head, face at the top of the picture.
    Top,
    /// Facing the client, from a little above the brow.
    Front,
    /// From behind and a little above: the crown, the back and any strip scar.
    Back,
    /// A 30 mm square of skin behind the front hairline, life size at 34 px/mm for 1024 px.
    Closeup,
}

/// Side of the close-up patch, mm.
pub const CLOSEUP_MM: f32 = 30.0;
/// Largest picture side, pixels.
pub const MAX_SIZE: u32 = 8192;
/// Smallest picture side, pixels.
pub const MIN_SIZE: u32 = 64;

/// The background around the head.
const BACKDROP: LinearRgb = LinearRgb::new(0.045, 0.05, 0.06);
/// Apparent diameter of a follicular unit of hair buzzed to the root (1-4 shaft ends),
/// mm: about an SMP dot, which is what lets SMP blend into it.
const FOLLICLE_MM: f32 = 0.3;
/// Natural follicle density where all hair remains, per mm² (about 100/cm²).
const FOLLICLES_PER_MM2: f32 = 1.0;

/// What stage of the treatment to show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moment {
    /// Show the dots of sessions 1 to this one.
    pub after_session: u32,
    /// Fresh (days after the last session) or healed (years after).
    pub stage: Stage,
}

/// Checks a picture side before any work is done for it.
///
/// # Errors
/// [`DesignError::InvalidParameter`] for `size` outside 64-8192 pixels.
pub fn check_size(size: u32) -> Result<(), DesignError> {
    if (MIN_SIZE..=MAX_SIZE).contains(&size) {
        Ok(())
    } else {
        Err(DesignError::invalid(
            "size",
            format!("must be between {MIN_SIZE} and {MAX_SIZE} pixels, got {size}"),
        ))
    }
}

/// Renders a view of a design at a moment, `size` pixels square.
///
/// # Errors
/// [`DesignError::InvalidParameter`] for `size` outside 64-8192 or a session the design
/// does not have.
pub fn render(
    design: &Design,
    view: View,
    size: u32,
    moment: Moment,
) -> Result<Canvas, DesignError> {
    check_size(size)?;
    if moment.after_session == 0 || moment.after_session > design.params.sessions {
        return Err(DesignError::invalid(
            "session",
            format!(
                "the design has sessions 1 to {}, not {}",
                design.params.sessions, moment.after_session
            ),
        ));
    }
    let projection = Projection::new(design, view, size);
    let skin = design.params.skin.linear();
    let mut canvas = Canvas::new(size, size, BACKDROP)?;
    shade_skin(&mut canvas, &projection, skin);
    draw_scars(&mut canvas, design, &projection, skin);
    draw_smp(&mut canvas, design, &projection, moment);
    draw_hair(&mut canvas, design, &projection);
    Ok(canvas)
}

/// Where a point of the head lands in the picture: an orthographic camera for the top and
/// front views, the flat chart for the close-up.
struct Projection {
    view: View,
    /// Pixels per millimetre.
    scale: f32,
    size: f32,
    /// Unit vector from the head towards the camera.
    toward: Vec3,
    /// The picture's right and up directions on the head.
    right: Vec3,
    up: Vec3,
    /// Where the head's centre lands, pixels.
    centre_px: (f32, f32),
    /// Close-up: the chart point at the picture's centre.
    centre: ChartPoint,
    /// 1 / semi-axis² per axis, for the ellipsoid's equation.
    inverse_squares: Vec3,
}

/// How far above the horizon the front and back views look from, degrees: enough to see
/// the hairline (or the crown) and the top.
const ELEVATION: f32 = 35.0;

impl Projection {
    fn new(design: &Design, view: View, size: u32) -> Projection {
        let head = design.params.head;
        let semi = Vec3::new(head.width / 2.0, head.length / 2.0, head.height);
        let size = size as f32;
        let (sin, cos) = ELEVATION.to_radians().sin_cos();
        let (scale, toward, right, up, centre_px) = match view {
            View::Front => (
                size / (head.height.max(head.length / 2.0) * 2.3),
                Vec3::new(0.0, cos, sin),
                // Facing the client, their right is on the picture's left.
                Vec3::new(-1.0, 0.0, 0.0),
                Vec3::new(0.0, -sin, cos),
                (size / 2.0, size * 0.62),
            ),
            View::Back => (
                size / (head.height.max(head.length / 2.0) * 2.3),
                Vec3::new(0.0, -cos, sin),
                // From behind, the client's right is on the picture's right.
                Vec3::new(1.0, 0.0, 0.0),
                Vec3::new(0.0, sin, cos),
                (size / 2.0, size * 0.55),
            ),
            _ => (
                size / (head.length * 1.08),
                Vec3::new(0.0, 0.0, 1.0),
                Vec3::new(1.0, 0.0, 0.0),
                Vec3::new(0.0, 1.0, 0.0),
                (size / 2.0, size / 2.0),
            ),
        };
        let (scale, centre) = match view {
            View::Closeup => {
                let hairline = design.scalp.midline_hairline();
                (
                    size / CLOSEUP_MM,
                    ChartPoint::new(0.0, hairline.y - CLOSEUP_MM * 0.3),
                )
            }
            _ => (scale, ChartPoint::default()),
        };
        let inverse_squares = Vec3::new(
            1.0 / (semi.x * semi.x),
            1.0 / (semi.y * semi.y),
            1.0 / (semi.z * semi.z),
        );
        Projection {
            view,
            scale,
            size,
            toward,
            right,
            up,
            centre_px,
            centre,
            inverse_squares,
        }
    }

    /// The picture position of a surface point, or `None` when it faces away.
    fn place(&self, pos: Vec3, chart: ChartPoint) -> Option<(f32, f32)> {
        if self.view == View::Closeup {
            let half = self.size / 2.0;
            return Some((
                half + (chart.x - self.centre.x) * self.scale,
                half - (chart.y - self.centre.y) * self.scale,
            ));
        }
        (self.facing(pos) > 0.0).then(|| {
            (
                self.centre_px.0 + pos.dot(self.right) * self.scale,
                self.centre_px.1 - pos.dot(self.up) * self.scale,
            )
        })
    }

    /// How much a surface point's skin faces the camera (1 facing it, 0 edge-on).
    fn facing(&self, pos: Vec3) -> f32 {
        match self.view {
            View::Closeup => 1.0,
            _ => self.normal(pos).dot(self.toward),
        }
    }

    fn normal(&self, pos: Vec3) -> Vec3 {
        let k = self.inverse_squares;
        let n = Vec3::new(pos.x * k.x, pos.y * k.y, pos.z * k.z);
        let len = n.length().max(1e-9);
        Vec3::new(n.x / len, n.y / len, n.z / len)
    }

    /// The lit skin colour at a pixel, or `None` off the head.
    fn shade(&self, x: f32, y: f32, skin: LinearRgb) -> Option<LinearRgb> {
        if self.view == View::Closeup {
            return Some(skin.scale(0.92));
        }
        // The camera's ray through the pixel meets the ellipsoid where a quadratic is zero.
        let a = (x - self.centre_px.0) / self.scale;
        let b = -(y - self.centre_px.1) / self.scale;
        let origin = Vec3::new(
            a * self.right.x + b * self.up.x,
            a * self.right.y + b * self.up.y,
            a * self.right.z + b * self.up.z,
        );
        let d = self.toward;
        let k = self.inverse_squares;
        let qa = d.x * d.x * k.x + d.y * d.y * k.y + d.z * d.z * k.z;
        let qb = 2.0 * (origin.x * d.x * k.x + origin.y * d.y * k.y + origin.z * d.z * k.z);
        let qc =
            origin.x * origin.x * k.x + origin.y * origin.y * k.y + origin.z * origin.z * k.z - 1.0;
        let disc = qb * qb - 4.0 * qa * qc;
        if disc < 0.0 {
            return None;
        }
        let t = (-qb + disc.sqrt()) / (2.0 * qa);
        let pos = Vec3::new(origin.x + t * d.x, origin.y + t * d.y, origin.z + t * d.z);
        let n = self.normal(pos);
        // Soft key light from above and in front, plus ambient.
        let light = Vec3::new(-0.25, 0.45, 0.86);
        let lambert = n.dot(light).max(0.0);
        Some(skin.scale(0.25 + 0.75 * lambert))
    }
}

/// Lattice spacing, in pixels, at which the skin's shading is computed exactly; it varies
/// slowly, so pixels between are interpolated, except along the head's outline.
const SHADING_STEP: usize = 4;

/// Fills the canvas with the lit skin and the backdrop around the head.
fn shade_skin(canvas: &mut Canvas, projection: &Projection, skin: LinearRgb) {
    let lattice = Lattice::new(canvas.width(), canvas.height(), SHADING_STEP, |x, y| {
        projection.shade(x, y, skin)
    });
    // Along the outline, every pixel is worked out from four samples, so the head's edge
    // is antialiased; well off the head the canvas keeps its backdrop.
    canvas.fill_lattice(&lattice, |x, y| {
        let sample = |dx: f32, dy: f32| projection.shade(x + dx, y + dy, skin).unwrap_or(BACKDROP);
        let (a, b) = (sample(-0.25, -0.25), sample(0.25, -0.25));
        let (c, d) = (sample(-0.25, 0.25), sample(0.25, 0.25));
        a.mix(b, 0.5).mix(c.mix(d, 0.5), 0.5)
    });
}

fn draw_smp(canvas: &mut Canvas, design: &Design, projection: &Projection, moment: Moment) {
    let skin = &design.params.skin;
    let looks: Vec<_> = design
        .pigment
        .sessions
        .iter()
        .map(|shade| dot_look(shade, skin, moment.stage, design.params.uv))
        .collect();
    let mut halos = Vec::new();
    let mut dots = Vec::new();
    for (dot, &d) in design.dots.iter().zip(&design.diameters) {
        if u32::from(dot.session) > moment.after_session {
            continue;
        }
        let Some((x, y)) = projection.place(dot.pos, dot.chart) else {
            continue;
        };
        let look = &looks[usize::from(dot.session) - 1];
        let facing = projection.facing(dot.pos).max(0.05);
        // A dot seen at a slant covers less of the picture.
        let radius = 0.5 * d * look.size_factor * projection.scale * facing.sqrt();
        let (ink, halo) = look.dots_at(x, y, radius);
        dots.push(ink);
        halos.extend(halo);
    }
    canvas.draw_dots(&halos);
    canvas.draw_dots(&dots);
}

fn draw_hair(canvas: &mut Canvas, design: &Design, projection: &Projection) {
    let hair = design.params.hair.linear();
    let mut rng = Rng::new(design.params.seed, 41);
    let mut follicles = Vec::new();
    for (chart, pos, amount, _) in design.field.hair_cells() {
        let expected = amount * FOLLICLES_PER_MM2;
        let mut count = expected.floor() as u32;
        if rng.unit() < expected.fract() {
            count += 1;
        }
        for _ in 0..count {
            let (dx, dy) = (rng.range(-0.5, 0.5), rng.range(-0.5, 0.5));
            let c = ChartPoint::new(chart.x + dx, chart.y + dy);
            let p = if projection.view == View::Closeup {
                pos
            } else {
                approximate(design, pos, c, chart)
            };
            let Some((x, y)) = projection.place(p, c) else {
                continue;
            };
            let facing = projection.facing(p).max(0.05);
            let radius = 0.5 * FOLLICLE_MM * rng.range(0.8, 1.3) * projection.scale * facing.sqrt();
            follicles.push(Dot::new(x, y, radius.max(0.2), hair).with_opacity(0.85));
        }
    }
    canvas.draw_dots(&follicles);
}

/// A surface point near a cell's centre, for scattering follicles within the cell: the
/// field's interpolated surface, exact to micrometres at this scale.
fn approximate(design: &Design, centre_pos: Vec3, c: ChartPoint, centre: ChartPoint) -> Vec3 {
    if c.distance(centre) < 1e-3 {
        centre_pos
    } else {
        design.field.sample(c).map_or(centre_pos, |s| s.pos)
    }
}

fn draw_scars(canvas: &mut Canvas, design: &Design, projection: &Projection, skin: LinearRgb) {
    // Scar tissue is paler and smoother than the skin around it.
    let scar_colour = skin.mix(LinearRgb::grey(0.8), 0.2);
    let mut dots = Vec::new();
    for (chart, pos, _, scar) in design.field.hair_cells() {
        if !scar {
            continue;
        }
        if let Some((x, y)) = projection.place(pos, chart) {
            let r = 0.7 * projection.scale;
            dots.push(
                Dot::new(x, y, r, scar_colour)
                    .with_opacity(0.8)
                    .with_softness(r),
            );
        }
    }
    for (chart, d) in &design.pattern.scars {
        let pos = design.scalp.to_surface(*chart);
        if let Some((x, y)) = projection.place(pos, *chart) {
            let r = 0.5 * d * projection.scale;
            dots.push(
                Dot::new(x, y, r, scar_colour)
                    .with_opacity(0.9)
                    .with_softness(0.3 * r),
            );
        }
    }
    canvas.draw_dots(&dots);
}
