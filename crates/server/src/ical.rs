//! An iCalendar (RFC 5545) writer for calendar feeds: events in the clinic's zone, with
//! that zone written out as a `VTIMEZONE` of its real transitions over the events' span,
//! stable `UID`s, a `SEQUENCE` per change and `STATUS:CANCELLED` for cancelled events.

use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use jiff::Timestamp;

/// Longest line, in octets, before it is folded (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// A calendar to write.
#[derive(Debug, Clone)]
pub struct Calendar<'a> {
    /// Shown by calendar apps as the calendar's name.
    pub name: &'a str,
    /// The zone the events are written in (an IANA name and the zone).
    pub zone: (&'a str, &'a TimeZone),
    /// The host part of every `UID` (`appointment-7@host`).
    pub uid_host: &'a str,
    /// The events, in any order.
    pub events: Vec<Event>,
}

/// One event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Unique within `uid_host`, and the same for the event's whole life.
    pub key: String,
    /// Starts.
    pub starts_at: Timestamp,
    /// Ends.
    pub ends_at: Timestamp,
    /// When it was made.
    pub created_at: Timestamp,
    /// When it last changed (also its `DTSTAMP`, so that an unchanged feed stays the same).
    pub updated_at: Timestamp,
    /// Counted up on every change.
    pub sequence: i64,
    /// Cancelled events stay in the feed, marked, so that calendars remove them.
    pub cancelled: bool,
    /// The title.
    pub summary: String,
    /// Longer text (may be empty).
    pub description: String,
}

impl Calendar<'_> {
    /// The calendar as iCalendar text (CRLF line ends, long lines folded).
    pub fn to_ics(&self) -> String {
        let mut out = Lines::default();
        out.line("BEGIN:VCALENDAR");
        out.line("VERSION:2.0");
        out.line("PRODID:-//smp//calendar feed//EN");
        out.line("CALSCALE:GREGORIAN");
        out.line("METHOD:PUBLISH");
        out.line(&format!("X-WR-CALNAME:{}", text(self.name)));
        out.line(&format!("X-WR-TIMEZONE:{}", self.zone.0));
        out.line("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
        out.line("X-PUBLISHED-TTL:PT1H");
        let first = self.events.iter().map(|e| e.starts_at).min();
        let last = self.events.iter().map(|e| e.ends_at).max();
        if let (Some(first), Some(last)) = (first, last) {
            write_zone(&mut out, self.zone, first, last);
        }
        for event in &self.events {
            self.write_event(&mut out, event);
        }
        out.line("END:VCALENDAR");
        out.text
    }

    fn write_event(&self, out: &mut Lines, event: &Event) {
        let (name, zone) = self.zone;
        out.line("BEGIN:VEVENT");
        out.line(&format!("UID:{}@{}", event.key, self.uid_host));
        out.line(&format!("DTSTAMP:{}", utc(event.updated_at)));
        out.line(&format!(
            "DTSTART;TZID={name}:{}",
            local(event.starts_at, zone)
        ));
        out.line(&format!("DTEND;TZID={name}:{}", local(event.ends_at, zone)));
        out.line(&format!("CREATED:{}", utc(event.created_at)));
        out.line(&format!("LAST-MODIFIED:{}", utc(event.updated_at)));
        out.line(&format!("SEQUENCE:{}", event.sequence.max(0)));
        out.line(if event.cancelled {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        });
        out.line(&format!("SUMMARY:{}", text(&event.summary)));
        if !event.description.is_empty() {
            out.line(&format!("DESCRIPTION:{}", text(&event.description)));
        }
        out.line("TRANSP:OPAQUE");
        out.line("END:VEVENT");
    }
}

