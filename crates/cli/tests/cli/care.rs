//! `smp care`: dated instructions around one session, across daylight-saving changes.

use serde_json::Value;

use crate::support::{array_at, rules_at, smp, str_at};

/// `smp care --session SESSION --tz ZONE --json` plus `extra` arguments.
fn care_json(session: &str, zone: &str, extra: &[&str]) -> Value {
    let mut args = vec!["care", "--session", session, "--tz", zone, "--json"];
    args.extend_from_slice(extra);
    smp(&args).json()
}

/// The instruction of `rule` in the `part` (`precare` or `aftercare`) of a sheet.
fn item<'a>(sheet: &'a Value, part: &str, rule: &str) -> &'a Value {
    array_at(sheet, &format!("/{part}"))
        .iter()
        .find(|i| str_at(i, "/rule") == rule)
        .unwrap_or_else(|| panic!("no {rule} in {part}: {sheet:#}"))
}

/// `(from, until)` of the instruction of `rule`.
fn window<'a>(sheet: &'a Value, part: &str, rule: &str) -> (&'a str, &'a str) {
    let found = item(sheet, part, rule);
    (str_at(found, "/from"), str_at(found, "/until"))
}

#[test]
fn the_alcohol_window_is_48_real_hours_so_it_starts_at_9_across_the_march_clock_change() {
    // London moves its clocks forward at 01:00 on Sunday 29 March 2026.
    let sheet = care_json("2026-03-30T10:00", "Europe/London", &[]);
    assert_eq!(str_at(&sheet, "/session"), "2026-03-30T10:00");
    assert_eq!(str_at(&sheet, "/time_zone"), "Europe/London");
    assert_eq!(
        window(&sheet, "precare", "precare.alcohol_hours"),
        ("2026-03-28T09:00", "2026-03-30T10:00")
    );
    assert_eq!(
        str_at(item(&sheet, "precare", "precare.alcohol_hours"), "/text"),
        "No alcohol from Sat 28 Mar 2026 09:00 (48 hours before)."
    );
}

#[test]
fn the_alcohol_window_starts_at_11_across_the_october_clock_change() {
    // London moves its clocks back at 02:00 on Sunday 25 October 2026.
    let sheet = care_json("2026-10-26T10:00", "Europe/London", &[]);
    assert_eq!(
        window(&sheet, "precare", "precare.alcohol_hours"),
        ("2026-10-24T11:00", "2026-10-26T10:00")
    );
}

#[test]
fn the_alcohol_window_starts_at_the_session_time_when_no_clock_change_is_near() {
    let sheet = care_json("2026-12-09T10:00", "Europe/London", &[]);
    assert_eq!(
        window(&sheet, "precare", "precare.alcohol_hours"),
        ("2026-12-07T10:00", "2026-12-09T10:00")
    );
}

#[test]
fn day_based_windows_count_calendar_days_across_the_march_clock_change() {
    let sheet = care_json("2026-03-30T10:00", "Europe/London", &[]);
    assert_eq!(
        window(&sheet, "precare", "precare.retinol_days"),
        ("2026-03-23", "2026-03-30")
    );
    assert_eq!(
        window(&sheet, "precare", "precare.caffeine_days"),
        ("2026-03-28", "2026-03-30")
    );
    assert_eq!(
        window(&sheet, "precare", "precare.blood_thinners_days"),
        ("2026-03-27", "2026-03-30")
    );
    assert_eq!(
        window(&sheet, "precare", "precare.sun_days"),
        ("2026-02-28", "2026-03-30")
    );
    assert_eq!(
        window(&sheet, "aftercare", "aftercare.no_wash_days"),
        ("2026-03-30", "2026-04-04")
    );
    assert_eq!(
        window(&sheet, "aftercare", "aftercare.no_sun_days"),
        ("2026-03-30", "2026-04-29")
    );
    assert_eq!(
        str_at(item(&sheet, "precare", "precare.retinol_days"), "/text"),
        "Stop retinol and Retin-A from Mon 23 Mar 2026 (7 days before)."
    );
}

