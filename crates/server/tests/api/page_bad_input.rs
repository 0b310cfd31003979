//! Bad input on the pages: each refused with its message, what was typed kept, nothing
//! stored.

use reqwest::StatusCode;
use serde_json::json;
use smp_store::{Backend, Role};

use crate::pages::{account, browser, get, hidden, log_in, post, PASSWORD};
use crate::support::{spawn_app, TestApp};

/// A logged-in owner's browser, a practitioner, and a client with consent.
async fn owner_with_client(app: &TestApp) -> (reqwest::Client, i64, i64) {
    let email = account(app, "olive@clinic.test", Role::Owner).await;
    let practitioner = app.practitioner("Alex").await;
    let client = app.consenting_client().await;
    let browser = browser();
    log_in(&browser, app, &email, PASSWORD).await;
    (browser, practitioner, client)
}

async fn the_course_form_names_what_is_wrong_and_books_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, practitioner, client) = owner_with_client(&app).await;
    let page = get(&browser, &app, &format!("/clients/{client}")).await;
    let csrf = hidden(&page.html, "csrf");
    let practitioner = practitioner.to_string();
    let path = format!("/clients/{client}/courses");
    for (sessions, start, message) in [
        (
            "three",
            "2025-12-08",
            "Sessions: give a whole number, or leave it empty for the policy&#39;s default.",
        ),
        ("", "2025-11-01", "Start: is in the past"),
        (
            "9",
            "2025-12-08",
            "Sessions: sessions: 9 is outside the policy&#39;s range of 1 to 4",
        ),
    ] {
        let form = [
            ("csrf", csrf.as_str()),
            ("practitioner", practitioner.as_str()),
            ("area", "norwood-5"),
            ("hairline", "modern"),
            ("sessions", sessions),
            ("start", start),
            ("time", "10:00"),
        ];
        let refused = post(&browser, &app, &path, &form).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            refused.html.contains(message),
            "{message}\n{}",
            refused.html
        );
        assert!(
            refused.html.contains(&format!(r#"value="{start}""#)),
            "the typed start is kept"
        );
    }
    assert!(app
        .db
        .store
        .courses_of_client(client)
        .await
        .expect("courses")
        .is_empty());
}

