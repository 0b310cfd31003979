//! `smp policy show`.

use std::path::Path;

use crate::failure::Failure;
use crate::inputs::{self, outln};

/// Prints every rule with its value, unit, origin and summary.
pub fn show(path: Option<&Path>, json: bool) -> Result<(), Failure> {
    let policy = inputs::policy(path)?;
    let entries = policy.entries();
    if json {
        return inputs::print_json(&entries);
    }
    let mut out = String::new();
    let width = entries.iter().map(|e| e.id.len()).max().unwrap_or(0);
    for entry in &entries {
        let value = if entry.unit.is_empty() {
            entry.text.clone()
        } else {
            format!("{} {}", entry.text, entry.unit)
        };
        outln!(
            out,
            "{:width$}  {value}  ({})",
            entry.id,
            entry.origin_text()
        );
        outln!(out, "{:width$}  {}", "", entry.summary);
    }
    inputs::emit(&out)
}
