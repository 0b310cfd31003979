//! `smp care`.

use smp_treatment::{care_sheet, CareSheet};

use crate::args::CareArgs;
use crate::failure::Failure;
use crate::inputs::{self, outln};

/// Prints the dated instructions around one session.
pub fn run(args: &CareArgs) -> Result<(), Failure> {
    let policy = inputs::policy(args.common.policy.as_deref())?;
    let zone = inputs::zone(args.tz.clone());
    let start = args
        .session
        .to_zoned(zone)
        .map_err(|err| Failure::BadInput(format!("--session {}: {err}", args.session)))?;
    let sheet = care_sheet(&policy, &start, args.is_final);
    if args.common.json {
        inputs::print_json(&sheet)
    } else {
        let mut out = String::new();
        print_sheet(&mut out, &sheet);
        inputs::emit(&out)
    }
}

/// Prints a care sheet as text; `smp plan` prints one per session the same way.
pub fn print_sheet(out: &mut String, sheet: &CareSheet) {
    let kind = if sheet.is_final {
        " (final session)"
    } else {
        ""
    };
    outln!(
        out,
        "Care around the session on {} ({}){kind}",
        sheet.session.human(),
        sheet.time_zone
    );
    outln!(out, "  Before:");
    for item in &sheet.precare {
        outln!(out, "  - {} [{}]", item.text, item.rule);
    }
    outln!(out, "  After:");
    for item in &sheet.aftercare {
        outln!(out, "  - {} [{}]", item.text, item.rule);
    }
}
