//! `smp screen`.

use smp_treatment::{human_date, screen, Answers, FindingOutcome, Outcome, Screening};

use crate::args::ScreenArgs;
use crate::failure::Failure;
use crate::inputs::{self, outln};

/// Reads the answers, screens them and prints the result. Exit 0 whatever the outcome.
pub fn run(args: &ScreenArgs) -> Result<(), Failure> {
    let policy = inputs::policy(args.common.policy.as_deref())?;
    let on = args.on.unwrap_or_else(|| jiff::Zoned::now().date());
    let text = inputs::read(&args.answers, "answers file")?;
    let answers = Answers::parse(&args.answers.display().to_string(), &text, on)?;
    let result = screen(&answers, on, &policy);
    if args.common.json {
        inputs::print_json(&result)
    } else {
        let mut out = String::new();
        print_text(&mut out, &result);
        inputs::emit(&out)
    }
}

fn print_text(out: &mut String, result: &Screening) {
    let headline = match (result.outcome, result.deferred_until) {
        (Outcome::Eligible, _) => "ELIGIBLE".to_string(),
        (Outcome::Deferred, Some(until)) => format!("DEFERRED until {}", human_date(until)),
        (Outcome::Review, Some(until)) => format!(
            "REVIEW by a practitioner or physician (and deferred until {})",
            human_date(until)
        ),
        (Outcome::Review, None) => "REVIEW by a practitioner or physician".to_string(),
        (Outcome::NotACandidate, _) => "NOT A CANDIDATE".to_string(),
        (Outcome::Deferred, None) => "DEFERRED".to_string(),
    };
    outln!(out, "Screening on {}: {headline}", human_date(result.on));
    if result.findings.is_empty() {
        outln!(
            out,
            "\nNo findings: nothing in the answers stands in the way of treatment."
        );
        return;
    }
    outln!(out);
    for finding in &result.findings {
        let label = match finding.outcome {
            FindingOutcome::Deferred { until } => format!("deferred until {until}"),
            other => other.outcome().name().replace('_', " "),
        };
        let sources: Vec<&str> = finding.sources.iter().map(|s| s.number()).collect();
        outln!(
            out,
            "- [{label}] {} (rule {}; sources {})",
            finding.message,
            finding.rule,
            sources.join(", ")
        );
    }
}
