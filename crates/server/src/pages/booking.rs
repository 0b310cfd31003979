//! The public booking page, open without a login: a consultation chosen from real free
//! times (in the client's zone, the clinic's beside it), contact details and the health
//! questionnaire with consent; the screening decides whether it is booked, and the
//! confirmation email carries a link to reschedule or cancel ([`crate::pages::manage_booking`]).
//!
//! Abuse: requests are counted per email address and per network address
//! ([`ONLINE_LIMITS`]), every field has a size limit, and no answer says whether someone is
//! already a client (every online booking makes a record of its own for staff to see).

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Form, Query, State};
use axum::http::{header, StatusCode};
use axum::response::Response;
use jiff::civil::Date;
use jiff::{SignedDuration, ToSpan};
use smp_store::{AuditEntry, ClientFields, NewAppointment, NewScreening, OnlineOutcome, Service};
use smp_treatment::{latest_deferral, screen, Answers, Outcome};

use crate::address::ClientAddress;
use crate::error::ApiError;
use crate::pages::booking_form::{check_sizes, choice, contact, value, Choice, Contact};
use crate::pages::field_errors::FieldErrors;
use crate::pages::layout::clinic_name;
use crate::pages::manage_booking::{link_for, record_request, OnlineLink};
use crate::pages::public_times::{
    client_zone, paging, query_value, week_of_times, DayTimes, DAYS_SHOWN,
};
use crate::pages::questions::{answers_json, Questions};
use crate::pages::render::{page, Layout, PageError};
use crate::pages::text::money;
use crate::reminder_mail::{or_none, ClientReminders, Confirmation};
use crate::state::AppState;

/// How many requests one email address and one network address may make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnlineLimits {
    /// Requests per email address within `email_window`.
    pub per_email: i64,
    /// The window they are counted in.
    pub email_window: SignedDuration,
    /// Requests per network address within `address_window`.
    pub per_address: i64,
    /// The window they are counted in.
    pub address_window: SignedDuration,
}

/// The limits: three requests a day per email address, ten an hour per network address.
pub const ONLINE_LIMITS: OnlineLimits = OnlineLimits {
    per_email: 3,
    email_window: SignedDuration::from_hours(24),
    per_address: 10,
    address_window: SignedDuration::from_hours(1),
};

/// How far ahead a client may look for times, days, at the least: further when the policy's
/// longest waiting period runs further (see [`furthest_day`]).
const FURTHEST_DAYS: i64 = 180;

/// A consultation the client can choose.
struct ServiceLink {
    name: String,
    href: String,
    chosen: bool,
}

#[derive(Template)]
#[template(path = "book.html")]
struct TimesPage {
    layout: Layout,
    services: Vec<ServiceLink>,
    service: String,
    service_name: String,
    fee: String,
    tz: String,
    tz_query: String,
    clinic_tz: String,
    tz_error: String,
    days: Vec<DayTimes>,
    earlier: String,
    later: String,
    detect_zone: bool,
}

#[derive(Template)]
#[template(path = "book_details.html")]
struct DetailsPage {
    layout: Layout,
    service: String,
    practitioner: i64,
    starts_at: String,
    tz: String,
    tz_query: String,
    when: String,
    what: String,
    fee: String,
    errors: FieldErrors,
    name: String,
    email: String,
    phone: String,
    date_of_birth: String,
    consent: bool,
    questions: Questions,
}

#[derive(Template)]
#[template(path = "book_result.html")]
pub(crate) struct ResultPage {
    pub(crate) layout: Layout,
    pub(crate) heading: String,
    pub(crate) lines: Vec<String>,
    pub(crate) link_text: String,
    pub(crate) link_href: String,
}

/// The layout of a public page: the clinic's name, nobody logged in.
pub(crate) async fn public_layout(state: &AppState, title: &str) -> Layout {
    Layout {
        title: title.to_owned(),
        clinic: clinic_name(state).await,
        ..Layout::default()
    }
}

