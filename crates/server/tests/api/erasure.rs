//! A client's data as a whole, through HTTP with the real SMTP sink: the export from the
//! portal and the API, the invoice in the portal, and erasure asked for in the portal, then
//! declined (the client is emailed why) and erased by the owner (everything goes, one audit
//! entry stays, without the client's name).

use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use smp_server::smtp_sink::SmtpSink;
use smp_store::{Backend, Role};

use crate::mail::mailer;
use crate::pages::{account, assert_contains, browser, get, hidden, log_in, post, PASSWORD};
use crate::portal::{course, feed_url, open_portal, wait_for};
use crate::reminders::london_client;
use crate::studio::{design, photo_with_design};
use crate::support::{assert_problem, spawn_app_with, TestApp};

/// A course with a payment, a screening, a photo with a design shown on it and the first
/// session's record for Sam Carter; (client, course, photo).
async fn client_with_history(app: &TestApp) -> (i64, i64, i64) {
    let (p, c) = london_client(app, "sam@example.test").await;
    let own = course(app, p, c).await;
    let (photo, _) = photo_with_design(app, Role::Practitioner, c).await;
    let first = app.db.store.sessions_of_course(own).await.expect("read")[0].id;
    let record = app
        .call(
            Some(Role::Practitioner),
            Method::PUT,
            &format!("/api/v1/appointments/{first}/record"),
            Some(
                json!({ "pigment": "carbon black", "dilution": "30%", "needle": "1RL 0.25 mm",
                         "areas": "frontal", "dots": 5200, "minutes": 190 }),
            ),
        )
        .await;
    assert_eq!(record.status, StatusCode::OK, "{:?}", record.body);
    let paid = app
        .post(
            "/api/v1/payments",
            json!({ "client_id": c, "course_id": own, "kind": "deposit", "method": "card",
                    "amount_minor": 20000 }),
        )
        .await;
    assert_eq!(paid.status, StatusCode::CREATED, "{:?}", paid.body);
    let screened = app
        .post(
            &format!("/api/v1/clients/{c}/screenings"),
            json!({ "conditions": [], "medications": [], "procedures": [],
                    "skin": { "sunburn": false, "suntan": false } }),
        )
        .await;
    assert_eq!(screened.status, StatusCode::CREATED, "{:?}", screened.body);
    (c, own, photo)
}

