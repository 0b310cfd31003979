//! Bad clinic policy files: exit code 2 and every problem with its file, line and key.

use crate::support::{example, smp, Run, TempFile};

/// Runs `smp policy show` over a policy file holding `toml`.
fn show(toml: &str) -> (TempFile, Run) {
    let policy = TempFile::new("clinic.toml", toml);
    let run = smp(&["policy", "show", "--policy", policy.path()]);
    (policy, run)
}

/// Asserts the run was refused with exactly these problems, each `line: message`.
fn assert_problems(file: &TempFile, run: &Run, problems: &[&str]) {
    let mut expected = String::from("error: the policy file was refused:\n");
    for problem in problems {
        expected.push_str(&format!("{}:{problem}\n", file.path()));
    }
    assert_eq!(run.refused(), expected);
}

#[test]
fn an_unknown_key_is_refused_with_exit_2_naming_the_line_and_the_key() {
    let (file, run) = show("# our clinic\n[gap]\nmin_days = 14\nminimum_days = 10\n");
    assert_problems(
        &file,
        &run,
        &["4: gap.minimum_days: unknown key; known keys in [gap]: gap.min_days, gap.max_days"],
    );
}

#[test]
fn an_unknown_section_is_refused_with_exit_2_listing_the_sections() {
    let (file, run) = show("colour = \"blue\"\n");
    assert_problems(
        &file,
        &run,
        &["1: colour: unknown key; known sections: course, gap, plan, consultation, price, duration, recall, screen, precare, aftercare, minoxidil, finasteride"],
    );
}

#[test]
fn a_value_of_the_wrong_type_is_refused_with_exit_2() {
    let (file, run) = show("[gap]\nmin_days = \"two weeks\"\n");
    assert_problems(
        &file,
        &run,
        &["2: gap.min_days: expected a whole number, got a string"],
    );
}

#[test]
fn a_negative_number_of_days_is_refused_with_exit_2() {
    let (file, run) = show("[gap]\n\nmin_days = -3\n");
    assert_problems(
        &file,
        &run,
        &["3: gap.min_days: must not be negative, got -3"],
    );
}

#[test]
fn a_minimum_gap_above_the_default_maximum_is_refused_with_exit_2() {
    let (file, run) = show("[gap]\nmin_days = 30\n");
    assert_problems(
        &file,
        &run,
        &["2: gap.min_days: gap.min_days (30) must not be above gap.max_days (21)"],
    );
}

#[test]
fn a_maximum_gap_below_the_default_minimum_is_blamed_on_the_maximum() {
    let (file, run) = show("[gap]\nmax_days = 10\n");
    assert_problems(
        &file,
        &run,
        &["2: gap.max_days: gap.min_days (14) must not be above gap.max_days (10)"],
    );
}

#[test]
fn a_zero_minimum_gap_is_refused_with_exit_2() {
    let (file, run) = show("[gap]\nmin_days = 0\n");
    assert_problems(&file, &run, &["2: gap.min_days: must be at least 1, got 0"]);
}

#[test]
fn invalid_toml_is_refused_with_exit_2_naming_the_line() {
    let (file, run) = show("[gap\nmin_days = 30\n");
    assert_problems(
        &file,
        &run,
        &["1: not valid TOML: unclosed table, expected `]`"],
    );
}

#[test]
fn a_key_given_twice_is_refused_as_invalid_toml_at_its_second_line() {
    let (file, run) = show("[gap]\nmin_days = 15\nmin_days = 16\n");
    assert_problems(&file, &run, &["3: not valid TOML: duplicate key"]);
}

#[test]
fn a_section_given_a_value_is_refused_with_exit_2_listing_its_keys() {
    let (file, run) = show("gap = 3\n");
    assert_problems(
        &file,
        &run,
        &["1: gap: is a section, not a value; its keys are gap.min_days, gap.max_days"],
    );
}

#[test]
fn every_problem_of_a_file_is_reported_together_in_line_order() {
    let (file, run) = show("[gap]\nmin_days = -1\n\n[price]\ncurrency = \"euro\"\nbogus = 1\n");
    assert_problems(
        &file,
        &run,
        &[
            "2: gap.min_days: must not be negative, got -1",
            "5: price.currency: expected an ISO 4217 currency code of three capital letters like \"USD\", got \"euro\"",
            "6: price.bogus: unknown key; known keys in [price]: price.currency, price.minor, price.moderate, price.extensive, price.full, price.scar, price.touch_up",
        ],
    );
}

#[test]
fn values_outside_their_range_are_refused_with_exit_2() {
    let (file, run) = show(concat!(
        "[duration]\nfull = 9\n",
        "[plan]\nsession_time = \"25:00\"\nhorizon_days = 4000\n",
        "[screen]\neczema = \"maybe\"\n",
        "[precare]\nblood_thinners = [\"warfarin\", \"tylenol\"]\n",
    ));
    assert_problems(
        &file,
        &run,
        &[
            "2: duration.full: must be between 0.5 and 8 hours, got 9",
            "4: plan.session_time: expected a time of day like \"10:00\", got \"25:00\"",
            "5: plan.horizon_days: must be at most 3650, got 4000",
            "7: screen.eczema: expected \"eligible\", \"review\" or \"not_a_candidate\", got \"maybe\"",
            "9: precare.blood_thinners: unknown medication \"tylenol\"; known: isotretinoin, steroids, retinol, warfarin, aspirin, ibuprofen, niacin, fish_oil, vitamin_e, minoxidil, finasteride, blood_thinner",
        ],
    );
}

#[test]
fn a_bad_policy_file_stops_every_command_with_exit_2() {
    let policy = TempFile::new("clinic.toml", "[gap]\nmin_days = -3\n");
    let expected = format!(
        "error: the policy file was refused:\n{}:2: gap.min_days: must not be negative, got -3\n",
        policy.path()
    );
    let answers = example("norwood5-eligible.answers.json");
    let runs = [
        smp(&[
            "screen",
            "--answers",
            &answers,
            "--on",
            "2026-11-21",
            "--policy",
            policy.path(),
        ]),
        smp(&[
            "plan",
            "--area",
            "norwood-4",
            "--start",
            "2026-11-23",
            "--tz",
            "Europe/London",
            "--policy",
            policy.path(),
        ]),
        smp(&[
            "care",
            "--session",
            "2026-12-09T10:00",
            "--tz",
            "Europe/London",
            "--policy",
            policy.path(),
            "--json",
        ]),
    ];
    for run in &runs {
        assert_eq!(run.refused(), expected, "{:?}", run.args);
    }
}

#[test]
fn a_missing_policy_file_is_refused_with_exit_2_naming_it() {
    let missing = std::env::temp_dir().join(format!(
        "smp-cli-test-{}-no-such-policy.toml",
        std::process::id()
    ));
    let missing = missing.to_str().expect("UTF-8 path");
    let run = smp(&["policy", "show", "--policy", missing]);
    let stderr = run.refused();
    assert!(
        stderr.starts_with(&format!("error: cannot read the policy file {missing}: ")),
        "{stderr}"
    );
}

#[test]
fn a_section_written_as_an_inline_table_is_read_like_a_table() {
    let (file, run) = show("gap = { min_days = 20, max_days = 28 }\n");
    let text = run.ok();
    assert!(
        text.contains(&format!("20 days  (clinic file {} line 1)", file.path())),
        "{text}"
    );
}
