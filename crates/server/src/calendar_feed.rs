//! `GET /feeds/{token}.ics`: a practitioner's or a client's appointments as an
//! iCalendar feed, opened by the secret token in its URL (no login: calendar apps cannot
//! log in). Cancelled appointments stay in the feed, marked, so subscribed calendars drop
//! them; each event's `SEQUENCE` is the appointment's revision.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::SignedDuration;
use smp_store::{FeedEntry, FeedOwner, Service};

use crate::auth::token::{fresh_secret, has_secret_shape, hash_secret};
use crate::error::ApiError;
use crate::ical::{Calendar, Event};
use crate::state::AppState;

/// How far back a feed reaches: appointments that ended longer ago are left out.
pub const FEED_HISTORY: SignedDuration = SignedDuration::from_hours(24 * 92);

/// Makes a new feed for `owner` (revoking its earlier one); returns the feed's URL, which
/// is shown once: only the hash of its token is kept.
///
/// # Errors
/// [`ApiError::Internal`] without randomness; the store's.
pub async fn create_feed(state: &AppState, owner: FeedOwner) -> Result<String, ApiError> {
    let token = fresh_secret()?;
    state
        .store
        .create_calendar_feed(owner, &hash_secret(&token), state.clock.now())
        .await?;
    Ok(feed_url(state, &token))
}

/// The URL of the feed with `token`.
pub fn feed_url(state: &AppState, token: &str) -> String {
    format!("{}/feeds/{token}.ics", state.public_url)
}

/// `GET /feeds/{token}.ics`: the feed, or 404 when the token is unknown or revoked
/// (the same answer either way, so nothing can be learnt by guessing).
pub async fn serve(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, ApiError> {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    let owner = if has_secret_shape(token) {
        state.store.calendar_feed_owner(&hash_secret(token)).await?
    } else {
        None
    };
    let Some(owner) = owner else {
        return Ok((
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "No calendar at this address: the link is wrong or was revoked.\n",
        )
            .into_response());
    };
    let now = state.clock.now();
    let entries = state.store.feed_entries(owner, now - FEED_HISTORY).await?;
    let services: HashMap<String, Service> = state
        .store
        .services()
        .await?
        .into_iter()
        .map(|s| (s.code.clone(), s))
        .collect();
    let clinic_name = state
        .store
        .clinic()
        .await?
        .map_or_else(|| "SMP clinic".to_owned(), |c| c.name);
    let clinic_name = clinic_name.as_str();
    let zone = state.clinic_zone().await;
    let zone_name = zone.iana_name().unwrap_or("UTC");
    let name = match owner {
        FeedOwner::Practitioner(id) => {
            let practitioner = state.store.practitioner(id).await?;
            format!("{clinic_name}: {}", practitioner.name)
        }
        FeedOwner::Client(_) => clinic_name.to_owned(),
    };
    let events = entries
        .iter()
        .map(|entry| event(entry, owner, &services, clinic_name))
        .collect();
    let host = uid_host(&state.public_url);
    let ics = Calendar {
        name: &name,
        zone: (zone_name, &zone),
        uid_host: &host,
        events,
    }
    .to_ics();
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        ics,
    )
        .into_response())
}

/// One appointment as an event: for the practitioner, what and whom; for the client, what
/// and where.
fn event(
    entry: &FeedEntry,
    owner: FeedOwner,
    services: &HashMap<String, Service>,
    clinic_name: &str,
) -> Event {
    let a = &entry.appointment;
    let service = services
        .get(&a.booked.service)
        .map_or(a.booked.service.as_str(), |s| s.name.as_str());
    let what = match a.booked.session_number {
        Some(n) => format!("{service} {n}"),
        None => service.to_owned(),
    };
    let summary = match owner {
        FeedOwner::Practitioner(_) => match &entry.client_name {
            Some(client) => format!("{what}: {client}"),
            None => what,
        },
        FeedOwner::Client(_) => format!("{what} at {clinic_name}"),
    };
    Event {
        key: format!("appointment-{}", a.id),
        starts_at: a.booked.slot.starts_at,
        ends_at: a.booked.slot.ends_at,
        created_at: a.created_at,
        updated_at: a.updated_at,
        sequence: a.revision,
        cancelled: a.status == smp_store::AppointmentStatus::Cancelled,
        summary,
        // The calendar's note is the staff's: it stays out of the client's feed.
        description: match owner {
            FeedOwner::Practitioner(_) => a.booked.note.clone(),
            FeedOwner::Client(_) => String::new(),
        },
    }
}

/// The host of the public URL (`clinic.example` of `https://clinic.example:8443/x`), the
/// right-hand side of every `UID`.
fn uid_host(public_url: &str) -> String {
    let rest = public_url
        .split_once("://")
        .map_or(public_url, |(_, rest)| rest);
    let authority = rest.split('/').next().unwrap_or(rest);
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    if host.is_empty() {
        "smp.invalid".to_owned()
    } else {
        host.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::uid_host;

    #[test]
    fn the_uid_host_is_the_public_urls_host_without_scheme_port_or_path() {
        assert_eq!(uid_host("https://ink.example:8443/smp"), "ink.example");
        assert_eq!(uid_host("http://127.0.0.1:3000"), "127.0.0.1");
        assert_eq!(uid_host("http://[::1]:3000"), "[::1]");
        assert_eq!(uid_host(""), "smp.invalid");
    }
}
