//! Booking, moving and cancelling through the API.

use reqwest::{Method, StatusCode};
use serde_json::json;
use smp_store::{Backend, Role};

use crate::support::{assert_problem, spawn_app};

async fn a_booking_takes_its_service_time_and_buffers_and_a_clash_is_409(backend: Backend) {
    let app = spawn_app(backend).await;
    let p = app.practitioner("Alex").await;
    let booked = app
        .post(
            "/api/v1/appointments",
            json!({ "practitioner_id": p, "service": "session", "starts_at": "2025-12-08T10:00:00Z",
                    "session_number": 1, "note": "Norwood 5, session 1" }),
        )
        .await;
    assert_eq!(booked.status, StatusCode::CREATED, "{:?}", booked.body);
    assert_eq!(booked.body["ends_at"], "2025-12-08T14:00:00Z");
    assert_eq!(booked.body["busy_from"], "2025-12-08T09:45:00Z");
    assert_eq!(booked.body["busy_until"], "2025-12-08T14:30:00Z");
    // Inside the cleaning buffer after the session.
    let clash = app
        .post(
            "/api/v1/appointments",
            json!({ "practitioner_id": p, "service": "consultation_video", "starts_at": "2025-12-08T14:15:00Z" }),
        )
        .await;
    assert_problem(
        &clash,
        StatusCode::CONFLICT,
        None,
        "the practitioner already has an appointment overlapping that time",
    );
    let after = app
        .post(
            "/api/v1/appointments",
            json!({ "practitioner_id": p, "service": "consultation_video", "starts_at": "2025-12-08T14:30:00Z" }),
        )
        .await;
    assert_eq!(after.status, StatusCode::CREATED, "{:?}", after.body);
}

async fn an_appointment_is_moved_and_cancelled(backend: Backend) {
    let app = spawn_app(backend).await;
    let p = app.practitioner("Alex").await;
    let first = app
        .post("/api/v1/appointments", json!({ "practitioner_id": p, "service": "consultation", "starts_at": "2025-12-08T09:00:00Z" }))
        .await;
    let second = app
        .post("/api/v1/appointments", json!({ "practitioner_id": p, "service": "consultation", "starts_at": "2025-12-08T11:00:00Z" }))
        .await;
    let path = format!("/api/v1/appointments/{}", first.body["id"]);
    let onto = app
        .call(
            Some(Role::FrontDesk),
            Method::PATCH,
            &path,
            Some(json!({ "starts_at": "2025-12-08T10:30:00Z" })),
        )
        .await;
    assert_eq!(onto.status, StatusCode::CONFLICT, "{:?}", onto.body);
    let moved = app
        .call(
            Some(Role::FrontDesk),
            Method::PATCH,
            &path,
            Some(json!({ "starts_at": "2025-12-09T09:00:00Z" })),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{:?}", moved.body);
    assert_eq!(moved.body["ends_at"], "2025-12-09T09:45:00Z");
    let second_path = format!("/api/v1/appointments/{}", second.body["id"]);
    let cancelled = app
        .call(
            Some(Role::FrontDesk),
            Method::PATCH,
            &second_path,
            Some(json!({ "status": "cancelled" })),
        )
        .await;
    assert_eq!(cancelled.body["status"], "cancelled");
    // Its time is free again.
    let again = app
        .post("/api/v1/appointments", json!({ "practitioner_id": p, "service": "consultation", "starts_at": "2025-12-08T11:00:00Z" }))
        .await;
    assert_eq!(again.status, StatusCode::CREATED, "{:?}", again.body);
}

async fn bad_bookings_are_named(backend: Backend) {
    let app = spawn_app(backend).await;
    let p = app.practitioner("Alex").await;
    let unknown = app
        .post("/api/v1/appointments", json!({ "practitioner_id": p, "service": "massage", "starts_at": "2025-12-08T09:00:00Z" }))
        .await;
    assert_problem(
        &unknown,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("service"),
        "service: unknown service \"massage\"; known: consultation, consultation_video, session, touch_up",
    );
    let nobody = app
        .post("/api/v1/appointments", json!({ "practitioner_id": 999, "service": "session", "starts_at": "2025-12-08T09:00:00Z" }))
        .await;
    assert_problem(
        &nobody,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("practitioner_id or client_id"),
        "practitioner_id or client_id: refers to a record that does not exist",
    );
    let session = app
        .post("/api/v1/appointments", json!({ "practitioner_id": p, "service": "session", "starts_at": "2025-12-08T09:00:00Z", "session_number": 0 }))
        .await;
    assert_problem(
        &session,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("session_number"),
        "session_number: must be between 1 and 10",
    );
    let when = app
        .post(
            "/api/v1/appointments",
            json!({ "practitioner_id": p, "service": "session", "starts_at": "next Tuesday" }),
        )
        .await;
    assert_problem(
        &when,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("starts_at"),
        "starts_at: \"next Tuesday\" is not a date and time with an offset, such as 2025-12-08T09:00:00Z",
    );
    let path = "/api/v1/appointments/12345";
    let missing = app
        .call(
            Some(Role::Owner),
            Method::PATCH,
            path,
            Some(json!({ "status": "cancelled" })),
        )
        .await;
    assert_problem(
        &missing,
        StatusCode::NOT_FOUND,
        None,
        "appointment 12345 does not exist",
    );
    let booked = app
        .post("/api/v1/appointments", json!({ "practitioner_id": p, "service": "session", "starts_at": "2025-12-08T09:00:00Z" }))
        .await;
    let path = format!("/api/v1/appointments/{}", booked.body["id"]);
    let cases = [
        (
            json!({}),
            "starts_at",
            "starts_at: send starts_at (to move) or status: \"cancelled\" (to cancel)",
        ),
        (
            json!({ "status": "done" }),
            "status",
            "status: \"done\" is not a change; send \"cancelled\" to cancel",
        ),
        (
            json!({ "status": "cancelled", "starts_at": "2025-12-09T09:00:00Z" }),
            "status",
            "status: send either starts_at (to move) or status (to cancel), not both",
        ),
    ];
    for (body, field, detail) in cases {
        let answer = app
            .call(Some(Role::Owner), Method::PATCH, &path, Some(body))
            .await;
        assert_problem(
            &answer,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(field),
            detail,
        );
    }
}

on_both_databases!(
    a_booking_takes_its_service_time_and_buffers_and_a_clash_is_409,
    an_appointment_is_moved_and_cancelled,
    bad_bookings_are_named
);
