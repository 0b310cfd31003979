//! Which reminders the clinic sends and how they are worded (owners): `GET
//! /api/v1/reminders`, `PUT /api/v1/reminders/{key}` and `DELETE /api/v1/reminders/{key}`
//! (back to the standard wording). The checks and the saving are shared with the settings
//! page; every change is in the audit log.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use smp_store::{Refreshed, ReminderWording, Staff, StoredWording};

use crate::address::ClientAddress;
use crate::api::fields::first_problem;
use crate::auth::current::CurrentStaff;
use crate::auth::health::audit;
use crate::auth::roles::Permission;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reminder_catalogue::{catalogue, is_known, CatalogueEntry, SAMPLE_CLIENT};
use crate::reminder_refresh::refresh_everyone;
use crate::reminder_wording::{check_wording, compose, Fill};
use crate::state::AppState;

/// A reminder's switch and wording as sent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordingBody {
    enabled: bool,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    html: String,
}

/// One reminder as the API shows it: when it goes, whether it is sent, the clinic's own
/// wording (empty parts: the standard), and an example in that wording.
#[derive(Debug, Serialize)]
pub struct ReminderView {
    key: String,
    when: String,
    enabled: bool,
    subject: String,
    text: String,
    html: String,
    example: Example,
}

/// An example message for a sample client and session.
#[derive(Debug, Serialize)]
pub struct Example {
    /// Its subject.
    pub subject: String,
    /// Its plain text.
    pub text: String,
    /// Its HTML.
    pub html: String,
}

/// The example of a reminder in a wording.
pub fn example(entry: &CatalogueEntry, wording: Option<&ReminderWording>, clinic: &str) -> Example {
    let appointment = entry.about.strftime("%a %-d %b %Y at %H:%M").to_string();
    let (subject, text, html) = compose(
        wording,
        &Fill {
            name: SAMPLE_CLIENT,
            clinic,
            appointment: &appointment,
            subject: &entry.subject,
            lines: &entry.lines,
        },
    );
    Example {
        subject,
        text,
        html,
    }
}

/// Every reminder of the clinic's policy with its switch and wording, and the clinic's name.
///
/// # Errors
/// The store's.
pub async fn reminders_with_wording(
    state: &AppState,
) -> Result<(Vec<(CatalogueEntry, Option<StoredWording>)>, String), ApiError> {
    let policy = state.policy().await;
    let zone = state.clinic_zone().await;
    let clinic = state
        .store
        .clinic()
        .await?
        .map_or_else(|| "Your SMP clinic".to_owned(), |c| c.name);
    let stored = state.store.reminder_wordings().await?;
    let all = catalogue(&policy, &zone)
        .into_iter()
        .map(|entry| {
            let own = stored.iter().find(|w| w.key == entry.key).cloned();
            (entry, own)
        })
        .collect();
    Ok((all, clinic))
}

fn view(entry: &CatalogueEntry, own: Option<&StoredWording>, clinic: &str) -> ReminderView {
    let wording = own.map_or_else(ReminderWording::standard, |w| w.wording.clone());
    ReminderView {
        key: entry.key.clone(),
        when: entry.when.clone(),
        example: example(entry, Some(&wording), clinic),
        enabled: wording.enabled,
        subject: wording.subject,
        text: wording.text,
        html: wording.html,
    }
}

/// The reminder `key` of the clinic's policy.
///
/// # Errors
/// 404 naming the key when the policy sends no such reminder.
async fn known_key(state: &AppState, key: &str) -> Result<(), ApiError> {
    let policy = state.policy().await;
    let zone = state.clinic_zone().await;
    if is_known(&catalogue(&policy, &zone), key) {
        Ok(())
    } else {
        Err(ApiError::NotFound {
            what: "reminder",
            id: key.to_owned(),
        })
    }
}

/// Keeps a reminder's wording, writes the messages waiting to go afresh in it, and audits
/// it; returns what changed in the outbox.
///
/// # Errors
/// 404 for an unknown key; the store's.
pub async fn save_wording(
    state: &AppState,
    staff: &Staff,
    address: &str,
    key: &str,
    wording: &ReminderWording,
) -> Result<Refreshed, ApiError> {
    known_key(state, key).await?;
    let withdrawn = state
        .store
        .set_reminder_wording(key, wording, state.clock.now())
        .await?;
    let mut refreshed = refresh_everyone(state).await?;
    refreshed.withdrawn += withdrawn;
    let detail = if wording.enabled {
        format!(
            "{key}: sent, own wording of {}; {}",
            own_parts(wording),
            refreshed.describe()
        )
    } else {
        format!("{key}: switched off; {}", refreshed.describe())
    };
    audit(state, staff, address, "change", "reminder", None, detail).await?;
    Ok(refreshed)
}

/// Which parts a wording words itself.
fn own_parts(wording: &ReminderWording) -> String {
    if !wording.has_own_words() {
        return "nothing".to_owned();
    }
    let parts: Vec<&str> = [
        ("subject", &wording.subject),
        ("text", &wording.text),
        ("html", &wording.html),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .map(|(name, _)| name)
    .collect();
    parts.join(", ")
}

/// Puts a reminder back to being sent in the standard wording, writes the messages
/// waiting to go afresh, and audits it; returns what changed in the outbox.
///
/// # Errors
/// 404 for an unknown key; the store's.
pub async fn reset_wording(
    state: &AppState,
    staff: &Staff,
    address: &str,
    key: &str,
) -> Result<Refreshed, ApiError> {
    known_key(state, key).await?;
    state.store.reset_reminder_wording(key).await?;
    let refreshed = refresh_everyone(state).await?;
    let detail = format!("{key}: standard wording, sent; {}", refreshed.describe());
    audit(state, staff, address, "change", "reminder", None, detail).await?;
    Ok(refreshed)
}

/// `GET /api/v1/reminders` (owners).
pub async fn list(
    State(state): State<AppState>,
    staff: CurrentStaff,
) -> Result<Json<Vec<ReminderView>>, ApiError> {
    staff.require(Permission::ManageClinic)?;
    let (all, clinic) = reminders_with_wording(&state).await?;
    Ok(Json(
        all.iter()
            .map(|(entry, own)| view(entry, own.as_ref(), &clinic))
            .collect(),
    ))
}

/// `PUT /api/v1/reminders/{key}` (owners): switches a reminder on or off and words it.
pub async fn set(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(key): Path<String>,
    ApiJson(body): ApiJson<WordingBody>,
) -> Result<Json<ReminderView>, ApiError> {
    staff.require(Permission::ManageClinic)?;
    let wording = check_wording(body.enabled, &body.subject, &body.text, &body.html)
        .map_err(first_problem)?;
    save_wording(&state, &staff.0, &address, &key, &wording).await?;
    let (all, clinic) = reminders_with_wording(&state).await?;
    let (entry, own) = all
        .iter()
        .find(|(entry, _)| entry.key == key)
        .ok_or_else(|| ApiError::NotFound {
            what: "reminder",
            id: key.clone(),
        })?;
    Ok(Json(view(entry, own.as_ref(), &clinic)))
}

/// `DELETE /api/v1/reminders/{key}` (owners): the standard wording again, and sent.
pub async fn reset(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(key): Path<String>,
) -> Result<StatusCode, ApiError> {
    staff.require(Permission::ManageClinic)?;
    reset_wording(&state, &staff.0, &address, &key).await?;
    Ok(StatusCode::NO_CONTENT)
}
