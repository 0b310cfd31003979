//! What an online booking tells the client, through HTTP with the real SMTP sink: a
//! deferred client books the first time after their wait, the fee and a video
//! consultation are said right, a review books and says so, a decline gives its reason,
//! ten requests an hour from one network address are the most, and a manage link stops at
//! the appointment's start.

use reqwest::StatusCode;
use smp_server::smtp_sink::{Received, SmtpSink};
use smp_store::Backend;

use crate::availability::london_with_hours;
use crate::booking_online::{
    booked_screening, form, link_containing, manage_link, submit, RULED_OUT, TUESDAY_NINE,
};
use crate::mail::{mailer, wait};
use crate::pages::{browser, get, hidden};
use crate::support::{spawn_app, spawn_app_with};

/// A message's text with its quoted-printable soft breaks and `=` undone.
fn text_of(message: &Received) -> String {
    message
        .raw
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

async fn a_deferred_client_books_the_first_time_after_their_wait(backend: Backend) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    let practitioner = london_with_hours(&app).await;
    let browser = browser();
    // Isotretinoin until 1 October: the wait runs until 1 April 2026.
    let answers = [("medication.isotretinoin.last_taken", "2025-10-01")];

    let deferred = submit(&app, &form(practitioner, "sam@example.test", &answers)).await;
    assert_eq!(deferred.status, StatusCode::OK, "{}", deferred.html);
    assert!(
        deferred.html.contains("Please book a little later"),
        "{}",
        deferred.html
    );
    let week = get(
        &browser,
        &app,
        &link_containing(&deferred.html, "from=2026-04-01"),
    )
    .await;
    assert_eq!(week.status, StatusCode::OK, "{}", week.html);
    // The first free time after the wait: Monday 6 April, 09:00 in London (summer time).
    let details_path = link_containing(&week.html, "/book/details?");
    assert!(
        details_path.contains("starts_at=2026-04-06T08:00:00Z"),
        "{details_path}"
    );
    let details = get(&browser, &app, &details_path).await;
    assert_eq!(details.status, StatusCode::OK, "{}", details.html);

    let mut fields = form(practitioner, "sam@example.test", &answers);
    for (name, value) in &mut fields {
        if name == "starts_at" || name == "practitioner" {
            *value = hidden(&details.html, name);
        }
    }
    let booked = submit(&app, &fields).await;
    assert_eq!(booked.status, StatusCode::CREATED, "{}", booked.html);

    // Screened for the consultation's day, when the wait is over.
    let screening = booked_screening(&app, "sam").await.screening;
    assert_eq!(screening.verdict, "eligible");
    assert_eq!(screening.screened_on, jiff::civil::date(2026, 4, 6));
    let received = wait(&sink, 1).await;
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(
        received[0].subject,
        "Booked: your consultation on Mon 6 Apr 2026 at 09:00"
    );

    // The times reach past the policy's longest wait (a year), beyond the usual 180 days.
    let far = get(&browser, &app, "/book?from=2026-11-30").await;
    assert_eq!(far.status, StatusCode::OK, "{}", far.html);
    assert!(far.html.contains("Mon 30 Nov"), "{}", far.html);
}

