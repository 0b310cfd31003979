//! Courses through the API: planned by the rules, booked all or nothing, and re-validated
//! when a session moves.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use smp_store::{Backend, Role};

use crate::support::{assert_problem, london, spawn_app};

fn local_starts(course: &Value) -> Vec<String> {
    course["sessions"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|s| s["starts_at"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

async fn a_course_is_planned_priced_and_its_sessions_booked(backend: Backend) {
    let app = spawn_app(backend).await;
    london(&app).await;
    let p = app.practitioner("Alex").await;
    let c = app.consenting_client().await;
    let made = app
        .post(
            "/api/v1/courses",
            json!({ "client_id": c, "practitioner_id": p, "area": "norwood-5", "hairline": "soft",
                    "start": "2026-03-23", "time": "10:00" }),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.body);
    let course = &made.body;
    assert_eq!(course["area"], "norwood-5");
    assert_eq!(course["hairline"], "soft");
    // Three sessions two weeks apart at 10:00 London time; the clocks go forward on 29 March.
    assert_eq!(
        local_starts(course),
        [
            "2026-03-23T10:00:00Z",
            "2026-04-06T09:00:00Z",
            "2026-04-20T09:00:00Z"
        ]
    );
    let sessions = course["sessions"].as_array().expect("sessions");
    assert!(sessions
        .iter()
        .all(|s| s["service"] == "session" && s["client_id"] == c));
    assert_eq!(course["plan"]["quote"]["currency"], "GBP");
    assert!(
        course["plan"]["quote"]["total"]["minor"]
            .as_i64()
            .unwrap_or(0)
            > 0
    );
    let id = course["id"].as_i64().expect("an id");
    let read = app
        .call(
            Some(Role::Practitioner),
            Method::GET,
            &format!("/api/v1/courses/{id}"),
            None,
        )
        .await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(local_starts(&read.body), local_starts(course));
}

async fn a_course_whose_session_is_taken_books_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    london(&app).await;
    let p = app.practitioner("Alex").await;
    let c = app.consenting_client().await;
    // Something already on the day session 2 would fall on.
    let blocker = app
        .post("/api/v1/appointments", json!({ "practitioner_id": p, "service": "consultation", "starts_at": "2026-04-06T11:00:00Z" }))
        .await;
    assert_eq!(blocker.status, StatusCode::CREATED);
    let refused = app
        .post(
            "/api/v1/courses",
            json!({ "client_id": c, "practitioner_id": p, "area": "norwood-5", "start": "2026-03-23", "time": "10:00" }),
        )
        .await;
    assert_problem(
        &refused,
        StatusCode::CONFLICT,
        None,
        "session 2 overlaps another appointment of the practitioner; nothing was booked",
    );
    assert!(app
        .db
        .store
        .courses_of_client(c)
        .await
        .expect("courses")
        .is_empty());
    assert!(app
        .db
        .store
        .appointments_of_client(c)
        .await
        .expect("appointments")
        .is_empty());
}

async fn moving_a_session_too_close_names_the_rule_unless_overridden_with_a_reason(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    london(&app).await;
    let p = app.practitioner("Alex").await;
    let c = app.consenting_client().await;
    let made = app
        .post(
            "/api/v1/courses",
            json!({ "client_id": c, "practitioner_id": p, "area": "norwood-5", "start": "2026-03-23", "time": "10:00" }),
        )
        .await;
    let second = made.body["sessions"][1]["id"].as_i64().expect("session 2");
    let path = format!("/api/v1/appointments/{second}");
    let too_close = json!({ "starts_at": "2026-03-30T09:00:00Z" });
    let refused = app
        .call(
            Some(Role::FrontDesk),
            Method::PATCH,
            &path,
            Some(too_close.clone()),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?}",
        refused.body
    );
    assert_eq!(refused.body["type"], "/problems/course-rules-broken");
    let rules: Vec<&str> = refused.body["violations"]
        .as_array()
        .map(|v| v.iter().filter_map(|r| r["rule"].as_str()).collect())
        .unwrap_or_default();
    assert!(rules.contains(&"gap.min_days"), "{rules:?}");
    assert_eq!(refused.body["violations"][0]["session"], 2);
    let kept = app
        .call(Some(Role::FrontDesk), Method::GET, &path, None)
        .await;
    assert_eq!(
        kept.body["starts_at"], "2026-04-06T09:00:00Z",
        "nothing moved"
    );
    // With a written reason it moves, and the override is in the audit log.
    let forced = json!({ "starts_at": "2026-03-30T09:00:00Z", "override_reason": "client flies out on 8 April" });
    let moved = app
        .call(Some(Role::FrontDesk), Method::PATCH, &path, Some(forced))
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{:?}", moved.body);
    assert_eq!(moved.body["starts_at"], "2026-03-30T09:00:00Z");
    // The session keeps its own length (a session, not a service's default).
    assert_eq!(moved.body["ends_at"], "2026-03-30T13:00:00Z");
    let log = app.db.store.audit_log(5).await.expect("audit");
    let entry = log
        .iter()
        .find(|r| r.entry.action == "override")
        .expect("an override entry");
    assert_eq!(entry.entry.actor, "front_desk@clinic.test");
    assert!(
        entry.entry.detail.contains("gap.min_days")
            && entry.entry.detail.ends_with("client flies out on 8 April")
    );
}

async fn bad_course_fields_are_named(backend: Backend) {
    let app = spawn_app(backend).await;
    let p = app.practitioner("Alex").await;
    let c = app.consenting_client().await;
    let base = json!({ "client_id": c, "practitioner_id": p, "area": "norwood-5", "start": "2026-03-23", "time": "10:00" });
    let with = |key: &str, value: Value| {
        let mut body = base.clone();
        body[key] = value;
        body
    };
    let cases = [
        (with("client_id", json!(999)), "client_id", "client_id: there is no client 999".to_owned()),
        (with("practitioner_id", json!(999)), "practitioner_id", "practitioner_id: there is no practitioner 999".to_owned()),
        (with("start", json!("2025-01-01")), "start", "start: is in the past".to_owned()),
        (with("start", json!("soon")), "start", "start: \"soon\" is not a date (YYYY-MM-DD)".to_owned()),
        (with("time", json!("10am")), "time", "time: \"10am\" is not a time (HH:MM)".to_owned()),
        (with("sessions", json!(9)), "sessions", "sessions: sessions: 9 is outside the policy's range of 1 to 4 (rule course.max_sessions / course.min_sessions)".to_owned()),
    ];
    for (body, field, detail) in cases {
        let answer = app.post("/api/v1/courses", body).await;
        assert_problem(
            &answer,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(field),
            &detail,
        );
    }
    let area = app
        .post("/api/v1/courses", with("area", json!("norwood-9")))
        .await;
    assert_eq!(area.body["field"], "area");
    assert!(area.body["detail"]
        .as_str()
        .unwrap_or_default()
        .starts_with("area: unknown area \"norwood-9\"; known: norwood-1"));
    let hairline = app
        .post("/api/v1/courses", with("hairline", json!("mohawk")))
        .await;
    assert_eq!(hairline.body["field"], "hairline", "{:?}", hairline.body);
    let events = app
        .post(
            "/api/v1/courses",
            with(
                "events",
                json!([{ "kind": "moon_trip", "from": "2026-04-01" }]),
            ),
        )
        .await;
    assert_eq!(
        events.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?}",
        events.body
    );
    assert!(
        events.body["field"]
            .as_str()
            .unwrap_or_default()
            .starts_with("events[0]"),
        "{:?}",
        events.body
    );
}

on_both_databases!(
    a_course_is_planned_priced_and_its_sessions_booked,
    a_course_whose_session_is_taken_books_nothing,
    moving_a_session_too_close_names_the_rule_unless_overridden_with_a_reason,
    bad_course_fields_are_named
);
