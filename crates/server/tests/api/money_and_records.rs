//! Session records (health data, audited) and payments (in the clinic's currency).

use reqwest::{Method, StatusCode};
use serde_json::json;
use smp_store::{Backend, Role};

use crate::support::{assert_problem, spawn_app, TestApp};

/// A practitioner, a client with consent, and a session booked for them; returns
/// (client id, appointment id).
async fn booked_session(app: &TestApp) -> (i64, i64) {
    let p = app.practitioner("Alex").await;
    let client = app.consenting_client().await;
    let booked = app
        .post(
            "/api/v1/appointments",
            json!({ "practitioner_id": p, "client_id": client, "service": "session", "starts_at": "2025-12-08T10:00:00Z", "session_number": 1 }),
        )
        .await;
    (client, booked.body["id"].as_i64().expect("an appointment"))
}

async fn a_session_record_is_saved_replaced_and_every_access_audited(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, appointment) = booked_session(&app).await;
    let path = format!("/api/v1/appointments/{appointment}/record");
    let missing = app
        .call(Some(Role::Practitioner), Method::GET, &path, None)
        .await;
    assert_problem(
        &missing,
        StatusCode::NOT_FOUND,
        None,
        &format!("session record of appointment {appointment} does not exist"),
    );
    let record = json!({ "pigment": "carbon black", "dilution": "30% in distilled water", "needle": "1RL 0.25 mm",
                         "areas": "frontal, mid-scalp", "dots": 5200, "minutes": 190,
                         "notes": "light bleeding at the temples", "next_changes": "second shade 25%" });
    let saved = app
        .call(Some(Role::Practitioner), Method::PUT, &path, Some(record))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{:?}", saved.body);
    assert_eq!(saved.body["client_id"], client);
    let changed = json!({ "pigment": "carbon black", "dilution": "30%", "needle": "1RL 0.25 mm",
                          "areas": "frontal", "dots": 5300, "minutes": 195 });
    app.call(Some(Role::Practitioner), Method::PUT, &path, Some(changed))
        .await;
    let read = app.call(Some(Role::Owner), Method::GET, &path, None).await;
    assert_eq!(
        (read.body["dots"].as_i64(), read.body["notes"].as_str()),
        (Some(5300), Some(""))
    );
    let front_desk = app
        .call(Some(Role::FrontDesk), Method::GET, &path, None)
        .await;
    assert_eq!(front_desk.status, StatusCode::FORBIDDEN);
    let log = app.db.store.audit_log(20).await.expect("audit");
    let actions: Vec<(&str, &str)> = log
        .iter()
        .filter(|r| r.entry.subject == "session_record")
        .map(|r| (r.entry.action.as_str(), r.entry.actor.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("read", "owner@clinic.test"),
            ("write", "practitioner@clinic.test"),
            ("write", "practitioner@clinic.test")
        ]
    );
}

async fn bad_session_records_are_named(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, appointment) = booked_session(&app).await;
    let path = format!("/api/v1/appointments/{appointment}/record");
    let base = json!({ "pigment": "carbon black", "dilution": "30%", "needle": "1RL", "areas": "frontal", "dots": 10, "minutes": 60 });
    let with = |key: &str, value: serde_json::Value| {
        let mut body = base.clone();
        body[key] = value;
        body
    };
    for (body, field, detail) in [
        (
            with("pigment", json!(" ")),
            "pigment",
            "pigment: must not be empty",
        ),
        (
            with("dots", json!(-1)),
            "dots",
            "dots: must be between 0 and 200000",
        ),
        (
            with("minutes", json!(0)),
            "minutes",
            "minutes: must be between 1 and 600",
        ),
    ] {
        let answer = app
            .call(Some(Role::Owner), Method::PUT, &path, Some(body))
            .await;
        assert_problem(
            &answer,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(field),
            detail,
        );
    }
}

async fn payments_are_recorded_in_the_clinics_currency(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, _) = booked_session(&app).await;
    let paid = app
        .call(
            Some(Role::FrontDesk),
            Method::POST,
            "/api/v1/payments",
            Some(json!({ "client_id": client, "kind": "session", "method": "card", "amount_minor": 45000, "note": "session 1" })),
        )
        .await;
    assert_eq!(paid.status, StatusCode::CREATED, "{:?}", paid.body);
    // No clinic currency set: the policy's default.
    assert_eq!(
        (
            paid.body["currency"].as_str(),
            paid.body["paid_on"].as_str()
        ),
        (Some("USD"), Some("2025-12-01"))
    );
    let listed = app
        .call(
            Some(Role::Owner),
            Method::GET,
            &format!("/api/v1/clients/{client}/payments"),
            None,
        )
        .await;
    assert_eq!(listed.body[0]["amount_minor"], 45000);
    let base =
        json!({ "client_id": client, "kind": "session", "method": "card", "amount_minor": 100 });
    let with = |key: &str, value: serde_json::Value| {
        let mut body = base.clone();
        body[key] = value;
        body
    };
    for (body, field, detail) in [
        (
            with("amount_minor", json!(0)),
            "amount_minor",
            "amount_minor: must be a positive whole number of minor units (cents, pence)",
        ),
        (
            with("method", json!("cheque")),
            "method",
            "method: \"cheque\" is not one of cash, card, transfer",
        ),
        (
            with("kind", json!("tip")),
            "kind",
            "kind: \"tip\" is not one of consultation, session, touch_up, deposit, other",
        ),
        (
            with("currency", json!("EUR")),
            "currency",
            "currency: the clinic takes USD, not \"EUR\"",
        ),
        (
            with("paid_on", json!("2025-12-02")),
            "paid_on",
            "paid_on: is in the future",
        ),
        (
            with("client_id", json!(999)),
            "client_id",
            "client_id: there is no client 999",
        ),
        (
            with("course_id", json!(999)),
            "course_id",
            "course_id: there is no course 999",
        ),
    ] {
        let answer = app.post("/api/v1/payments", body).await;
        assert_problem(
            &answer,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(field),
            detail,
        );
    }
    let practitioner = app
        .call(
            Some(Role::Practitioner),
            Method::POST,
            "/api/v1/payments",
            Some(base),
        )
        .await;
    assert_eq!(practitioner.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.db
            .store
            .payments_of_client(client)
            .await
            .expect("payments")
            .len(),
        1,
        "nothing else kept"
    );
}

on_both_databases!(
    a_session_record_is_saved_replaced_and_every_access_audited,
    bad_session_records_are_named,
    payments_are_recorded_in_the_clinics_currency
);
