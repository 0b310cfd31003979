//! The public booking page through HTTP: free times in the client's zone, the screening
//! deciding, the confirmation email over real SMTP with a link that moves and cancels,
//! and the limits (sizes, rates, taken times, bad links).

use reqwest::StatusCode;
use smp_server::smtp_sink::SmtpSink;
use smp_store::{AppointmentStatus, Backend};

use crate::availability::london_with_hours;
use crate::mail::{mailer, wait};
use crate::pages::{browser, get, hidden, post};
use crate::support::{spawn_app, spawn_app_with, TestApp};

/// Tuesday 2 December 2025, 09:00 in London (and UTC).
pub const TUESDAY_NINE: &str = "2025-12-02T09:00:00Z";

/// The href of the first link whose href contains `part`, with `&amp;` and `&#38;` read
/// back.
pub fn link_containing(html: &str, part: &str) -> String {
    html.split("href=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap_or_default())
        .find(|href| href.contains(part))
        .unwrap_or_else(|| panic!("no link with {part} in {html}"))
        .replace("&amp;", "&")
        .replace("&#38;", "&")
}

/// A booking form for Tuesday at nine with `extra` fields.
pub fn form(
    practitioner: i64,
    email: &str,
    extra: &[(&'static str, &'static str)],
) -> Vec<(String, String)> {
    let mut fields = vec![
        ("service".to_owned(), "consultation".to_owned()),
        ("practitioner".to_owned(), practitioner.to_string()),
        ("starts_at".to_owned(), TUESDAY_NINE.to_owned()),
        ("tz".to_owned(), "Europe/London".to_owned()),
        ("name".to_owned(), "Sam Carter".to_owned()),
        ("email".to_owned(), email.to_owned()),
        ("consent".to_owned(), "on".to_owned()),
    ];
    fields.extend(
        extra
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    fields
}

/// The one client an online booking made whose details match `search`, and its one
/// screening.
pub async fn booked_screening(app: &TestApp, search: &str) -> smp_store::StoredScreening {
    let clients = app
        .db
        .store
        .search_clients(search, 10)
        .await
        .expect("clients");
    assert_eq!(clients.len(), 1, "one client from the booking: {clients:?}");
    let mut screenings = app
        .db
        .store
        .screenings_of_client(clients[0].id)
        .await
        .expect("screenings");
    assert_eq!(screenings.len(), 1, "{screenings:?}");
    screenings.remove(0)
}

/// Answers that rule SMP out under the default policy: haemophilia.
pub const RULED_OUT: &[(&str, &str)] = &[("condition.hemophilia", "on")];

pub async fn submit(app: &TestApp, fields: &[(String, String)]) -> crate::pages::Page {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    post(&browser(), app, "/book", &pairs).await
}

/// The manage link in a message.
pub fn manage_link(raw: &str) -> String {
    token_link(raw, "/book/manage/")
}

/// The first link in a message whose path is `prefix` and a 64-digit token, its
/// quoted-printable soft breaks undone.
pub fn token_link(raw: &str, prefix: &str) -> String {
    let text = raw
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=");
    let start = text.find(prefix).expect("a link");
    let token: String = text[start + prefix.len()..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(token.len(), 64, "{text}");
    format!("{prefix}{token}")
}

async fn a_client_books_in_their_own_zone_and_moves_and_cancels_from_the_email(backend: Backend) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    let practitioner = london_with_hours(&app).await;
    let browser = browser();

    // New York sees London's 09:00 as 04:00, with the clinic's time beside it.
    let week = get(&browser, &app, "/book?tz=America/New_York&from=2025-12-01").await;
    assert_eq!(week.status, StatusCode::OK, "{}", week.html);
    assert!(week.html.contains("Times are shown in <strong>America/New_York</strong> time; the clinic's own time (Europe/London) is in brackets"), "{}", week.html);
    assert!(week.html.contains("04:00 (09:00)"), "{}", week.html);
    let details_path = link_containing(&week.html, &format!("starts_at={TUESDAY_NINE}"));
    let details = get(&browser, &app, &details_path).await;
    assert_eq!(details.status, StatusCode::OK, "{}", details.html);
    assert!(
        details.html.contains("Tuesday 2 December 2025 at 04:00 (America/New_York); 09:00 on Tue 2 Dec at the clinic (Europe/London)"),
        "{}",
        details.html
    );
    assert_eq!(
        hidden(&details.html, "practitioner"),
        practitioner.to_string()
    );

    let mut fields = form(practitioner, "Sam@Example.test", &[]);
    fields[3].1 = hidden(&details.html, "tz");
    let booked = submit(&app, &fields).await;
    assert_eq!(booked.status, StatusCode::CREATED, "{}", booked.html);
    assert!(
        booked
            .html
            .contains("A confirmation is on its way to sam@example.test"),
        "{}",
        booked.html
    );

    // One client, with the consent of today, the screening kept, the time booked.
    let clients = app.db.store.search_clients("", 10).await.expect("clients");
    assert_eq!(clients.len(), 1);
    let client = &clients[0];
    assert_eq!(client.fields.email, "sam@example.test");
    assert_eq!(
        client.fields.health_consent_on,
        Some(jiff::civil::date(2025, 12, 1))
    );
    let screenings = app
        .db
        .store
        .screenings_of_client(client.id)
        .await
        .expect("screenings");
    assert_eq!(screenings.len(), 1);
    assert_eq!(screenings[0].screening.verdict, "eligible");
    let appointments = app
        .db
        .store
        .appointments_of_client(client.id)
        .await
        .expect("appointments");
    assert_eq!(appointments.len(), 1);
    let id = appointments[0].id;
    assert_eq!(
        appointments[0].booked.slot.starts_at.to_string(),
        TUESDAY_NINE
    );

    // The confirmation goes at once (and the day-before note, due at 09:00 today).
    let received = wait(&sink, 2).await;
    let outbox = app
        .db
        .store
        .messages_of_client(client.id)
        .await
        .expect("outbox");
    let confirmation = received
        .iter()
        .find(|m| m.subject.starts_with("Booked"))
        .unwrap_or_else(|| panic!("{received:?} {outbox:?}"));
    assert_eq!(confirmation.to, "sam@example.test");
    assert_eq!(
        confirmation.subject,
        "Booked: your consultation on Tue 2 Dec 2025 at 09:00"
    );
    let link = manage_link(&confirmation.raw);

    let manage = get(&browser, &app, &link).await;
    assert_eq!(manage.status, StatusCode::OK, "{}", manage.html);
    assert!(
        manage
            .html
            .contains("Tuesday 2 December 2025 at 09:00 (Europe/London)"),
        "{}",
        manage.html
    );
    // Move it to ten: the appointment moves, and a new confirmation goes.
    let moved = post(
        &browser,
        &app,
        &format!("{link}/move"),
        &[("starts_at", "2025-12-02T10:00:00Z")],
    )
    .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.html);
    assert_eq!(moved.location, link);
    let now = app.db.store.appointment(id).await.expect("read");
    assert_eq!(
        now.booked.slot.starts_at.to_string(),
        "2025-12-02T10:00:00Z"
    );
    let received = wait(&sink, 3).await;
    assert!(
        received
            .iter()
            .any(|m| m.subject == "Moved: your consultation on Tue 2 Dec 2025 at 10:00"),
        "{received:?}"
    );
    // A time that is not free is refused and nothing moves.
    let taken = post(
        &browser,
        &app,
        &format!("{link}/move"),
        &[("starts_at", "2025-12-02T09:05:00Z")],
    )
    .await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    assert!(
        taken.html.contains("your appointment is as it was"),
        "{}",
        taken.html
    );

    let cancelled = post(&browser, &app, &format!("{link}/cancel"), &[]).await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.html);
    let after = app.db.store.appointment(id).await.expect("read");
    assert_eq!(after.status, AppointmentStatus::Cancelled);
    // The link is spent; an invented one gets the same answer.
    for path in [link.clone(), format!("/book/manage/{}", "ab".repeat(32))] {
        let gone = get(&browser, &app, &path).await;
        assert_eq!(gone.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            gone.html.contains("This link no longer works"),
            "{}",
            gone.html
        );
    }
}

