//! Clients through the API.

use reqwest::{Method, StatusCode};
use serde_json::json;
use smp_store::{Backend, Role};

use crate::support::{assert_problem, spawn_app};

async fn a_client_is_created_found_and_edited(backend: Backend) {
    let app = spawn_app(backend).await;
    let practitioner = app.practitioner("Alex").await;
    let made = app
        .post(
            "/api/v1/clients",
            json!({ "name": " Sam Carter ", "email": "sam@example.test", "phone": "+44 20 7946 0000",
                    "date_of_birth": "1984-02-29", "health_consent_on": "2025-11-30",
                    "practitioner_id": practitioner, "sun_exposure": "medium" }),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.body);
    let id = made.body["id"].as_i64().expect("an id");
    assert_eq!(
        made.location.as_deref(),
        Some(format!("/api/v1/clients/{id}").as_str())
    );
    assert_eq!(made.body["name"], "Sam Carter");
    assert_eq!(made.body["health_consent_on"], "2025-11-30");
    assert_eq!(made.body["sun_exposure"], "medium");

    let found = app
        .call(
            Some(Role::FrontDesk),
            Method::GET,
            "/api/v1/clients?q=CART",
            None,
        )
        .await;
    assert_eq!(found.body.as_array().map(Vec::len), Some(1));
    assert_eq!(found.body[0]["id"], id);

    let edited = app
        .call(
            Some(Role::Practitioner),
            Method::PUT,
            &format!("/api/v1/clients/{id}"),
            Some(json!({ "name": "Sam Carter-Jones", "email": "sam@example.test" })),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{:?}", edited.body);
    let read = app
        .call(
            Some(Role::Owner),
            Method::GET,
            &format!("/api/v1/clients/{id}"),
            None,
        )
        .await;
    assert_eq!(read.body["name"], "Sam Carter-Jones");
    assert_eq!(read.body["date_of_birth"], serde_json::Value::Null);
    assert_eq!(read.body["sun_exposure"], serde_json::Value::Null);
}

async fn bad_client_fields_are_named(backend: Backend) {
    let app = spawn_app(backend).await;
    let cases = [
        (json!({ "name": "  " }), "name", "name: must not be empty"),
        (
            json!({ "name": "x".repeat(201) }),
            "name",
            "name: must be at most 200 characters",
        ),
        (
            json!({ "name": "Sam", "email": "sam at home" }),
            "email",
            "email: \"sam at home\" is not an email address",
        ),
        (
            json!({ "name": "Sam", "date_of_birth": "1984-02-30" }),
            "date_of_birth",
            "date_of_birth: \"1984-02-30\" is not a date (YYYY-MM-DD)",
        ),
        (
            json!({ "name": "Sam", "date_of_birth": "2026-01-01" }),
            "date_of_birth",
            "date_of_birth: is in the future",
        ),
        (
            json!({ "name": "Sam", "health_consent_on": "2025-12-02" }),
            "health_consent_on",
            "health_consent_on: is in the future",
        ),
        (
            json!({ "name": "Sam", "practitioner_id": 404 }),
            "practitioner_id",
            "practitioner_id: refers to a record that does not exist",
        ),
        (
            json!({ "name": "Sam", "sun_exposure": "tropical" }),
            "sun_exposure",
            "sun_exposure: \"tropical\" is not a sun exposure; use low, medium or high",
        ),
        (
            json!({ "name": "Sam\u{0007}" }),
            "name",
            "name: must not contain control characters",
        ),
    ];
    for (body, field, detail) in cases {
        let answer = app.post("/api/v1/clients", body).await;
        assert_problem(
            &answer,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(field),
            detail,
        );
    }
    let none = app
        .call(Some(Role::Owner), Method::GET, "/api/v1/clients", None)
        .await;
    assert_eq!(none.body, json!([]), "nothing was stored");
}

on_both_databases!(
    a_client_is_created_found_and_edited,
    bad_client_fields_are_named
);
