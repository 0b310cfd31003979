//! The client portal's page: the client's courses with their sessions (dates, times, what
//! each is for), the dated care around the next session, the design preview, the quote,
//! payments and balance, other appointments ahead, and the calendar feed; and the preview
//! pictures of the client's own courses.

use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;
use smp_design::LossPattern;
use smp_store::{AppointmentStatus, FeedOwner, StoredCourse};
use smp_treatment::{care_sheet, Moment, Policy};

use crate::calendar_feed::create_feed;
use crate::error::ApiError;
use crate::pages::booking::public_layout;
use crate::pages::course_page::{
    money_lines, preview_png, session_purpose, AmountLine, PaidLine, PreviewQuery,
};
use crate::pages::portal_session::PortalClient;
use crate::pages::render::{page, Layout, PageError};
use crate::state::AppState;

/// A session of a course, for the client.
struct SessionRow {
    number: i64,
    when: String,
    purpose: String,
    past: bool,
}

/// The care around the next session or, once the course's sessions are all done, the
/// aftercare of the last one while any of it still runs.
struct NextCare {
    heading: String,
    before: Vec<String>,
    after: Vec<String>,
}

/// One course, for the client.
struct CourseView {
    title: String,
    sessions: Vec<SessionRow>,
    care: Option<NextCare>,
    previews: Vec<(String, String)>,
    quote: Vec<AmountLine>,
    total: String,
    payments: Vec<PaidLine>,
    balance: String,
    invoice: String,
}

#[derive(Template)]
#[template(path = "portal.html")]
struct PortalPage {
    layout: Layout,
    csrf: String,
    name: String,
    zone: String,
    courses: Vec<CourseView>,
    appointments: Vec<String>,
    feed_url: String,
    notice: String,
    erasure_requested: bool,
}

/// What the page says after a form.
#[derive(Debug, Default, Deserialize)]
pub struct PortalQuery {
    #[serde(default)]
    done: String,
}

/// The aftercare of a session done at `start` while some of it (sun, sauna, minoxidil after
/// the final one, …) still ends or starts after `now`: only those instructions, under the
/// heading "After session N"; `None` once every one has ended.
fn aftercare_still_running(
    policy: &Policy,
    number: i64,
    start: &jiff::Zoned,
    is_final: bool,
    now: jiff::Timestamp,
) -> Option<NextCare> {
    let here = now.to_zoned(start.time_zone().clone()).datetime();
    let ahead = |moment: Option<Moment>| moment.is_some_and(|m| m.start() > here);
    let after: Vec<String> = care_sheet(policy, start, is_final)
        .aftercare
        .into_iter()
        .filter(|i| ahead(i.until) || ahead(i.from))
        .map(|i| i.text)
        .collect();
    (!after.is_empty()).then(|| NextCare {
        heading: format!(
            "After session {number} on {}",
            start.strftime("%a %-d %b %Y at %H:%M")
        ),
        before: Vec::new(),
        after,
    })
}

/// The session lines of a course and the care sheet of its next session.
async fn course_view(
    state: &AppState,
    course: &StoredCourse,
    zone: &jiff::tz::TimeZone,
    policy: &Policy,
) -> Result<CourseView, PageError> {
    let plan: Value = serde_json::from_str(&course.course.plan_json).unwrap_or(Value::Null);
    let now = state.clock.now();
    let booked = state.store.sessions_of_course(course.id).await?;
    let last = booked.iter().filter_map(|a| a.booked.session_number).max();
    let mut sessions = Vec::new();
    let mut care = None;
    let mut latest_done = None;
    for a in &booked {
        let start = a.booked.slot.starts_at.to_zoned(zone.clone());
        let number = a.booked.session_number.unwrap_or(0);
        let purpose = session_purpose(&plan, number);
        let past = a.booked.slot.ends_at <= now;
        if care.is_none() && !past {
            let sheet = care_sheet(policy, &start, Some(number) == last);
            care = Some(NextCare {
                heading: format!(
                    "Around session {number} on {}",
                    start.strftime("%a %-d %b %Y at %H:%M")
                ),
                before: sheet.precare.into_iter().map(|i| i.text).collect(),
                after: sheet.aftercare.into_iter().map(|i| i.text).collect(),
            });
        }
        if past {
            latest_done = Some((number, start.clone()));
        }
        sessions.push(SessionRow {
            number,
            when: format!(
                "{}–{}",
                start.strftime("%a %-d %b %Y, %H:%M"),
                a.booked
                    .slot
                    .ends_at
                    .to_zoned(zone.clone())
                    .strftime("%H:%M")
            ),
            purpose,
            past,
        });
    }
    if care.is_none() {
        if let Some((number, start)) = latest_done {
            care = aftercare_still_running(policy, number, &start, Some(number) == last, now);
        }
    }
    let mut previews = Vec::new();
    if LossPattern::parse(&course.course.area).is_ok() {
        let total = course.course.sessions.clamp(1, 4);
        for k in 1..=total {
            previews.push((
                format!("/portal/courses/{}/preview.png?after={k}", course.id),
                format!("After session {k}, healed"),
            ));
        }
        previews.push((
            format!(
                "/portal/courses/{}/preview.png?after={total}&years=5",
                course.id
            ),
            "Five years later (medium sun)".to_owned(),
        ));
        // From a distance the dots read as a shadow; the mirror's view and an enlarged
        // patch of the hairline show what they are.
        previews.push((
            format!(
                "/portal/courses/{}/preview.png?after={total}&view=front",
                course.id
            ),
            format!("From the front, after session {total}"),
        ));
        previews.push((
            format!(
                "/portal/courses/{}/preview.png?after={total}&view=closeup",
                course.id
            ),
            "Close up: 3 cm of the hairline, enlarged".to_owned(),
        ));
    }
    let (quote, total, payments, balance) = money_lines(state, course).await?;
    Ok(CourseView {
        title: format!(
            "Your {} course, {} hairline",
            course.course.area.replace('-', " "),
            course.course.hairline
        ),
        sessions,
        care,
        previews,
        quote,
        total,
        payments,
        balance,
        invoice: format!("/portal/courses/{}/invoice", course.id),
    })
}

