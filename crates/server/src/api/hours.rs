//! A practitioner's weekly working hours and days off:
//! `GET`/`PUT /api/v1/practitioners/{id}/hours`, `GET`/`POST
//! /api/v1/practitioners/{id}/days-off` and `DELETE /api/v1/practitioners/{id}/days-off/{day}`;
//! and the checks the hours page shares with them.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use smp_store::{DayOff, HoursRow};

use crate::api::fields::{first_problem, optional_text, required_date, time_of_day};
use crate::auth::current::CurrentStaff;
use crate::auth::roles::Permission;
use crate::error::ApiError;
use crate::extract::{parse_id, ApiJson};
use crate::state::AppState;

/// The weekdays as the API names them, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// How many days off one listing shows.
const DAYS_OFF_LISTED: i64 = 200;

/// One stretch of working time as typed, before it is checked.
#[derive(Debug, Clone)]
pub struct TypedStretch<'a> {
    /// Where it was typed; problems name `{field}.start`, `{field}.end` or `{field}`.
    pub field: String,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: i64,
    /// Start, `HH:MM`.
    pub start: &'a str,
    /// End, `HH:MM` (`24:00` for midnight).
    pub end: &'a str,
}

/// Checks typed stretches: times of day, each end after its start, no two stretches of
/// one day overlapping. Every problem is returned, each naming its field.
///
/// # Errors
/// The problems, when there is any.
pub fn check_stretches(stretches: &[TypedStretch<'_>]) -> Result<Vec<HoursRow>, Vec<ApiError>> {
    let mut rows: Vec<(String, HoursRow)> = Vec::new();
    let mut problems = Vec::new();
    for stretch in stretches {
        let start = minutes_of(&format!("{}.start", stretch.field), stretch.start);
        let end = match stretch.end.trim() {
            "24:00" => Ok(1440),
            other => minutes_of(&format!("{}.end", stretch.field), other),
        };
        match (start, end) {
            (Ok(start), Ok(end)) if end <= start => problems.push(ApiError::invalid(
                format!("{}.end", stretch.field),
                "must be after the start",
            )),
            (Ok(start_minute), Ok(end_minute)) => rows.push((
                stretch.field.clone(),
                HoursRow {
                    weekday: stretch.weekday,
                    start_minute,
                    end_minute,
                },
            )),
            (start, end) => problems.extend(start.err().into_iter().chain(end.err())),
        }
    }
    for (i, (field, a)) in rows.iter().enumerate() {
        let overlaps = rows[..i].iter().any(|(_, b)| {
            a.weekday == b.weekday && a.start_minute < b.end_minute && b.start_minute < a.end_minute
        });
        if overlaps {
            problems.push(ApiError::invalid(
                field.clone(),
                "overlaps another stretch of the same day",
            ));
        }
    }
    if problems.is_empty() {
        Ok(rows.into_iter().map(|(_, row)| row).collect())
    } else {
        Err(problems)
    }
}

fn minutes_of(field: &str, text: &str) -> Result<i64, ApiError> {
    let time = time_of_day(field, text)?;
    Ok(i64::from(time.hour()) * 60 + i64::from(time.minute()))
}

/// `HH:MM` of minutes after midnight (`24:00` for the end of the day).
pub fn clock_text(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Weekly hours as sent and shown.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HoursBody {
    hours: Vec<HoursEntry>,
}

/// One stretch as sent: `{"weekday": "monday", "start": "09:00", "end": "17:30"}`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HoursEntry {
    weekday: String,
    start: String,
    end: String,
}

impl HoursBody {
    fn of(rows: &[HoursRow]) -> HoursBody {
        HoursBody {
            hours: rows
                .iter()
                .map(|row| HoursEntry {
                    weekday: usize::try_from(row.weekday - 1)
                        .ok()
                        .and_then(|i| WEEKDAYS.get(i))
                        .map_or_else(String::new, |d| (*d).to_owned()),
                    start: clock_text(row.start_minute),
                    end: clock_text(row.end_minute),
                })
                .collect(),
        }
    }
}

/// `GET /api/v1/practitioners/{id}/hours`: the weekly hours.
pub async fn hours(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Path(id): Path<String>,
) -> Result<Json<HoursBody>, ApiError> {
    staff.require(Permission::SeeClients)?;
    let id = parse_id("practitioner", &id)?;
    state.store.practitioner(id).await?;
    Ok(Json(HoursBody::of(&state.store.working_hours(id).await?)))
}

/// `PUT /api/v1/practitioners/{id}/hours` (owners): replaces the weekly hours.
pub async fn set_hours(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<HoursBody>,
) -> Result<Json<HoursBody>, ApiError> {
    staff.require(Permission::ManageClinic)?;
    let id = parse_id("practitioner", &id)?;
    state.store.practitioner(id).await?;
    let mut stretches = Vec::new();
    for (i, entry) in body.hours.iter().enumerate() {
        let weekday = WEEKDAYS
            .iter()
            .position(|d| d.eq_ignore_ascii_case(entry.weekday.trim()))
            .ok_or_else(|| {
                ApiError::invalid(
                    format!("hours[{i}].weekday"),
                    format!("{:?} is not a weekday; use monday … sunday", entry.weekday),
                )
            })?;
        stretches.push(TypedStretch {
            field: format!("hours[{i}]"),
            weekday: weekday as i64 + 1,
            start: &entry.start,
            end: &entry.end,
        });
    }
    let rows = check_stretches(&stretches).map_err(first_problem)?;
    state.store.set_working_hours(id, &rows).await?;
    Ok(Json(HoursBody::of(&state.store.working_hours(id).await?)))
}

/// A day off as sent and shown.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DayOffBody {
    day: String,
    #[serde(default)]
    reason: Option<String>,
}

