//! A first drawing on a client's photo from one of the engine's loss patterns and hairline
//! styles, for the practitioner to adjust: the treatment area, the hairline, where hair
//! remains and the scars, in the photo's pixels.
//!
//! The head's outline on the photo anchors it. The engine's head ([`Scalp`]) is fitted to
//! the outline: from above, the outline is the head's widest section (its width and
//! length); from the front, back or side, it runs from the top of the head to the chin, and
//! the ear canals are taken [`EAR_LEVEL_SHARE`] of the way down (the vertex is about 130 mm
//! above them and the chin about 95 mm below). The pattern, placed on that head's chart as
//! in [`Design`](crate::Design), is read on a 2 mm chart grid where the photo shows the skin
//! squarely enough ([`MIN_FACING`]); its outlines are traced (marching squares), carried
//! onto the photo by the camera's view of the head (far away, so orthographic) and thinned
//! to corners a millimetre apart in shape.
//!
//! The studio treats one area per design: where a pattern shows several patches (alopecia
//! areata, or a front and a crown that do not meet), the largest becomes the area and the
//! others are counted in [`StartingDrawing::patches_left_out`].

use crate::contour::{signed_area, simplify_closed, simplify_open, ScalarGrid};
use crate::dome::HeadOutline;
use crate::error::DesignError;
use crate::field::{lower_edge, X_EXTENT, Y_BACK, Y_FRONT};
use crate::geometry::{ChartPoint, Vec3};
use crate::hairline::{Hairline, HairlineStyle};
use crate::head::{HeadParams, Scalp};
use crate::pattern::{LossPattern, PlacedPattern};
use crate::shape::smoothstep;

/// Where on the way from the top of the head to the chin the ear canals sit, on a front,
/// back or side photo: 130 mm above them, 95 mm below.
pub const EAR_LEVEL_SHARE: f32 = 130.0 / 225.0;
/// The least share of the finished density a point must want to be in the area: the
/// pattern's soft edges are cut where a quarter of the hair is gone.
pub const TREATED_SHARE: f32 = 0.25;
/// The least cosine of the angle between the skin and the camera for the skin to count as
/// seen (about 72°); the studio's own model of the scalp gives up at 70°.
pub const MIN_FACING: f32 = 0.3;
/// Chart grid on which the pattern is read, mm.
const GRID_MM: f32 = 2.0;
/// Step along the hairline, mm.
const HAIRLINE_STEP_MM: f32 = 1.0;
/// Patches smaller than this are not drawn, mm² of chart.
const MIN_PATCH_MM2: f32 = 100.0;
/// How far a thinned outline may stray from the traced one, mm.
const OUTLINE_TOLERANCE_MM: f32 = 1.0;
/// How far a thinned hairline may stray from the style's line, mm (its irregularity is
/// kept).
const HAIRLINE_TOLERANCE_MM: f32 = 0.3;

/// Which way a photo looks at the head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoAngle {
    /// From above, the front of the head at the top of the photo.
    Top,
    /// Facing the client.
    Front,
    /// From behind.
    Back,
    /// From the client's left: the face towards the photo's left.
    Left,
    /// From the client's right: the face towards the photo's right.
    Right,
}

impl PhotoAngle {
    /// The angle's name, as photos are labelled.
    pub fn name(self) -> &'static str {
        match self {
            PhotoAngle::Top => "top",
            PhotoAngle::Front => "front",
            PhotoAngle::Back => "back",
            PhotoAngle::Left => "left",
            PhotoAngle::Right => "right",
        }
    }
}

/// A pattern and hairline style to lay on a photo.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternOnPhoto {
    /// The loss pattern.
    pub pattern: LossPattern,
    /// The hairline's style (its line is drawn where the area reaches the front).
    pub style: HairlineStyle,
    /// How the photo looks at the head.
    pub angle: PhotoAngle,
    /// The head's outline on the photo.
    pub head: HeadOutline,
    /// The photo's scale, millimetres per pixel.
    pub mm_per_px: f32,
    /// The photo's width, pixels.
    pub width: u32,
    /// The photo's height, pixels.
    pub height: u32,
    /// The front hairline's height above the glabella, mm (the engine's default is 80).
    pub hairline_height_mm: f32,
    /// Seed of the hairline's irregularity and of random patterns.
    pub seed: u64,
}

