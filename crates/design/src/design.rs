//! A whole design: parameters in, dots per session, pigment and quality out.

use serde::Serialize;

use crate::appearance::Uv;
use crate::error::DesignError;
use crate::field::Field;
use crate::geometry::ChartPoint;
use crate::geometry::Rng;
use crate::hairline::{Hairline, HairlineStyle};
use crate::head::{HeadParams, Scalp};
use crate::metrics::{measure, Quality};
use crate::pattern::{LossPattern, PlacedPattern};
use crate::pigment::{HairColour, PigmentPlan, SessionShade, SkinTone};
use crate::sampler::{PlacedDot, Sampler};

/// Share of the finished dots placed in session 1, the foundation (001, 002, 004).
pub const FOUNDATION_SHARE: f32 = 0.4;

/// Everything a design depends on. The same parameters give the same design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DesignParams {
    /// The head's measurements.
    pub head: HeadParams,
    /// Where hair is missing.
    pub pattern: LossPattern,
    /// The front hairline.
    pub hairline: Hairline,
    /// Number of sessions, 1-4.
    pub sessions: u32,
    /// The random seed.
    pub seed: u64,
    /// Finished density where no hair remains, dots per cm² of skin (default 80, near
    /// natural follicular-unit density of 65-110).
    pub density_per_cm2: f32,
    /// Mean dot diameter, mm (default 0.28; dots vary ±0.025).
    pub dot_diameter: f32,
    /// How far back session 1 maps the hairline, mm (conservative foundation).
    pub foundation_setback: f32,
    /// The client's skin.
    pub skin: SkinTone,
    /// The client's hair.
    pub hair: HairColour,
    /// The client's sun exposure.
    pub uv: Uv,
}

impl DesignParams {
    /// Defaults for a pattern and hairline style.
    pub fn new(pattern: LossPattern, style: HairlineStyle) -> DesignParams {
        DesignParams {
            head: HeadParams::default(),
            pattern,
            hairline: Hairline::of(style),
            sessions: 3,
            seed: 1,
            density_per_cm2: 80.0,
            dot_diameter: 0.28,
            foundation_setback: 3.0,
            skin: SkinTone::default(),
            hair: HairColour::default(),
            uv: Uv::default(),
        }
    }

    /// Checks every parameter.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] naming the first bad one.
    pub fn validate(&self) -> Result<(), DesignError> {
        self.head.validate()?;
        self.pattern.validate()?;
        self.hairline.validate()?;
        let range = |name, v, lo, hi| DesignError::check_range(name, v, lo, hi, "");
        if !(1..=4).contains(&self.sessions) {
            return Err(DesignError::invalid(
                "sessions",
                format!("must be between 1 and 4, got {}", self.sessions),
            ));
        }
        range("density", self.density_per_cm2, 20.0, 140.0)?;
        range("dot-diameter", self.dot_diameter, 0.15, 0.5)?;
        range("foundation-setback", self.foundation_setback, 0.0, 10.0)
    }

    /// The cumulative share of the finished density after each session.
    pub fn session_fractions(&self) -> Vec<f32> {
        session_fractions(self.sessions)
    }

    /// The hairline ramp's setback in session `k` (1-based).
    pub fn setback(&self, k: u32) -> f32 {
        if k == 1 && self.sessions > 1 {
            self.foundation_setback
        } else {
            0.0
        }
    }
}

/// The cumulative share of the finished density after each of `sessions` sessions: the
/// foundation holds [`FOUNDATION_SHARE`], the others add equal shares of the rest.
pub fn session_fractions(sessions: u32) -> Vec<f32> {
    let n = sessions.max(1);
    if n == 1 {
        return vec![1.0];
    }
    (0..n)
        .map(|k| FOUNDATION_SHARE + (1.0 - FOUNDATION_SHARE) * k as f32 / (n - 1) as f32)
        .collect()
}

/// One dot as design.json writes it, in scalp-chart millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DotRecord {
    /// Chart x, mm (client's right positive).
    pub x: f32,
    /// Chart y, mm (towards the face positive).
    pub y: f32,
    /// Diameter, mm.
    pub d: f32,
}

/// The dots one session adds, with its shade.
#[derive(Debug, Clone, Serialize)]
pub struct SessionLayer {
    /// The session (1-based).
    pub session: u32,
    /// Cumulative share of the finished density after it.
    pub fraction: f32,
    /// Its pigment.
    pub shade: SessionShade,
    /// Its dots.
    pub dots: Vec<DotRecord>,
}

