//! A course's page: the design preview after each session and years later, the sessions
//! (moved here, re-validated by the rules, with a written override), the quote, payments
//! and balance; the printable invoice; and the preview pictures themselves.

use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::{Date, Time};
use serde::Deserialize;
use serde_json::Value;
use smp_design::{
    encode_png, render, Design, DesignParams, HairlineStyle, LossPattern, Moment, Stage, View,
};
use smp_store::StoredCourse;

use crate::address::ClientAddress;
use crate::api::appointments::move_checked;
use crate::auth::health::{audit_health, require_health_access};
use crate::error::{ApiError, BrokenRule};
use crate::extract::parse_id;
use crate::pages::layout::layout;
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::pages::text::money;
use crate::state::AppState;

/// The preview pictures' size, pixels.
const PREVIEW_PX: u32 = 360;

struct SessionLine {
    id: i64,
    number: i64,
    when: String,
    date: String,
    time: String,
    purpose: String,
    recorded: bool,
}

struct Preview {
    src: String,
    caption: String,
}

/// A line of a quote, for people.
pub(crate) struct AmountLine {
    pub(crate) label: String,
    pub(crate) amount: String,
}

/// A payment, for people.
pub(crate) struct PaidLine {
    pub(crate) paid_on: String,
    pub(crate) method: String,
    pub(crate) amount: String,
}

#[derive(Template)]
#[template(path = "course.html")]
struct CoursePage {
    layout: Layout,
    id: i64,
    title: String,
    client_id: i64,
    client_name: String,
    practitioner: String,
    status: String,
    has_preview: bool,
    previews: Vec<Preview>,
    sessions: Vec<SessionLine>,
    notice: String,
    broken: Vec<BrokenRule>,
    moving: i64,
    move_form: MoveForm,
    quote: Vec<AmountLine>,
    total: String,
    payments: Vec<PaidLine>,
    balance: String,
}

#[derive(Template)]
#[template(path = "invoice.html")]
struct InvoicePage {
    back: String,
    back_label: &'static str,
    clinic: String,
    number: String,
    issued: String,
    client: String,
    client_email: String,
    area: String,
    sessions: i64,
    lines: Vec<AmountLine>,
    total: String,
    payments: Vec<PaidLine>,
    balance: String,
    currency: String,
}

/// The move form as typed.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    override_reason: String,
}

/// A course the staff member may see, with its client.
async fn course_for(
    state: &AppState,
    staff: &PageStaff,
    id: i64,
) -> Result<(StoredCourse, smp_store::Client), PageError> {
    let course = state.store.course(id).await?;
    let client = state.store.client(course.course.client_id).await?;
    require_health_access(state, &staff.staff, &client).await?;
    Ok((course, client))
}

/// The quote's lines and total, and the payments and balance, for people.
pub(crate) async fn money_lines(
    state: &AppState,
    course: &StoredCourse,
) -> Result<(Vec<AmountLine>, String, Vec<PaidLine>, String), PageError> {
    let plan: Value = serde_json::from_str(&course.course.plan_json).unwrap_or(Value::Null);
    let currency = course.course.currency.as_str();
    let lines = plan["quote"]["lines"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|l| AmountLine {
                    label: l["label"].as_str().unwrap_or_default().to_owned(),
                    amount: money(l["amount"]["minor"].as_i64().unwrap_or(0), currency),
                })
                .collect()
        })
        .unwrap_or_default();
    let payments = state.store.payments_of_course(course.id).await?;
    let paid: i64 = payments.iter().map(|p| p.payment.amount_minor).sum();
    let paid_lines = payments
        .iter()
        .map(|p| PaidLine {
            paid_on: p.payment.paid_on.to_string(),
            method: p.payment.method.clone(),
            amount: money(p.payment.amount_minor, &p.payment.currency),
        })
        .collect();
    let total = course.course.quote_total_minor;
    Ok((
        lines,
        money(total, currency),
        paid_lines,
        money(total - paid, currency),
    ))
}

/// What session `number` of a course's stored plan is for, in words ("" when unknown).
pub(crate) fn session_purpose(plan: &Value, number: i64) -> String {
    plan["course"]["sessions"]
        .as_array()
        .and_then(|all| all.iter().find(|s| s["number"].as_i64() == Some(number)))
        .and_then(|s| s["purpose"].as_str())
        .unwrap_or_default()
        .replace('_', " ")
}

/// A session move that did not happen: which, what was typed, and why.
#[derive(Default)]
struct Refused {
    moving: i64,
    form: MoveForm,
    notice: String,
    broken: Vec<BrokenRule>,
}

