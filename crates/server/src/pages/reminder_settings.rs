//! The owner's reminder settings: every reminder the policy sends, switched on or off from
//! the list, and one reminder's page to word it (subject, plain text, HTML) with an
//! example in that wording; problems are shown by their fields, keeping what was typed.

use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use smp_store::{Refreshed, ReminderWording};

use crate::address::ClientAddress;
use crate::api::reminders::{
    example, reminders_with_wording, reset_wording, save_wording, Example,
};
use crate::auth::roles::Permission;
use crate::error::ApiError;
use crate::pages::field_errors::FieldErrors;
use crate::pages::layout::layout;
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::reminder_wording::{check_wording, PLACEHOLDERS, STANDARD_TEXT};
use crate::state::AppState;

/// One reminder on the list.
struct ReminderLine {
    key: String,
    when: String,
    enabled: bool,
    own_wording: bool,
}

#[derive(Template)]
#[template(path = "reminder_settings.html")]
struct ListPage {
    layout: Layout,
    reminders: Vec<ReminderLine>,
    notice: String,
}

#[derive(Template)]
#[template(path = "reminder_wording.html")]
struct WordingPage {
    layout: Layout,
    key: String,
    when: String,
    form: WordingForm,
    errors: FieldErrors,
    standard_subject: String,
    standard_text: &'static str,
    placeholders: &'static [(&'static str, &'static str)],
    example: Example,
}

/// What the list says after a change.
#[derive(Debug, Default, Deserialize)]
pub struct Done {
    #[serde(default)]
    saved: String,
    #[serde(default)]
    added: u64,
    #[serde(default)]
    rewritten: u64,
    #[serde(default)]
    withdrawn: u64,
}

/// The wording form as sent and shown.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct WordingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    enabled: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    html: String,
}

/// The switch on the list.
#[derive(Debug, Default, Deserialize)]
pub struct SwitchForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    enabled: String,
}

/// A form with only its token (reset).
#[derive(Debug, Default, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf: String,
}

/// `GET /settings/reminders` (owners).
pub async fn list(
    State(state): State<AppState>,
    staff: PageStaff,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    staff.require(Permission::ManageClinic)?;
    let (all, _) = reminders_with_wording(&state).await?;
    let reminders = all
        .into_iter()
        .map(|(entry, own)| {
            let wording = own.map(|w| w.wording);
            ReminderLine {
                key: entry.key,
                when: entry.when,
                enabled: wording.as_ref().is_none_or(|w| w.enabled),
                own_wording: wording.is_some_and(|w| w.has_own_words()),
            }
        })
        .collect();
    let changed = Refreshed {
        added: done.added,
        rewritten: done.rewritten,
        withdrawn: done.withdrawn,
    };
    let notice = match done.saved.as_str() {
        "" => String::new(),
        key if changed.is_empty() => format!("Saved {key}."),
        key => format!("Saved {key}; {}.", changed.describe()),
    };
    let template = ListPage {
        layout: layout(&state, &staff, "Reminders").await,
        reminders,
        notice,
    };
    Ok(page(StatusCode::OK, &template))
}

/// `GET /settings/reminders/{key}` (owners).
pub async fn edit(
    State(state): State<AppState>,
    staff: PageStaff,
    Path(key): Path<String>,
) -> Result<Response, PageError> {
    staff.require(Permission::ManageClinic)?;
    render(&state, &staff, &key, None, Vec::new()).await
}

/// The wording page for `key`, with `typed` (or what is stored) in the form.
async fn render(
    state: &AppState,
    staff: &PageStaff,
    key: &str,
    typed: Option<WordingForm>,
    errors: Vec<ApiError>,
) -> Result<Response, PageError> {
    let (all, clinic) = reminders_with_wording(state).await?;
    let Some((entry, own)) = all.into_iter().find(|(entry, _)| entry.key == key) else {
        return Err(PageError(ApiError::NotFound {
            what: "reminder",
            id: key.to_owned(),
        }));
    };
    let stored = own.map_or_else(ReminderWording::standard, |w| w.wording);
    let form = typed.unwrap_or_else(|| WordingForm {
        csrf: String::new(),
        enabled: if stored.enabled { "on" } else { "" }.to_owned(),
        subject: stored.subject.clone(),
        text: stored.text.clone(),
        html: stored.html.clone(),
    });
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let template = WordingPage {
        layout: layout(state, staff, &format!("Reminder {key}")).await,
        key: entry.key.clone(),
        when: entry.when.clone(),
        example: example(&entry, Some(&stored), &clinic),
        standard_subject: entry.subject.clone(),
        standard_text: STANDARD_TEXT,
        placeholders: &PLACEHOLDERS,
        errors: FieldErrors::of(&errors),
        form,
    };
    Ok(page(status, &template))
}

/// `POST /settings/reminders/{key}` (owners): saves the wording, or shows its problems.
pub async fn save(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(key): Path<String>,
    Form(form): Form<WordingForm>,
) -> Result<Response, PageError> {
    staff.require(Permission::ManageClinic)?;
    staff.check_csrf(&form.csrf)?;
    let enabled = !form.enabled.is_empty();
    match check_wording(enabled, &form.subject, &form.text, &form.html) {
        Ok(wording) => {
            let changed = save_wording(&state, &staff.staff, &address, &key, &wording).await?;
            Ok(done(&key, &changed))
        }
        Err(errors) => render(&state, &staff, &key, Some(form), errors).await,
    }
}

/// `POST /settings/reminders/{key}/switch` (owners): switches a reminder on or off, keeping
/// its wording.
pub async fn switch(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(key): Path<String>,
    Form(form): Form<SwitchForm>,
) -> Result<Response, PageError> {
    staff.require(Permission::ManageClinic)?;
    staff.check_csrf(&form.csrf)?;
    let enabled = match form.enabled.as_str() {
        "on" => true,
        "off" => false,
        other => {
            return Err(PageError(ApiError::invalid(
                "enabled",
                format!("{other:?} is neither on nor off"),
            )))
        }
    };
    let current = state
        .store
        .reminder_wordings()
        .await?
        .into_iter()
        .find(|w| w.key == key)
        .map_or_else(ReminderWording::standard, |w| w.wording);
    let wording = ReminderWording { enabled, ..current };
    let changed = save_wording(&state, &staff.staff, &address, &key, &wording).await?;
    Ok(done(&key, &changed))
}

/// `POST /settings/reminders/{key}/reset` (owners): the standard wording again, and sent.
pub async fn reset(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(key): Path<String>,
    Form(form): Form<TokenForm>,
) -> Result<Response, PageError> {
    staff.require(Permission::ManageClinic)?;
    staff.check_csrf(&form.csrf)?;
    let changed = reset_wording(&state, &staff.staff, &address, &key).await?;
    Ok(done(&key, &changed))
}

/// Back to the list, saying what was saved.
fn done(key: &str, changed: &Refreshed) -> Response {
    Redirect::to(&format!(
        "/settings/reminders?saved={key}&added={}&rewritten={}&withdrawn={}",
        changed.added, changed.rewritten, changed.withdrawn
    ))
    .into_response()
}