async fn the_screening_decides_and_requests_are_limited_per_email(backend: Backend) {
    let app = spawn_app(backend).await;
    let practitioner = london_with_hours(&app).await;

    let declined = submit(&app, &form(practitioner, "sam@example.test", RULED_OUT)).await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.html);
    assert!(
        declined.html.contains("We cannot book this for you"),
        "{}",
        declined.html
    );
    assert!(declined
        .html
        .contains("nothing was booked and your answers were not kept"));

    let deferred = submit(
        &app,
        &form(
            practitioner,
            "sam@example.test",
            &[("medication.isotretinoin.last_taken", "2025-10-01")],
        ),
    )
    .await;
    assert_eq!(deferred.status, StatusCode::OK, "{}", deferred.html);
    assert!(
        deferred.html.contains("Please book a little later"),
        "{}",
        deferred.html
    );
    assert!(
        deferred
            .html
            .contains("A waiting period runs until Wednesday 1 April 2026"),
        "{}",
        deferred.html
    );
    assert!(
        deferred.html.contains("from=2026-04-01"),
        "{}",
        deferred.html
    );
    assert!(
        app.db
            .store
            .search_clients("", 10)
            .await
            .expect("clients")
            .is_empty(),
        "nothing kept"
    );

    // A third request with that address still counts; the fourth within a day is refused.
    let third = submit(&app, &form(practitioner, "sam@example.test", RULED_OUT)).await;
    assert_eq!(third.status, StatusCode::OK);
    let fourth = submit(&app, &form(practitioner, "SAM@example.test", &[])).await;
    assert_eq!(
        fourth.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        fourth.html
    );
    assert!(
        fourth
            .html
            .contains("Several bookings were asked for with these details"),
        "{}",
        fourth.html
    );
    assert!(app
        .db
        .store
        .search_clients("", 10)
        .await
        .expect("clients")
        .is_empty());
    // Another address books.
    let other = submit(&app, &form(practitioner, "alex@example.test", &[])).await;
    assert_eq!(other.status, StatusCode::CREATED, "{}", other.html);
}

