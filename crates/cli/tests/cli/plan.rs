//! `smp plan`: session dates and times, the quote, minoxidil, recall and refusals.

use serde_json::Value;

use crate::support::{array_at, example, i64_at, rules_at, smp, str_at, TempFile};

/// `smp plan --area AREA --start START --tz ZONE --json` plus `extra` arguments.
fn plan_json(area: &str, start: &str, zone: &str, extra: &[&str]) -> Value {
    let mut args = vec![
        "plan", "--area", area, "--start", start, "--tz", zone, "--json",
    ];
    args.extend_from_slice(extra);
    smp(&args).json()
}

/// The README's course: a Norwood 5 client from 2026-12-01 in London.
fn norwood_5_course() -> Value {
    plan_json("norwood-5", "2026-12-01", "Europe/London", &[])
}

fn session_dates(plan: &Value) -> Vec<String> {
    array_at(plan, "/sessions")
        .iter()
        .map(|s| str_at(s, "/date").to_string())
        .collect()
}

#[test]
fn the_water_vacation_client_has_session_1_after_the_vacation_and_every_rule_kept() {
    let events = example("water-vacation.events.json");
    let args = [
        "plan",
        "--area",
        "norwood-4",
        "--start",
        "2026-11-23",
        "--events",
        &events,
        "--tz",
        "Europe/London",
    ];
    let text = smp(&args).ok().to_string();
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let json = smp(&json_args).json();

    assert_eq!(
        session_dates(&json),
        ["2026-12-09", "2026-12-23", "2027-01-06"]
    );
    assert_eq!(str_at(&json, "/sessions/0/starts"), "2026-12-09T10:00");
    assert!(array_at(&json, "/course/violations").is_empty(), "{json:#}");
    assert_eq!(array_at(&json, "/course/events").len(), 2);
    assert_eq!(str_at(&json, "/course/events/0/kind"), "water_vacation");
    assert_eq!(str_at(&json, "/course/events/0/end"), "2026-12-08");

    assert!(
        text.starts_with("Course for norwood-4: 3 session(s), times in Europe/London\n"),
        "{text}"
    );
    assert!(
        text.contains("  1. Wed 9 Dec 2026 10:00-14:00  4 h  foundation:"),
        "{text}"
    );
    assert!(text.contains("\nEvery rule is kept.\n"), "{text}");
}

#[test]
fn a_norwood_5_course_has_three_sessions_two_weeks_apart_starting_at_10_local_time() {
    let plan = norwood_5_course();
    assert_eq!(str_at(&plan, "/time_zone"), "Europe/London");
    assert_eq!(str_at(&plan, "/course/area"), "norwood-5");
    assert_eq!(
        session_dates(&plan),
        ["2026-12-01", "2026-12-15", "2026-12-29"]
    );
    let sessions = array_at(&plan, "/sessions");
    let times: Vec<(&str, &str)> = sessions
        .iter()
        .map(|s| (str_at(s, "/starts"), str_at(s, "/ends")))
        .collect();
    assert_eq!(
        times,
        [
            ("2026-12-01T10:00", "2026-12-01T14:00"),
            ("2026-12-15T10:00", "2026-12-15T14:00"),
            ("2026-12-29T10:00", "2026-12-29T14:00"),
        ]
    );
    let purposes: Vec<&str> = sessions.iter().map(|s| str_at(s, "/purpose")).collect();
    assert_eq!(purposes, ["foundation", "density", "refinement"]);
    let numbers: Vec<i64> = sessions.iter().map(|s| i64_at(s, "/number")).collect();
    assert_eq!(numbers, [1, 2, 3]);
    let finals: Vec<bool> = sessions
        .iter()
        .map(|s| s["care"]["is_final"].as_bool().expect("is_final"))
        .collect();
    assert_eq!(finals, [false, false, true]);
    assert!(array_at(&plan, "/course/violations").is_empty());
}