/// What a pattern and style say, drawn on the photo: a drawing to adjust.
#[derive(Debug, Clone, PartialEq)]
pub struct StartingDrawing {
    /// The treatment area's corners, pixels.
    pub area: Vec<(f32, f32)>,
    /// The hairline along the area's front, pixels (empty where the area does not reach
    /// the front, or where the pattern keeps the client's own hairline).
    pub hairline: Vec<(f32, f32)>,
    /// Where the client's own hair still grows inside the area, polygons in pixels.
    pub hair: Vec<Vec<(f32, f32)>>,
    /// Scars in view, polygons in pixels.
    pub scars: Vec<Vec<(f32, f32)>>,
    /// The head fitted to the outline, mm.
    pub head: HeadParams,
    /// Further patches in view (each over 1 cm²) that are not the area.
    pub patches_left_out: usize,
}

/// How the head is seen on the photo: photo pixels of a head point (mm, the head's frame:
/// x to the client's right, y forwards, z up from the ear canals) and the way to the camera.
#[derive(Debug, Clone, Copy)]
struct Camera {
    origin: (f32, f32),
    across: Vec3,
    up: Vec3,
    towards: Vec3,
}

impl Camera {
    fn project(&self, q: Vec3) -> (f32, f32) {
        (
            self.origin.0 + self.across.dot(q),
            self.origin.1 - self.up.dot(q),
        )
    }
}

/// What the pattern says at one chart point.
#[derive(Debug, Clone, Copy)]
struct Reading {
    /// Share of the finished density wanted (hair missing, on hair-bearing skin).
    share: f32,
    /// Millimetres behind the hairline.
    depth: f32,
    /// How squarely the skin faces the camera.
    facing: f32,
    /// Thinning rather than bald (over 0.5: hair remains).
    thinning: f32,
    /// Inside a strip scar (over 0.5: scar).
    strip: f32,
}

