//! `/api/v1/clients/{id}/screenings`: screen a client's answers against the rules and keep
//! the result; read a client's screenings. Health data: every access is audited.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use serde_json::Value;
use smp_store::{NewScreening, Staff, StoredScreening};
use smp_treatment::{screen, Answers};

use crate::address::ClientAddress;
use crate::auth::current::CurrentStaff;
use crate::auth::health::{audit_health, require_health_access};
use crate::error::ApiError;
use crate::extract::{parse_id, JsonText};
use crate::state::AppState;

/// A screening as the API shows it.
#[derive(Debug, Serialize)]
pub struct ScreeningView {
    id: i64,
    client_id: i64,
    screened_on: String,
    outcome: String,
    /// The evaluation: outcome, deferral date and every finding with its rule and sources.
    result: Value,
    /// The answers as given.
    answers: Value,
    created_at: jiff::Timestamp,
}

impl From<StoredScreening> for ScreeningView {
    fn from(s: StoredScreening) -> ScreeningView {
        let parse = |text: &str| serde_json::from_str(text).unwrap_or(Value::Null);
        ScreeningView {
            id: s.id,
            client_id: s.screening.client_id,
            screened_on: s.screening.screened_on.to_string(),
            outcome: s.screening.verdict.clone(),
            result: parse(&s.screening.result_json),
            answers: parse(&s.screening.answers_json),
            created_at: s.created_at,
        }
    }
}

/// `POST /api/v1/clients/{id}/screenings`: the body is the questionnaire's answers; 201 with
/// the evaluation. Refused (422) until the client's consent to store health data is
/// recorded.
pub async fn create(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    JsonText(text): JsonText,
) -> Result<(StatusCode, Json<ScreeningView>), ApiError> {
    let client = state.store.client(parse_id("client", &id)?).await?;
    require_health_access(&state, &staff.0, &client).await?;
    if client.fields.health_consent_on.is_none() {
        return Err(ApiError::invalid(
            "health_consent_on",
            "record the client's consent to store health data before screening",
        ));
    }
    let today = state.clinic_today().await;
    let answers = Answers::parse("body", &text, today).map_err(|e| {
        let field = if e.path == "." {
            "body".to_owned()
        } else {
            format!("body.{}", e.path)
        };
        let at =
            e.at.map(|(line, column)| format!(" (line {line}, column {column})"))
                .unwrap_or_default();
        ApiError::invalid(field, format!("{}{at}", e.message))
    })?;
    let stored =
        evaluate_and_keep(&state, &staff.0, &address, client.id, &answers, text, today).await?;
    Ok((StatusCode::CREATED, Json(stored.into())))
}

/// Evaluates checked answers with the clinic's policy for `today`, stores the answers
/// (`text`) with the evaluation, and audits the write.
///
/// # Errors
/// The store's.
pub(crate) async fn evaluate_and_keep(
    state: &AppState,
    staff: &Staff,
    address: &str,
    client_id: i64,
    answers: &Answers,
    text: String,
    today: jiff::civil::Date,
) -> Result<StoredScreening, ApiError> {
    let evaluation = screen(answers, today, &state.policy().await);
    let result_json =
        serde_json::to_string(&evaluation).map_err(|e| ApiError::Internal(e.to_string()))?;
    let stored = state
        .store
        .create_screening(
            &NewScreening {
                client_id,
                screened_on: today,
                answers_json: text,
                verdict: evaluation.outcome.name().to_owned(),
                result_json,
                staff_id: Some(staff.id),
            },
            state.clock.now(),
        )
        .await?;
    audit_health(state, staff, address, "create", "screening", stored.id).await?;
    Ok(stored)
}

/// `GET /api/v1/clients/{id}/screenings`: newest first.
pub async fn list(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
) -> Result<Json<Vec<ScreeningView>>, ApiError> {
    let client = state.store.client(parse_id("client", &id)?).await?;
    require_health_access(&state, &staff.0, &client).await?;
    let all = state.store.screenings_of_client(client.id).await?;
    audit_health(
        &state,
        &staff.0,
        &address,
        "read",
        "client_screenings",
        client.id,
    )
    .await?;
    Ok(Json(all.into_iter().map(Into::into).collect()))
}
