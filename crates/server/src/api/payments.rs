//! `/api/v1/payments`: money taken (recorded, not processed), in minor units of the
//! clinic's currency.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use smp_store::{NewPayment, Payment, Staff};

use crate::api::fields::{optional_date, optional_text};
use crate::auth::current::CurrentStaff;
use crate::auth::roles::{allows, Permission};
use crate::error::ApiError;
use crate::extract::{parse_id, ApiJson};
use crate::state::AppState;

/// The kinds of payment.
pub const KINDS: [&str; 5] = ["consultation", "session", "touch_up", "deposit", "other"];
/// How a payment was made.
pub const METHODS: [&str; 3] = ["cash", "card", "transfer"];

/// A payment as sent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentBody {
    pub(crate) client_id: i64,
    #[serde(default)]
    pub(crate) course_id: Option<i64>,
    pub(crate) kind: String,
    pub(crate) method: String,
    pub(crate) amount_minor: i64,
    #[serde(default)]
    pub(crate) currency: Option<String>,
    #[serde(default)]
    pub(crate) paid_on: Option<String>,
    #[serde(default)]
    pub(crate) note: Option<String>,
}

/// A payment as the API shows it.
#[derive(Debug, Serialize)]
pub struct PaymentView {
    id: i64,
    client_id: i64,
    course_id: Option<i64>,
    kind: String,
    method: String,
    amount_minor: i64,
    currency: String,
    paid_on: String,
    note: String,
}

impl From<Payment> for PaymentView {
    fn from(p: Payment) -> PaymentView {
        let p2 = p.payment;
        PaymentView {
            id: p.id,
            client_id: p2.client_id,
            course_id: p2.course_id,
            kind: p2.kind,
            method: p2.method,
            amount_minor: p2.amount_minor,
            currency: p2.currency,
            paid_on: p2.paid_on.to_string(),
            note: p2.note,
        }
    }
}

fn one_of(field: &str, value: &str, known: &[&str]) -> Result<String, ApiError> {
    let value = value.trim();
    if known.contains(&value) {
        Ok(value.to_owned())
    } else {
        Err(ApiError::invalid(
            field,
            format!("{value:?} is not one of {}", known.join(", ")),
        ))
    }
}

/// Checks a payment and records it.
pub(crate) async fn record(
    state: &AppState,
    staff: &Staff,
    body: &PaymentBody,
) -> Result<Payment, ApiError> {
    if !allows(staff.role, Permission::TakePayments) {
        return Err(ApiError::Forbidden {
            role: staff.role.name(),
            action: Permission::TakePayments.action(),
        });
    }
    let kind = one_of("kind", &body.kind, &KINDS)?;
    let method = one_of("method", &body.method, &METHODS)?;
    if !(1..=1_000_000_000).contains(&body.amount_minor) {
        return Err(ApiError::invalid(
            "amount_minor",
            "must be a positive whole number of minor units (cents, pence)",
        ));
    }
    let clinic_currency = state.policy().await.price_currency.code().to_owned();
    if let Some(currency) = body.currency.as_deref().map(str::trim) {
        if !currency.eq_ignore_ascii_case(&clinic_currency) {
            return Err(ApiError::invalid(
                "currency",
                format!("the clinic takes {clinic_currency}, not {currency:?}"),
            ));
        }
    }
    let today = state.clinic_today().await;
    let paid_on = optional_date("paid_on", body.paid_on.as_deref())?.unwrap_or(today);
    if paid_on > today {
        return Err(ApiError::invalid("paid_on", "is in the future"));
    }
    state.store.client(body.client_id).await.map_err(|_| {
        ApiError::invalid(
            "client_id",
            format!("there is no client {}", body.client_id),
        )
    })?;
    if let Some(course_id) = body.course_id {
        let course = state.store.course(course_id).await.map_err(|_| {
            ApiError::invalid("course_id", format!("there is no course {course_id}"))
        })?;
        if course.course.client_id != body.client_id {
            return Err(ApiError::invalid("course_id", "is another client's course"));
        }
    }
    let new = NewPayment {
        client_id: body.client_id,
        course_id: body.course_id,
        kind,
        method,
        amount_minor: body.amount_minor,
        currency: clinic_currency,
        paid_on,
        note: optional_text("note", body.note.as_deref(), 500)?,
        staff_id: Some(staff.id),
    };
    Ok(state.store.record_payment(&new, state.clock.now()).await?)
}

/// `POST /api/v1/payments`: 201 with the payment.
pub async fn create(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ApiJson(body): ApiJson<PaymentBody>,
) -> Result<(StatusCode, Json<PaymentView>), ApiError> {
    let payment = record(&state, &staff.0, &body).await?;
    Ok((StatusCode::CREATED, Json(payment.into())))
}

/// `GET /api/v1/clients/{id}/payments`.
pub async fn of_client(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Path(id): Path<String>,
) -> Result<Json<Vec<PaymentView>>, ApiError> {
    staff.require(Permission::TakePayments)?;
    let client = state.store.client(parse_id("client", &id)?).await?;
    let all = state.store.payments_of_client(client.id).await?;
    Ok(Json(all.into_iter().map(Into::into).collect()))
}
