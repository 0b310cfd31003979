//! Hair-loss patterns: where the client has no hair, thin hair, or scars.
//!
//! A pattern answers, for any chart point, how much of the natural hair remains there (1:
//! all of it, 0: bald) and whether the skin is scar. The shapes are soft-edged so that the
//! density of dots tapers into existing hair as a practitioner blends it.

use serde::Serialize;

use crate::error::DesignError;
use crate::geometry::{ChartPoint, Rng};
use crate::head::Scalp;
use crate::shape::{smoothstep, SoftBlob, SoftPolygon};

/// What a pattern says about one point of the scalp.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cover {
    /// Fraction of the natural hair that remains: 1 full, 0 bald.
    pub hair: f32,
    /// The skin is scar tissue (a strip or extraction scars).
    pub scar: bool,
}

/// A named loss pattern and its parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum LossPattern {
    /// Hamilton-Norwood stage 1 to 7.
    Norwood {
        /// The stage, 1-7.
        stage: u8,
        /// Stage 3 vertex: recession plus a thinning crown.
        vertex: bool,
    },
    /// Ludwig stage 1-3 (women): thinning around the part, frontal hairline kept.
    Ludwig {
        /// The stage, 1-3.
        stage: u8,
    },
    /// Diffuse thinning over the top: the fraction of hair that remains.
    Diffuse {
        /// Fraction of natural hair remaining, 0.05-0.95.
        remaining: f32,
    },
    /// Alopecia areata: round bald patches.
    AlopeciaAreata {
        /// Number of patches.
        patches: u32,
    },
    /// Alopecia totalis: no hair anywhere.
    AlopeciaTotalis,
    /// An FUT strip scar across the back of the head.
    FutScar {
        /// Width of the scar, mm.
        width: f32,
        /// Length along the head, mm.
        length: f32,
    },
    /// Scattered FUE extraction scars over the donor area.
    FueScars {
        /// Number of scars.
        count: u32,
    },
    /// A custom bald area drawn on the chart.
    Custom {
        /// Corners in chart millimetres.
        points: Vec<ChartPoint>,
    },
}

impl LossPattern {
    /// The command-line names of the patterns.
    pub const NAMES: &'static str = "norwood-1 … norwood-7, norwood-3v, ludwig-1 … ludwig-3, diffuse, alopecia-areata, alopecia-totalis, scar-fut, scar-fue";

    /// Every pattern's command-line name with a label for people, in the order a list
    /// offers them: Norwood by stage (the vertex variant after stage 3), Ludwig by stage,
    /// then the other losses and the scars.
    pub const CATALOGUE: [(&'static str, &'static str); 16] = [
        ("norwood-1", "Norwood 1"),
        ("norwood-2", "Norwood 2"),
        ("norwood-3", "Norwood 3"),
        ("norwood-3v", "Norwood 3 vertex"),
        ("norwood-4", "Norwood 4"),
        ("norwood-5", "Norwood 5"),
        ("norwood-6", "Norwood 6"),
        ("norwood-7", "Norwood 7"),
        ("ludwig-1", "Ludwig 1"),
        ("ludwig-2", "Ludwig 2"),
        ("ludwig-3", "Ludwig 3"),
        ("diffuse", "diffuse thinning"),
        ("alopecia-areata", "alopecia areata"),
        ("alopecia-totalis", "alopecia totalis"),
        ("scar-fut", "FUT strip scar"),
        ("scar-fue", "FUE scars"),
    ];

    /// Reads a pattern by its command-line name, with default parameters.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] for `pattern`, listing the known names.
    pub fn parse(text: &str) -> Result<LossPattern, DesignError> {
        let pattern = match text {
            "norwood-3v" => LossPattern::Norwood {
                stage: 3,
                vertex: true,
            },
            "diffuse" => LossPattern::Diffuse { remaining: 0.5 },
            "alopecia-areata" => LossPattern::AlopeciaAreata { patches: 4 },
            "alopecia-totalis" => LossPattern::AlopeciaTotalis,
            "scar-fut" => LossPattern::FutScar {
                width: 8.0,
                length: 200.0,
            },
            "scar-fue" => LossPattern::FueScars { count: 600 },
            _ => {
                let stage = |prefix: &str, max: u8| {
                    text.strip_prefix(prefix)
                        .and_then(|n| n.parse::<u8>().ok())
                        .filter(|n| (1..=max).contains(n))
                };
                if let Some(stage) = stage("norwood-", 7) {
                    LossPattern::Norwood {
                        stage,
                        vertex: false,
                    }
                } else if let Some(stage) = stage("ludwig-", 3) {
                    LossPattern::Ludwig { stage }
                } else {
                    return Err(DesignError::invalid(
                        "pattern",
                        format!("unknown pattern \"{text}\"; known: {}", Self::NAMES),
                    ));
                }
            }
        };
        Ok(pattern)
    }