/// The zone as a `VTIMEZONE`: the observance in force a day before `first`, then every
/// transition up to a day after `last`, each with its onset in the local time it ends.
fn write_zone(out: &mut Lines, (name, zone): (&str, &TimeZone), first: Timestamp, last: Timestamp) {
    let day = jiff::SignedDuration::from_hours(24);
    let (from, until) = (first - day, last + day);
    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{name}"));
    let mut onsets: Vec<Onset> = Vec::new();
    match zone.preceding(from).next() {
        Some(t) => onsets.push(Onset::of(zone, t.timestamp())),
        None => {
            // No transition before: one observance since 1970, never changing.
            let info = zone.to_offset_info(from);
            onsets.push(Onset {
                start: DateTime::constant(1970, 1, 1, 0, 0, 0, 0),
                before: info.offset(),
                after: info.offset(),
                name: info.abbreviation().to_owned(),
                daylight: info.dst().is_dst(),
            });
        }
    }
    for t in zone.following(from) {
        if t.timestamp() > until {
            break;
        }
        onsets.push(Onset::of(zone, t.timestamp()));
    }
    for onset in onsets {
        let kind = if onset.daylight {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        out.line(&format!("BEGIN:{kind}"));
        out.line(&format!(
            "DTSTART:{}",
            onset.start.strftime("%Y%m%dT%H%M%S")
        ));
        out.line(&format!("TZOFFSETFROM:{}", utc_offset(onset.before)));
        out.line(&format!("TZOFFSETTO:{}", utc_offset(onset.after)));
        out.line(&format!("TZNAME:{}", text(&onset.name)));
        out.line(&format!("END:{kind}"));
    }
    out.line("END:VTIMEZONE");
}

/// One observance of a zone: from when (in the local time before it), which offsets.
struct Onset {
    start: DateTime,
    before: Offset,
    after: Offset,
    name: String,
    daylight: bool,
}

impl Onset {
    /// The observance a transition at `at` begins.
    fn of(zone: &TimeZone, at: Timestamp) -> Onset {
        let before = zone.to_offset(at - jiff::SignedDuration::from_secs(1));
        let info = zone.to_offset_info(at);
        Onset {
            start: before.to_datetime(at),
            before,
            after: info.offset(),
            name: info.abbreviation().to_owned(),
            daylight: info.dst().is_dst(),
        }
    }
}

/// An instant as a UTC date-time: `20261209T100000Z`.
fn utc(at: Timestamp) -> String {
    at.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// An instant as a local date-time in `zone`: `20261209T100000`.
fn local(at: Timestamp, zone: &TimeZone) -> String {
    at.to_zoned(zone.clone())
        .strftime("%Y%m%dT%H%M%S")
        .to_string()
}

/// An offset as `+0100`, or `+053045` when it has seconds.
fn utc_offset(offset: Offset) -> String {
    let total = offset.seconds();
    let sign = if total < 0 { '-' } else { '+' };
    let total = total.unsigned_abs();
    let (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60);
    if seconds == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{seconds:02}")
    }
}

/// A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks;
/// other control characters dropped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Content lines, CRLF-ended, folded at 75 octets without splitting a character.
#[derive(Default)]
struct Lines {
    text: String,
}

impl Lines {
    fn line(&mut self, content: &str) {
        let mut width = 0;
        for c in content.chars() {
            let octets = c.len_utf8();
            if width + octets > LINE_OCTETS {
                self.text.push_str("\r\n ");
                // The space that starts a continuation counts towards its 75.
                width = 1;
            }
            self.text.push(c);
            width += octets;
        }
        self.text.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().expect("an instant")
    }

    fn event(start: &str, end: &str) -> Event {
        Event {
            key: "appointment-1".to_owned(),
            starts_at: at(start),
            ends_at: at(end),
            created_at: at("2026-01-01T00:00:00Z"),
            updated_at: at("2026-01-02T00:00:00Z"),
            sequence: 0,
            cancelled: false,
            summary: "Session 1".to_owned(),
            description: String::new(),
        }
    }

    fn calendar(zone: &TimeZone, name: &'static str, events: Vec<Event>) -> String {
        Calendar {
            name: "Ink & Dot",
            zone: (name, zone),
            uid_host: "clinic.test",
            events,
        }
        .to_ics()
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut lines = Lines::default();
        let long = format!("SUMMARY:{}", "é".repeat(60));
        lines.line(&long);
        for line in lines.text.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(
                line.len() <= LINE_OCTETS,
                "{line:?} is {} octets",
                line.len()
            );
        }
        let unfolded = lines.text.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{long}\r\n"));
    }

    #[test]
    fn text_escapes_the_characters_rfc_5545_reserves() {
        assert_eq!(text("a,b;c\\d\ne\u{7}"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn offsets_are_written_with_sign_hours_minutes_and_seconds_only_when_needed() {
        assert_eq!(utc_offset(Offset::from_seconds(3600).expect("ok")), "+0100");
        assert_eq!(
            utc_offset(Offset::from_seconds(-(5 * 3600 + 1800)).expect("ok")),
            "-0530"
        );
        assert_eq!(
            utc_offset(Offset::from_seconds(-75).expect("ok")),
            "-000115"
        );
    }

    #[test]
    fn a_span_across_the_spring_change_lists_both_observances_with_local_onsets() {
        let london = TimeZone::get("Europe/London").expect("zone");
        let ics = calendar(
            &london,
            "Europe/London",
            vec![event("2026-03-23T10:00:00Z", "2026-04-06T12:00:00Z")],
        );
        // In force before: GMT since 25 Oct 2025 (02:00 BST is when the clocks went back).
        assert!(ics.contains(
            "BEGIN:STANDARD\r\nDTSTART:20251026T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\n"
        ), "{ics}");
        // Then BST from 01:00 GMT on 29 March 2026.
        assert!(ics.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:20260329T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\n"
        ), "{ics}");
        assert!(ics.contains("DTSTART;TZID=Europe/London:20260323T100000\r\n"));
        assert!(ics.contains("DTEND;TZID=Europe/London:20260406T130000\r\n"));
        assert!(ics.contains("X-WR-CALNAME:Ink & Dot\r\n"));
    }

    #[test]
    fn a_zone_without_transitions_has_one_standard_observance() {
        let ics = calendar(
            &TimeZone::UTC,
            "UTC",
            vec![event("2026-03-23T10:00:00Z", "2026-03-23T11:00:00Z")],
        );
        assert_eq!(ics.matches("BEGIN:STANDARD").count(), 1, "{ics}");
        assert!(
            ics.contains("DTSTART:19700101T000000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\n")
        );
    }

    #[test]
    fn a_cancelled_event_keeps_its_uid_and_says_so() {
        let mut gone = event("2026-03-23T10:00:00Z", "2026-03-23T11:00:00Z");
        gone.cancelled = true;
        gone.sequence = 2;
        let ics = calendar(&TimeZone::UTC, "UTC", vec![gone]);
        assert!(ics.contains("UID:appointment-1@clinic.test\r\n"));
        assert!(ics.contains("SEQUENCE:2\r\nSTATUS:CANCELLED\r\n"), "{ics}");
    }

    #[test]
    fn an_empty_calendar_has_no_zone_and_no_events() {
        let ics = calendar(&TimeZone::UTC, "UTC", Vec::new());
        assert!(!ics.contains("VTIMEZONE") && !ics.contains("VEVENT"));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    }
}
