//! `smp plan`.

use smp_treatment::{
    format_hours, human_date, plan, plan_sheet, screen, Answers, ClientEvent, CourseRequest,
    Outcome, PlanSheet, Screening, Severity,
};

use super::care::print_sheet;
use crate::args::PlanArgs;
use crate::failure::Failure;
use crate::inputs::{self, outln};

/// Plans a course and prints it with its quote, care, medicines and recall.
pub fn run(args: &PlanArgs) -> Result<(), Failure> {
    let policy = inputs::policy(args.common.policy.as_deref())?;
    let events = match &args.events {
        Some(path) => {
            let text = inputs::read(path, "events file")?;
            ClientEvent::parse_list(&path.display().to_string(), &text)?
        }
        None => Vec::new(),
    };
    let screening = match &args.answers {
        Some(path) => {
            let on = args.on.unwrap_or_else(|| jiff::Zoned::now().date());
            let text = inputs::read(path, "answers file")?;
            let answers = Answers::parse(&path.display().to_string(), &text, on)?;
            Some(screen(&answers, on, &policy))
        }
        None => None,
    };
    if let Some(result) = screening
        .as_ref()
        .filter(|s| s.outcome == Outcome::NotACandidate)
    {
        return not_planned(args, result);
    }
    // A waiting period moves the first session to the day it ends.
    let start = match screening.as_ref().and_then(|s| s.deferred_until) {
        Some(until) if until > args.start => until,
        _ => args.start,
    };
    let request = CourseRequest {
        area: args.area,
        start,
        sessions: args.sessions,
        events,
    };
    let course = plan(&policy, &request)?;
    let zone = inputs::zone(args.tz.clone());
    let sheet = plan_sheet(&policy, course, policy.plan_session_time, &zone)?;
    if args.common.json {
        match &screening {
            Some(result) => {
                inputs::print_json(&serde_json::json!({ "screening": result, "plan": sheet }))
            }
            None => inputs::print_json(&sheet),
        }
    } else {
        let mut out = String::new();
        if let Some(result) = &screening {
            print_screening(&mut out, result, start != args.start);
        }
        print_text(&mut out, &sheet);
        inputs::emit(&out)
    }
}

/// Says why no course is planned for a client who is not a candidate.
fn not_planned(args: &PlanArgs, result: &Screening) -> Result<(), Failure> {
    if args.common.json {
        return inputs::print_json(&serde_json::json!({ "screening": result, "plan": null }));
    }
    let mut out = String::new();
    outln!(
        out,
        "No course is planned: the screening found the client is not a candidate."
    );
    list_findings(&mut out, result, Outcome::NotACandidate);
    inputs::emit(&out)
}

/// The screening's bearing on the course, before the course itself.
fn print_screening(out: &mut String, result: &Screening, moved: bool) {
    match (result.outcome, result.deferred_until) {
        (_, Some(until)) if moved => outln!(
            out,
            "Screening: a waiting period runs until {}; the course starts then.",
            human_date(until)
        ),
        (Outcome::Eligible, _) => outln!(out, "Screening: eligible."),
        _ => {}
    }
    if result.outcome == Outcome::Review {
        outln!(
            out,
            "Screening: a practitioner or physician must review before the first session:"
        );
        list_findings(out, result, Outcome::Review);
    }
    outln!(out);
}

/// One line per finding with the given outcome: its sentence and rule.
fn list_findings(out: &mut String, result: &Screening, outcome: Outcome) {
    for finding in result
        .findings
        .iter()
        .filter(|f| f.outcome.outcome() == outcome)
    {
        outln!(out, "- {} (rule {})", finding.message, finding.rule);
    }
}

/// The clock time of a local `YYYY-MM-DDTHH:MM`, whatever the length of the year.
fn clock(local: &str) -> &str {
    local.rsplit_once('T').map_or(local, |(_, time)| time)
}

fn print_text(out: &mut String, sheet: &PlanSheet) {
    let course = &sheet.course;
    outln!(
        out,
        "Course for {}: {} session(s), times in {}",
        course.area,
        course.sessions.len(),
        sheet.time_zone
    );
    outln!(out, "\nSessions");
    for s in &sheet.sessions {
        outln!(
            out,
            "  {}. {} {}-{}  {} h  {}",
            s.session.number,
            human_date(s.session.date),
            clock(&s.starts),
            clock(&s.ends),
            format_hours(s.session.length),
            s.session.purpose.describe()
        );
    }
    outln!(out, "\nQuote ({})", sheet.quote.currency.code());
    for line in &sheet.quote.lines {
        outln!(out, "  {:28} {:>16}", line.label, line.amount.to_string());
    }
    outln!(
        out,
        "  {:28} {:>16}",
        "Total",
        sheet.quote.total.to_string()
    );
    if let Some(m) = sheet.minoxidil {
        outln!(
            out,
            "\nMinoxidil (Rogaine): pause from {} (first session); restart on {}",
            human_date(m.stop),
            human_date(m.restart)
        );
    }
    if let Some(recall) = sheet.recall {
        outln!(
            out,
            "Touch-up recall: first offer on {}, then every {} year(s)",
            human_date(recall.first),
            recall.then_every_years
        );
    }
    if course.violations.is_empty() {
        outln!(out, "\nEvery rule is kept.");
    } else {
        outln!(out, "\nRules the plan could not keep:");
        for v in &course.violations {
            let level = match v.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            outln!(out, "  [{level}] {}: {}", v.rule, v.message);
        }
    }
    for s in &sheet.sessions {
        outln!(out);
        print_sheet(out, &s.care);
    }
}
