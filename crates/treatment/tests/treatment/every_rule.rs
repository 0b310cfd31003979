//! Every rule of the policy is wired to behaviour: for each rule id there is a scenario
//! whose result changes when a clinic changes that rule's value. Removing a rule (or
//! unhooking it from the code) makes its scenario fail, and a rule added to the policy
//! without a scenario here fails `every_rule_has_a_scenario`.

use jiff::civil::date;
use smp_treatment::{
    care_sheet, plan, plan_sheet, screen, validate, Answers, Area, ClientEvent, CourseRequest,
    EventKind, Policy, RULES,
};

use super::support::policy_with;

fn screened(json: &'static str) -> impl Fn(&Policy) -> String {
    move |policy| {
        let on = date(2026, 11, 21);
        let answers = Answers::parse("a.json", json, on).unwrap();
        serde_json::to_string(&screen(&answers, on, policy)).unwrap()
    }
}

fn planned(area: Area, sessions: Option<u32>, events: Vec<ClientEvent>, policy: &Policy) -> String {
    let request = CourseRequest {
        area,
        start: date(2026, 12, 1),
        sessions,
        events,
    };
    match plan(policy, &request) {
        Ok(course) => {
            let tz = jiff::tz::TimeZone::get("Europe/London").unwrap();
            serde_json::to_string(
                &plan_sheet(policy, course, policy.plan_session_time, &tz).unwrap(),
            )
            .unwrap()
        }
        Err(err) => err.to_string(),
    }
}

fn cared(policy: &Policy) -> String {
    let start: jiff::Zoned = "2026-12-09T10:00[Europe/London]".parse().unwrap();
    let a = serde_json::to_string(&care_sheet(policy, &start, false)).unwrap();
    let b = serde_json::to_string(&care_sheet(policy, &start, true)).unwrap();
    a + &b
}

fn plan_area(area: Area) -> impl Fn(&Policy) -> String {
    move |policy| planned(area, None, vec![], policy)
}

/// What to compute under a policy, as text to compare.
type Scenario = Box<dyn Fn(&Policy) -> String>;

/// A rule id, a clinic file changing it, and the scenario that must notice.
type Case = (&'static str, &'static str, Scenario);

