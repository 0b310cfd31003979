//! The health questionnaire's answers, as the answers file holds them.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::InputError;
use crate::json;
use crate::names::{Condition, Medication, ProcedureKind};

/// Everything the client answered in the health questionnaire.
///
/// Read with [`Answers::parse`]; unknown fields and unknown names are refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// Conditions the client has or had.
    #[serde(default)]
    pub conditions: Vec<Condition>,
    /// Medications taken now or recently.
    #[serde(default)]
    pub medications: Vec<MedicationUse>,
    /// Procedures had (or under way).
    #[serde(default)]
    pub procedures: Vec<Procedure>,
    /// The state of the skin of the scalp today.
    #[serde(default)]
    pub skin: Skin,
}

/// A medication and when it was last taken; no date (or `ongoing: true`) means still taken.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MedicationUse {
    /// Which medication.
    pub name: Medication,
    /// The day of the last dose, when it has stopped.
    #[serde(default)]
    pub last_taken: Option<Date>,
    /// Still being taken.
    #[serde(default)]
    pub ongoing: bool,
    /// Prescribed by a physician (never to be stopped without asking them).
    #[serde(default)]
    pub prescribed: bool,
}

/// A procedure and its date; no date (or `ongoing: true`) means under way.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// Which procedure.
    pub kind: ProcedureKind,
    /// The day it was done (the last treatment, for a series).
    #[serde(default)]
    pub date: Option<Date>,
    /// Still under way.
    #[serde(default)]
    pub ongoing: bool,
}

/// The state of the scalp's skin today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Skin {
    /// The scalp is sunburned.
    #[serde(default)]
    pub sunburn: bool,
    /// The scalp is suntanned.
    #[serde(default)]
    pub suntan: bool,
}

impl Answers {
    /// Reads an answers file and checks it against the screening day.
    ///
    /// `file` names the file in messages. Dates after `on` and a date given together with
    /// `"ongoing": true` are refused with the field's path.
    ///
    /// # Errors
    /// [`InputError`] naming the JSON path of the first bad field.
    ///
    /// # Example
    /// ```
    /// use jiff::civil::date;
    /// use smp_treatment::Answers;
    /// let err = Answers::parse("a.json", r#"{"conditions": ["flu"]}"#, date(2026, 11, 21)).unwrap_err();
    /// assert!(err.to_string().starts_with("a.json: at conditions[0]"));
    /// assert!(err.to_string().contains("unknown condition \"flu\"; known: type1_diabetes"));
    /// ```
    pub fn parse(file: &str, text: &str, on: Date) -> Result<Answers, InputError> {
        let answers: Answers =
            json::parse(file, text, &["", "medications[]", "procedures[]", "skin"])?;
        answers.check(file, on)?;
        Ok(answers)
    }

    /// Refuses dates in the future and contradictory entries.
    fn check(&self, file: &str, on: Date) -> Result<(), InputError> {
        for (i, m) in self.medications.iter().enumerate() {
            check_dated(
                file,
                &format!("medications[{i}]"),
                "last_taken",
                m.last_taken,
                m.ongoing,
                on,
            )?;
        }
        for (i, p) in self.procedures.iter().enumerate() {
            check_dated(
                file,
                &format!("procedures[{i}]"),
                "date",
                p.date,
                p.ongoing,
                on,
            )?;
        }
        Ok(())
    }
}

fn check_dated(
    file: &str,
    path: &str,
    field: &str,
    date: Option<Date>,
    ongoing: bool,
    on: Date,
) -> Result<(), InputError> {
    match date {
        Some(_) if ongoing => Err(json::field_error(
            file,
            format!("{path}.{field}"),
            format!("give either {field} or \"ongoing\": true, not both"),
        )),
        Some(day) if day > on => Err(json::field_error(
            file,
            format!("{path}.{field}"),
            format!(
                "{day} is after the screening day {on}; planned procedures belong in the course's events"
            ),
        )),
        _ => Ok(()),
    }
}