#[test]
fn precare_is_listed_earliest_first() {
    let sheet = care_json("2026-03-30T10:00", "Europe/London", &[]);
    let starts: Vec<String> = array_at(&sheet, "/precare")
        .iter()
        .map(|i| {
            let from = str_at(i, "/from");
            // A whole day starts at midnight.
            if from.len() == 10 {
                format!("{from}T00:00")
            } else {
                from.to_string()
            }
        })
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
}

#[test]
fn a_session_that_is_not_the_last_has_the_pool_and_sauna_rule_of_every_session() {
    let sheet = care_json("2026-03-30T10:00", "Europe/London", &[]);
    assert_eq!(sheet["is_final"], Value::Bool(false));
    let rules = rules_at(&sheet, "/aftercare");
    assert!(
        rules.iter().any(|r| r == "aftercare.no_pool_sauna_days"),
        "{rules:?}"
    );
    assert!(
        !rules
            .iter()
            .any(|r| r == "aftercare.final_no_pool_sauna_days"),
        "{rules:?}"
    );
    assert!(
        !rules.iter().any(|r| r == "minoxidil.restart_days"),
        "{rules:?}"
    );
    assert!(
        !rules.iter().any(|r| r == "aftercare.long_term"),
        "{rules:?}"
    );
    assert_eq!(
        window(&sheet, "aftercare", "aftercare.no_pool_sauna_days"),
        ("2026-03-30", "2026-04-09")
    );
}

#[test]
fn the_final_session_has_the_longer_pool_rule_and_the_minoxidil_restart() {
    let sheet = care_json("2026-03-30T10:00", "Europe/London", &["--final"]);
    assert_eq!(sheet["is_final"], Value::Bool(true));
    let rules = rules_at(&sheet, "/aftercare");
    assert!(
        rules
            .iter()
            .any(|r| r == "aftercare.final_no_pool_sauna_days"),
        "{rules:?}"
    );
    assert!(
        rules.iter().any(|r| r == "minoxidil.restart_days"),
        "{rules:?}"
    );
    assert!(
        rules.iter().any(|r| r == "aftercare.long_term"),
        "{rules:?}"
    );
    assert!(
        !rules.iter().any(|r| r == "aftercare.no_pool_sauna_days"),
        "{rules:?}"
    );
    assert_eq!(
        window(&sheet, "aftercare", "aftercare.final_no_pool_sauna_days"),
        ("2026-03-30", "2026-04-27")
    );
    let restart = item(&sheet, "aftercare", "minoxidil.restart_days");
    assert_eq!(str_at(restart, "/from"), "2026-04-29");
    assert_eq!(
        str_at(restart, "/text"),
        "If you use minoxidil (Rogaine), restart it on Wed 29 Apr 2026."
    );
}

#[test]
fn the_text_sheet_names_the_session_the_zone_and_each_rule() {
    let run = smp(&[
        "care",
        "--session",
        "2026-03-30T10:00",
        "--tz",
        "Europe/London",
        "--final",
    ]);
    let text = run.ok();
    assert_eq!(
        text.lines().next(),
        Some("Care around the session on Mon 30 Mar 2026 10:00 (Europe/London) (final session)")
    );
    assert!(
        text.contains("\n  - No alcohol from Sat 28 Mar 2026 09:00 (48 hours before). [precare.alcohol_hours]\n"),
        "{text}"
    );
    assert!(
        text.contains("\n  - No swimming pools, saunas, steam rooms, hot yoga or tanning beds before Mon 27 Apr 2026 (day 28). [aftercare.final_no_pool_sauna_days]\n"),
        "{text}"
    );
    let before = text.find("  Before:\n").expect("a Before: part");
    let after = text.find("  After:\n").expect("an After: part");
    assert!(before < after, "{text}");
}
