//! Appearance: how a dot looks fresh, healed, and over years of fading.
//!
//! # The model
//! A dot is described by a [`DotLook`]: the renderer multiplies the skin's linear colour by
//! `mix(1, transmittance, opacity × coverage(r))`, where `coverage` is 1 inside the dot's
//! core and falls to 0 across its soft edge (`softness`, a fraction of the radius), and
//! `radius = base radius × size_factor`. A fresh dot may carry a red [`Halo`].
//!
//! Assumptions:
//!
//! 1. **Beer–Lambert.** Carbon absorbs: the dot's optical density (natural log) is
//!    proportional to the carbon fraction in the mix, `D = CARBON_FULL_DENSITY × dilution`
//!    (5.0 for undiluted carbon black, the same constant the pigment plan uses), and the
//!    transmittance is `exp(-D)`.
//! 2. **Melanin hides pigment.** The pigment lies under the upper skin; only
//!    `Y_skin ^ 0.2` of its density shows (`Y` the skin's relative luminance): about 97 % on
//!    Monk 1, 45 % on Monk 10. This is why darker skin needs a stronger mix, and the pigment
//!    plan uses the same factor, so a healed session-2 dot has the contrast the plan aimed at.
//! 3. **Fresh** (day 0 to `HEALED_FROM_DAYS` = 28, "healed from about a month"): the scalp
//!    looks darker for 1-2 weeks while the pigment settles (001, 002): the density is
//!    multiplied by `FRESH_DARKENING` = 1.4 on the session day, easing to 1 by
//!    `SETTLE_DAYS` = 14 (surface pigment and serum that flake off). The fresh dot is
//!    crisp (`softness` 0.15), at its needle size (`size_factor` 1.0), and neutral.
//!    Redness lasts 1-3 days (001, 002): a halo of `REDNESS_RADIUS` = 1.8 dot radii whose
//!    opacity falls linearly from `REDNESS_OPACITY` = 0.5 on day 0 to none at
//!    `REDNESS_DAYS` = 3, scaled by the same melanin visibility (redness shows less on darker
//!    skin); its colour is the skin filtered by `ERYTHEMA` = (0.95, 0.6, 0.6).
//! 4. **Healing** (day 0 to 28, smoothstep): the pigment spreads a little, to
//!    `HEALED_SIZE` = 1.1× the radius with a soft edge (`HEALED_SOFTNESS` = 0.45 of the
//!    radius): a healed dot is lighter, larger and softer. Its core stays fully covered
//!    (`opacity` 1 at every stage, so the dot's centre has the contrast the pigment plan
//!    aimed at; renderers may lower it, e.g. for a partial pass). The amount of pigment
//!    seen falls while healing — density × area goes from 1.4 × 1 to 1 × 1.21 — as the
//!    surface pigment flakes off.
//! 5. **Tyndall cast.** Carbon seen through the upper skin looks slightly blue-grey: the skin
//!    above scatters short wavelengths back before they reach the pigment. The healed
//!    density is weighted per channel by `TYNDALL` = (1.02, 1.00, 0.92) — blue darkened a
//!    little less — whose luminance-weighted mean is 1, so the cast changes hue, not
//!    lightness. The transmittance's channels never differ by more than about 0.04: a cool
//!    grey, not a colour (000, 004: carbon never turns blue or green).
//! 6. **Fading** (000, 001, 003, 004): UV breaks pigment particles, first order:
//!    `c(t) = c0 · exp(-k · t)`, `t` in years since the session, `k` by UV exposure. Fading
//!    scales the density, never the channel weights: a lightening, not a colour shift (000,
//!    004). A touch-up is due when the remaining density falls below `TOUCH_UP_THRESHOLD`
//!    = 0.75 (a "slight fading"), so `touch_up_due_years = ln(1 / 0.75) / k`.
//!
//! | UV exposure | `k` per year | touch-up due | source |
//! |---|---|---|---|
//! | low (hats, sunscreen) | 0.036 | 8.0 years | 003: about 8 years |
//! | medium | 0.0575 | 5.0 years | 000, 001: 4-6 years |
//! | high (outdoor, no protection) | 0.082 | 3.5 years | 004: 3-4 years "depending on lifestyle and sun regimen" |
//!
//! **Bad times.** [`Stage::fresh`], [`Stage::healed`] and [`Stage::after_days`] refuse NaN,
//! infinite or negative times with a [`DesignError`] naming `days` or
//! `years`. The functions that take a time directly ([`dot_look`], [`remaining_density`])
//! never panic: NaN and negative times count as 0, fresh days past 28 as 28, and an infinite
//! number of years as fully faded.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::render::{Blend, Dot};

