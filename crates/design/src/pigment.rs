//! Pigment: which shade of carbon black, at which dilution, for each session.
//!
//! # Rules
//! Each rule is taken from the clinical sources (numbered as in `DOMAIN.md`):
//!
//! - **Carbon black only, diluted far more than tattoo ink** (000, 004): the pigment is a
//!   carbon-based black with no dyes or additives, diluted with water. The dilution is the
//!   fraction of carbon black in the mix, at most `MAX_DILUTION` (70 %): never pure black,
//!   not even for black hair on very fair skin.
//! - **Never a chromatic colour** (000, 001, 004): blue, green or purple bases turn blue or
//!   green as they heal. Every ink this module chooses is a neutral grey (`r = g = b`); with
//!   carbon, fading is a lightening, not a colour change.
//! - **Shade matched to hair colour and skin tone** (003). The target is the look of a
//!   shaved follicle of this hair on this skin: a healed dot should reflect a fixed fraction of
//!   the surrounding skin's light (its contrast is chosen *relative to the skin*), and that
//!   fraction is set by how dark the hair's root is. A shaved root looks darker than the hair
//!   (000), so the root is taken as the hair with its CIE lightness L\* scaled by
//!   `ROOT_LIGHTNESS`.
//! - **Grey, white or light hair gets a lighter, grey-scale dilution** (000, 004). Hair with
//!   a lightness L\* of at least `LIGHT_HAIR_LIGHTNESS` (light brown, blonde, grey, white)
//!   is planned as grey-scale, and its lighter root asks for less contrast, so less carbon.
//! - **Darker skin needs a stronger (less diluted) mix to show**: the pigment sits under
//!   the upper skin, whose melanin hides part of its darkening. The fraction that shows is
//!   `visibility = Y_skin ^ MELANIN_EXPONENT` (`Y` the skin's relative luminance), so the
//!   same contrast needs more carbon on darker skin.
//! - **Sessions** (001, 002, 004): session 1 is the foundation, conservative and lighter
//!   (`FOUNDATION_FACTOR` of the matched shade); session 2 adds a second, darker shade for
//!   depth — the matched shade itself; session 3 and later refine at the session-2 shade
//!   or slightly darker (`REFINEMENT_FACTOR`, within `MAX_DILUTION`). A plan has 1 to 4
//!   sessions.
//!
//! # The dilution, in one formula
//! The matched (session-2) dilution is
//!
//! ```text
//! darkness  = 1 - ROOT_LIGHTNESS * L*_hair / 100           (0 for a white root, 1 for black)
//! target    = FOLLICLE_DENSITY * darkness                  (optical density, natural log)
//! dilution  = target / (CARBON_FULL_DENSITY * visibility)  clamped to MIN..=MAX_DILUTION
//! ```
//!
//! so that a healed dot, as [`dot_look`](crate::dot_look) renders it, reflects
//! `exp(-target)` of the skin's light around it: about 25 % for black hair, 64 % for white.
//! Dilutions are rounded to whole percent, so the name a practitioner reads is the value used.
//!
//! # Constants
//! | constant | value | reason |
//! |---|---|---|
//! | `CARBON_FULL_DENSITY` | 5.0 | undiluted carbon black is practically opaque: 0.7 % of light through a dot |
//! | `FOLLICLE_DENSITY` | 1.5 | a black follicle's dot reflects about a quarter of the skin's light (healed SMP on fair skin) |
//! | `ROOT_LIGHTNESS` | 0.8 | a shaved root looks darker than the hair (000) |
//! | `MELANIN_EXPONENT` | 0.2 | black hair: about 29 % on Monk 1, 62 % on Monk 10 |
//! | `LIGHT_HAIR_LIGHTNESS` | 45 | L\* from which hair counts as light (light brown, blonde, grey, white) |
//! | `MIN_DILUTION` | 0.03 | the lightest mix that still shows |
//! | `MAX_DILUTION` | 0.70 | never pure black; far more diluted than tattoo ink (000, 004) |
//! | `FOUNDATION_FACTOR` | 0.7 | session 1 lighter (001, 002, 004) |
//! | `REFINEMENT_FACTOR` | 1.1 | session 3+ at the session-2 shade or slightly darker (001, 002, 004) |
//!
//! The representative hair colours (sRGB) are swatches of short hair, not from the sources:
//! black `#1c1a18`, dark brown `#3b2a20`, brown `#5a3f2c`, light brown `#8b6a4c`, grey
//! `#9a9a98`, white `#dcdcd8`.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::color::{LinearRgb, Srgb8};
use crate::error::DesignError;

