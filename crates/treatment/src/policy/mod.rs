//! Clinic policy: every number and list of DOMAIN.md as a typed, sourced, overridable rule.
//!
//! Each rule has a stable dotted id (`gap.min_days`, `precare.retinol_days`), the source
//! documents it comes from, and a default as DOMAIN.md chooses it. A clinic overrides any of
//! them in a TOML file whose keys are the ids:
//!
//! ```toml
//! [gap]
//! min_days = 14
//!
//! [screen]
//! keloid_formation = "not_a_candidate"
//! ```

mod check;
mod file;
mod table;
mod value;

use serde::Serialize;

use crate::source::{self, Source};

pub use table::{Policy, RULES};
pub use value::{format_hours, SessionLength};

/// What one policy rule is: its id, unit, sources and a summary.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleSpec {
    /// The stable dotted id, which is also its key in a clinic file.
    pub id: &'static str,
    /// The unit of its value (`days`, `minor units`), empty when it has none.
    pub unit: &'static str,
    /// The source documents it was distilled from; empty for smp's own defaults.
    pub sources: &'static [Source],
    /// One sentence saying what the rule does.
    pub summary: &'static str,
}

impl RuleSpec {
    /// Looks a rule up by its id.
    pub fn find(id: &str) -> Option<&'static RuleSpec> {
        RULES.iter().find(|rule| rule.id == id)
    }
}

/// Where a rule's effective value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// DOMAIN.md's default.
    Default,
    /// A clinic's policy file, at a line.
    ClinicFile {
        /// The file's name as given.
        file: String,
        /// The line of the key (1-based).
        line: usize,
    },
}

/// One rule with its effective value, as `smp policy show` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyEntry {
    /// The rule's id.
    pub id: &'static str,
    /// The effective value as JSON.
    pub value: serde_json::Value,
    /// The effective value as text.
    pub text: String,
    /// The unit of the value.
    pub unit: &'static str,
    /// Where the value came from.
    pub origin: Origin,
    /// The sources of the rule.
    pub sources: &'static [Source],
    /// What the rule does.
    pub summary: &'static str,
}

impl PolicyEntry {
    /// Where the value came from, as a person reads it: "default from 000, 004" or
    /// "clinic file policy.toml line 12".
    pub fn origin_text(&self) -> String {
        match &self.origin {
            Origin::Default if self.sources.is_empty() => "smp default".to_string(),
            Origin::Default => format!("default from {}", source::list(self.sources)),
            Origin::ClinicFile { file, line } => format!("clinic file {file} line {line}"),
        }
    }
}

impl Policy {
    /// Every rule with its effective value and origin, in table order.
    pub fn entries(&self) -> Vec<PolicyEntry> {
        RULES
            .iter()
            .filter_map(|rule| {
                let (value, text) = self.value_of(rule.id)?;
                Some(PolicyEntry {
                    id: rule.id,
                    value,
                    text,
                    unit: rule.unit,
                    origin: self.origin(rule.id),
                    sources: rule.sources,
                    summary: rule.summary,
                })
            })
            .collect()
    }

    /// Where the value of rule `id` came from.
    pub fn origin(&self, id: &str) -> Origin {
        self.origins.get(id).cloned().unwrap_or(Origin::Default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_id_is_unique_and_has_a_value() {
        let policy = Policy::default();
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len(), "duplicate rule ids");
        assert_eq!(policy.entries().len(), RULES.len());
    }

    #[test]
    fn defaults_pass_their_own_consistency_checks() {
        assert!(Policy::from_toml("defaults.toml", "").is_ok());
    }

    #[test]
    fn default_origin_names_the_sources() {
        let policy = Policy::default();
        let entry = policy
            .entries()
            .into_iter()
            .find(|e| e.id == "gap.min_days")
            .unwrap();
        assert_eq!(entry.origin_text(), "default from 000, 004");
    }
}