use crate::color::LinearRgb;
use crate::error::DesignError;
use crate::pigment::{SessionShade, SkinTone, CARBON_FULL_DENSITY};

/// Days after which a dot has its healed look ("healed from about a month").
const HEALED_FROM_DAYS: f32 = 28.0;
/// Days over which the fresh darkening eases off: darker for 1-2 weeks (001, 002).
const SETTLE_DAYS: f32 = 14.0;
/// Density multiplier on the session day.
const FRESH_DARKENING: f32 = 1.4;
/// Days of redness (001, 002).
const REDNESS_DAYS: f32 = 3.0;
/// Opacity of the redness halo on the session day, on the fairest skin.
const REDNESS_OPACITY: f32 = 0.5;
/// Radius of the redness halo, in dot radii.
const REDNESS_RADIUS: f32 = 1.8;
/// Inflamed skin's colour as a filter of the skin's colour.
const ERYTHEMA: LinearRgb = LinearRgb::new(0.95, 0.6, 0.6);
/// Soft edge of a fresh dot, as a fraction of its radius.
const FRESH_SOFTNESS: f32 = 0.15;
/// Soft edge of a healed dot, as a fraction of its radius.
const HEALED_SOFTNESS: f32 = 0.45;
/// Radius of a healed dot relative to the fresh one: the pigment spreads a little.
const HEALED_SIZE: f32 = 1.1;
/// Per-channel weights of a healed dot's density: the Tyndall effect's cool cast.
const TYNDALL: LinearRgb = LinearRgb::new(1.02, 1.0, 0.92);
/// Remaining density below which a touch-up is due.
const TOUCH_UP_THRESHOLD: f32 = 0.75;
/// Days in a year.
const DAYS_PER_YEAR: f32 = 365.25;

/// The client's sun exposure, which sets how fast the pigment fades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Uv {
    /// Little sun on the scalp: hats, sunscreen.
    Low,
    /// Ordinary exposure.
    #[default]
    Medium,
    /// Much sun on the bare scalp: outdoor work or sport without protection.
    High,
}

impl Uv {
    /// The names [`Uv::parse`] reads.
    pub const NAMES: [&'static str; 3] = ["low", "medium", "high"];

    /// Reads `low`, `medium` or `high` (case and surrounding spaces ignored).
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] for the parameter `uv`, listing the known names.
    ///
    /// # Example
    /// ```
    /// use smp_design::Uv;
    /// assert_eq!(Uv::parse("High").unwrap(), Uv::High);
    /// assert_eq!(
    ///     Uv::parse("extreme").unwrap_err().to_string(),
    ///     "uv: unknown exposure \"extreme\"; known: low, medium, high"
    /// );
    /// ```
    pub fn parse(text: &str) -> Result<Uv, DesignError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "low" => Ok(Uv::Low),
            "medium" => Ok(Uv::Medium),
            "high" => Ok(Uv::High),
            _ => Err(DesignError::invalid(
                "uv",
                format!(
                    "unknown exposure \"{text}\"; known: {}",
                    Uv::NAMES.join(", ")
                ),
            )),
        }
    }

    /// The first-order fading rate `k`, per year.
    pub fn fade_rate(self) -> f32 {
        match self {
            Uv::Low => 0.036,
            Uv::Medium => 0.0575,
            Uv::High => 0.082,
        }
    }
}