impl From<DayOff> for DayOffBody {
    fn from(day_off: DayOff) -> DayOffBody {
        DayOffBody {
            day: day_off.day.to_string(),
            reason: Some(day_off.reason),
        }
    }
}

/// `GET /api/v1/practitioners/{id}/days-off`: days off from today on.
pub async fn days_off(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Path(id): Path<String>,
) -> Result<Json<Vec<DayOffBody>>, ApiError> {
    staff.require(Permission::SeeClients)?;
    let id = parse_id("practitioner", &id)?;
    state.store.practitioner(id).await?;
    let today = state.clinic_today().await;
    let listed = state
        .store
        .days_off_from(id, today, DAYS_OFF_LISTED)
        .await?;
    Ok(Json(listed.into_iter().map(Into::into).collect()))
}

/// Checks a day off as typed: a date, and a reason of at most 200 characters.
///
/// # Errors
/// The problems, each naming `day` or `reason`.
pub fn check_day_off(day: &str, reason: &str) -> Result<DayOff, Vec<ApiError>> {
    let day = required_date("day", day);
    let reason = optional_text("reason", Some(reason), 200);
    match (day, reason) {
        (Ok(day), Ok(reason)) => Ok(DayOff { day, reason }),
        (day, reason) => Err(day.err().into_iter().chain(reason.err()).collect()),
    }
}

/// `POST /api/v1/practitioners/{id}/days-off` (owners): marks a day off (201; again
/// changes its reason). Appointments already booked on it stay booked.
pub async fn add_day_off(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DayOffBody>,
) -> Result<(StatusCode, Json<DayOffBody>), ApiError> {
    staff.require(Permission::ManageClinic)?;
    let id = parse_id("practitioner", &id)?;
    state.store.practitioner(id).await?;
    let day_off =
        check_day_off(&body.day, body.reason.as_deref().unwrap_or("")).map_err(first_problem)?;
    state
        .store
        .add_day_off(id, day_off.day, &day_off.reason)
        .await?;
    Ok((StatusCode::CREATED, Json(day_off.into())))
}

/// `DELETE /api/v1/practitioners/{id}/days-off/{day}` (owners): the practitioner works that
/// day after all (204; 404 when it was not a day off).
pub async fn remove_day_off(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Path((id, day)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    staff.require(Permission::ManageClinic)?;
    let id = parse_id("practitioner", &id)?;
    state.store.practitioner(id).await?;
    let date = required_date("day", &day)?;
    if state.store.remove_day_off(id, date).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound {
            what: "day off",
            id: day,
        })
    }
}
