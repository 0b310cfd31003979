//! Every route, called with no login and as every role: denied by default, allowed only
//! where the role may.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use smp_server::api::ROUTES;
use smp_store::{Backend, Role};

use crate::support::spawn_app;

/// Who calls: no one, or a role.
const CALLERS: [Option<Role>; 4] = [
    None,
    Some(Role::Owner),
    Some(Role::Practitioner),
    Some(Role::FrontDesk),
];

/// What each caller gets: (no login, owner, practitioner, front desk).
type Expected = [u16; 4];

const PUBLIC: Expected = [200, 200, 200, 200];
const ANY_STAFF: Expected = [401, 200, 200, 200];
const ANY_STAFF_CREATES: Expected = [401, 201, 201, 201];
const OWNER_CREATES: Expected = [401, 201, 403, 403];
const OWNER_ONLY: Expected = [401, 200, 403, 403];
const OWNER_REMOVES: Expected = [401, 204, 403, 403];
const ANY_STAFF_REMOVES: Expected = [401, 204, 204, 204];
const MONEY: Expected = [401, 200, 403, 200];
const MONEY_CREATES: Expected = [401, 201, 403, 201];
const HEALTH_DATA: Expected = [401, 200, 200, 403];
const HEALTH_DATA_CREATES: Expected = [401, 201, 201, 403];
const HEALTH_DATA_REMOVES: Expected = [401, 204, 204, 403];

