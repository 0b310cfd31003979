//! A client's page: details, screening, courses (and planning one), appointments and
//! payments (and recording one). Health data is shown only to those who may see it, and
//! every showing is audited.

use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::Value;
use smp_store::{Client, Practitioner};
use smp_treatment::Area;

use crate::address::ClientAddress;
use crate::api::courses::{plan_and_book, CourseBody};
use crate::api::payments::{record, PaymentBody, KINDS, METHODS};
use crate::auth::health::{audit_health, require_health_access};
use crate::auth::roles::{allows, Permission};
use crate::extract::parse_id;
use crate::pages::layout::layout;
use crate::pages::merge::{duplicate_lines, DuplicateLine};
use crate::pages::messages::{message_lines, MessageLine};
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::pages::text::{capitalised, money, parse_amount};
use crate::state::AppState;

/// The hairline styles offered.
const HAIRLINES: [&str; 5] = ["conservative", "modern", "edge-up", "widows-peak", "soft"];

/// The latest screening, ready to show.
struct ScreeningLine {
    on: String,
    outcome: String,
    outcome_text: String,
    deferred_until: String,
    findings: Vec<FindingLine>,
}

struct FindingLine {
    message: String,
    rule: String,
    sources: String,
}

/// One option of a list, and whether it is the one chosen.
struct Choice {
    value: &'static str,
    selected: bool,
}

fn choices(values: &[&'static str], chosen: &str) -> Vec<Choice> {
    values
        .iter()
        .map(|&value| Choice {
            value,
            selected: value == chosen,
        })
        .collect()
}

struct CourseLine {
    id: i64,
    label: String,
}

struct AppointmentLine {
    when: String,
    service: String,
    practitioner: String,
    status: &'static str,
}

struct PaymentLine {
    paid_on: String,
    kind: String,
    method: String,
    amount: String,
}

/// The course form as typed.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct CourseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    practitioner: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    hairline: String,
    #[serde(default)]
    sessions: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    time: String,
}

/// The payment form as typed.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct PaymentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    course: String,
}

#[derive(Template)]
#[template(path = "client.html")]
struct ClientPage {
    layout: Layout,
    client: Client,
    practitioner: String,
    health: bool,
    money: bool,
    screening: Option<ScreeningLine>,
    courses: Vec<CourseLine>,
    practitioners: Vec<Practitioner>,
    areas: Vec<Choice>,
    hairlines: Vec<Choice>,
    course_form: CourseForm,
    course_error: String,
    appointments: Vec<AppointmentLine>,
    messages: Vec<MessageLine>,
    payments: Vec<PaymentLine>,
    payment_form: PaymentForm,
    payment_error: String,
    currency: String,
    kinds: Vec<Choice>,
    methods: Vec<Choice>,
    /// Whether the viewer may erase the client (owners).
    may_erase: bool,
    /// Whether the client asked to be erased and waits for an answer.
    erasure_asked: bool,
    /// Other records that look like the same person.
    duplicates: Vec<DuplicateLine>,
    /// Whether the viewer may merge records (owners).
    may_merge: bool,
    /// Said at the top: what was just done.
    notice: String,
}

/// What went wrong with a form on the page, and what was typed.
#[derive(Default)]
struct Typed {
    course: CourseForm,
    course_error: String,
    payment: PaymentForm,
    payment_error: String,
    notice: String,
}

fn outcome_text(outcome: &str) -> &'static str {
    match outcome {
        "eligible" => "eligible",
        "deferred" => "deferred",
        "review" => "needs the practitioner's review",
        "not_a_candidate" => "not a candidate",
        _ => "unknown",
    }
}

