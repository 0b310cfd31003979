//! Hairline styles: where the front hairline runs and how density ramps up behind it.
//!
//! A natural hairline is irregular at two scales — a slow wave of a few millimetres over
//! centimetres, and dot-level jitter — and has a transition zone 5-10 mm deep where density
//! ramps up from nothing to full. Edge-up is the exception: sharp and squared by design.

use serde::Serialize;

use crate::error::DesignError;
use crate::shape::{noise_1d, smoothstep};

/// The look of the front hairline (DOMAIN.md, "Design vocabulary"; 004, 001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HairlineStyle {
    /// Mature: higher, receded temples, a soft irregular edge.
    Conservative,
    /// Modern or straight: a nearly straight front with shallow temples.
    Modern,
    /// The barber's edge-up: sharp, squared temples, no transition.
    EdgeUp,
    /// A widow's peak: a V at the centre of the front.
    WidowsPeak,
    /// Soft and feathered: the widest, most irregular transition.
    Soft,
}

impl HairlineStyle {
    /// Every style, with its command-line name.
    pub const ALL: [(HairlineStyle, &'static str); 5] = [
        (HairlineStyle::Conservative, "conservative"),
        (HairlineStyle::Modern, "modern"),
        (HairlineStyle::EdgeUp, "edge-up"),
        (HairlineStyle::WidowsPeak, "widows-peak"),
        (HairlineStyle::Soft, "soft"),
    ];

    /// Reads a style's name.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] for `hairline`, listing the known styles.
    pub fn parse(text: &str) -> Result<HairlineStyle, DesignError> {
        Self::ALL
            .iter()
            .find(|(_, name)| *name == text || (*name == "modern" && text == "straight"))
            .map(|(style, _)| *style)
            .ok_or_else(|| {
                let known: Vec<&str> = Self::ALL.iter().map(|(_, n)| *n).collect();
                DesignError::invalid(
                    "hairline",
                    format!("unknown style \"{text}\"; known: {}", known.join(", ")),
                )
            })
    }

    /// The style's name.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(style, _)| *style == self)
            .map_or("modern", |(_, name)| name)
    }
}

/// A hairline: style, temples, irregularity and transition, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Hairline {
    /// The style.
    pub style: HairlineStyle,
    /// How far the temple corners sit behind the centre of the front.
    pub temple_recess: f32,
    /// Half the distance between the temple points.
    pub temple_width: f32,
    /// 0 (a ruler's line) to 2 (very irregular); 1 is natural.
    pub irregularity: f32,
    /// Depth of the zone behind the line where density ramps up.
    pub transition: f32,
    /// How far the centre comes forward (widow's peak) or sits back, mm.
    pub peak: f32,
}

impl Hairline {
    /// A style's usual shape.
    pub fn of(style: HairlineStyle) -> Hairline {
        let (temple_recess, irregularity, transition, peak) = match style {
            HairlineStyle::Conservative => (22.0, 1.0, 8.0, -4.0),
            HairlineStyle::Modern => (9.0, 0.8, 7.0, 0.0),
            HairlineStyle::EdgeUp => (0.0, 0.0, 1.5, 0.0),
            HairlineStyle::WidowsPeak => (16.0, 0.8, 7.0, 10.0),
            HairlineStyle::Soft => (12.0, 1.5, 10.0, 0.0),
        };
        Hairline {
            style,
            temple_recess,
            temple_width: 48.0,
            irregularity,
            transition,
            peak,
        }
    }

    /// Checks the shape's numbers.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] naming the value out of range.
    pub fn validate(&self) -> Result<(), DesignError> {
        let check = |name, v, lo, hi| DesignError::check_range(name, v, lo, hi, "");
        check("temple-recess", self.temple_recess, -10.0, 45.0)?;
        check("temple-width", self.temple_width, 25.0, 70.0)?;
        check("irregularity", self.irregularity, 0.0, 2.0)?;
        check("transition", self.transition, 0.5, 20.0)?;
        check("peak", self.peak, -15.0, 20.0)
    }

    /// The chart y of the hairline at chart x, given the midline hairline's y; points with
    /// a larger y are forehead.
    pub fn line_y(&self, x: f32, midline_y: f32, seed: u64) -> f32 {
        let ax = x.abs();
        let w = self.temple_width;
        let base = if self.style == HairlineStyle::EdgeUp {
            // Straight across, then a square corner back at the temple point.
            if ax <= w {
                midline_y
            } else {
                midline_y - 18.0 - (ax - w) * 0.35
            }
        } else {
            let recess = self.temple_recess * smoothstep(0.35 * w, w, ax);
            let beyond = (ax - w).max(0.0) * 0.35;
            let peak = self.peak * (1.0 - (ax / 28.0).min(1.0)).powf(1.5);
            midline_y + peak - recess - beyond
        };
        let slow = 2.0 * self.irregularity * noise_1d(seed, x, 30.0);
        let jitter = 1.0 * self.irregularity * noise_1d(seed ^ 0x51ED, x, 2.5);
        base + slow + jitter
    }

    /// The density ramp at a depth behind the line: 0 in front, 1 once past the transition.
    pub fn ramp(&self, depth: f32) -> f32 {
        smoothstep(0.0, self.transition, depth)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_parse_and_unknown_ones_list_the_known() {
        assert_eq!(
            HairlineStyle::parse("edge-up").unwrap(),
            HairlineStyle::EdgeUp
        );
        assert_eq!(
            HairlineStyle::parse("straight").unwrap(),
            HairlineStyle::Modern
        );
        let err = HairlineStyle::parse("mohawk").unwrap_err();
        assert_eq!(
            err.to_string(),
            "hairline: unknown style \"mohawk\"; known: conservative, modern, edge-up, widows-peak, soft"
        );
    }

    #[test]
    fn conservative_temples_sit_further_back_than_modern_ones() {
        let y = |style| {
            Hairline {
                irregularity: 0.0,
                ..Hairline::of(style)
            }
            .line_y(48.0, 60.0, 1)
        };
        assert!(y(HairlineStyle::Conservative) < y(HairlineStyle::Modern) - 10.0);
    }

    #[test]
    fn a_widows_peak_comes_forward_at_the_centre() {
        let h = Hairline {
            irregularity: 0.0,
            ..Hairline::of(HairlineStyle::WidowsPeak)
        };
        assert!(h.line_y(0.0, 60.0, 1) > h.line_y(20.0, 60.0, 1) + 3.0);
    }

    #[test]
    fn a_natural_hairline_is_irregular_and_edge_up_is_not() {
        let spread = |style| {
            let h = Hairline::of(style);
            let ys: Vec<f32> = (0..40).map(|i| h.line_y(i as f32 * 0.5, 60.0, 3)).collect();
            ys.iter().cloned().fold(f32::MIN, f32::max)
                - ys.iter().cloned().fold(f32::MAX, f32::min)
        };
        assert!(spread(HairlineStyle::Soft) > 0.5);
        assert_eq!(spread(HairlineStyle::EdgeUp), 0.0);
    }

    #[test]
    fn density_ramps_up_across_the_transition_zone() {
        let h = Hairline::of(HairlineStyle::Modern);
        assert_eq!(h.ramp(-1.0), 0.0);
        assert!(h.ramp(3.5) > 0.3 && h.ramp(3.5) < 0.7);
        assert_eq!(h.ramp(7.0), 1.0);
    }
}
