//! `smp policy show`: every rule with its value and where the value came from.

use std::collections::BTreeMap;
use std::process::Stdio;

use serde_json::{json, Value};

use crate::support::{array_at, command, example, smp, str_at};

/// The rules a clinic file sets in examples/clinic-policy.toml, with their lines and values.
fn clinic_overrides() -> Vec<(&'static str, usize, Value)> {
    vec![
        ("gap.min_days", 5, json!(14)),
        ("gap.max_days", 6, json!(28)),
        ("consultation.fee", 9, json!(0)),
        ("price.currency", 12, json!("EUR")),
        ("price.full", 13, json!(150_000)),
        (
            "precare.blood_thinners",
            17,
            json!([
                "warfarin",
                "aspirin",
                "niacin",
                "fish_oil",
                "vitamin_e",
                "blood_thinner"
            ]),
        ),
        ("finasteride.suspend", 20, json!(true)),
    ]
}

/// The text output as rule id -> "value unit  (origin)", checking each rule's summary line.
fn text_rules(text: &str) -> BTreeMap<String, String> {
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len() % 2, 0, "two lines per rule:\n{text}");
    lines
        .chunks(2)
        .map(|pair| {
            let (id, rest) = pair[0]
                .split_once(' ')
                .unwrap_or_else(|| panic!("no value on {:?}", pair[0]));
            assert!(
                pair[1].starts_with(' ') && !pair[1].trim().is_empty(),
                "the summary of {id} is missing: {:?}",
                pair[1]
            );
            (id.to_string(), rest.trim_start().to_string())
        })
        .collect()
}

fn by_id(entries: &[Value]) -> BTreeMap<&str, &Value> {
    entries.iter().map(|e| (str_at(e, "/id"), e)).collect()
}

#[test]
fn policy_show_prints_every_rule_with_its_value_unit_and_default_origin() {
    let text = smp(&["policy", "show"]).ok().to_string();
    let rules = text_rules(&text);
    let json = smp(&["policy", "show", "--json"]).json();
    assert_eq!(rules.len(), array_at(&json, "").len());
    assert!(rules.len() > 50, "{text}");
    for (id, rest) in &rules {
        assert!(
            rest.ends_with(')')
                && (rest.contains("  (default from 0") || rest.ends_with("  (smp default)")),
            "{id}: {rest}"
        );
    }
    let expect = [
        (
            "course.default_sessions",
            "3 sessions  (default from 000, 001, 002, 004)",
        ),
        ("gap.min_days", "14 days  (default from 000, 004)"),
        ("gap.max_days", "21 days  (default from 000, 001, 004)"),
        ("plan.session_time", "10:00 local time  (smp default)"),
        (
            "price.currency",
            "USD ISO 4217  (default from 000, 001, 002, 004)",
        ),
        ("duration.extensive", "4 hours  (default from 001, 002)"),
        ("precare.alcohol_hours", "48 hours  (default from 000)"),
        ("screen.hepatitis_c", "not_a_candidate  (default from 000)"),
        ("minoxidil.suspend", "true  (default from 000, 004)"),
    ];
    for (id, line) in expect {
        assert_eq!(rules.get(id).map(String::as_str), Some(line), "{id}");
    }
}

#[test]
fn policy_show_json_gives_each_rule_its_value_unit_sources_and_default_origin() {
    let json = smp(&["policy", "show", "--json"]).json();
    let entries = array_at(&json, "");
    for entry in entries {
        assert_eq!(entry["origin"], json!({"kind": "default"}), "{entry:#}");
        for field in ["id", "text", "unit", "summary"] {
            assert!(entry[field].is_string(), "{field} in {entry:#}");
        }
        assert!(entry["sources"].is_array(), "{entry:#}");
        assert!(!entry["value"].is_null(), "{entry:#}");
    }
    let rules = by_id(entries);
    let gap = rules["gap.min_days"];
    assert_eq!(gap["value"], json!(14));
    assert_eq!(gap["text"], json!("14"));
    assert_eq!(gap["unit"], json!("days"));
    assert_eq!(gap["sources"], json!(["000", "004"]));
    assert_eq!(rules["duration.extensive"]["value"].as_f64(), Some(4.0));
    assert_eq!(rules["price.extensive"]["value"], json!(110_000));
    assert_eq!(rules["plan.session_time"]["value"], json!("10:00"));
    assert_eq!(rules["plan.session_time"]["sources"], json!([]));
    assert_eq!(
        rules["precare.blood_thinners"]["value"],
        json!([
            "warfarin",
            "aspirin",
            "ibuprofen",
            "niacin",
            "fish_oil",
            "vitamin_e",
            "blood_thinner"
        ])
    );
}

#[test]
fn a_clinic_file_names_itself_and_the_line_of_each_value_it_sets() {
    let path = example("clinic-policy.toml");
    let text = smp(&["policy", "show", "--policy", &path]).ok().to_string();
    let rules = text_rules(&text);
    let overrides = clinic_overrides();
    for (id, line, _) in &overrides {
        let rest = &rules[*id];
        assert!(
            rest.ends_with(&format!("  (clinic file {path} line {line})")),
            "{id}: {rest}"
        );
    }
    assert_eq!(
        rules["gap.min_days"],
        format!("14 days  (clinic file {path} line 5)")
    );
    assert_eq!(
        rules["price.full"],
        format!("150000 minor units per session  (clinic file {path} line 13)")
    );
    assert_eq!(
        rules["precare.blood_thinners"],
        format!(
            "warfarin, aspirin, niacin, fish_oil, vitamin_e, blood_thinner medications  (clinic file {path} line 17)"
        )
    );
    for (id, rest) in &rules {
        if !overrides.iter().any(|(o, _, _)| o == id) {
            assert!(!rest.contains("clinic file"), "{id}: {rest}");
        }
    }
}

#[test]
fn a_clinic_file_in_json_gives_the_file_line_and_value_of_each_rule_it_sets() {
    let path = example("clinic-policy.toml");
    let json = smp(&["policy", "show", "--policy", &path, "--json"]).json();
    let entries = array_at(&json, "");
    let rules = by_id(entries);
    let overrides = clinic_overrides();
    for (id, line, value) in &overrides {
        let entry = rules[id];
        assert_eq!(
            entry["origin"],
            json!({"kind": "clinic_file", "file": path, "line": line}),
            "{id}"
        );
        assert_eq!(&entry["value"], value, "{id}");
    }
    let defaults = entries
        .iter()
        .filter(|e| e["origin"] == json!({"kind": "default"}))
        .count();
    assert_eq!(defaults + overrides.len(), entries.len());
}

#[test]
fn piping_policy_show_into_a_closed_pipe_is_not_an_error() {
    let mut child = command()
        .args(["policy", "show"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the smp binary runs");
    // Close the reading end at once, as `smp policy show | head -0` would.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("smp finishes");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}
