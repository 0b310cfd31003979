//! Dated pre-care and aftercare instructions around one session.
//!
//! Day-based windows ("stop retinol 7 days before") count calendar days in the clinic's
//! local dates, so they land on the right date across a daylight-saving change.
//! Hour-based windows ("no alcohol 48 hours before") count real elapsed hours, so the
//! local clock time they start at moves by the hour a daylight-saving change adds or removes.
//!
//! The client's instructions are a day on the safe side of the planner: "no Botox from
//! 14 days before" starts on day -14, while the planner and screening accept Botox that
//! was exactly 14 days before a session.

use jiff::civil::{Date, DateTime};
use jiff::{ToSpan, Zoned};
use serde::Serialize;

use crate::dates::{add_days, human};
use crate::policy::{Policy, RuleSpec};
use crate::source::Source;

/// A point in local time an instruction starts or ends at: a whole day or a clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// A local date (the whole day).
    Day(Date),
    /// A local date and clock time.
    At(DateTime),
}

impl Moment {
    /// The local time it begins: its clock time, or midnight at the start of its day.
    pub fn start(self) -> DateTime {
        match self {
            Moment::Day(date) => date.to_datetime(jiff::civil::Time::midnight()),
            Moment::At(at) => at,
        }
    }

    /// As a client reads it: `Tue 9 Dec 2026` or `Tue 9 Dec 2026 10:00`.
    pub fn human(self) -> String {
        match self {
            Moment::Day(date) => human(date),
            Moment::At(at) => format!("{} {}", human(at.date()), at.strftime("%H:%M")),
        }
    }
}

impl Serialize for Moment {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Moment::Day(date) => serializer.collect_str(date),
            Moment::At(at) => serializer.collect_str(&at.strftime("%Y-%m-%dT%H:%M")),
        }
    }
}

/// One dated instruction for the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Instruction {
    /// The policy rule it comes from.
    pub rule: &'static str,
    /// When it starts applying.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Moment>,
    /// The first day it no longer applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Moment>,
    /// What the client reads, with the dates written out.
    pub text: String,
    /// The sources of the rule.
    pub sources: &'static [Source],
}

/// Everything a client must do before and after one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CareSheet {
    /// The session's local start, as `2026-12-09T10:00`.
    pub session: Moment,
    /// The session's time zone.
    pub time_zone: String,
    /// Whether this is the course's final session.
    pub is_final: bool,
    /// Before the session, earliest first.
    pub precare: Vec<Instruction>,
    /// After the session, in the order a client meets them.
    pub aftercare: Vec<Instruction>,
}

fn instruction(
    rule: &'static str,
    from: Option<Moment>,
    until: Option<Moment>,
    text: String,
) -> Instruction {
    Instruction {
        rule,
        from,
        until,
        text,
        sources: RuleSpec::find(rule).map_or(&[][..], |r| r.sources),
    }
}

/// The dated care instructions around a session starting at `start`.
///
/// # Example
/// ```
/// use smp_treatment::{care_sheet, Policy};
/// let start: jiff::Zoned = "2026-12-09T10:00[Europe/London]".parse().unwrap();
/// let sheet = care_sheet(&Policy::default(), &start, false);
/// let alcohol = sheet.precare.iter().find(|i| i.rule == "precare.alcohol_hours").unwrap();
/// assert_eq!(alcohol.text, "No alcohol from Mon 7 Dec 2026 10:00 (48 hours before).");
/// ```
pub fn care_sheet(policy: &Policy, start: &Zoned, is_final: bool) -> CareSheet {
    let mut precare = precare(policy, start);
    precare.sort_by_key(|i| i.from.map(Moment::start));
    CareSheet {
        session: Moment::At(start.datetime()),
        time_zone: start.time_zone().iana_name().unwrap_or("UTC").to_string(),
        is_final,
        precare,
        aftercare: aftercare(policy, start.date(), is_final),
    }
}