async fn render(
    state: &AppState,
    portal: &PortalClient,
    feed_url: String,
    notice: &str,
) -> Result<Response, PageError> {
    let zone = state.clinic_zone().await;
    let client = &portal.client;
    let policy = state.policy().await;
    let mut courses = Vec::new();
    for course in state.store.courses_of_client(client.id).await? {
        if course.status != "cancelled" {
            courses.push(course_view(state, &course, &zone, &policy).await?);
        }
    }
    let now = state.clock.now();
    let services = state.store.services().await?;
    let appointments = state
        .store
        .appointments_of_client(client.id)
        .await?
        .into_iter()
        .rev()
        .filter(|a| {
            a.booked.course_id.is_none()
                && a.status == AppointmentStatus::Booked
                && a.booked.slot.ends_at > now
        })
        .map(|a| {
            let name = services
                .iter()
                .find(|s| s.code == a.booked.service)
                .map_or(a.booked.service.clone(), |s| s.name.clone());
            let start = a.booked.slot.starts_at.to_zoned(zone.clone());
            format!("{name}: {}", start.strftime("%a %-d %b %Y at %H:%M"))
        })
        .collect();
    let erasure_requested = state.store.erasure_requested_at(client.id).await?.is_some();
    let template = PortalPage {
        layout: public_layout(state, "Your portal").await,
        csrf: portal.csrf.clone(),
        name: client.fields.name.clone(),
        zone: zone.iana_name().unwrap_or("UTC").to_owned(),
        courses,
        appointments,
        feed_url,
        notice: notice.to_owned(),
        erasure_requested,
    };
    Ok(page(StatusCode::OK, &template))
}

/// `GET /portal/home`: the portal.
pub async fn home(
    State(state): State<AppState>,
    portal: PortalClient,
    Query(query): Query<PortalQuery>,
) -> Result<Response, PageError> {
    let notice = match query.done.as_str() {
        "erasure" => "Your request is with the clinic. Once the owner confirms it, everything held about you is erased and this portal closes.",
        _ => "",
    };
    render(&state, &portal, String::new(), notice).await
}

/// A form of the portal: its token alone (and, for erasure, the confirming box).
#[derive(Debug, Default, Deserialize)]
pub struct PortalForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /portal/calendar`: a new calendar feed of the client's appointments; the page
/// shows its URL this once (an earlier one stops working).
pub async fn calendar(
    State(state): State<AppState>,
    portal: PortalClient,
    Form(form): Form<PortalForm>,
) -> Result<Response, PageError> {
    portal.check_csrf(&form.csrf)?;
    let url = create_feed(&state, FeedOwner::Client(portal.client.id)).await?;
    render(&state, &portal, url, "").await
}

/// `POST /portal/erase`: the client asks to be erased (the box must be ticked); the owner
/// confirms it on the client's page.
pub async fn request_erasure(
    State(state): State<AppState>,
    portal: PortalClient,
    Form(form): Form<PortalForm>,
) -> Result<Response, PageError> {
    portal.check_csrf(&form.csrf)?;
    if form.confirm != "yes" {
        return Err(PageError(ApiError::invalid(
            "confirm",
            "tick the box to confirm that you want everything erased",
        )));
    }
    state
        .store
        .request_erasure(portal.client.id, state.clock.now())
        .await?;
    Ok(axum::response::IntoResponse::into_response(
        axum::response::Redirect::to("/portal/home?done=erasure"),
    ))
}

/// `GET /portal/courses/{id}/preview.png`: a preview picture of one of the client's own
/// courses (another's is 404, as if it did not exist).
pub async fn preview(
    State(state): State<AppState>,
    portal: PortalClient,
    Path(id): Path<String>,
    Query(query): Query<PreviewQuery>,
) -> Result<Response, PageError> {
    let course = portal.own_course(&state, &id).await?;
    preview_png(&course, &query).await
}