impl fmt::Display for Uv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Uv::Low => "low",
            Uv::Medium => "medium",
            Uv::High => "high",
        })
    }
}

impl FromStr for Uv {
    type Err = DesignError;
    fn from_str(text: &str) -> Result<Uv, DesignError> {
        Uv::parse(text)
    }
}

/// When the dot is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// The first days and weeks: `days` since the session, 0 to 28.
    Fresh {
        /// Days since the session.
        days: f32,
    },
    /// Healed, from about a month on: `years` since the session.
    Healed {
        /// Years since the session.
        years: f32,
    },
}

impl Stage {
    /// Fresh, `days` after the session.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] for the parameter `days` when it is NaN, infinite
    /// or negative.
    pub fn fresh(days: f32) -> Result<Stage, DesignError> {
        Ok(Stage::Fresh {
            days: non_negative("days", days)?,
        })
    }

    /// Healed, `years` after the session.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] for the parameter `years` when it is NaN, infinite
    /// or negative.
    pub fn healed(years: f32) -> Result<Stage, DesignError> {
        Ok(Stage::Healed {
            years: non_negative("years", years)?,
        })
    }

    /// Fresh within the first 28 days after the session, healed from then on.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] for the parameter `days` when it is NaN, infinite
    /// or negative.
    ///
    /// # Example
    /// ```
    /// use smp_design::Stage;
    /// assert_eq!(Stage::after_days(2.0).unwrap(), Stage::Fresh { days: 2.0 });
    /// assert!(matches!(Stage::after_days(730.5).unwrap(), Stage::Healed { years } if years == 2.0));
    /// assert!(Stage::after_days(-1.0).is_err());
    /// ```
    pub fn after_days(days: f32) -> Result<Stage, DesignError> {
        let days = non_negative("days", days)?;
        Ok(if days < HEALED_FROM_DAYS {
            Stage::Fresh { days }
        } else {
            Stage::Healed {
                years: days / DAYS_PER_YEAR,
            }
        })
    }
}

fn non_negative(parameter: &'static str, value: f32) -> Result<f32, DesignError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(DesignError::invalid(
            parameter,
            format!("{value} is not a time since the session; expected 0 or more {parameter}"),
        ))
    }
}

/// NaN and negative times count as 0.
fn clamp_time(value: f32) -> f32 {
    if value.is_nan() {
        0.0
    } else {
        value.max(0.0)
    }
}

/// A red ring of inflamed skin around a fresh dot.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Halo {
    /// The inflamed skin's colour, linear, to blend over the skin.
    pub color: LinearRgb,
    /// Its radius, in dot radii.
    pub radius_factor: f32,
    /// Its opacity at the dot's edge, 0 to 1, falling to 0 at its radius.
    pub opacity: f32,
}

/// How one dot looks at one stage: see the [crate documentation](crate) on appearance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DotLook {
    /// What the skin colour is multiplied by at full coverage, each channel 0 to 1.
    pub transmittance: LinearRgb,
    /// Coverage of the dot's core, 0 to 1: 1 at every stage of this model.
    pub opacity: f32,
    /// Radius relative to the needle's dot: 1.0 fresh, 1.1 healed.
    pub size_factor: f32,
    /// Width of the soft edge, as a fraction of the radius.
    pub softness: f32,
    /// The redness of the first days, if any.
    pub redness: Option<Halo>,
}

impl DotLook {
    /// What to draw for one dot of this look centred at (`x`, `y`) with `radius`, in
    /// pixels: the ink, multiplying the skin by its transmittance with a soft edge, and the
    /// red halo of fresh skin around it (drawn first), if any.
    pub fn dots_at(&self, x: f32, y: f32, radius: f32) -> (Dot, Option<Dot>) {
        let ink = Dot {
            x,
            y,
            radius,
            color: self.transmittance,
            opacity: self.opacity,
            softness: self.softness * radius,
            blend: Blend::Multiply,
        };
        let halo = self.redness.map(|halo| Dot {
            x,
            y,
            radius: radius * halo.radius_factor,
            color: halo.color,
            opacity: halo.opacity,
            softness: radius * halo.radius_factor,
            blend: Blend::Over,
        });
        (ink, halo)
    }
}

