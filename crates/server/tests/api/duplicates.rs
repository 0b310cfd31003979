//! A returning client who books online gets a second record (the booking page never says
//! whether an address is known); staff see the two as possibly one person, and an owner
//! merges them, through the API and through the pages, with the real SMTP sink.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use smp_server::smtp_sink::SmtpSink;
use smp_store::{Backend, Role};

use crate::availability::london_with_hours;
use crate::booking_online::{form, manage_link, submit};
use crate::mail::{mailer, wait};
use crate::pages::{account, assert_contains, browser, get, hidden, log_in, post, PASSWORD};
use crate::portal::course_from;
use crate::studio::photo_with_design;
use crate::support::{assert_problem, spawn_app_with, TestApp};

/// The number of the design version shown on a new photo of `client`.
async fn shown_design(app: &TestApp, client: i64) -> i64 {
    photo_with_design(app, Role::Owner, client).await.1
}

/// Samuel Carter's record made at the desk (with a course in January and a design), then
/// his online booking of a consultation as "Sam Carter" with his address in capitals;
/// returns (practitioner, the desk's record, the booking's record).
async fn booked_twice(app: &TestApp, sink: &SmtpSink) -> (i64, i64, i64) {
    let practitioner = london_with_hours(app).await;
    let kept = app
        .post(
            "/api/v1/clients",
            json!({ "name": "Samuel Carter", "email": "sam@example.test",
                    "phone": "07700 900123", "health_consent_on": "2025-11-30" }),
        )
        .await
        .body["id"]
        .as_i64()
        .expect("a client");
    course_from(app, practitioner, kept, "2026-01-05", "10:00").await;
    assert_eq!(shown_design(app, kept).await, 1);
    let booked = submit(app, &form(practitioner, "SAM@Example.test", &[])).await;
    assert_eq!(booked.status, StatusCode::CREATED, "{}", booked.html);
    let records: Vec<i64> = app
        .db
        .store
        .search_clients("sam@example.test", 10)
        .await
        .expect("clients")
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(records.len(), 2, "a second record: {records:?}");
    let online = records
        .into_iter()
        .find(|&id| id != kept)
        .expect("the new one");
    assert_eq!(shown_design(app, online).await, 1);
    // The confirmation and the consultation's day-before note have gone before anything is
    // merged.
    assert_eq!(wait(sink, 2).await.len(), 2);
    (practitioner, kept, online)
}

/// The ids in an API list of lookalikes, each with what it shares.
fn shared(list: &Value) -> Vec<(i64, String)> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|c| {
            let id = c["id"].as_i64().expect("an id");
            (id, c["shared"].as_str().expect("what is shared").to_owned())
        })
        .collect()
}

/// Two records of Ada Byrne, born on 17 May 1990, with other emails and the name in other
/// case: (the first, the second).
async fn born_twice(app: &TestApp) -> (i64, i64) {
    let mut made = Vec::new();
    for (name, email) in [
        ("Ada Byrne", "ada@example.test"),
        ("ADA BYRNE", "a.byrne@example.test"),
    ] {
        let answer = app
            .post(
                "/api/v1/clients",
                json!({ "name": name, "email": email, "date_of_birth": "1990-05-17" }),
            )
            .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{:?}", answer.body);
        made.push(answer.body["id"].as_i64().expect("an id"));
    }
    (made[0], made[1])
}