/// The consultations offered online.
async fn consultations(state: &AppState) -> Result<Vec<Service>, ApiError> {
    Ok(state
        .store
        .services()
        .await?
        .into_iter()
        .filter(|s| s.kind == "consultation")
        .collect())
}

/// The fee line of a service, or an empty text when it is free.
fn fee_of(service: &Service) -> String {
    if service.price_minor > 0 {
        money(service.price_minor, &service.currency)
    } else {
        String::new()
    }
}

/// The last day a client may look at times from: [`FURTHEST_DAYS`] ahead, or a week past
/// the latest day the policy's longest waiting period can defer a client to, so that a
/// deferred client always finds times after their wait.
async fn furthest_day(state: &AppState, today: Date) -> Result<Date, ApiError> {
    let internal = |e: jiff::Error| ApiError::Internal(e.to_string());
    let least = today.checked_add(FURTHEST_DAYS.days()).map_err(internal)?;
    let after_wait = latest_deferral(today, &state.policy().await)
        .checked_add(DAYS_SHOWN.days())
        .map_err(internal)?;
    Ok(least.max(after_wait))
}

/// Every practitioner's id.
async fn practitioner_ids(state: &AppState) -> Result<Vec<i64>, ApiError> {
    Ok(state
        .store
        .practitioners()
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect())
}

/// `GET /book?service=&tz=&from=`: a week of free times for a consultation.
pub async fn times(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let services = consultations(&state).await?;
    let clinic = state.clinic_zone().await;
    let clinic_tz = clinic.iana_name().unwrap_or("UTC").to_owned();
    let asked = value(&query, "service");
    let chosen = services
        .iter()
        .find(|s| s.code == asked)
        .or_else(|| services.first())
        .cloned();
    let named_zone = value(&query, "tz");
    let (zone, tz_error) = if named_zone.is_empty() {
        (clinic.clone(), String::new())
    } else {
        match client_zone(named_zone) {
            Ok(zone) => (zone, String::new()),
            Err(e) => (clinic.clone(), FieldErrors::of(&[e]).get("tz").to_owned()),
        }
    };
    let tz = zone.iana_name().unwrap_or("UTC").to_owned();
    let today = state.clock.now().to_zoned(zone.clone()).date();
    let furthest = furthest_day(&state, today).await?;
    let from = value(&query, "from")
        .parse::<Date>()
        .unwrap_or(today)
        .clamp(today, furthest);
    let days = match &chosen {
        Some(service) => {
            week_of_times(
                &state,
                service,
                &practitioner_ids(&state).await?,
                &zone,
                from,
            )
            .await?
        }
        None => Vec::new(),
    };
    let code = chosen.as_ref().map_or("", |s| s.code.as_str());
    let (earlier, later) = paging(from, today, Some(furthest), |day| {
        times_href(code, &tz, day)
    });
    let template = TimesPage {
        layout: public_layout(&state, "Book a consultation").await,
        services: services
            .iter()
            .map(|s| ServiceLink {
                name: s.name.clone(),
                href: times_href(&s.code, &tz, from),
                chosen: s.code == code,
            })
            .collect(),
        service: code.to_owned(),
        service_name: chosen.as_ref().map_or_else(String::new, |s| s.name.clone()),
        fee: chosen.as_ref().map_or_else(String::new, fee_of),
        clinic_tz,
        tz_error: tz_error.clone(),
        days,
        earlier,
        later,
        detect_zone: named_zone.is_empty(),
        tz_query: query_value(&tz),
        tz,
    };
    let status = if tz_error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(page(status, &template))
}

/// What a choice is: its service, when, and whose calendar, checked against the store.
struct Checked {
    service: Service,
    choice: Choice,
    zone: jiff::tz::TimeZone,
}

async fn check_choice(
    state: &AppState,
    form: &HashMap<String, String>,
) -> Result<Checked, ApiError> {
    let choice = choice(form)?;
    let service = consultations(state)
        .await?
        .into_iter()
        .find(|s| s.code == choice.service)
        .ok_or_else(|| ApiError::invalid("service", "choose a consultation"))?;
    state
        .store
        .practitioner(choice.practitioner_id)
        .await
        .map_err(|_| ApiError::invalid("practitioner", "choose a time from the list"))?;
    let zone = if choice.tz.is_empty() {
        state.clinic_zone().await
    } else {
        client_zone(&choice.tz)?
    };
    Ok(Checked {
        service,
        choice,
        zone,
    })
}

