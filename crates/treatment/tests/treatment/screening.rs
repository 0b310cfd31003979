//! Screening: outcomes, deferral dates, and the findings' rules and sources.

use jiff::civil::date;
use smp_treatment::{latest_deferral, FindingOutcome, Outcome, Policy};

use super::support::{policy_with, rules, screen_json};

const ON: jiff::civil::Date = date(2026, 11, 21);

fn outcome_of(json: &str) -> (Outcome, Option<jiff::civil::Date>) {
    let result = screen_json(json, ON, &Policy::default());
    (result.outcome, result.deferred_until)
}

#[test]
fn empty_answers_are_eligible_with_no_findings() {
    let result = screen_json("{}", ON, &Policy::default());
    assert_eq!(result.outcome, Outcome::Eligible);
    assert!(result.findings.is_empty());
}

#[test]
fn the_absolute_conditions_of_000_make_a_client_not_a_candidate() {
    for condition in [
        "type1_diabetes",
        "hepatitis_b",
        "hepatitis_c",
        "sickle_cell",
        "hemophilia",
        "mrsa_or_staph_history",
    ] {
        let json = format!(r#"{{"conditions": ["{condition}"]}}"#);
        assert_eq!(outcome_of(&json).0, Outcome::NotACandidate, "{condition}");
    }
}

#[test]
fn conditions_where_the_sources_disagree_go_to_review() {
    for condition in [
        "keloid_formation",
        "vitiligo_active",
        "mental_disorder",
        "cold_sores",
        "shingles",
        "impetigo",
        "psoriasis",
        "eczema",
        "pink_eye",
        "severe_acne",
        "type2_diabetes",
        "cancer",
        "epilepsy",
        "autoimmune",
        "bleeding_disorder",
        "pigment_allergy",
        "herpes_simplex",
    ] {
        let json = format!(r#"{{"conditions": ["{condition}"]}}"#);
        assert_eq!(outcome_of(&json).0, Outcome::Review, "{condition}");
    }
}

#[test]
fn moles_in_the_area_are_eligible_with_a_finding_about_moles() {
    let result = screen_json(
        r#"{"conditions": ["moles_in_area"]}"#,
        ON,
        &Policy::default(),
    );
    assert_eq!(result.outcome, Outcome::Eligible);
    assert_eq!(rules(&result), ["screen.moles_in_area"]);
    assert!(result.findings[0]
        .message
        .contains("no dots are ever placed on moles"));
}

#[test]
fn sunburn_and_suntan_need_review() {
    let result = screen_json(
        r#"{"skin": {"sunburn": true, "suntan": true}}"#,
        ON,
        &Policy::default(),
    );
    assert_eq!(result.outcome, Outcome::Review);
    assert_eq!(rules(&result), ["screen.sunburn", "screen.suntan"]);
}

#[test]
fn accutane_three_months_ago_defers_until_six_months_after_the_last_dose() {
    let (outcome, until) =
        outcome_of(r#"{"medications": [{"name": "isotretinoin", "last_taken": "2026-08-21"}]}"#);
    assert_eq!(outcome, Outcome::Deferred);
    assert_eq!(until, Some(date(2027, 2, 21)));
}

#[test]
fn accutane_stopped_over_six_months_ago_is_no_obstacle() {
    let (outcome, _) =
        outcome_of(r#"{"medications": [{"name": "isotretinoin", "last_taken": "2026-05-20"}]}"#);
    assert_eq!(outcome, Outcome::Eligible);
}

#[test]
fn ongoing_accutane_defers_six_months_from_today_at_the_earliest() {
    let result = screen_json(
        r#"{"medications": [{"name": "isotretinoin", "ongoing": true}]}"#,
        ON,
        &Policy::default(),
    );
    assert_eq!(result.deferred_until, Some(date(2027, 5, 21)));
    assert!(
        result.findings[0].message.contains("at the earliest"),
        "{}",
        result.findings[0].message
    );
}

#[test]
fn steroids_in_the_last_six_months_defer() {
    let (outcome, until) =
        outcome_of(r#"{"medications": [{"name": "steroids", "last_taken": "2026-10-01"}]}"#);
    assert_eq!(
        (outcome, until),
        (Outcome::Deferred, Some(date(2027, 4, 1)))
    );
}

#[test]
fn a_hair_transplant_defers_until_its_anniversary() {
    let (outcome, until) =
        outcome_of(r#"{"procedures": [{"kind": "hair_transplant", "date": "2026-03-01"}]}"#);
    assert_eq!(
        (outcome, until),
        (Outcome::Deferred, Some(date(2027, 3, 1)))
    );
}

#[test]
fn a_young_keloid_scar_defers_until_it_is_a_year_old() {
    let (outcome, until) =
        outcome_of(r#"{"procedures": [{"kind": "keloid_scar", "date": "2026-06-10"}]}"#);
    assert_eq!(
        (outcome, until),
        (Outcome::Deferred, Some(date(2027, 6, 10)))
    );
}

#[test]
fn botox_and_fillers_defer_for_fourteen_days() {
    for kind in ["botox", "filler"] {
        let json = format!(r#"{{"procedures": [{{"kind": "{kind}", "date": "2026-11-15"}}]}}"#);
        assert_eq!(
            outcome_of(&json),
            (Outcome::Deferred, Some(date(2026, 11, 29))),
            "{kind}"
        );
    }
}

#[test]
fn peels_and_laser_defer_for_sixty_days() {
    for kind in ["chemical_peel", "laser"] {
        let json = format!(r#"{{"procedures": [{{"kind": "{kind}", "date": "2026-11-01"}}]}}"#);
        assert_eq!(
            outcome_of(&json),
            (Outcome::Deferred, Some(date(2026, 12, 31))),
            "{kind}"
        );
    }
}

#[test]
fn an_smp_session_less_than_the_minimum_gap_ago_defers() {
    let json = r#"{"procedures": [{"kind": "smp", "date": "2026-11-14"}]}"#;
    assert_eq!(
        outcome_of(json),
        (Outcome::Deferred, Some(date(2026, 11, 28)))
    );
}

#[test]
fn the_deferral_date_is_the_latest_waiting_period() {
    let json = r#"{
        "medications": [{"name": "isotretinoin", "last_taken": "2026-08-21"}],
        "procedures": [{"kind": "hair_transplant", "date": "2026-03-01"}, {"kind": "botox", "date": "2026-11-20"}]
    }"#;
    assert_eq!(
        outcome_of(json),
        (Outcome::Deferred, Some(date(2027, 3, 1)))
    );
}

#[test]
fn the_overall_outcome_is_the_worst_finding_and_keeps_the_deferral_date() {
    let json = r#"{"conditions": ["eczema"], "medications": [{"name": "steroids", "last_taken": "2026-10-01"}]}"#;
    assert_eq!(outcome_of(json), (Outcome::Review, Some(date(2027, 4, 1))));
    let json = r#"{"conditions": ["eczema", "hepatitis_b"]}"#;
    assert_eq!(outcome_of(json).0, Outcome::NotACandidate);
}

#[test]
fn findings_are_listed_worst_first() {
    let result = screen_json(
        r#"{"conditions": ["moles_in_area", "eczema", "hepatitis_b"]}"#,
        ON,
        &Policy::default(),
    );
    assert_eq!(
        rules(&result),
        [
            "screen.hepatitis_b",
            "screen.eczema",
            "screen.moles_in_area"
        ]
    );
}

#[test]
fn prescribed_blood_thinners_need_review_and_a_physician_before_stopping() {
    let result = screen_json(
        r#"{"medications": [{"name": "warfarin", "ongoing": true, "prescribed": true}]}"#,
        ON,
        &Policy::default(),
    );
    assert_eq!(result.outcome, Outcome::Review);
    assert_eq!(
        rules(&result),
        ["screen.blood_thinners", "precare.blood_thinners_days"]
    );
    assert!(result.findings[1].message.contains("ask your physician"));
}

#[test]
fn over_the_counter_blood_thinners_are_eligible_with_a_stop_instruction() {
    for name in ["aspirin", "ibuprofen", "niacin", "fish_oil", "vitamin_e"] {
        let json = format!(r#"{{"medications": [{{"name": "{name}", "ongoing": true}}]}}"#);
        let result = screen_json(&json, ON, &Policy::default());
        assert_eq!(result.outcome, Outcome::Eligible, "{name}");
        assert_eq!(rules(&result), ["precare.blood_thinners_days"], "{name}");
        assert!(result.findings[0]
            .message
            .contains("3 days before each session"));
    }
}

#[test]
fn a_clinic_following_001_on_ibuprofen_gives_no_stop_instruction() {
    let policy = policy_with(r#"precare.blood_thinners = ["aspirin"]"#);
    let result = screen_json(
        r#"{"medications": [{"name": "ibuprofen", "ongoing": true}]}"#,
        ON,
        &policy,
    );
    assert!(result.findings.is_empty());
}

#[test]
fn retinol_minoxidil_and_finasteride_are_eligible_with_instructions() {
    let result = screen_json(
        r#"{"medications": [{"name": "retinol"}, {"name": "minoxidil"}, {"name": "finasteride"}]}"#,
        ON,
        &Policy::default(),
    );
    assert_eq!(result.outcome, Outcome::Eligible);
    assert_eq!(
        rules(&result),
        [
            "precare.retinol_days",
            "minoxidil.suspend",
            "finasteride.suspend"
        ]
    );
    assert!(result.findings[2]
        .message
        .contains("you may keep taking it"));
}

#[test]
fn every_finding_names_its_sources() {
    let result = screen_json(
        r#"{"conditions": ["hepatitis_b", "eczema"], "medications": [{"name": "isotretinoin"}]}"#,
        ON,
        &Policy::default(),
    );
    for finding in &result.findings {
        assert!(
            !finding.sources.is_empty(),
            "{} has no sources",
            finding.rule
        );
    }
    assert!(matches!(
        result
            .findings
            .iter()
            .find(|f| f.rule == "screen.isotretinoin_months")
            .unwrap()
            .outcome,
        FindingOutcome::Deferred { .. }
    ));
}

#[test]
fn a_clinic_can_make_keloid_formation_absolute_as_000_does() {
    let policy = policy_with("[screen]\nkeloid_formation = \"not_a_candidate\"\n");
    let result = screen_json(r#"{"conditions": ["keloid_formation"]}"#, ON, &policy);
    assert_eq!(result.outcome, Outcome::NotACandidate);
}

#[test]
fn future_dates_and_contradictions_are_refused_with_the_path() {
    let err = smp_treatment::Answers::parse(
        "a.json",
        r#"{"procedures": [{"kind": "botox", "date": "2026-12-01"}]}"#,
        ON,
    )
    .unwrap_err();
    assert_eq!(err.path, "procedures[0].date");
    assert!(
        err.message.contains("after the screening day 2026-11-21"),
        "{}",
        err.message
    );
    let err = smp_treatment::Answers::parse(
        "a.json",
        r#"{"medications": [{"name": "aspirin", "last_taken": "2026-11-01", "ongoing": true}]}"#,
        ON,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "a.json: at medications[0].last_taken: give either last_taken or \"ongoing\": true, not both");
}

#[test]
fn no_deferral_runs_past_the_latest_one_the_policy_allows() {
    // Everything that defers, still taken or done today, under a policy with long waits.
    let json = r#"{
        "medications": [{"name": "isotretinoin", "ongoing": true},
                        {"name": "steroids", "ongoing": true}],
        "procedures": [{"kind": "hair_transplant", "date": "2026-11-21"},
                       {"kind": "keloid_scar", "date": "2026-11-21"},
                       {"kind": "botox", "date": "2026-11-21"},
                       {"kind": "chemical_peel", "date": "2026-11-21"},
                       {"kind": "smp", "date": "2026-11-21"}]
    }"#;
    for policy in [
        Policy::default(),
        policy_with("screen.isotretinoin_months = 30\n"),
        policy_with("precare.injectables_days = 900\n"),
    ] {
        let latest = latest_deferral(ON, &policy);
        let result = screen_json(json, ON, &policy);
        assert_eq!(result.outcome, Outcome::Deferred);
        assert_eq!(
            result.deferred_until,
            Some(latest),
            "the longest wait is the latest"
        );
    }
    assert_eq!(latest_deferral(ON, &Policy::default()), date(2027, 11, 21));
}