fn precare(policy: &Policy, start: &Zoned) -> Vec<Instruction> {
    let day = start.date();
    let before = |days: u32| Moment::Day(add_days(day, -i64::from(days)));
    let mut out = vec![
        {
            let from = before(policy.precare_sun_days);
            instruction(
                "precare.sun_days",
                Some(from),
                Some(Moment::Day(day)),
                format!(
                    "No sun on your scalp from {} ({} days before); wear a hat outside. We cannot work on sunburned or tanned skin.",
                    from.human(),
                    policy.precare_sun_days
                ),
            )
        },
        dated_from(
            "precare.peel_laser_days",
            before(policy.precare_peel_laser_days),
            day,
            "No chemical peels or laser treatments",
            policy.precare_peel_laser_days,
        ),
        dated_from(
            "precare.injectables_days",
            before(policy.precare_injectables_days),
            day,
            "No Botox or fillers",
            policy.precare_injectables_days,
        ),
        dated_from(
            "precare.retinol_days",
            before(policy.precare_retinol_days),
            day,
            "Stop retinol and Retin-A",
            policy.precare_retinol_days,
        ),
    ];
    if !policy.precare_blood_thinners.is_empty() {
        let names: Vec<String> = policy
            .precare_blood_thinners
            .iter()
            .map(|m| m.name().replace('_', " "))
            .collect();
        let mut item = dated_from(
            "precare.blood_thinners_days",
            before(policy.precare_blood_thinners_days),
            day,
            &format!("Do not take {}", names.join(", ")),
            policy.precare_blood_thinners_days,
        );
        item.text
            .push_str(" If a physician prescribed one of them, ask them before stopping it.");
        out.push(item);
    }
    let alcohol = start
        .checked_sub(i64::from(policy.precare_alcohol_hours).hours())
        .map(|z| Moment::At(z.datetime()))
        .unwrap_or(Moment::Day(day));
    out.push(instruction(
        "precare.alcohol_hours",
        Some(alcohol),
        Some(Moment::At(start.datetime())),
        format!(
            "No alcohol from {} ({} hours before).",
            alcohol.human(),
            policy.precare_alcohol_hours
        ),
    ));
    out.push(dated_from(
        "precare.caffeine_days",
        before(policy.precare_caffeine_days),
        day,
        "No caffeine (coffee, tea, energy drinks)",
        policy.precare_caffeine_days,
    ));
    if policy.precare_night_before {
        let eve = before(1);
        out.push(instruction(
            "precare.night_before",
            Some(eve),
            Some(Moment::Day(day)),
            format!(
                "On {}: drink plenty of water, exfoliate your scalp and get a good night's sleep.",
                eve.human()
            ),
        ));
    }
    if policy.precare_shave {
        out.push(instruction(
            "precare.shave",
            Some(before(1)),
            Some(Moment::Day(day)),
            format!(
                "Shave or buzz your head to the shortest length on {} or that morning, if the shaved look is planned.",
                before(1).human()
            ),
        ));
    }
    if policy.precare_day_of {
        out.push(instruction(
            "precare.day_of",
            Some(Moment::Day(day)),
            Some(Moment::At(start.datetime())),
            format!(
                "On {}: wash your head, eat a good breakfast, use no oily or waxy products and do not exercise.",
                human(day)
            ),
        ));
    }
    out
}

/// "No X from DATE (N days before)."
fn dated_from(rule: &'static str, from: Moment, day: Date, what: &str, days: u32) -> Instruction {
    instruction(
        rule,
        Some(from),
        Some(Moment::Day(day)),
        format!("{what} from {} ({days} days before).", from.human()),
    )
}

