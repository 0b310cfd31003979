//! What an owner sets for the whole clinic, and the checks the settings pages share with
//! the API: `GET`/`PUT /api/v1/clinic`, `GET /api/v1/services`, `PATCH
//! /api/v1/services/{code}`, `GET`/`PUT /api/v1/policy`, `GET /api/v1/staff` and `PATCH
//! /api/v1/staff/{id}`. Every change is in the audit log.

use axum::extract::{Path, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use smp_store::{ClinicSettings, Service, ServiceChange, Staff};
use smp_treatment::{Currency, Origin, Policy};

use crate::address::ClientAddress;
use crate::api::fields::first_problem;
use crate::api::fields::required_text;
use crate::auth::current::CurrentStaff;
use crate::auth::health::audit;
use crate::auth::roles::Permission;
use crate::error::ApiError;
use crate::extract::{parse_id, ApiJson};
use crate::reminder_refresh::refresh_everyone;
use crate::state::AppState;

/// The longest minimum notice, minutes (14 days).
pub const MAX_NOTICE_MINUTES: i64 = 14 * 24 * 60;
/// The name a policy file has in its messages.
pub const POLICY_FILE: &str = "policy";

/// The clinic's settings as sent and shown.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ClinicBody {
    name: String,
    time_zone: String,
    currency: String,
    min_notice_minutes: i64,
}

/// Checks the clinic's settings as typed; a number that could not be read comes in as
/// its problem. Every problem is returned, each naming its field.
///
/// # Errors
/// The problems, when there is any.
pub fn check_clinic(
    name: &str,
    time_zone: &str,
    currency: &str,
    min_notice_minutes: Result<i64, ApiError>,
) -> Result<(ClinicSettings, i64), Vec<ApiError>> {
    let name = required_text("name", name, 200);
    let zone = time_zone.trim();
    let time_zone = match jiff::tz::TimeZone::get(zone) {
        Ok(_) if !zone.is_empty() => Ok(zone.to_owned()),
        _ => Err(ApiError::invalid(
            "time_zone",
            format!("{zone:?} is not a time zone; use an IANA name such as Europe/London"),
        )),
    };
    let currency = Currency::parse(currency.trim())
        .map(|c| c.code().to_owned())
        .map_err(|e| ApiError::invalid("currency", e.to_string()));
    let notice = min_notice_minutes.and_then(|minutes| {
        if (0..=MAX_NOTICE_MINUTES).contains(&minutes) {
            Ok(minutes)
        } else {
            Err(ApiError::invalid(
                "min_notice_minutes",
                format!("must be between 0 and {MAX_NOTICE_MINUTES} minutes (14 days)"),
            ))
        }
    });
    match (name, time_zone, currency, notice) {
        (Ok(name), Ok(time_zone), Ok(currency), Ok(notice)) => Ok((
            ClinicSettings {
                name,
                time_zone,
                currency,
            },
            notice,
        )),
        (name, zone, currency, notice) => {
            Err([name.err(), zone.err(), currency.err(), notice.err()]
                .into_iter()
                .flatten()
                .collect())
        }
    }
}

/// A service change as typed; numbers that could not be read come in as their problems.
#[derive(Debug)]
pub struct TypedService<'a> {
    /// Its name.
    pub name: &'a str,
    /// Minutes with the client.
    pub minutes: Result<i64, ApiError>,
    /// Minutes taken before.
    pub buffer_before: Result<i64, ApiError>,
    /// Minutes taken after.
    pub buffer_after: Result<i64, ApiError>,
    /// Price, minor units.
    pub price_minor: Result<i64, ApiError>,
}

/// How long a service of `kind` may take, minutes: a consultation 15 min-2 h, a session
/// 1-6 h (2-5 h is usual, by area), a touch-up 30 min-4 h.
pub fn minutes_allowed(kind: &str) -> (i64, i64) {
    match kind {
        "consultation" => (15, 120),
        "session" => (60, 360),
        _ => (30, 240),
    }
}

/// Checks a change of `service`. Every problem is returned, each naming its field.
///
/// # Errors
/// The problems, when there is any.
pub fn check_service(
    service: &Service,
    typed: TypedService<'_>,
) -> Result<ServiceChange, Vec<ApiError>> {
    let in_range = |field: &'static str, value: Result<i64, ApiError>, low: i64, high: i64| {
        value.and_then(|v| {
            if (low..=high).contains(&v) {
                Ok(v)
            } else {
                Err(ApiError::invalid(
                    field,
                    format!("must be between {low} and {high}"),
                ))
            }
        })
    };
    let (low, high) = minutes_allowed(&service.kind);
    let name = required_text("name", typed.name, 100);
    let minutes = in_range("minutes", typed.minutes, low, high);
    let before = in_range("buffer_before", typed.buffer_before, 0, 240);
    let after = in_range("buffer_after", typed.buffer_after, 0, 240);
    let price = in_range("price_minor", typed.price_minor, 0, 100_000_000);
    match (name, minutes, before, after, price) {
        (Ok(name), Ok(minutes), Ok(buffer_before), Ok(buffer_after), Ok(price_minor)) => {
            Ok(ServiceChange {
                name,
                minutes,
                buffer_before,
                buffer_after,
                price_minor,
            })
        }
        (name, minutes, before, after, price) => Err([
            name.err(),
            minutes.err(),
            before.err(),
            after.err(),
            price.err(),
        ]
        .into_iter()
        .flatten()
        .collect()),
    }
}

