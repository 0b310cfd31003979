//! The health questionnaire as a form: answers built from the boxes ticked and dates given,
//! checked and evaluated like the API's, stored, and shown on the client's page.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use smp_treatment::{Answers, Condition, Medication, ProcedureKind};

use crate::address::ClientAddress;
use crate::api::screenings::evaluate_and_keep;
use crate::auth::health::require_health_access;
use crate::extract::parse_id;
use crate::pages::layout::layout;
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::pages::text::capitalised;
use crate::state::AppState;

struct ConditionBox {
    name: &'static str,
    label: String,
    checked: bool,
}

struct MedicationRow {
    name: &'static str,
    label: String,
    ongoing: bool,
    last_taken: String,
    prescribed: bool,
}

struct ProcedureRow {
    name: &'static str,
    label: String,
    date: String,
    ongoing: bool,
}

#[derive(Template)]
#[template(path = "screening.html")]
struct ScreeningPage {
    layout: Layout,
    client_id: i64,
    client_name: String,
    today: String,
    error: String,
    conditions: Vec<ConditionBox>,
    medications: Vec<MedicationRow>,
    procedures: Vec<ProcedureRow>,
    sunburn: bool,
    suntan: bool,
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
fn answers_json(form: &HashMap<String, String>) -> String {
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

async fn show(
    state: &AppState,
    staff: &PageStaff,
    client_id: i64,
    form: &HashMap<String, String>,
    error: String,
) -> Result<Response, PageError> {
    let client = state.store.client(client_id).await?;
    require_health_access(state, &staff.staff, &client).await?;
    let template = ScreeningPage {
        layout: layout(state, staff, "Health questionnaire").await,
        client_id,
        client_name: client.fields.name,
        today: state.clinic_today().await.to_string(),
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
        error: error.clone(),
    };
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(page(status, &template))
}

/// `GET /clients/{id}/screening`: the empty questionnaire.
pub async fn form(
    State(state): State<AppState>,
    staff: PageStaff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_id("client", &id)?;
    show(&state, &staff, id, &HashMap::new(), String::new()).await
}

/// `POST /clients/{id}/screening`: evaluates and stores, then the client's page; or the
/// questionnaire again with the problem and every answer kept.
pub async fn submit(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    staff.check_csrf(form.get("csrf").map_or("", String::as_str))?;
    let id = parse_id("client", &id)?;
    let client = state.store.client(id).await?;
    require_health_access(&state, &staff.staff, &client).await?;
    if client.fields.health_consent_on.is_none() {
        let error =
            "Record the client's consent to store health data first (Edit on the client's page)."
                .to_owned();
        return show(&state, &staff, id, &form, error).await;
    }
    let today = state.clinic_today().await;
    let text = answers_json(&form);
    let answers = match Answers::parse("questionnaire", &text, today) {
        Ok(answers) => answers,
        Err(e) => {
            let error = format!("{}: {}", e.path.replace('.', " "), e.message);
            return show(&state, &staff, id, &form, error).await;
        }
    };
    evaluate_and_keep(&state, &staff.staff, &address, id, &answers, text, today).await?;
    Ok(Redirect::to(&format!("/clients/{id}#screening")).into_response())
}
