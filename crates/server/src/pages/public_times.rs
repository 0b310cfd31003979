//! Free times for clients: a week of a service's free starts over the practitioners'
//! calendars, grouped by the client's own dates and shown in the client's time zone with
//! the clinic's time beside it when the zones differ.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use smp_store::Service;

use crate::api::availability::free_starts;
use crate::error::ApiError;
use crate::state::AppState;

/// Days a week of times shows.
pub const DAYS_SHOWN: i64 = 7;
/// The longest name a time zone field takes.
const ZONE_MAX: usize = 64;

/// One free start a client can choose.
#[derive(Debug, Clone)]
pub struct TimeChoice {
    /// Whose calendar it is free in.
    pub practitioner_id: i64,
    /// The start, as the forms carry it (RFC 3339, UTC).
    pub starts_at: String,
    /// The start in the client's zone, `14:00`.
    pub local: String,
    /// The start in the clinic's zone when that differs, `15:00`; else empty.
    pub clinic: String,
}

/// One day (in the client's zone) and its free starts.
#[derive(Debug, Clone)]
pub struct DayTimes {
    /// `Wed 3 Dec`.
    pub label: String,
    /// Its free starts, earliest first.
    pub times: Vec<TimeChoice>,
}

/// The time zone a client named, by its IANA name.
///
/// # Errors
/// [`ApiError::Invalid`] for `tz` when it is too long or unknown.
pub fn client_zone(text: &str) -> Result<TimeZone, ApiError> {
    let name = text.trim();
    if name.len() > ZONE_MAX {
        return Err(ApiError::invalid(
            "tz",
            format!("is at most {ZONE_MAX} characters"),
        ));
    }
    TimeZone::get(name).map_err(|_| {
        ApiError::invalid(
            "tz",
            format!("{name:?} is not a time zone; write one such as Europe/London"),
        )
    })
}

/// A value made safe inside a link's query: letters, digits and `-._~/` stay, every other
/// byte is percent-encoded (a zone such as `Etc/GMT+5` keeps its `+`).
pub fn query_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The links to the weeks before and after the one from `from` (each empty where there is
/// none): not before `today`, not after `furthest` when given.
pub fn paging(
    from: Date,
    today: Date,
    furthest: Option<Date>,
    href: impl Fn(Date) -> String,
) -> (String, String) {
    let step = DAYS_SHOWN.days();
    let earlier = match from.checked_sub(step) {
        Ok(day) if from > today => href(day.max(today)),
        _ => String::new(),
    };
    let later = match from.checked_add(step) {
        Ok(day) if furthest.is_none_or(|last| day <= last) => href(day),
        _ => String::new(),
    };
    (earlier, later)
}

/// The free starts of `service` in the calendars of `practitioners` for the `DAYS_SHOWN`
/// days from `from` (the client's dates in `zone`); when several practitioners are free at
/// one time, the first of them takes it.
///
/// # Errors
/// The store's.
pub async fn week_of_times(
    state: &AppState,
    service: &Service,
    practitioners: &[i64],
    zone: &TimeZone,
    from: Date,
) -> Result<Vec<DayTimes>, ApiError> {
    let clinic = state.clinic_zone().await;
    let internal = |e: jiff::Error| ApiError::Internal(e.to_string());
    let until = from.checked_add(DAYS_SHOWN.days()).map_err(internal)?;
    // The client's days may start and end on either side of the clinic's.
    let search_from = from.checked_sub(1.day()).map_err(internal)?;
    let mut starts: BTreeMap<Timestamp, i64> = BTreeMap::new();
    for &practitioner in practitioners {
        for slot in free_starts(state, &clinic, practitioner, service, search_from, until).await? {
            starts.entry(slot.starts_at).or_insert(practitioner);
        }
    }
    let same_zone = clinic.iana_name() == zone.iana_name();
    let mut days: Vec<DayTimes> = Vec::new();
    let mut day = from;
    while day < until {
        days.push(DayTimes {
            label: day.strftime("%a %-d %b").to_string(),
            times: Vec::new(),
        });
        day = day.tomorrow().map_err(internal)?;
    }
    for (starts_at, practitioner_id) in starts {
        let local = starts_at.to_zoned(zone.clone());
        let index = (local.date() - from).get_days();
        let Some(slot) = usize::try_from(index).ok().and_then(|i| days.get_mut(i)) else {
            continue;
        };
        slot.times.push(TimeChoice {
            practitioner_id,
            starts_at: starts_at.to_string(),
            local: local.strftime("%H:%M").to_string(),
            clinic: if same_zone {
                String::new()
            } else {
                starts_at
                    .to_zoned(clinic.clone())
                    .strftime("%H:%M")
                    .to_string()
            },
        });
    }
    Ok(days)
}