fn scenarios() -> Vec<Case> {
    let water = |p: &Policy| {
        planned(
            Area::Norwood5,
            None,
            vec![ClientEvent::on(
                EventKind::WaterVacation,
                date(2026, 12, 20),
            )],
            p,
        )
    };
    let sun = |p: &Policy| {
        planned(
            Area::Norwood5,
            None,
            vec![ClientEvent::on(EventKind::SunHoliday, date(2026, 11, 20))],
            p,
        )
    };
    let long_sun = |p: &Policy| {
        let end = Some(date(2027, 6, 1));
        planned(
            Area::Norwood5,
            None,
            vec![ClientEvent {
                kind: EventKind::SunHoliday,
                date: date(2026, 12, 1),
                end,
            }],
            p,
        )
    };
    let gaps = |p: &Policy| {
        format!(
            "{:?}",
            validate(p, &[date(2026, 12, 1), date(2026, 12, 26)], &[])
        )
    };
    let one = |p: &Policy| format!("{:?}", validate(p, &[date(2026, 12, 1)], &[]));
    let mut out: Vec<Case> = vec![
        (
            "course.default_sessions",
            "course.default_sessions = 2",
            Box::new(plan_area(Area::Norwood5)),
        ),
        (
            "course.min_sessions",
            "course.min_sessions = 2",
            Box::new(one),
        ),
        (
            "course.max_sessions",
            "course.max_sessions = 3",
            Box::new(|p: &Policy| planned(Area::Norwood5, Some(4), vec![], p)),
        ),
        (
            "course.touch_up_sessions",
            "course.touch_up_sessions = 2",
            Box::new(plan_area(Area::TouchUp)),
        ),
        (
            "gap.min_days",
            "gap.min_days = 20",
            Box::new(plan_area(Area::Norwood5)),
        ),
        ("gap.max_days", "gap.max_days = 28", Box::new(gaps)),
        (
            "plan.session_time",
            "plan.session_time = \"14:30\"",
            Box::new(plan_area(Area::Norwood5)),
        ),
        (
            "plan.horizon_days",
            "plan.horizon_days = 100",
            Box::new(long_sun),
        ),
        (
            "consultation.fee",
            "consultation.fee = 0",
            Box::new(plan_area(Area::Norwood5)),
        ),
        (
            "consultation.credited",
            "consultation.credited = false",
            Box::new(plan_area(Area::Norwood5)),
        ),
        (
            "price.currency",
            "price.currency = \"EUR\"",
            Box::new(plan_area(Area::Norwood5)),
        ),
        (
            "price.minor",
            "price.minor = 1",
            Box::new(plan_area(Area::Norwood1)),
        ),
        (
            "price.moderate",
            "price.moderate = 1",
            Box::new(plan_area(Area::Norwood3)),
        ),
        (
            "price.extensive",
            "price.extensive = 1",
            Box::new(plan_area(Area::Diffuse)),
        ),
        (
            "price.full",
            "price.full = 1",
            Box::new(plan_area(Area::Norwood7)),
        ),
        (
            "price.scar",
            "price.scar = 1",
            Box::new(plan_area(Area::ScarFut)),
        ),
        (
            "price.touch_up",
            "price.touch_up = 1",
            Box::new(plan_area(Area::TouchUp)),
        ),
        (
            "duration.minor",
            "duration.minor = 1",
            Box::new(plan_area(Area::Norwood2)),
        ),
        (
            "duration.moderate",
            "duration.moderate = 1",
            Box::new(plan_area(Area::Ludwig1)),
        ),
        (
            "duration.extensive",
            "duration.extensive = 1",
            Box::new(plan_area(Area::Norwood4)),
        ),
        (
            "duration.full",
            "duration.full = 1",
            Box::new(plan_area(Area::AlopeciaTotalis)),
        ),
        (
            "duration.scar",
            "duration.scar = 1",
            Box::new(plan_area(Area::ScarFue)),
        ),
        (
            "duration.touch_up",
            "duration.touch_up = 1",
            Box::new(plan_area(Area::TouchUp)),
        ),
        (
            "recall.first_years",
            "recall.first_years = 5",
            Box::new(plan_area(Area::Norwood5)),
        ),
        (
            "recall.repeat_years",
            "recall.repeat_years = 2",
            Box::new(plan_area(Area::Norwood5)),
        ),
        (
            "screen.sunburn",
            "screen.sunburn = \"not_a_candidate\"",
            Box::new(screened(r#"{"skin": {"sunburn": true}}"#)),
        ),
        (
            "screen.suntan",
            "screen.suntan = \"not_a_candidate\"",
            Box::new(screened(r#"{"skin": {"suntan": true}}"#)),
        ),
        (
            "screen.blood_thinners",
            "screen.blood_thinners = \"not_a_candidate\"",
            Box::new(screened(r#"{"medications": [{"name": "warfarin"}]}"#)),
        ),
        (
            "screen.isotretinoin_months",
            "screen.isotretinoin_months = 3",
            Box::new(screened(
                r#"{"medications": [{"name": "isotretinoin", "last_taken": "2026-07-01"}]}"#,
            )),
        ),
        (
            "screen.steroids_months",
            "screen.steroids_months = 3",
            Box::new(screened(
                r#"{"medications": [{"name": "steroids", "last_taken": "2026-07-01"}]}"#,
            )),
        ),
        (
            "screen.keloid_scar_months",
            "screen.keloid_scar_months = 3",
            Box::new(screened(
                r#"{"procedures": [{"kind": "keloid_scar", "date": "2026-07-01"}]}"#,
            )),
        ),
        (
            "precare.hair_transplant_months",
            "precare.hair_transplant_months = 3",
            Box::new(screened(
                r#"{"procedures": [{"kind": "hair_transplant", "date": "2026-07-01"}]}"#,
            )),
        ),
        ("precare.sun_days", "precare.sun_days = 10", Box::new(sun)),
        (
            "precare.peel_laser_days",
            "precare.peel_laser_days = 30",
            Box::new(cared),
        ),
        (
            "precare.injectables_days",
            "precare.injectables_days = 21",
            Box::new(cared),
        ),
        (
            "precare.retinol_days",
            "precare.retinol_days = 10",
            Box::new(cared),
        ),
        (
            "precare.blood_thinners_days",
            "precare.blood_thinners_days = 5",
            Box::new(cared),
        ),
        (
            "precare.blood_thinners",
            "precare.blood_thinners = [\"aspirin\"]",
            Box::new(cared),
        ),
        (
            "precare.alcohol_hours",
            "precare.alcohol_hours = 24",
            Box::new(cared),
        ),
        (
            "precare.caffeine_days",
            "precare.caffeine_days = 1",
            Box::new(cared),
        ),
        (
            "precare.water_vacation_days",
            "precare.water_vacation_days = 20",
            Box::new(water),
        ),
        ("precare.shave", "precare.shave = false", Box::new(cared)),
        (
            "precare.night_before",
            "precare.night_before = false",
            Box::new(cared),
        ),
        ("precare.day_of", "precare.day_of = false", Box::new(cared)),
        (
            "aftercare.no_scratch",
            "aftercare.no_scratch = false",
            Box::new(cared),
        ),
        (
            "aftercare.no_wash_days",
            "aftercare.no_wash_days = 4",
            Box::new(cared),
        ),
        (
            "aftercare.no_sweat_days",
            "aftercare.no_sweat_days = 5",
            Box::new(cared),
        ),
        (
            "aftercare.no_shave_days",
            "aftercare.no_shave_days = 4",
            Box::new(cared),
        ),
        (
            "aftercare.regular_shave_days",
            "aftercare.regular_shave_days = 12",
            Box::new(cared),
        ),
        (
            "aftercare.no_pool_sauna_days",
            "aftercare.no_pool_sauna_days = 7",
            Box::new(cared),
        ),
        (
            "aftercare.final_no_pool_sauna_days",
            "aftercare.final_no_pool_sauna_days = 21",
            Box::new(cared),
        ),
        (
            "aftercare.no_sun_days",
            "aftercare.no_sun_days = 21",
            Box::new(cared),
        ),
        (
            "aftercare.injectables_days",
            "aftercare.injectables_days = 21",
            Box::new(cared),
        ),
        (
            "aftercare.peel_laser_days",
            "aftercare.peel_laser_days = 30",
            Box::new(cared),
        ),
        (
            "aftercare.hair_transplant_days",
            "aftercare.hair_transplant_days = 60",
            Box::new(cared),
        ),
        (
            "aftercare.hair_dye_days",
            "aftercare.hair_dye_days = 21",
            Box::new(cared),
        ),
        (
            "aftercare.redness_days",
            "aftercare.redness_days = 2",
            Box::new(cared),
        ),
        (
            "aftercare.settling_days",
            "aftercare.settling_days = 10",
            Box::new(cared),
        ),
        (
            "aftercare.long_term",
            "aftercare.long_term = false",
            Box::new(cared),
        ),
        (
            "minoxidil.suspend",
            "minoxidil.suspend = false",
            Box::new(plan_area(Area::Norwood5)),
        ),
        (
            "minoxidil.restart_days",
            "minoxidil.restart_days = 45",
            Box::new(plan_area(Area::Norwood5)),
        ),
        (
            "finasteride.suspend",
            "finasteride.suspend = true",
            Box::new(screened(r#"{"medications": [{"name": "finasteride"}]}"#)),
        ),
    ];
    // One scenario per condition: flip its verdict.
    for rule in RULES
        .iter()
        .filter(|r| r.id.starts_with("screen.") && !r.id.ends_with("_months"))
    {
        let condition = &rule.id["screen.".len()..];
        if smp_treatment::Condition::parse(condition).is_none() {
            continue;
        }
        let default = Policy::default()
            .entries()
            .into_iter()
            .find(|e| e.id == rule.id)
            .unwrap()
            .text;
        let other = if default == "review" {
            "not_a_candidate"
        } else {
            "review"
        };
        let toml: &'static str = Box::leak(format!("{} = \"{other}\"", rule.id).into_boxed_str());
        let json: &'static str =
            Box::leak(format!(r#"{{"conditions": ["{condition}"]}}"#).into_boxed_str());
        out.push((rule.id, toml, Box::new(screened(json))));
    }
    out
}

#[test]
fn every_rule_has_a_scenario() {
    let covered: Vec<&str> = scenarios().iter().map(|(id, _, _)| *id).collect();
    for rule in RULES {
        assert!(
            covered.contains(&rule.id),
            "rule {} has no scenario in every_rule.rs",
            rule.id
        );
    }
}

#[test]
fn changing_any_rule_changes_what_smp_says() {
    let defaults = Policy::default();
    for (id, toml, scenario) in scenarios() {
        let changed = policy_with(toml);
        assert_ne!(
            scenario(&defaults),
            scenario(&changed),
            "changing {id} ({toml}) changed nothing"
        );
    }
}

#[test]
fn the_defaults_are_the_values_domain_md_chooses() {
    let expected = [
        ("course.default_sessions", "3"),
        ("course.min_sessions", "1"),
        ("course.max_sessions", "4"),
        ("gap.min_days", "14"),
        ("gap.max_days", "21"),
        ("consultation.fee", "5000"),
        ("consultation.credited", "true"),
        ("recall.first_years", "4"),
        ("recall.repeat_years", "1"),
        ("screen.type1_diabetes", "not_a_candidate"),
        ("screen.hepatitis_b", "not_a_candidate"),
        ("screen.hepatitis_c", "not_a_candidate"),
        ("screen.sickle_cell", "not_a_candidate"),
        ("screen.hemophilia", "not_a_candidate"),
        ("screen.mrsa_or_staph_history", "not_a_candidate"),
        ("screen.keloid_formation", "review"),
        ("screen.vitiligo_active", "review"),
        ("screen.mental_disorder", "review"),
        ("screen.moles_in_area", "eligible"),
        ("screen.isotretinoin_months", "6"),
        ("screen.steroids_months", "6"),
        ("screen.keloid_scar_months", "12"),
        ("precare.hair_transplant_months", "12"),
        ("precare.sun_days", "30"),
        ("precare.peel_laser_days", "60"),
        ("precare.injectables_days", "14"),
        ("precare.retinol_days", "7"),
        ("precare.blood_thinners_days", "3"),
        ("precare.alcohol_hours", "48"),
        ("precare.caffeine_days", "2"),
        ("precare.water_vacation_days", "7"),
        ("aftercare.no_wash_days", "5"),
        ("aftercare.no_pool_sauna_days", "10"),
        ("aftercare.final_no_pool_sauna_days", "28"),
        ("aftercare.no_sun_days", "30"),
        ("aftercare.hair_dye_days", "28"),
        ("aftercare.hair_transplant_days", "30"),
        ("minoxidil.suspend", "true"),
        ("minoxidil.restart_days", "30"),
        ("finasteride.suspend", "false"),
        ("price.minor", "60000"),
    ];
    let entries = Policy::default().entries();
    for (id, value) in expected {
        let entry = entries
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("no rule {id}"));
        assert_eq!(entry.text, value, "{id}");
    }
}
