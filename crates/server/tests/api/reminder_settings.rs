//! A clinic's reminder settings through its pages and the API, with the real SMTP sink: a
//! reminder worded by the clinic reaches the client in that wording (plain text and HTML),
//! one switched off is not written and its waiting messages are withdrawn, a bad wording is
//! refused by its field on the page and in the API, and the standard comes back on reset.

use reqwest::{Method, StatusCode};
use serde_json::json;
use smp_server::smtp_sink::SmtpSink;
use smp_store::{Backend, OutboxMessage, Role};

use crate::mail::mailer;
use crate::pages::{assert_contains, get, hidden, post};
use crate::portal::{course, wait_for};
use crate::reminders::london_client;
use crate::settings_pages::owner;
use crate::support::{assert_problem, spawn_app_with};

/// The statuses of a client's messages with `key`.
fn statuses(all: &[OutboxMessage], key: &str) -> Vec<String> {
    all.iter()
        .filter(|m| m.message.key == key)
        .map(|m| m.status.clone())
        .collect()
}

async fn a_clinic_words_and_switches_off_reminders_and_clients_get_what_it_chose(backend: Backend) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    let (p, c) = london_client(&app, "sam@example.test").await;
    let (browser, _) = owner(&app).await;

    // The list shows every reminder of the policy, each sent in the standard wording.
    let list = get(&browser, &app, "/settings/reminders").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.html);
    assert_contains(
        &list.html,
        &[
            "<code>before-30d</code>",
            "30 days before a session",
            "<code>lifted-10d</code>",
            "Touch-up recall: 4 years after the final session, then every 1 year(s)",
        ],
    );
    assert!(
        !list.html.contains("<td>the clinic's own</td>"),
        "{}",
        list.html
    );

    // A wording with a misspelt placeholder and no instructions is refused field by field,
    // keeping what was typed, and nothing is saved.
    let page = get(&browser, &app, "/settings/reminders/before-7d").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    assert_contains(&page.html, &["7 days before a session", "Stop retinol"]);
    let csrf = hidden(&page.html, "csrf");
    let bad = post(
        &browser,
        &app,
        "/settings/reminders/before-7d",
        &[
            ("csrf", &csrf),
            ("enabled", "on"),
            ("subject", "{clinc}: retinol"),
            ("text", "Hi {first_name}, see you soon."),
        ],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.html);
    assert_contains(
        &bad.html,
        &[
            r#"<p class="field-error" id="subject-error">{clinc} is not a placeholder; use {first_name}, {name}, {clinic}, {appointment}, {instructions}, {subject}</p>"#,
            r#"<p class="field-error" id="text-error">Must contain {instructions}: the rules and dates the message is for</p>"#,
            r#"value="{clinc}: retinol""#,
            "Hi {first_name}, see you soon.</textarea>",
        ],
    );
    let stored = app.db.store.reminder_wordings().await.expect("read");
    assert!(stored.is_empty(), "nothing saved: {stored:?}");

    // The clinic's own wording, in plain text and HTML.
    let saved = post(
        &browser,
        &app,
        "/settings/reminders/before-7d",
        &[
            ("csrf", &csrf),
            ("enabled", "on"),
            ("subject", "{clinic}: one week to go"),
            (
                "text",
                "Hi {first_name}!\r\n\r\n{instructions}\r\n\r\nSee you {appointment}.\r\n{clinic}",
            ),
            (
                "html",
                "<p>Dear {name},</p>{instructions}<p>See you {appointment}.</p>",
            ),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.html);
    let list = get(&browser, &app, &saved.location).await;
    assert_contains(
        &list.html,
        &["Saved before-7d.", "<td>the clinic's own</td>"],
    );

    // Booking the course writes the worded reminder for each session.
    course(&app, p, c).await;
    let all = app.db.store.messages_of_client(c).await.expect("read");
    let week_before: Vec<&OutboxMessage> = all
        .iter()
        .filter(|m| m.message.key == "before-7d")
        .collect();
    assert_eq!(week_before.len(), 3, "{all:?}");
    assert!(week_before
        .iter()
        .all(|m| m.message.subject == "Ink & Dot: one week to go"));
    assert_eq!(statuses(&all, "before-30d"), ["pending"; 3]);

    // Switched off from the list, the 30-day reminder's waiting messages are withdrawn;
    // switched on again, the same three wait again (none written twice); then off again.
    for (switch, notice, status) in [
        ("off", "3 waiting message(s) withdrawn", "cancelled"),
        (
            "on",
            "3 waiting message(s) waiting again or newly written",
            "pending",
        ),
        ("off", "3 waiting message(s) withdrawn", "cancelled"),
    ] {
        let switched = post(
            &browser,
            &app,
            "/settings/reminders/before-30d/switch",
            &[("csrf", &csrf), ("enabled", switch)],
        )
        .await;
        assert_eq!(switched.status, StatusCode::SEE_OTHER, "{}", switched.html);
        let list = get(&browser, &app, &switched.location).await;
        assert_contains(&list.html, &[&format!("Saved before-30d; {notice}.")]);
        let all = app.db.store.messages_of_client(c).await.expect("read");
        assert_eq!(statuses(&all, "before-30d"), [status; 3]);
    }

    // A switch that is neither on nor off, and a reminder the policy does not send, are
    // named on the pages, and change nothing.
    let odd = post(
        &browser,
        &app,
        "/settings/reminders/aftercare/switch",
        &[("csrf", &csrf), ("enabled", "maybe")],
    )
    .await;
    assert_eq!(odd.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", odd.html);
    assert_contains(
        &odd.html,
        &["enabled: &#34;maybe&#34; is neither on nor off"],
    );
    let unknown_page = get(&browser, &app, "/settings/reminders/before-99d").await;
    assert_eq!(unknown_page.status, StatusCode::NOT_FOUND);
    assert_contains(&unknown_page.html, &["reminder before-99d does not exist"]);
    for path in [
        "/settings/reminders/before-99d",
        "/settings/reminders/before-99d/switch",
        "/settings/reminders/before-99d/reset",
    ] {
        let refused = post(
            &browser,
            &app,
            path,
            &[
                ("csrf", &csrf),
                ("enabled", "off"),
                ("text", "{instructions}"),
            ],
        )
        .await;
        assert_eq!(
            refused.status,
            StatusCode::NOT_FOUND,
            "{path}: {}",
            refused.html
        );
        assert_contains(&refused.html, &["reminder before-99d does not exist"]);
    }
    let stored: Vec<String> = app
        .db
        .store
        .reminder_wordings()
        .await
        .expect("read")
        .into_iter()
        .map(|w| w.key)
        .collect();
    assert_eq!(
        stored,
        ["before-30d", "before-7d"],
        "nothing else was saved"
    );

    // A week before the first session, Sam gets the clinic's wording in both parts.
    let to: jiff::Timestamp = "2026-03-16T09:01:00Z".parse().expect("an instant");
    let from = jiff::Timestamp::from_second(app.clock.load(std::sync::atomic::Ordering::SeqCst))
        .expect("now");
    app.advance(from.duration_until(to).as_mins());
    let letter = wait_for(&sink, "Ink & Dot: one week to go", 1).await;
    assert!(letter.to.contains("sam@example.test"));
    assert_contains(
        &letter.raw,
        &[
            "Hi Sam!",
            "- Stop retinol",
            "See you Mon 23 Mar 2026 at 10:00.",
            "<p>Dear Sam Carter,</p><ul><li>Stop retinol",
        ],
    );

    // The API shows both changes; a bad wording and an unknown reminder are named.
    let listed = app
        .call(Some(Role::Owner), Method::GET, "/api/v1/reminders", None)
        .await;
    assert_eq!(listed.status, StatusCode::OK, "{:?}", listed.body);
    let of = |key: &str| {
        listed
            .body
            .as_array()
            .and_then(|all| all.iter().find(|r| r["key"] == key).cloned())
    };
    let thirty = of("before-30d").expect("listed");
    assert_eq!(thirty["enabled"], false);
    let week = of("before-7d").expect("listed");
    assert_eq!(week["subject"], "{clinic}: one week to go");
    assert_eq!(week["example"]["subject"], "Ink & Dot: one week to go");
    assert!(week["example"]["text"]
        .as_str()
        .is_some_and(|t| t.starts_with("Hi Sam!\n\n- Stop retinol")));
    let refused = app
        .call(
            Some(Role::Owner),
            Method::PUT,
            "/api/v1/reminders/aftercare",
            Some(json!({ "enabled": true, "html": "<p>{instructions}</p>{oops" })),
        )
        .await;
    assert_problem(
        &refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("html"),
        "html: a { is not closed; write {{ for a brace",
    );
    let unknown = app
        .call(
            Some(Role::Owner),
            Method::PUT,
            "/api/v1/reminders/before-99d",
            Some(json!({ "enabled": false })),
        )
        .await;
    assert_problem(
        &unknown,
        StatusCode::NOT_FOUND,
        None,
        "reminder before-99d does not exist",
    );
    let extra = app
        .call(
            Some(Role::Owner),
            Method::PUT,
            "/api/v1/reminders/aftercare",
            Some(json!({ "enabled": true, "body": "x" })),
        )
        .await;
    assert_eq!(extra.status, StatusCode::BAD_REQUEST, "{:?}", extra.body);

    // Switched on again by the API, then back to the standard: new bookings get it.
    let on = app
        .call(
            Some(Role::Owner),
            Method::PUT,
            "/api/v1/reminders/before-30d",
            Some(json!({ "enabled": true, "subject": "Sun: {subject}" })),
        )
        .await;
    assert_eq!(on.status, StatusCode::OK, "{:?}", on.body);
    assert!(on.body["example"]["subject"]
        .as_str()
        .is_some_and(|s| s.starts_with("Sun: Your SMP session on Wed 10 Mar 2027")));
    let reset = app
        .call(
            Some(Role::Owner),
            Method::DELETE,
            "/api/v1/reminders/before-30d",
            None,
        )
        .await;
    assert_eq!(reset.status, StatusCode::NO_CONTENT, "{:?}", reset.body);
    let stored = app.db.store.reminder_wordings().await.expect("read");
    assert_eq!(
        stored.iter().map(|w| w.key.as_str()).collect::<Vec<_>>(),
        ["before-7d"]
    );

    // Each change is in the audit log.
    let details: Vec<String> = app
        .db
        .store
        .audit_log(50)
        .await
        .expect("read")
        .into_iter()
        .filter(|r| r.entry.subject == "reminder")
        .map(|r| r.entry.detail)
        .collect();
    for detail in [
        "before-7d: sent, own wording of subject, text, html; no waiting message changed",
        "before-30d: switched off; 3 waiting message(s) withdrawn",
        // By now only the third session's 30-day reminder is still ahead: it waits again in
        // the new wording, then in the standard one.
        "before-30d: sent, own wording of subject; 1 waiting message(s) waiting again or newly written",
        "before-30d: standard wording, sent; 1 waiting message(s) rewritten",
    ] {
        assert!(
            details.iter().any(|d| d == detail),
            "{detail} in {details:?}"
        );
    }
}

on_both_databases!(a_clinic_words_and_switches_off_reminders_and_clients_get_what_it_chose);
