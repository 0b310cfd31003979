//! `/api/v1/practitioners`: whose calendars there are.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use smp_store::Practitioner;

use crate::api::fields::{optional_text, required_text};
use crate::auth::current::CurrentStaff;
use crate::auth::roles::Permission;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::state::AppState;

/// A practitioner to add.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPractitionerBody {
    name: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    staff_id: Option<i64>,
}

/// A practitioner as the API shows it.
#[derive(Debug, Serialize)]
pub struct PractitionerView {
    id: i64,
    name: String,
    email: String,
    staff_id: Option<i64>,
}

impl From<Practitioner> for PractitionerView {
    fn from(p: Practitioner) -> PractitionerView {
        PractitionerView {
            id: p.id,
            name: p.name,
            email: p.email,
            staff_id: p.staff_id,
        }
    }
}

/// `POST /api/v1/practitioners` (owners): 201 with the practitioner.
pub async fn create(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ApiJson(body): ApiJson<NewPractitionerBody>,
) -> Result<(StatusCode, Json<PractitionerView>), ApiError> {
    staff.require(Permission::ManageClinic)?;
    let name = required_text("name", &body.name, 200)?;
    let email = optional_text("email", body.email.as_deref(), 254)?;
    let made = state
        .store
        .create_practitioner(&name, &email, body.staff_id, state.clock.now())
        .await?;
    Ok((StatusCode::CREATED, Json(made.into())))
}

/// `GET /api/v1/practitioners` (any staff): every practitioner.
pub async fn list(
    State(state): State<AppState>,
    staff: CurrentStaff,
) -> Result<Json<Vec<PractitionerView>>, ApiError> {
    staff.require(Permission::SeeClients)?;
    let all = state.store.practitioners().await?;
    Ok(Json(all.into_iter().map(Into::into).collect()))
}
