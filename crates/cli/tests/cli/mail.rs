//! The outbox's sender in the real `smp serve`, sending to a real SMTP server on loopback:
//! a message is never sent twice, when the server is killed with SIGKILL in the middle and
//! started again, or when two servers share one PostgreSQL database.

use std::process::Child;
use std::time::{Duration, Instant};

use smp_server::smtp_sink::{SinkOptions, SinkTls, SmtpSink};
use smp_store::{Backend, ClientFields, NewMessage, OutboxMessage, Store};

use crate::serve::{fresh_database, runtime, serve_with, smp_with_input};

/// Queues `count` messages that are due already, for one client; returns the client.
fn queue_due_messages(url: &str, count: usize) -> i64 {
    runtime().block_on(async {
        let store = Store::open(url).await.expect("opens");
        let now = jiff::Timestamp::now();
        let client = store
            .create_client(
                &ClientFields {
                    name: "Sam Carter".to_owned(),
                    email: "sam@example.test".to_owned(),
                    phone: String::new(),
                    date_of_birth: None,
                    notes: String::new(),
                    health_consent_on: None,
                    practitioner_id: None,
                    sun_exposure: None,
                },
                now,
            )
            .await
            .expect("a client")
            .id;
        for n in 0..count {
            let message = NewMessage {
                key: format!("note-{n}"),
                to_address: "sam@example.test".to_owned(),
                subject: format!("Note {n}"),
                text: format!("Note {n}."),
                html: format!("<p>Note {n}.</p>"),
                due_at: now - jiff::SignedDuration::from_mins(1),
            };
            store
                .enqueue(Some(client), &message, now)
                .await
                .expect("queued");
        }
        store.close().await;
        client
    })
}

fn messages(url: &str, client: i64) -> Vec<OutboxMessage> {
    runtime().block_on(async {
        let store = Store::open(url).await.expect("opens");
        let all = store.messages_of_client(client).await.expect("read");
        store.close().await;
        all
    })
}

fn sender(url: &str, sink: &SmtpSink) -> Child {
    sender_to(url, &sink.url(), sink.authority().as_deref())
}

/// `smp serve` sending to `smtp_url`, trusting `authority` when given.
fn sender_to(url: &str, smtp_url: &str, authority: Option<&std::path::Path>) -> Child {
    let mut args = vec![
        "--smtp-url",
        smtp_url,
        "--mail-from",
        "Ink & Dot <hello@inkanddot.example>",
        "--mail-poll-seconds",
        "1",
    ];
    if let Some(authority) = authority {
        args.extend(["--smtp-ca", authority.to_str().expect("a path")]);
    }
    serve_with(url, &args).0
}