async fn a_returning_client_is_flagged_and_an_owner_merges_the_records(backend: Backend) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    let (_, kept, online) = booked_twice(&app, &sink).await;
    let consultation = app
        .db
        .store
        .appointments_of_client(online)
        .await
        .expect("appointments")[0]
        .id;

    // Both records point at each other; a stranger's record points at nobody.
    let duplicates = |id: i64| {
        let app = &app;
        async move {
            let answer = app
                .call(
                    Some(Role::FrontDesk),
                    Method::GET,
                    &format!("/api/v1/clients/{id}/duplicates"),
                    None,
                )
                .await;
            assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
            shared(&answer.body)
        }
    };
    assert_eq!(duplicates(online).await, [(kept, "email".to_owned())]);
    assert_eq!(duplicates(kept).await, [(online, "email".to_owned())]);
    let stranger = app.client("Kim Lee", "kim@example.test").await;
    assert!(duplicates(stranger).await.is_empty());
    let (first, second) = born_twice(&app).await;
    let by_birth = [(first, "name_and_date_of_birth".to_owned())];
    assert_eq!(duplicates(second).await, by_birth);
    let unknown = app
        .call(
            Some(Role::Owner),
            Method::GET,
            "/api/v1/clients/999999/duplicates",
            None,
        )
        .await;
    assert_problem(
        &unknown,
        StatusCode::NOT_FOUND,
        None,
        "client 999999 does not exist",
    );

    // Only an owner merges, never a record into itself or into nobody.
    let merge = |caller: Option<Role>, body: Value| {
        let app = &app;
        async move {
            app.call(
                caller,
                Method::POST,
                &format!("/api/v1/clients/{online}/merge"),
                Some(body),
            )
            .await
        }
    };
    assert_problem(
        &merge(Some(Role::FrontDesk), json!({ "into": kept })).await,
        StatusCode::FORBIDDEN,
        None,
        "your role (front_desk) may not merge clients' records",
    );
    assert_problem(
        &merge(Some(Role::Practitioner), json!({ "into": kept })).await,
        StatusCode::FORBIDDEN,
        None,
        "your role (practitioner) may not merge clients' records",
    );
    assert_problem(
        &merge(Some(Role::Owner), json!({ "into": online })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("into"),
        "into: choose another client: a record cannot be merged into itself",
    );
    assert_problem(
        &merge(Some(Role::Owner), json!({ "into": 999999 })).await,
        StatusCode::NOT_FOUND,
        None,
        "client 999999 does not exist",
    );
    assert_problem(
        &merge(Some(Role::Owner), json!({ "into": "Samuel" })).await,
        StatusCode::BAD_REQUEST,
        Some("body.into"),
        "body.into: invalid type: string \"Samuel\", expected i64 at line 1 column 16",
    );
    assert_eq!(
        duplicates(online).await,
        [(kept, "email".to_owned())],
        "nothing moved"
    );

    let merged = merge(Some(Role::Owner), json!({ "into": kept })).await;
    assert_eq!(merged.status, StatusCode::OK, "{:?}", merged.body);
    assert_eq!(merged.body["appointments"], 1);
    assert_eq!(merged.body["screenings"], 1);
    assert_eq!(merged.body["photos"], 1);
    assert_eq!(merged.body["design_versions"], 1);
    assert_eq!(merged.body["online_requests"], 0);
    let messages = merged.body["messages"].as_i64().expect("a count");
    assert!(messages >= 1, "at least the confirmation: {messages}");

    // One record is left, with everything of both.
    let gone = app
        .call(
            Some(Role::Owner),
            Method::GET,
            &format!("/api/v1/clients/{online}"),
            None,
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let record = app.db.store.client(kept).await.expect("kept");
    assert_eq!(record.fields.name, "Samuel Carter");
    assert_eq!(record.fields.email, "sam@example.test");
    assert_eq!(record.fields.phone, "07700 900123");
    assert_eq!(record.fields.notes, "Booked online.");
    let appointments = app
        .db
        .store
        .appointments_of_client(kept)
        .await
        .expect("appointments");
    assert!(appointments.iter().any(|a| a.id == consultation));
    let screenings = app.db.store.screenings_of_client(kept).await.expect("read");
    assert_eq!(screenings.len(), 1, "the online answers moved");
    let versions = app
        .call(
            Some(Role::Owner),
            Method::GET,
            &format!("/api/v1/clients/{kept}/designs"),
            None,
        )
        .await;
    let mut numbers: Vec<i64> = versions
        .body
        .as_array()
        .expect("versions")
        .iter()
        .map(|v| v["version"].as_i64().expect("a number"))
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, vec![1, 2], "numbered on: {:?}", versions.body);

    // The moved messages are the kept record's, and those waiting greet him by its name.
    let outbox = app.db.store.messages_of_client(kept).await.expect("read");
    assert!(outbox
        .iter()
        .any(|m| m.appointment_id == Some(consultation)));
    let waiting: Vec<_> = outbox.iter().filter(|m| m.status == "pending").collect();
    assert!(!waiting.is_empty());
    for message in waiting {
        assert_eq!(message.message.to_address, "sam@example.test");
        assert!(
            message.message.text.contains("Samuel"),
            "{}",
            message.message.text
        );
    }
    assert!(duplicates(kept).await.is_empty());

    // The audit entry counts what moved, without a name or an answer.
    let log = app.db.store.audit_log(50).await.expect("log");
    let entry = log
        .iter()
        .find(|e| e.entry.action == "merge")
        .expect("a merge entry");
    assert_eq!(entry.entry.subject_id, Some(kept));
    assert!(
        entry.entry.detail.starts_with(&format!(
            "merged client {online} into this one: moved 1 appointment, 1 screening, 1 photo, 1 design version, "
        )),
        "{}",
        entry.entry.detail
    );
    assert!(
        !entry.entry.detail.contains("Sam"),
        "{}",
        entry.entry.detail
    );

    // The link in the confirmation still opens the booking.
    let received = sink.received();
    let confirmation = received
        .iter()
        .find(|m| m.raw.contains("/book/manage/"))
        .expect("the confirmation");
    let manage = get(&browser(), &app, &manage_link(&confirmation.raw)).await;
    assert_eq!(manage.status, StatusCode::OK, "{}", manage.html);
    assert_contains(&manage.html, &["Tuesday 2 December 2025"]);
}

