//! Screening through the API: consent first, the rules' evaluation kept, every access to
//! the health data audited, and only those who may see it.

use reqwest::{Method, StatusCode};
use serde_json::json;
use smp_store::{Backend, NewStaff, Role};

use crate::support::{assert_problem, now, spawn_app};

const ACCUTANE: &str = r#"{
  "conditions": [],
  "medications": [{"name": "isotretinoin", "last_taken": "2025-09-01"}],
  "procedures": [],
  "skin": {"sunburn": false, "suntan": false}
}"#;

async fn a_screening_needs_consent_then_keeps_the_evaluation_and_is_audited(backend: Backend) {
    let app = spawn_app(backend).await;
    let made = app
        .post("/api/v1/clients", json!({ "name": "Sam Carter" }))
        .await;
    let id = made.body["id"].as_i64().expect("an id");
    let path = format!("/api/v1/clients/{id}/screenings");
    let refused = app
        .send_raw(Method::POST, &path, "application/json", ACCUTANE)
        .await;
    assert_problem(
        &refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("health_consent_on"),
        "health_consent_on: record the client's consent to store health data before screening",
    );
    let consent = json!({ "name": "Sam Carter", "health_consent_on": "2025-12-01" });
    app.call(
        Some(Role::Owner),
        Method::PUT,
        &format!("/api/v1/clients/{id}"),
        Some(consent),
    )
    .await;
    let screened = app
        .send_raw(Method::POST, &path, "application/json", ACCUTANE)
        .await;
    assert_eq!(screened.status, StatusCode::CREATED, "{:?}", screened.body);
    // Isotretinoin stopped on 1 September: six months' wait, to 1 March.
    assert_eq!(screened.body["outcome"], "deferred");
    assert_eq!(screened.body["result"]["deferred_until"], "2026-03-01");
    assert_eq!(screened.body["screened_on"], "2025-12-01");
    let listed = app
        .call(Some(Role::Practitioner), Method::GET, &path, None)
        .await;
    assert_eq!(listed.body.as_array().map(Vec::len), Some(1));
    assert_eq!(
        listed.body[0]["answers"]["medications"][0]["name"],
        "isotretinoin"
    );
    let log = app.db.store.audit_log(10).await.expect("audit");
    let health: Vec<(&str, &str, &str)> = log
        .iter()
        .filter(|r| r.entry.subject.contains("screening"))
        .map(|r| {
            (
                r.entry.action.as_str(),
                r.entry.actor.as_str(),
                r.entry.address.as_str(),
            )
        })
        .collect();
    assert_eq!(
        health,
        [
            ("read", "practitioner@clinic.test", "127.0.0.1"),
            ("create", "owner@clinic.test", "127.0.0.1")
        ]
    );
}

async fn bad_answers_name_their_path(backend: Backend) {
    let app = spawn_app(backend).await;
    let made = app
        .post(
            "/api/v1/clients",
            json!({ "name": "Sam", "health_consent_on": "2025-11-30" }),
        )
        .await;
    let path = format!("/api/v1/clients/{}/screenings", made.body["id"]);
    let answer = app
        .send_raw(
            Method::POST,
            &path,
            "application/json",
            r#"{"conditions": ["flu"]}"#,
        )
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?}",
        answer.body
    );
    assert_eq!(answer.body["field"], "body.conditions[0]");
    let detail = answer.body["detail"].as_str().unwrap_or_default();
    assert!(
        detail.starts_with("body.conditions[0]: unknown condition \"flu\"; known: "),
        "{detail}"
    );
    assert!(app
        .db
        .store
        .screenings_of_client(made.body["id"].as_i64().unwrap_or(0))
        .await
        .expect("read")
        .is_empty());
}

async fn a_practitioner_cannot_see_another_practitioners_clients_health_data(backend: Backend) {
    let app = spawn_app(backend).await;
    let other = NewStaff {
        email: "other@clinic.test",
        name: "Other",
        role: Role::Practitioner,
        password_hash: "-",
    };
    let other = app
        .db
        .store
        .create_staff(&other, now())
        .await
        .expect("staff");
    let theirs = app
        .db
        .store
        .create_practitioner("Other", "", Some(other.id), now())
        .await
        .expect("practitioner");
    let made = app
        .post(
            "/api/v1/clients",
            json!({ "name": "Sam", "health_consent_on": "2025-11-30", "practitioner_id": theirs.id }),
        )
        .await;
    let path = format!("/api/v1/clients/{}/screenings", made.body["id"]);
    let refused = app
        .call(Some(Role::Practitioner), Method::GET, &path, None)
        .await;
    assert_problem(
        &refused,
        StatusCode::FORBIDDEN,
        None,
        "your role (practitioner) may not see another practitioner's client's health data",
    );
    let owner = app.call(Some(Role::Owner), Method::GET, &path, None).await;
    assert_eq!(owner.status, StatusCode::OK);
}

on_both_databases!(
    a_screening_needs_consent_then_keeps_the_evaluation_and_is_audited,
    bad_answers_name_their_path,
    a_practitioner_cannot_see_another_practitioners_clients_health_data
);
