//! A practitioner's weekly hours and days off, for owners: up to two stretches a day (a
//! lunch break between them), in the clinic's time zone; days off with their reasons.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use smp_store::{DayOff, FeedOwner, HoursRow, Practitioner};

use crate::api::hours::{check_day_off, check_stretches, clock_text, TypedStretch, WEEKDAYS};
use crate::auth::roles::Permission;
use crate::error::ApiError;
use crate::extract::parse_id;
use crate::pages::field_errors::FieldErrors;
use crate::pages::layout::layout;
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::pages::text::capitalised;
use crate::state::AppState;

/// Stretches a day has on the page.
const STRETCHES_A_DAY: usize = 2;
/// Days off listed.
const DAYS_OFF_SHOWN: i64 = 100;

/// One stretch's inputs: the field name (`monday-1`), what was typed, its problems.
struct StretchRow {
    field: String,
    start: String,
    end: String,
}

/// One weekday's row.
struct DayRow {
    label: String,
    stretches: Vec<StretchRow>,
}

#[derive(Template)]
#[template(path = "hours.html")]
struct HoursPage {
    layout: Layout,
    practitioner: Practitioner,
    zone: String,
    saved: String,
    days: Vec<DayRow>,
    errors: FieldErrors,
    days_off: Vec<DayOff>,
    day_off: DayOffForm,
    day_off_errors: FieldErrors,
    /// When the calendar feed in use was made ("" when there is none).
    feed_made: String,
    /// A feed URL just made, shown this once ("" otherwise).
    feed_url: String,
}

/// A day off as sent.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct DayOffForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    reason: String,
}

/// What was just saved, for the notice after the redirect.
#[derive(Debug, Default, Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    saved: String,
}

fn field(weekday: usize, stretch: usize) -> String {
    format!("{}-{}", WEEKDAYS[weekday], stretch + 1)
}

/// The page's rows: from what was typed, or else from the stored hours.
fn day_rows(typed: Option<&HashMap<String, String>>, stored: &[HoursRow]) -> Vec<DayRow> {
    (0..7)
        .map(|weekday| {
            let of_day: Vec<&HoursRow> = stored
                .iter()
                .filter(|row| row.weekday == weekday as i64 + 1)
                .collect();
            let stretches = (0..STRETCHES_A_DAY)
                .map(|stretch| {
                    let name = field(weekday, stretch);
                    let (start, end) = match typed {
                        Some(form) => (
                            form.get(&format!("{name}.start"))
                                .cloned()
                                .unwrap_or_default(),
                            form.get(&format!("{name}.end"))
                                .cloned()
                                .unwrap_or_default(),
                        ),
                        None => of_day.get(stretch).map_or_else(
                            || (String::new(), String::new()),
                            |row| (clock_text(row.start_minute), clock_text(row.end_minute)),
                        ),
                    };
                    StretchRow {
                        field: name,
                        start,
                        end,
                    }
                })
                .collect();
            DayRow {
                label: capitalised(WEEKDAYS[weekday]),
                stretches,
            }
        })
        .collect()
}

/// What a refused form brings back to the page: the typing and its problems (or a feed
/// URL just made).
#[derive(Default)]
pub(super) struct Typed {
    hours: Option<HashMap<String, String>>,
    errors: FieldErrors,
    day_off: DayOffForm,
    day_off_errors: FieldErrors,
    feed_url: String,
}

impl Typed {
    /// Nothing typed; a feed URL just made, to show once.
    pub(super) fn with_feed_url(feed_url: String) -> Typed {
        Typed {
            feed_url,
            ..Typed::default()
        }
    }
}

pub(super) async fn render(
    state: &AppState,
    staff: &PageStaff,
    practitioner: Practitioner,
    typed: Typed,
    saved: &str,
) -> Result<Response, PageError> {
    let stored = state.store.working_hours(practitioner.id).await?;
    let today = state.clinic_today().await;
    let days_off = state
        .store
        .days_off_from(practitioner.id, today, DAYS_OFF_SHOWN)
        .await?;
    let status = if typed.errors.is_empty() && typed.day_off_errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let zone = state.clinic_zone().await;
    let feed_made = state
        .store
        .calendar_feed_made(FeedOwner::Practitioner(practitioner.id))
        .await?
        .map(|at| {
            at.to_zoned(zone.clone())
                .strftime("%a %-d %b %Y")
                .to_string()
        })
        .unwrap_or_default();
    let template = HoursPage {
        layout: layout(state, staff, &format!("{}: hours", practitioner.name)).await,
        zone: zone.iana_name().unwrap_or("UTC").to_owned(),
        saved: saved.to_owned(),
        days: day_rows(typed.hours.as_ref(), &stored),
        errors: typed.errors,
        days_off,
        day_off: typed.day_off,
        day_off_errors: typed.day_off_errors,
        feed_made,
        feed_url: typed.feed_url,
        practitioner,
    };
    Ok(page(status, &template))
}

