//! Reminder emails end to end: booked through the API, sent by the app's sender over SMTP
//! to a real SMTP server on loopback when they fall due on the app's clock.

use std::time::Duration;

use serde_json::json;
use smp_server::mailer::{MailSettings, Mailer};
use smp_server::smtp_sink::SmtpSink;
use smp_store::Backend;

use crate::support::{london, spawn_app_with};

pub fn mailer(sink: &SmtpSink) -> Mailer {
    Mailer::new(&MailSettings {
        smtp_url: sink.url(),
        from: "Ink & Dot <hello@inkanddot.example>".to_owned(),
        poll: Duration::from_millis(100),
    })
    .expect("mail settings")
}

async fn due_reminders_go_out_once_each_to_the_client_in_local_time(backend: Backend) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    london(&app).await;
    let p = app.practitioner("Alex").await;
    let c = app
        .post(
            "/api/v1/clients",
            json!({ "name": "Sam Carter", "email": "sam@example.test", "health_consent_on": "2025-11-30" }),
        )
        .await
        .body["id"]
        .as_i64()
        .expect("a client");
    // A course from 23 March 2026 (the clocks go forward on the 29th) and a consultation
    // on 3 December 2025, its note due on the 2nd at 09:00.
    let course = app
        .post(
            "/api/v1/courses",
            json!({ "client_id": c, "practitioner_id": p, "area": "norwood-5",
                    "start": "2026-03-23", "time": "10:00" }),
        )
        .await;
    assert!(course.status.is_success(), "{:?}", course.body);
    let consultation = app
        .post(
            "/api/v1/appointments",
            json!({ "practitioner_id": p, "client_id": c, "service": "consultation",
                    "starts_at": "2025-12-03T14:00:00Z" }),
        )
        .await;
    assert!(consultation.status.is_success(), "{:?}", consultation.body);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(sink.received().is_empty(), "nothing is due yet");

    // A day and a half on: only the consultation's note is due.
    app.advance(36 * 60);
    let received = wait(&sink, 1).await;
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0].to, "sam@example.test");
    assert_eq!(received[0].subject, "Tomorrow: your consultation");
    assert!(
        received[0].raw.contains("Wed 3 Dec 2025 at 14:00"),
        "{}",
        received[0].raw
    );

    // Past the course's second session: everything due until then goes, once each.
    let due_by = jiff::Timestamp::from_second(app.clock.load(std::sync::atomic::Ordering::SeqCst))
        .expect("now");
    let until: jiff::Timestamp = "2026-04-07T00:00:00Z".parse().expect("an instant");
    app.advance(due_by.duration_until(until).as_mins());
    let expected: usize = app
        .db
        .store
        .messages_of_client(c)
        .await
        .expect("read")
        .iter()
        .filter(|m| m.message.due_at <= until)
        .count();
    let received = wait(&sink, expected).await;
    assert_eq!(received.len(), expected);
    let mut ids: Vec<&str> = received.iter().map(|r| r.message_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), expected, "a message arrived twice");
    let retinol = received
        .iter()
        .filter(|r| r.raw.contains("Stop retinol and Retin-A from"))
        .count();
    assert_eq!(retinol, 2, "sessions 1 and 2");
    assert!(
        received.iter().any(|r| r
            .raw
            .contains("Stop retinol and Retin-A from Mon 30 Mar 2026")),
        "session 2's reminder, after the clock change"
    );
    let sent = app.db.store.messages_of_client(c).await.expect("read");
    assert!(sent
        .iter()
        .filter(|m| m.message.due_at <= until)
        .all(|m| m.status == "sent" && m.sent_at.is_some()));
}

pub async fn wait(sink: &SmtpSink, count: usize) -> Vec<smp_server::smtp_sink::Received> {
    let started = std::time::Instant::now();
    loop {
        let received = sink.received();
        if received.len() >= count || started.elapsed() > Duration::from_secs(30) {
            // A moment more, to see whether anything arrives twice.
            tokio::time::sleep(Duration::from_millis(300)).await;
            return sink.received();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

on_both_databases!(due_reminders_go_out_once_each_to_the_client_in_local_time);
