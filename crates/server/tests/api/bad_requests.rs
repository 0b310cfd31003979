//! Malformed requests: a problem naming the field, never a 500 or the framework's text.

use reqwest::{Method, StatusCode};
use serde_json::json;
use smp_store::{Backend, Role};

use crate::support::{assert_problem, spawn_app};

async fn a_malformed_body_names_the_json_path(backend: Backend) {
    let app = spawn_app(backend).await;
    let path = "/api/v1/appointments";
    let cases = [
        (
            r#"{"practitioner_id": "one", "service": "session", "starts_at": "2025-12-08T09:00:00Z"}"#,
            "body.practitioner_id",
            "body.practitioner_id: invalid type: string \"one\", expected i64 at line 1 column 25",
        ),
        (
            r#"{"practitioner_id": 1, "service": "session"}"#,
            "body",
            "body: missing field `starts_at` at line 1 column 44",
        ),
        (
            r#"{"practitioner_id": 1, "service": "session", "starts_at": "2025-12-08T09:00:00Z", "colour": 1}"#,
            "body.colour",
            "body.colour: unknown field `colour`, expected one of `practitioner_id`, `client_id`, `service`, `starts_at`, `course_id`, `session_number`, `note` at line 1 column 90",
        ),
        (r#"{"practitioner_id": 1,"#, "body", "body: EOF while parsing a value at line 1 column 22"),
        (r#"[1, 2]"#, "body", "body: invalid length 2, expected struct BookBody with 7 elements at line 1 column 6"),
    ];
    for (text, field, detail) in cases {
        let answer = app
            .send_raw(Method::POST, path, "application/json", text)
            .await;
        assert_problem(&answer, StatusCode::BAD_REQUEST, Some(field), detail);
    }
    let form = app
        .send_raw(Method::POST, path, "text/plain", "practitioner_id=1")
        .await;
    assert_problem(
        &form,
        StatusCode::BAD_REQUEST,
        Some("Content-Type"),
        "Content-Type: send the body as application/json",
    );
}

async fn unknown_ids_and_routes_are_404_problems(backend: Backend) {
    let app = spawn_app(backend).await;
    for (path, detail) in [
        ("/api/v1/clients/99", "client 99 does not exist"),
        ("/api/v1/clients/abc", "client abc does not exist"),
        ("/api/v1/clients/-1", "client -1 does not exist"),
        (
            "/api/v1/appointments/99999999999999999999",
            "appointment 99999999999999999999 does not exist",
        ),
        (
            "/api/v1/nothing-here",
            "page /api/v1/nothing-here does not exist",
        ),
    ] {
        let answer = app.call(Some(Role::Owner), Method::GET, path, None).await;
        assert_problem(&answer, StatusCode::NOT_FOUND, None, detail);
    }
    let put = app
        .call(
            Some(Role::Owner),
            Method::PUT,
            "/api/v1/clients/77",
            Some(json!({ "name": "Sam" })),
        )
        .await;
    assert_problem(
        &put,
        StatusCode::NOT_FOUND,
        None,
        "client 77 does not exist",
    );
}

async fn a_wrong_token_is_401_and_a_forbidden_role_is_named(backend: Backend) {
    let app = spawn_app(backend).await;
    let answer = app
        .http
        .get(format!("{}/api/v1/clients", app.base))
        .bearer_auth("smp_not-a-token")
        .send()
        .await
        .expect("answers");
    assert_eq!(answer.status(), StatusCode::UNAUTHORIZED);
    let refused = app
        .call(
            Some(Role::FrontDesk),
            Method::POST,
            "/api/v1/practitioners",
            Some(json!({ "name": "X" })),
        )
        .await;
    assert_problem(
        &refused,
        StatusCode::FORBIDDEN,
        None,
        "your role (front_desk) may not manage the clinic's staff, services or policy",
    );
}

on_both_databases!(
    a_malformed_body_names_the_json_path,
    unknown_ids_and_routes_are_404_problems,
    a_wrong_token_is_401_and_a_forbidden_role_is_named
);