    /// Checks the pattern's parameters.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] naming the parameter.
    pub fn validate(&self) -> Result<(), DesignError> {
        match self {
            LossPattern::Diffuse { remaining } if !(0.05..=0.95).contains(remaining) => {
                Err(DesignError::invalid(
                    "remaining",
                    format!("must be between 0.05 and 0.95, got {remaining}"),
                ))
            }
            LossPattern::AlopeciaAreata { patches } if !(1..=20).contains(patches) => {
                Err(DesignError::invalid(
                    "patches",
                    format!("must be between 1 and 20, got {patches}"),
                ))
            }
            LossPattern::FutScar { width, length }
                if !(2.0..=30.0).contains(width) || !(30.0..=320.0).contains(length) =>
            {
                Err(DesignError::invalid(
                    "scar",
                    format!("width must be 2-30 mm and length 30-320 mm, got {width} × {length}"),
                ))
            }
            LossPattern::FueScars { count } if !(1..=5000).contains(count) => Err(
                DesignError::invalid("scars", format!("must be between 1 and 5000, got {count}")),
            ),
            LossPattern::Custom { points }
                if points.len() < 3
                    || points.iter().any(|p| !p.x.is_finite() || !p.y.is_finite()) =>
            {
                Err(DesignError::invalid(
                    "area",
                    "a custom area needs at least 3 finite corners",
                ))
            }
            _ => Ok(()),
        }
    }

    /// Whether the client keeps their own frontal hairline, so dots stay behind it (002).
    pub fn keeps_frontal_hairline(&self) -> bool {
        matches!(
            self,
            LossPattern::Ludwig { .. } | LossPattern::Diffuse { .. }
        )
    }
}

/// A pattern placed on one head, ready to answer [`Cover`] queries.
#[derive(Debug, Clone)]
pub struct PlacedPattern {
    bald: Vec<SoftBlob>,
    thin: Vec<(SoftBlob, f32)>,
    polygon: Option<SoftPolygon>,
    everywhere: Option<f32>,
    strip: Option<Strip>,
    /// Extraction scars (centre, diameter), for rendering.
    pub scars: Vec<(ChartPoint, f32)>,
    donor: Option<(f32, f32)>,
}

/// An FUT strip: an arc band at the back of the head.
#[derive(Debug, Clone, Copy)]
struct Strip {
    radius: f32,
    half_width: f32,
    half_angle: f32,
}

impl PlacedPattern {
    /// Places a pattern on a head; random parts (areata patches, FUE scars) follow `seed`.
    pub fn new(pattern: &LossPattern, scalp: &Scalp, seed: u64) -> PlacedPattern {
        let y0 = scalp.midline_hairline().y;
        let crown = crown_center(scalp);
        let mut placed = PlacedPattern {
            bald: Vec::new(),
            thin: Vec::new(),
            polygon: None,
            everywhere: None,
            strip: None,
            scars: Vec::new(),
            donor: None,
        };
        let blob = |x: f32, y: f32, rx: f32, ry: f32, edge: f32| {
            SoftBlob::ellipse(ChartPoint::new(x, y), rx, ry, edge)
        };
        match pattern {
            LossPattern::Norwood { stage, vertex } => {
                norwood(&mut placed, *stage, *vertex, y0, crown);
            }
            LossPattern::Ludwig { stage } => {
                let (rx, ry, remaining) = match stage {
                    1 => (35.0, 70.0, 0.7),
                    2 => (45.0, 80.0, 0.5),
                    _ => (55.0, 90.0, 0.3),
                };
                placed
                    .thin
                    .push((blob(0.0, y0 - 15.0 - ry * 0.6, rx, ry, 20.0), remaining));
            }
            LossPattern::Diffuse { remaining } => {
                placed.thin.push((
                    SoftBlob {
                        center: ChartPoint::new(0.0, -10.0),
                        rx: 75.0,
                        ry: 100.0,
                        exponent: 2.4,
                        edge: 25.0,
                    },
                    *remaining,
                ));
            }
            LossPattern::AlopeciaAreata { patches } => {
                let mut rng = Rng::new(seed, 11);
                for _ in 0..*patches {
                    let x = rng.range(-90.0, 90.0);
                    let y = rng.range(-170.0, y0 - 15.0);
                    let r = rng.range(10.0, 22.0);
                    placed.bald.push(SoftBlob {
                        center: ChartPoint::new(x, y),
                        rx: r,
                        ry: r * rng.range(0.8, 1.25),
                        exponent: 2.0,
                        edge: 6.0,
                    });
                }
            }
            LossPattern::AlopeciaTotalis => placed.everywhere = Some(0.0),
            LossPattern::FutScar { width, length } => {
                let radius = back_band_radius(scalp, -12.0);
                placed.strip = Some(Strip {
                    radius,
                    half_width: width / 2.0,
                    half_angle: (length / 2.0) / radius,
                });
            }
            LossPattern::FueScars { count } => {
                let inner = back_band_radius(scalp, 25.0);
                let outer = back_band_radius(scalp, -35.0);
                placed.donor = Some((inner, outer));
                let mut rng = Rng::new(seed, 12);
                while placed.scars.len() < *count as usize {
                    let s = rng.range(inner, outer);
                    let a = rng.range(100f32.to_radians(), 260f32.to_radians());
                    placed.scars.push((
                        ChartPoint::new(s * a.sin(), s * a.cos()),
                        rng.range(0.8, 1.2),
                    ));
                }
            }
            LossPattern::Custom { points } => {
                placed.polygon = Some(SoftPolygon {
                    points: points.clone(),
                    edge: 4.0,
                });
            }
        }
        placed
    }

