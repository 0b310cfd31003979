//! Helpers shared by the test modules.

use jiff::civil::Date;
use smp_treatment::{screen, Answers, Policy, Screening};

/// The policy with a clinic file over the defaults; panics on a bad file.
pub fn policy_with(toml: &str) -> Policy {
    Policy::from_toml("test.toml", toml).unwrap_or_else(|e| panic!("bad test policy: {e}"))
}

/// Parses answers and screens them on `on` under `policy`.
pub fn screen_json(json: &str, on: Date, policy: &Policy) -> Screening {
    let answers = Answers::parse("answers.json", json, on).unwrap_or_else(|e| panic!("{e}"));
    screen(&answers, on, policy)
}

/// The rule ids of a screening's findings.
pub fn rules(result: &Screening) -> Vec<&'static str> {
    result.findings.iter().map(|f| f.rule).collect()
}
