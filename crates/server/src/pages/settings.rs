//! The owner's settings page: the clinic (name, time zone, currency, minimum notice), the
//! services (length, buffers, price), the clinic's policy file, and staff accounts switched
//! off and on. Each form shows its problems next to its fields and keeps what was typed.

use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use smp_store::{Practitioner, Service};
use smp_treatment::Currency;

use crate::address::ClientAddress;
use crate::api::fields::whole_number;
use crate::api::settings::{
    check_clinic, check_service, save_clinic, save_policy, save_service, switch_staff, TypedService,
};
use crate::auth::roles::Permission;
use crate::error::ApiError;
use crate::extract::parse_id;
use crate::pages::field_errors::FieldErrors;
use crate::pages::layout::layout;
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::pages::text::{major_units, parse_amount};
use crate::state::AppState;

/// The clinic form as sent and shown.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ClinicForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    min_notice_minutes: String,
}

/// A service's form as sent and shown.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ServiceForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    buffer_before: String,
    #[serde(default)]
    buffer_after: String,
    #[serde(default)]
    price: String,
}

/// The policy form as sent.
#[derive(Debug, Default, Deserialize)]
pub struct PolicyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    toml: String,
}

/// A staff switch as sent.
#[derive(Debug, Default, Deserialize)]
pub struct StaffForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    active: String,
}

/// One service's row: what it is, its form and its problems.
struct ServiceRow {
    code: String,
    kind: String,
    mode: String,
    minutes_range: String,
    form: ServiceForm,
    errors: FieldErrors,
}

/// One staff account's row.
struct StaffRow {
    id: i64,
    name: String,
    email: String,
    role: String,
    active: bool,
    me: bool,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    layout: Layout,
    saved: String,
    clinic: ClinicForm,
    clinic_errors: FieldErrors,
    currency: String,
    services: Vec<ServiceRow>,
    policy: String,
    policy_error: String,
    staff: Vec<StaffRow>,
    staff_error: String,
    practitioners: Vec<Practitioner>,
}

/// What a submitted form brings to the page: typed values and their problems.
#[derive(Default)]
struct Submitted {
    clinic: Option<(ClinicForm, FieldErrors)>,
    service: Option<(String, ServiceForm, FieldErrors)>,
    policy: Option<(String, String)>,
    staff_error: String,
}

impl Submitted {
    fn has_problems(&self) -> bool {
        self.clinic.as_ref().is_some_and(|(_, e)| !e.is_empty())
            || self.service.as_ref().is_some_and(|(_, _, e)| !e.is_empty())
            || self.policy.as_ref().is_some_and(|(_, e)| !e.is_empty())
            || !self.staff_error.is_empty()
    }
}

fn service_form(service: &Service, decimals: u32) -> ServiceForm {
    ServiceForm {
        csrf: String::new(),
        name: service.name.clone(),
        minutes: service.minutes.to_string(),
        buffer_before: service.buffer_before.to_string(),
        buffer_after: service.buffer_after.to_string(),
        price: major_units(service.price_minor, decimals),
    }
}

async fn render(
    state: &AppState,
    staff: &PageStaff,
    submitted: Submitted,
    saved: &str,
) -> Result<Response, PageError> {
    let stored = state.store.clinic().await?;
    let currency = stored
        .as_ref()
        .map_or_else(|| "USD".to_owned(), |c| c.currency.clone());
    let decimals = Currency::parse(&currency).map_or(2, |c| c.decimals());
    let status = if submitted.has_problems() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (clinic, clinic_errors) = match submitted.clinic {
        Some(typed) => typed,
        None => (
            ClinicForm {
                csrf: String::new(),
                name: stored.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
                time_zone: stored
                    .as_ref()
                    .map_or_else(|| "Europe/London".to_owned(), |c| c.time_zone.clone()),
                currency: currency.clone(),
                min_notice_minutes: state.store.min_notice_minutes().await?.to_string(),
            },
            FieldErrors::default(),
        ),
    };
    let mut typed_service = submitted.service;
    let services = state
        .store
        .services()
        .await?
        .into_iter()
        .map(|service| {
            let typed_here = typed_service
                .as_ref()
                .is_some_and(|(code, _, _)| *code == service.code);
            let (form, errors) = match typed_service.take_if(|_| typed_here) {
                Some((_, form, errors)) => (form, errors),
                None => (service_form(&service, decimals), FieldErrors::default()),
            };
            let (low, high) = crate::api::settings::minutes_allowed(&service.kind);
            ServiceRow {
                code: service.code,
                kind: service.kind.replace('_', "-"),
                mode: service.mode.replace('_', " "),
                minutes_range: format!("{low}-{high}"),
                form,
                errors,
            }
        })
        .collect();
    let (policy, policy_error) = match submitted.policy {
        Some(typed) => typed,
        None => (state.store.policy_file().await?, String::new()),
    };
    let staff_rows = state
        .store
        .all_staff()
        .await?
        .into_iter()
        .map(|s| StaffRow {
            me: s.id == staff.staff.id,
            id: s.id,
            name: s.name,
            email: s.email,
            role: s.role.name().replace('_', " "),
            active: s.deactivated_at.is_none(),
        })
        .collect();
    let template = SettingsPage {
        layout: layout(state, staff, "Settings").await,
        saved: saved.to_owned(),
        clinic,
        clinic_errors,
        currency,
        services,
        policy,
        policy_error,
        staff: staff_rows,
        staff_error: submitted.staff_error,
        practitioners: state.store.practitioners().await?,
    };
    Ok(page(status, &template))
}

