//! Bad answers files, events files and command-line values: exit code 2 and a message
//! naming the file, the JSON path (with line and column when known) or the flag.

use crate::support::{example, smp, Run, TempFile};

/// Screens an answers file holding `json` on 2026-11-21; returns the file and the run.
fn screen(json: &str) -> (TempFile, Run) {
    let answers = TempFile::new("answers.json", json);
    let run = smp(&["screen", "--answers", answers.path(), "--on", "2026-11-21"]);
    (answers, run)
}

/// Plans a Norwood 4 course with an events file holding `json`.
fn plan_with_events(json: &str) -> (TempFile, Run) {
    let events = TempFile::new("events.json", json);
    let run = smp(&[
        "plan",
        "--area",
        "norwood-4",
        "--start",
        "2026-11-23",
        "--events",
        events.path(),
        "--tz",
        "Europe/London",
    ]);
    (events, run)
}

// Answers files.

#[test]
fn malformed_json_is_refused_with_exit_2_naming_the_file_path_line_and_column() {
    let (file, run) = screen("{\n  \"conditions\": [\n    \"eczema\",\n  ]\n}\n");
    run.refused_with(&format!(
        "error: {}: at conditions (line 4, column 3): not valid JSON: trailing comma",
        file.path()
    ));
}

#[test]
fn a_file_that_ends_too_early_is_refused_with_exit_2() {
    let (file, run) = screen("{\"conditions\": [");
    run.refused_with(&format!(
        "error: {}: at conditions (line 1, column 16): the file ends too early: EOF while parsing a list",
        file.path()
    ));
}

#[test]
fn an_unknown_condition_is_refused_with_exit_2_listing_the_known_ones() {
    let (file, run) = screen(r#"{"conditions": ["flu"]}"#);
    let stderr = run.refused();
    let prefix = format!(
        "error: {}: at conditions[0] (line 1, column 22): unknown condition \"flu\"; known: ",
        file.path()
    );
    let known = stderr
        .trim_end()
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("unexpected message:\n{stderr}"));
    let known: Vec<&str> = known.split(", ").collect();
    for name in [
        "type1_diabetes",
        "hepatitis_c",
        "eczema",
        "keloid_formation",
        "pigment_allergy",
        "moles_in_area",
    ] {
        assert!(known.contains(&name), "{name} is not listed: {stderr}");
    }
}