fn screening_line(result: &Value, on: String, outcome: &str) -> ScreeningLine {
    let findings = result["findings"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|f| FindingLine {
                    message: f["message"].as_str().unwrap_or_default().to_owned(),
                    rule: f["rule"].as_str().unwrap_or_default().to_owned(),
                    sources: f["sources"]
                        .as_array()
                        .map(|s| {
                            s.iter()
                                .filter_map(Value::as_str)
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                        .unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    ScreeningLine {
        on,
        outcome: outcome.to_owned(),
        outcome_text: outcome_text(outcome).to_owned(),
        deferred_until: result["deferred_until"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        findings,
    }
}

async fn render(
    state: &AppState,
    staff: &PageStaff,
    address: &str,
    client_id: i64,
    typed: Typed,
) -> Result<Response, PageError> {
    staff.require(Permission::SeeClients)?;
    let client = state.store.client(client_id).await?;
    let health = require_health_access(state, &staff.staff, &client)
        .await
        .is_ok();
    let money_allowed = allows(staff.staff.role, Permission::TakePayments);
    let practitioners = state.store.practitioners().await?;
    let name_of = |id: Option<i64>| {
        id.and_then(|id| practitioners.iter().find(|p| p.id == id))
            .map_or_else(|| "not assigned".to_owned(), |p| p.name.clone())
    };
    let zone = state.clinic_zone().await;
    let mut screening = None;
    let mut courses = Vec::new();
    if health {
        if let Some(latest) = state
            .store
            .screenings_of_client(client.id)
            .await?
            .into_iter()
            .next()
        {
            let result: Value =
                serde_json::from_str(&latest.screening.result_json).unwrap_or(Value::Null);
            screening = Some(screening_line(
                &result,
                latest.screening.screened_on.to_string(),
                &latest.screening.verdict,
            ));
            audit_health(
                state,
                &staff.staff,
                address,
                "read",
                "client_screenings",
                client.id,
            )
            .await?;
        }
    }
    if health || money_allowed {
        courses = state
            .store
            .courses_of_client(client.id)
            .await?
            .into_iter()
            .map(|c| CourseLine {
                id: c.id,
                label: format!(
                    "{} · {} sessions · {}",
                    c.course.area,
                    c.course.sessions,
                    money(c.course.quote_total_minor, &c.course.currency)
                ),
            })
            .collect();
    }
    let appointments = state
        .store
        .appointments_of_client(client.id)
        .await?
        .into_iter()
        .map(|a| AppointmentLine {
            when: a
                .booked
                .slot
                .starts_at
                .to_zoned(zone.clone())
                .strftime("%a %-d %b %Y, %H:%M")
                .to_string(),
            service: match a.booked.session_number {
                Some(n) => format!("{} {n}", a.booked.service.replace('_', " ")),
                None => a.booked.service.replace('_', " "),
            },
            practitioner: name_of(Some(a.booked.practitioner_id)),
            status: a.status.name(),
        })
        .collect();
    let payments = if money_allowed {
        state
            .store
            .payments_of_client(client.id)
            .await?
            .into_iter()
            .map(|p| PaymentLine {
                paid_on: p.payment.paid_on.to_string(),
                kind: p.payment.kind.replace('_', " "),
                method: p.payment.method.clone(),
                amount: money(p.payment.amount_minor, &p.payment.currency),
            })
            .collect()
    } else {
        Vec::new()
    };
    let today = state.clinic_today().await;
    let mut course_form = typed.course;
    if course_form.start.is_empty() {
        course_form.start = today.to_string();
        course_form.time = "10:00".to_owned();
        course_form.hairline = "modern".to_owned();
        course_form.practitioner = client
            .fields
            .practitioner_id
            .map(|id| id.to_string())
            .unwrap_or_default();
    }
    let status = if typed.course_error.is_empty() && typed.payment_error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let may_erase = allows(staff.staff.role, Permission::EraseClients);
    let erasure_asked = state.store.erasure_requested_at(client.id).await?.is_some();
    let template = ClientPage {
        may_erase,
        erasure_asked,
        duplicates: duplicate_lines(state, &client, &zone).await?,
        may_merge: allows(staff.staff.role, Permission::MergeClients),
        notice: typed.notice,
        layout: layout(state, staff, &client.fields.name).await,
        practitioner: name_of(client.fields.practitioner_id),
        health,
        money: money_allowed,
        screening,
        courses,
        practitioners,
        areas: choices(
            &Area::ALL.iter().map(|a| a.name()).collect::<Vec<_>>(),
            &course_form.area,
        ),
        hairlines: choices(&HAIRLINES, &course_form.hairline),
        course_form,
        course_error: typed.course_error,
        appointments,
        messages: message_lines(state, client.id, &zone).await?,
        payments,
        payment_form: typed.payment.clone(),
        payment_error: typed.payment_error,
        currency: state.policy().await.price_currency.code().to_owned(),
        kinds: choices(&KINDS, &typed.payment.kind),
        methods: choices(&METHODS, &typed.payment.method),
        client,
    };
    Ok(page(status, &template))
}

/// What the page says it has just done.
#[derive(Debug, Default, Deserialize)]
pub struct Done {
    /// The record just merged into this one.
    #[serde(default)]
    merged: String,
}

/// `GET /clients/{id}`.
pub async fn read(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    let id = parse_id("client", &id)?;
    let typed = Typed {
        notice: match done.merged.parse::<i64>() {
            Ok(gone) => format!("Client {gone}'s record was merged into this one."),
            Err(_) => String::new(),
        },
        ..Typed::default()
    };
    render(&state, &staff, &address, id, typed).await
}

/// `POST /clients/{id}/courses`: plans and books, then shows the course; or the client's
/// page again with the reason and what was typed.
pub async fn plan_course(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Form(form): Form<CourseForm>,
) -> Result<Response, PageError> {
    staff.check_csrf(&form.csrf)?;
    let id = parse_id("client", &id)?;
    let sessions = match form.sessions.trim() {
        "" => Ok(None),
        text => text.parse::<u32>().map(Some).map_err(|_| {
            "Sessions: give a whole number, or leave it empty for the policy's default.".to_owned()
        }),
    };
    let practitioner = form
        .practitioner
        .trim()
        .parse::<i64>()
        .map_err(|_| "Choose a practitioner.".to_owned());
    let outcome = match (sessions, practitioner) {
        (Ok(sessions), Ok(practitioner_id)) => {
            let body = CourseBody {
                client_id: id,
                practitioner_id,
                area: form.area.clone(),
                hairline: Some(form.hairline.clone()),
                sessions,
                start: form.start.clone(),
                time: form.time.clone(),
                events: None,
            };
            plan_and_book(&state, &staff.staff, &body)
                .await
                .map_err(|e| capitalised(&e.to_string()))
        }
        (Err(message), _) | (_, Err(message)) => Err(message),
    };
    match outcome {
        Ok((course, _)) => {
            audit_health(
                &state,
                &staff.staff,
                &address,
                "create",
                "course",
                course.id,
            )
            .await?;
            Ok(Redirect::to(&format!("/courses/{}", course.id)).into_response())
        }
        Err(message) => {
            let typed = Typed {
                course: form,
                course_error: message,
                ..Typed::default()
            };
            render(&state, &staff, &address, id, typed).await
        }
    }
}

/// `POST /clients/{id}/payments`.
pub async fn take_payment(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Form(form): Form<PaymentForm>,
) -> Result<Response, PageError> {
    staff.check_csrf(&form.csrf)?;
    let id = parse_id("client", &id)?;
    let currency = state.policy().await.price_currency;
    let outcome = match (
        parse_amount(&form.amount, currency.decimals())
            .map_err(|reason| format!("Amount: {reason}")),
        course_of(&form.course),
    ) {
        (Ok(amount_minor), Ok(course_id)) => {
            let body = PaymentBody {
                client_id: id,
                course_id,
                kind: form.kind.clone(),
                method: form.method.clone(),
                amount_minor,
                currency: None,
                paid_on: None,
                note: None,
            };
            record(&state, &staff.staff, &body)
                .await
                .map_err(|e| capitalised(&e.to_string()))
        }
        (Err(message), _) | (_, Err(message)) => Err(message),
    };
    match outcome {
        Ok(_) => Ok(Redirect::to(&format!("/clients/{id}#payments")).into_response()),
        Err(message) => {
            let typed = Typed {
                payment: form,
                payment_error: message,
                ..Typed::default()
            };
            render(&state, &staff, &address, id, typed).await
        }
    }
}

fn course_of(text: &str) -> Result<Option<i64>, String> {
    match text.trim() {
        "" => Ok(None),
        t => t
            .parse()
            .map(Some)
            .map_err(|_| "Choose a course from the list.".to_owned()),
    }
}
