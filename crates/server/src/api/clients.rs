//! `/api/v1/clients`: create, search, read and edit clients' contact details.

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::{Deserialize, Serialize};
use smp_store::{Client, ClientFields, SunExposure};

use crate::api::fields::{
    first_problem, optional_date, optional_email, optional_text, required_text,
};
use crate::auth::current::CurrentStaff;
use crate::auth::roles::Permission;
use crate::error::ApiError;
use crate::extract::{parse_id, ApiJson};
use crate::reminder_refresh::refresh_client;
use crate::state::AppState;

/// A client's details as sent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientBody {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) email: Option<String>,
    #[serde(default)]
    pub(crate) phone: Option<String>,
    #[serde(default)]
    pub(crate) date_of_birth: Option<String>,
    #[serde(default)]
    pub(crate) notes: Option<String>,
    #[serde(default)]
    pub(crate) health_consent_on: Option<String>,
    #[serde(default)]
    pub(crate) practitioner_id: Option<i64>,
    /// `low`, `medium` or `high`; empty or absent when not recorded.
    #[serde(default)]
    pub(crate) sun_exposure: Option<String>,
}

impl ClientBody {
    /// The checked fields, or every field's problem at once (for forms); `today` bounds the
    /// dates.
    pub(crate) fn check_all(
        &self,
        today: jiff::civil::Date,
    ) -> Result<ClientFields, Vec<ApiError>> {
        let mut problems = Vec::new();
        let not_future = |field: &'static str, date: Option<jiff::civil::Date>| match date {
            Some(day) if day > today => Err(ApiError::invalid(field, "is in the future")),
            other => Ok(other),
        };
        let name = keep(&mut problems, required_text("name", &self.name, 200));
        let email = keep(
            &mut problems,
            optional_email("email", self.email.as_deref()),
        );
        let phone = keep(
            &mut problems,
            optional_text("phone", self.phone.as_deref(), 40),
        );
        let date_of_birth = keep(
            &mut problems,
            optional_date("date_of_birth", self.date_of_birth.as_deref())
                .and_then(|d| not_future("date_of_birth", d)),
        );
        let notes = keep(
            &mut problems,
            optional_text("notes", self.notes.as_deref(), 4000),
        );
        let health_consent_on = keep(
            &mut problems,
            optional_date("health_consent_on", self.health_consent_on.as_deref())
                .and_then(|d| not_future("health_consent_on", d)),
        );
        let sun_exposure = keep(
            &mut problems,
            optional_sun_exposure(self.sun_exposure.as_deref()),
        );
        match (
            name,
            email,
            phone,
            date_of_birth,
            notes,
            health_consent_on,
            sun_exposure,
        ) {
            (
                Some(name),
                Some(email),
                Some(phone),
                Some(date_of_birth),
                Some(notes),
                Some(health_consent_on),
                Some(sun_exposure),
            ) => Ok(ClientFields {
                name,
                email,
                phone,
                date_of_birth,
                notes,
                health_consent_on,
                practitioner_id: self.practitioner_id,
                sun_exposure,
            }),
            _ => Err(problems),
        }
    }

    /// The checked fields, or the first problem.
    fn check(&self, today: jiff::civil::Date) -> Result<ClientFields, ApiError> {
        self.check_all(today).map_err(first_problem)
    }
}

/// The sun exposure as typed: empty is not recorded.
fn optional_sun_exposure(text: Option<&str>) -> Result<Option<SunExposure>, ApiError> {
    match text.map(str::trim).unwrap_or_default() {
        "" => Ok(None),
        name => SunExposure::parse(name).map(Some).ok_or_else(|| {
            ApiError::invalid(
                "sun_exposure",
                format!("{name:?} is not a sun exposure; use low, medium or high"),
            )
        }),
    }
}

/// The value of a check, or `None` with its problem added to `problems`.
fn keep<T>(problems: &mut Vec<ApiError>, result: Result<T, ApiError>) -> Option<T> {
    result.map_err(|e| problems.push(e)).ok()
}

/// A client as the API shows it.
#[derive(Debug, Serialize)]
pub struct ClientView {
    id: i64,
    name: String,
    email: String,
    phone: String,
    date_of_birth: Option<String>,
    notes: String,
    health_consent_on: Option<String>,
    practitioner_id: Option<i64>,
    sun_exposure: Option<&'static str>,
    created_at: jiff::Timestamp,
    updated_at: jiff::Timestamp,
}

impl ClientView {
    /// The client's id.
    pub fn id(&self) -> i64 {
        self.id
    }
}

impl From<Client> for ClientView {
    fn from(c: Client) -> ClientView {
        ClientView {
            id: c.id,
            name: c.fields.name,
            email: c.fields.email,
            phone: c.fields.phone,
            date_of_birth: c.fields.date_of_birth.map(|d| d.to_string()),
            notes: c.fields.notes,
            health_consent_on: c.fields.health_consent_on.map(|d| d.to_string()),
            practitioner_id: c.fields.practitioner_id,
            sun_exposure: c.fields.sun_exposure.map(SunExposure::as_str),
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// The search of `GET /api/v1/clients?q=`.
#[derive(Debug, Deserialize)]
pub struct Search {
    #[serde(default)]
    q: String,
}

/// `POST /api/v1/clients`: 201 with the client and its `Location`.
pub async fn create(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ApiJson(body): ApiJson<ClientBody>,
) -> Result<impl IntoResponse, ApiError> {
    staff.require(Permission::EditClients)?;
    let fields = body.check(state.clinic_today().await)?;
    let made = state
        .store
        .create_client(&fields, state.clock.now())
        .await?;
    let location = format!("/api/v1/clients/{}", made.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(ClientView::from(made)),
    ))
}

/// `GET /api/v1/clients?q=`: clients whose name, email or phone contains `q`.
pub async fn search(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Query(search): Query<Search>,
) -> Result<Json<Vec<ClientView>>, ApiError> {
    staff.require(Permission::SeeClients)?;
    let query = optional_text("q", Some(&search.q), 200)?;
    let found = state.store.search_clients(&query, 100).await?;
    Ok(Json(found.into_iter().map(Into::into).collect()))
}

/// `GET /api/v1/clients/{id}`.
pub async fn read(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Path(id): Path<String>,
) -> Result<Json<ClientView>, ApiError> {
    staff.require(Permission::SeeClients)?;
    let id = parse_id("client", &id)?;
    Ok(Json(state.store.client(id).await?.into()))
}

/// `PUT /api/v1/clients/{id}`: replaces the client's details.
pub async fn update(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ClientBody>,
) -> Result<Json<ClientView>, ApiError> {
    staff.require(Permission::EditClients)?;
    let id = parse_id("client", &id)?;
    let fields = body.check(state.clinic_today().await)?;
    let saved = state
        .store
        .update_client(id, &fields, state.clock.now())
        .await?;
    refresh_client(&state, id).await?;
    Ok(Json(saved.into()))
}