/// Which change was saved, for the notice after the redirect.
#[derive(Debug, Default, Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    saved: String,
}

/// `GET /settings` (owners).
pub async fn show(
    State(state): State<AppState>,
    staff: PageStaff,
    axum::extract::Query(query): axum::extract::Query<SavedQuery>,
) -> Result<Response, PageError> {
    staff.require(Permission::ManageClinic)?;
    let saved = match query.saved.as_str() {
        "clinic" => "The clinic's settings are saved.",
        "service" => "The service is saved; appointments already booked keep their times.",
        "policy" => "The policy is saved; new plans follow it.",
        "staff" => "The account is switched.",
        _ => "",
    };
    render(&state, &staff, Submitted::default(), saved).await
}

fn saved(what: &str) -> Response {
    Redirect::to(&format!("/settings?saved={what}")).into_response()
}

/// `POST /settings/clinic` (owners).
pub async fn clinic(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Form(form): Form<ClinicForm>,
) -> Result<Response, PageError> {
    staff.require(Permission::ManageClinic)?;
    staff.check_csrf(&form.csrf)?;
    let checked = check_clinic(
        &form.name,
        &form.time_zone,
        &form.currency,
        whole_number("min_notice_minutes", &form.min_notice_minutes),
    );
    match checked {
        Ok((settings, notice)) => {
            save_clinic(&state, &staff.staff, &address, &settings, notice).await?;
            Ok(saved("clinic"))
        }
        Err(problems) => {
            let submitted = Submitted {
                clinic: Some((form, FieldErrors::of(&problems))),
                ..Submitted::default()
            };
            render(&state, &staff, submitted, "").await
        }
    }
}

/// `POST /settings/services/{code}` (owners).
pub async fn service(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(code): Path<String>,
    Form(form): Form<ServiceForm>,
) -> Result<Response, PageError> {
    staff.require(Permission::ManageClinic)?;
    staff.check_csrf(&form.csrf)?;
    let service = state
        .store
        .service(&code)
        .await?
        .ok_or_else(|| ApiError::NotFound {
            what: "service",
            id: code.clone(),
        })?;
    let decimals = Currency::parse(&service.currency).map_or(2, |c| c.decimals());
    let typed = TypedService {
        name: &form.name,
        minutes: whole_number("minutes", &form.minutes),
        buffer_before: whole_number("buffer_before", &form.buffer_before),
        buffer_after: whole_number("buffer_after", &form.buffer_after),
        price_minor: parse_amount(&form.price, decimals)
            .map_err(|reason| ApiError::invalid("price_minor", reason)),
    };
    match check_service(&service, typed) {
        Ok(change) => {
            save_service(&state, &staff.staff, &address, &code, &change).await?;
            Ok(saved("service"))
        }
        Err(problems) => {
            let submitted = Submitted {
                service: Some((code, form, FieldErrors::of(&problems))),
                ..Submitted::default()
            };
            render(&state, &staff, submitted, "").await
        }
    }
}

/// `POST /settings/policy` (owners).
pub async fn policy(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Form(form): Form<PolicyForm>,
) -> Result<Response, PageError> {
    staff.require(Permission::ManageClinic)?;
    staff.check_csrf(&form.csrf)?;
    match save_policy(&state, &staff.staff, &address, &form.toml).await {
        Ok(()) => Ok(saved("policy")),
        Err(ApiError::Invalid { message, .. }) => {
            let submitted = Submitted {
                policy: Some((form.toml, message)),
                ..Submitted::default()
            };
            render(&state, &staff, submitted, "").await
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /settings/staff/{id}` (owners): `active=false` switches an account off, `true` on.
pub async fn switch(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Form(form): Form<StaffForm>,
) -> Result<Response, PageError> {
    staff.require(Permission::ManageClinic)?;
    staff.check_csrf(&form.csrf)?;
    let id = parse_id("staff member", &id)?;
    let active = match form.active.as_str() {
        "true" => true,
        "false" => false,
        _ => {
            return Err(ApiError::invalid("active", "choose switch on or switch off").into());
        }
    };
    match switch_staff(&state, &staff.staff, &address, id, active).await {
        Ok(_) => Ok(saved("staff")),
        Err(ApiError::Invalid { message, .. }) => {
            let submitted = Submitted {
                staff_error: crate::pages::text::capitalised(&message),
                ..Submitted::default()
            };
            render(&state, &staff, submitted, "").await
        }
        Err(other) => Err(other.into()),
    }
}