impl PatternOnPhoto {
    /// Lays the pattern and style on the photo.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] naming `mm-per-px`, `head`, `hairline-height`,
    /// the pattern's parameter, or `pattern` when it leaves no skin to treat in view.
    pub fn lay(&self) -> Result<StartingDrawing, DesignError> {
        DesignError::check_range("mm-per-px", self.mm_per_px, 0.01, 5.0, " mm")?;
        self.head.validate(self.width, self.height)?;
        self.pattern.validate()?;
        let (params, camera) = self.fit()?;
        let scalp = Scalp::new(params)?;
        let placed = PlacedPattern::new(&self.pattern, &scalp, self.seed);
        // As in a design: a pattern that keeps the client's own front hairline is read
        // behind that natural line, and no hairline is drawn.
        let keeps_front = self.pattern.keeps_frontal_hairline();
        let hairline = if keeps_front {
            Hairline {
                irregularity: 1.0,
                ..Hairline::of(HairlineStyle::Modern)
            }
        } else {
            Hairline::of(self.style)
        };
        let midline = scalp.midline_hairline().y;
        let read = |p: ChartPoint| {
            let q = scalp.to_surface(p);
            let lower = lower_edge(p);
            let on_scalp = smoothstep(lower - 3.0, lower + 3.0, q.z);
            let hair = if on_scalp > 0.0 {
                placed.cover(p).hair
            } else {
                1.0
            };
            Reading {
                share: (1.0 - hair) * on_scalp,
                depth: hairline.line_y(p.x, midline, self.seed) - p.y,
                facing: facing(&params, camera.towards, q),
                thinning: placed.thinning(p) * on_scalp,
                strip: placed.strip_inside(p) * on_scalp,
            }
        };
        let nx = (2.0 * X_EXTENT / GRID_MM) as usize + 1;
        let ny = ((Y_FRONT - Y_BACK) / GRID_MM) as usize + 1;
        let chart = |i: f32, j: f32| ChartPoint::new(-X_EXTENT + i * GRID_MM, Y_BACK + j * GRID_MM);
        let readings: Vec<Reading> = (0..ny)
            .flat_map(|j| (0..nx).map(move |i| (i, j)))
            .map(|(i, j)| read(chart(i as f32, j as f32)))
            .collect();
        let treated = |r: &Reading| {
            (r.share - TREATED_SHARE)
                .min(r.depth)
                .min(r.facing - MIN_FACING)
        };
        let outlines = |f: &dyn Fn(&Reading) -> f32| {
            let grid = ScalarGrid::from_fn(nx, ny, |i, j| f(&readings[j * nx + i]));
            let mut parts: Vec<(f32, Vec<(f32, f32)>)> = grid
                .outlines()
                .into_iter()
                .map(|outline| (signed_area(&outline) * GRID_MM * GRID_MM, outline))
                .filter(|(mm2, _)| *mm2 >= MIN_PATCH_MM2)
                .collect();
            parts.sort_by(|a, b| b.0.total_cmp(&a.0));
            parts
        };
        let tolerance = OUTLINE_TOLERANCE_MM / self.mm_per_px;
        let on_photo = |outline: &[(f32, f32)]| {
            let points: Vec<(f32, f32)> = outline
                .iter()
                .map(|&(i, j)| self.clamp(camera.project(scalp.to_surface(chart(i, j)))))
                .collect();
            simplify_closed(&points, tolerance)
        };
        let mut areas = outlines(&treated);
        if areas.is_empty() {
            return Err(DesignError::invalid(
                "pattern",
                format!(
                    "leaves no skin to treat that this {} photo shows; choose another pattern or photo",
                    self.angle.name()
                ),
            ));
        }
        let patches_left_out = areas.len() - 1;
        let area = on_photo(&areas.swap_remove(0).1);
        let hair = outlines(&|r: &Reading| treated(r).min(r.thinning - 0.5))
            .iter()
            .map(|(_, outline)| on_photo(outline))
            .collect();
        let scars = outlines(&|r: &Reading| (r.strip - 0.5).min(r.facing - MIN_FACING))
            .iter()
            .map(|(_, outline)| on_photo(outline))
            .collect();
        let hairline = if keeps_front {
            Vec::new()
        } else {
            self.hairline_run(&hairline, midline, &read)
                .into_iter()
                .map(|p| self.clamp(camera.project(scalp.to_surface(p))))
                .collect::<Vec<_>>()
        };
        Ok(StartingDrawing {
            area,
            hairline: simplify_open(&hairline, HAIRLINE_TOLERANCE_MM / self.mm_per_px),
            hair,
            scars,
            head: params,
            patches_left_out,
        })
    }

    /// The longest stretch of the style's line, in chart points, where the skin just
    /// behind it is treated and in view.
    fn hairline_run(
        &self,
        hairline: &Hairline,
        midline: f32,
        read: &dyn Fn(ChartPoint) -> Reading,
    ) -> Vec<ChartPoint> {
        let steps = (2.0 * X_EXTENT / HAIRLINE_STEP_MM) as usize;
        let mut best: Vec<ChartPoint> = Vec::new();
        let mut run: Vec<ChartPoint> = Vec::new();
        for k in 0..=steps {
            let x = -X_EXTENT + k as f32 * HAIRLINE_STEP_MM;
            let y = hairline.line_y(x, midline, self.seed);
            let behind = read(ChartPoint::new(x, y - 1.0));
            if behind.share >= TREATED_SHARE && behind.facing >= MIN_FACING {
                run.push(ChartPoint::new(x, y));
                continue;
            }
            if run.len() > best.len() {
                best = std::mem::take(&mut run);
            }
            run.clear();
        }
        if run.len() > best.len() {
            best = run;
        }
        if best.len() < 5 {
            best.clear();
        }
        best
    }

