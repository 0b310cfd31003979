//! The wording of the emails smp writes to clients: the standard wording, and a clinic's
//! own for each reminder — a subject, a plain-text body and optionally an HTML body, with
//! placeholders such as `{first_name}` and `{instructions}` — checked field by field, and
//! turned into the message's subject, text and HTML.
//!
//! A template is text with placeholders in braces; `{{` and `}}` stand for a brace. The
//! HTML made from a plain-text template has one paragraph per blank-line-separated block,
//! and a block that is only `{instructions}` becomes a list. Values are escaped in HTML;
//! a clinic's own HTML is its own (only owners may write it).

use smp_store::{NewMessage, ReminderWording};

use crate::error::ApiError;

/// Every placeholder, with what it stands for.
pub const PLACEHOLDERS: [(&str, &str); 6] = [
    ("first_name", "the client's first name"),
    ("name", "the client's full name"),
    ("clinic", "the clinic's name"),
    (
        "appointment",
        "the day and time of the session or consultation the message is about",
    ),
    (
        "instructions",
        "what the message says: the rules with their dates, one per line (a list in HTML)",
    ),
    ("subject", "the standard subject line"),
];

/// The standard plain-text body.
pub const STANDARD_TEXT: &str =
    "Hello {first_name},\n\n{instructions}\n\nAny question: just reply to this email.\n\n{clinic}";

/// The longest subject a clinic may write, in characters.
const MAX_SUBJECT: usize = 200;
/// The longest plain-text body, in characters.
const MAX_TEXT: usize = 10_000;
/// The longest HTML body, in characters.
const MAX_HTML: usize = 20_000;

/// A placeholder in a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    FirstName,
    Name,
    Clinic,
    Appointment,
    Instructions,
    Subject,
}

impl Slot {
    fn named(name: &str) -> Option<Slot> {
        Some(match name {
            "first_name" => Slot::FirstName,
            "name" => Slot::Name,
            "clinic" => Slot::Clinic,
            "appointment" => Slot::Appointment,
            "instructions" => Slot::Instructions,
            "subject" => Slot::Subject,
            _ => return None,
        })
    }
}

/// A part of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Slot(Slot),
}

/// What fills the placeholders of one message.
#[derive(Debug, Clone, Copy)]
pub struct Fill<'a> {
    /// The client's full name.
    pub name: &'a str,
    /// The clinic's name.
    pub clinic: &'a str,
    /// The appointment the message is about, written out (may be empty).
    pub appointment: &'a str,
    /// The standard subject line.
    pub subject: &'a str,
    /// The instructions, one per line.
    pub lines: &'a [String],
}

