//! Messages waiting in the outbox follow what they were written from: the client's new name
//! and address, the clinic's new wording, an address cleared and given again; sent ones
//! are never written again. With the real SMTP sink.

use std::collections::HashSet;

use reqwest::{Method, StatusCode};
use serde_json::json;
use smp_server::smtp_sink::SmtpSink;
use smp_store::{Backend, OutboxMessage, Role};

use crate::mail::mailer;
use crate::portal::{course, wait_for};
use crate::reminders::london_client;
use crate::support::{spawn_app_with, TestApp};

/// The client's messages waiting to go.
async fn waiting(app: &TestApp, client: i64) -> Vec<OutboxMessage> {
    let all = app.db.store.messages_of_client(client).await.expect("read");
    all.into_iter().filter(|m| m.status == "pending").collect()
}

/// Replaces the client's name and address through the API.
async fn rename(app: &TestApp, client: i64, name: &str, email: &str) {
    let changed = app
        .call(
            Some(Role::Owner),
            Method::PUT,
            &format!("/api/v1/clients/{client}"),
            Some(json!({ "name": name, "email": email, "health_consent_on": "2025-11-30" })),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{:?}", changed.body);
}

async fn waiting_messages_follow_the_clients_details_and_the_clinics_wording(backend: Backend) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    let (p, c) = london_client(&app, "sam@example.test").await;
    course(&app, p, c).await;
    let booked = waiting(&app, c).await;
    assert!(booked.len() > 20, "{booked:?}");
    assert!(booked
        .iter()
        .all(|m| m.message.to_address == "sam@example.test"
            && m.message.text.starts_with("Hello Sam,")));

    // A new name and address: every waiting message follows, none added or withdrawn.
    rename(&app, c, "Samuel Carter", "samuel@example.test").await;
    let renamed = waiting(&app, c).await;
    let ids = |all: &[OutboxMessage]| all.iter().map(|m| m.id).collect::<Vec<_>>();
    assert_eq!(ids(&renamed), ids(&booked));
    for message in &renamed {
        assert_eq!(message.message.to_address, "samuel@example.test");
        assert!(
            message.message.text.starts_with("Hello Samuel,"),
            "{}",
            message.message.text
        );
    }

    // The clinic words the week-before reminder: the three waiting ones take the wording.
    let worded = app
        .call(
            Some(Role::Owner),
            Method::PUT,
            "/api/v1/reminders/before-7d",
            Some(json!({ "enabled": true, "subject": "{clinic}: a week to go, {first_name}" })),
        )
        .await;
    assert_eq!(worded.status, StatusCode::OK, "{:?}", worded.body);
    let week: Vec<String> = waiting(&app, c)
        .await
        .into_iter()
        .filter(|m| m.message.key == "before-7d")
        .map(|m| m.message.subject)
        .collect();
    assert_eq!(week, ["Ink & Dot: a week to go, Samuel"; 3]);
    let audit = app.db.store.audit_log(20).await.expect("audit");
    assert!(
        audit
            .iter()
            .any(|e| e.entry.detail.ends_with("; 3 waiting message(s) rewritten")),
        "{audit:?}"
    );

    // A week before the first session it goes to the new address, in the new wording.
    let to: jiff::Timestamp = "2026-03-16T09:01:00Z".parse().expect("an instant");
    let from = jiff::Timestamp::from_second(app.clock.load(std::sync::atomic::Ordering::SeqCst))
        .expect("now");
    app.advance(from.duration_until(to).as_mins());
    let letter = wait_for(&sink, "Ink & Dot: a week to go, Samuel", 1).await;
    assert!(letter.to.contains("samuel@example.test"), "{}", letter.to);
    assert!(sink.received().iter().all(|m| !m.to.contains("sam@")));
    // Everything due by now has gone.
    let started = std::time::Instant::now();
    while waiting(&app, c)
        .await
        .iter()
        .any(|m| m.message.due_at <= to)
    {
        assert!(started.elapsed().as_secs() < 20, "due messages not sent");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let still = waiting(&app, c).await;

    // No address: nothing can go, so nothing waits. An address again: the same messages
    // wait again, once each, and the one sent is not written again.
    rename(&app, c, "Samuel Carter", "").await;
    assert!(waiting(&app, c).await.is_empty());
    rename(&app, c, "Samuel Carter", "sc@example.test").await;
    let again = waiting(&app, c).await;
    assert_eq!(ids(&again), ids(&still));
    assert!(again
        .iter()
        .all(|m| m.message.to_address == "sc@example.test"));
    let all = app.db.store.messages_of_client(c).await.expect("read");
    let week: Vec<&str> = all
        .iter()
        .filter(|m| m.message.key == "before-7d")
        .map(|m| m.status.as_str())
        .collect();
    assert_eq!(week, ["sent", "pending", "pending"]);
    let mut seen = HashSet::new();
    for message in all.iter().filter(|m| m.status == "pending") {
        assert!(
            seen.insert((message.appointment_id, message.message.key.clone())),
            "twice: {message:?}"
        );
    }
}

on_both_databases!(waiting_messages_follow_the_clients_details_and_the_clinics_wording);