/// Quality of the dots of sessions 1..k together.
#[derive(Debug, Clone, Serialize)]
pub struct LevelQuality {
    /// The last session included.
    pub after_session: u32,
    /// The measurements.
    #[serde(flatten)]
    pub quality: Quality,
}

/// A finished design.
#[derive(Debug, Clone)]
pub struct Design {
    /// What it was made from.
    pub params: DesignParams,
    /// The head.
    pub scalp: Scalp,
    /// The placed pattern (scars, for rendering).
    pub pattern: PlacedPattern,
    /// The density field.
    pub field: Field,
    /// Every dot, session 1 first.
    pub dots: Vec<PlacedDot>,
    /// Every dot's diameter, mm, in the order of `dots`.
    pub diameters: Vec<f32>,
    /// The pigment per session.
    pub pigment: PigmentPlan,
    /// Quality after each session.
    pub quality: Vec<LevelQuality>,
}

impl Design {
    /// Makes a design.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] for a bad parameter.
    pub fn new(params: DesignParams) -> Result<Design, DesignError> {
        params.validate()?;
        let scalp = Scalp::new(params.head)?;
        let pattern = PlacedPattern::new(&params.pattern, &scalp, params.seed);
        // Where the client keeps their own frontal hairline, dots stay behind it (002):
        // the line is the client's natural one, whatever style was asked for.
        let hairline = if params.pattern.keeps_frontal_hairline() {
            Hairline {
                irregularity: 1.0,
                ..Hairline::of(HairlineStyle::Modern)
            }
        } else {
            params.hairline
        };
        let density = params.density_per_cm2 / 100.0;
        let field = Field::new(&scalp, &pattern, hairline, density, params.seed);
        let mut sampler = Sampler::new(&field, density, params.seed);
        let fractions = params.session_fractions();
        let mut levels = Vec::with_capacity(fractions.len());
        for (k, &fraction) in fractions.iter().enumerate() {
            let session = k as u32 + 1;
            let shift = params.setback(session);
            levels.push(sampler.add_level(session as u8, fraction, shift));
        }
        let reach = 4.0
            * crate::sampler::radius_for(density * FOUNDATION_SHARE, crate::sampler::FRESH_SPACING)
                .unwrap_or(6.0);
        let nearest = sampler.nearest_per_session(reach, levels.len() as u8);
        let measured = measure(&field, sampler.dots(), sampler.samples(), &nearest, &levels);
        let quality = (1..)
            .zip(measured)
            .map(|(after_session, quality)| LevelQuality {
                after_session,
                quality,
            })
            .collect();
        let dots = sampler.into_dots();
        let mut rng = Rng::new(params.seed, 31);
        let diameters = dots
            .iter()
            .map(|_| params.dot_diameter + rng.range(-0.025, 0.025))
            .collect();
        let pigment = PigmentPlan::choose(&params.skin, &params.hair, params.sessions)?;
        Ok(Design {
            params,
            scalp,
            pattern,
            field,
            dots,
            diameters,
            pigment,
            quality,
        })
    }

    /// The dots of each session with their shade, as design.json lists them.
    pub fn layers(&self) -> Vec<SessionLayer> {
        let fractions = self.params.session_fractions();
        self.pigment
            .sessions
            .iter()
            .map(|shade| {
                let session = shade.session;
                let dots = self
                    .dots
                    .iter()
                    .zip(&self.diameters)
                    .filter(|(dot, _)| u32::from(dot.session) == session)
                    .map(|(dot, &d)| DotRecord {
                        x: round2(dot.chart.x),
                        y: round2(dot.chart.y),
                        d: round2(d),
                    })
                    .collect();
                SessionLayer {
                    session,
                    fraction: fractions[session as usize - 1],
                    shade: shade.clone(),
                    dots,
                }
            })
            .collect()
    }

    /// Skin area (cm²) the finished design covers.
    pub fn treated_area_cm2(&self) -> f32 {
        self.field.treated_area_cm2()
    }

    /// The design as the JSON document `smp design` writes.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "parameters": self.params,
            "treated_area_cm2": round2(self.treated_area_cm2()),
            "dot_count": self.dots.len(),
            "pigment": self.pigment,
            "sessions": self.layers(),
            "quality": self.quality,
            "scars": self.pattern.scars.iter().map(|(c, d)| DotRecord { x: round2(c.x), y: round2(c.y), d: round2(*d) }).collect::<Vec<_>>(),
        })
    }

    /// Chart position of the glabella, for views and maps.
    pub fn glabella(&self) -> ChartPoint {
        self.scalp.glabella()
    }
}

fn round2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}