#[test]
fn the_quote_totals_the_sessions_in_minor_units_less_the_consultation_credit() {
    let plan = norwood_5_course();
    assert_eq!(str_at(&plan, "/quote/currency"), "USD");
    let lines: Vec<(&str, i64, &str)> = array_at(&plan, "/quote/lines")
        .iter()
        .map(|l| {
            (
                str_at(l, "/label"),
                i64_at(l, "/amount/minor"),
                str_at(l, "/amount/currency"),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("Session 1", 110_000, "USD"),
            ("Session 2", 110_000, "USD"),
            ("Session 3", 110_000, "USD"),
            ("Consultation fee credited", -5_000, "USD"),
        ]
    );
    assert_eq!(i64_at(&plan, "/quote/total/minor"), 325_000);
    assert_eq!(str_at(&plan, "/quote/total/currency"), "USD");
}

#[test]
fn the_text_quote_shows_the_credit_and_the_total_in_dollars() {
    let run = smp(&[
        "plan",
        "--area",
        "norwood-5",
        "--start",
        "2026-12-01",
        "--tz",
        "Europe/London",
    ]);
    let text = run.ok();
    let quote: Vec<Vec<&str>> = text
        .lines()
        .skip_while(|l| *l != "Quote (USD)")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        quote,
        [
            vec!["Session", "1", "USD", "1,100.00"],
            vec!["Session", "2", "USD", "1,100.00"],
            vec!["Session", "3", "USD", "1,100.00"],
            vec!["Consultation", "fee", "credited", "-USD", "50.00"],
            vec!["Total", "USD", "3,250.00"],
        ],
        "{text}"
    );
}

#[test]
fn minoxidil_stops_on_the_first_session_and_restarts_30_days_after_the_final_one() {
    let plan = norwood_5_course();
    assert_eq!(str_at(&plan, "/minoxidil/stop"), "2026-12-01");
    assert_eq!(str_at(&plan, "/minoxidil/restart"), "2027-01-28");
    let final_care = rules_at(&plan, "/sessions/2/care/aftercare");
    assert!(final_care.iter().any(|r| r == "minoxidil.restart_days"));
    let restart = array_at(&plan, "/sessions/2/care/aftercare")
        .iter()
        .find(|i| str_at(i, "/rule") == "minoxidil.restart_days")
        .expect("the final session says when minoxidil restarts");
    assert_eq!(str_at(restart, "/from"), "2027-01-28");
}

#[test]
fn the_first_touch_up_recall_is_four_years_after_the_final_session_then_yearly() {
    let plan = norwood_5_course();
    assert_eq!(str_at(&plan, "/recall/first"), "2030-12-29");
    assert_eq!(i64_at(&plan, "/recall/then_every_years"), 1);
}

#[test]
fn sessions_start_at_10_local_time_on_both_sides_of_a_daylight_saving_change() {
    // New York leaves daylight saving time on 1 November 2026.
    let plan = plan_json("norwood-3", "2026-10-19", "America/New_York", &[]);
    let times: Vec<(&str, &str)> = array_at(&plan, "/sessions")
        .iter()
        .map(|s| (str_at(s, "/starts"), str_at(s, "/ends")))
        .collect();
    assert_eq!(
        times,
        [
            ("2026-10-19T10:00", "2026-10-19T13:00"),
            ("2026-11-02T10:00", "2026-11-02T13:00"),
            ("2026-11-16T10:00", "2026-11-16T13:00"),
        ]
    );
    assert_eq!(str_at(&plan, "/time_zone"), "America/New_York");
}

#[test]
fn a_gap_longer_than_recommended_is_a_warning_and_the_course_is_still_planned() {
    let events = TempFile::new(
        "events.json",
        r#"[{"kind": "botox", "date": "2026-12-10"}]"#,
    );
    let args = [
        "plan",
        "--area",
        "norwood-4",
        "--start",
        "2026-11-23",
        "--events",
        events.path(),
        "--tz",
        "Europe/London",
    ];
    let text = smp(&args).ok().to_string();
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let plan = smp(&json_args).json();
    // Botox on 10 December keeps sessions off 27 November to 23 December.
    assert_eq!(
        session_dates(&plan),
        ["2026-11-23", "2026-12-24", "2027-01-07"]
    );
    assert_eq!(rules_at(&plan, "/course/violations"), ["gap.max_days"]);
    assert_eq!(str_at(&plan, "/course/violations/0/severity"), "warning");
    assert_eq!(i64_at(&plan, "/course/violations/0/session"), 2);
    assert!(
        text.contains("\nRules the plan could not keep:\n  [warning] gap.max_days: session 2 on Thu 24 Dec 2026 is 31 days after the one before; 21 days at most are recommended\n"),
        "{text}"
    );
}