/// The start of a choice in words, in the client's zone and, when it differs, the clinic's.
async fn when_text(state: &AppState, checked: &Checked) -> String {
    let at = checked.choice.starts_at;
    let local = at.to_zoned(checked.zone.clone());
    let mut text = format!(
        "{} ({})",
        local.strftime("%A %-d %B %Y at %H:%M"),
        checked.zone.iana_name().unwrap_or("UTC")
    );
    let clinic = state.clinic_zone().await;
    if clinic.iana_name() != checked.zone.iana_name() {
        text.push_str(&format!(
            "; {} at the clinic ({})",
            at.to_zoned(clinic.clone()).strftime("%H:%M on %a %-d %b"),
            clinic.iana_name().unwrap_or("UTC")
        ));
    }
    text
}

async fn show_details(
    state: &AppState,
    checked: &Checked,
    form: &HashMap<String, String>,
    errors: FieldErrors,
    status: StatusCode,
) -> Response {
    let service = &checked.service;
    let template = DetailsPage {
        layout: public_layout(state, "Your details").await,
        service: service.code.clone(),
        practitioner: checked.choice.practitioner_id,
        starts_at: checked.choice.starts_at.to_string(),
        tz: checked.zone.iana_name().unwrap_or("UTC").to_owned(),
        tz_query: query_value(checked.zone.iana_name().unwrap_or("UTC")),
        when: when_text(state, checked).await,
        what: format!(
            "{}, {} minutes{}",
            service.name,
            service.minutes,
            if service.mode == "video" {
                ", by video"
            } else {
                ", at the clinic"
            }
        ),
        fee: fee_of(service),
        errors,
        name: value(form, "name").to_owned(),
        email: value(form, "email").to_owned(),
        phone: value(form, "phone").to_owned(),
        date_of_birth: value(form, "date_of_birth").to_owned(),
        consent: !value(form, "consent").is_empty(),
        questions: Questions::from_form(form),
    };
    page(status, &template)
}

/// A result page with a link onwards.
pub(crate) async fn result(
    state: &AppState,
    status: StatusCode,
    heading: &str,
    lines: Vec<String>,
    link: (&str, String),
) -> Response {
    let template = ResultPage {
        layout: public_layout(state, heading).await,
        heading: heading.to_owned(),
        lines,
        link_text: link.0.to_owned(),
        link_href: link.1,
    };
    page(status, &template)
}

/// `GET /book/details?service=&practitioner=&starts_at=&tz=`: the details form for a time.
pub async fn details(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    check_sizes(&query)?;
    let checked = check_choice(&state, &query).await?;
    Ok(show_details(
        &state,
        &checked,
        &HashMap::new(),
        FieldErrors::default(),
        StatusCode::OK,
    )
    .await)
}

/// The week of times of a service from day `from`, in zone `tz`.
fn times_href(service: &str, tz: &str, from: Date) -> String {
    format!(
        "/book?service={}&tz={}&from={from}",
        query_value(service),
        query_value(tz)
    )
}

/// The week of times to go back to for a choice.
fn back_to_times(checked: &Checked, from: Date) -> String {
    times_href(
        &checked.service.code,
        checked.zone.iana_name().unwrap_or("UTC"),
        from,
    )
}

