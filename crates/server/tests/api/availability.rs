//! Free times through the API: working hours in the clinic's zone, bookings, notice.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use smp_store::{Backend, Role};

use crate::support::{assert_problem, london, spawn_app, TestApp};

pub async fn london_with_hours(app: &TestApp) -> i64 {
    london(app).await;
    let p = app.practitioner("Alex").await;
    let hours = json!({ "hours": [
        { "weekday": "monday", "start": "09:00", "end": "13:00" },
        { "weekday": "tuesday", "start": "09:00", "end": "13:00" }
    ] });
    let set = app
        .call(
            Some(Role::Owner),
            Method::PUT,
            &format!("/api/v1/practitioners/{p}/hours"),
            Some(hours),
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{:?}", set.body);
    p
}

fn starts(body: &Value) -> Vec<String> {
    body["slots"]
        .as_array()
        .map(|slots| {
            slots
                .iter()
                .map(|s| s["local"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

async fn availability_follows_hours_and_bookings_in_the_clinics_zone(backend: Backend) {
    let app = spawn_app(backend).await;
    let p = london_with_hours(&app).await;
    // A 4-hour session fits only at 09:00 on a 09:00-13:00 day.
    let path = format!(
        "/api/v1/availability?practitioner_id={p}&service=session&from=2025-12-08&to=2025-12-14"
    );
    let found = app
        .call(Some(Role::FrontDesk), Method::GET, &path, None)
        .await;
    assert_eq!(found.status, StatusCode::OK, "{:?}", found.body);
    assert_eq!(found.body["time_zone"], "Europe/London");
    assert_eq!(
        starts(&found.body),
        ["2025-12-08T09:00+00:00", "2025-12-09T09:00+00:00"]
    );
    // Booking Monday takes it (and its buffers) away.
    let booked = app
        .post("/api/v1/appointments", json!({ "practitioner_id": p, "service": "session", "starts_at": "2025-12-08T09:00:00Z" }))
        .await;
    assert_eq!(booked.status, StatusCode::CREATED);
    let after = app
        .call(Some(Role::FrontDesk), Method::GET, &path, None)
        .await;
    assert_eq!(starts(&after.body), ["2025-12-09T09:00+00:00"]);
    // Summer time: the same local hours are an hour earlier in UTC.
    let june = format!(
        "/api/v1/availability?practitioner_id={p}&service=session&from=2026-06-01&to=2026-06-01"
    );
    let summer = app
        .call(Some(Role::FrontDesk), Method::GET, &june, None)
        .await;
    assert_eq!(summer.body["slots"][0]["starts_at"], "2026-06-01T08:00:00Z");
    assert_eq!(starts(&summer.body), ["2026-06-01T09:00+01:00"]);
}

async fn the_minimum_notice_hides_times_too_soon(backend: Backend) {
    let app = spawn_app(backend).await;
    let p = london_with_hours(&app).await;
    // Now is Monday 1 December 09:00; two hours' notice leaves 11:00 as the first start.
    let path = format!("/api/v1/availability?practitioner_id={p}&service=consultation&from=2025-12-01&to=2025-12-01");
    let found = app
        .call(Some(Role::FrontDesk), Method::GET, &path, None)
        .await;
    let all = starts(&found.body);
    assert_eq!(
        all.first().map(String::as_str),
        Some("2025-12-01T11:00+00:00")
    );
    // The last 45-minute consultation ends at closing; its cleaning buffer may run past it.
    assert_eq!(
        all.last().map(String::as_str),
        Some("2025-12-01T12:15+00:00")
    );
}

async fn bad_availability_searches_and_hours_are_named(backend: Backend) {
    let app = spawn_app(backend).await;
    let p = london_with_hours(&app).await;
    let cases = [
        (
            "practitioner_id=x&service=session&from=2025-12-08&to=2025-12-09",
            "practitioner_id",
            "practitioner_id: give the practitioner's id",
        ),
        (
            "practitioner_id=999&service=session&from=2025-12-08&to=2025-12-09",
            "practitioner_id",
            "practitioner_id: there is no practitioner 999",
        ),
        (
            &*format!("practitioner_id={p}&service=session&from=8/12/2025&to=2025-12-09"),
            "from",
            "from: \"8/12/2025\" is not a date (YYYY-MM-DD)",
        ),
        (
            &*format!("practitioner_id={p}&service=session&from=2025-12-09&to=2025-12-08"),
            "to",
            "to: is before from",
        ),
        (
            &*format!("practitioner_id={p}&service=session&from=2025-01-01&to=2025-12-31"),
            "to",
            "to: search at most 62 days at a time",
        ),
    ];
    for (query, field, detail) in cases {
        let answer = app
            .call(
                Some(Role::FrontDesk),
                Method::GET,
                &format!("/api/v1/availability?{query}"),
                None,
            )
            .await;
        assert_problem(
            &answer,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(field),
            detail,
        );
    }
    let hours = [
        (
            json!({ "hours": [{ "weekday": "funday", "start": "09:00", "end": "17:00" }] }),
            "hours[0].weekday",
            "hours[0].weekday: \"funday\" is not a weekday; use monday … sunday",
        ),
        (
            json!({ "hours": [{ "weekday": "monday", "start": "9am", "end": "17:00" }] }),
            "hours[0].start",
            "hours[0].start: \"9am\" is not a time (HH:MM)",
        ),
        (
            json!({ "hours": [{ "weekday": "monday", "start": "17:00", "end": "09:00" }] }),
            "hours[0].end",
            "hours[0].end: must be after the start",
        ),
        (
            json!({ "hours": [{ "weekday": "monday", "start": "09:00", "end": "13:00" }, { "weekday": "monday", "start": "12:00", "end": "17:00" }] }),
            "hours[1]",
            "hours[1]: overlaps another stretch of the same day",
        ),
    ];
    for (body, field, detail) in hours {
        let answer = app
            .call(
                Some(Role::Owner),
                Method::PUT,
                &format!("/api/v1/practitioners/{p}/hours"),
                Some(body),
            )
            .await;
        assert_problem(
            &answer,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(field),
            detail,
        );
    }
    // Nothing of the refused hours was kept.
    assert_eq!(app.db.store.working_hours(p).await.expect("hours").len(), 2);
}

on_both_databases!(
    availability_follows_hours_and_bookings_in_the_clinics_zone,
    the_minimum_notice_hides_times_too_soon,
    bad_availability_searches_and_hours_are_named
);
