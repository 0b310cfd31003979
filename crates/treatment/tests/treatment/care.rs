//! Care sheets: dated instructions, day windows and hour windows across daylight saving.

use smp_treatment::{care_sheet, CareSheet, Instruction, Moment, Policy};

fn sheet(at: &str, is_final: bool) -> CareSheet {
    let start: jiff::Zoned = at.parse().unwrap();
    care_sheet(&Policy::default(), &start, is_final)
}

fn find<'a>(items: &'a [Instruction], rule: &str) -> &'a Instruction {
    items
        .iter()
        .find(|i| i.rule == rule)
        .unwrap_or_else(|| panic!("no instruction for {rule}"))
}

fn day(text: &str) -> Moment {
    Moment::Day(text.parse().unwrap())
}

#[test]
fn pre_care_windows_start_on_the_right_local_dates() {
    let s = sheet("2026-12-09T10:00[Europe/London]", false);
    assert_eq!(
        find(&s.precare, "precare.sun_days").from,
        Some(day("2026-11-09"))
    );
    assert_eq!(
        find(&s.precare, "precare.peel_laser_days").from,
        Some(day("2026-10-10"))
    );
    assert_eq!(
        find(&s.precare, "precare.injectables_days").from,
        Some(day("2026-11-25"))
    );
    assert_eq!(
        find(&s.precare, "precare.retinol_days").from,
        Some(day("2026-12-02"))
    );
    assert_eq!(
        find(&s.precare, "precare.blood_thinners_days").from,
        Some(day("2026-12-06"))
    );
    assert_eq!(
        find(&s.precare, "precare.caffeine_days").from,
        Some(day("2026-12-07"))
    );
    assert_eq!(
        find(&s.precare, "precare.night_before").from,
        Some(day("2026-12-08"))
    );
    assert_eq!(
        find(&s.precare, "precare.alcohol_hours").text,
        "No alcohol from Mon 7 Dec 2026 10:00 (48 hours before)."
    );
}

#[test]
fn the_alcohol_window_counts_real_hours_across_the_spring_change() {
    // Clocks in London go forward on 29 March 2026: 48 real hours before 10:00 BST on the
    // 30th is 09:00 GMT on the 28th.
    let s = sheet("2026-03-30T10:00[Europe/London]", false);
    let alcohol = find(&s.precare, "precare.alcohol_hours");
    assert_eq!(
        alcohol.from,
        Some(Moment::At("2026-03-28T09:00".parse().unwrap()))
    );
    // Day windows count calendar days and are unaffected.
    assert_eq!(
        find(&s.precare, "precare.retinol_days").from,
        Some(day("2026-03-23"))
    );
}

#[test]
fn day_windows_land_on_the_right_local_date_across_the_autumn_change() {
    // New York falls back on 1 November 2026; a session just after midnight on the 3rd.
    let s = sheet("2026-11-03T00:30[America/New_York]", false);
    assert_eq!(
        find(&s.precare, "precare.blood_thinners_days").from,
        Some(day("2026-10-31"))
    );
    // 48 real hours before 00:30 EST on the 3rd is 01:30 EDT... of the 1st, the first
    // of the two 01:30s that day.
    assert_eq!(
        find(&s.precare, "precare.alcohol_hours").from,
        Some(Moment::At("2026-11-01T01:30".parse().unwrap()))
    );
    assert_eq!(
        find(&s.aftercare, "aftercare.no_wash_days").until,
        Some(day("2026-11-08"))
    );
}

#[test]
fn aftercare_runs_from_the_session_day() {
    let s = sheet("2026-12-09T10:00[Europe/London]", false);
    assert_eq!(
        find(&s.aftercare, "aftercare.no_wash_days").until,
        Some(day("2026-12-14"))
    );
    assert!(find(&s.aftercare, "aftercare.no_wash_days")
        .text
        .contains("mild shampoo"));
    assert_eq!(
        find(&s.aftercare, "aftercare.no_sweat_days").until,
        Some(day("2026-12-16"))
    );
    assert_eq!(
        find(&s.aftercare, "aftercare.no_shave_days").until,
        Some(day("2026-12-14"))
    );
    assert_eq!(
        find(&s.aftercare, "aftercare.regular_shave_days").from,
        Some(day("2026-12-19"))
    );
    assert_eq!(
        find(&s.aftercare, "aftercare.no_pool_sauna_days").until,
        Some(day("2026-12-19"))
    );
    assert_eq!(
        find(&s.aftercare, "aftercare.no_sun_days").until,
        Some(day("2027-01-08"))
    );
    assert_eq!(
        find(&s.aftercare, "aftercare.hair_dye_days").until,
        Some(day("2027-01-06"))
    );
    assert_eq!(
        find(&s.aftercare, "aftercare.hair_transplant_days").until,
        Some(day("2027-01-08"))
    );
    assert_eq!(
        find(&s.aftercare, "aftercare.injectables_days").until,
        Some(day("2026-12-23"))
    );
    assert_eq!(
        find(&s.aftercare, "aftercare.peel_laser_days").until,
        Some(day("2027-02-07"))
    );
    assert!(s
        .aftercare
        .iter()
        .all(|i| i.rule != "aftercare.final_no_pool_sauna_days"));
    assert!(s
        .aftercare
        .iter()
        .all(|i| i.rule != "minoxidil.restart_days"));
}

#[test]
fn the_final_session_has_the_longer_sauna_rule_minoxidil_restart_and_long_term_care() {
    let s = sheet("2026-12-27T10:00[Europe/London]", true);
    let sauna = find(&s.aftercare, "aftercare.final_no_pool_sauna_days");
    assert_eq!(sauna.until, Some(day("2027-01-24")));
    assert!(sauna.text.contains("tanning beds"));
    assert_eq!(
        find(&s.aftercare, "minoxidil.restart_days").from,
        Some(day("2027-01-26"))
    );
    assert!(find(&s.aftercare, "aftercare.long_term")
        .text
        .contains("SPF 30-50"));
    assert!(s
        .aftercare
        .iter()
        .all(|i| i.rule != "aftercare.no_pool_sauna_days"));
}

#[test]
fn the_pre_care_list_is_in_date_order() {
    let s = sheet("2026-12-09T10:00[Europe/London]", false);
    let json = serde_json::to_value(&s.precare).unwrap();
    let froms: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["from"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = froms.clone();
    sorted.sort();
    assert_eq!(froms, sorted);
}