/// `POST /book`: checks, screens, and books — or says kindly why not.
pub async fn submit(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    check_sizes(&form)?;
    let checked = check_choice(&state, &form).await?;
    let clinic = state.clinic_zone().await;
    let now = state.clock.now();
    let today = now.to_zoned(clinic.clone()).date();
    let (contact, text, answers) = match read_form(&form, today) {
        Ok(read) => read,
        Err(problems) => {
            let errors = FieldErrors::of(&problems);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(show_details(&state, &checked, &form, errors, status).await);
        }
    };
    let limits = ONLINE_LIMITS;
    let by_email = state
        .store
        .online_requests_by_email(&contact.email, now - limits.email_window)
        .await?;
    let by_address = state
        .store
        .online_requests_by_address(&address, now - limits.address_window)
        .await?;
    if by_email >= limits.per_email || by_address >= limits.per_address {
        let day = checked
            .choice
            .starts_at
            .to_zoned(checked.zone.clone())
            .date();
        let mut response = result(
            &state,
            StatusCode::TOO_MANY_REQUESTS,
            "Too many requests",
            vec!["Several bookings were asked for with these details a short while ago, so this one was not taken. Please try again tomorrow, or call the clinic.".to_owned()],
            ("Back to the times", back_to_times(&checked, day)),
        )
        .await;
        response.headers_mut().insert(
            header::RETRY_AFTER,
            header::HeaderValue::from_static("3600"),
        );
        return Ok(response);
    }
    // The answers are screened for the consultation's day: a waiting period that ends by
    // then does not stand in the way (the deferral's link offers exactly those times).
    let on = checked.choice.starts_at.to_zoned(clinic).date().max(today);
    let screening = screen(&answers, on, &state.policy().await);
    let request = |outcome| OnlineLink::none(&contact.email, &address, outcome);
    match screening.outcome {
        Outcome::NotACandidate => {
            record_request(&state, request(OnlineOutcome::Declined), now).await?;
            let mut lines = vec!["Thank you for your answers. We are sorry: under the clinic's rules, scalp micropigmentation is not safe for you at the moment, so nothing was booked and your answers were not kept.".to_owned()];
            lines.extend(
                screening
                    .findings
                    .iter()
                    .filter(|f| f.outcome.outcome() == Outcome::NotACandidate)
                    .map(|f| f.message.clone()),
            );
            lines.push(
                "If something changes, or you would like to talk it through, call the clinic."
                    .to_owned(),
            );
            return Ok(result(
                &state,
                StatusCode::OK,
                "We cannot book this for you",
                lines,
                ("Back to the start", "/book".to_owned()),
            )
            .await);
        }
        Outcome::Deferred => {
            record_request(&state, request(OnlineOutcome::Deferred), now).await?;
            let from = screening.deferred_until.unwrap_or(today);
            let mut lines = vec![format!(
                "Thank you for your answers. A waiting period runs until {}: the first consultation you can book is on or after that day. Nothing was booked yet and your answers were not kept.",
                from.strftime("%A %-d %B %Y")
            )];
            lines.extend(
                screening
                    .findings
                    .iter()
                    .filter(|f| f.outcome.outcome() == Outcome::Deferred)
                    .map(|f| f.message.clone()),
            );
            return Ok(result(
                &state,
                StatusCode::OK,
                "Please book a little later",
                lines,
                ("See times from that day", back_to_times(&checked, from)),
            )
            .await);
        }
        Outcome::Eligible | Outcome::Review => {}
    }
    let moment = (today, now);
    book(
        &state,
        &checked,
        &contact,
        &address,
        (&text, &screening, on),
        moment,
    )
    .await
}

/// The contact details, the questionnaire as the API's JSON, and its answers; or every
/// problem, each named by its field.
fn read_form(
    form: &HashMap<String, String>,
    today: Date,
) -> Result<(Contact, String, Answers), Vec<ApiError>> {
    let contact = contact(form);
    let text = answers_json(form);
    let answers = Answers::parse("questionnaire", &text, today).map_err(|e| {
        ApiError::invalid(
            "questionnaire",
            format!("{}: {}", e.path.replace('.', " "), e.message),
        )
    });
    match (contact, answers) {
        (Ok(contact), Ok(answers)) => Ok((contact, text, answers)),
        (contact, answers) => Err(contact
            .err()
            .unwrap_or_default()
            .into_iter()
            .chain(answers.err())
            .collect()),
    }
}