#[test]
fn an_unknown_medication_is_refused_with_exit_2_at_its_name() {
    let (file, run) = screen(r#"{"medications": [{"name": "tylenol"}]}"#);
    run.refused_with(&format!(
        "error: {}: at medications[0].name (line 1, column 36): unknown medication \"tylenol\"; known: isotretinoin, steroids, retinol, warfarin, aspirin, ibuprofen, niacin, fish_oil, vitamin_e, minoxidil, finasteride, blood_thinner",
        file.path()
    ));
}

#[test]
fn an_unknown_procedure_kind_is_refused_with_exit_2_at_its_kind() {
    let (file, run) = screen(r#"{"procedures": [{"kind": "tattoo", "date": "2026-01-01"}]}"#);
    run.refused_with(&format!(
        "error: {}: at procedures[0].kind (line 1, column 33): unknown procedure kind \"tattoo\"; known: hair_transplant, botox, filler, chemical_peel, laser, keloid_scar, smp",
        file.path()
    ));
}

#[test]
fn an_unknown_field_is_refused_with_exit_2_listing_the_expected_ones() {
    let (file, run) = screen(r#"{"conditions": [], "allergies": []}"#);
    run.refused_with(&format!(
        "error: {}: at allergies (line 1, column 30): unknown field `allergies`, expected one of `conditions`, `medications`, `procedures`, `skin`",
        file.path()
    ));
}

#[test]
fn an_unknown_field_inside_a_medication_is_refused_with_exit_2_at_its_path() {
    let (file, run) = screen(r#"{"medications": [{"name": "retinol", "dose": 1}]}"#);
    run.refused_with(&format!(
        "error: {}: at medications[0].dose (line 1, column 43): unknown field `dose`, expected one of `name`, `last_taken`, `ongoing`, `prescribed`",
        file.path()
    ));
}

#[test]
fn a_date_that_does_not_exist_in_an_answers_file_is_refused_with_exit_2_at_its_path() {
    let (file, run) =
        screen(r#"{"medications": [{"name": "isotretinoin", "last_taken": "2026-02-30"}]}"#);
    let stderr = run.refused();
    let expected = format!(
        "error: {}: at medications[0].last_taken (line 1, column 68): parsed date is not valid: ",
        file.path()
    );
    assert!(stderr.starts_with(&expected), "{stderr}");
    assert!(
        stderr.contains("'day' for `2026-02` is invalid"),
        "{stderr}"
    );
}

#[test]
fn a_last_dose_after_the_screening_day_is_refused_with_exit_2() {
    let (file, run) =
        screen(r#"{"medications": [{"name": "isotretinoin", "last_taken": "2026-12-30"}]}"#);
    run.refused_with(&format!(
        "error: {}: at medications[0].last_taken: 2026-12-30 is after the screening day 2026-11-21; planned procedures belong in the course's events",
        file.path()
    ));
}

#[test]
fn a_date_given_with_ongoing_true_is_refused_with_exit_2() {
    let (file, run) = screen(
        r#"{"medications": [{"name": "retinol", "ongoing": true, "last_taken": "2026-11-01"}]}"#,
    );
    run.refused_with(&format!(
        "error: {}: at medications[0].last_taken: give either last_taken or \"ongoing\": true, not both",
        file.path()
    ));
}

#[test]
fn a_missing_answers_file_is_refused_with_exit_2_naming_it() {
    let missing = std::env::temp_dir().join(format!(
        "smp-cli-test-{}-no-such-answers.json",
        std::process::id()
    ));
    let missing = missing.to_str().expect("UTF-8 path");
    let run = smp(&["screen", "--answers", missing, "--on", "2026-11-21"]);
    let stderr = run.refused();
    assert!(
        stderr.starts_with(&format!("error: cannot read the answers file {missing}: ")),
        "{stderr}"
    );
}

// Command-line values.

#[test]
fn a_date_that_does_not_exist_on_the_command_line_is_refused_with_exit_2() {
    let answers = example("norwood5-eligible.answers.json");
    let run = smp(&["screen", "--answers", &answers, "--on", "2026-02-30"]);
    let stderr = run.refused();
    assert!(
        stderr.starts_with(
            "error: invalid value '2026-02-30' for '--on <YYYY-MM-DD>': not a date that exists (YYYY-MM-DD): "
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("'day' for `2026-02` is invalid"),
        "{stderr}"
    );
}

#[test]
fn a_session_in_month_13_is_refused_with_exit_2() {
    let run = smp(&[
        "care",
        "--session",
        "2026-13-01T10:00",
        "--tz",
        "Europe/London",
    ]);
    let stderr = run.refused();
    assert!(
        stderr.starts_with(
            "error: invalid value '2026-13-01T10:00' for '--session <YYYY-MM-DDTHH:MM>': not a local date and time (YYYY-MM-DDTHH:MM): "
        ),
        "{stderr}"
    );
    assert!(stderr.contains("month"), "{stderr}");
}

#[test]
fn an_unknown_time_zone_is_refused_with_exit_2() {
    smp(&[
        "care",
        "--session",
        "2026-03-30T10:00",
        "--tz",
        "Mars/Olympus",
    ])
    .refused_with(
        "error: invalid value 'Mars/Olympus' for '--tz <ZONE>': no IANA time zone is called \"Mars/Olympus\" (for example Europe/London)",
    );
}

#[test]
fn an_unknown_area_is_refused_with_exit_2_listing_the_known_ones() {
    smp(&[
        "plan",
        "--area",
        "norwood-9",
        "--start",
        "2026-11-23",
        "--tz",
        "Europe/London",
    ])
    .refused_with(
        "error: invalid value 'norwood-9' for '--area <AREA>': unknown area; known: norwood-1, norwood-2, norwood-3, norwood-3v, norwood-4, norwood-5, norwood-6, norwood-7, ludwig-1, ludwig-2, ludwig-3, diffuse, scar-fut, scar-fue, alopecia-areata, alopecia-totalis, touch-up",
    );
}

#[test]
fn a_session_past_the_last_representable_instant_is_refused_with_exit_2() {
    let run = smp(&[
        "care",
        "--session",
        "9999-12-31T23:00",
        "--tz",
        "Asia/Tokyo",
    ]);
    let stderr = run.refused();
    assert!(
        stderr.starts_with("error: --session 9999-12-31T23:00"),
        "{stderr}"
    );
}

// Events files.

#[test]
fn an_event_that_ends_before_it_starts_is_refused_with_exit_2() {
    let (file, run) = plan_with_events(
        r#"[{"kind": "water_vacation", "date": "2026-12-10", "end": "2026-12-01"}]"#,
    );
    run.refused_with(&format!(
        "error: {}: at [0].end: the end 2026-12-01 is before the date 2026-12-10",
        file.path()
    ));
}

#[test]
fn an_unknown_event_kind_is_refused_with_exit_2_listing_the_known_ones() {
    let (file, run) = plan_with_events(r#"[{"kind": "skydiving", "date": "2026-12-10"}]"#);
    run.refused_with(&format!(
        "error: {}: at [0].kind (line 1, column 21): unknown event kind \"skydiving\"; known: water_vacation, botox, filler, chemical_peel, laser, sun_holiday, hair_transplant",
        file.path()
    ));
}

#[test]
fn an_event_date_that_does_not_exist_is_refused_with_exit_2_at_its_path() {
    let (file, run) = plan_with_events(r#"[{"kind": "botox", "date": "2026-02-30"}]"#);
    let stderr = run.refused();
    assert!(
        stderr.starts_with(&format!(
            "error: {}: at [0].date (line 1, column 39): parsed date is not valid: ",
            file.path()
        )),
        "{stderr}"
    );
}

#[test]
fn an_events_file_that_is_not_a_list_is_refused_with_exit_2() {
    let (file, run) = plan_with_events(r#"{"kind": "botox", "date": "2026-12-01"}"#);
    let stderr = run.refused();
    assert!(
        stderr.starts_with(&format!("error: {}: at . ", file.path())),
        "{stderr}"
    );
    assert!(
        stderr.ends_with(": invalid type: map, expected a sequence\n"),
        "{stderr}"
    );
}

#[test]
fn a_missing_events_file_is_refused_with_exit_2_naming_it() {
    let missing = std::env::temp_dir().join(format!(
        "smp-cli-test-{}-no-such-events.json",
        std::process::id()
    ));
    let missing = missing.to_str().expect("UTF-8 path");
    let run = smp(&[
        "plan",
        "--area",
        "norwood-4",
        "--start",
        "2026-11-23",
        "--events",
        missing,
    ]);
    let stderr = run.refused();
    assert!(
        stderr.starts_with(&format!("error: cannot read the events file {missing}: ")),
        "{stderr}"
    );
}

#[test]
fn an_answers_file_that_is_a_list_is_refused_with_exit_2() {
    // `[]` is read as an Answers with every field empty: the client is screened ELIGIBLE.
    let (file, run) = screen("[]");
    let stderr = run.refused();
    assert!(
        stderr.starts_with(&format!("error: {}: at .", file.path())),
        "{stderr}"
    );
}

#[test]
fn a_list_where_a_medication_belongs_is_refused_with_its_path() {
    let (file, run) = screen(r#"{"medications": [["isotretinoin"]]}"#);
    let stderr = run.refused();
    assert_eq!(
        stderr.trim_end(),
        format!(
            "error: {}: at medications[0]: expected an object {{...}}, found a list",
            file.path()
        )
    );
}