async fn a_client_downloads_their_data_and_their_invoice_from_the_portal(backend: Backend) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    let (c, own, photo) = client_with_history(&app).await;
    let browser = browser();
    open_portal(&app, &sink, &browser, "sam@example.test").await;

    let download = browser
        .get(format!("{}/portal/export.json", app.base))
        .send()
        .await
        .expect("answers");
    assert_eq!(download.status(), StatusCode::OK);
    let disposition = download.headers()["content-disposition"]
        .to_str()
        .expect("text")
        .to_owned();
    assert!(
        disposition.starts_with(&format!("attachment; filename=\"client-{c}-")),
        "{disposition}"
    );
    let export: Value = download.json().await.expect("JSON");
    assert_eq!(export["format"], 3);
    assert_eq!(export["client"]["email"], "sam@example.test");
    assert_eq!(export["client"]["name"], "Sam Carter");
    assert_eq!(export["courses"][0]["id"], own);
    assert_eq!(
        export["courses"][0]["sessions"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(export["appointments"].as_array().map(Vec::len), Some(3));
    assert_eq!(export["payments"][0]["amount_minor"], 20000);
    assert_eq!(export["screenings"][0]["outcome"], "eligible");
    assert_eq!(export["session_records"][0]["dots"], 5200);
    assert_eq!(export["photos"][0]["id"], photo);
    let (_, _, stored) = app
        .fetch_bytes(Role::Owner, &format!("/api/v1/photos/{photo}/image"))
        .await;
    let exported = export["photos"][0]["content_base64"]
        .as_str()
        .map(|text| base64::engine::general_purpose::STANDARD.decode(text));
    assert!(matches!(exported, Some(Ok(bytes)) if bytes == stored));
    let versions = export["design_versions"].as_array().expect("versions");
    assert_eq!(versions.len(), 1, "{versions:?}");
    assert_eq!(versions[0]["photo_id"], photo);
    assert_eq!(versions[0]["note"], "as drawn");
    assert_eq!(versions[0]["design"]["sessions"], 3);
    let messages = export["messages"].as_array().expect("messages");
    assert!(
        messages.iter().any(|m| m["kind"] == "before-7d"),
        "{messages:?}"
    );
    assert!(messages.iter().all(|m| m["to"] == "sam@example.test"));
    let log = app.db.store.audit_log(50).await.expect("read");
    assert!(log.iter().any(|r| r.entry.action == "export"
        && r.entry.actor == "client (portal)"
        && r.entry.subject_id == Some(c)));

    // Staff who may see health data get the same document from the API; the front desk
    // may not.
    let by_staff = app
        .call(
            Some(Role::Owner),
            Method::GET,
            &format!("/api/v1/clients/{c}/export"),
            None,
        )
        .await;
    assert_eq!(by_staff.status, StatusCode::OK);
    assert_eq!(by_staff.body["courses"], export["courses"]);
    let desk = app
        .call(
            Some(Role::FrontDesk),
            Method::GET,
            &format!("/api/v1/clients/{c}/export"),
            None,
        )
        .await;
    assert_eq!(desk.status, StatusCode::FORBIDDEN);

    let invoice = get(&browser, &app, &format!("/portal/courses/{own}/invoice")).await;
    assert_eq!(invoice.status, StatusCode::OK);
    assert_contains(
        &invoice.html,
        &[
            &format!("Invoice SMP-{own:05}"),
            "Sam Carter",
            "Paid ",
            "Balance due",
            "href=\"/portal/home\"",
        ],
    );
    let home = get(&browser, &app, "/portal/home").await;
    assert!(home
        .html
        .contains(&format!("/portal/courses/{own}/invoice")));
    assert!(home.html.contains("/portal/export.json"));

    // Another client's invoice is not there; without a portal session nothing is.
    let p2 = app.practitioner("Robin").await;
    let c2 = app.client("Kim Lee", "kim@example.test").await;
    let theirs = course(&app, p2, c2).await;
    let not_mine = get(&browser, &app, &format!("/portal/courses/{theirs}/invoice")).await;
    assert_eq!(not_mine.status, StatusCode::NOT_FOUND);
    let stranger = get(&crate::pages::browser(), &app, "/portal/export.json").await;
    assert_eq!(stranger.status, StatusCode::SEE_OTHER);
}

/// An owner logged in to the staff pages.
async fn owner_pages(app: &TestApp) -> (reqwest::Client, String) {
    let email = account(app, "olive@clinic.test", Role::Owner).await;
    let pages = browser();
    let logged = log_in(&pages, app, &email, PASSWORD).await;
    assert_eq!(logged.status, StatusCode::SEE_OTHER);
    let list = get(&pages, app, "/erasure-requests").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.html);
    let csrf = hidden(&list.html, "csrf");
    (pages, csrf)
}

