//! Which moment of a design a preview shows: after which session, fresh or healed, how
//! many years on.

use std::collections::HashMap;

use smp_design::{Moment, Stage};

use crate::error::ApiError;

/// The furthest a preview looks ahead, years.
pub const MAX_YEARS: f32 = 10.0;
/// The day after the session a fresh preview shows (redness still around the dots).
pub const FRESH_DAY: f32 = 1.0;

/// A preview's moment as the query string gives it (`after`, `stage`, `years`).
#[derive(Debug, Clone, Default)]
pub struct MomentQuery {
    /// After session k (1 to the design's sessions; default: the last).
    pub after: Option<String>,
    /// `fresh` or `healed` (the default).
    pub stage: Option<String>,
    /// Years after the session, 0 to 10 (healed only; default 0).
    pub years: Option<String>,
}

impl MomentQuery {
    /// The moment's parts from a query string's pairs.
    ///
    /// # Errors
    /// [`ApiError::Invalid`] naming a parameter that is not one of the three.
    pub fn from_pairs(pairs: &HashMap<String, String>) -> Result<MomentQuery, ApiError> {
        if let Some(other) = pairs
            .keys()
            .find(|k| !["after", "stage", "years"].contains(&k.as_str()))
        {
            return Err(ApiError::invalid(
                other.clone(),
                "is not a preview parameter; use after, stage and years",
            ));
        }
        Ok(MomentQuery {
            after: pairs.get("after").cloned(),
            stage: pairs.get("stage").cloned(),
            years: pairs.get("years").cloned(),
        })
    }

    /// The moment for a design of `sessions` sessions.
    ///
    /// # Errors
    /// [`ApiError::Invalid`] naming `after`, `stage` or `years`.
    pub fn moment(&self, sessions: u32) -> Result<Moment, ApiError> {
        let after = match self.after.as_deref() {
            None => sessions,
            Some(text) => text.trim().parse::<u32>().map_err(|_| {
                ApiError::invalid("after", format!("{text:?} is not a session number"))
            })?,
        };
        if !(1..=sessions).contains(&after) {
            return Err(ApiError::invalid(
                "after",
                format!("must be a session from 1 to {sessions}, got {after}"),
            ));
        }
        let years = match self.years.as_deref() {
            None => 0.0,
            Some(text) => text
                .trim()
                .parse::<f32>()
                .map_err(|_| ApiError::invalid("years", format!("{text:?} is not a number")))?,
        };
        if !(years.is_finite() && (0.0..=MAX_YEARS).contains(&years)) {
            return Err(ApiError::invalid(
                "years",
                format!("must be between 0 and {MAX_YEARS}, got {years}"),
            ));
        }
        let stage = match self.stage.as_deref() {
            None | Some("healed") => Stage::healed(years),
            Some("fresh") => Stage::fresh(FRESH_DAY),
            Some(other) => {
                return Err(ApiError::invalid(
                    "stage",
                    format!("{other:?} is not a stage; use fresh or healed"),
                ))
            }
        }
        .map_err(|e| ApiError::invalid("years", e.to_string()))?;
        Ok(Moment {
            after_session: after,
            stage,
        })
    }

    /// The moment in words, for a caption: "after session 3, healed, 5 years on".
    pub fn describe(moment: &Moment) -> String {
        let stage = match moment.stage {
            Stage::Fresh { .. } => "fresh".to_owned(),
            Stage::Healed { years } if years <= 0.0 => "healed".to_owned(),
            Stage::Healed { years } => format!("healed, {} years on", trim(years)),
        };
        format!("After session {}, {stage}", moment.after_session)
    }
}

fn trim(years: f32) -> String {
    if years.fract() == 0.0 {
        format!("{years:.0}")
    } else {
        format!("{years:.1}")
    }
}
