//! The client's own dated plans that a course must respect.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::InputError;
use crate::json;
use crate::names::named_enum;

named_enum! {
    /// Something the client has planned that limits when sessions can be.
    EventKind, "event kind" {
        /// A holiday with swimming (sea, pool).
        WaterVacation = "water_vacation",
        /// Botox injections.
        Botox = "botox",
        /// Filler injections.
        Filler = "filler",
        /// A chemical peel.
        ChemicalPeel = "chemical_peel",
        /// A laser treatment.
        Laser = "laser",
        /// A holiday in the sun.
        SunHoliday = "sun_holiday",
        /// A hair transplant.
        HairTransplant = "hair_transplant",
    }
}

/// One of the client's plans: a kind and the days it covers (both inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientEvent {
    /// What the client plans.
    pub kind: EventKind,
    /// Its first day.
    pub date: Date,
    /// Its last day; the same as `date` when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
}

impl ClientEvent {
    /// A one-day event.
    pub fn on(kind: EventKind, date: Date) -> ClientEvent {
        ClientEvent {
            kind,
            date,
            end: None,
        }
    }

    /// The last day of the event.
    pub fn last_day(&self) -> Date {
        self.end.unwrap_or(self.date)
    }

    /// Reads an events file: a JSON array of events.
    ///
    /// # Errors
    /// [`InputError`] naming the path of the first bad field, including an `end` before its
    /// `date`.
    ///
    /// # Example
    /// ```
    /// use smp_treatment::ClientEvent;
    /// let err = ClientEvent::parse_list("e.json",
    ///     r#"[{"kind": "water_vacation", "date": "2026-12-10", "end": "2026-12-01"}]"#).unwrap_err();
    /// assert_eq!(err.to_string(), "e.json: at [0].end: the end 2026-12-01 is before the date 2026-12-10");
    /// ```
    pub fn parse_list(file: &str, text: &str) -> Result<Vec<ClientEvent>, InputError> {
        let events: Vec<ClientEvent> = json::parse(file, text, &["[]"])?;
        for (i, event) in events.iter().enumerate() {
            if let Some(end) = event.end.filter(|end| *end < event.date) {
                return Err(json::field_error(
                    file,
                    format!("[{i}].end"),
                    format!("the end {end} is before the date {}", event.date),
                ));
            }
        }
        Ok(events)
    }
}