    /// How much hair remains at a point, and whether it is scar.
    pub fn cover(&self, p: ChartPoint) -> Cover {
        let mut hair = self.everywhere.unwrap_or(1.0);
        for blob in &self.bald {
            hair = hair.min(1.0 - blob.inside(p));
        }
        for (blob, remaining) in &self.thin {
            let t = blob.inside(p);
            hair = hair.min(1.0 - t * (1.0 - remaining));
        }
        if let Some(polygon) = &self.polygon {
            hair = hair.min(1.0 - polygon.inside(p));
        }
        let strip = self.strip_inside(p);
        hair = hair.min(1.0 - strip);
        let scar = strip > 0.5;
        if self.in_donor_area(p) {
            // Extraction leaves about 40% of the donor area see-through.
            hair = hair.min(0.6);
        }
        Cover { hair, scar }
    }

    /// How far a point is inside an FUT strip scar: 1 within it, easing to 0 over 3 mm
    /// past its edges, 0 without a strip.
    pub fn strip_inside(&self, p: ChartPoint) -> f32 {
        let Some(strip) = self.strip else {
            return 0.0;
        };
        let s = p.radius();
        let angle = p.x.atan2(-p.y).abs();
        let across = smoothstep(
            strip.half_width,
            strip.half_width + 3.0,
            (s - strip.radius).abs(),
        );
        let along = smoothstep(
            strip.half_angle,
            strip.half_angle + 3.0 / strip.radius,
            angle,
        );
        (1.0 - across) * (1.0 - along)
    }

    /// How much a point lies where hair thins rather than where it is gone: how far inside
    /// a thinning zone (or the extraction-thinned donor area) it is, less how far inside a
    /// bald one. Above 0.5, the client's own hair still grows there.
    pub fn thinning(&self, p: ChartPoint) -> f32 {
        let thin = self
            .thin
            .iter()
            .map(|(blob, _)| blob.inside(p))
            .fold(f32::from(u8::from(self.in_donor_area(p))), f32::max);
        let bald = self
            .bald
            .iter()
            .map(|blob| blob.inside(p))
            .fold(0.0, f32::max);
        thin - bald
    }

    fn in_donor_area(&self, p: ChartPoint) -> bool {
        self.donor.is_some_and(|(inner, outer)| {
            let s = p.radius();
            p.x.atan2(p.y).abs() > 100f32.to_radians() && s > inner && s < outer
        })
    }
}

/// The bald and thinning areas of Hamilton-Norwood stage `stage` (3 with `vertex` adds a
/// bald crown), around the midline hairline `y0` and the crown's centre.
fn norwood(placed: &mut PlacedPattern, stage: u8, vertex: bool, y0: f32, crown: ChartPoint) {
    let blob = |x: f32, y: f32, rx: f32, ry: f32, edge: f32| {
        SoftBlob::ellipse(ChartPoint::new(x, y), rx, ry, edge)
    };
    let front_band = blob(0.0, y0 - 8.0, 50.0, 14.0, 10.0);
    match stage {
        1 => placed.thin.push((front_band, 0.7)),
        2 => {
            placed.bald.push(blob(-40.0, y0 - 4.0, 16.0, 14.0, 10.0));
            placed.bald.push(blob(40.0, y0 - 4.0, 16.0, 14.0, 10.0));
            placed.thin.push((front_band, 0.7));
        }
        3 => {
            placed.bald.push(blob(-38.0, y0 - 10.0, 22.0, 22.0, 12.0));
            placed.bald.push(blob(38.0, y0 - 10.0, 22.0, 22.0, 12.0));
            placed.bald.push(blob(0.0, y0 - 2.0, 45.0, 12.0, 10.0));
        }
        4 => {
            placed.bald.push(blob(0.0, y0 - 15.0, 55.0, 32.0, 14.0));
            placed.bald.push(blob(crown.x, crown.y, 35.0, 35.0, 14.0));
            placed.thin.push((
                blob(0.0, (y0 + crown.y) / 2.0 - 10.0, 45.0, 30.0, 16.0),
                0.6,
            ));
        }
        5 => {
            placed.bald.push(blob(0.0, y0 - 25.0, 62.0, 42.0, 16.0));
            placed.bald.push(blob(crown.x, crown.y, 45.0, 45.0, 16.0));
            placed.thin.push((
                blob(0.0, (y0 + crown.y) / 2.0 - 10.0, 50.0, 35.0, 16.0),
                0.35,
            ));
        }
        6 => placed.bald.push(SoftBlob {
            center: ChartPoint::new(0.0, -5.0),
            rx: 72.0,
            ry: 95.0,
            exponent: 2.6,
            edge: 18.0,
        }),
        _ => placed.bald.push(SoftBlob {
            center: ChartPoint::new(0.0, -12.0),
            rx: 88.0,
            ry: 112.0,
            exponent: 2.6,
            edge: 16.0,
        }),
    }
    if vertex {
        placed.bald.push(blob(crown.x, crown.y, 26.0, 26.0, 12.0));
    }
}