/// How a dot of this session's shade looks on this skin at this stage, with this sun
/// exposure. Never panics: NaN and negative times count as 0.
///
/// # Example
/// ```
/// use smp_design::{dot_look, HairColour, PigmentPlan, SkinTone, Stage, Uv};
/// let skin = SkinTone::default();
/// let plan = PigmentPlan::choose(&skin, &HairColour::Black, 2).unwrap();
/// let fresh = dot_look(&plan.sessions[1], &skin, Stage::Fresh { days: 1.0 }, Uv::Medium);
/// let healed = dot_look(&plan.sessions[1], &skin, Stage::Healed { years: 1.0 }, Uv::Medium);
/// assert!(fresh.redness.is_some() && healed.redness.is_none());
/// assert!(fresh.transmittance.g < healed.transmittance.g);
/// ```
pub fn dot_look(shade: &SessionShade, skin: &SkinTone, stage: Stage, uv: Uv) -> DotLook {
    let (days, years) = match stage {
        Stage::Fresh { days } => {
            let days = clamp_time(days).min(HEALED_FROM_DAYS);
            (days, days / DAYS_PER_YEAR)
        }
        Stage::Healed { years } => (HEALED_FROM_DAYS, clamp_time(years)),
    };
    let healing = smoothstep(days / HEALED_FROM_DAYS);
    let settling = 1.0 + (FRESH_DARKENING - 1.0) * (1.0 - smoothstep(days / SETTLE_DAYS));
    let visibility = skin.pigment_visibility();
    let density = CARBON_FULL_DENSITY
        * shade.dilution.clamp(0.0, 1.0)
        * visibility
        * remaining_density(years, uv)
        * settling;
    let cast = LinearRgb::grey(1.0).mix(TYNDALL, healing);
    let transmittance = LinearRgb::new(
        (-density * cast.r).exp(),
        (-density * cast.g).exp(),
        (-density * cast.b).exp(),
    );
    let size_factor = 1.0 + (HEALED_SIZE - 1.0) * healing;
    let redness = (days < REDNESS_DAYS).then(|| Halo {
        color: skin.linear().times(ERYTHEMA),
        radius_factor: REDNESS_RADIUS,
        opacity: REDNESS_OPACITY * (1.0 - days / REDNESS_DAYS) * visibility,
    });
    DotLook {
        transmittance,
        opacity: 1.0,
        size_factor,
        softness: FRESH_SOFTNESS + (HEALED_SOFTNESS - FRESH_SOFTNESS) * healing,
        redness,
    }
}

/// The fraction (0 to 1) of the pigment's optical density left `years` after the session:
/// `exp(-k · years)`, `k` by [`Uv::fade_rate`]. NaN and negative years count as 0.
///
/// # Example
/// ```
/// use smp_design::{remaining_density, Uv};
/// assert_eq!(remaining_density(0.0, Uv::High), 1.0);
/// assert!(remaining_density(5.0, Uv::High) < remaining_density(5.0, Uv::Low));
/// ```
pub fn remaining_density(years: f32, uv: Uv) -> f32 {
    (-uv.fade_rate() * clamp_time(years)).exp()
}

/// Years after the session until the remaining density falls below 0.75, when a touch-up
/// is due: about 8 (low UV), 5 (medium), 3.5 (high).
///
/// # Example
/// ```
/// use smp_design::{touch_up_due_years, Uv};
/// assert!((4.0..=6.0).contains(&touch_up_due_years(Uv::Medium)));
/// ```
pub fn touch_up_due_years(uv: Uv) -> f32 {
    (1.0 / TOUCH_UP_THRESHOLD).ln() / uv.fade_rate()
}

/// 0 below 0, 1 above 1, smooth in between.
fn smoothstep(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}