pub(super) async fn practitioner_of(
    state: &AppState,
    staff: &PageStaff,
    id: &str,
) -> Result<Practitioner, PageError> {
    staff.require(Permission::ManageClinic)?;
    let id = parse_id("practitioner", id)?;
    Ok(state.store.practitioner(id).await?)
}

/// `GET /practitioners/{id}/hours` (owners).
pub async fn show(
    State(state): State<AppState>,
    staff: PageStaff,
    Path(id): Path<String>,
    Query(query): Query<SavedQuery>,
) -> Result<Response, PageError> {
    let practitioner = practitioner_of(&state, &staff, &id).await?;
    let saved = match query.saved.as_str() {
        "hours" => "The weekly hours are saved. Appointments already booked stay as they are.",
        "day-off" => "The day off is saved. Appointments already booked that day stay booked.",
        "removed" => "The day off is taken back.",
        "feed-revoked" => {
            "The calendar link is revoked: calendars subscribed to it get nothing more."
        }
        _ => "",
    };
    render(&state, &staff, practitioner, Typed::default(), saved).await
}

/// The stretches typed in the form; a stretch with one time typed and the other empty is
/// a problem of its own.
fn typed_stretches(form: &HashMap<String, String>) -> (Vec<TypedStretch<'_>>, Vec<ApiError>) {
    let mut stretches = Vec::new();
    let mut problems = Vec::new();
    for weekday in 0..7 {
        for stretch in 0..STRETCHES_A_DAY {
            let name = field(weekday, stretch);
            let text = |part: &str| form.get(&format!("{name}.{part}")).map_or("", |t| t.trim());
            match (text("start"), text("end")) {
                ("", "") => {}
                ("", _) | (_, "") => {
                    let missing = if text("start").is_empty() {
                        "start"
                    } else {
                        "end"
                    };
                    problems.push(ApiError::invalid(
                        format!("{name}.{missing}"),
                        "give both times, or leave both empty when this is not worked",
                    ));
                }
                (start, end) => stretches.push(TypedStretch {
                    field: name,
                    weekday: weekday as i64 + 1,
                    start,
                    end,
                }),
            }
        }
    }
    (stretches, problems)
}

/// `POST /practitioners/{id}/hours` (owners): replaces the weekly hours.
pub async fn save(
    State(state): State<AppState>,
    staff: PageStaff,
    Path(id): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let practitioner = practitioner_of(&state, &staff, &id).await?;
    staff.check_csrf(form.get("csrf").map_or("", String::as_str))?;
    let (stretches, mut problems) = typed_stretches(&form);
    let checked = check_stretches(&stretches);
    if let (Ok(rows), true) = (&checked, problems.is_empty()) {
        state.store.set_working_hours(practitioner.id, rows).await?;
        let to = format!("/practitioners/{}/hours?saved=hours", practitioner.id);
        return Ok(Redirect::to(&to).into_response());
    }
    if let Err(more) = checked {
        problems.extend(more);
    }
    let typed = Typed {
        errors: FieldErrors::of(&problems),
        hours: Some(form),
        ..Typed::default()
    };
    render(&state, &staff, practitioner, typed, "").await
}

/// `POST /practitioners/{id}/days-off` (owners): marks a day off.
pub async fn add_day_off(
    State(state): State<AppState>,
    staff: PageStaff,
    Path(id): Path<String>,
    Form(form): Form<DayOffForm>,
) -> Result<Response, PageError> {
    let practitioner = practitioner_of(&state, &staff, &id).await?;
    staff.check_csrf(&form.csrf)?;
    match check_day_off(&form.day, &form.reason) {
        Ok(day_off) => {
            state
                .store
                .add_day_off(practitioner.id, day_off.day, &day_off.reason)
                .await?;
            let to = format!("/practitioners/{}/hours?saved=day-off", practitioner.id);
            Ok(Redirect::to(&to).into_response())
        }
        Err(problems) => {
            let typed = Typed {
                day_off: form,
                day_off_errors: FieldErrors::of(&problems),
                ..Typed::default()
            };
            render(&state, &staff, practitioner, typed, "").await
        }
    }
}

/// `POST /practitioners/{id}/days-off/remove` (owners): takes a day off back.
pub async fn remove_day_off(
    State(state): State<AppState>,
    staff: PageStaff,
    Path(id): Path<String>,
    Form(form): Form<DayOffForm>,
) -> Result<Response, PageError> {
    let practitioner = practitioner_of(&state, &staff, &id).await?;
    staff.check_csrf(&form.csrf)?;
    let day = crate::api::fields::required_date("day", &form.day)?;
    if !state.store.remove_day_off(practitioner.id, day).await? {
        return Err(ApiError::NotFound {
            what: "day off",
            id: day.to_string(),
        }
        .into());
    }
    let to = format!("/practitioners/{}/hours?saved=removed", practitioner.id);
    Ok(Redirect::to(&to).into_response())
}