impl Fill<'_> {
    fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or(self.name)
    }

    fn value(&self, slot: Slot) -> String {
        match slot {
            Slot::FirstName => self.first_name().to_owned(),
            Slot::Name => self.name.to_owned(),
            Slot::Clinic => self.clinic.to_owned(),
            Slot::Appointment => self.appointment.to_owned(),
            Slot::Subject => self.subject.to_owned(),
            Slot::Instructions => self
                .lines
                .iter()
                .map(|line| format!("- {line}"))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// Reads a template, or says what is wrong with it, naming `field`.
fn parse(field: &str, template: &str) -> Result<Vec<Piece>, ApiError> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut name = String::new();
                let mut closed = false;
                for n in chars.by_ref() {
                    if n == '}' {
                        closed = true;
                        break;
                    }
                    name.push(n);
                }
                if !closed {
                    return Err(ApiError::invalid(
                        field,
                        "a { is not closed; write {{ for a brace",
                    ));
                }
                let Some(slot) = Slot::named(name.trim()) else {
                    return Err(ApiError::invalid(
                        field,
                        format!(
                            "{{{name}}} is not a placeholder; use {}",
                            PLACEHOLDERS
                                .iter()
                                .map(|(p, _)| format!("{{{p}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                };
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Slot(slot));
            }
            '}' => {
                return Err(ApiError::invalid(
                    field,
                    "a } has no { before it; write }} for a brace",
                ));
            }
            other => text.push(other),
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

/// A template's pieces filled in, each value passed through `value`.
fn fill(pieces: &[Piece], value: impl FnMut(Slot) -> String) -> String {
    fill_escaped(pieces, str::to_owned, value)
}

/// A template's pieces filled in, its own text passed through `text` and each value
/// through `value`.
fn fill_escaped(
    pieces: &[Piece],
    text: impl Fn(&str) -> String,
    mut value: impl FnMut(Slot) -> String,
) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(own) => text(own),
            Piece::Slot(slot) => value(*slot),
        })
        .collect()
}

/// A wording as typed, checked: every problem at once, each naming its field (`subject`,
/// `text` or `html`). Line ends are made `\n` and the texts trimmed.
///
/// # Errors
/// The problems, when there is any.
pub fn check_wording(
    enabled: bool,
    subject: &str,
    text: &str,
    html: &str,
) -> Result<ReminderWording, Vec<ApiError>> {
    let normal = |t: &str| {
        t.replace("\r\n", "\n")
            .replace('\r', "\n")
            .trim()
            .to_owned()
    };
    let (subject, text, html) = (normal(subject), normal(text), normal(html));
    let mut problems = Vec::new();
    let mut check = |field: &'static str, value: &str, max: usize, list: bool| {
        if value.chars().count() > max {
            problems.push(ApiError::invalid(
                field,
                format!("must be at most {max} characters"),
            ));
            return;
        }
        if value.is_empty() {
            return;
        }
        match parse(field, value) {
            Err(problem) => problems.push(problem),
            Ok(pieces) => {
                let has_list = pieces.contains(&Piece::Slot(Slot::Instructions));
                if list && !has_list {
                    problems.push(ApiError::invalid(
                        field,
                        "must contain {instructions}: the rules and dates the message is for",
                    ));
                } else if !list && has_list {
                    problems.push(ApiError::invalid(
                        field,
                        "cannot hold {instructions}, a list; the body holds it",
                    ));
                }
            }
        }
    };
    check("subject", &subject, MAX_SUBJECT, false);
    check("text", &text, MAX_TEXT, true);
    check("html", &html, MAX_HTML, true);
    if subject.chars().any(char::is_control) {
        problems.push(ApiError::invalid("subject", "must be one line"));
    }
    if problems.is_empty() {
        Ok(ReminderWording {
            enabled,
            subject,
            text,
            html,
        })
    } else {
        Err(problems)
    }
}

/// The subject, plain text and HTML of a message in a wording (the standard one for
/// `None` or for an empty part). A wording that does not parse (it was checked when saved)
/// falls back to the standard one.
pub fn compose(wording: Option<&ReminderWording>, fill_in: &Fill<'_>) -> (String, String, String) {
    let own = |part: fn(&ReminderWording) -> &str, field: &str| {
        wording
            .map(part)
            .filter(|t| !t.is_empty())
            .and_then(|t| parse(field, t).ok())
    };
    let subject = own(|w| &w.subject, "subject").map_or_else(
        || fill_in.subject.to_owned(),
        |pieces| fill(&pieces, |slot| fill_in.value(slot)),
    );
    // The clinic's text when it parses (it was checked when saved), else the standard.
    let (text_template, text_pieces) = wording
        .map(|w| w.text.as_str())
        .filter(|t| !t.is_empty())
        .and_then(|t| parse("text", t).ok().map(|pieces| (t, pieces)))
        .unwrap_or_else(|| {
            let standard = parse("text", STANDARD_TEXT).unwrap_or_default();
            (STANDARD_TEXT, standard)
        });
    let text = format!(
        "{}\n",
        fill(&text_pieces, |slot| fill_in.value(slot)).trim_end()
    );
    let html = match own(|w| &w.html, "html") {
        Some(pieces) => fill(&pieces, |slot| html_value(fill_in, slot)),
        None => html_from_text(text_template, fill_in),
    };
    (subject, text, html)
}

/// A placeholder's value inside HTML: escaped, and the instructions as a list.
fn html_value(fill_in: &Fill<'_>, slot: Slot) -> String {
    match slot {
        Slot::Instructions => {
            let items: String = fill_in
                .lines
                .iter()
                .map(|line| format!("<li>{}</li>", escape(line)))
                .collect();
            format!("<ul>{items}</ul>")
        }
        other => escape(&fill_in.value(other)),
    }
}

/// The HTML of a plain-text template: a paragraph per block, the instructions' own block a
/// list, line breaks kept.
fn html_from_text(template: &str, fill_in: &Fill<'_>) -> String {
    let mut body = String::new();
    for block in template
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        let Ok(pieces) = parse("text", block) else {
            continue;
        };
        if pieces == [Piece::Slot(Slot::Instructions)] {
            body.push_str(&html_value(fill_in, Slot::Instructions));
            continue;
        }
        let inner = fill_escaped(&pieces, escape, |slot| match slot {
            Slot::Instructions => fill_in
                .lines
                .iter()
                .map(|line| escape(line))
                .collect::<Vec<_>>()
                .join("<br>"),
            other => html_value(fill_in, other),
        });
        body.push_str(&format!("<p>{}</p>", inner.replace('\n', "<br>")));
    }
    format!("<!doctype html><html><body style=\"font-family: sans-serif\">{body}</body></html>")
}

/// Text made safe inside HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// A message to `to_address`, due at `due`, in a wording.
pub fn message_in(
    wording: Option<&ReminderWording>,
    key: String,
    to_address: &str,
    fill_in: &Fill<'_>,
    due: jiff::Timestamp,
) -> NewMessage {
    let (subject, text, html) = compose(wording, fill_in);
    NewMessage {
        key,
        to_address: to_address.to_owned(),
        subject,
        text,
        html,
        due_at: due,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill_in(lines: &[String]) -> Fill<'_> {
        Fill {
            name: "Sam <Carter>",
            clinic: "Scalp & Co",
            appointment: "Wed 9 Dec 2026 at 10:00",
            subject: "Tomorrow: your SMP session at 10:00",
            lines,
        }
    }

    fn problems(subject: &str, text: &str, html: &str) -> Vec<(Option<String>, String)> {
        check_wording(true, subject, text, html)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|e| (e.field().map(str::to_owned), e.to_string()))
            .collect()
    }

    #[test]
    fn the_standard_wording_greets_lists_and_signs_in_text_and_html() {
        let lines = vec![
            "No alcohol from Tue 8 Dec.".to_owned(),
            "Sleep well.".to_owned(),
        ];
        let (subject, text, html) = compose(None, &fill_in(&lines));
        assert_eq!(subject, "Tomorrow: your SMP session at 10:00");
        assert_eq!(
            text,
            "Hello Sam,\n\n- No alcohol from Tue 8 Dec.\n- Sleep well.\n\n\
             Any question: just reply to this email.\n\nScalp & Co\n"
        );
        assert_eq!(
            html,
            "<!doctype html><html><body style=\"font-family: sans-serif\"><p>Hello Sam,</p>\
             <ul><li>No alcohol from Tue 8 Dec.</li><li>Sleep well.</li></ul>\
             <p>Any question: just reply to this email.</p><p>Scalp &amp; Co</p></body></html>"
        );
    }

    #[test]
    fn a_clinics_own_wording_fills_every_placeholder_and_escapes_values_in_html() {
        let lines = vec!["Wash <gently>.".to_owned()];
        let own = check_wording(
            true,
            "{clinic}: {subject}",
            "Dear {name},\nabout {appointment}:\n\n{instructions}\n\n{{braces}} & thanks",
            "<h1>{first_name}</h1>{instructions}",
        )
        .expect("a good wording");
        let (subject, text, html) = compose(Some(&own), &fill_in(&lines));
        assert_eq!(subject, "Scalp & Co: Tomorrow: your SMP session at 10:00");
        assert_eq!(
            text,
            "Dear Sam <Carter>,\nabout Wed 9 Dec 2026 at 10:00:\n\n- Wash <gently>.\n\n{braces} & thanks\n"
        );
        assert_eq!(html, "<h1>Sam</h1><ul><li>Wash &lt;gently&gt;.</li></ul>");
        // Without an HTML of its own, the HTML is made from the text, all of it escaped.
        let text_only = ReminderWording {
            html: String::new(),
            ..own
        };
        let (_, _, made) = compose(Some(&text_only), &fill_in(&lines));
        assert_eq!(
            made,
            "<!doctype html><html><body style=\"font-family: sans-serif\">\
             <p>Dear Sam &lt;Carter&gt;,<br>about Wed 9 Dec 2026 at 10:00:</p>\
             <ul><li>Wash &lt;gently&gt;.</li></ul><p>{braces} &amp; thanks</p></body></html>"
        );
    }

    #[test]
    fn a_bad_wording_is_refused_naming_each_field() {
        let some = |field: &str, detail: &str| (Some(field.to_owned()), detail.to_owned());
        assert_eq!(
            problems("Hi {nmae}", "no list here", "{instructions"),
            [
                some(
                    "subject",
                    "subject: {nmae} is not a placeholder; use {first_name}, {name}, {clinic}, \
                     {appointment}, {instructions}, {subject}"
                ),
                some(
                    "text",
                    "text: must contain {instructions}: the rules and dates the message is for"
                ),
                some("html", "html: a { is not closed; write {{ for a brace"),
            ]
        );
        assert_eq!(
            problems("{instructions}", "{instructions} }", ""),
            [
                some(
                    "subject",
                    "subject: cannot hold {instructions}, a list; the body holds it"
                ),
                some("text", "text: a } has no { before it; write }} for a brace"),
            ]
        );
        assert_eq!(
            problems(&"x".repeat(201), "", ""),
            [some("subject", "subject: must be at most 200 characters")]
        );
        assert_eq!(
            problems("a\tb", "", ""),
            [some("subject", "subject: must be one line")]
        );
        assert!(
            problems("", "", "").is_empty(),
            "empty parts are the standard"
        );
    }
}
