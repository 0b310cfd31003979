//! The health questionnaire's questions as form fields, shared by the staff's
//! questionnaire and the public booking page, and the answers they give as the API's JSON.

use std::collections::HashMap;

use smp_treatment::{Condition, Medication, ProcedureKind};

use crate::pages::text::capitalised;

/// One condition's box.
pub(crate) struct ConditionBox {
    pub(crate) name: &'static str,
    pub(crate) label: String,
    pub(crate) checked: bool,
}

/// One medication's row.
pub(crate) struct MedicationRow {
    pub(crate) name: &'static str,
    pub(crate) label: String,
    pub(crate) ongoing: bool,
    pub(crate) last_taken: String,
    pub(crate) prescribed: bool,
}

/// One procedure's row.
pub(crate) struct ProcedureRow {
    pub(crate) name: &'static str,
    pub(crate) label: String,
    pub(crate) date: String,
    pub(crate) ongoing: bool,
}

/// The questionnaire's boxes and dates as a form shows them (`templates/questions.html`).
pub struct Questions {
    pub(crate) conditions: Vec<ConditionBox>,
    pub(crate) medications: Vec<MedicationRow>,
    pub(crate) procedures: Vec<ProcedureRow>,
    pub(crate) sunburn: bool,
    pub(crate) suntan: bool,
}

impl Questions {
    /// The questions with the answers a form gave (empty: nothing ticked).
    pub fn from_form(form: &HashMap<String, String>) -> Questions {
        Questions {
            conditions: Condition::ALL
                .iter()
                .map(|c| ConditionBox {
                    name: c.name(),
                    label: label(c.name()),
                    checked: ticked(form, &format!("condition.{}", c.name())),
                })
                .collect(),
            medications: Medication::ALL
                .iter()
                .map(|m| {
                    let key = format!("medication.{}", m.name());
                    MedicationRow {
                        name: m.name(),
                        label: label(m.name()),
                        ongoing: ticked(form, &format!("{key}.ongoing")),
                        last_taken: text(form, &format!("{key}.last_taken")).to_owned(),
                        prescribed: ticked(form, &format!("{key}.prescribed")),
                    }
                })
                .collect(),
            procedures: ProcedureKind::ALL
                .iter()
                .map(|p| {
                    let key = format!("procedure.{}", p.name());
                    ProcedureRow {
                        name: p.name(),
                        label: label(p.name()),
                        date: text(form, &format!("{key}.date")).to_owned(),
                        ongoing: ticked(form, &format!("{key}.ongoing")),
                    }
                })
                .collect(),
            sunburn: ticked(form, "skin.sunburn"),
            suntan: ticked(form, "skin.suntan"),
        }
    }
}

/// `condition_name` as words: `type1_diabetes` → `Type1 diabetes`.
fn label(name: &str) -> String {
    capitalised(&name.replace('_', " "))
}

fn ticked(form: &HashMap<String, String>, key: &str) -> bool {
    form.get(key).is_some_and(|v| !v.is_empty())
}

fn text<'a>(form: &'a HashMap<String, String>, key: &str) -> &'a str {
    form.get(key).map_or("", |v| v.trim())
}

/// The questionnaire as JSON answers (the API's format) from the form's fields.
pub fn answers_json(form: &HashMap<String, String>) -> String {
    let conditions: Vec<&str> = Condition::ALL
        .iter()
        .map(|c| c.name())
        .filter(|name| ticked(form, &format!("condition.{name}")))
        .collect();
    let mut medications = Vec::new();
    for m in Medication::ALL {
        let key = format!("medication.{}", m.name());
        let ongoing = ticked(form, &format!("{key}.ongoing"));
        let last = text(form, &format!("{key}.last_taken"));
        let prescribed = ticked(form, &format!("{key}.prescribed"));
        if ongoing || !last.is_empty() {
            let mut entry = serde_json::json!({ "name": m.name(), "ongoing": ongoing, "prescribed": prescribed });
            if !last.is_empty() {
                entry["last_taken"] = last.into();
            }
            medications.push(entry);
        }
    }
    let mut procedures = Vec::new();
    for p in ProcedureKind::ALL {
        let key = format!("procedure.{}", p.name());
        let ongoing = ticked(form, &format!("{key}.ongoing"));
        let date = text(form, &format!("{key}.date"));
        if ongoing || !date.is_empty() {
            let mut entry = serde_json::json!({ "kind": p.name(), "ongoing": ongoing });
            if !date.is_empty() {
                entry["date"] = date.into();
            }
            procedures.push(entry);
        }
    }
    serde_json::json!({
        "conditions": conditions,
        "medications": medications,
        "procedures": procedures,
        "skin": { "sunburn": ticked(form, "skin.sunburn"), "suntan": ticked(form, "skin.suntan") },
    })
    .to_string()
}
