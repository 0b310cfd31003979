//! Reminders through the API: a course booked for a client with an email writes each
//! session's care reminders in the clinic's zone; moving a session moves them; cancelling
//! withdraws them; a client without an email gets none.

use reqwest::{Method, StatusCode};
use serde_json::json;
use smp_store::{Backend, OutboxMessage, Role};

use crate::pages::{account, assert_contains, browser, get, log_in, PASSWORD};
use crate::portal::course_from;
use crate::support::{london, spawn_app, TestApp};

/// The clinic in London, a practitioner (Alex) and a client (Sam Carter) with `email`:
/// (practitioner, client).
pub async fn london_client(app: &TestApp, email: &str) -> (i64, i64) {
    london(app).await;
    let p = app.practitioner("Alex").await;
    let c = app
        .post(
            "/api/v1/clients",
            json!({ "name": "Sam Carter", "email": email, "health_consent_on": "2025-11-30" }),
        )
        .await
        .body["id"]
        .as_i64()
        .expect("a client");
    (p, c)
}

fn local(message: &OutboxMessage) -> String {
    message
        .message
        .due_at
        .to_zoned(jiff::tz::TimeZone::get("Europe/London").expect("zone"))
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

fn pending(all: &[OutboxMessage]) -> Vec<&OutboxMessage> {
    all.iter().filter(|m| m.status == "pending").collect()
}

/// When `message` is due, in UTC.
fn utc(message: &OutboxMessage) -> String {
    message
        .message
        .due_at
        .strftime("%Y-%m-%d %H:%MZ")
        .to_string()
}

async fn reminders_stay_at_nine_on_the_wall_when_the_clocks_go_back(backend: Backend) {
    let app = spawn_app(backend).await;
    let (p, c) = london_client(&app, "sam@example.test").await;
    // Sessions on 19 October, 2 and 16 November 2026 at 10:00; the clocks go back on the
    // 25th of October, from British summer time (UTC+1) to GMT.
    let made = course_from(&app, p, c, "2026-10-19", "10:00").await;
    let session = |n: usize| made["sessions"][n]["id"].as_i64().expect("a session");
    let first = app
        .db
        .store
        .messages_of_appointment(session(0))
        .await
        .expect("read");
    let second = app
        .db
        .store
        .messages_of_appointment(session(1))
        .await
        .expect("read");
    let at = |all: &[OutboxMessage], key: &str| {
        let message = all
            .iter()
            .find(|m| m.message.key == key)
            .unwrap_or_else(|| panic!("no {key} in {all:?}"));
        (local(message), utc(message))
    };
    // Before the change 09:00 on the wall is 08:00 UTC; after it, 09:00 UTC.
    for (session, key, wall, instant) in [
        (&first, "before-7d", "2026-10-12 09:00", "2026-10-12 08:00Z"),
        (&first, "lifted-5d", "2026-10-24 09:00", "2026-10-24 08:00Z"),
        (
            &first,
            "lifted-10d",
            "2026-10-29 09:00",
            "2026-10-29 09:00Z",
        ),
        (
            &second,
            "before-7d",
            "2026-10-26 09:00",
            "2026-10-26 09:00Z",
        ),
        (
            &second,
            "before-1d",
            "2026-11-01 09:00",
            "2026-11-01 09:00Z",
        ),
        (
            &second,
            "before-0d",
            "2026-11-02 08:00",
            "2026-11-02 08:00Z",
        ),
    ] {
        assert_eq!(
            at(session, key),
            (wall.to_owned(), instant.to_owned()),
            "{key}"
        );
    }
    let retinol = second
        .iter()
        .find(|m| m.message.key == "before-7d")
        .expect("before-7d");
    assert!(retinol.message.subject.contains("on Mon 2 Nov 2026 10:00"));
    assert!(retinol
        .message
        .text
        .contains("Stop retinol and Retin-A from Mon 26 Oct 2026"));
}

async fn a_courses_reminders_follow_its_sessions_across_the_clock_change(backend: Backend) {
    let app = spawn_app(backend).await;
    let (p, c) = london_client(&app, "sam@example.test").await;
    // Sessions on 23 March, 6 and 20 April 2026 at 10:00; the clocks go forward on 29 March.
    let made = course_from(&app, p, c, "2026-03-23", "10:00").await;
    let second = made["sessions"][1]["id"].as_i64().expect("session 2");
    let all = app
        .db
        .store
        .messages_of_appointment(second)
        .await
        .expect("read");
    let by_key = |key: &str| {
        all.iter()
            .find(|m| m.message.key == key)
            .unwrap_or_else(|| panic!("no {key} in {all:?}"))
    };
    let retinol = by_key("before-7d");
    assert_eq!(
        local(retinol),
        "2026-03-30 09:00",
        "summer time, 09:00 on the wall"
    );
    assert_eq!(retinol.message.to_address, "sam@example.test");
    assert!(retinol
        .message
        .text
        .starts_with("Hello Sam,\n\n- Stop retinol and Retin-A from Mon 30 Mar 2026"));
    assert!(
        retinol.message.html.contains("Ink &amp; Dot"),
        "{}",
        retinol.message.html
    );
    assert_eq!(local(by_key("aftercare")), "2026-04-06 14:30");
    assert_eq!(local(by_key("lifted-5d")), "2026-04-11 09:00");
    // The last session is the final one: its sauna rule lasts 28 days.
    let third = made["sessions"][2]["id"].as_i64().expect("session 3");
    let last = app
        .db
        .store
        .messages_of_appointment(third)
        .await
        .expect("read");
    assert!(
        last.iter().any(|m| m.message.key == "lifted-28d"),
        "{last:?}"
    );
    assert!(!last.iter().any(|m| m.message.key == "lifted-10d"));

    // Session 2 moves a week later (overridden): its reminders move with it.
    let moved = app
        .call(
            Some(Role::Owner),
            Method::PATCH,
            &format!("/api/v1/appointments/{second}"),
            Some(json!({ "starts_at": "2026-04-13T09:00:00Z", "override_reason": "client away" })),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{:?}", moved.body);
    let all = app
        .db
        .store
        .messages_of_appointment(second)
        .await
        .expect("read");
    let now_pending = pending(&all);
    let retinol = now_pending
        .iter()
        .find(|m| m.message.key == "before-7d")
        .expect("a new retinol reminder");
    assert_eq!(local(retinol), "2026-04-06 09:00");
    assert!(all
        .iter()
        .any(|m| m.status == "cancelled" && local(m) == "2026-03-30 09:00"));

    let cancelled = app
        .call(
            Some(Role::Owner),
            Method::PATCH,
            &format!("/api/v1/appointments/{second}"),
            Some(json!({ "status": "cancelled" })),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{:?}", cancelled.body);
    let all = app
        .db
        .store
        .messages_of_appointment(second)
        .await
        .expect("read");
    assert!(pending(&all).is_empty(), "{all:?}");
}

async fn a_consultation_is_reminded_the_day_before_and_no_email_means_no_message(backend: Backend) {
    let app = spawn_app(backend).await;
    let (p, c) = london_client(&app, "sam@example.test").await;
    let booked = app
        .post(
            "/api/v1/appointments",
            json!({ "practitioner_id": p, "client_id": c, "service": "consultation",
                    "starts_at": "2025-12-10T14:00:00Z" }),
        )
        .await;
    assert_eq!(booked.status, StatusCode::CREATED, "{:?}", booked.body);
    let id = booked.body["id"].as_i64().expect("an id");
    let all = app
        .db
        .store
        .messages_of_appointment(id)
        .await
        .expect("read");
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].message.subject, "Tomorrow: your consultation");
    assert_eq!(local(&all[0]), "2025-12-09 09:00");
    assert!(
        all[0].message.text.contains("Wed 10 Dec 2025 at 14:00"),
        "{}",
        all[0].message.text
    );

    let silent = app
        .post(
            "/api/v1/clients",
            json!({ "name": "No Mail", "health_consent_on": "2025-11-30" }),
        )
        .await
        .body["id"]
        .as_i64()
        .expect("a client");
    let booked = app
        .post(
            "/api/v1/appointments",
            json!({ "practitioner_id": p, "client_id": silent, "service": "consultation",
                    "starts_at": "2025-12-11T14:00:00Z" }),
        )
        .await;
    let id = booked.body["id"].as_i64().expect("an id");
    assert!(app
        .db
        .store
        .messages_of_appointment(id)
        .await
        .expect("read")
        .is_empty());
}

async fn the_client_page_lists_the_emails_and_flags_one_in_doubt(backend: Backend) {
    let app = spawn_app(backend).await;
    let (p, c) = london_client(&app, "sam@example.test").await;
    for day in ["2025-12-03", "2025-12-05"] {
        let booked = app
            .post(
                "/api/v1/appointments",
                json!({ "practitioner_id": p, "client_id": c, "service": "consultation",
                        "starts_at": format!("{day}T14:00:00Z") }),
            )
            .await;
        assert_eq!(booked.status, StatusCode::CREATED, "{:?}", booked.body);
    }
    // A sender claims the first note and stops before saying how it went.
    let due: jiff::Timestamp = "2025-12-02T09:00:00Z".parse().expect("an instant");
    let claimed = app
        .db
        .store
        .claim_due("gone", due, due, 1)
        .await
        .expect("claimed");
    assert_eq!(claimed.len(), 1);
    app.db
        .store
        .settle_abandoned(due + jiff::SignedDuration::from_mins(1))
        .await
        .expect("settled");
    let desk = account(&app, "robin@clinic.test", Role::FrontDesk).await;
    let browser = browser();
    log_in(&browser, &app, &desk, PASSWORD).await;
    let page = get(&browser, &app, &format!("/clients/{c}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_contains(&page.html, &[
        "<td>Tue 2 Dec 2025, 09:00</td><td>Tomorrow: your consultation</td><td><strong class=\"field-error\">in doubt: check with the client</strong>",
        "<td>Thu 4 Dec 2025, 09:00</td><td>Tomorrow: your consultation</td><td>waiting</td>",
    ]);
}

on_both_databases!(
    reminders_stay_at_nine_on_the_wall_when_the_clocks_go_back,
    a_courses_reminders_follow_its_sessions_across_the_clock_change,
    a_consultation_is_reminded_the_day_before_and_no_email_means_no_message,
    the_client_page_lists_the_emails_and_flags_one_in_doubt
);
