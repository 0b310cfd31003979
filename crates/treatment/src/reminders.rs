//! The reminders a client receives around one session, from its care sheet: one message
//! on each day a pre-care rule starts ("from today: no retinol"), the aftercare when the
//! session ends, and one on each day that lifts a rule a client waits for (washing on day
//! 5, pools and saunas on day 10; after the final session also the sun, the sauna and
//! minoxidil).
//!
//! Messages go out at [`SEND_HOUR`] local time on their day, earlier when a rule starts at
//! a clock time before then (an hour ahead of it), and never later than two hours before
//! the session. Which of them a clinic sends, and their wording around these lines, is the
//! caller's business.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{ToSpan, Zoned};
use serde::Serialize;

use crate::care::{care_sheet, Instruction, Moment};
use crate::dates::{add_years, human};
use crate::policy::Policy;

/// The local hour reminders go out on their day.
pub const SEND_HOUR: i8 = 9;

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// Pre-care starting that day.
    Before,
    /// The aftercare, when the session is over.
    Aftercare,
    /// Aftercare rules ending that day.
    Lifted,
    /// A touch-up recall, years after the final session.
    Recall,
}

/// How many touch-up recalls follow a final session: the first at the policy's
/// `recall.first_years`, then one every `recall.repeat_years` (about ten years in all with
/// the defaults). A new course withdraws those not yet sent.
pub const RECALLS: u32 = 6;

/// One reminder for one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    /// Stable within a session: `before-30d`, `aftercare`, `lifted-5d`, … (days counted
    /// from the session's day).
    pub key: String,
    /// What it is about.
    pub kind: ReminderKind,
    /// When it goes out.
    pub send_at: Zoned,
    /// The subject line.
    pub subject: String,
    /// The instructions, one sentence each, dates written out.
    pub lines: Vec<String>,
    /// The policy rules the lines come from.
    pub rules: Vec<&'static str>,
}