/// Books the consultation: the client, their screening, the appointment with its
/// confirmation and reminders, and the manage link.
async fn book(
    state: &AppState,
    checked: &Checked,
    contact: &Contact,
    address: &str,
    (answers_text, screening, screened_on): (&str, &smp_treatment::Screening, Date),
    (today, now): (Date, jiff::Timestamp),
) -> Result<Response, PageError> {
    let service = &checked.service;
    let choice = &checked.choice;
    let taken = || async {
        let from = choice.starts_at.to_zoned(checked.zone.clone()).date();
        result(
            state,
            StatusCode::CONFLICT,
            "That time has just gone",
            vec!["Someone booked that time a moment ago. Nothing was booked for you: please choose another time.".to_owned()],
            ("Choose another time", back_to_times(checked, from)),
        )
        .await
    };
    if !crate::pages::manage_booking::is_free(
        state,
        service,
        choice.practitioner_id,
        choice.starts_at,
    )
    .await?
    {
        return Ok(taken().await);
    }
    let client = state
        .store
        .create_client(
            &ClientFields {
                name: contact.name.clone(),
                email: contact.email.clone(),
                phone: contact.phone.clone(),
                date_of_birth: contact.date_of_birth,
                notes: "Booked online.".to_owned(),
                health_consent_on: Some(today),
                practitioner_id: Some(choice.practitioner_id),
                sun_exposure: None,
            },
            now,
        )
        .await?;
    let result_json =
        serde_json::to_string(screening).map_err(|e| ApiError::Internal(e.to_string()))?;
    state
        .store
        .create_screening(
            &NewScreening {
                client_id: client.id,
                screened_on,
                answers_json: answers_text.to_owned(),
                verdict: screening.outcome.name().to_owned(),
                result_json,
                staff_id: None,
            },
            now,
        )
        .await?;
    let link = link_for(state)?;
    let reminders = ClientReminders::load(state, Some(client.id))
        .await?
        .map(|r| {
            r.confirmed(Confirmation {
                link: link.url.clone(),
                at: now,
                verb: "Booked",
                fee: Some(fee_of(service)).filter(|f| !f.is_empty()),
            })
        });
    let booked = state
        .store
        .book(
            &NewAppointment {
                practitioner_id: choice.practitioner_id,
                client_id: Some(client.id),
                service: service.code.clone(),
                course_id: None,
                session_number: None,
                slot: service.slot_at(choice.starts_at),
                note: "Booked online".to_owned(),
            },
            now,
            or_none(&reminders),
        )
        .await;
    let appointment = match booked {
        Ok(appointment) => appointment,
        Err(smp_store::StoreError::SlotTaken) => {
            // Nothing is kept of a booking that could not be made.
            state.store.delete_client(client.id).await?;
            record_request(
                state,
                OnlineLink::none(&contact.email, address, OnlineOutcome::Refused),
                now,
            )
            .await?;
            return Ok(taken().await);
        }
        Err(other) => return Err(PageError::from(other)),
    };
    record_request(
        state,
        link.booked(&contact.email, address, &appointment),
        now,
    )
    .await?;
    state
        .store
        .audit(
            &AuditEntry {
                staff_id: None,
                actor: "online booking".to_owned(),
                action: "create".to_owned(),
                subject: "appointment".to_owned(),
                subject_id: Some(appointment.id),
                detail: format!("a {} booked online for client {}", service.code, client.id),
                address: address.to_owned(),
            },
            now,
        )
        .await?;
    let mut lines = vec![
        format!(
            "Your {} is booked for {}.",
            service.name.to_lowercase(),
            when_text(state, checked).await
        ),
        format!(
            "A confirmation is on its way to {}, with a link to reschedule or cancel.",
            contact.email
        ),
    ];
    if screening.outcome == Outcome::Review {
        lines.push("One of your answers needs a practitioner's look: they will talk it through with you at the consultation.".to_owned());
    }
    let fee = fee_of(service);
    if !fee.is_empty() {
        lines.push(format!(
            "The consultation fee is {fee}, credited against your course if you go ahead."
        ));
    }
    Ok(result(
        state,
        StatusCode::CREATED,
        "Booked",
        lines,
        ("Book another", "/book".to_owned()),
    )
    .await)
}
