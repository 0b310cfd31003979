//! The link in an online booking's confirmation: `/book/manage/{token}` shows the
//! appointment and lets the client move it to another free time of the same practitioner
//! or cancel it, until it starts. The token is 256 random bits; only its SHA-256 is stored,
//! with the expiry, so the link cannot be guessed or forged and stops working when the
//! appointment starts. An unknown, expired or cancelled link gets the same answer.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use jiff::Timestamp;
use smp_store::{
    Appointment, AppointmentStatus, AuditEntry, OnlineOutcome, OnlineRequest, Service,
};

use crate::address::ClientAddress;
use crate::api::availability::free_starts;
use crate::auth::token::{fresh_secret, hash_secret};
use crate::error::ApiError;
use crate::pages::booking::{public_layout, result};
use crate::pages::booking_form::{check_sizes, value};
use crate::pages::public_times::{client_zone, paging, query_value, week_of_times, DayTimes};
use crate::pages::render::{page, Layout, PageError};
use crate::reminder_mail::{or_none, ClientReminders, Confirmation};
use crate::state::AppState;

/// A new manage link: its token and the URL that carries it.
#[derive(Debug, Clone)]
pub struct OnlineLink {
    token: String,
    /// The link as the email shows it.
    pub url: String,
}

impl OnlineLink {
    /// The request record of something that booked nothing.
    pub fn none(email: &str, address: &str, outcome: OnlineOutcome) -> OnlineRequest {
        OnlineRequest {
            email: email.to_owned(),
            address: address.to_owned(),
            outcome,
            appointment_id: None,
            token_hash: None,
            expires_at: None,
        }
    }

    /// The request record of a booking, holding this link until the appointment starts.
    pub fn booked(&self, email: &str, address: &str, appointment: &Appointment) -> OnlineRequest {
        OnlineRequest {
            email: email.to_owned(),
            address: address.to_owned(),
            outcome: OnlineOutcome::Booked,
            appointment_id: Some(appointment.id),
            token_hash: Some(hash_secret(&self.token)),
            expires_at: Some(appointment.booked.slot.starts_at),
        }
    }
}

/// A fresh link under the app's public address.
///
/// # Errors
/// [`ApiError::Internal`] when the system has no randomness to give.
pub fn link_for(state: &AppState) -> Result<OnlineLink, ApiError> {
    let token = fresh_secret()?;
    Ok(OnlineLink {
        url: format!("{}/book/manage/{token}", state.public_url),
        token,
    })
}

/// Records a request from the public page.
///
/// # Errors
/// The store's.
pub async fn record_request(
    state: &AppState,
    request: OnlineRequest,
    now: Timestamp,
) -> Result<(), ApiError> {
    state.store.record_online_request(&request, now).await?;
    Ok(())
}

/// Whether `starts_at` is among the practitioner's free starts for the service now.
///
/// # Errors
/// The store's.
pub async fn is_free(
    state: &AppState,
    service: &Service,
    practitioner_id: i64,
    starts_at: Timestamp,
) -> Result<bool, ApiError> {
    let zone = state.clinic_zone().await;
    let day = starts_at.to_zoned(zone.clone()).date();
    Ok(
        free_starts(state, &zone, practitioner_id, service, day, day)
            .await?
            .iter()
            .any(|slot| slot.starts_at == starts_at),
    )
}

#[derive(Template)]
#[template(path = "book_manage.html")]
struct ManagePage {
    layout: Layout,
    token: String,
    when: String,
    what: String,
    tz: String,
    days: Vec<DayTimes>,
    earlier: String,
    later: String,
}

/// The booked appointment a token opens, or the one answer every bad link gets.
async fn open(
    state: &AppState,
    token: &str,
) -> Result<Result<(Appointment, Service), Response>, PageError> {
    let now = state.clock.now();
    let gone = || async {
        result(
            state,
            StatusCode::NOT_FOUND,
            "This link no longer works",
            vec!["The link has expired, the appointment has started or was cancelled, or the link is not complete. Book again, or call the clinic.".to_owned()],
            ("Book a consultation", "/book".to_owned()),
        )
        .await
    };
    if token.len() > 100 {
        return Ok(Err(gone().await));
    }
    let Some(id) = state
        .store
        .appointment_for_link(&hash_secret(token), now)
        .await?
    else {
        return Ok(Err(gone().await));
    };
    let appointment = state.store.appointment(id).await?;
    if appointment.status != AppointmentStatus::Booked {
        return Ok(Err(gone().await));
    }
    let Some(service) = state.store.service(&appointment.booked.service).await? else {
        return Ok(Err(gone().await));
    };
    Ok(Ok((appointment, service)))
}