/// Optical density (natural log) of undiluted carbon black at full coverage: practically
/// opaque, `exp(-5)` ≈ 0.7 % of light through.
pub(crate) const CARBON_FULL_DENSITY: f32 = 5.0;
/// Optical density, relative to the skin, of a healed follicle dot of a fully dark root.
pub(crate) const FOLLICLE_DENSITY: f32 = 1.5;
/// A shaved root's lightness (L*) as a fraction of the hair's: roots look darker (000).
pub(crate) const ROOT_LIGHTNESS: f32 = 0.8;
/// How much of the pigment's darkening shows through the upper skin: `Y_skin ^ this`.
pub(crate) const MELANIN_EXPONENT: f32 = 0.2;
/// Hair this light (CIE L*) or lighter gets the grey-scale dilution (000, 004).
pub(crate) const LIGHT_HAIR_LIGHTNESS: f32 = 45.0;
/// The lightest matched mix.
pub(crate) const MIN_DILUTION: f32 = 0.03;
/// The strongest mix: never pure black (000, 004).
pub(crate) const MAX_DILUTION: f32 = 0.70;
/// Session 1 (foundation) as a fraction of the matched shade (001, 002, 004).
pub(crate) const FOUNDATION_FACTOR: f32 = 0.7;
/// Session 3 and later as a multiple of the matched shade (001, 002, 004).
pub(crate) const REFINEMENT_FACTOR: f32 = 1.1;
/// Below this skin luminance, skin counts as this dark (avoids dividing by zero for `#000000`).
const DARKEST_SKIN_LUMINANCE: f32 = 0.005;

/// The Monk Skin Tone scale's published reference colours, Monk 1 (lightest) to 10.
const MONK: [Srgb8; 10] = [
    rgb(0xf6, 0xed, 0xe4),
    rgb(0xf3, 0xe7, 0xdb),
    rgb(0xf7, 0xea, 0xd0),
    rgb(0xea, 0xda, 0xba),
    rgb(0xd7, 0xbd, 0x96),
    rgb(0xa0, 0x7e, 0x56),
    rgb(0x82, 0x5c, 0x43),
    rgb(0x60, 0x41, 0x34),
    rgb(0x3a, 0x31, 0x2a),
    rgb(0x29, 0x24, 0x20),
];

const fn rgb(r: u8, g: u8, b: u8) -> Srgb8 {
    Srgb8 { r, g, b }
}

/// CIE lightness L* (0 black to 100 white) of a relative luminance.
pub(crate) fn lightness(luminance: f32) -> f32 {
    let y = luminance.clamp(0.0, 1.0);
    if y > 216.0 / 24389.0 {
        116.0 * y.cbrt() - 16.0
    } else {
        y * 24389.0 / 27.0
    }
}

/// A client's skin tone: a Monk scale tone or any sRGB colour.
///
/// Once held, it is valid. It keeps both its sRGB encoding and its linear colour.
///
/// # Example
/// ```
/// use smp_design::SkinTone;
/// let skin = SkinTone::parse("monk-6").unwrap();
/// assert_eq!(skin.monk(), Some(6));
/// assert_eq!(skin.srgb().hex(), "#a07e56");
/// assert_eq!(SkinTone::parse("#C68642").unwrap().to_string(), "#c68642");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SkinTone {
    srgb: Srgb8,
    linear: LinearRgb,
    monk: Option<u8>,
}