/// Waits until no message is pending and at most `abandoned` are still being sent (those
/// a killed server left); returns them all.
fn settled(url: &str, client: i64, abandoned: usize) -> Vec<OutboxMessage> {
    let started = Instant::now();
    loop {
        let all = messages(url, client);
        let sending = all.iter().filter(|m| m.status == "sending").count();
        if all.iter().all(|m| m.status != "pending") && sending <= abandoned {
            return all;
        }
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "still pending: {}",
            all.iter().filter(|m| m.status == "pending").count()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Every message the sink has is one the outbox sent (or was sending when a server was
/// killed), each arrived once, and every one marked sent arrived.
fn assert_each_sent_once(sink: &SmtpSink, all: &[OutboxMessage]) {
    // A moment more, to see whether anything arrives late or twice.
    std::thread::sleep(Duration::from_secs(2));
    let received = sink.received();
    let mut ids: Vec<i64> = received
        .iter()
        .map(|r| {
            r.message_id
                .trim_start_matches("<smp-outbox-")
                .split('@')
                .next()
                .and_then(|id| id.parse().ok())
                .unwrap_or_else(|| panic!("a Message-ID from the outbox: {r:?}"))
        })
        .collect();
    ids.sort_unstable();
    let arrived = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), arrived, "a message arrived twice");
    for message in all {
        let got = ids.binary_search(&message.id).is_ok();
        match message.status.as_str() {
            "sent" => assert!(
                got,
                "message {} is marked sent but never arrived",
                message.id
            ),
            "sending" | "in_doubt" => {}
            other => assert!(!got, "message {} arrived but is {other}", message.id),
        }
    }
    let sent = all.iter().filter(|m| m.status == "sent").count();
    let doubtful = all.len() - sent;
    assert!(
        doubtful <= 1,
        "{doubtful} messages were left unsent or in doubt"
    );
}

/// A server killed when dropped, also when the test fails on the way.
struct KilledWhenDropped(Child);

impl Drop for KilledWhenDropped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn kill(mut child: Child) {
    child.kill().expect("SIGKILL");
    let _ = child.wait();
}

fn a_sender_killed_mid_stream_and_restarted_sends_nothing_twice(backend: Backend) {
    let sink = SmtpSink::start();
    let (url, dir) = fresh_database(backend);
    let client = queue_due_messages(&url, 120);
    let first = sender(&url, &sink);
    let received = sink.wait_for(30, Duration::from_secs(60));
    assert!(received.len() >= 30, "only {} arrived", received.len());
    kill(first);
    let abandoned = messages(&url, client)
        .iter()
        .filter(|m| m.status == "sending")
        .count();
    assert!(abandoned <= 1, "one message at a time is being sent");
    let again = sender(&url, &sink);
    let all = settled(&url, client, abandoned);
    kill(again);
    assert_each_sent_once(&sink, &all);
    if let Some(dir) = dir {
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn a_sender_killed_mid_stream_and_restarted_sends_nothing_twice_on_sqlite() {
    a_sender_killed_mid_stream_and_restarted_sends_nothing_twice(Backend::Sqlite);
}

#[test]
fn a_sender_killed_mid_stream_and_restarted_sends_nothing_twice_on_postgres() {
    a_sender_killed_mid_stream_and_restarted_sends_nothing_twice(Backend::Postgres);
}

#[test]
fn two_servers_on_one_postgresql_send_each_message_once() {
    let sink = SmtpSink::start();
    let (url, _) = fresh_database(Backend::Postgres);
    let client = queue_due_messages(&url, 150);
    let one = sender(&url, &sink);
    let two = sender(&url, &sink);
    let all = settled(&url, client, 0);
    kill(one);
    kill(two);
    assert!(all.iter().all(|m| m.status == "sent"), "{all:?}");
    assert_each_sent_once(&sink, &all);
    assert_eq!(sink.received().len(), 150);
}

/// Waits until every message of `client` has left `pending` with at least one try, or
/// has been sent; returns them all.
fn tried(url: &str, client: i64) -> Vec<OutboxMessage> {
    let started = Instant::now();
    loop {
        let all = messages(url, client);
        if all
            .iter()
            .all(|m| m.status != "sending" && (m.status != "pending" || m.attempts > 0))
        {
            return all;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "{all:?}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn starttls_with_the_clinics_authority_and_a_login_delivers_and_nothing_less_does() {
    let sink = SmtpSink::start_with(SinkOptions {
        tls: SinkTls::StartTls,
        login: Some(("clinic".to_owned(), "s3cret pass".to_owned())),
        ..SinkOptions::default()
    });
    let authority = sink.authority().expect("an authority");
    // Each attempt on a database of its own: a message refused for a while waits a minute
    // before its next try, which a later sender on the same database would take.
    let attempt = |smtp_url: &str, authority: Option<&std::path::Path>, count: usize| {
        let (url, dir) = fresh_database(Backend::Sqlite);
        let client = queue_due_messages(&url, count);
        let sender = KilledWhenDropped(sender_to(&url, smtp_url, authority));
        let all = tried(&url, client);
        drop(sender);
        if let Some(dir) = dir {
            let _ = std::fs::remove_dir_all(dir);
        }
        all
    };

    // Without the clinic's authority the certificate is not trusted: nothing is sent, and
    // the message waits for a retry with the reason.
    let all = attempt(&sink.url(), None, 1);
    assert_eq!(all[0].status, "pending", "{all:?}");
    assert!(all[0].last_error.contains("certificate"), "{all:?}");

    // A wrong password is a permanent refusal: given up, never sent.
    let wrong = sink.url().replace("s3cret pass", "guess");
    let all = attempt(&wrong, Some(&authority), 1);
    assert_eq!(all[0].status, "failed", "{all:?}");
    assert!(all[0].last_error.contains("535"), "{all:?}");
    assert!(sink.received().is_empty());

    // With both, three messages go over STARTTLS after the login, once each.
    let all = attempt(&sink.url(), Some(&authority), 3);
    assert!(all.iter().all(|m| m.status == "sent"), "{all:?}");
    assert_each_sent_once(&sink, &all);
    assert_eq!(sink.received().len(), 3);
}

#[test]
fn serve_settings_that_cannot_work_are_refused_by_name() {
    let (url, dir) = fresh_database(Backend::Sqlite);
    let serve = |more: &[&str]| {
        let mut args = vec!["serve", "--addr", "127.0.0.1:0"];
        args.extend_from_slice(more);
        smp_with_input(&args, &url, "")
    };
    serve(&["--smtp-url", "smtp://127.0.0.1:2525"]).refused_with(
        "error: --mail-from: give the address email comes from, such as \"Clinic <hello@clinic.example>\"",
    );
    serve(&["--smtp-url", "smtp://127.0.0.1:2525", "--mail-from", "clinic"]).refused_with(
        "error: --mail-from: \"clinic\" is not an email address such as \"Clinic <hello@clinic.example>\"",
    );
    serve(&[
        "--smtp-url",
        "smtp://127.0.0.1:2525",
        "--mail-from",
        "hello@clinic.example",
        "--mail-poll-seconds",
        "0",
    ])
    .refused_with("error: --mail-poll-seconds: must be at least 1");
    serve(&[
        "--smtp-url",
        "smtp://127.0.0.1:2525?tls=required",
        "--mail-from",
        "hello@clinic.example",
        "--smtp-ca",
        "/nowhere/ca.pem",
    ])
    .refused_with(
        "error: --smtp-ca: cannot read /nowhere/ca.pem: No such file or directory (os error 2)",
    );
    let not_pem = std::env::temp_dir().join(format!("smp-not-pem-{}.txt", std::process::id()));
    std::fs::write(&not_pem, "not a certificate").expect("written");
    let refused = serve(&[
        "--smtp-url",
        "smtps://127.0.0.1:2525",
        "--mail-from",
        "hello@clinic.example",
        "--smtp-ca",
        not_pem.to_str().expect("a path"),
    ]);
    let _ = std::fs::remove_file(&not_pem);
    assert!(
        refused.refused().starts_with(&format!(
            "error: --smtp-ca: {} is not a PEM certificate",
            not_pem.display()
        )),
        "{}",
        refused.stderr
    );
    let sink = SmtpSink::start_with(SinkOptions {
        tls: SinkTls::StartTls,
        ..SinkOptions::default()
    });
    let authority = sink.authority().expect("an authority");
    serve(&[
        "--smtp-url",
        "smtp://127.0.0.1:2525",
        "--mail-from",
        "hello@clinic.example",
        "--smtp-ca",
        authority.to_str().expect("a path"),
    ])
    .refused_with(
        "error: --smtp-ca: the SMTP URL asks for no TLS: use smtps:// or add ?tls=required",
    );
    serve(&["--trusted-proxy", "10.0.0.1,proxy.clinic.example"]).refused_with(
        "error: invalid value 'proxy.clinic.example' for '--trusted-proxy <IP>': invalid IP address syntax",
    );
    let url_refused = serve(&[
        "--smtp-url",
        "http://mail.clinic.example",
        "--mail-from",
        "hello@clinic.example",
    ]);
    assert!(
        url_refused.refused().starts_with("error: --smtp-url: "),
        "{}",
        url_refused.stderr
    );
    for bad in ["ftp://clinic.example", "https://book.clinic.example/?x=1"] {
        let public = serve(&["--public-url", bad]);
        let refused = public.refused();
        assert!(
            refused.contains("--public-url")
                && (refused.contains("must start with http:// or https://")
                    || refused.contains("must be a host (and path) without a query")),
            "{}",
            public.stderr
        );
    }
    for bad in ["ftp://clinic.example", "https://book.clinic.example/?x=1"] {
        let public = serve(&["--public-url", bad]);
        let refused = public.refused();
        assert!(
            refused.contains("--public-url")
                && (refused.contains("must start with http:// or https://")
                    || refused.contains("must be a host (and path) without a query")),
            "{}",
            public.stderr
        );
    }
    if let Some(dir) = dir {
        let _ = std::fs::remove_dir_all(dir);
    }
}
