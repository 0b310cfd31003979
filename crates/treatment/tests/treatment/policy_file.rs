//! Reading clinic policy files: overrides, origins and every kind of refusal.

use smp_treatment::{Origin, Policy, RULES};

fn refused(toml: &str) -> String {
    Policy::from_toml("clinic.toml", toml)
        .unwrap_err()
        .to_string()
}

#[test]
fn an_override_changes_the_value_and_records_the_line() {
    let policy = Policy::from_toml("clinic.toml", "# comment\n\n[gap]\nmin_days = 18\n").unwrap();
    assert_eq!(policy.gap_min_days, 18);
    assert_eq!(
        policy.origin("gap.min_days"),
        Origin::ClinicFile {
            file: "clinic.toml".into(),
            line: 4
        }
    );
    assert_eq!(policy.origin("gap.max_days"), Origin::Default);
}

#[test]
fn dotted_keys_and_inline_tables_work_like_sections() {
    let policy = Policy::from_toml(
        "clinic.toml",
        "gap.min_days = 16\nprice = { currency = \"EUR\" }\n",
    )
    .unwrap();
    assert_eq!(policy.gap_min_days, 16);
    assert_eq!(policy.price_currency.code(), "EUR");
    let entry = policy
        .entries()
        .into_iter()
        .find(|e| e.id == "price.currency")
        .unwrap();
    assert_eq!(entry.origin_text(), "clinic file clinic.toml line 2");
}

#[test]
fn an_unknown_key_is_refused_with_its_line_and_the_known_keys_of_its_section() {
    assert_eq!(
        refused("[gap]\nmin_days = 14\nminimum = 3\n"),
        "clinic.toml:3: gap.minimum: unknown key; known keys in [gap]: gap.min_days, gap.max_days"
    );
}

#[test]
fn an_unknown_section_lists_the_known_sections() {
    let message = refused("[gaps]\nmin_days = 14\n");
    assert!(
        message
            .starts_with("clinic.toml:1: gaps: unknown section; known sections: course, gap, plan"),
        "{message}"
    );
    let message = refused("gaps.min_days = 14\n");
    assert!(
        message.starts_with("clinic.toml:1: gaps: unknown section; known sections:"),
        "{message}"
    );
    let message = refused("color = 3\n");
    assert!(
        message.starts_with("clinic.toml:1: color: unknown key; known sections: course, gap"),
        "{message}"
    );
}

#[test]
fn a_wrong_type_is_refused_with_what_was_expected() {
    assert_eq!(
        refused("[gap]\nmin_days = \"two weeks\"\n"),
        "clinic.toml:2: gap.min_days: expected a whole number, got a string"
    );
    assert_eq!(
        refused("[screen]\ntype1_diabetes = \"maybe\"\n"),
        "clinic.toml:2: screen.type1_diabetes: expected \"eligible\", \"review\" or \"not_a_candidate\", got \"maybe\""
    );
    assert_eq!(
        refused("[minoxidil]\nsuspend = 1\n"),
        "clinic.toml:2: minoxidil.suspend: expected true or false, got a whole number"
    );
}

#[test]
fn a_negative_gap_is_refused() {
    assert_eq!(
        refused("[gap]\nmin_days = -3\n"),
        "clinic.toml:2: gap.min_days: must not be negative, got -3"
    );
}

#[test]
fn a_minimum_above_a_maximum_is_refused_at_the_line_the_clinic_wrote() {
    assert_eq!(
        refused("[gap]\nmin_days = 30\n"),
        "clinic.toml:2: gap.min_days: gap.min_days (30) must not be above gap.max_days (21)"
    );
    assert_eq!(
        refused("[gap]\nmax_days = 7\n"),
        "clinic.toml:2: gap.max_days: gap.min_days (14) must not be above gap.max_days (7)"
    );
}

#[test]
fn a_zero_gap_and_impossible_session_lengths_are_refused() {
    assert_eq!(
        refused("gap.min_days = 0\n"),
        "clinic.toml:1: gap.min_days: must be at least 1, got 0"
    );
    assert_eq!(
        refused("duration.full = 12\n"),
        "clinic.toml:1: duration.full: must be between 0.5 and 8 hours, got 12"
    );
    assert!(refused("duration.full = nan\n").contains("duration.full: expected a number of hours"));
}

#[test]
fn bad_lists_currencies_and_times_are_refused() {
    assert_eq!(
        refused("precare.blood_thinners = [\"aspirin\", \"coffee\"]\n"),
        format!(
            "clinic.toml:1: precare.blood_thinners: unknown medication \"coffee\"; known: {}",
            smp_treatment::Medication::known_names()
        )
    );
    assert!(refused("price.currency = \"dollars\"\n")
        .contains("price.currency: expected an ISO 4217 currency code"));
    assert!(refused("plan.session_time = \"25:00\"\n")
        .contains("plan.session_time: expected a time of day like \"10:00\""));
}

#[test]
fn a_section_given_a_value_or_a_value_given_a_table_is_refused() {
    assert!(refused("gap = 14\n").starts_with("clinic.toml:1: gap: is a section, not a value"));
    assert_eq!(
        refused("[gap.min_days]\nx = 1\n"),
        "clinic.toml:1: gap.min_days: expected a value, got a table"
    );
}

#[test]
fn invalid_toml_is_refused_with_its_line() {
    let message = refused("[gap]\nmin_days = = 3\n");
    assert!(
        message.starts_with("clinic.toml:2: not valid TOML"),
        "{message}"
    );
}

#[test]
fn every_problem_in_a_file_is_reported_in_line_order() {
    let message = refused("[gap]\nmin_days = -1\nfoo = 2\n[price]\ncurrency = 3\n");
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 3, "{message}");
    assert!(lines[0].starts_with("clinic.toml:2: gap.min_days"));
    assert!(lines[1].starts_with("clinic.toml:3: gap.foo"));
    assert!(lines[2].starts_with("clinic.toml:5: price.currency"));
}

#[test]
fn every_rule_can_be_written_back_as_its_own_default() {
    // A clinic file that sets every rule to the value `policy show --json` prints is valid.
    let policy = Policy::default();
    let mut toml = String::new();
    for entry in policy.entries() {
        let value = match &entry.value {
            serde_json::Value::String(s) => format!("{s:?}"),
            other => other.to_string(),
        };
        toml.push_str(&format!("{} = {value}\n", entry.id));
    }
    let reread = Policy::from_toml("all.toml", &toml).unwrap_or_else(|e| panic!("{e}\n{toml}"));
    for (a, b) in reread.entries().iter().zip(policy.entries()) {
        assert_eq!(a.value, b.value, "{}", a.id);
    }
    assert_eq!(reread.entries().len(), RULES.len());
}

#[test]
fn every_rule_names_its_sources_unless_it_is_smps_own_setting() {
    for rule in RULES {
        let own = rule.id.starts_with("plan.");
        assert_eq!(rule.sources.is_empty(), own, "{}", rule.id);
    }
}