async fn bad_booking_input_is_named_and_a_taken_time_keeps_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let practitioner = london_with_hours(&app).await;
    let browser = browser();

    let mut fields = form(practitioner, "not-an-address", &[]);
    fields.retain(|(k, _)| k != "consent");
    let refused = submit(&app, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.html.contains("Is not an email address"),
        "{}",
        refused.html
    );
    assert!(
        refused
            .html
            .contains("Tick the box to let the clinic keep your health answers"),
        "{}",
        refused.html
    );
    assert!(
        refused.html.contains("value=\"Sam Carter\""),
        "what was typed stays"
    );

    let mut long = form(practitioner, "sam@example.test", &[]);
    long[4].1 = "S".repeat(121);
    let too_long = submit(&app, &long).await;
    assert_eq!(too_long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        too_long.html.contains("name: is at most 120 characters"),
        "{}",
        too_long.html
    );

    let huge = form(
        practitioner,
        "sam@example.test",
        &[("phone", Box::leak("1".repeat(20_000).into_boxed_str()))],
    );
    assert_eq!(
        submit(&app, &huge).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );

    // A zone with a `+` survives the round trip through the links.
    let gmt5 = get(&browser, &app, "/book?tz=Etc%2FGMT%2B5&from=2025-12-01").await;
    assert_eq!(gmt5.status, StatusCode::OK, "{}", gmt5.html);
    assert!(
        gmt5.html.contains("<strong>Etc/GMT+5</strong>"),
        "{}",
        gmt5.html
    );
    let details_path = link_containing(&gmt5.html, "/book/details?");
    assert!(details_path.ends_with("&tz=Etc/GMT%2B5"), "{details_path}");
    let details = get(&browser, &app, &details_path).await;
    assert_eq!(details.status, StatusCode::OK, "{}", details.html);
    assert!(details.html.contains("(Etc/GMT+5)"), "{}", details.html);

    let mars = get(&browser, &app, "/book?tz=Mars/Olympus").await;
    assert_eq!(mars.status, StatusCode::BAD_REQUEST);
    assert!(
        mars.html
            .contains("is not a time zone; write one such as Europe/London"),
        "{}",
        mars.html
    );
    let nonsense = get(
        &browser,
        &app,
        "/book/details?service=consultation&practitioner=1&starts_at=soon",
    )
    .await;
    assert_eq!(nonsense.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        nonsense
            .html
            .contains("starts_at: choose a time from the list"),
        "{}",
        nonsense.html
    );

    // Someone else takes Tuesday at nine first: nothing is booked or kept.
    let first = app
        .post(
            "/api/v1/appointments",
            serde_json::json!({ "practitioner_id": practitioner, "service": "consultation", "starts_at": TUESDAY_NINE }),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{:?}", first.body);
    let taken = submit(&app, &form(practitioner, "sam@example.test", &[])).await;
    assert_eq!(taken.status, StatusCode::CONFLICT, "{}", taken.html);
    assert!(
        taken.html.contains("That time has just gone"),
        "{}",
        taken.html
    );
    assert!(app
        .db
        .store
        .search_clients("", 10)
        .await
        .expect("clients")
        .is_empty());
}

on_both_databases!(
    a_client_books_in_their_own_zone_and_moves_and_cancels_from_the_email,
    the_screening_decides_and_requests_are_limited_per_email,
    bad_booking_input_is_named_and_a_taken_time_keeps_nothing
);
