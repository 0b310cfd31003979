//! The source documents the clinical rules come from.

use serde::Serialize;

/// One of the five source documents in `shared/seeds/`, named by its number.
///
/// Every rule of the policy names the sources it was distilled from, so that a
/// practitioner can see why smp asks for what it asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Source {
    /// 000: a clinic's "Scalp Micropigmentation 101" page with pre-care, aftercare and its
    /// list of who is not a candidate.
    #[serde(rename = "000")]
    S000,
    /// 001: "Scalp Micropigmentation (SMP): The Ultimate Guide".
    #[serde(rename = "001")]
    S001,
    /// 002: "Scalp Micropigmentation: What You Need to Know", medically reviewed.
    #[serde(rename = "002")]
    S002,
    /// 003: an overview of SMP as cosmetic permanent makeup.
    #[serde(rename = "003")]
    S003,
    /// 004: a clinic's "Scalp Micropigmentation Frequently Asked Questions".
    #[serde(rename = "004")]
    S004,
}

impl Source {
    /// The three-digit number the source file starts with.
    pub fn number(self) -> &'static str {
        match self {
            Source::S000 => "000",
            Source::S001 => "001",
            Source::S002 => "002",
            Source::S003 => "003",
            Source::S004 => "004",
        }
    }
}

/// Joins source numbers for display, as in `000, 004`.
pub fn list(sources: &[Source]) -> String {
    sources
        .iter()
        .map(|s| s.number())
        .collect::<Vec<_>>()
        .join(", ")
}
