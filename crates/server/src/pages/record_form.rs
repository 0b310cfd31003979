//! The session record form: what was done at a session and what to change next time.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use smp_store::Appointment;

use crate::address::ClientAddress;
use crate::api::records::RecordBody;
use crate::auth::health::{audit_health, require_health_access};
use crate::error::ApiError;
use crate::extract::parse_id;
use crate::pages::layout::layout;
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::state::AppState;

/// The form's fields: name, label, multi-line, numeric.
const FIELDS: [(&str, &str, bool, bool); 8] = [
    ("pigment", "Pigment", false, false),
    ("dilution", "Dilution", false, false),
    ("needle", "Needle", false, false),
    ("areas", "Areas worked", false, false),
    ("dots", "Dots placed (estimate)", false, true),
    ("minutes", "Duration, minutes", false, true),
    ("notes", "Notes", true, false),
    ("next_changes", "Changes for the next session", true, false),
];

struct Field {
    name: &'static str,
    label: &'static str,
    long: bool,
    number: bool,
    value: String,
    error: String,
}

#[derive(Template)]
#[template(path = "record.html")]
struct RecordPage {
    layout: Layout,
    appointment_id: i64,
    client_id: i64,
    client_name: String,
    course_id: i64,
    when: String,
    saved: bool,
    fields: Vec<Field>,
}

/// Whether the page follows a save.
#[derive(Debug, serde::Deserialize)]
pub struct Saved {
    #[serde(default)]
    saved: String,
}

async fn session(
    state: &AppState,
    staff: &PageStaff,
    id: &str,
) -> Result<(Appointment, smp_store::Client), PageError> {
    let appointment = state
        .store
        .appointment(parse_id("appointment", id)?)
        .await?;
    let client_id = appointment.booked.client_id.ok_or_else(|| {
        PageError(ApiError::invalid(
            "appointment",
            "has no client to record a session for",
        ))
    })?;
    let client = state.store.client(client_id).await?;
    require_health_access(state, &staff.staff, &client).await?;
    Ok((appointment, client))
}

async fn show(
    state: &AppState,
    staff: &PageStaff,
    (appointment, client): (Appointment, smp_store::Client),
    values: &HashMap<String, String>,
    error: Option<ApiError>,
    saved: bool,
) -> Result<Response, PageError> {
    let zone = state.clinic_zone().await;
    let fields = FIELDS
        .iter()
        .map(|&(name, label, long, number)| Field {
            name,
            label,
            long,
            number,
            value: values.get(name).cloned().unwrap_or_default(),
            error: match &error {
                Some(ApiError::Invalid { field, message }) if field == name => message.clone(),
                _ => String::new(),
            },
        })
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let template = RecordPage {
        layout: layout(state, staff, "Session record").await,
        appointment_id: appointment.id,
        client_id: client.id,
        client_name: client.fields.name,
        course_id: appointment.booked.course_id.unwrap_or(0),
        when: appointment
            .booked
            .slot
            .starts_at
            .to_zoned(zone)
            .strftime("%a %-d %b %Y, %H:%M")
            .to_string(),
        saved,
        fields,
    };
    Ok(page(status, &template))
}

/// `GET /appointments/{id}/record`.
pub async fn form(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Query(saved): Query<Saved>,
) -> Result<Response, PageError> {
    let found = session(&state, &staff, &id).await?;
    let mut values = HashMap::new();
    if let Some(record) = state.store.session_record(found.0.id).await? {
        audit_health(
            &state,
            &staff.staff,
            &address,
            "read",
            "session_record",
            record.id,
        )
        .await?;
        let f = record.fields;
        for (name, value) in [
            ("pigment", f.pigment),
            ("dilution", f.dilution),
            ("needle", f.needle),
            ("areas", f.areas),
            ("dots", f.dots.to_string()),
            ("minutes", f.minutes.to_string()),
            ("notes", f.notes),
            ("next_changes", f.next_changes),
        ] {
            values.insert(name.to_owned(), value);
        }
    }
    show(
        &state,
        &staff,
        found,
        &values,
        None,
        !saved.saved.is_empty(),
    )
    .await
}

/// `POST /appointments/{id}/record`.
pub async fn submit(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Form(values): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    staff.check_csrf(values.get("csrf").map_or("", String::as_str))?;
    let found = session(&state, &staff, &id).await?;
    let get = |name: &str| values.get(name).map_or("", |v| v.trim()).to_owned();
    let number = |name: &'static str| {
        get(name)
            .parse::<i64>()
            .map_err(|_| ApiError::invalid(name, "give a whole number"))
    };
    let checked = number("dots").and_then(|dots| {
        let minutes = number("minutes")?;
        RecordBody {
            pigment: get("pigment"),
            dilution: get("dilution"),
            needle: get("needle"),
            areas: get("areas"),
            dots,
            minutes,
            notes: Some(get("notes")),
            next_changes: Some(get("next_changes")),
        }
        .check()
    });
    let fields = match checked {
        Ok(fields) => fields,
        Err(error) => return show(&state, &staff, found, &values, Some(error), false).await,
    };
    let (appointment, client) = found;
    let saved = state
        .store
        .save_session_record(
            appointment.id,
            client.id,
            &fields,
            Some(staff.staff.id),
            state.clock.now(),
        )
        .await?;
    audit_health(
        &state,
        &staff.staff,
        &address,
        "write",
        "session_record",
        saved.id,
    )
    .await?;
    Ok(Redirect::to(&format!("/appointments/{}/record?saved=1", appointment.id)).into_response())
}
