//! `smp screen`: the example clients of examples/README.md, screened on 2026-11-21.

use serde_json::Value;

use crate::support::{array_at, example, rules_at, smp, str_at, TempFile};

/// The example's text output and its `--json` output, both screened on 2026-11-21.
fn screen_example(name: &str) -> (String, Value) {
    let answers = example(name);
    let text = smp(&["screen", "--answers", &answers, "--on", "2026-11-21"])
        .ok()
        .to_string();
    let json = smp(&[
        "screen",
        "--answers",
        &answers,
        "--on",
        "2026-11-21",
        "--json",
    ])
    .json();
    assert_eq!(str_at(&json, "/on"), "2026-11-21");
    (text, json)
}

fn sorted(mut rules: Vec<String>) -> Vec<String> {
    rules.sort();
    rules
}

/// The rank of an outcome word, best first, as the JSON output writes it.
fn rank(outcome: &str) -> usize {
    ["eligible", "deferred", "review", "not_a_candidate"]
        .iter()
        .position(|o| *o == outcome)
        .unwrap_or_else(|| panic!("unknown outcome {outcome}"))
}

#[test]
fn the_norwood_5_client_on_minoxidil_is_eligible_with_minoxidil_paused() {
    let (text, json) = screen_example("norwood5-eligible.answers.json");
    assert_eq!(
        text.lines().next(),
        Some("Screening on Sat 21 Nov 2026: ELIGIBLE")
    );
    assert!(
        text.contains("- [eligible] Minoxidil (Rogaine): pause it from your first session until 30 days after the final one; your plan gives the dates. (rule minoxidil.suspend; sources 000, 004)"),
        "{text}"
    );
    assert_eq!(str_at(&json, "/outcome"), "eligible");
    assert_eq!(json["deferred_until"], Value::Null);
    assert_eq!(rules_at(&json, "/findings"), ["minoxidil.suspend"]);
    assert_eq!(str_at(&json, "/findings/0/outcome"), "eligible");
}

#[test]
fn the_diffuse_thinning_client_on_finasteride_and_fish_oil_is_eligible_with_instructions() {
    let (text, json) = screen_example("diffuse-finasteride.answers.json");
    assert_eq!(
        text.lines().next(),
        Some("Screening on Sat 21 Nov 2026: ELIGIBLE")
    );
    assert!(
        text.contains("(rule screen.moles_in_area; sources 000)"),
        "{text}"
    );
    assert!(
        text.contains("Finasteride (Propecia): you may keep taking it"),
        "{text}"
    );
    assert!(
        text.contains("- [eligible] Fish oil: stop it 3 days before each session, as it thins the blood. (rule precare.blood_thinners_days; sources 000)"),
        "{text}"
    );
    assert_eq!(str_at(&json, "/outcome"), "eligible");
    assert_eq!(json["deferred_until"], Value::Null);
    assert_eq!(
        sorted(rules_at(&json, "/findings")),
        [
            "finasteride.suspend",
            "precare.blood_thinners_days",
            "screen.moles_in_area"
        ]
    );
    for finding in array_at(&json, "/findings") {
        assert_eq!(str_at(finding, "/outcome"), "eligible", "{finding:#}");
    }
}

#[test]
fn the_client_who_stopped_accutane_three_months_ago_is_deferred_until_21_february_2027() {
    let (text, json) = screen_example("accutane-3-months.answers.json");
    assert_eq!(
        text.lines().next(),
        Some("Screening on Sat 21 Nov 2026: DEFERRED until Sun 21 Feb 2027")
    );
    assert!(
        text.contains("- [deferred until 2027-02-21] You took isotretinoin (Accutane) in the last 6 months: treatment can start on Sun 21 Feb 2027. (rule screen.isotretinoin_months; sources 000)"),
        "{text}"
    );
    assert_eq!(str_at(&json, "/outcome"), "deferred");
    assert_eq!(str_at(&json, "/deferred_until"), "2027-02-21");
    assert_eq!(rules_at(&json, "/findings"), ["screen.isotretinoin_months"]);
    assert_eq!(str_at(&json, "/findings/0/outcome"), "deferred");
    assert_eq!(str_at(&json, "/findings/0/until"), "2027-02-21");
    assert_eq!(str_at(&json, "/findings/0/sources/0"), "000");
}