impl SkinTone {
    /// Reads `#rrggbb`, `rrggbb` or `monk-1` … `monk-10` (case and surrounding spaces
    /// ignored).
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] for the parameter `skin` when the text is neither.
    pub fn parse(text: &str) -> Result<SkinTone, DesignError> {
        let trimmed = text.trim();
        let lower = trimmed.to_ascii_lowercase();
        if let Some(number) = lower.strip_prefix("monk-") {
            return match number.parse::<u8>() {
                Ok(n @ 1..=10) => Ok(SkinTone::monk_tone(n)),
                _ => Err(DesignError::invalid(
                    "skin",
                    format!("\"{text}\" is not on the Monk scale; expected monk-1 to monk-10"),
                )),
            };
        }
        let digits = trimmed.strip_prefix('#').unwrap_or(trimmed);
        if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Srgb8::parse_hex("skin", trimmed).map(SkinTone::from_srgb);
        }
        Err(DesignError::invalid(
            "skin",
            format!(
                "\"{text}\" is not a skin tone; expected #rrggbb or a Monk tone, monk-1 to monk-10"
            ),
        ))
    }

    /// The tone of an sRGB colour.
    pub fn from_srgb(srgb: Srgb8) -> SkinTone {
        SkinTone {
            srgb,
            linear: LinearRgb::from_srgb(srgb),
            monk: None,
        }
    }

    /// Monk tone `n`, clamped to 1..=10.
    fn monk_tone(n: u8) -> SkinTone {
        let n = n.clamp(1, 10);
        SkinTone {
            monk: Some(n),
            ..SkinTone::from_srgb(MONK[usize::from(n - 1)])
        }
    }

    /// The sRGB encoding.
    pub fn srgb(&self) -> Srgb8 {
        self.srgb
    }

    /// The colour in linear light.
    pub fn linear(&self) -> LinearRgb {
        self.linear
    }

    /// The Monk scale number (1-10) when the tone was given as one.
    pub fn monk(&self) -> Option<u8> {
        self.monk
    }

    /// Relative luminance, 0 to 1.
    pub fn luminance(&self) -> f32 {
        self.linear.luminance()
    }

    /// The fraction (0..1] of a pigment's optical density that shows through this skin:
    /// melanin in the upper skin hides part of it.
    pub(crate) fn pigment_visibility(&self) -> f32 {
        self.luminance()
            .max(DARKEST_SKIN_LUMINANCE)
            .powf(MELANIN_EXPONENT)
    }
}

impl Default for SkinTone {
    /// Monk 3.
    fn default() -> SkinTone {
        SkinTone::monk_tone(3)
    }
}

impl fmt::Display for SkinTone {
    /// `monk-N` for a Monk tone, `#rrggbb` otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.monk {
            Some(n) => write!(f, "monk-{n}"),
            None => f.write_str(&self.srgb.hex()),
        }
    }
}

impl FromStr for SkinTone {
    type Err = DesignError;
    fn from_str(text: &str) -> Result<SkinTone, DesignError> {
        SkinTone::parse(text)
    }
}

impl Serialize for SkinTone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A client's hair colour: a named colour or any sRGB colour.
///
/// # Example
/// ```
/// use smp_design::HairColour;
/// assert_eq!(HairColour::parse("dark-brown").unwrap(), HairColour::DarkBrown);
/// assert!(HairColour::parse("grey").unwrap().is_light());
/// let err = HairColour::parse("purple").unwrap_err();
/// assert!(err.to_string().starts_with("hair: unknown colour \"purple\""));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HairColour {
    /// Black.
    Black,
    /// Dark brown.
    DarkBrown,
    /// Brown.
    Brown,
    /// Light brown.
    LightBrown,
    /// Grey (salt-and-pepper to silver).
    Grey,
    /// White.
    White,
    /// Any colour, as measured or picked from a photo.
    Srgb(Srgb8),
}

impl HairColour {
    /// The named colours, as [`HairColour::parse`] reads them.
    pub const NAMES: [&'static str; 6] = [
        "black",
        "dark-brown",
        "brown",
        "light-brown",
        "grey",
        "white",
    ];

    /// Reads one of [`HairColour::NAMES`] (also `gray`), or `#rrggbb` / `rrggbb`; case and
    /// surrounding spaces ignored.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] for the parameter `hair`, listing the known names.
    pub fn parse(text: &str) -> Result<HairColour, DesignError> {
        let trimmed = text.trim();
        let colour = match trimmed.to_ascii_lowercase().as_str() {
            "black" => HairColour::Black,
            "dark-brown" => HairColour::DarkBrown,
            "brown" => HairColour::Brown,
            "light-brown" => HairColour::LightBrown,
            "grey" | "gray" => HairColour::Grey,
            "white" => HairColour::White,
            _ if trimmed.starts_with('#')
                || (trimmed.len() == 6 && trimmed.bytes().all(|b| b.is_ascii_hexdigit())) =>
            {
                HairColour::Srgb(Srgb8::parse_hex("hair", trimmed)?)
            }
            _ => {
                return Err(DesignError::invalid(
                    "hair",
                    format!(
                        "unknown colour \"{text}\"; known: {}, or #rrggbb",
                        HairColour::NAMES.join(", ")
                    ),
                ))
            }
        };
        Ok(colour)
    }

