//! The health questionnaire as a form: answers built from the boxes ticked and dates given,
//! checked and evaluated like the API's, stored, and shown on the client's page.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use smp_treatment::Answers;

use crate::address::ClientAddress;
use crate::api::screenings::evaluate_and_keep;
use crate::auth::health::require_health_access;
use crate::extract::parse_id;
use crate::pages::layout::layout;
use crate::pages::questions::{answers_json, Questions};
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "screening.html")]
struct ScreeningPage {
    layout: Layout,
    client_id: i64,
    client_name: String,
    today: String,
    error: String,
    questions: Questions,
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
        questions: Questions::from_form(form),
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
