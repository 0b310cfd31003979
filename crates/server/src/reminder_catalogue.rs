//! The reminders a clinic's policy sends, each with when it goes and an example of what it
//! says (for a sample client and session), for the settings page and the API that let a
//! clinic switch each off and word it.

use jiff::civil::date;
use jiff::tz::TimeZone;
use jiff::Zoned;
use smp_store::{wording_key, RECALL_KEY};
use smp_treatment::{session_reminders, Policy};

use crate::reminder_mail::{confirmation_text, consultation_eve_text, Confirmation, ServiceKind};

/// The name the examples greet.
pub const SAMPLE_CLIENT: &str = "Sam Carter";

/// One kind of reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueEntry {
    /// Its key (`before-7d`, `aftercare`, `recall`, ...).
    pub key: String,
    /// When it goes, in words.
    pub when: String,
    /// The example's standard subject.
    pub subject: String,
    /// The example's lines.
    pub lines: Vec<String>,
    /// The session or consultation the example is about.
    pub about: Zoned,
}

/// The sample session (or consultation) the examples are about: Wednesday 10 March 2027 at
/// 10:00 in the clinic's zone.
fn sample_start(zone: &TimeZone) -> Zoned {
    date(2027, 3, 10)
        .at(10, 0, 0, 0)
        .to_zoned(zone.clone())
        .unwrap_or_else(|_| Zoned::new(jiff::Timestamp::UNIX_EPOCH, zone.clone()))
}

/// The consultation the examples are about.
const SAMPLE_CONSULTATION: ServiceKind<'static> = ServiceKind {
    name: "Consultation",
    mode: "in_person",
};

/// Every reminder `policy` sends, in the order they go around a course: the online booking
/// confirmation, the day before a consultation, then those around each session (those only
/// after the final session marked so), then the touch-up recall.
pub fn catalogue(policy: &Policy, zone: &TimeZone) -> Vec<CatalogueEntry> {
    let start = sample_start(zone);
    let confirmation = Confirmation {
        link: "https://clinic.example/book/manage/…".to_owned(),
        at: start.timestamp(),
        verb: "Booked",
        fee: None,
    };
    let (subject, lines) = confirmation_text(&confirmation, &SAMPLE_CONSULTATION, &start);
    let mut out = vec![CatalogueEntry {
        key: "confirmation".to_owned(),
        when: "At once, when a client books or moves a consultation online".to_owned(),
        subject,
        lines,
        about: start.clone(),
    }];
    let (subject, line) = consultation_eve_text(&SAMPLE_CONSULTATION, &start);
    out.push(CatalogueEntry {
        key: "consultation-1d".to_owned(),
        when: "The day before a consultation".to_owned(),
        subject,
        lines: vec![line],
        about: start.clone(),
    });
    let every = session_reminders(policy, &start, 240, false);
    let last = session_reminders(policy, &start, 240, true);
    for reminder in every.iter().chain(&last) {
        let key = wording_key(&reminder.key);
        if out.iter().any(|entry| entry.key == key) {
            continue;
        }
        let only_final = !every.iter().any(|r| r.key == reminder.key);
        let mut when = when_of(key, policy);
        if only_final && key != RECALL_KEY {
            when.push_str(" (after the final session)");
        }
        out.push(CatalogueEntry {
            key: key.to_owned(),
            when,
            subject: reminder.subject.clone(),
            lines: reminder.lines.clone(),
            about: start.clone(),
        });
    }
    out
}

/// When a session reminder goes, in words, from its key.
fn when_of(key: &str, policy: &Policy) -> String {
    let days = |rest: &str| rest.trim_end_matches('d').parse::<i64>().ok();
    if let Some(n) = key.strip_prefix("before-").and_then(days) {
        return match n {
            0 => "The day of a session".to_owned(),
            1 => "The day before a session".to_owned(),
            n => format!("{n} days before a session"),
        };
    }
    if let Some(n) = key.strip_prefix("lifted-").and_then(days) {
        return format!("Day {n} after a session: what is allowed again");
    }
    match key {
        "aftercare" => "Half an hour after a session ends: the aftercare".to_owned(),
        RECALL_KEY => format!(
            "Touch-up recall: {} years after the final session{}",
            policy.recall_first_years,
            if policy.recall_repeat_years > 0 {
                format!(", then every {} year(s)", policy.recall_repeat_years)
            } else {
                String::new()
            }
        ),
        other => other.to_owned(),
    }
}

/// Whether `key` is a reminder of the catalogue.
pub fn is_known(catalogue: &[CatalogueEntry], key: &str) -> bool {
    catalogue.iter().any(|entry| entry.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_policy_lists_each_reminder_once_with_when_it_goes() {
        let zone = TimeZone::get("Europe/London").expect("a zone");
        let all = catalogue(&Policy::default(), &zone);
        let keys: Vec<&str> = all.iter().map(|e| e.key.as_str()).collect();
        for key in [
            "confirmation",
            "consultation-1d",
            "before-30d",
            "before-14d",
            "before-7d",
            "before-3d",
            "before-2d",
            "before-1d",
            "aftercare",
            "lifted-5d",
            "lifted-10d",
            "recall",
        ] {
            assert!(keys.contains(&key), "{key} in {keys:?}");
        }
        let mut unique = keys.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), keys.len(), "each once: {keys:?}");
        let when = |key: &str| all.iter().find(|e| e.key == key).map(|e| e.when.clone());
        assert_eq!(
            when("before-7d").as_deref(),
            Some("7 days before a session")
        );
        assert_eq!(
            when("recall").as_deref(),
            Some("Touch-up recall: 4 years after the final session, then every 1 year(s)")
        );
        assert!(all.iter().all(|e| !e.lines.is_empty()));
    }
}