#[test]
fn a_clinic_policy_prices_in_its_own_currency_and_credits_no_free_consultation() {
    let policy = example("clinic-policy.toml");
    let plan = plan_json(
        "norwood-7",
        "2026-11-23",
        "Europe/London",
        &["--policy", &policy],
    );
    assert_eq!(str_at(&plan, "/quote/currency"), "EUR");
    assert_eq!(quote_labels(&plan), ["Session 1", "Session 2", "Session 3"]);
    assert_eq!(i64_at(&plan, "/quote/lines/0/amount/minor"), 150_000);
    assert_eq!(i64_at(&plan, "/quote/total/minor"), 450_000);
    assert_eq!(str_at(&plan, "/quote/total/currency"), "EUR");
    // Full-scalp sessions last 5 hours.
    assert_eq!(str_at(&plan, "/sessions/0/ends"), "2026-11-23T15:00");
}

fn quote_labels(plan: &Value) -> Vec<&str> {
    array_at(plan, "/quote/lines")
        .iter()
        .map(|l| str_at(l, "/label"))
        .collect()
}

#[test]
fn a_one_session_course_does_the_whole_design_and_is_the_final_session() {
    let plan = plan_json(
        "norwood-2",
        "2026-11-23",
        "Europe/London",
        &["--sessions", "1"],
    );
    assert_eq!(session_dates(&plan), ["2026-11-23"]);
    assert_eq!(str_at(&plan, "/sessions/0/purpose"), "complete");
    assert_eq!(plan["sessions"][0]["care"]["is_final"], Value::Bool(true));
    assert_eq!(str_at(&plan, "/minoxidil/stop"), "2026-11-23");
    assert_eq!(str_at(&plan, "/minoxidil/restart"), "2026-12-23");
}

#[test]
fn a_request_for_5_sessions_is_refused_with_exit_2_naming_course_max_sessions() {
    smp(&[
        "plan",
        "--area",
        "norwood-4",
        "--start",
        "2026-11-23",
        "--sessions",
        "5",
        "--tz",
        "Europe/London",
    ])
    .refused_with(
        "error: the course cannot be planned: sessions: 5 is outside the policy's range of 1 to 4 (rule course.max_sessions / course.min_sessions)",
    );
}

#[test]
fn a_clinic_policy_allowing_five_sessions_plans_five() {
    let policy = TempFile::new("clinic.toml", "[course]\nmax_sessions = 5\n");
    let plan = plan_json(
        "norwood-4",
        "2026-11-23",
        "Europe/London",
        &["--sessions", "5", "--policy", policy.path()],
    );
    assert_eq!(array_at(&plan, "/sessions").len(), 5);
    assert!(array_at(&plan, "/course/violations").is_empty());
}

#[test]
fn an_events_file_that_blocks_every_date_is_refused_with_exit_2_naming_the_rule() {
    let events = TempFile::new(
        "events.json",
        r#"[{"kind": "sun_holiday", "date": "2026-11-01", "end": "2029-11-01"}]"#,
    );
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
    let stderr = run.refused();
    let prefix = "error: the course cannot be planned: session 1 cannot be placed within 730 days of 2026-11-23: rule ";
    let rest = stderr
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("unexpected message:\n{stderr}"));
    assert!(
        rest.starts_with("precare.sun_days blocks every date (")
            || rest.starts_with("aftercare.no_sun_days blocks every date ("),
        "{stderr}"
    );
    assert!(rest.contains("(2026-11-01 to 2029-11-01)"), "{stderr}");
}

