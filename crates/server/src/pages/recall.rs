//! Touch-up recall for owners: clients whose course is behind them and who are due or
//! overdue for a touch-up by the policy (first at `recall.first_years` after the last
//! session, then every `recall.repeat_years`), or coming up within [`AHEAD_DAYS`], each with
//! the design engine's fading estimate for the sun their scalp gets (for low, medium and
//! high sun when the clinic has not recorded it).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use jiff::ToSpan;
use smp_design::{remaining_density, touch_up_due_years, Uv};
use smp_store::SunExposure;

use crate::auth::roles::Permission;
use crate::pages::layout::layout;
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::state::AppState;

/// How far ahead the page looks for recalls coming up, in days.
pub const AHEAD_DAYS: i64 = 90;

/// Days in a year, for the fading model's years.
const DAYS_PER_YEAR: f32 = 365.25;

/// One client on the list.
struct RecallLine {
    client_id: i64,
    name: String,
    email: String,
    last_session: String,
    recall_on: String,
    status: &'static str,
    /// The client's sun exposure, or `None` when not recorded.
    sun: Option<&'static str>,
    /// The fading estimate for the client's sun, or for each level when not recorded.
    estimates: Vec<Estimate>,
}

/// The fading model's estimate for one sun exposure.
struct Estimate {
    /// `low`, `medium` or `high`.
    sun: &'static str,
    /// Density left today, as a percentage.
    remaining: String,
    /// When fading makes a touch-up due (month and year).
    due: String,
}

/// The engine's exposure for a client's.
fn uv_of(sun: SunExposure) -> Uv {
    match sun {
        SunExposure::Low => Uv::Low,
        SunExposure::Medium => Uv::Medium,
        SunExposure::High => Uv::High,
    }
}

/// The estimates for a client whose last session was on `last`, `years` ago.
fn estimates(sun: Option<SunExposure>, last: Date, years: f32) -> Vec<Estimate> {
    let levels = match sun {
        Some(sun) => vec![sun],
        None => SunExposure::ALL.to_vec(),
    };
    levels
        .into_iter()
        .map(|sun| {
            let uv = uv_of(sun);
            let days = (touch_up_due_years(uv) * DAYS_PER_YEAR).round() as i64;
            Estimate {
                sun: sun.as_str(),
                remaining: format!("{:.0} %", 100.0 * remaining_density(years, uv)),
                due: last
                    .checked_add(days.days())
                    .map_or_else(|_| "–".to_owned(), |d| d.strftime("%b %Y").to_string()),
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "recall.html")]
struct RecallPage {
    layout: Layout,
    first_years: u32,
    repeat_years: u32,
    /// Overdue first, then due, then coming; longest ago first within each.
    lines: Vec<RecallLine>,
    ahead_days: i64,
}

/// Where a client stands: `overdue` once a repeat interval (or a year) has passed since the
/// first recall date, `due` from that date, `coming` within [`AHEAD_DAYS`] of it.
fn standing(today: Date, recall_on: Date, repeat_years: u32) -> Option<&'static str> {
    let overdue_from = recall_on
        .checked_add(i64::from(repeat_years.max(1)).years())
        .unwrap_or(Date::MAX);
    if today >= overdue_from {
        Some("overdue")
    } else if today >= recall_on {
        Some("due")
    } else if today
        >= recall_on
            .checked_sub(AHEAD_DAYS.days())
            .unwrap_or(Date::MIN)
    {
        Some("coming")
    } else {
        None
    }
}

/// `GET /recall` (owners).
pub async fn list(State(state): State<AppState>, staff: PageStaff) -> Result<Response, PageError> {
    staff.require(Permission::Recall)?;
    let policy = state.policy().await;
    let zone = state.clinic_zone().await;
    let today = state.clinic_today().await;
    let mut lines = Vec::new();
    for candidate in state.store.recall_candidates(state.clock.now()).await? {
        let last = candidate.last_session.to_zoned(zone.clone()).date();
        let recall_on = last
            .checked_add(i64::from(policy.recall_first_years).years())
            .unwrap_or(Date::MAX);
        let Some(status) = standing(today, recall_on, policy.recall_repeat_years) else {
            continue;
        };
        let years = (today - last).get_days() as f32 / DAYS_PER_YEAR;
        let line = RecallLine {
            client_id: candidate.client_id,
            name: candidate.name,
            email: candidate.email,
            last_session: last.strftime("%a %-d %b %Y").to_string(),
            recall_on: recall_on.strftime("%-d %b %Y").to_string(),
            status,
            sun: candidate.sun_exposure.map(SunExposure::as_str),
            estimates: estimates(candidate.sun_exposure, last, years),
        };
        lines.push(line);
    }
    let rank = |status: &str| {
        ["overdue", "due", "coming"]
            .iter()
            .position(|s| *s == status)
    };
    lines.sort_by_key(|line| rank(line.status));
    let template = RecallPage {
        layout: layout(&state, &staff, "Touch-up recall").await,
        first_years: policy.recall_first_years,
        repeat_years: policy.recall_repeat_years,
        lines,
        ahead_days: AHEAD_DAYS,
    };
    Ok(page(StatusCode::OK, &template))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_client_is_coming_then_due_then_overdue() {
        let recall_on = date(2030, 12, 9);
        assert_eq!(standing(date(2030, 8, 1), recall_on, 1), None);
        assert_eq!(standing(date(2030, 9, 10), recall_on, 1), Some("coming"));
        assert_eq!(standing(date(2030, 12, 9), recall_on, 1), Some("due"));
        assert_eq!(standing(date(2031, 12, 8), recall_on, 1), Some("due"));
        assert_eq!(standing(date(2031, 12, 9), recall_on, 1), Some("overdue"));
        assert_eq!(standing(date(2032, 12, 8), recall_on, 2), Some("due"));
    }
}