/// Checks a clinic's policy file against the rules and the clinic's currency.
///
/// # Errors
/// A problem on `toml` listing every line at fault (`policy:2: gap.min_days: …`).
pub fn check_policy(text: &str, clinic_currency: &str) -> Result<Policy, ApiError> {
    let policy = Policy::from_toml(POLICY_FILE, text)
        .map_err(|e| ApiError::invalid("toml", e.to_string()))?;
    if let Origin::ClinicFile { line, .. } = policy.origin("price.currency") {
        if policy.price_currency.code() != clinic_currency {
            return Err(ApiError::invalid(
                "toml",
                format!(
                    "{POLICY_FILE}:{line}: price.currency: prices are in the clinic's currency, \
                     {clinic_currency}; change the currency in the clinic's settings instead"
                ),
            ));
        }
    }
    Ok(policy)
}

async fn clinic_body(state: &AppState) -> Result<ClinicBody, ApiError> {
    let clinic = state
        .store
        .clinic()
        .await?
        .unwrap_or_else(|| ClinicSettings {
            name: String::new(),
            time_zone: "UTC".to_owned(),
            currency: "USD".to_owned(),
        });
    Ok(ClinicBody {
        name: clinic.name,
        time_zone: clinic.time_zone,
        currency: clinic.currency,
        min_notice_minutes: state.store.min_notice_minutes().await?,
    })
}

/// `GET /api/v1/clinic`: the clinic's settings.
pub async fn clinic(
    State(state): State<AppState>,
    staff: CurrentStaff,
) -> Result<Json<ClinicBody>, ApiError> {
    staff.require(Permission::SeeClients)?;
    Ok(Json(clinic_body(&state).await?))
}

/// Keeps checked clinic settings and audits the change.
///
/// # Errors
/// The store's.
pub async fn save_clinic(
    state: &AppState,
    staff: &Staff,
    address: &str,
    settings: &ClinicSettings,
    notice: i64,
) -> Result<(), ApiError> {
    state.store.set_clinic(settings).await?;
    state.store.set_min_notice_minutes(notice).await?;
    // The clinic's name signs the messages and its zone dates them.
    let refreshed = refresh_everyone(state).await?;
    let detail = format!(
        "name {:?}, time zone {}, currency {}, minimum notice {notice} min; {}",
        settings.name,
        settings.time_zone,
        settings.currency,
        refreshed.describe()
    );
    audit(state, staff, address, "change", "clinic", None, detail).await
}

/// `PUT /api/v1/clinic` (owners): name, time zone, currency and minimum notice.
pub async fn set_clinic(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    ApiJson(body): ApiJson<ClinicBody>,
) -> Result<Json<ClinicBody>, ApiError> {
    staff.require(Permission::ManageClinic)?;
    let (settings, notice) = check_clinic(
        &body.name,
        &body.time_zone,
        &body.currency,
        Ok(body.min_notice_minutes),
    )
    .map_err(first_problem)?;
    save_clinic(&state, &staff.0, &address, &settings, notice).await?;
    Ok(Json(clinic_body(&state).await?))
}

/// A service as shown.
#[derive(Debug, Serialize)]
pub struct ServiceView {
    code: String,
    name: String,
    kind: String,
    mode: String,
    minutes: i64,
    buffer_before: i64,
    buffer_after: i64,
    price_minor: i64,
    currency: String,
}

impl From<Service> for ServiceView {
    fn from(s: Service) -> ServiceView {
        ServiceView {
            code: s.code,
            name: s.name,
            kind: s.kind,
            mode: s.mode,
            minutes: s.minutes,
            buffer_before: s.buffer_before,
            buffer_after: s.buffer_after,
            price_minor: s.price_minor,
            currency: s.currency,
        }
    }
}

/// `GET /api/v1/services`: what can be booked.
pub async fn services(
    State(state): State<AppState>,
    staff: CurrentStaff,
) -> Result<Json<Vec<ServiceView>>, ApiError> {
    staff.require(Permission::SeeClients)?;
    let all = state.store.services().await?;
    Ok(Json(all.into_iter().map(Into::into).collect()))
}

/// A service change as sent: any of its fields.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServicePatch {
    name: Option<String>,
    minutes: Option<i64>,
    buffer_before: Option<i64>,
    buffer_after: Option<i64>,
    price_minor: Option<i64>,
}

/// Keeps a checked service change and audits it.
///
/// # Errors
/// The store's.
pub async fn save_service(
    state: &AppState,
    staff: &Staff,
    address: &str,
    code: &str,
    change: &ServiceChange,
) -> Result<Service, ApiError> {
    let saved = state.store.update_service(code, change).await?;
    let detail = format!(
        "{code}: {:?}, {} min, buffers {}/{} min, price {} minor units",
        change.name, change.minutes, change.buffer_before, change.buffer_after, change.price_minor
    );
    audit(state, staff, address, "change", "service", None, detail).await?;
    Ok(saved)
}