#[test]
fn a_diffuse_thinning_course_does_not_ask_the_client_to_shave() {
    let diffuse = plan_json("diffuse", "2026-11-23", "America/New_York", &[]);
    for session in array_at(&diffuse, "/sessions") {
        let precare = rules_at(session, "/care/precare");
        assert!(!precare.iter().any(|r| r == "precare.shave"), "{precare:?}");
    }
    let norwood = norwood_5_course();
    for session in array_at(&norwood, "/sessions") {
        let precare = rules_at(session, "/care/precare");
        assert!(precare.iter().any(|r| r == "precare.shave"), "{precare:?}");
    }
}

#[test]
fn session_times_are_printed_whatever_the_length_of_the_year() {
    let run = smp(&[
        "plan",
        "--area",
        "norwood-4",
        "--start=-000001-06-01",
        "--sessions",
        "1",
        "--tz",
        "UTC",
    ]);
    let text = run.ok();
    assert!(
        text.contains("\n  1. Tue 1 Jun -001 10:00-14:00  4 h  "),
        "{text}"
    );
}

#[test]
fn a_session_past_the_last_representable_instant_is_refused_by_plan_as_by_care() {
    // `smp care --session 9999-12-31T10:00 --tz UTC` exits 2; `smp plan` printed the
    // session as starting on 1970-01-01T00:00 and exited 0.
    let run = smp(&[
        "plan",
        "--area",
        "norwood-4",
        "--start",
        "9999-12-31",
        "--sessions",
        "1",
        "--tz",
        "UTC",
        "--json",
    ]);
    run.refused();
}

#[test]
fn a_plan_with_the_clients_answers_starts_when_their_waiting_period_ends() {
    let answers = example("accutane-3-months.answers.json");
    let out = plan_json(
        "norwood-3",
        "2026-11-23",
        "Europe/London",
        &["--answers", &answers, "--on", "2026-11-21"],
    );
    assert_eq!(str_at(&out, "/screening/outcome"), "deferred");
    let dates = session_dates(&out["plan"]);
    assert_eq!(dates[0], "2027-02-21");
    let text = smp(&[
        "plan",
        "--area",
        "norwood-3",
        "--start",
        "2026-11-23",
        "--tz",
        "Europe/London",
        "--answers",
        &answers,
        "--on",
        "2026-11-21",
    ]);
    assert!(text.ok().starts_with(
        "Screening: a waiting period runs until Sun 21 Feb 2027; the course starts then.\n"
    ));
}

#[test]
fn no_course_is_planned_for_a_client_who_is_not_a_candidate() {
    let answers = example("not-a-candidate.answers.json");
    let out = plan_json(
        "norwood-3",
        "2026-11-23",
        "Europe/London",
        &["--answers", &answers, "--on", "2026-11-21"],
    );
    assert_eq!(str_at(&out, "/screening/outcome"), "not_a_candidate");
    assert_eq!(out["plan"], Value::Null);
    let text = smp(&[
        "plan",
        "--area",
        "norwood-3",
        "--start",
        "2026-11-23",
        "--answers",
        &answers,
        "--on",
        "2026-11-21",
    ]);
    let stdout = text.ok();
    assert!(stdout
        .starts_with("No course is planned: the screening found the client is not a candidate.\n"));
    assert!(stdout.contains("(rule screen.hepatitis_c)"));
}

#[test]
fn a_client_needing_review_is_planned_with_the_review_named() {
    let answers = TempFile::new("review.json", r#"{"conditions": ["eczema"]}"#);
    let text = smp(&[
        "plan",
        "--area",
        "norwood-2",
        "--start",
        "2026-12-01",
        "--tz",
        "UTC",
        "--answers",
        answers.path(),
        "--on",
        "2026-11-21",
    ]);
    let stdout = text.ok();
    assert!(stdout.starts_with("Screening: a practitioner or physician must review before the first session:\n- Eczema"), "{stdout}");
    assert!(stdout.contains("(rule screen.eczema)"));
    assert!(stdout.contains("1. Tue 1 Dec 2026"));
}

#[test]
fn on_without_answers_is_a_usage_error() {
    let run = smp(&[
        "plan",
        "--area",
        "norwood-2",
        "--start",
        "2026-12-01",
        "--on",
        "2026-11-21",
    ]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("--answers"), "{}", run.stderr);
}