async fn the_payment_form_refuses_an_amount_it_cannot_read(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, _, client) = owner_with_client(&app).await;
    let page = get(&browser, &app, &format!("/clients/{client}")).await;
    let csrf = hidden(&page.html, "csrf");
    let path = format!("/clients/{client}/payments");
    for (amount, message) in [
        (
            "4.505",
            "Amount: &#34;4.505&#34; is not an amount such as 450.00",
        ),
        (
            "0",
            "Amount_minor: must be a positive whole number of minor units (cents, pence)",
        ),
    ] {
        let form = [
            ("csrf", csrf.as_str()),
            ("amount", amount),
            ("kind", "session"),
            ("method", "card"),
            ("course", ""),
        ];
        let refused = post(&browser, &app, &path, &form).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let html = refused.html.replace("&quot;", "&#34;");
        assert!(html.contains(message), "{message}\n{html}");
        assert!(
            html.contains(&format!(r#"value="{amount}""#)),
            "the typed amount is kept"
        );
    }
    assert!(app
        .db
        .store
        .payments_of_client(client)
        .await
        .expect("payments")
        .is_empty());
}

async fn the_session_record_form_shows_each_error_by_its_field(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, practitioner, client) = owner_with_client(&app).await;
    let booked = app
        .post(
            "/api/v1/appointments",
            json!({ "practitioner_id": practitioner, "client_id": client, "service": "session", "starts_at": "2025-12-08T10:00:00Z" }),
        )
        .await;
    let path = format!("/appointments/{}/record", booked.body["id"]);
    let csrf = hidden(&get(&browser, &app, &path).await.html, "csrf");
    for (dots, minutes, field, message) in [
        ("many", "60", "dots", "give a whole number"),
        ("100", "0", "minutes", "must be between 1 and 600"),
    ] {
        let form = [
            ("csrf", csrf.as_str()),
            ("pigment", "carbon black"),
            ("dilution", "30%"),
            ("needle", "1RL"),
            ("areas", "frontal"),
            ("dots", dots),
            ("minutes", minutes),
        ];
        let refused = post(&browser, &app, &path, &form).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let expected = format!(r#"<p class="field-error" id="{field}-error">{message}</p>"#);
        assert!(
            refused.html.contains(&expected),
            "{expected}\n{}",
            refused.html
        );
        assert!(
            refused.html.contains(r#"value="carbon black""#),
            "what was typed is kept"
        );
    }
    let id = booked.body["id"].as_i64().expect("an id");
    assert!(app
        .db
        .store
        .session_record(id)
        .await
        .expect("read")
        .is_none());
}

async fn the_questionnaire_needs_consent_and_keeps_the_answers(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, _, _) = owner_with_client(&app).await;
    let without = app
        .post("/api/v1/clients", json!({ "name": "No Consent" }))
        .await
        .body["id"]
        .clone();
    let path = format!("/clients/{without}/screening");
    let csrf = hidden(&get(&browser, &app, &path).await.html, "csrf");
    let form = [("csrf", csrf.as_str()), ("condition.psoriasis", "on")];
    let refused = post(&browser, &app, &path, &form).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .html
            .contains("Record the client&#39;s consent to store health data first"),
        "{}",
        refused.html
    );
    assert!(
        refused
            .html
            .contains(r#"name="condition.psoriasis" checked"#),
        "the ticked box stays ticked"
    );
    let id = without.as_i64().expect("an id");
    assert!(app
        .db
        .store
        .screenings_of_client(id)
        .await
        .expect("read")
        .is_empty());
}

async fn calendar_and_course_forms_without_a_usable_time_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let (browser, practitioner, client) = owner_with_client(&app).await;
    let week = get(
        &browser,
        &app,
        &format!("/calendar?practitioner={practitioner}&week=2025-12-08"),
    )
    .await;
    let csrf = hidden(&week.html, "csrf");
    let (practitioner_text, client_text) = (practitioner.to_string(), client.to_string());
    for (date, time, message, status) in [
        (
            "",
            "10:00",
            "Choose a date.",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "2025-12-09",
            "",
            "Choose a time.",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "2025-11-20",
            "10:00",
            "That time has passed.",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let form = [
            ("csrf", csrf.as_str()),
            ("practitioner", practitioner_text.as_str()),
            ("client", client_text.as_str()),
            ("service", "consultation"),
            ("date", date),
            ("time", time),
        ];
        let refused = post(&browser, &app, "/calendar/book", &form).await;
        assert_eq!(refused.status, status, "{message}");
        assert!(refused.html.contains(message), "{message}");
    }
    assert!(app
        .db
        .store
        .appointments_of_client(client)
        .await
        .expect("read")
        .is_empty());
    // A course session moved without a date.
    let course = app
        .post(
            "/api/v1/courses",
            json!({ "client_id": client, "practitioner_id": practitioner, "area": "norwood-5", "start": "2025-12-08", "time": "10:00" }),
        )
        .await;
    let session = course.body["sessions"][0]["id"].clone();
    let form = [("csrf", csrf.as_str()), ("date", ""), ("time", "10:00")];
    let refused = post(
        &browser,
        &app,
        &format!("/appointments/{session}/move"),
        &form,
    )
    .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.html.contains("Give the new date and time."));
    let preview = get(
        &browser,
        &app,
        &format!("/courses/{}/preview.png?view=side", course.body["id"]),
    )
    .await;
    assert_eq!(preview.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        preview
            .html
            .contains("view: &#34;side&#34; is not a view; use top, front or closeup"),
        "{}",
        preview.html
    );
}

async fn the_day_view_without_practitioners_says_so(backend: Backend) {
    let app = spawn_app(backend).await;
    let email = account(&app, "olive@clinic.test", Role::Owner).await;
    let browser = browser();
    log_in(&browser, &app, &email, PASSWORD).await;
    let day = get(&browser, &app, "/calendar/day").await;
    assert_eq!(day.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(day
        .html
        .contains("practitioner: there are no practitioners yet"));
}

on_both_databases!(
    the_course_form_names_what_is_wrong_and_books_nothing,
    the_payment_form_refuses_an_amount_it_cannot_read,
    the_session_record_form_shows_each_error_by_its_field,
    the_questionnaire_needs_consent_and_keeps_the_answers,
    calendar_and_course_forms_without_a_usable_time_are_refused,
    the_day_view_without_practitioners_says_so
);