async fn the_owner_declines_then_erases_a_client_who_asked(backend: Backend) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    let (c, _, photo) = client_with_history(&app).await;
    // The studio keeps the photo in memory once a preview is drawn on it.
    let (drawn, _, _) = app
        .post_for_bytes(
            Role::Practitioner,
            &format!("/api/v1/photos/{photo}/preview?after=3"),
            &design(),
        )
        .await;
    assert_eq!(drawn, StatusCode::OK);
    assert!(app.studio.holds_photo(photo));
    let portal = browser();
    let portal_csrf = open_portal(&app, &sink, &portal, "sam@example.test").await;
    let feed = post(&portal, &app, "/portal/calendar", &[("csrf", &portal_csrf)]).await;
    let feed_url = feed_url(&feed.html);
    let erase_form = [("csrf", portal_csrf.as_str()), ("confirm", "yes")];
    let ask = || post(&portal, &app, "/portal/erase", &erase_form);
    assert_eq!(ask().await.location, "/portal/home?done=erasure");

    // The owner sees the request in the list, on the client's page and in the API.
    // An earlier request of theirs on the booking page (declined there) goes too.
    let declined_online = smp_store::OnlineRequest {
        email: "sam@example.test".to_owned(),
        address: "192.0.2.7".to_owned(),
        outcome: smp_store::OnlineOutcome::Declined,
        appointment_id: None,
        token_hash: None,
        expires_at: None,
    };
    app.db
        .store
        .record_online_request(&declined_online, crate::support::now())
        .await
        .expect("recorded");
    let (pages, csrf) = owner_pages(&app).await;
    let list = get(&pages, &app, "/erasure-requests").await;
    assert!(list.html.contains("Sam Carter"), "{}", list.html);
    assert!(list.html.contains(&format!("/clients/{c}/erasure")));
    let client_page = get(&pages, &app, &format!("/clients/{c}")).await;
    assert!(client_page.html.contains("This client asked to be erased."));
    let listed = app
        .call(
            Some(Role::Owner),
            Method::GET,
            "/api/v1/erasure-requests",
            None,
        )
        .await;
    assert_eq!(listed.body[0]["client_id"], c);
    let answer = get(&pages, &app, &format!("/clients/{c}/erasure")).await;
    assert_contains(
        &answer.html,
        &[
            "asked to be erased on",
            "3 appointments, 1 screening, 1 course, 1 session record, 1 payment, 1 photo, 1 design version,",
            " messages, 1 online request,",
        ],
    );

    // Declining needs a reason; the client is sent it and may ask again.
    let blank = post(
        &pages,
        &app,
        &format!("/clients/{c}/erasure/decline"),
        &[("csrf", &csrf), ("reason", "  ")],
    )
    .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blank
        .html
        .contains("reason: say why the request is declined: the client is sent it"));
    let too_long = app
        .call(
            Some(Role::Owner),
            Method::POST,
            &format!("/api/v1/clients/{c}/erasure-request/decline"),
            Some(json!({ "reason": "x".repeat(2001) })),
        )
        .await;
    assert_problem(
        &too_long,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("reason"),
        "reason: at most 2000 characters",
    );
    assert_eq!(
        app.db.store.erasure_requests().await.expect("read").len(),
        1
    );
    let reason = "Your course is paid in part; we keep invoices for six years by law.";
    let declined = post(
        &pages,
        &app,
        &format!("/clients/{c}/erasure/decline"),
        &[("csrf", &csrf), ("reason", reason)],
    )
    .await;
    assert_eq!(declined.location, "/erasure-requests?done=declined");
    let letter = wait_for(&sink, "Your request to be erased", 1).await;
    assert!(letter.to.contains("sam@example.test"));
    assert!(
        letter.raw.contains("we keep invoices for six years by law"),
        "{}",
        letter.raw
    );
    assert!(app
        .db
        .store
        .erasure_requests()
        .await
        .expect("read")
        .is_empty());
    let again = app
        .call(
            Some(Role::Owner),
            Method::POST,
            &format!("/api/v1/clients/{c}/erasure-request/decline"),
            Some(json!({ "reason": "again" })),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);

    // Asked again, and erased: the box must be ticked.
    assert_eq!(ask().await.location, "/portal/home?done=erasure");
    let unticked = post(
        &pages,
        &app,
        &format!("/clients/{c}/erase"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unticked
        .html
        .contains("confirm: tick the box to erase everything held about this client"));
    assert!(app.db.store.client(c).await.is_ok());
    let erased = post(
        &pages,
        &app,
        &format!("/clients/{c}/erase"),
        &[("csrf", &csrf), ("confirm", "yes")],
    )
    .await;
    assert_eq!(erased.location, "/erasure-requests?done=erased");

    // Nothing of the client is left: their record, messages, portal and feed are gone.
    let gone = app
        .call(
            Some(Role::Owner),
            Method::GET,
            &format!("/api/v1/clients/{c}"),
            None,
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert!(app
        .db
        .store
        .messages_of_client(c)
        .await
        .expect("read")
        .is_empty());
    assert!(app
        .db
        .store
        .appointments_of_client(c)
        .await
        .expect("read")
        .is_empty());
    assert!(app
        .db
        .store
        .payments_of_client(c)
        .await
        .expect("read")
        .is_empty());
    assert!(app
        .db
        .store
        .design_versions_of_client(c)
        .await
        .expect("read")
        .is_empty());
    let photo_after = app
        .call(
            Some(Role::Owner),
            Method::GET,
            &format!("/api/v1/photos/{photo}"),
            None,
        )
        .await;
    assert_eq!(photo_after.status, StatusCode::NOT_FOUND);
    assert!(
        !app.studio.holds_photo(photo),
        "the studio forgot the photo"
    );
    let portal_after = get(&portal, &app, "/portal/home").await;
    assert_eq!(portal_after.location, "/portal?expired=1");
    let feed_after = reqwest::get(&feed_url).await.expect("answers");
    assert_eq!(feed_after.status(), StatusCode::NOT_FOUND);

    // One audit entry says what went, by whom, without the client's name or address.
    let log = app.db.store.audit_log(200).await.expect("read");
    let entry = log
        .iter()
        .find(|r| r.entry.action == "erase")
        .expect("an erase entry");
    assert_eq!(entry.entry.actor, "olive@clinic.test");
    assert_eq!(entry.entry.subject_id, Some(c));
    assert!(
        entry
            .entry
            .detail
            .starts_with("erased at the client's request of ")
            && entry.entry.detail.contains(
                ": 3 appointments, 1 screening, 1 course, 1 session record, 1 payment, \
                 1 photo, 1 design version, "
            )
            && entry.entry.detail.ends_with(" messages, 1 online request"),
        "{}",
        entry.entry.detail
    );
    assert!(log.iter().any(|r| r.entry.action == "decline_erasure"));
    for record in &log {
        assert!(!record.entry.detail.contains("Sam"), "{:?}", record.entry);
        assert!(
            !record.entry.detail.contains("sam@example.test"),
            "{:?}",
            record.entry
        );
    }
    let list = get(&pages, &app, "/erasure-requests?done=erased").await;
    assert!(list.html.contains("The client was erased."));
    assert!(!list.html.contains("Sam Carter"));

    // Only owners erase; an unknown client is named.
    let desk = app
        .call(
            Some(Role::FrontDesk),
            Method::DELETE,
            &format!("/api/v1/clients/{c}"),
            None,
        )
        .await;
    assert_eq!(desk.status, StatusCode::FORBIDDEN);
    let unknown = app
        .call(
            Some(Role::Owner),
            Method::DELETE,
            &format!("/api/v1/clients/{c}"),
            None,
        )
        .await;
    assert_problem(
        &unknown,
        StatusCode::NOT_FOUND,
        None,
        &format!("client {c} does not exist"),
    );
}

async fn bad_ids_and_bodies_of_the_erasure_routes_are_named(backend: Backend) {
    let app = spawn_app_with(backend, None).await;
    for (method, path, detail) in [
        (
            Method::GET,
            "/api/v1/clients/abc/export",
            "client abc does not exist",
        ),
        (
            Method::DELETE,
            "/api/v1/clients/99",
            "client 99 does not exist",
        ),
        (
            Method::DELETE,
            "/api/v1/clients/-1",
            "client -1 does not exist",
        ),
    ] {
        let answer = app.call(Some(Role::Owner), method, path, None).await;
        assert_problem(&answer, StatusCode::NOT_FOUND, None, detail);
    }
    let c = app
        .post("/api/v1/clients", json!({ "name": "Sam Carter" }))
        .await
        .body["id"]
        .as_i64()
        .expect("a client");
    let decline = format!("/api/v1/clients/{c}/erasure-request/decline");
    let unknown_field = app
        .call(
            Some(Role::Owner),
            Method::POST,
            &decline,
            Some(json!({ "why": "no" })),
        )
        .await;
    assert_problem(
        &unknown_field,
        StatusCode::BAD_REQUEST,
        Some("body.why"),
        "body.why: unknown field `why`, expected `reason` at line 1 column 6",
    );
    let not_asked = app
        .call(
            Some(Role::Owner),
            Method::POST,
            &decline,
            Some(json!({ "reason": "Records are kept." })),
        )
        .await;
    assert_problem(
        &not_asked,
        StatusCode::NOT_FOUND,
        None,
        &format!("erasure request of client {c} does not exist"),
    );
}

on_both_databases!(
    a_client_downloads_their_data_and_their_invoice_from_the_portal,
    the_owner_declines_then_erases_a_client_who_asked,
    bad_ids_and_bodies_of_the_erasure_routes_are_named
);
