//! Screening a client against the medical contraindications.
//!
//! The [`Answers`] of the health questionnaire are evaluated by [`screen`] on a given day
//! under a [`Policy`](crate::Policy). Every [`Finding`] names its rule id, a sentence the
//! client can read and its sources; the overall [`Outcome`] is the worst finding and a
//! deferral runs until the latest waiting period ends.

mod answers;
mod evaluate;
mod finding;

pub use answers::{Answers, MedicationUse, Procedure, Skin};
pub use evaluate::{latest_deferral, screen};
pub use finding::{Finding, FindingOutcome, Outcome, Screening, Verdict};
