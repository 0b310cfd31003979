//! What owners set through the API: the clinic, services, the policy file, days off,
//! weekly hours and staff accounts; each change takes effect, and bad input is named.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use smp_store::{Backend, Role};

use crate::support::{assert_problem, spawn_app, TestApp};

async fn put(app: &TestApp, path: &str, body: Value) -> crate::support::Answer {
    app.call(Some(Role::Owner), Method::PUT, path, Some(body))
        .await
}

async fn patch(app: &TestApp, path: &str, body: Value) -> crate::support::Answer {
    app.call(Some(Role::Owner), Method::PATCH, path, Some(body))
        .await
}

fn london() -> Value {
    json!({ "name": "Ink & Dot", "time_zone": "Europe/London", "currency": "GBP",
            "min_notice_minutes": 60 })
}

async fn the_clinic_settings_are_checked_field_by_field_and_take_effect(backend: Backend) {
    let app = spawn_app(backend).await;
    for (body, field, detail) in [
        (
            json!({ "name": " ", "time_zone": "Europe/London", "currency": "GBP", "min_notice_minutes": 60 }),
            "name",
            "name: must not be empty",
        ),
        (
            json!({ "name": "A", "time_zone": "Europe/Londres", "currency": "GBP", "min_notice_minutes": 60 }),
            "time_zone",
            "time_zone: \"Europe/Londres\" is not a time zone; use an IANA name such as Europe/London",
        ),
        (
            json!({ "name": "A", "time_zone": "Europe/London", "currency": "pounds", "min_notice_minutes": 60 }),
            "currency",
            "currency: expected an ISO 4217 currency code of three capital letters like \"USD\", got \"pounds\"",
        ),
        (
            json!({ "name": "A", "time_zone": "Europe/London", "currency": "GBP", "min_notice_minutes": -5 }),
            "min_notice_minutes",
            "min_notice_minutes: must be between 0 and 20160 minutes (14 days)",
        ),
    ] {
        let refused = put(&app, "/api/v1/clinic", body).await;
        assert_problem(&refused, StatusCode::UNPROCESSABLE_ENTITY, Some(field), detail);
    }
    assert_eq!(app.db.store.clinic().await.expect("read"), None);
    let saved = put(&app, "/api/v1/clinic", london()).await;
    assert_eq!(saved.status, StatusCode::OK, "{:?}", saved.body);
    let read = app
        .call(Some(Role::FrontDesk), Method::GET, "/api/v1/clinic", None)
        .await;
    assert_eq!(read.body, london());
    let services = app
        .call(Some(Role::FrontDesk), Method::GET, "/api/v1/services", None)
        .await;
    assert!(services
        .body
        .as_array()
        .expect("a list")
        .iter()
        .all(|s| s["currency"] == "GBP"));
    let log = app.db.store.audit_log(5).await.expect("audit");
    assert_eq!(log[0].entry.subject, "clinic");
    assert!(
        log[0].entry.detail.contains("minimum notice 60 min"),
        "{:?}",
        log[0]
    );
}

async fn a_service_change_is_bounded_by_its_kind_and_changes_what_a_booking_takes(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let p = app.practitioner("Alex").await;
    let refused = patch(&app, "/api/v1/services/session", json!({ "minutes": 30 })).await;
    assert_problem(
        &refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("minutes"),
        "minutes: must be between 60 and 360",
    );
    let refused = patch(
        &app,
        "/api/v1/services/touch_up",
        json!({ "price_minor": -1 }),
    )
    .await;
    assert_problem(
        &refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("price_minor"),
        "price_minor: must be between 0 and 100000000",
    );
    let refused = patch(&app, "/api/v1/services/massage", json!({ "minutes": 60 })).await;
    assert_problem(
        &refused,
        StatusCode::NOT_FOUND,
        None,
        "service massage does not exist",
    );
    let refused = patch(&app, "/api/v1/services/session", json!({ "hours": 4 })).await;
    assert_eq!(
        refused.status,
        StatusCode::BAD_REQUEST,
        "{:?}",
        refused.body
    );
    let changed = patch(
        &app,
        "/api/v1/services/consultation",
        json!({ "minutes": 60, "buffer_after": 0 }),
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK, "{:?}", changed.body);
    assert_eq!(changed.body["minutes"], 60);
    assert_eq!(changed.body["name"], "Consultation");
    let booked = app
        .post(
            "/api/v1/appointments",
            json!({ "practitioner_id": p, "service": "consultation", "starts_at": "2025-12-08T09:00:00Z" }),
        )
        .await;
    assert_eq!(booked.status, StatusCode::CREATED, "{:?}", booked.body);
    assert_eq!(booked.body["ends_at"], "2025-12-08T10:00:00Z");
}