/// The reminders around a session starting at `start` and lasting `minutes`, in the order
/// they go out.
///
/// # Example
/// ```
/// use smp_treatment::{session_reminders, Policy};
/// let start: jiff::Zoned = "2026-12-09T10:00[Europe/London]".parse().unwrap();
/// let all = session_reminders(&Policy::default(), &start, 240, false);
/// let retinol = all.iter().find(|r| r.key == "before-7d").unwrap();
/// assert_eq!(retinol.send_at.to_string(), "2026-12-02T09:00:00+00:00[Europe/London]");
/// assert!(retinol.lines[0].starts_with("Stop retinol and Retin-A from Wed 2 Dec 2026"));
/// ```
pub fn session_reminders(
    policy: &Policy,
    start: &Zoned,
    minutes: i64,
    is_final: bool,
) -> Vec<Reminder> {
    let sheet = care_sheet(policy, start, is_final);
    let zone = start.time_zone().clone();
    let day = start.date();
    let when = start.strftime("%a %-d %b %Y %H:%M").to_string();
    let mut out = Vec::new();

    // Before: one message per day a pre-care rule starts.
    let mut days: Vec<Date> = sheet
        .precare
        .iter()
        .filter_map(|i| i.from.map(moment_date))
        .collect();
    days.sort();
    days.dedup();
    for date in days {
        let starting: Vec<&Instruction> = sheet
            .precare
            .iter()
            .filter(|i| i.from.map(moment_date) == Some(date))
            .collect();
        let mut send = at_hour(date, &zone);
        for i in &starting {
            if let Some(Moment::At(at)) = i.from {
                if let Ok(early) = at.to_zoned(zone.clone()) {
                    send = send.min(early.saturating_sub(1.hour()));
                }
            }
        }
        send = send.min(start.saturating_sub(2.hours()));
        let ahead = (day - date).get_days();
        let subject = match ahead {
            0 => format!("Today: your SMP session at {}", start.strftime("%H:%M")),
            1 => format!("Tomorrow: your SMP session at {}", start.strftime("%H:%M")),
            n => format!("Your SMP session on {when}: from today ({n} days before)"),
        };
        out.push(Reminder {
            key: format!("before-{ahead}d"),
            kind: ReminderKind::Before,
            send_at: send,
            subject,
            lines: starting.iter().map(|i| i.text.clone()).collect(),
            rules: starting.iter().map(|i| i.rule).collect(),
        });
    }

    // The aftercare, half an hour after the session ends.
    let ends = start.saturating_add((minutes + 30).minutes());
    out.push(Reminder {
        key: "aftercare".to_owned(),
        kind: ReminderKind::Aftercare,
        send_at: ends,
        subject: format!("Aftercare for your SMP session of {}", human(day)),
        lines: sheet.aftercare.iter().map(|i| i.text.clone()).collect(),
        rules: sheet.aftercare.iter().map(|i| i.rule).collect(),
    });

    // Lifted: the days a rule the client waits for ends; whatever else ends or starts that
    // day comes along.
    let mut lifted: Vec<(Date, &'static str, String)> = Vec::new();
    for i in &sheet.aftercare {
        let (date, line) = match (i.until, i.from) {
            (Some(Moment::Day(until)), _) if until > day => (until, released(i.rule)),
            (None, Some(Moment::Day(from))) if from > day => (from, Some(i.text.clone())),
            _ => continue,
        };
        if let Some(line) = line {
            lifted.push((date, i.rule, line));
        }
    }
    let awaited = |rule: &str| {
        matches!(
            rule,
            "aftercare.no_wash_days"
                | "aftercare.no_pool_sauna_days"
                | "aftercare.final_no_pool_sauna_days"
                | "minoxidil.restart_days"
        ) || (is_final && rule == "aftercare.no_sun_days")
    };
    let mut dates: Vec<Date> = lifted
        .iter()
        .filter(|(_, rule, _)| awaited(rule))
        .map(|(date, _, _)| *date)
        .collect();
    dates.sort();
    dates.dedup();
    for date in dates {
        let that_day: Vec<&(Date, &'static str, String)> =
            lifted.iter().filter(|(d, _, _)| *d == date).collect();
        let after = (date - day).get_days();
        out.push(Reminder {
            key: format!("lifted-{after}d"),
            kind: ReminderKind::Lifted,
            send_at: at_hour(date, &zone),
            subject: format!("From today, day {after} after your SMP session"),
            lines: that_day.iter().map(|(_, _, line)| line.clone()).collect(),
            rules: that_day.iter().map(|(_, rule, _)| *rule).collect(),
        });
    }
    if is_final {
        out.extend(recalls(policy, day, &zone));
    }
    out.sort_by(|a, b| a.send_at.cmp(&b.send_at).then(a.key.cmp(&b.key)));
    out
}

/// The touch-up recalls after a final session on `day`: `recall-1` at the policy's first
/// interval, then one every repeat interval (only the first when that is 0), up to
/// [`RECALLS`].
fn recalls(policy: &Policy, day: Date, zone: &TimeZone) -> Vec<Reminder> {
    let count = if policy.recall_repeat_years == 0 {
        1
    } else {
        RECALLS
    };
    (1..=count)
        .map(|n| {
            let years = policy.recall_first_years + (n - 1) * policy.recall_repeat_years;
            let date = add_years(day, years);
            Reminder {
                key: format!("recall-{n}"),
                kind: ReminderKind::Recall,
                send_at: at_hour(date, zone),
                subject: format!("Time for a touch-up? {years} years since your SMP"),
                lines: vec![
                    format!(
                        "It is {years} years since your last SMP session, on {}.",
                        human(day)
                    ),
                    "The pigment lightens slowly with sun and time; a short touch-up session \
                     brings back the density and a crisp hairline."
                        .to_owned(),
                    "Reply to this email to book a touch-up consultation.".to_owned(),
                ],
                rules: vec![if n == 1 {
                    "recall.first_years"
                } else {
                    "recall.repeat_years"
                }],
            }
        })
        .collect()
}

/// What a client may do again the day an aftercare rule ends.
fn released(rule: &str) -> Option<String> {
    let line = match rule {
        "aftercare.no_wash_days" => "You may wash your head again, with a mild shampoo.",
        "aftercare.no_sweat_days" => "Exercise and sweating are fine again.",
        "aftercare.no_shave_days" => "You may shave again, with a clipper or foil shaver.",
        "aftercare.no_pool_sauna_days" | "aftercare.final_no_pool_sauna_days" => {
            "Swimming pools, saunas, steam rooms and hot yoga are fine again."
        }
        "aftercare.no_sun_days" => {
            "Sun on your scalp is fine again: use SPF 30-50 from now on to keep the dots from fading."
        }
        "aftercare.injectables_days" => "Botox and fillers are fine again.",
        "aftercare.hair_dye_days" => "Hair dye is fine again.",
        "aftercare.hair_transplant_days" => "A hair transplant is possible again.",
        "aftercare.peel_laser_days" => "Chemical peels and laser treatments are fine again.",
        _ => return None,
    };
    Some(line.to_owned())
}

fn moment_date(moment: Moment) -> Date {
    match moment {
        Moment::Day(date) => date,
        Moment::At(at) => at.date(),
    }
}

/// [`SEND_HOUR`] on `date` in `zone` (the next valid time when a clock change skips it).
fn at_hour(date: Date, zone: &TimeZone) -> Zoned {
    let local = DateTime::from_parts(date, Time::constant(SEND_HOUR, 0, 0, 0));
    zone.to_ambiguous_zoned(local)
        .compatible()
        .unwrap_or_else(|_| Zoned::new(jiff::Timestamp::UNIX_EPOCH, zone.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(all: &[Reminder]) -> Vec<&str> {
        all.iter().map(|r| r.key.as_str()).collect()
    }

    #[test]
    fn a_final_session_is_followed_by_yearly_touch_up_recalls_from_the_policys_first_interval() {
        let start: Zoned = "2026-12-09T10:00[Europe/London]".parse().unwrap();
        let all = session_reminders(&Policy::default(), &start, 240, true);
        let recalls: Vec<&Reminder> = all
            .iter()
            .filter(|r| r.kind == ReminderKind::Recall)
            .collect();
        assert_eq!(recalls.len(), RECALLS as usize);
        assert_eq!(recalls[0].key, "recall-1");
        // Four years on, then yearly; at nine in the morning, summer or winter.
        assert_eq!(
            recalls[0].send_at.to_string(),
            "2030-12-09T09:00:00+00:00[Europe/London]"
        );
        assert_eq!(recalls[1].send_at.date(), jiff::civil::date(2031, 12, 9));
        assert_eq!(recalls[5].send_at.date(), jiff::civil::date(2035, 12, 9));
        assert_eq!(
            recalls[5].subject,
            "Time for a touch-up? 9 years since your SMP"
        );
        assert!(recalls[0].lines[0].ends_with("on Wed 9 Dec 2026."));
        assert_eq!(recalls[0].rules, ["recall.first_years"]);
        let middle = session_reminders(&Policy::default(), &start, 240, false);
        assert!(middle.iter().all(|r| r.kind != ReminderKind::Recall));
        let mut once = Policy::default();
        once.recall_repeat_years = 0;
        let only_first = session_reminders(&once, &start, 240, true);
        assert_eq!(
            only_first
                .iter()
                .filter(|r| r.kind == ReminderKind::Recall)
                .count(),
            1
        );
    }

    #[test]
    fn a_middle_session_has_its_precare_days_its_aftercare_and_two_lifted_days() {
        let start: Zoned = "2026-12-09T10:00[Europe/London]".parse().unwrap();
        let all = session_reminders(&Policy::default(), &start, 240, false);
        assert_eq!(
            keys(&all),
            [
                "before-60d",
                "before-30d",
                "before-14d",
                "before-7d",
                "before-3d",
                "before-2d",
                "before-1d",
                "before-0d",
                "aftercare",
                "lifted-5d",
                "lifted-10d"
            ]
        );
        let aftercare = &all[8];
        assert_eq!(
            aftercare.send_at.to_string(),
            "2026-12-09T14:30:00+00:00[Europe/London]"
        );
        assert!(aftercare.rules.contains(&"aftercare.no_wash_days"));
        let day5 = &all[9];
        assert_eq!(day5.send_at.date(), jiff::civil::date(2026, 12, 14));
        assert!(day5
            .lines
            .contains(&"You may wash your head again, with a mild shampoo.".to_owned()));
        assert!(
            day5.rules.contains(&"aftercare.no_shave_days"),
            "shaving ends on day 5 too"
        );
        let day_of = &all[7];
        assert_eq!(day_of.subject, "Today: your SMP session at 10:00");
        assert_eq!(
            day_of.send_at.to_string(),
            "2026-12-09T08:00:00+00:00[Europe/London]"
        );
    }

    #[test]
    fn after_the_final_session_the_sun_sauna_and_minoxidil_days_come() {
        let start: Zoned = "2026-12-09T10:00[Europe/London]".parse().unwrap();
        let mut policy = Policy::default();
        policy.minoxidil_suspend = true;
        let all = session_reminders(&policy, &start, 240, true);
        let lifted: Vec<&str> = all
            .iter()
            .filter(|r| r.kind == ReminderKind::Lifted)
            .map(|r| r.key.as_str())
            .collect();
        assert!(lifted.contains(&"lifted-28d"), "{lifted:?}");
        assert!(lifted.contains(&"lifted-30d"), "{lifted:?}");
        assert!(
            !lifted.contains(&"lifted-10d"),
            "the final session's sauna rule is 28 days"
        );
        let minoxidil = all
            .iter()
            .find(|r| r.rules.contains(&"minoxidil.restart_days"))
            .expect("a minoxidil reminder");
        assert!(minoxidil.lines.iter().any(|l| l.contains("restart it on")));
    }

    #[test]
    fn an_hours_rule_moves_with_a_clock_change_and_a_days_rule_does_not() {
        // The clocks go forward on Sunday 29 March 2026 in London.
        let start: Zoned = "2026-03-30T10:00[Europe/London]".parse().unwrap();
        let all = session_reminders(&Policy::default(), &start, 240, false);
        let two_days = all.iter().find(|r| r.key == "before-2d").unwrap();
        // 48 real hours before 10:00 summer time is 09:00 winter time on the 28th; the
        // reminder goes an hour before that.
        assert_eq!(
            two_days.send_at.to_string(),
            "2026-03-28T08:00:00+00:00[Europe/London]"
        );
        let retinol = all.iter().find(|r| r.key == "before-7d").unwrap();
        assert_eq!(
            retinol.send_at.to_string(),
            "2026-03-23T09:00:00+00:00[Europe/London]"
        );
        let day5 = all.iter().find(|r| r.key == "lifted-5d").unwrap();
        assert_eq!(
            day5.send_at.to_string(),
            "2026-04-04T09:00:00+01:00[Europe/London]"
        );
    }
}
