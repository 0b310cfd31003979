//! Client pages: search, create, read and edit, with errors next to each field.

use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use smp_store::{Client, Practitioner, SunExposure};

use crate::api::clients::ClientBody;
use crate::auth::roles::Permission;
use crate::error::ApiError;
use crate::extract::parse_id;
use crate::pages::field_errors::FieldErrors;
use crate::pages::layout::layout;
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::reminder_refresh::refresh_client;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "clients.html")]
struct ClientsPage {
    layout: Layout,
    query: String,
    clients: Vec<ClientRow>,
}

/// A client as listed, and whether another record looks like the same person.
struct ClientRow {
    client: Client,
    possible_duplicate: bool,
}

/// One field of the client form: what was typed and what is wrong with it.
struct FormField {
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    value: String,
    error: String,
}

#[derive(Template)]
#[template(path = "client_form.html")]
struct ClientFormPage {
    layout: Layout,
    action: String,
    fields: Vec<FormField>,
    errors: Vec<ApiError>,
    practitioners: Vec<Practitioner>,
    /// The sun exposure choices: value and label.
    sun_levels: Vec<(&'static str, &'static str)>,
}

/// What each sun exposure means, as the form offers it.
pub fn sun_label(sun: SunExposure) -> &'static str {
    match sun {
        SunExposure::Low => "Low: mostly indoors, or the head covered outside",
        SunExposure::Medium => "Medium: ordinary outdoor life",
        SunExposure::High => "High: outdoors much of the day, head bare",
    }
}

/// The search.
#[derive(Debug, Deserialize)]
pub struct Search {
    #[serde(default)]
    q: String,
}

/// The client form as sent.
#[derive(Debug, Default, Deserialize)]
pub struct ClientForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    date_of_birth: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    health_consent_on: String,
    #[serde(default)]
    practitioner_id: String,
    #[serde(default)]
    sun_exposure: String,
}

impl ClientForm {
    fn of(client: &Client) -> ClientForm {
        let f = &client.fields;
        ClientForm {
            csrf: String::new(),
            name: f.name.clone(),
            email: f.email.clone(),
            phone: f.phone.clone(),
            date_of_birth: f.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
            notes: f.notes.clone(),
            health_consent_on: f
                .health_consent_on
                .map(|d| d.to_string())
                .unwrap_or_default(),
            practitioner_id: f
                .practitioner_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            sun_exposure: f
                .sun_exposure
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
        }
    }

    /// The form as the API's body; a practitioner that is not a number is a problem.
    fn body(&self) -> Result<ClientBody, ApiError> {
        let practitioner_id = match self.practitioner_id.trim() {
            "" => None,
            text => Some(text.parse::<i64>().map_err(|_| {
                ApiError::invalid("practitioner_id", "choose a practitioner from the list")
            })?),
        };
        let some = |text: &str| Some(text.to_owned());
        Ok(ClientBody {
            name: self.name.clone(),
            email: some(&self.email),
            phone: some(&self.phone),
            date_of_birth: some(&self.date_of_birth),
            notes: some(&self.notes),
            health_consent_on: some(&self.health_consent_on),
            practitioner_id,
            sun_exposure: some(&self.sun_exposure),
        })
    }

    fn fields(&self, errors: &[ApiError]) -> Vec<FormField> {
        let by_field = FieldErrors::of(errors);
        let error_of = |name: &str| by_field.get(name).to_owned();
        let field = |name, label, kind, value: &String| FormField {
            name,
            label,
            kind,
            value: value.clone(),
            error: error_of(name),
        };
        vec![
            field("name", "Full name", "text", &self.name),
            field("email", "Email", "email", &self.email),
            field("phone", "Phone", "tel", &self.phone),
            field(
                "date_of_birth",
                "Date of birth",
                "date",
                &self.date_of_birth,
            ),
            field(
                "health_consent_on",
                "Consent to store health data given on",
                "date",
                &self.health_consent_on,
            ),
            field(
                "practitioner_id",
                "Practitioner",
                "select",
                &self.practitioner_id,
            ),
            field(
                "sun_exposure",
                "Sun on the scalp (sets how fast the pigment fades)",
                "select",
                &self.sun_exposure,
            ),
            field("notes", "Notes (no health data)", "textarea", &self.notes),
        ]
    }
}