async fn the_clinics_policy_file_is_checked_by_line_and_plans_the_courses(backend: Backend) {
    let app = spawn_app(backend).await;
    let early = put(&app, "/api/v1/policy", json!({ "toml": "" })).await;
    assert_problem(
        &early,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("currency"),
        "currency: set the clinic's settings before its policy",
    );
    put(&app, "/api/v1/clinic", london()).await;
    let refused = put(
        &app,
        "/api/v1/policy",
        json!({ "toml": "[gap]\nmin_days = -1\nwhatever = 3\n" }),
    )
    .await;
    assert_problem(
        &refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("toml"),
        "toml: policy:2: gap.min_days: must not be negative, got -1\npolicy:3: gap.whatever: unknown key; known keys in [gap]: gap.min_days, gap.max_days",
    );
    let refused = put(
        &app,
        "/api/v1/policy",
        json!({ "toml": "[price]\ncurrency = \"EUR\"\n" }),
    )
    .await;
    assert_problem(
        &refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("toml"),
        "toml: policy:2: price.currency: prices are in the clinic's currency, GBP; change the currency in the clinic's settings instead",
    );
    let file = "[gap]\nmin_days = 21\nmax_days = 35\n";
    let saved = put(&app, "/api/v1/policy", json!({ "toml": file })).await;
    assert_eq!(saved.status, StatusCode::OK, "{:?}", saved.body);
    let read = app
        .call(Some(Role::Owner), Method::GET, "/api/v1/policy", None)
        .await;
    assert_eq!(read.body["toml"], file);
    let p = app.practitioner("Alex").await;
    let client = app
        .post(
            "/api/v1/clients",
            json!({ "name": "Sam", "health_consent_on": "2025-11-30" }),
        )
        .await
        .body["id"]
        .clone();
    let course = app
        .post(
            "/api/v1/courses",
            json!({ "client_id": client, "practitioner_id": p, "area": "norwood-5",
                    "start": "2026-01-12", "time": "10:00" }),
        )
        .await;
    assert_eq!(course.status, StatusCode::CREATED, "{:?}", course.body);
    let starts: Vec<&str> = course.body["sessions"]
        .as_array()
        .expect("sessions")
        .iter()
        .map(|s| s["starts_at"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        starts,
        [
            "2026-01-12T10:00:00Z",
            "2026-02-02T10:00:00Z",
            "2026-02-23T10:00:00Z"
        ],
        "three weeks apart, as the clinic's file says"
    );
}

async fn days_off_and_hours_change_the_free_times(backend: Backend) {
    let app = spawn_app(backend).await;
    let p = app.practitioner("Alex").await;
    let hours = json!({ "hours": [
        { "weekday": "monday", "start": "09:00", "end": "12:00" },
        { "weekday": "monday", "start": "11:00", "end": "17:00" }
    ] });
    let refused = put(&app, &format!("/api/v1/practitioners/{p}/hours"), hours).await;
    assert_problem(
        &refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("hours[1]"),
        "hours[1]: overlaps another stretch of the same day",
    );
    let hours = json!({ "hours": [
        { "weekday": "monday", "start": "09:00", "end": "12:00" },
        { "weekday": "Monday", "start": "13:00", "end": "17:00" }
    ] });
    let saved = put(&app, &format!("/api/v1/practitioners/{p}/hours"), hours).await;
    assert_eq!(saved.status, StatusCode::OK, "{:?}", saved.body);
    let read = app
        .call(
            Some(Role::FrontDesk),
            Method::GET,
            &format!("/api/v1/practitioners/{p}/hours"),
            None,
        )
        .await;
    assert_eq!(
        read.body,
        json!({ "hours": [
            { "weekday": "monday", "start": "09:00", "end": "12:00" },
            { "weekday": "monday", "start": "13:00", "end": "17:00" }
        ] })
    );
    let days_off = format!("/api/v1/practitioners/{p}/days-off");
    let refused = app.post(&days_off, json!({ "day": "2025-12-32" })).await;
    assert_problem(
        &refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("day"),
        "day: \"2025-12-32\" is not a date (YYYY-MM-DD)",
    );
    let marked = app
        .post(
            &days_off,
            json!({ "day": "2025-12-08", "reason": "training" }),
        )
        .await;
    assert_eq!(marked.status, StatusCode::CREATED, "{:?}", marked.body);
    let free = format!(
        "/api/v1/availability?practitioner_id={p}&service=consultation&from=2025-12-08&to=2025-12-15"
    );
    let found = app
        .call(Some(Role::FrontDesk), Method::GET, &free, None)
        .await;
    let days: Vec<String> = found.body["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .map(|s| s["local"].as_str().unwrap_or_default()[..10].to_owned())
        .collect();
    assert!(
        !days.is_empty() && days.iter().all(|d| d == "2025-12-15"),
        "{days:?}"
    );
    let listed = app
        .call(Some(Role::FrontDesk), Method::GET, &days_off, None)
        .await;
    assert_eq!(
        listed.body,
        json!([{ "day": "2025-12-08", "reason": "training" }])
    );
    let bad = app
        .call(
            Some(Role::Owner),
            Method::DELETE,
            &format!("{days_off}/someday"),
            None,
        )
        .await;
    assert_problem(
        &bad,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("day"),
        "day: \"someday\" is not a date (YYYY-MM-DD)",
    );
    let path = format!("{days_off}/2025-12-08");
    let removed = app
        .call(Some(Role::Owner), Method::DELETE, &path, None)
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    let again = app
        .call(Some(Role::Owner), Method::DELETE, &path, None)
        .await;
    assert_problem(
        &again,
        StatusCode::NOT_FOUND,
        None,
        "day off 2025-12-08 does not exist",
    );
}

async fn a_switched_off_account_is_refused_at_once_and_works_again_when_switched_on(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let staff = app
        .call(Some(Role::Owner), Method::GET, "/api/v1/staff", None)
        .await;
    let id_of = |role: &str| {
        staff
            .body
            .as_array()
            .expect("a list")
            .iter()
            .find(|s| s["role"] == role)
            .and_then(|s| s["id"].as_i64())
            .expect("an account")
    };
    let (owner, practitioner) = (id_of("owner"), id_of("practitioner"));
    assert!(staff.body.to_string().find("password").is_none());
    let refused = patch(
        &app,
        &format!("/api/v1/staff/{owner}"),
        json!({ "active": false }),
    )
    .await;
    assert_problem(
        &refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("active"),
        "active: you cannot switch off your own account; ask another owner",
    );
    let refused = patch(&app, "/api/v1/staff/4242", json!({ "active": false })).await;
    assert_problem(
        &refused,
        StatusCode::NOT_FOUND,
        None,
        "staff member 4242 does not exist",
    );
    let refused = patch(
        &app,
        &format!("/api/v1/staff/{practitioner}"),
        json!({ "active": "no" }),
    )
    .await;
    assert_eq!(
        refused.status,
        StatusCode::BAD_REQUEST,
        "{:?}",
        refused.body
    );
    let off = patch(
        &app,
        &format!("/api/v1/staff/{practitioner}"),
        json!({ "active": false }),
    )
    .await;
    assert_eq!(off.body["active"], false, "{:?}", off.body);
    let shut_out = app
        .call(
            Some(Role::Practitioner),
            Method::GET,
            "/api/v1/clients",
            None,
        )
        .await;
    assert_eq!(shut_out.status, StatusCode::UNAUTHORIZED);
    let on = patch(
        &app,
        &format!("/api/v1/staff/{practitioner}"),
        json!({ "active": true }),
    )
    .await;
    assert_eq!(on.body["active"], true, "{:?}", on.body);
    let back = app
        .call(
            Some(Role::Practitioner),
            Method::GET,
            "/api/v1/clients",
            None,
        )
        .await;
    assert_eq!(back.status, StatusCode::OK);
    let actions: Vec<String> = app
        .db
        .store
        .audit_log(10)
        .await
        .expect("audit")
        .into_iter()
        .filter(|r| r.entry.subject == "staff")
        .map(|r| r.entry.action)
        .collect();
    assert_eq!(actions, ["switch-on", "switch-off"]);
}

on_both_databases!(
    the_clinic_settings_are_checked_field_by_field_and_take_effect,
    a_service_change_is_bounded_by_its_kind_and_changes_what_a_booking_takes,
    the_clinics_policy_file_is_checked_by_line_and_plans_the_courses,
    days_off_and_hours_change_the_free_times,
    a_switched_off_account_is_refused_at_once_and_works_again_when_switched_on
);