fn aftercare(policy: &Policy, day: Date, is_final: bool) -> Vec<Instruction> {
    let from_day = |days: u32| Moment::Day(add_days(day, i64::from(days)));
    let until = |rule: &'static str, days: u32, text: &str| {
        let end = from_day(days);
        instruction(
            rule,
            Some(Moment::Day(day)),
            Some(end),
            format!("{text} before {} (day {days}).", end.human()),
        )
    };
    let mut out = Vec::new();
    if policy.aftercare_no_scratch {
        out.push(instruction(
            "aftercare.no_scratch",
            Some(Moment::Day(day)),
            None,
            "Do not scratch, scrub or comb your scalp while it heals; if it itches, use your fingertips, not your nails.".to_string(),
        ));
    }
    let mut wash = until(
        "aftercare.no_wash_days",
        policy.aftercare_no_wash_days,
        "Do not wash or soak your head",
    );
    wash.text
        .push_str(" From then, wash it with a mild shampoo.");
    out.push(wash);
    out.push(until(
        "aftercare.no_sweat_days",
        policy.aftercare_no_sweat_days,
        "No exercise or heavy sweating",
    ));
    out.push(until(
        "aftercare.no_shave_days",
        policy.aftercare_no_shave_days,
        "No shaving",
    ));
    let regular = from_day(policy.aftercare_regular_shave_days);
    out.push(instruction(
        "aftercare.regular_shave_days",
        Some(regular),
        None,
        format!(
            "Regular shaving and moisturising from {} (day {}); before that, a clipper or foil shaver only.",
            regular.human(),
            policy.aftercare_regular_shave_days
        ),
    ));
    if is_final {
        out.push(until(
            "aftercare.final_no_pool_sauna_days",
            policy.aftercare_final_no_pool_sauna_days,
            "No swimming pools, saunas, steam rooms, hot yoga or tanning beds",
        ));
    } else {
        out.push(until(
            "aftercare.no_pool_sauna_days",
            policy.aftercare_no_pool_sauna_days,
            "No swimming pools, saunas, steam rooms or hot yoga",
        ));
    }
    let mut sun = until(
        "aftercare.no_sun_days",
        policy.aftercare_no_sun_days,
        "No sun on your scalp",
    );
    sun.text.push_str(" A hat is fine straight away.");
    out.push(sun);
    out.push(until(
        "aftercare.injectables_days",
        policy.aftercare_injectables_days,
        "No Botox or fillers",
    ));
    out.push(until(
        "aftercare.peel_laser_days",
        policy.aftercare_peel_laser_days,
        "No chemical peels or laser treatments",
    ));
    out.push(until(
        "aftercare.hair_transplant_days",
        policy.aftercare_hair_transplant_days,
        "No hair transplant",
    ));
    out.push(until(
        "aftercare.hair_dye_days",
        policy.aftercare_hair_dye_days,
        "No hair dye",
    ));
    let redness = from_day(policy.aftercare_redness_days);
    out.push(instruction(
        "aftercare.redness_days",
        Some(Moment::Day(day)),
        Some(redness),
        format!("Some redness is normal until about {}.", redness.human()),
    ));
    let settled = from_day(policy.aftercare_settling_days);
    out.push(instruction(
        "aftercare.settling_days",
        Some(Moment::Day(day)),
        Some(settled),
        format!(
            "The dots look darker until about {} while the pigment settles; they soften as they heal.",
            settled.human()
        ),
    ));
    if is_final && policy.minoxidil_suspend {
        let restart = from_day(policy.minoxidil_restart_days);
        out.push(instruction(
            "minoxidil.restart_days",
            Some(restart),
            None,
            format!(
                "If you use minoxidil (Rogaine), restart it on {}.",
                restart.human()
            ),
        ));
    }
    if is_final && policy.aftercare_long_term {
        out.push(instruction(
            "aftercare.long_term",
            Some(from_day(policy.aftercare_no_wash_days)),
            None,
            "From then on: moisturise your scalp daily, use SPF 30-50 in the sun, avoid alcohol-based hair products, exfoliate weekly, and prefer a clipper to a razor.".to_string(),
        ));
    }
    out
}