    /// The engine's head fitted to the outline (each measurement kept in a human range),
    /// and the camera that shows it inside the outline.
    fn fit(&self) -> Result<(HeadParams, Camera), DesignError> {
        let mm = self.mm_per_px;
        let (cx, cy) = self.head.centre;
        let (rx, ry) = self.head.radii;
        let default = HeadParams::default();
        let mut params = HeadParams {
            hairline_height: self.hairline_height_mm,
            ..default
        };
        let top = cy - ry;
        let ear = top + 2.0 * ry * EAR_LEVEL_SHARE;
        match self.angle {
            PhotoAngle::Top => {
                params.width = (2.0 * rx * mm).clamp(120.0, 200.0);
                params.length = (2.0 * ry * mm).clamp(150.0, 240.0);
            }
            PhotoAngle::Front | PhotoAngle::Back => {
                params.width = (2.0 * rx * mm).clamp(120.0, 200.0);
                params.height = ((ear - top) * mm).clamp(100.0, 170.0);
            }
            PhotoAngle::Left | PhotoAngle::Right => {
                params.length = (2.0 * rx * mm).clamp(150.0, 240.0);
                params.height = ((ear - top) * mm).clamp(100.0, 170.0);
            }
        }
        params.validate()?;
        // Pixels per millimetre along the head's axes, so its outline fills the photo's.
        let (kx, ky, kz) = (
            rx / (params.width / 2.0),
            match self.angle {
                PhotoAngle::Top => ry / (params.length / 2.0),
                _ => rx / (params.length / 2.0),
            },
            (ear - top) / params.height,
        );
        let camera = match self.angle {
            PhotoAngle::Top => Camera {
                origin: (cx, cy),
                across: Vec3::new(kx, 0.0, 0.0),
                up: Vec3::new(0.0, ky, 0.0),
                towards: Vec3::new(0.0, 0.0, 1.0),
            },
            PhotoAngle::Front => Camera {
                origin: (cx, ear),
                across: Vec3::new(-kx, 0.0, 0.0),
                up: Vec3::new(0.0, 0.0, kz),
                towards: Vec3::new(0.0, 1.0, 0.0),
            },
            PhotoAngle::Back => Camera {
                origin: (cx, ear),
                across: Vec3::new(kx, 0.0, 0.0),
                up: Vec3::new(0.0, 0.0, kz),
                towards: Vec3::new(0.0, -1.0, 0.0),
            },
            PhotoAngle::Left => Camera {
                origin: (cx, ear),
                across: Vec3::new(0.0, -ky, 0.0),
                up: Vec3::new(0.0, 0.0, kz),
                towards: Vec3::new(-1.0, 0.0, 0.0),
            },
            PhotoAngle::Right => Camera {
                origin: (cx, ear),
                across: Vec3::new(0.0, ky, 0.0),
                up: Vec3::new(0.0, 0.0, kz),
                towards: Vec3::new(1.0, 0.0, 0.0),
            },
        };
        Ok((params, camera))
    }

    fn clamp(&self, (u, v): (f32, f32)) -> (f32, f32) {
        (
            u.clamp(0.0, self.width as f32),
            v.clamp(0.0, self.height as f32),
        )
    }
}

/// How squarely the head's skin at `q` faces a camera in direction `towards`: the cosine of
/// the angle between the ellipsoid's normal and the way to the camera.
fn facing(params: &HeadParams, towards: Vec3, q: Vec3) -> f32 {
    let (a, b, c) = (params.width / 2.0, params.length / 2.0, params.height);
    let normal = Vec3::new(q.x / (a * a), q.y / (b * b), q.z / (c * c));
    let length = normal.length();
    if length > 0.0 {
        normal.dot(towards) / length
    } else {
        0.0
    }
}
