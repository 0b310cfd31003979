//! The head's curvature on a photo: where the scalp turns away from the camera, a square
//! millimetre of skin covers less of the photo, so dots look closer together and smaller
//! there.
//!
//! The model: the practitioner marks the head's outline on the photo as an ellipse (its
//! centre and two radii, axis-aligned), and the scalp inside it is the near half of an
//! ellipsoid with those radii that rises `depth` × their mean towards the camera. The
//! camera is far away (an orthographic view): a photo pixel is the calibrated size
//! wherever it is, and a patch of skin tilted by θ from facing the camera covers cos θ of
//! its own area on the photo.
//!
//! Close to the outline the ellipsoid turns edge-on, where a photo shows nothing usable; the
//! surface is continued from the ellipse where its slope reaches [`STEEPEST_TILT_DEG`] as a
//! cone of that slope, so no point of the photo stands for more than 1 / cos 70° ≈ 2.9 times
//! its own area of skin.
//!
//! Assumptions, written down: a head is not an ellipsoid (the forehead is flatter, the
//! crown rounder), the camera is not infinitely far, and the photo's calibration line is
//! taken to lie where the scalp faces the camera. The model corrects the first-order effect
//! (density and dot size near the outline) and nothing finer.

use crate::error::DesignError;
use crate::geometry::{ChartPoint, Vec3};

/// How far the scalp rises towards the camera, as a share of the outline's mean radius,
/// when the practitioner does not say: a head seen from above or from the front is a little
/// shallower than a sphere.
pub const DEFAULT_DEPTH: f32 = 0.9;
/// The steepest the modelled scalp turns away from the camera, degrees.
pub const STEEPEST_TILT_DEG: f32 = 70.0;

/// The head's outline on a photo, in the photo's pixels, with how deep the head is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeadOutline {
    /// Centre of the outline, pixels from the left and from the top.
    pub centre: (f32, f32),
    /// Half the outline's width and half its height, pixels.
    pub radii: (f32, f32),
    /// How far the scalp rises towards the camera, as a share of the radii's mean (0.3-1.5).
    pub depth: f32,
}

impl HeadOutline {
    /// Checks the outline on a `width × height` photo, naming `head`.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] naming `head`.
    pub fn validate(&self, width: u32, height: u32) -> Result<(), DesignError> {
        let (w, h) = (width as f32, height as f32);
        let (x, y) = self.centre;
        if !(x.is_finite() && y.is_finite() && (0.0..=w).contains(&x) && (0.0..=h).contains(&y)) {
            return Err(DesignError::invalid(
                "head",
                format!("the outline's centre is not on the {width}×{height} photo"),
            ));
        }
        let longest = 2.0 * w.max(h);
        for radius in [self.radii.0, self.radii.1] {
            if !(radius.is_finite() && (10.0..=longest).contains(&radius)) {
                return Err(DesignError::invalid(
                    "head",
                    format!(
                        "the outline's radii must be between 10 and {longest} pixels, got {radius}"
                    ),
                ));
            }
        }
        if !(self.depth.is_finite() && (0.3..=1.5).contains(&self.depth)) {
            return Err(DesignError::invalid(
                "head",
                format!("depth must be between 0.3 and 1.5, got {}", self.depth),
            ));
        }
        Ok(())
    }
}

/// The modelled scalp in millimetres, centred on the outline's centre (the chart's origin).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Dome {
    /// Radii across and down the photo, mm.
    a: f32,
    b: f32,
    /// Height of the ellipsoid towards the camera, mm.
    c: f32,
    /// Normalised radius where the ellipsoid gives way to the cone.
    rho0: f32,
    /// The ellipsoid's height there (share of `c`) and its slope (per unit of `rho`).
    h0: f32,
    slope0: f32,
}

impl Dome {
    /// The dome of an outline on a photo of `mm_per_px`.
    pub(crate) fn new(outline: &HeadOutline, mm_per_px: f32) -> Dome {
        let a = outline.radii.0 * mm_per_px;
        let b = outline.radii.1 * mm_per_px;
        let c = outline.depth * 0.5 * (a + b);
        // The steepest slope of the ellipsoid at normalised radius rho is at most
        // c / min(a, b) × rho / sqrt(1 - rho²): stop where that reaches the limit.
        let k = STEEPEST_TILT_DEG.to_radians().tan() * a.min(b) / c;
        let rho0 = k / (1.0 + k * k).sqrt();
        let h0 = (1.0 - rho0 * rho0).sqrt();
        Dome {
            a,
            b,
            c,
            rho0,
            h0,
            slope0: -rho0 / h0,
        }
    }

    /// The point of skin seen at chart point `p`, mm (z towards the camera).
    pub(crate) fn lift(&self, p: ChartPoint) -> Vec3 {
        self.at(p).0
    }

    /// How squarely the skin at chart point `p` faces the camera: the cosine of its tilt,
    /// 1 where it faces it, down to cos [`STEEPEST_TILT_DEG`]. A patch of skin covers this
    /// share of its own area on the photo.
    pub(crate) fn facing(&self, p: ChartPoint) -> f32 {
        self.at(p).1
    }