/// `GET /clients?q=`.
pub async fn list(
    State(state): State<AppState>,
    staff: PageStaff,
    Query(search): Query<Search>,
) -> Result<Response, PageError> {
    staff.require(Permission::SeeClients)?;
    let query: String = search.q.trim().chars().take(200).collect();
    let doubled = state.store.clients_with_possible_duplicates().await?;
    let clients = state
        .store
        .search_clients(&query, 200)
        .await?
        .into_iter()
        .map(|client| ClientRow {
            possible_duplicate: doubled.binary_search(&client.id).is_ok(),
            client,
        })
        .collect();
    let template = ClientsPage {
        layout: layout(&state, &staff, "Clients").await,
        query,
        clients,
    };
    Ok(page(StatusCode::OK, &template))
}

async fn form_page(
    state: &AppState,
    staff: &PageStaff,
    title: &str,
    action: String,
    form: &ClientForm,
    errors: Vec<ApiError>,
) -> Result<Response, PageError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let template = ClientFormPage {
        layout: layout(state, staff, title).await,
        action,
        fields: form.fields(&errors),
        errors,
        practitioners: state.store.practitioners().await?,
        sun_levels: SunExposure::ALL
            .into_iter()
            .map(|sun| (sun.as_str(), sun_label(sun)))
            .collect(),
    };
    Ok(page(status, &template))
}

/// `GET /clients/new`.
pub async fn new(State(state): State<AppState>, staff: PageStaff) -> Result<Response, PageError> {
    staff.require(Permission::EditClients)?;
    let action = "/clients".to_owned();
    form_page(
        &state,
        &staff,
        "New client",
        action,
        &ClientForm::default(),
        Vec::new(),
    )
    .await
}

/// The checked fields of a sent form, or every problem.
async fn checked(
    state: &AppState,
    form: &ClientForm,
) -> Result<smp_store::ClientFields, Vec<ApiError>> {
    let today = state.clinic_today().await;
    let body = form.body().map_err(|e| vec![e])?;
    body.check_all(today)
}

/// `POST /clients`.
pub async fn create(
    State(state): State<AppState>,
    staff: PageStaff,
    Form(form): Form<ClientForm>,
) -> Result<Response, PageError> {
    save(&state, &staff, None, &form).await
}

/// Saves a sent client form (a new client when `id` is `None`): to the client's page, or
/// the form again with every problem by its field.
async fn save(
    state: &AppState,
    staff: &PageStaff,
    id: Option<i64>,
    form: &ClientForm,
) -> Result<Response, PageError> {
    staff.require(Permission::EditClients)?;
    staff.check_csrf(&form.csrf)?;
    let (title, action) = match id {
        Some(id) => ("Edit client", format!("/clients/{id}")),
        None => ("New client", "/clients".to_owned()),
    };
    let fields = match checked(state, form).await {
        Ok(fields) => fields,
        Err(errors) => return form_page(state, staff, title, action, form, errors).await,
    };
    let now = state.clock.now();
    let saved = match id {
        Some(id) => match state.store.update_client(id, &fields, now).await {
            Ok(client) => refresh_client(state, id).await.map(|_| client),
            Err(error) => Err(error.into()),
        },
        None => state
            .store
            .create_client(&fields, now)
            .await
            .map_err(ApiError::from),
    };
    match saved {
        Ok(client) => Ok(Redirect::to(&format!("/clients/{}", client.id)).into_response()),
        Err(error) if error.field().is_some() => {
            form_page(state, staff, title, action, form, vec![error]).await
        }
        Err(error) => Err(PageError(error)),
    }
}

/// `GET /clients/{id}/edit`.
pub async fn edit(
    State(state): State<AppState>,
    staff: PageStaff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    staff.require(Permission::EditClients)?;
    let client = state.store.client(parse_id("client", &id)?).await?;
    let action = format!("/clients/{}", client.id);
    let title = format!("Edit {}", client.fields.name);
    form_page(
        &state,
        &staff,
        &title,
        action,
        &ClientForm::of(&client),
        Vec::new(),
    )
    .await
}

/// `POST /clients/{id}`.
pub async fn update(
    State(state): State<AppState>,
    staff: PageStaff,
    Path(id): Path<String>,
    Form(form): Form<ClientForm>,
) -> Result<Response, PageError> {
    let id = parse_id("client", &id)?;
    save(&state, &staff, Some(id), &form).await
}