async fn the_pages_show_the_lookalike_and_the_owner_merges_after_confirming(backend: Backend) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    let (_, kept, online) = booked_twice(&app, &sink).await;

    // The front desk sees the lookalike and is told who can merge.
    let desk = browser();
    let email = account(&app, "robin@clinic.test", Role::FrontDesk).await;
    log_in(&desk, &app, &email, PASSWORD).await;
    let page = get(&desk, &app, &format!("/clients/{online}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    assert_contains(
        &page.html,
        &[
            "This may be the same person as:",
            &format!("<a href=\"/clients/{kept}\">Samuel Carter</a> (the same email; on file since 2025-12-01)"),
            "An owner can merge the records.",
        ],
    );
    assert!(!page.html.contains("Merge this record"), "{}", page.html);
    let list = get(&desk, &app, "/clients").await;
    assert_eq!(list.html.matches("possible duplicate").count(), 2);
    let refused = get(&desk, &app, &format!("/clients/{online}/merge?into={kept}")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // The owner follows the link to a page showing both records and what would move.
    let owner = browser();
    let email = account(&app, "olive@clinic.test", Role::Owner).await;
    log_in(&owner, &app, &email, PASSWORD).await;
    let page = get(&owner, &app, &format!("/clients/{online}")).await;
    let path = format!("/clients/{online}/merge?into={kept}");
    assert_contains(
        &page.html,
        &[&format!("href=\"{path}\">Merge this record into theirs…")],
    );
    let confirm = get(&owner, &app, &path).await;
    assert_eq!(confirm.status, StatusCode::OK, "{}", confirm.html);
    assert_contains(
        &confirm.html,
        &[
            "<tr id=\"kept\"><th>Kept</th>",
            "sam@example.test · 07700 900123",
            "<tr id=\"gone\"><th>Merged in, then deleted</th>",
            "<strong id=\"would-move\">1 appointment, 1 screening, 1 photo, 1 design version, ",
        ],
    );
    let itself = get(
        &owner,
        &app,
        &format!("/clients/{online}/merge?into={online}"),
    )
    .await;
    assert_eq!(itself.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_contains(
        &itself.html,
        &["into: choose another client: a record cannot be merged into itself"],
    );

    // Without the box ticked, nothing happens.
    let csrf = hidden(&confirm.html, "csrf");
    let into = kept.to_string();
    let action = format!("/clients/{online}/merge");
    let unticked = post(&owner, &app, &action, &[("csrf", &csrf), ("into", &into)]).await;
    assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_contains(
        &unticked.html,
        &["confirm: tick the box to merge the two records into one"],
    );
    assert!(app.db.store.client(online).await.is_ok(), "still there");

    let done = post(
        &owner,
        &app,
        &action,
        &[("csrf", &csrf), ("into", &into), ("confirm", "yes")],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.html);
    assert_eq!(done.location, format!("/clients/{kept}?merged={online}"));
    let page = get(&owner, &app, &done.location).await;
    assert_contains(
        &page.html,
        &[&format!(
            "Client {online}&#39;s record was merged into this one."
        )],
    );
    assert!(!page.html.contains("This may be the same person"));
    let list = get(&owner, &app, "/clients").await;
    assert_eq!(list.html.matches("possible duplicate").count(), 0);
    let gone = get(&owner, &app, &format!("/clients/{online}")).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);

    // Records of one name and birthday say so.
    let (first, second) = born_twice(&app).await;
    let page = get(&desk, &app, &format!("/clients/{second}")).await;
    assert_contains(
        &page.html,
        &[&format!("<a href=\"/clients/{first}\">Ada Byrne</a> (the same name and date of birth; on file since")],
    );
}

on_both_databases!(
    a_returning_client_is_flagged_and_an_owner_merges_the_records,
    the_pages_show_the_lookalike_and_the_owner_merges_after_confirming
);
