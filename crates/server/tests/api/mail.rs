//! Reminder emails end to end: booked through the API, sent by the app's sender over SMTP
//! to a real SMTP server on loopback when they fall due on the app's clock.

use std::time::Duration;

use serde_json::json;
use smp_server::mailer::{MailSettings, Mailer};
use smp_server::smtp_sink::{free_port, SinkOptions, SinkTls, SmtpSink};
use smp_store::{Backend, NewMessage, OutboxMessage};

use crate::support::{london, spawn_app_with, TestApp};

pub fn mailer(sink: &SmtpSink) -> Mailer {
    Mailer::new(&MailSettings {
        smtp_url: sink.url(),
        from: "Ink & Dot <hello@inkanddot.example>".to_owned(),
        authority: sink.authority(),
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

/// A message due now for a new client; returns the client.
async fn queue_note(app: &TestApp) -> i64 {
    let client = app.client("Sam Carter", "sam@example.test").await;
    let now = jiff::Timestamp::from_second(app.clock.load(std::sync::atomic::Ordering::SeqCst))
        .expect("now");
    let note = NewMessage {
        key: "note".to_owned(),
        to_address: "sam@example.test".to_owned(),
        subject: "A note".to_owned(),
        text: "A note.".to_owned(),
        html: "<p>A note.</p>".to_owned(),
        due_at: now,
    };
    app.db
        .store
        .enqueue(Some(client), &note, now)
        .await
        .expect("queued");
    client
}

/// The client's one message once it has been tried `attempts` times.
async fn after_tries(app: &TestApp, client: i64, attempts: i64) -> OutboxMessage {
    let started = std::time::Instant::now();
    loop {
        let all = app.db.store.messages_of_client(client).await.expect("read");
        if let Some(message) = all
            .into_iter()
            .find(|m| m.attempts >= attempts && m.status != "sending")
        {
            return message;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "never tried");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn a_message_waits_while_the_mail_server_is_down_or_says_later_and_goes_once(
    backend: Backend,
) {
    // The server is not there yet: the first try fails and the message waits a minute.
    let port = free_port();
    let later = SinkOptions {
        port: Some(port),
        refuse: 1,
        ..SinkOptions::default()
    };
    let settings = MailSettings {
        smtp_url: format!("smtp://127.0.0.1:{port}"),
        from: "Ink & Dot <hello@inkanddot.example>".to_owned(),
        authority: None,
        poll: Duration::from_millis(100),
    };
    let app = spawn_app_with(backend, Some(Mailer::new(&settings).expect("settings"))).await;
    let client = queue_note(&app).await;
    let first = after_tries(&app, client, 1).await;
    assert_eq!(first.status, "pending");
    assert!(first.last_error.contains("Connection refused"), "{first:?}");

    // It comes up, but the wait is not over: nothing is tried.
    let sink = SmtpSink::start_with(later);
    tokio::time::sleep(Duration::from_millis(800)).await;
    let waiting = after_tries(&app, client, 1).await;
    assert_eq!(waiting.attempts, 1);

    // A minute on it is tried again and refused with "try again later" (451): the next
    // wait is two minutes.
    app.advance(1);
    let second = after_tries(&app, client, 2).await;
    assert_eq!(second.status, "pending");
    assert!(second.last_error.contains("451"), "{second:?}");
    app.advance(1);
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(after_tries(&app, client, 2).await.attempts, 2);

    // Two minutes after the refusal it goes, once.
    app.advance(1);
    let sent = after_tries(&app, client, 3).await;
    assert_eq!(sent.status, "sent", "{sent:?}");
    let received = wait(&sink, 1).await;
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0].subject, "A note");
}

async fn tls_from_the_first_byte_with_a_login_delivers(backend: Backend) {
    let sink = SmtpSink::start_with(SinkOptions {
        tls: SinkTls::Wrapper,
        login: Some(("clinic".to_owned(), "s3cret".to_owned())),
        ..SinkOptions::default()
    });
    assert!(sink.url().starts_with("smtps://clinic:s3cret@127.0.0.1:"));
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    let client = queue_note(&app).await;
    let sent = after_tries(&app, client, 1).await;
    assert_eq!(sent.status, "sent", "{sent:?}");
    let received = wait(&sink, 1).await;
    assert_eq!(received.len(), 1, "{received:?}");
    assert!(received[0].to.contains("sam@example.test"));
}

on_both_databases!(
    due_reminders_go_out_once_each_to_the_client_in_local_time,
    a_message_waits_while_the_mail_server_is_down_or_says_later_and_goes_once,
    tls_from_the_first_byte_with_a_login_delivers
);