async fn the_fee_a_video_consultation_a_review_and_a_decline_are_told_right(backend: Backend) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    let practitioner = london_with_hours(&app).await;
    let browser = browser();

    // The in-person consultation costs £50: the times page says so; the video one is free.
    let week = get(&browser, &app, "/book?service=consultation&from=2025-12-01").await;
    assert!(
        week.html.contains(
            "The consultation costs GBP 50.00, credited against your course if you go ahead."
        ),
        "{}",
        week.html
    );
    let free = get(
        &browser,
        &app,
        "/book?service=consultation_video&from=2025-12-01",
    )
    .await;
    assert_eq!(free.status, StatusCode::OK, "{}", free.html);
    assert!(
        !free.html.contains("The consultation costs"),
        "{}",
        free.html
    );

    // Psoriasis needs a practitioner's look: the consultation is booked, and says so.
    let review = submit(
        &app,
        &form(
            practitioner,
            "sam@example.test",
            &[("condition.psoriasis", "on")],
        ),
    )
    .await;
    assert_eq!(review.status, StatusCode::CREATED, "{}", review.html);
    assert!(
        review
            .html
            .contains("One of your answers needs a practitioner"),
        "{}",
        review.html
    );
    assert!(
        review.html.contains(
            "The consultation fee is GBP 50.00, credited against your course if you go ahead."
        ),
        "{}",
        review.html
    );
    let review = booked_screening(&app, "sam").await.screening;
    assert_eq!(review.verdict, "review");

    // The free video consultation, at eleven: no fee, and the email says it is by video.
    let mut video = form(practitioner, "alex@example.test", &[]);
    for (name, value) in &mut video {
        match name.as_str() {
            "service" => *value = "consultation_video".to_owned(),
            "starts_at" => *value = "2025-12-02T11:00:00Z".to_owned(),
            _ => {}
        }
    }
    let booked = submit(&app, &video).await;
    assert_eq!(booked.status, StatusCode::CREATED, "{}", booked.html);
    assert!(
        booked.html.contains("Your video consultation is booked"),
        "{}",
        booked.html
    );
    assert!(!booked.html.contains("consultation fee"), "{}", booked.html);

    let received = wait(&sink, 2).await;
    let to = |address: &str| {
        received
            .iter()
            .find(|m| m.to == address && m.subject.starts_with("Booked"))
            .map(text_of)
            .unwrap_or_else(|| panic!("no confirmation to {address}: {received:?}"))
    };
    let in_person = to("sam@example.test");
    assert!(in_person.contains("It is at the clinic."), "{in_person}");
    assert!(
        in_person.contains("The consultation fee is GBP 50.00, credited against your course"),
        "{in_person}"
    );
    let by_video = to("alex@example.test");
    assert!(
        by_video.contains("It is by video: your practitioner sends the link before."),
        "{by_video}"
    );
    assert!(!by_video.contains("consultation fee"), "{by_video}");

    // Haemophilia: nothing is booked, and the page gives the reason.
    let declined = submit(&app, &form(practitioner, "kim@example.test", RULED_OUT)).await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.html);
    assert!(
        declined
            .html
            .contains("Haemophilia: under this clinic&#39;s policy we cannot offer scalp micropigmentation with this condition."),
        "{}",
        declined.html
    );
    assert!(app
        .db
        .store
        .search_clients("kim", 10)
        .await
        .expect("clients")
        .is_empty());
}

async fn ten_requests_an_hour_from_one_address_are_the_most(backend: Backend) {
    let app = spawn_app(backend).await;
    let practitioner = london_with_hours(&app).await;
    // Ten requests with ten addresses, all from this machine's one network address.
    for n in 0..10 {
        let email = format!("client{n}@example.test");
        let answer = submit(&app, &form(practitioner, &email, RULED_OUT)).await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "request {n}: {}",
            answer.html
        );
    }
    let eleventh = submit(&app, &form(practitioner, "new@example.test", &[])).await;
    assert_eq!(
        eleventh.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        eleventh.html
    );
    assert!(
        eleventh
            .html
            .contains("Several bookings were asked for with these details"),
        "{}",
        eleventh.html
    );
    assert!(app
        .db
        .store
        .search_clients("", 10)
        .await
        .expect("clients")
        .is_empty());
    // An hour later the address may ask again.
    app.advance(61);
    let later = submit(&app, &form(practitioner, "new@example.test", &[])).await;
    assert_eq!(later.status, StatusCode::CREATED, "{}", later.html);
}

async fn a_manage_link_stops_working_when_the_appointment_starts(backend: Backend) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    let practitioner = london_with_hours(&app).await;
    let browser = browser();
    let booked = submit(&app, &form(practitioner, "sam@example.test", &[])).await;
    assert_eq!(booked.status, StatusCode::CREATED, "{}", booked.html);
    let received = wait(&sink, 1).await;
    let confirmation = received
        .iter()
        .find(|m| m.subject.starts_with("Booked"))
        .unwrap_or_else(|| panic!("{received:?}"));
    let link = manage_link(&confirmation.raw);
    assert_eq!(get(&browser, &app, &link).await.status, StatusCode::OK);

    // Now is Monday 09:00; the appointment starts on Tuesday at nine (TUESDAY_NINE).
    assert_eq!(TUESDAY_NINE, "2025-12-02T09:00:00Z");
    app.advance(24 * 60 - 1);
    assert_eq!(
        get(&browser, &app, &link).await.status,
        StatusCode::OK,
        "a minute before"
    );
    app.advance(1);
    let late = get(&browser, &app, &link).await;
    assert_eq!(late.status, StatusCode::NOT_FOUND, "{}", late.html);
    assert!(
        late.html.contains("This link no longer works"),
        "{}",
        late.html
    );
    let cancel = crate::pages::post(&browser, &app, &format!("{link}/cancel"), &[]).await;
    assert_eq!(cancel.status, StatusCode::NOT_FOUND, "{}", cancel.html);
}

on_both_databases!(
    a_deferred_client_books_the_first_time_after_their_wait,
    the_fee_a_video_consultation_a_review_and_a_decline_are_told_right,
    ten_requests_an_hour_from_one_address_are_the_most,
    a_manage_link_stops_working_when_the_appointment_starts
);