/// `PATCH /api/v1/services/{code}` (owners): name, minutes, buffers, price.
pub async fn change_service(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(code): Path<String>,
    ApiJson(patch): ApiJson<ServicePatch>,
) -> Result<Json<ServiceView>, ApiError> {
    staff.require(Permission::ManageClinic)?;
    let service = state
        .store
        .service(&code)
        .await?
        .ok_or_else(|| ApiError::NotFound {
            what: "service",
            id: code.clone(),
        })?;
    let typed = TypedService {
        name: patch.name.as_deref().unwrap_or(&service.name),
        minutes: Ok(patch.minutes.unwrap_or(service.minutes)),
        buffer_before: Ok(patch.buffer_before.unwrap_or(service.buffer_before)),
        buffer_after: Ok(patch.buffer_after.unwrap_or(service.buffer_after)),
        price_minor: Ok(patch.price_minor.unwrap_or(service.price_minor)),
    };
    let change = check_service(&service, typed).map_err(first_problem)?;
    let saved = save_service(&state, &staff.0, &address, &code, &change).await?;
    Ok(Json(saved.into()))
}

/// The clinic's policy file as sent and shown.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyBody {
    toml: String,
}

/// `GET /api/v1/policy` (owners): the clinic's own policy file (empty: the defaults).
pub async fn policy(
    State(state): State<AppState>,
    staff: CurrentStaff,
) -> Result<Json<PolicyBody>, ApiError> {
    staff.require(Permission::ManageClinic)?;
    Ok(Json(PolicyBody {
        toml: state.store.policy_file().await?,
    }))
}

/// Checks and keeps a policy file, and audits the change.
///
/// # Errors
/// 422 on `toml` naming every line at fault; 422 on `currency` before the clinic's settings
/// exist; the store's.
pub async fn save_policy(
    state: &AppState,
    staff: &Staff,
    address: &str,
    text: &str,
) -> Result<(), ApiError> {
    let clinic = state.store.clinic().await?.ok_or_else(|| {
        ApiError::invalid("currency", "set the clinic's settings before its policy")
    })?;
    check_policy(text, &clinic.currency)?;
    state.store.set_policy_file(text).await?;
    let refreshed = refresh_everyone(state).await?;
    let detail = format!("{} lines; {}", text.lines().count(), refreshed.describe());
    audit(state, staff, address, "change", "policy", None, detail).await
}

/// `PUT /api/v1/policy` (owners): replaces the clinic's policy file.
pub async fn set_policy(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    ApiJson(body): ApiJson<PolicyBody>,
) -> Result<Json<PolicyBody>, ApiError> {
    staff.require(Permission::ManageClinic)?;
    save_policy(&state, &staff.0, &address, &body.toml).await?;
    Ok(Json(body))
}

/// A staff account as shown (never its password hash).
#[derive(Debug, Serialize)]
pub struct StaffView {
    id: i64,
    email: String,
    name: String,
    role: &'static str,
    active: bool,
}

impl From<Staff> for StaffView {
    fn from(s: Staff) -> StaffView {
        StaffView {
            id: s.id,
            email: s.email,
            name: s.name,
            role: s.role.name(),
            active: s.deactivated_at.is_none(),
        }
    }
}

/// `GET /api/v1/staff` (owners): every account.
pub async fn staff(
    State(state): State<AppState>,
    staff: CurrentStaff,
) -> Result<Json<Vec<StaffView>>, ApiError> {
    staff.require(Permission::ManageClinic)?;
    let all = state.store.all_staff().await?;
    Ok(Json(all.into_iter().map(Into::into).collect()))
}

/// A switch of an account as sent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffPatch {
    active: bool,
}

/// Switches an account off or on, and audits it. Nobody switches off their own account.
///
/// # Errors
/// 422 on `active` for one's own account or the last owner; 404 for an unknown account.
pub async fn switch_staff(
    state: &AppState,
    by: &Staff,
    address: &str,
    id: i64,
    active: bool,
) -> Result<Staff, ApiError> {
    if id == by.id && !active {
        return Err(ApiError::invalid(
            "active",
            "you cannot switch off your own account; ask another owner",
        ));
    }
    let changed = state
        .store
        .set_staff_active(id, active, state.clock.now())
        .await?;
    let action = if active { "switch-on" } else { "switch-off" };
    audit(
        state,
        by,
        address,
        action,
        "staff",
        Some(changed.id),
        changed.email.clone(),
    )
    .await?;
    Ok(changed)
}

/// `PATCH /api/v1/staff/{id}` (owners): `{"active": false}` switches an account off (its
/// logins end at once, its tokens stop working), `true` on again.
pub async fn change_staff(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    ApiJson(patch): ApiJson<StaffPatch>,
) -> Result<Json<StaffView>, ApiError> {
    staff.require(Permission::ManageClinic)?;
    let id = parse_id("staff member", &id)?;
    let changed = switch_staff(&state, &staff.0, &address, id, patch.active).await?;
    Ok(Json(changed.into()))
}