    /// [`Dome::lift`] and [`Dome::facing`] at once, for the sampler's every candidate.
    pub(crate) fn at(&self, p: ChartPoint) -> (Vec3, f32) {
        let (u, v) = (p.x / self.a, p.y / self.b);
        let rho = (u * u + v * v).sqrt();
        // The height is c h(rho); its gradient c h'(rho) ∇rho, with ∇rho = (u / a, v / b) / rho.
        let (h, scale) = if rho <= self.rho0 {
            let root = (1.0 - rho * rho).sqrt();
            (root, self.c / root)
        } else {
            (
                self.h0 + self.slope0 * (rho - self.rho0),
                -self.c * self.slope0 / rho,
            )
        };
        let (gx, gy) = (scale * u / self.a, scale * v / self.b);
        (
            Vec3::new(p.x, p.y, self.c * h),
            1.0 / (1.0 + gx * gx + gy * gy).sqrt(),
        )
    }

    /// A lower bound on [`Dome::facing`] everywhere within `radius` mm of chart point `p`:
    /// the slope at normalised radius `rho` is at most `c / min(a, b) × rho / sqrt(1 - rho²)`
    /// (the cone's, past it), and no point of the disk is farther out than `rho(p)` plus
    /// `radius / min(a, b)`.
    pub(crate) fn least_facing_within(&self, p: ChartPoint, radius: f32) -> f32 {
        let shorter = self.a.min(self.b);
        let (u, v) = (p.x / self.a, p.y / self.b);
        let rho = (u * u + v * v).sqrt() + radius / shorter;
        let slope = if rho < self.rho0 {
            self.c / shorter * rho / (1.0 - rho * rho).sqrt()
        } else {
            self.c / shorter * -self.slope0
        };
        1.0 / (1.0 + slope * slope).sqrt()
    }

    /// The least [`Dome::facing`] anywhere.
    pub(crate) fn least_facing() -> f32 {
        STEEPEST_TILT_DEG.to_radians().cos()
    }

    /// The distance over the skin between chart points `p` and `q`, mm, as a straight
    /// chord between them on the skin (within a per cent of the way over the skin across a
    /// transition zone's depth). From `p` to a line's point closest on the chart, it is how
    /// far `p` is behind the line.
    pub(crate) fn chord(&self, p: ChartPoint, q: ChartPoint) -> f32 {
        self.lift(p).distance_squared(self.lift(q)).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sphere() -> Dome {
        Dome::new(
            &HeadOutline {
                centre: (500.0, 500.0),
                radii: (400.0, 400.0),
                depth: 1.0,
            },
            0.25,
        )
    }

    #[test]
    fn the_centre_faces_the_camera_and_the_side_turns_away_as_a_sphere_does() {
        let dome = sphere();
        assert!((dome.facing(ChartPoint::new(0.0, 0.0)) - 1.0).abs() < 1e-6);
        // Half way out on a sphere of radius 100 mm: cos θ = sqrt(1 - 0.5²).
        let half = dome.facing(ChartPoint::new(50.0, 0.0));
        assert!((half - 0.75f32.sqrt()).abs() < 1e-4, "{half}");
        assert!((dome.lift(ChartPoint::new(0.0, 50.0)).z - 100.0 * 0.75f32.sqrt()).abs() < 1e-3);
    }

    #[test]
    fn past_the_steepest_tilt_the_surface_keeps_that_slope() {
        let dome = sphere();
        let least = Dome::least_facing();
        for x in [95.0, 100.0, 130.0] {
            let facing = dome.facing(ChartPoint::new(x, 0.0));
            assert!((facing - least).abs() < 1e-3, "{x}: {facing}");
        }
        // Continuous where the cone takes over.
        let at = dome.rho0 * 100.0;
        let (inner, outer) = (
            dome.lift(ChartPoint::new(at - 1e-3, 0.0)).z,
            dome.lift(ChartPoint::new(at + 1e-3, 0.0)).z,
        );
        assert!((inner - outer).abs() < 1e-2);
    }

    #[test]
    fn a_bad_outline_is_refused_by_name() {
        let good = HeadOutline {
            centre: (100.0, 100.0),
            radii: (80.0, 90.0),
            depth: DEFAULT_DEPTH,
        };
        assert!(good.validate(200, 200).is_ok());
        let message = |outline: HeadOutline| outline.validate(200, 200).unwrap_err().to_string();
        assert_eq!(
            message(HeadOutline {
                centre: (-1.0, 5.0),
                ..good
            }),
            "head: the outline's centre is not on the 200×200 photo"
        );
        assert_eq!(
            message(HeadOutline {
                radii: (5.0, 90.0),
                ..good
            }),
            "head: the outline's radii must be between 10 and 400 pixels, got 5"
        );
        assert_eq!(
            message(HeadOutline {
                depth: f32::NAN,
                ..good
            }),
            "head: depth must be between 0.3 and 1.5, got NaN"
        );
    }
}