    /// The representative sRGB colour of short hair of this colour.
    pub fn srgb(&self) -> Srgb8 {
        match self {
            HairColour::Black => rgb(0x1c, 0x1a, 0x18),
            HairColour::DarkBrown => rgb(0x3b, 0x2a, 0x20),
            HairColour::Brown => rgb(0x5a, 0x3f, 0x2c),
            HairColour::LightBrown => rgb(0x8b, 0x6a, 0x4c),
            HairColour::Grey => rgb(0x9a, 0x9a, 0x98),
            HairColour::White => rgb(0xdc, 0xdc, 0xd8),
            HairColour::Srgb(srgb) => *srgb,
        }
    }

    /// The representative colour in linear light.
    pub fn linear(&self) -> LinearRgb {
        LinearRgb::from_srgb(self.srgb())
    }

    /// CIE lightness L* of the representative colour, 0 to 100.
    pub fn lightness(&self) -> f32 {
        lightness(self.linear().luminance())
    }

    /// Grey, white or light hair: planned with the lighter grey-scale dilution (000, 004).
    pub fn is_light(&self) -> bool {
        matches!(self, HairColour::Grey | HairColour::White)
            || self.lightness() >= LIGHT_HAIR_LIGHTNESS
    }

    /// How dark a shaved root of this hair looks: 0 (white) to 1 (black).
    fn root_darkness(&self) -> f32 {
        (1.0 - ROOT_LIGHTNESS * self.lightness() / 100.0).clamp(0.0, 1.0)
    }

    /// "black hair", "dark brown hair", "hair of colour #8b6a4c".
    fn phrase(&self) -> String {
        match self {
            HairColour::Srgb(srgb) => format!("hair of colour {}", srgb.hex()),
            named => format!("{} hair", named.to_string().replace('-', " ")),
        }
    }
}

impl Default for HairColour {
    /// Black.
    fn default() -> HairColour {
        HairColour::Black
    }
}

impl fmt::Display for HairColour {
    /// The name as [`HairColour::parse`] reads it, or `#rrggbb`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            HairColour::Black => "black",
            HairColour::DarkBrown => "dark-brown",
            HairColour::Brown => "brown",
            HairColour::LightBrown => "light-brown",
            HairColour::Grey => "grey",
            HairColour::White => "white",
            HairColour::Srgb(srgb) => return f.write_str(&srgb.hex()),
        };
        f.write_str(name)
    }
}

impl FromStr for HairColour {
    type Err = DesignError;
    fn from_str(text: &str) -> Result<HairColour, DesignError> {
        HairColour::parse(text)
    }
}

impl Serialize for HairColour {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The mix for one session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionShade {
    /// The session's number, from 1.
    pub session: u32,
    /// Fraction of carbon black in the mix, 0 to 1 (the rest is diluent), in whole percent.
    pub dilution: f32,
    /// The mix's colour as a swatch: its transmittance at full coverage over white, in
    /// linear light. Always neutral: `r = g = b`.
    pub ink: LinearRgb,
    /// What the practitioner reads, e.g. `carbon black, 30% (grey-scale)`.
    pub name: String,
    /// Why this shade for this session, in a sentence a client can read.
    pub reason: String,
}

/// The pigment for a course: one shade per session, and why.
///
/// # Example
/// ```
/// use smp_design::{HairColour, PigmentPlan, SkinTone};
/// let plan = PigmentPlan::choose(&SkinTone::default(), &HairColour::Black, 3).unwrap();
/// assert_eq!(plan.sessions.len(), 3);
/// assert!(plan.sessions[0].dilution < plan.sessions[1].dilution);
/// assert!(!plan.greyscale);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PigmentPlan {
    /// One shade per session, in order.
    pub sessions: Vec<SessionShade>,
    /// The grey-scale dilution for grey, white or light hair.
    pub greyscale: bool,
    /// The choice explained, one sentence a line, with its sources.
    pub explanation: Vec<String>,
}

