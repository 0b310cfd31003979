//! The calendar: a practitioner's week in the clinic's time zone, and booking from it.

use askama::Template;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::ToSpan;
use serde::Deserialize;
use smp_store::{Client, NewAppointment, Practitioner, Service};

use crate::auth::roles::Permission;
use crate::error::ApiError;
use crate::pages::layout::layout;
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::reminder_mail::{or_none, ClientReminders};
use crate::state::AppState;

/// One appointment in a day column.
struct Line {
    time: String,
    service: String,
    service_name: String,
    client: String,
    client_id: i64,
}

/// One day of the week.
struct Day {
    date: Date,
    label: String,
    today: bool,
    appointments: Vec<Line>,
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    layout: Layout,
    practitioners: Vec<Practitioner>,
    practitioner_id: i64,
    monday: Date,
    previous: Date,
    next: Date,
    zone: String,
    days: Vec<Day>,
    clients: Vec<Client>,
    services: Vec<Service>,
    form: BookForm,
    booking_error: String,
    date_error: String,
    time_error: String,
    booked: String,
}

/// Which week of whose calendar.
#[derive(Debug, Default, Deserialize)]
pub struct WeekQuery {
    #[serde(default)]
    practitioner: String,
    #[serde(default)]
    week: String,
    #[serde(default)]
    booked: String,
}

/// The booking form as sent.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct BookForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    practitioner: String,
    #[serde(default)]
    client: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
}

/// What went wrong with a booking, shown on the page.
#[derive(Default)]
struct Problems {
    general: String,
    date: String,
    time: String,
}

/// The Monday of the week holding `day`.
fn monday_of(day: Date) -> Date {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(back.days()).unwrap_or(day)
}

