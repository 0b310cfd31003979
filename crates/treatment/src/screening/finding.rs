//! Outcomes and findings of a screening.

use jiff::civil::Date;
use serde::Serialize;

use crate::source::Source;

/// What the policy says about a condition: the three outcomes a condition alone can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No obstacle; the finding may still carry an instruction.
    Eligible,
    /// A caution: a practitioner or physician must decide.
    Review,
    /// Absolute under the policy.
    NotACandidate,
}

impl Verdict {
    /// The policy file's word for the verdict.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Eligible => "eligible",
            Verdict::Review => "review",
            Verdict::NotACandidate => "not_a_candidate",
        }
    }

    /// Reads the policy file's word.
    pub fn parse(text: &str) -> Option<Verdict> {
        match text {
            "eligible" => Some(Verdict::Eligible),
            "review" => Some(Verdict::Review),
            "not_a_candidate" => Some(Verdict::NotACandidate),
            _ => None,
        }
    }
}

/// The overall outcome of a screening, from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Nothing stands in the way.
    Eligible,
    /// A waiting period runs; treatment can start on the deferral date.
    Deferred,
    /// A practitioner or physician must decide before treatment.
    Review,
    /// Not a candidate under the clinic's policy.
    NotACandidate,
}

impl Outcome {
    /// The outcome's word, as in the JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Eligible => "eligible",
            Outcome::Deferred => "deferred",
            Outcome::Review => "review",
            Outcome::NotACandidate => "not_a_candidate",
        }
    }
}

impl From<Verdict> for Outcome {
    fn from(verdict: Verdict) -> Outcome {
        match verdict {
            Verdict::Eligible => Outcome::Eligible,
            Verdict::Review => Outcome::Review,
            Verdict::NotACandidate => Outcome::NotACandidate,
        }
    }
}

/// The outcome of one finding; a deferral carries the first day treatment may happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum FindingOutcome {
    /// No obstacle.
    Eligible,
    /// Wait until this date (the first day a session may happen).
    Deferred {
        /// The first day a session may happen.
        until: Date,
    },
    /// Practitioner or physician review.
    Review,
    /// Not a candidate.
    NotACandidate,
}

impl FindingOutcome {
    /// The overall outcome this finding stands for.
    pub fn outcome(self) -> Outcome {
        match self {
            FindingOutcome::Eligible => Outcome::Eligible,
            FindingOutcome::Deferred { .. } => Outcome::Deferred,
            FindingOutcome::Review => Outcome::Review,
            FindingOutcome::NotACandidate => Outcome::NotACandidate,
        }
    }
}

impl From<Verdict> for FindingOutcome {
    fn from(verdict: Verdict) -> FindingOutcome {
        match verdict {
            Verdict::Eligible => FindingOutcome::Eligible,
            Verdict::Review => FindingOutcome::Review,
            Verdict::NotACandidate => FindingOutcome::NotACandidate,
        }
    }
}

/// One thing the screening found, with the rule that produced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The policy rule's id, such as `screen.isotretinoin_months`.
    pub rule: &'static str,
    /// What this finding means for treatment.
    #[serde(flatten)]
    pub outcome: FindingOutcome,
    /// A sentence the client can read.
    pub message: String,
    /// The sources of the rule.
    pub sources: &'static [Source],
}

/// The result of screening one questionnaire on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Screening {
    /// The day the answers were evaluated for.
    pub on: Date,
    /// The worst outcome of all findings.
    pub outcome: Outcome,
    /// The end of the latest waiting period, when any runs (also shown when a review
    /// outranks the deferral).
    pub deferred_until: Option<Date>,
    /// Every finding, worst first.
    pub findings: Vec<Finding>,
}

impl Screening {
    /// Sums up findings: the worst outcome and the latest deferral.
    pub fn from_findings(on: Date, mut findings: Vec<Finding>) -> Screening {
        findings.sort_by_key(|f| std::cmp::Reverse(f.outcome.outcome()));
        let outcome = findings
            .iter()
            .map(|f| f.outcome.outcome())
            .max()
            .unwrap_or(Outcome::Eligible);
        let deferred_until = findings
            .iter()
            .filter_map(|f| match f.outcome {
                FindingOutcome::Deferred { until } => Some(until),
                _ => None,
            })
            .max();
        Screening {
            on,
            outcome,
            deferred_until,
            findings,
        }
    }
}
