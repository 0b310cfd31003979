//! `GET /api/v1/availability`: free times from working hours, days off and bookings.

use axum::extract::{Query, State};
use axum::Json;
use jiff::civil::{Date, Time, Weekday};
use jiff::{SignedDuration, Timestamp, ToSpan};
use serde::{Deserialize, Serialize};
use smp_store::HoursRow;
use smp_treatment::{free_slots, Busy, SlotRequest, WorkingHours};

use crate::api::fields::required_date;
use crate::auth::current::CurrentStaff;
use crate::auth::roles::Permission;
use crate::error::ApiError;
use crate::state::AppState;

/// The longest range one availability search covers, days.
const MAX_DAYS: i64 = 62;
/// Free times are offered every this many minutes.
const STEP_MINUTES: i64 = 15;

/// The search.
#[derive(Debug, Deserialize)]
pub struct AvailabilityQuery {
    #[serde(default)]
    practitioner_id: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// One free time.
#[derive(Debug, Serialize)]
pub struct SlotView {
    starts_at: Timestamp,
    ends_at: Timestamp,
    /// The start in the clinic's zone, for people.
    local: String,
}

/// The answer.
#[derive(Debug, Serialize)]
pub struct AvailabilityView {
    practitioner_id: i64,
    service: String,
    time_zone: String,
    slots: Vec<SlotView>,
}

/// `GET /api/v1/availability?practitioner_id=&service=&from=&to=`: free starts between two
/// local dates (both included) in the clinic's zone.
pub async fn availability(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Query(query): Query<AvailabilityQuery>,
) -> Result<Json<AvailabilityView>, ApiError> {
    staff.require(Permission::Book)?;
    let practitioner_id = query
        .practitioner_id
        .trim()
        .parse::<i64>()
        .map_err(|_| ApiError::invalid("practitioner_id", "give the practitioner's id"))?;
    let from = required_date("from", &query.from)?;
    let to = required_date("to", &query.to)?;
    if to < from {
        return Err(ApiError::invalid("to", "is before from"));
    }
    if (to - from).get_days() > MAX_DAYS as i32 {
        return Err(ApiError::invalid(
            "to",
            format!("search at most {MAX_DAYS} days at a time"),
        ));
    }
    state
        .store
        .practitioner(practitioner_id)
        .await
        .map_err(|_| {
            ApiError::invalid(
                "practitioner_id",
                format!("there is no practitioner {practitioner_id}"),
            )
        })?;
    let service = crate::api::appointments::service(&state, &query.service).await?;
    let zone = state.clinic_zone().await;
    let slots = free_starts(&state, &zone, practitioner_id, &service, from, to)
        .await?
        .into_iter()
        .map(|slot| SlotView {
            starts_at: slot.starts_at,
            ends_at: slot.ends_at,
            local: slot
                .starts_at
                .to_zoned(zone.clone())
                .strftime("%Y-%m-%dT%H:%M%:z")
                .to_string(),
        })
        .collect();
    Ok(Json(AvailabilityView {
        practitioner_id,
        service: service.code,
        time_zone: zone.iana_name().unwrap_or("UTC").to_owned(),
        slots,
    }))
}

/// The free starts of a practitioner for a service from day `from` to day `to` (local
/// dates, both included): working hours, days off, bookings with buffers, minimum notice.
///
/// # Errors
/// [`ApiError::Internal`] when a date leaves the calendar; store failures.
pub(crate) async fn free_starts(
    state: &AppState,
    zone: &jiff::tz::TimeZone,
    practitioner_id: i64,
    service: &smp_store::Service,
    from: Date,
    to: Date,
) -> Result<Vec<smp_treatment::FreeSlot>, ApiError> {
    let hours = state
        .store
        .working_hours(practitioner_id)
        .await?
        .iter()
        .filter_map(working_hours)
        .collect::<Vec<_>>();
    let days_off = state.store.days_off(practitioner_id, from, to).await?;
    let internal = |e: jiff::Error| ApiError::Internal(e.to_string());
    let window_start = from
        .checked_sub(1.day())
        .map_err(internal)?
        .to_zoned(zone.clone())
        .map_err(internal)?;
    let window_end = to
        .checked_add(2.days())
        .map_err(internal)?
        .to_zoned(zone.clone())
        .map_err(internal)?;
    let busy: Vec<Busy> = state
        .store
        .booked_between(
            practitioner_id,
            window_start.timestamp(),
            window_end.timestamp(),
        )
        .await?
        .into_iter()
        .map(|a| Busy {
            from: a.booked.slot.busy_from,
            until: a.booked.slot.busy_until,
        })
        .collect();
    let notice = SignedDuration::from_mins(state.store.min_notice_minutes().await?);
    let request = SlotRequest {
        minutes: service.minutes,
        buffer_before: service.buffer_before,
        buffer_after: service.buffer_after,
        step_minutes: STEP_MINUTES,
        earliest: state.clock.now() + notice,
    };
    Ok(free_slots(
        zone, from, to, &hours, &days_off, &busy, &request,
    ))
}

fn working_hours(row: &HoursRow) -> Option<WorkingHours> {
    let weekday = Weekday::from_monday_one_offset(i8::try_from(row.weekday).ok()?).ok()?;
    Some(WorkingHours {
        weekday,
        start: minute_time(row.start_minute)?,
        end: minute_time(row.end_minute)?,
    })
}

/// A time of day from minutes after midnight (1440 is the last instant of the day).
fn minute_time(minutes: i64) -> Option<Time> {
    if minutes >= 1440 {
        return Some(Time::MAX);
    }
    Time::new(
        i8::try_from(minutes / 60).ok()?,
        i8::try_from(minutes % 60).ok()?,
        0,
        0,
    )
    .ok()
}