/// `GET /book/manage/{token}?tz=&from=`: the appointment, other free times, and cancel.
pub async fn show(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    check_sizes(&query)?;
    let (appointment, service) = match open(&state, &token).await? {
        Ok(found) => found,
        Err(answer) => return Ok(answer),
    };
    let zone = match value(&query, "tz") {
        "" => state.clinic_zone().await,
        named => client_zone(named)?,
    };
    let tz = zone.iana_name().unwrap_or("UTC").to_owned();
    let today = state.clock.now().to_zoned(zone.clone()).date();
    let from = value(&query, "from")
        .parse::<Date>()
        .unwrap_or(today)
        .max(today);
    let (earlier, later) = paging(from, today, None, |day| {
        format!("/book/manage/{token}?tz={}&from={day}", query_value(&tz))
    });
    let days = week_of_times(
        &state,
        &service,
        &[appointment.booked.practitioner_id],
        &zone,
        from,
    )
    .await?;
    let start = appointment.booked.slot.starts_at.to_zoned(zone.clone());
    let template = ManagePage {
        layout: public_layout(&state, "Your appointment").await,
        when: format!("{} ({tz})", start.strftime("%A %-d %B %Y at %H:%M")),
        what: format!("{}, {} minutes", service.name, service.minutes),
        earlier,
        later,
        token,
        tz,
        days,
    };
    Ok(page(StatusCode::OK, &template))
}

async fn audit(
    state: &AppState,
    address: &str,
    action: &str,
    appointment: &Appointment,
    detail: String,
) -> Result<(), ApiError> {
    state
        .store
        .audit(
            &AuditEntry {
                staff_id: None,
                actor: "client (online link)".to_owned(),
                action: action.to_owned(),
                subject: "appointment".to_owned(),
                subject_id: Some(appointment.id),
                detail,
                address: address.to_owned(),
            },
            state.clock.now(),
        )
        .await?;
    Ok(())
}

/// `POST /book/manage/{token}/cancel`: cancels; its reminders not yet sent go with it.
pub async fn cancel(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let (appointment, service) = match open(&state, &token).await? {
        Ok(found) => found,
        Err(answer) => return Ok(answer),
    };
    let now = state.clock.now();
    let cancelled = state.store.cancel_appointment(appointment.id, now).await?;
    audit(
        &state,
        &address,
        "cancel",
        &cancelled,
        "cancelled by the client".to_owned(),
    )
    .await?;
    Ok(result(
        &state,
        StatusCode::OK,
        "Cancelled",
        vec![format!(
            "Your {} is cancelled, and its reminders with it.",
            service.name.to_lowercase()
        )],
        ("Book another time", "/book".to_owned()),
    )
    .await)
}

/// `POST /book/manage/{token}/move`: moves to another free time of the same practitioner,
/// with a new confirmation; the link then works until the new time.
pub async fn move_to(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Path(token): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    check_sizes(&form)?;
    let (appointment, service) = match open(&state, &token).await? {
        Ok(found) => found,
        Err(answer) => return Ok(answer),
    };
    let starts_at = value(&form, "starts_at")
        .parse::<Timestamp>()
        .map_err(|_| ApiError::invalid("starts_at", "choose a time from the list"))?;
    let practitioner = appointment.booked.practitioner_id;
    let back = format!("/book/manage/{token}");
    let taken = || {
        result(
            &state,
            StatusCode::CONFLICT,
            "That time has just gone",
            vec!["Someone booked that time a moment ago; your appointment is as it was. Please choose another time.".to_owned()],
            ("Choose another time", back.clone()),
        )
    };
    if !is_free(&state, &service, practitioner, starts_at).await? {
        return Ok(taken().await);
    }
    let now = state.clock.now();
    let reminders = ClientReminders::load(&state, appointment.booked.client_id)
        .await?
        .map(|r| {
            r.confirmed(Confirmation {
                link: format!("{}{back}", state.public_url),
                at: now,
                verb: "Moved",
                fee: None,
            })
        });
    let moved = match state
        .store
        .move_appointment(
            appointment.id,
            appointment.booked.slot.moved_to(starts_at),
            now,
            or_none(&reminders),
        )
        .await
    {
        Ok(moved) => moved,
        Err(smp_store::StoreError::SlotTaken) => return Ok(taken().await),
        Err(other) => return Err(other.into()),
    };
    state
        .store
        .set_link_expiry(&hash_secret(&token), starts_at)
        .await?;
    audit(
        &state,
        &address,
        "move",
        &moved,
        format!("moved by the client to {starts_at}"),
    )
    .await?;
    Ok(Redirect::to(&back).into_response())
}