#[test]
fn the_water_vacation_client_on_retinol_is_eligible_and_stops_retinol_7_days_before() {
    let (text, json) = screen_example("water-vacation.answers.json");
    assert_eq!(
        text.lines().next(),
        Some("Screening on Sat 21 Nov 2026: ELIGIBLE")
    );
    assert!(
        text.contains("- [eligible] Retinol/Retin-A: stop it 7 days before each session; it makes the skin bleed. (rule precare.retinol_days; sources 000)"),
        "{text}"
    );
    assert_eq!(str_at(&json, "/outcome"), "eligible");
    assert_eq!(json["deferred_until"], Value::Null);
    assert_eq!(rules_at(&json, "/findings"), ["precare.retinol_days"]);
}

#[test]
fn the_client_with_hepatitis_c_eczema_sunburn_and_warfarin_is_not_a_candidate() {
    let (text, json) = screen_example("not-a-candidate.answers.json");
    assert_eq!(
        text.lines().next(),
        Some("Screening on Sat 21 Nov 2026: NOT A CANDIDATE")
    );
    assert!(
        text.contains("- [not a candidate] Hepatitis C: under this clinic's policy we cannot offer scalp micropigmentation with this condition. (rule screen.hepatitis_c; sources 000)"),
        "{text}"
    );
    assert!(text.contains("- [review] Eczema:"), "{text}");
    assert!(
        text.contains("(rule screen.sunburn; sources 000)"),
        "{text}"
    );
    assert!(
        text.contains("(rule screen.blood_thinners; sources 001)"),
        "{text}"
    );
    assert!(
        text.contains("Warfarin: stop it 3 days before each session, as it thins the blood. It is prescribed: ask your physician before stopping it."),
        "{text}"
    );
    assert_eq!(str_at(&json, "/outcome"), "not_a_candidate");
    assert_eq!(json["deferred_until"], Value::Null);
    assert_eq!(
        sorted(rules_at(&json, "/findings")),
        [
            "precare.blood_thinners_days",
            "screen.blood_thinners",
            "screen.eczema",
            "screen.hepatitis_c",
            "screen.sunburn"
        ]
    );
    assert_eq!(str_at(&json, "/findings/0/rule"), "screen.hepatitis_c");
}

#[test]
fn findings_are_listed_worst_first() {
    let (_, json) = screen_example("not-a-candidate.answers.json");
    let ranks: Vec<usize> = array_at(&json, "/findings")
        .iter()
        .map(|f| rank(str_at(f, "/outcome")))
        .collect();
    let mut worst_first = ranks.clone();
    worst_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(ranks, worst_first);
}

#[test]
fn answers_with_nothing_in_them_are_eligible_with_no_findings() {
    let answers = TempFile::new("answers.json", "{}");
    let run = smp(&["screen", "--answers", answers.path(), "--on", "2026-11-21"]);
    assert_eq!(
        run.ok(),
        "Screening on Sat 21 Nov 2026: ELIGIBLE\n\nNo findings: nothing in the answers stands in the way of treatment.\n"
    );
}

#[test]
fn the_accutane_deferral_is_over_on_its_last_day() {
    let answers = example("accutane-3-months.answers.json");
    let json = smp(&[
        "screen",
        "--answers",
        &answers,
        "--on",
        "2027-02-21",
        "--json",
    ])
    .json();
    assert_eq!(str_at(&json, "/outcome"), "eligible");
    assert!(array_at(&json, "/findings").is_empty(), "{json:#}");
}

#[test]
fn a_clinic_policy_decides_the_verdict_for_a_condition() {
    let policy = TempFile::new("clinic.toml", "[screen]\nmoles_in_area = \"review\"\n");
    let answers = example("diffuse-finasteride.answers.json");
    let json = smp(&[
        "screen",
        "--answers",
        &answers,
        "--on",
        "2026-11-21",
        "--policy",
        policy.path(),
        "--json",
    ])
    .json();
    assert_eq!(str_at(&json, "/outcome"), "review");
    assert_eq!(str_at(&json, "/findings/0/rule"), "screen.moles_in_area");
    assert_eq!(str_at(&json, "/findings/0/outcome"), "review");
}