/// The body a caller (by its index in [`CALLERS`]) sends, if any.
type Body = Box<dyn Fn(usize) -> Option<Value>>;
/// One route to walk: method, path called, route as served, what each caller gets, body.
type Check = (Method, String, &'static str, Expected, Body);

async fn every_route_answers_each_role_as_its_permissions_say(backend: Backend) {
    let app = spawn_app(backend).await;
    let practitioner = app.practitioner("Alex").await;
    let client = app
        .post(
            "/api/v1/clients",
            json!({ "name": "Sam", "health_consent_on": "2025-11-30" }),
        )
        .await
        .body["id"]
        .as_i64()
        .expect("a client");
    let booked = app
        .post(
            "/api/v1/appointments",
            json!({ "practitioner_id": practitioner, "client_id": client, "service": "consultation",
                    "starts_at": "2025-12-08T09:00:00Z" }),
        )
        .await;
    let appointment = booked.body["id"].clone();
    let front_desk = app
        .db
        .store
        .all_staff()
        .await
        .expect("staff")
        .into_iter()
        .find(|s| s.role == Role::FrontDesk)
        .expect("a front desk account")
        .id;
    let course = app
        .post(
            "/api/v1/courses",
            json!({ "client_id": client, "practitioner_id": practitioner, "area": "norwood-5",
                    "start": "2026-03-02", "time": "10:00" }),
        )
        .await;
    assert_eq!(course.status, StatusCode::CREATED, "{:?}", course.body);
    let course = course.body["id"].clone();
    // One client who asked to be erased (declined by the owner), one who is erased.
    let mut others = Vec::new();
    for name in ["Asking", "Leaving", "Twice", "Twice again"] {
        let made = app.post("/api/v1/clients", json!({ "name": name })).await;
        others.push(made.body["id"].as_i64().expect("a client"));
    }
    let (asking, leaving, kept, merged) = (others[0], others[1], others[2], others[3]);
    app.db
        .store
        .request_erasure(asking, crate::support::now())
        .await
        .expect("asked");
    // Photos of Sam's: one to read and change, and one for each caller to delete.
    let mut photos = Vec::new();
    for _ in 0..=CALLERS.len() {
        let jpeg = smp_photo::samples::jpeg(&smp_photo::samples::upright(32, 24));
        let path = format!("/api/v1/clients/{client}/photos?view=front&consent=clinical");
        let made = app
            .upload(Some(Role::Owner), &path, "image/jpeg", jpeg)
            .await;
        photos.push(made.body["id"].as_i64().expect("a photo"));
    }
    let photo = photos[CALLERS.len()];
    // A design on that 32 × 24 photo at 1 mm a pixel, and a version of it.
    let design = json!({
        "calibration": { "from": [1, 1], "to": [31, 1], "mm": 30 },
        "area": [[2, 2], [30, 2], [30, 22], [2, 22]],
    });
    let version = app
        .call(
            Some(Role::Owner),
            Method::POST,
            &format!("/api/v1/photos/{photo}/designs"),
            Some(json!({ "design": design })),
        )
        .await
        .body["id"]
        .as_i64()
        .expect("a version");
    // Each caller books and moves to its own day, so that no call conflicts with another.
    let day = |i: usize, hour: u32| format!("2025-12-{:02}T{hour:02}:00:00Z", 10 + i);
    let checks: Vec<Check> = vec![
        (
            Method::GET,
            "/health".into(),
            "/health",
            PUBLIC,
            Box::new(|_| None),
        ),
        (
            Method::GET,
            "/api/v1/openapi.json".into(),
            "/api/v1/openapi.json",
            PUBLIC,
            Box::new(|_| None),
        ),
        (
            Method::GET,
            "/api/v1/practitioners".into(),
            "/api/v1/practitioners",
            ANY_STAFF,
            Box::new(|_| None),
        ),
        (
            Method::POST,
            "/api/v1/practitioners".into(),
            "/api/v1/practitioners",
            OWNER_CREATES,
            Box::new(|i| Some(json!({ "name": format!("P{i}") }))),
        ),
        (
            Method::PUT,
            format!("/api/v1/practitioners/{practitioner}/hours"),
            "/api/v1/practitioners/{id}/hours",
            OWNER_ONLY,
            Box::new(|_| Some(json!({ "hours": [{ "weekday": "monday", "start": "09:00", "end": "17:00" }] }))),
        ),
        (
            Method::GET,
            format!("/api/v1/practitioners/{practitioner}/hours"),
            "/api/v1/practitioners/{id}/hours",
            ANY_STAFF,
            Box::new(|_| None),
        ),
        (
            Method::POST,
            format!("/api/v1/practitioners/{practitioner}/days-off"),
            "/api/v1/practitioners/{id}/days-off",
            OWNER_CREATES,
            Box::new(|i| Some(json!({ "day": format!("2026-02-{:02}", 10 + i), "reason": "holiday" }))),
        ),
        (
            Method::GET,
            format!("/api/v1/practitioners/{practitioner}/days-off"),
            "/api/v1/practitioners/{id}/days-off",
            ANY_STAFF,
            Box::new(|_| None),
        ),
        (
            Method::DELETE,
            // The owner (caller 1) takes back the day it marked.
            format!("/api/v1/practitioners/{practitioner}/days-off/2026-02-11"),
            "/api/v1/practitioners/{id}/days-off/{day}",
            OWNER_REMOVES,
            Box::new(|_| None),
        ),
        (
            Method::GET,
            "/api/v1/clinic".into(),
            "/api/v1/clinic",
            ANY_STAFF,
            Box::new(|_| None),
        ),
        (
            Method::PUT,
            "/api/v1/clinic".into(),
            "/api/v1/clinic",
            OWNER_ONLY,
            Box::new(|_| {
                Some(json!({ "name": "Walk Clinic", "time_zone": "UTC", "currency": "USD",
                             "min_notice_minutes": 120 }))
            }),
        ),
        (
            Method::GET,
            "/api/v1/services".into(),
            "/api/v1/services",
            ANY_STAFF,
            Box::new(|_| None),
        ),
        (
            Method::PATCH,
            "/api/v1/services/touch_up".into(),
            "/api/v1/services/{code}",
            OWNER_ONLY,
            Box::new(|_| Some(json!({ "name": "Touch-up session" }))),
        ),
        (
            Method::GET,
            "/api/v1/policy".into(),
            "/api/v1/policy",
            OWNER_ONLY,
            Box::new(|_| None),
        ),
        (
            Method::PUT,
            "/api/v1/policy".into(),
            "/api/v1/policy",
            OWNER_ONLY,
            Box::new(|_| Some(json!({ "toml": "" }))),
        ),
        (
            Method::GET,
            "/api/v1/staff".into(),
            "/api/v1/staff",
            OWNER_ONLY,
            Box::new(|_| None),
        ),
        (
            Method::PATCH,
            format!("/api/v1/staff/{front_desk}"),
            "/api/v1/staff/{id}",
            OWNER_ONLY,
            Box::new(|_| Some(json!({ "active": true }))),
        ),
        (
            Method::GET,
            format!("/api/v1/availability?practitioner_id={practitioner}&service=consultation&from=2025-12-08&to=2025-12-09"),
            "/api/v1/availability",
            ANY_STAFF,
            Box::new(|_| None),
        ),
        (
            Method::GET,
            "/api/v1/clients?q=sa".into(),
            "/api/v1/clients",
            ANY_STAFF,
            Box::new(|_| None),
        ),
        (
            Method::POST,
            "/api/v1/clients".into(),
            "/api/v1/clients",
            ANY_STAFF_CREATES,
            Box::new(|i| Some(json!({ "name": format!("Client {i}") }))),
        ),
        (
            Method::GET,
            format!("/api/v1/clients/{client}"),
            "/api/v1/clients/{id}",
            ANY_STAFF,
            Box::new(|_| None),
        ),
        (
            Method::PUT,
            format!("/api/v1/clients/{client}"),
            "/api/v1/clients/{id}",
            ANY_STAFF,
            Box::new(|i| Some(json!({ "name": format!("Sam {i}"), "health_consent_on": "2025-11-30" }))),
        ),
        (
            Method::GET,
            format!("/api/v1/clients/{client}/screenings"),
            "/api/v1/clients/{id}/screenings",
            HEALTH_DATA,
            Box::new(|_| None),
        ),
        (
            Method::POST,
            format!("/api/v1/clients/{client}/screenings"),
            "/api/v1/clients/{id}/screenings",
            HEALTH_DATA_CREATES,
            Box::new(|_| Some(json!({ "conditions": [], "medications": [], "procedures": [] }))),
        ),
        (
            Method::PUT,
            format!("/api/v1/appointments/{appointment}/record"),
            "/api/v1/appointments/{id}/record",
            HEALTH_DATA,
            Box::new(|_| {
                Some(json!({ "pigment": "carbon black", "dilution": "30%", "needle": "1RL",
                             "areas": "frontal", "dots": 4000, "minutes": 180 }))
            }),
        ),
        (
            Method::GET,
            format!("/api/v1/appointments/{appointment}/record"),
            "/api/v1/appointments/{id}/record",
            HEALTH_DATA,
            Box::new(|_| None),
        ),
        (
            Method::POST,
            "/api/v1/payments".into(),
            "/api/v1/payments",
            MONEY_CREATES,
            Box::new(move |_| Some(json!({ "client_id": client, "kind": "consultation", "method": "card", "amount_minor": 5000 }))),
        ),
        (
            Method::GET,
            format!("/api/v1/clients/{client}/payments"),
            "/api/v1/clients/{id}/payments",
            MONEY,
            Box::new(|_| None),
        ),
        (
            Method::POST,
            "/api/v1/courses".into(),
            "/api/v1/courses",
            HEALTH_DATA_CREATES,
            Box::new(move |i| {
                Some(json!({ "client_id": client, "practitioner_id": practitioner, "area": "norwood-3",
                             "start": format!("2026-01-{:02}", 5 + i), "time": "10:00" }))
            }),
        ),
        (
            Method::GET,
            format!("/api/v1/courses/{course}"),
            "/api/v1/courses/{id}",
            HEALTH_DATA,
            Box::new(|_| None),
        ),
        (
            Method::POST,
            "/api/v1/appointments".into(),
            "/api/v1/appointments",
            ANY_STAFF_CREATES,
            Box::new(move |i| {
                Some(
                    json!({ "practitioner_id": practitioner, "service": "consultation",
                             "starts_at": day(i, 9) }),
                )
            }),
        ),
        (
            Method::GET,
            format!("/api/v1/appointments/{appointment}"),
            "/api/v1/appointments/{id}",
            ANY_STAFF,
            Box::new(|_| None),
        ),
        (
            Method::PATCH,
            format!("/api/v1/appointments/{appointment}"),
            "/api/v1/appointments/{id}",
            ANY_STAFF,
            Box::new(move |i| Some(json!({ "starts_at": day(i, 15) }))),
        ),
        (
            Method::POST,
            format!("/api/v1/practitioners/{practitioner}/calendar-feed"),
            "/api/v1/practitioners/{id}/calendar-feed",
            ANY_STAFF_CREATES,
            Box::new(|_| None),
        ),
        (
            Method::DELETE,
            format!("/api/v1/practitioners/{practitioner}/calendar-feed"),
            "/api/v1/practitioners/{id}/calendar-feed",
            ANY_STAFF_REMOVES,
            Box::new(|_| None),
        ),
        (
            Method::POST,
            format!("/api/v1/clients/{client}/calendar-feed"),
            "/api/v1/clients/{id}/calendar-feed",
            ANY_STAFF_CREATES,
            Box::new(|_| None),
        ),
        (
            Method::DELETE,
            format!("/api/v1/clients/{client}/calendar-feed"),
            "/api/v1/clients/{id}/calendar-feed",
            ANY_STAFF_REMOVES,
            Box::new(|_| None),
        ),
        (
            Method::GET,
            format!("/api/v1/clients/{client}/duplicates"),
            "/api/v1/clients/{id}/duplicates",
            ANY_STAFF,
            Box::new(|_| None),
        ),
        (
            Method::POST,
            format!("/api/v1/clients/{merged}/merge"),
            "/api/v1/clients/{id}/merge",
            OWNER_ONLY,
            Box::new(move |_| Some(json!({ "into": kept }))),
        ),
        (
            Method::GET,
            format!("/api/v1/clients/{client}/export"),
            "/api/v1/clients/{id}/export",
            HEALTH_DATA,
            Box::new(|_| None),
        ),
        (
            Method::GET,
            "/api/v1/reminders".into(),
            "/api/v1/reminders",
            OWNER_ONLY,
            Box::new(|_| None),
        ),
        (
            Method::PUT,
            "/api/v1/reminders/before-30d".into(),
            "/api/v1/reminders/{key}",
            OWNER_ONLY,
            Box::new(|_| Some(json!({ "enabled": true }))),
        ),
        (
            Method::DELETE,
            "/api/v1/reminders/before-30d".into(),
            "/api/v1/reminders/{key}",
            OWNER_REMOVES,
            Box::new(|_| None),
        ),
        (
            Method::GET,
            "/api/v1/erasure-requests".into(),
            "/api/v1/erasure-requests",
            OWNER_ONLY,
            Box::new(|_| None),
        ),
        (
            Method::POST,
            format!("/api/v1/clients/{client}/photos?view=top&consent=clinical"),
            "/api/v1/clients/{id}/photos",
            HEALTH_DATA_CREATES,
            Box::new(|_| None),
        ),
        (
            Method::GET,
            format!("/api/v1/clients/{client}/photos"),
            "/api/v1/clients/{id}/photos",
            HEALTH_DATA,
            Box::new(|_| None),
        ),
        (
            Method::GET,
            format!("/api/v1/photos/{photo}"),
            "/api/v1/photos/{id}",
            HEALTH_DATA,
            Box::new(|_| None),
        ),
        (
            Method::PATCH,
            format!("/api/v1/photos/{photo}"),
            "/api/v1/photos/{id}",
            HEALTH_DATA,
            Box::new(|_| Some(json!({ "consent": "marketing" }))),
        ),
        (
            Method::GET,
            format!("/api/v1/photos/{photo}/image"),
            "/api/v1/photos/{id}/image",
            HEALTH_DATA,
            Box::new(|_| None),
        ),
        (
            Method::POST,
            format!("/api/v1/photos/{photo}/preview?after=2"),
            "/api/v1/photos/{id}/preview",
            HEALTH_DATA,
            {
                let design = design.clone();
                Box::new(move |_| Some(design.clone()))
            },
        ),
        (
            Method::POST,
            format!("/api/v1/photos/{photo}/summary"),
            "/api/v1/photos/{id}/summary",
            HEALTH_DATA,
            {
                let design = design.clone();
                Box::new(move |_| Some(design.clone()))
            },
        ),
        (
            Method::POST,
            format!("/api/v1/photos/{photo}/starting-drawing"),
            "/api/v1/photos/{id}/starting-drawing",
            HEALTH_DATA,
            {
                let start = json!({
                    "pattern": "norwood-3",
                    "calibration": design["calibration"].clone(),
                    "head": { "centre": [16, 12], "radii": [12, 11] },
                });
                Box::new(move |_| Some(start.clone()))
            },
        ),
        (
            Method::POST,
            format!("/api/v1/photos/{photo}/designs"),
            "/api/v1/photos/{id}/designs",
            HEALTH_DATA_CREATES,
            {
                let design = design.clone();
                Box::new(move |_| Some(json!({ "design": design.clone() })))
            },
        ),
        (
            Method::GET,
            format!("/api/v1/clients/{client}/designs"),
            "/api/v1/clients/{id}/designs",
            HEALTH_DATA,
            Box::new(|_| None),
        ),
        (
            Method::GET,
            format!("/api/v1/designs/{version}"),
            "/api/v1/designs/{id}",
            HEALTH_DATA,
            Box::new(|_| None),
        ),
        (
            Method::GET,
            format!("/api/v1/designs/{version}/preview"),
            "/api/v1/designs/{id}/preview",
            HEALTH_DATA,
            Box::new(|_| None),
        ),
        (
            Method::GET,
            format!("/api/v1/designs/{version}/before-after"),
            "/api/v1/designs/{id}/before-after",
            HEALTH_DATA,
            Box::new(|_| None),
        ),
        (
            Method::GET,
            format!("/api/v1/designs/{version}/map"),
            "/api/v1/designs/{id}/map",
            HEALTH_DATA,
            Box::new(|_| None),
        ),
        (
            Method::DELETE,
            "/api/v1/photos/{own photo}".into(),
            "/api/v1/photos/{id}",
            HEALTH_DATA_REMOVES,
            Box::new(|_| None),
        ),
        (
            Method::POST,
            format!("/api/v1/clients/{asking}/erasure-request/decline"),
            "/api/v1/clients/{id}/erasure-request/decline",
            OWNER_REMOVES,
            Box::new(|_| Some(json!({ "reason": "Records are kept for ten years." }))),
        ),
        (
            Method::DELETE,
            format!("/api/v1/clients/{leaving}"),
            "/api/v1/clients/{id}",
            OWNER_ONLY,
            Box::new(|_| None),
        ),
    ];
    for (method, path, route, expected, body) in &checks {
        for (i, caller) in CALLERS.iter().enumerate() {
            // Each caller deletes a photo of its own.
            let path = &path.replace("{own photo}", &photos[i].to_string());
            // The photo upload's body is a file, not JSON.
            let answer = if *route == "/api/v1/clients/{id}/photos" && *method == Method::POST {
                let jpeg = smp_photo::samples::jpeg(&smp_photo::samples::upright(32, 24));
                app.upload(*caller, path, "image/jpeg", jpeg).await
            } else {
                app.call(*caller, method.clone(), path, body(i)).await
            };
            let wanted = StatusCode::from_u16(expected[i]).expect("a status");
            assert_eq!(
                answer.status,
                wanted,
                "{method} {route} as {:?}: {:?}",
                caller.map(Role::name),
                answer.body
            );
        }
    }
    // Every route the app serves was walked, with every method.
    for (route, methods) in ROUTES {
        for method in *methods {
            let walked = checks
                .iter()
                .any(|(m, _, r, _, _)| r == route && m.as_str().eq_ignore_ascii_case(method));
            assert!(walked, "{method} {route} is not in the role walk");
        }
    }
}

on_both_databases!(every_route_answers_each_role_as_its_permissions_say);