impl PigmentPlan {
    /// Chooses the shade of each of `sessions` sessions for this hair on this skin.
    ///
    /// Guarantees: every ink is neutral carbon black (`r = g = b`), diluted to at most 70 %;
    /// session 1 is lighter than session 2, later sessions are at the session-2 shade or
    /// slightly darker; grey, white or light hair gets a lighter grey-scale dilution, darker
    /// skin a stronger one (sources 000, 001, 003, 004; the formula and its constants are in
    /// the pigment module's documentation).
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] for the parameter `sessions` unless it is 1 to 4.
    pub fn choose(
        skin: &SkinTone,
        hair: &HairColour,
        sessions: u32,
    ) -> Result<PigmentPlan, DesignError> {
        if !(1..=4).contains(&sessions) {
            return Err(DesignError::invalid(
                "sessions",
                format!("{sessions} is out of range; expected 1 to 4 sessions"),
            ));
        }
        let greyscale = hair.is_light();
        let target = FOLLICLE_DENSITY * hair.root_darkness();
        let visibility = skin.pigment_visibility();
        let matched = percent(
            (target / (CARBON_FULL_DENSITY * visibility)).clamp(MIN_DILUTION, MAX_DILUTION),
        );
        let foundation = percent(matched * FOUNDATION_FACTOR);
        let refined = percent((matched * REFINEMENT_FACTOR).min(MAX_DILUTION)).max(matched);

        let hair_phrase = hair.phrase();
        let shades = (1..=sessions)
            .map(|session| {
                let (dilution, reason) = match session {
                    1 => (
                        foundation,
                        format!(
                            "Foundation: a lighter {}% mix maps the hairline and lays the first \
                             dots conservatively; it is easier to darken later than to lighten.",
                            whole(foundation)
                        ),
                    ),
                    2 => (
                        matched,
                        format!(
                            "Depth: a second, darker {}% mix, the shade matched to your \
                             {hair_phrase} on your skin, adds density and depth between the first dots.",
                            whole(matched)
                        ),
                    ),
                    3 => (
                        refined,
                        format!(
                            "Refinement: tweaks to the hairline and any gaps, at the session-2 shade \
                             or slightly darker ({}%) for definition.",
                            whole(refined)
                        ),
                    ),
                    _ => (
                        refined,
                        format!(
                            "Refinement: final touches at the session-3 shade ({}%).",
                            whole(refined)
                        ),
                    ),
                };
                SessionShade {
                    session,
                    dilution,
                    ink: ink(dilution),
                    name: shade_name(dilution, greyscale),
                    reason,
                }
            })
            .collect();

        let mut explanation = vec![
            "Carbon-based black only, diluted far more than tattoo ink and never a coloured \
             base: blue, green or purple bases turn blue or green as they heal, while carbon \
             only lightens as it fades (000, 001, 004)."
                .to_string(),
            format!(
                "Matched to {hair_phrase} on skin {skin} (003): a healed dot of the session-2 \
                 shade reflects about {}% of the light of the skin around it, like a shaved follicle.",
                whole((-CARBON_FULL_DENSITY * matched * visibility).exp())
            ),
            format!(
                "About {}% of the pigment's darkening shows through this skin's melanin: darker \
                 skin needs a stronger mix to show, fair skin a lighter one, and no mix is ever \
                 pure black.",
                whole(visibility)
            ),
        ];
        if greyscale {
            explanation.push(
                "Grey-scale dilution: a lighter grey blends with grey or light hair; keep the \
                 hair buzzed short, where the root looks darker (000, 004). SMP shows best with \
                 darker hair (001, 004)."
                    .to_string(),
            );
        }
        explanation.push(if sessions == 1 {
            "One session: the result stays at the lighter foundation shade; a second session \
             would add the darker shade for depth (001, 002, 004)."
                .to_string()
        } else {
            "Session 1 lays a lighter foundation, session 2 a darker shade for depth, later \
             sessions refine (001, 002, 004)."
                .to_string()
        });

        Ok(PigmentPlan {
            sessions: shades,
            greyscale,
            explanation,
        })
    }
}

/// Rounded to whole percent.
fn percent(fraction: f32) -> f32 {
    (fraction * 100.0).round() / 100.0
}

/// A fraction as a whole number of percent.
fn whole(fraction: f32) -> u32 {
    (fraction * 100.0).round().max(0.0) as u32
}

/// The swatch of a mix: its transmittance at full coverage over white, neutral.
fn ink(dilution: f32) -> LinearRgb {
    LinearRgb::grey((-CARBON_FULL_DENSITY * dilution).exp())
}

fn shade_name(dilution: f32, greyscale: bool) -> String {
    let suffix = if greyscale { " (grey-scale)" } else { "" };
    format!("carbon black, {}%{suffix}", whole(dilution))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lightness_of_white_is_100_and_of_mid_grey_is_about_50() {
        assert!((lightness(1.0) - 100.0).abs() < 1e-3);
        assert!((lightness(0.184) - 50.0).abs() < 0.1);
        assert_eq!(lightness(0.0), 0.0);
    }

    #[test]
    fn the_monk_scale_is_darker_at_the_end_than_at_the_start() {
        assert!(SkinTone::monk_tone(10).luminance() < SkinTone::monk_tone(1).luminance());
        assert!(SkinTone::monk_tone(10).pigment_visibility() > 0.3);
    }
}