async fn render(
    state: &AppState,
    staff: &PageStaff,
    practitioner: &str,
    week: Date,
    form: BookForm,
    problems: Problems,
    booked: String,
) -> Result<Response, PageError> {
    let practitioners = state.store.practitioners().await?;
    let practitioner_id = practitioner
        .parse::<i64>()
        .ok()
        .filter(|id| practitioners.iter().any(|p| p.id == *id))
        .or_else(|| practitioners.first().map(|p| p.id))
        .unwrap_or(0);
    let zone = state.clinic_zone().await;
    let today = state.clinic_today().await;
    let monday = monday_of(week);
    let clients = state.store.search_clients("", 1000).await?;
    let services = state.store.services().await?;
    let lines = day_lines(
        state,
        practitioner_id,
        monday,
        7,
        &zone,
        &clients,
        &services,
    )
    .await?;
    let days = lines
        .into_iter()
        .enumerate()
        .map(|(offset, appointments)| {
            let day = monday.checked_add((offset as i64).days()).unwrap_or(monday);
            Day {
                date: day,
                label: day.strftime("%a %-d %b").to_string(),
                today: day == today,
                appointments,
            }
        })
        .collect();
    let status =
        if problems.general.is_empty() && problems.date.is_empty() && problems.time.is_empty() {
            StatusCode::OK
        } else if problems.general.contains("already") {
            StatusCode::CONFLICT
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
    let template = CalendarPage {
        layout: layout(state, staff, "Calendar").await,
        practitioners,
        practitioner_id,
        monday,
        previous: monday.checked_sub(7.days()).unwrap_or(monday),
        next: monday.checked_add(7.days()).unwrap_or(monday),
        zone: zone.iana_name().unwrap_or("UTC").to_owned(),
        days,
        clients,
        services,
        form,
        booking_error: problems.general,
        date_error: problems.date,
        time_error: problems.time,
        booked,
    };
    Ok(page(status, &template))
}

/// The appointments starting on each of `count` days from `first`, a list per day, read
/// with one query.
async fn day_lines(
    state: &AppState,
    practitioner_id: i64,
    first: Date,
    count: usize,
    zone: &TimeZone,
    clients: &[Client],
    services: &[Service],
) -> Result<Vec<Vec<Line>>, PageError> {
    let internal = |e: jiff::Error| PageError(ApiError::Internal(e.to_string()));
    let start = first.to_zoned(zone.clone()).map_err(internal)?;
    let end = first
        .checked_add((count as i64).days())
        .map_err(internal)?
        .to_zoned(zone.clone())
        .map_err(internal)?;
    let booked = state
        .store
        .booked_between(practitioner_id, start.timestamp(), end.timestamp())
        .await?;
    let mut days: Vec<Vec<Line>> = (0..count).map(|_| Vec::new()).collect();
    for a in booked {
        let b = a.booked;
        let starts = b.slot.starts_at.to_zoned(zone.clone());
        let offset = (starts.date() - first).get_days();
        let Some(day) = usize::try_from(offset).ok().and_then(|i| days.get_mut(i)) else {
            continue;
        };
        let client = b
            .client_id
            .and_then(|id| clients.iter().find(|c| c.id == id));
        day.push(Line {
            time: format!(
                "{}–{}",
                starts.strftime("%H:%M"),
                b.slot.ends_at.to_zoned(zone.clone()).strftime("%H:%M")
            ),
            service_name: services
                .iter()
                .find(|s| s.code == b.service)
                .map_or_else(|| b.service.clone(), |s| s.name.clone()),
            service: b.service,
            client: client.map_or_else(|| "No client".to_owned(), |c| c.fields.name.clone()),
            client_id: client.map_or(0, |c| c.id),
        });
    }
    Ok(days)
}

/// `GET /calendar?practitioner=&week=`.
pub async fn week(
    State(state): State<AppState>,
    staff: PageStaff,
    Query(query): Query<WeekQuery>,
) -> Result<Response, PageError> {
    staff.require(Permission::SeeClients)?;
    let today = state.clinic_today().await;
    let week = query.week.parse::<Date>().unwrap_or(today);
    let form = BookForm {
        date: week.max(today).to_string(),
        time: "10:00".to_owned(),
        ..BookForm::default()
    };
    let booked = if query.booked.is_empty() {
        String::new()
    } else {
        "Booked.".to_owned()
    };
    render(
        &state,
        &staff,
        &query.practitioner,
        week,
        form,
        Problems::default(),
        booked,
    )
    .await
}

/// `POST /calendar/book`: books, or shows the week again with what went wrong and what was
/// typed.
pub async fn book(
    State(state): State<AppState>,
    staff: PageStaff,
    Form(form): Form<BookForm>,
) -> Result<Response, PageError> {
    staff.require(Permission::Book)?;
    staff.check_csrf(&form.csrf)?;
    match try_book(&state, &form).await? {
        Ok((practitioner_id, date)) => Ok(Redirect::to(&format!(
            "/calendar?practitioner={practitioner_id}&week={date}&booked=1"
        ))
        .into_response()),
        Err(problems) => {
            let week = form
                .date
                .parse::<Date>()
                .unwrap_or(state.clinic_today().await);
            render(
                &state,
                &staff,
                &form.practitioner,
                week,
                form.clone(),
                problems,
                String::new(),
            )
            .await
        }
    }
}

/// Books what the form asks for: the practitioner and day booked, or what is wrong.
async fn try_book(
    state: &AppState,
    form: &BookForm,
) -> Result<Result<(i64, Date), Problems>, PageError> {
    let mut problems = Problems::default();
    let (date, time) = match (form.date.parse::<Date>(), form.time.parse::<Time>()) {
        (Ok(date), Ok(time)) => (date, time),
        (date, time) => {
            if date.is_err() {
                problems.date = "Choose a date.".to_owned();
            }
            if time.is_err() {
                problems.time = "Choose a time.".to_owned();
            }
            return Ok(Err(problems));
        }
    };
    let service = state.store.service(&form.service).await?;
    let (Some(service), Ok(practitioner_id), Ok(client_id)) = (
        service,
        form.practitioner.parse::<i64>(),
        form.client.parse::<i64>(),
    ) else {
        problems.general = "Choose a practitioner, a client and a service.".to_owned();
        return Ok(Err(problems));
    };
    let Ok(zoned) = date.to_datetime(time).to_zoned(state.clinic_zone().await) else {
        problems.time = "That time does not exist on that day.".to_owned();
        return Ok(Err(problems));
    };
    if zoned.timestamp() < state.clock.now() {
        problems.date = "That time has passed.".to_owned();
        return Ok(Err(problems));
    }
    let new = NewAppointment {
        practitioner_id,
        client_id: Some(client_id),
        service: service.code.clone(),
        course_id: None,
        session_number: None,
        slot: service.slot_at(zoned.timestamp()),
        note: String::new(),
    };
    let reminders = ClientReminders::load(state, new.client_id).await?;
    match state
        .store
        .book(&new, state.clock.now(), or_none(&reminders))
        .await
    {
        Ok(_) => Ok(Ok((practitioner_id, date))),
        Err(smp_store::StoreError::SlotTaken) => {
            problems.general = "That time is already taken for this practitioner (the buffers \
                                around appointments included). Choose another time."
                .to_owned();
            Ok(Err(problems))
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "day.html")]
struct DayPage {
    layout: Layout,
    practitioner: String,
    practitioner_id: i64,
    date: Date,
    label: String,
    previous: Date,
    next: Date,
    zone: String,
    appointments: Vec<Line>,
    services: Vec<Service>,
    service: String,
    free: Vec<String>,
    clients: Vec<Client>,
}

/// Which day of whose calendar, free for which service.
#[derive(Debug, Default, Deserialize)]
pub struct DayQuery {
    #[serde(default)]
    practitioner: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    service: String,
}

/// `GET /calendar/day?practitioner=&date=&service=`: a practitioner's day — what is booked
/// and the free starts for a service, each one click from booked.
pub async fn day(
    State(state): State<AppState>,
    staff: PageStaff,
    Query(query): Query<DayQuery>,
) -> Result<Response, PageError> {
    staff.require(Permission::SeeClients)?;
    let practitioners = state.store.practitioners().await?;
    let Some(practitioner) = query
        .practitioner
        .parse::<i64>()
        .ok()
        .and_then(|id| practitioners.iter().find(|p| p.id == id))
        .or_else(|| practitioners.first())
        .cloned()
    else {
        return Err(PageError(ApiError::invalid(
            "practitioner",
            "there are no practitioners yet",
        )));
    };
    let date = query
        .date
        .parse::<Date>()
        .unwrap_or(state.clinic_today().await);
    let services = state.store.services().await?;
    let service = services
        .iter()
        .find(|s| s.code == query.service)
        .or_else(|| services.iter().find(|s| s.code == "consultation"))
        .or_else(|| services.first())
        .cloned()
        .ok_or_else(|| PageError(ApiError::invalid("service", "there are no services")))?;
    let zone = state.clinic_zone().await;
    let clients = state.store.search_clients("", 1000).await?;
    let appointments = day_lines(&state, practitioner.id, date, 1, &zone, &clients, &services)
        .await?
        .pop()
        .unwrap_or_default();
    let free =
        crate::api::availability::free_starts(&state, &zone, practitioner.id, &service, date, date)
            .await?
            .into_iter()
            .map(|slot| {
                slot.starts_at
                    .to_zoned(zone.clone())
                    .strftime("%H:%M")
                    .to_string()
            })
            .collect();
    let template = DayPage {
        layout: layout(&state, &staff, "Day").await,
        practitioner: practitioner.name.clone(),
        practitioner_id: practitioner.id,
        label: date.strftime("%A %-d %B %Y").to_string(),
        previous: date.checked_sub(1.day()).unwrap_or(date),
        next: date.checked_add(1.day()).unwrap_or(date),
        date,
        zone: zone.iana_name().unwrap_or("UTC").to_owned(),
        appointments,
        service: service.code.clone(),
        services,
        free,
        clients,
    };
    Ok(page(StatusCode::OK, &template))
}