async fn render_course(
    state: &AppState,
    staff: &PageStaff,
    address: &str,
    id: i64,
    refused: Refused,
) -> Result<Response, PageError> {
    let Refused {
        moving,
        form: move_form,
        notice,
        broken,
    } = refused;
    let (course, client) = course_for(state, staff, id).await?;
    audit_health(state, &staff.staff, address, "read", "course", course.id).await?;
    let plan: Value = serde_json::from_str(&course.course.plan_json).unwrap_or(Value::Null);
    let zone = state.clinic_zone().await;
    let mut sessions = Vec::new();
    for a in state.store.sessions_of_course(course.id).await? {
        let local = a.booked.slot.starts_at.to_zoned(zone.clone());
        let number = a.booked.session_number.unwrap_or(0);
        let purpose = session_purpose(&plan, number);
        sessions.push(SessionLine {
            id: a.id,
            number,
            when: format!(
                "{}–{}",
                local.strftime("%a %-d %b %Y, %H:%M"),
                a.booked
                    .slot
                    .ends_at
                    .to_zoned(zone.clone())
                    .strftime("%H:%M")
            ),
            date: local.date().to_string(),
            time: local.strftime("%H:%M").to_string(),
            purpose,
            recorded: state.store.session_record(a.id).await?.is_some(),
        });
    }
    let has_preview = LossPattern::parse(&course.course.area).is_ok();
    let total_sessions = course.course.sessions.clamp(1, 4);
    let mut previews: Vec<Preview> = (1..=total_sessions)
        .map(|k| Preview {
            src: format!("/courses/{}/preview.png?after={k}", course.id),
            caption: format!("After session {k}, healed"),
        })
        .collect();
    previews.push(Preview {
        src: format!(
            "/courses/{}/preview.png?after={total_sessions}&years=5",
            course.id
        ),
        caption: "Five years later (medium sun)".to_owned(),
    });
    previews.push(Preview {
        src: format!(
            "/courses/{}/preview.png?after={total_sessions}&view=closeup",
            course.id
        ),
        caption: "The hairline, close up".to_owned(),
    });
    let (quote, total, payments, balance) = money_lines(state, &course).await?;
    let practitioner = state
        .store
        .practitioner(course.course.practitioner_id)
        .await
        .map(|p| p.name)
        .unwrap_or_default();
    let title = format!(
        "{} course, {} hairline",
        course.course.area, course.course.hairline
    );
    let status = if notice.is_empty() && broken.is_empty() {
        StatusCode::OK
    } else if broken.is_empty() {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let template = CoursePage {
        layout: layout(state, staff, &title).await,
        id: course.id,
        title,
        client_id: client.id,
        client_name: client.fields.name,
        practitioner,
        status: course.status,
        has_preview,
        previews,
        sessions,
        notice,
        broken,
        moving,
        move_form,
        quote,
        total,
        payments,
        balance,
    };
    Ok(page(status, &template))
}

/// `GET /courses/{id}`.
pub async fn read(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_id("course", &id)?;
    render_course(&state, &staff, &address, id, Refused::default()).await
}

/// `POST /appointments/{id}/move`: moves a course session, or shows the course again with
/// the broken rules (and a reason field to override them) or the clash.
pub async fn move_session(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Form(form): Form<MoveForm>,
) -> Result<Response, PageError> {
    staff.check_csrf(&form.csrf)?;
    let id = parse_id("appointment", &id)?;
    let appointment = state.store.appointment(id).await?;
    let Some(course_id) = appointment.booked.course_id else {
        return Err(PageError(ApiError::invalid(
            "appointment",
            "is not a course session; move it on the calendar",
        )));
    };
    course_for(&state, &staff, course_id).await?;
    let refuse = |notice: &str, broken: Vec<BrokenRule>| Refused {
        moving: id,
        form: form.clone(),
        notice: notice.to_owned(),
        broken,
    };
    let zone = state.clinic_zone().await;
    let starts_at = match (form.date.parse::<Date>(), form.time.parse::<Time>()) {
        (Ok(date), Ok(time)) => date.to_datetime(time).to_zoned(zone).map(|z| z.timestamp()),
        _ => {
            let refused = refuse("Give the new date and time.", Vec::new());
            return render_course(&state, &staff, &address, course_id, refused).await;
        }
    };
    let Ok(starts_at) = starts_at else {
        let refused = refuse("That time does not exist on that day.", Vec::new());
        return render_course(&state, &staff, &address, course_id, refused).await;
    };
    let reason: String = form.override_reason.trim().chars().take(2000).collect();
    let refused = match move_checked(&state, &staff.staff, &address, id, starts_at, &reason).await {
        Ok(_) => return Ok(Redirect::to(&format!("/courses/{course_id}")).into_response()),
        Err(ApiError::RulesBroken { violations }) => refuse("", violations),
        Err(ApiError::SlotTaken) => refuse(
            "The practitioner already has an appointment then (buffers included); choose another time.",
            Vec::new(),
        ),
        Err(other) => return Err(PageError(other)),
    };
    render_course(&state, &staff, &address, course_id, refused).await
}

/// `GET /courses/{id}/invoice`: a printable invoice.
pub async fn invoice(
    State(state): State<AppState>,
    staff: PageStaff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    staff.require(crate::auth::roles::Permission::SeeClients)?;
    let course = state.store.course(parse_id("course", &id)?).await?;
    let client = state.store.client(course.course.client_id).await?;
    let may = crate::auth::roles::allows(
        staff.staff.role,
        crate::auth::roles::Permission::TakePayments,
    ) || require_health_access(&state, &staff.staff, &client)
        .await
        .is_ok();
    if !may {
        return Err(PageError(ApiError::Forbidden {
            role: staff.staff.role.name(),
            action: "see this invoice",
        }));
    }
    invoice_page(
        &state,
        &course,
        &client,
        format!("/courses/{}", course.id),
        "Back to the course",
    )
    .await
}

/// A course's printable invoice for `client`, with a link back to `back`.
///
/// # Errors
/// [`PageError`] when the course's payments or the clinic cannot be read.
pub async fn invoice_page(
    state: &AppState,
    course: &StoredCourse,
    client: &smp_store::Client,
    back: String,
    back_label: &'static str,
) -> Result<Response, PageError> {
    let (lines, total, payments, balance) = money_lines(state, course).await?;
    let clinic = crate::pages::layout::clinic_name(state).await;
    let template = InvoicePage {
        back,
        back_label,
        clinic,
        number: format!("SMP-{:05}", course.id),
        issued: state.clinic_today().await.to_string(),
        client: client.fields.name.clone(),
        client_email: client.fields.email.clone(),
        area: course.course.area.clone(),
        sessions: course.course.sessions,
        lines,
        total,
        payments,
        balance,
        currency: course.course.currency.clone(),
    };
    Ok(page(StatusCode::OK, &template))
}

/// Which picture of a course.
#[derive(Debug, Deserialize)]
pub struct PreviewQuery {
    #[serde(default)]
    after: Option<u32>,
    #[serde(default)]
    years: Option<f32>,
    /// `top` (the default), `front` or `closeup` (a life-size patch at the hairline).
    #[serde(default)]
    view: Option<String>,
}

/// `GET /courses/{id}/preview.png?after=K&years=Y&view=top|front|closeup`: the course's
/// design after session K, healed, Y years on (medium sun), from above, the front or close
/// up. The design is the engine's for the course's area and hairline, seeded by the course.
pub async fn preview(
    State(state): State<AppState>,
    staff: PageStaff,
    Path(id): Path<String>,
    Query(query): Query<PreviewQuery>,
) -> Result<Response, PageError> {
    let (course, _) = course_for(&state, &staff, parse_id("course", &id)?).await?;
    preview_png(&course, &query).await
}

/// The PNG of a course's preview picture `query` asks for, rendered off the async threads.
///
/// # Errors
/// A 422 page for a course without a design (a touch-up) or a bad `view` or `years`.
pub(crate) async fn preview_png(
    course: &StoredCourse,
    query: &PreviewQuery,
) -> Result<Response, PageError> {
    let pattern = LossPattern::parse(&course.course.area).map_err(|_| {
        PageError(ApiError::invalid(
            "area",
            "has no design preview (a touch-up keeps the existing design)",
        ))
    })?;
    let style = HairlineStyle::parse(&course.course.hairline)
        .map_err(|e| PageError(ApiError::invalid("hairline", e.to_string())))?;
    let sessions = u32::try_from(course.course.sessions.clamp(1, 4)).unwrap_or(3);
    let after = query.after.unwrap_or(sessions).clamp(1, sessions);
    let years = query.years.unwrap_or(0.0);
    let view = match query.view.as_deref() {
        None | Some("top") => View::Top,
        Some("front") => View::Front,
        Some("closeup") => View::Closeup,
        Some(other) => {
            return Err(PageError(ApiError::invalid(
                "view",
                format!("{other:?} is not a view; use top, front or closeup"),
            )))
        }
    };
    let seed = course.id;
    let png = tokio::task::spawn_blocking(move || -> Result<Vec<u8>, smp_design::DesignError> {
        let mut params = DesignParams::new(pattern, style);
        params.sessions = sessions;
        params.seed = u64::try_from(seed).unwrap_or(1);
        let design = Design::new(params)?;
        let moment = Moment {
            after_session: after,
            stage: Stage::healed(years)?,
        };
        let canvas = render(&design, view, PREVIEW_PX, moment)?;
        encode_png(&canvas)
    })
    .await
    .map_err(|e| PageError(ApiError::Internal(e.to_string())))?
    .map_err(|e| PageError(ApiError::invalid("years", e.to_string())))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "private, max-age=3600"),
        ],
        png,
    )
        .into_response())
}