/// The centre of the crown (vertex whorl), a little behind the top of the head.
pub fn crown_center(scalp: &Scalp) -> ChartPoint {
    ChartPoint::new(0.0, -0.2 * scalp.params().length)
}

/// The chart distance from the vertex of the back midline at height `z` above the ears.
pub fn back_band_radius(scalp: &Scalp, z: f32) -> f32 {
    let t = (z / scalp.params().height).clamp(-1.0, 1.0).acos();
    scalp.arc_length(t, std::f32::consts::PI)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::head::HeadParams;

    fn placed(name: &str) -> PlacedPattern {
        let scalp = Scalp::new(HeadParams::default()).unwrap();
        PlacedPattern::new(&LossPattern::parse(name).unwrap(), &scalp, 7)
    }

    #[test]
    fn every_pattern_name_parses_and_unknown_ones_are_refused() {
        let mut seen = std::collections::BTreeSet::new();
        for (name, label) in LossPattern::CATALOGUE {
            let pattern = LossPattern::parse(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                seen.insert(format!("{pattern:?}")),
                "{name} repeats another entry"
            );
            assert!(!label.is_empty(), "{name} has a label");
        }
        let err = LossPattern::parse("norwood-8").unwrap_err();
        assert!(err
            .to_string()
            .starts_with("pattern: unknown pattern \"norwood-8\"; known: norwood-1"));
    }

    #[test]
    fn norwood_7_is_bald_on_top_with_hair_at_the_back() {
        let p = placed("norwood-7");
        assert_eq!(p.cover(ChartPoint::new(0.0, 0.0)).hair, 0.0);
        assert_eq!(p.cover(ChartPoint::new(0.0, -200.0)).hair, 1.0);
    }

    #[test]
    fn norwood_3_vertex_adds_a_bald_crown_to_norwood_3() {
        let scalp = Scalp::new(HeadParams::default()).unwrap();
        let crown = crown_center(&scalp);
        assert_eq!(placed("norwood-3").cover(crown).hair, 1.0);
        assert_eq!(placed("norwood-3v").cover(crown).hair, 0.0);
    }

    #[test]
    fn a_fut_strip_is_scar_across_the_back() {
        let scalp = Scalp::new(HeadParams::default()).unwrap();
        let p = placed("scar-fut");
        let r = back_band_radius(&scalp, -12.0);
        let on = p.cover(ChartPoint::new(0.0, -r));
        assert!(on.scar && on.hair == 0.0);
        assert!(!p.cover(ChartPoint::new(0.0, -r + 20.0)).scar);
    }

    #[test]
    fn fue_scars_are_scattered_in_the_donor_area() {
        let p = placed("scar-fue");
        assert_eq!(p.scars.len(), 600);
        assert!(p.scars.iter().all(|(c, _)| c.y < 0.0));
    }

    #[test]
    fn diffuse_thinning_keeps_its_fraction_of_hair_and_the_frontal_hairline() {
        let pattern = LossPattern::parse("diffuse").unwrap();
        assert!(pattern.keeps_frontal_hairline());
        let hair = placed("diffuse").cover(ChartPoint::new(0.0, -10.0)).hair;
        assert!((hair - 0.5).abs() < 1e-6);
    }

    #[test]
    fn bad_pattern_parameters_are_named() {
        let err = LossPattern::Diffuse {
            remaining: f32::NAN,
        }
        .validate()
        .unwrap_err();
        assert!(err.to_string().starts_with("remaining:"));
        let err = LossPattern::Custom { points: vec![] }
            .validate()
            .unwrap_err();
        assert!(err.to_string().starts_with("area:"));
    }
}
