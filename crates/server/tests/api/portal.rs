//! The client portal through HTTP, with the link sent over real SMTP: asking for a link
//! (the same answer for unknown addresses), opening it once, the course with its dated care,
//! preview and money, the calendar feed, erasure asked for, leaving; and the limits (used
//! and expired links, another client's picture, a rate per client, a bad address).

use reqwest::StatusCode;
use smp_server::smtp_sink::SmtpSink;
use smp_store::Backend;

use crate::booking_online::token_link;
use crate::calendar_feeds::parsed;
use crate::mail::{mailer, wait};
use crate::pages::{assert_contains, browser, get, hidden, post};
use crate::reminders::london_client;
use crate::support::{spawn_app_with, TestApp};

/// A course of three sessions from Monday 23 March 2026 at 10:00 for client `c`; its id.
pub async fn course(app: &TestApp, p: i64, c: i64) -> i64 {
    course_from(app, p, c, "2026-03-23", "10:00").await["id"]
        .as_i64()
        .expect("a course")
}

/// A Norwood 5 course of three sessions two weeks apart from `start` at `time` (London)
/// for client `c` with practitioner `p`: the course as the API answered it.
pub async fn course_from(
    app: &TestApp,
    p: i64,
    c: i64,
    start: &str,
    time: &str,
) -> serde_json::Value {
    let made = app
        .post(
            "/api/v1/courses",
            serde_json::json!({ "client_id": c, "practitioner_id": p, "area": "norwood-5",
                                "start": start, "time": time }),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.body);
    made.body
}

/// Asks for a portal link for `email`, takes it from the sink and opens the portal in
/// `browser`; returns the portal's CSRF token.
pub async fn open_portal(
    app: &TestApp,
    sink: &SmtpSink,
    browser: &reqwest::Client,
    email: &str,
) -> String {
    let subject = "Your link to your portal";
    let before = sink
        .received()
        .iter()
        .filter(|m| m.subject.starts_with(subject))
        .count();
    let asked = post(browser, app, "/portal", &[("email", email)]).await;
    assert_eq!(asked.status, StatusCode::OK);
    // The newest link: the one after all that were there before.
    let received = wait_for(sink, subject, before + 1).await;
    let link = token_link(&received.raw, "/portal/open/");
    let opened = post(browser, app, &link, &[]).await;
    assert_eq!(opened.location, "/portal/home", "{}", opened.html);
    let home = get(browser, app, "/portal/home").await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.html);
    hidden(&home.html, "csrf")
}

/// The calendar link the portal shows once.
pub fn feed_url(html: &str) -> String {
    html.split("id=\"feed-url\" readonly value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a calendar link")
        .to_owned()
}

/// The `count`-th message whose subject starts with `subject`, once it has arrived.
pub async fn wait_for(
    sink: &SmtpSink,
    subject: &str,
    count: usize,
) -> smp_server::smtp_sink::Received {
    let started = std::time::Instant::now();
    loop {
        let matching: Vec<_> = sink
            .received()
            .into_iter()
            .filter(|m| m.subject.starts_with(subject))
            .collect();
        if matching.len() >= count {
            return matching[count - 1].clone();
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "no message {subject:?} arrived"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn a_client_opens_the_portal_from_the_email_and_sees_their_course(backend: Backend) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    let (p, c) = london_client(&app, "sam@example.test").await;
    let own = course(&app, p, c).await;
    let other_client = app
        .post(
            "/api/v1/clients",
            serde_json::json!({ "name": "Kim Lee", "email": "kim@example.test",
                                "health_consent_on": "2025-11-30" }),
        )
        .await
        .body["id"]
        .as_i64()
        .expect("a client");
    let other_practitioner = app.practitioner("Robin").await;
    let theirs = course(&app, other_practitioner, other_client).await;
    let browser = browser();

    // An unknown address gets the same answer, and nothing is sent.
    let unknown = post(
        &browser,
        &app,
        "/portal",
        &[("email", "nobody@example.test")],
    )
    .await;
    let asked = post(
        &browser,
        &app,
        "/portal",
        &[("email", " Sam@Example.test ")],
    )
    .await;
    for answer in [&unknown, &asked] {
        assert_eq!(answer.status, StatusCode::OK);
        assert!(
            answer.html.contains("a link to your portal is on its way"),
            "{}",
            answer.html
        );
    }
    let received = wait(&sink, 1).await;
    let links: Vec<_> = received
        .iter()
        .filter(|m| m.subject.starts_with("Your link to your portal"))
        .collect();
    assert_eq!(links.len(), 1, "{received:?}");
    assert!(links[0].to.contains("sam@example.test"));
    let link = token_link(&links[0].raw, "/portal/open/");

    // The link shows a button; the button opens the portal once.
    let shown = get(&browser, &app, &link).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.html.contains("Open my portal"));
    let opened = post(&browser, &app, &link, &[]).await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.html);
    assert_eq!(opened.location, "/portal/home");
    let again = post(&crate::pages::browser(), &app, &link, &[]).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert!(again
        .html
        .contains("This link has been used or has expired."));

    let home = get(&browser, &app, "/portal/home").await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.html);
    assert_contains(
        &home.html,
        &[
            "Hello Sam Carter",
            "Session 1: Mon 23 Mar 2026, 10:00",
            "Around session 1 on Mon 23 Mar 2026 at 10:00",
            "No alcohol from Sat 21 Mar 2026 10:00 (48 hours before).",
            &format!("/portal/courses/{own}/preview.png?after=1"),
            "From the front, after session 3",
            "Close up: 3 cm of the hairline, enlarged",
            "Europe/London",
        ],
    );
    assert!(!home.html.contains("Kim"));
    let picture = browser
        .get(format!(
            "{}/portal/courses/{own}/preview.png?after=1",
            app.base
        ))
        .send()
        .await
        .expect("answers");
    assert_eq!(picture.status(), StatusCode::OK);
    assert_eq!(picture.headers()["content-type"], "image/png");
    // Close up, the dots stand out from the skin: the darkest pixels are far darker than the
    // typical one.
    let closeup = browser
        .get(format!(
            "{}/portal/courses/{own}/preview.png?after=3&view=closeup",
            app.base
        ))
        .send()
        .await
        .expect("answers");
    assert_eq!(closeup.status(), StatusCode::OK);
    let closeup = image::load_from_memory(&closeup.bytes().await.expect("a body"))
        .expect("a PNG")
        .to_luma8();
    let mut shades: Vec<u8> = closeup.pixels().map(|p| p.0[0]).collect();
    shades.sort_unstable();
    let (darkest, typical) = (shades[shades.len() / 200], shades[shades.len() / 2]);
    assert!(
        f32::from(darkest) < 0.75 * f32::from(typical),
        "dots {darkest} on skin {typical}"
    );
    let not_mine = get(
        &browser,
        &app,
        &format!("/portal/courses/{theirs}/preview.png"),
    )
    .await;
    assert_eq!(not_mine.status, StatusCode::NOT_FOUND);

    // The calendar link, shown once, serves the client's sessions.
    let csrf = hidden(&home.html, "csrf");
    let calendar = post(&browser, &app, "/portal/calendar", &[("csrf", &csrf)]).await;
    assert_eq!(calendar.status, StatusCode::OK, "{}", calendar.html);
    let url = feed_url(&calendar.html);
    // A real iCalendar parser reads the three sessions at their London times, by the
    // parser's own zone database and by the feed's VTIMEZONE alike.
    let feed = parsed(&app, &url).await;
    let events = feed["events"].as_array().expect("events");
    let starts: Vec<(&str, &str, &str)> = events
        .iter()
        .map(|e| {
            (
                e["tzid"].as_str().unwrap_or(""),
                e["start"].as_str().unwrap_or(""),
                e["start_own"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        starts,
        [
            (
                "Europe/London",
                "2026-03-23T10:00:00+00:00",
                "2026-03-23T10:00:00+00:00"
            ),
            (
                "Europe/London",
                "2026-04-06T09:00:00+00:00",
                "2026-04-06T09:00:00+00:00"
            ),
            (
                "Europe/London",
                "2026-04-20T09:00:00+00:00",
                "2026-04-20T09:00:00+00:00"
            ),
        ],
        "{feed}"
    );

    // Erasure: asked for with the box ticked, and only then.
    let unticked = post(&browser, &app, "/portal/erase", &[("csrf", &csrf)]).await;
    assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unticked
        .html
        .contains("confirm: tick the box to confirm that you want everything erased"));
    assert!(app
        .db
        .store
        .erasure_requests()
        .await
        .expect("read")
        .is_empty());
    let forged = post(
        &browser,
        &app,
        "/portal/erase",
        &[("csrf", "forged"), ("confirm", "yes")],
    )
    .await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    let erase = post(
        &browser,
        &app,
        "/portal/erase",
        &[("csrf", &csrf), ("confirm", "yes")],
    )
    .await;
    assert_eq!(erase.location, "/portal/home?done=erasure");
    let requests = app.db.store.erasure_requests().await.expect("read");
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].client_id, c);
    let after = get(&browser, &app, "/portal/home?done=erasure").await;
    assert!(after.html.contains("Your request is with the clinic."));

    // Leaving ends the session: the portal asks for a new link.
    let left = post(&browser, &app, "/portal/logout", &[("csrf", &csrf)]).await;
    assert_eq!(left.location, "/portal");
    let closed = get(&browser, &app, "/portal/home").await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    assert_eq!(closed.location, "/portal?expired=1");
}

async fn links_expire_are_limited_per_client_and_bad_addresses_are_named(backend: Backend) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    let (_, c) = london_client(&app, "sam@example.test").await;
    let browser = browser();
    for _ in 0..5 {
        let asked = post(&browser, &app, "/portal", &[("email", "sam@example.test")]).await;
        assert_eq!(asked.status, StatusCode::OK);
    }
    let since = crate::support::now() - jiff::SignedDuration::from_hours(1);
    let made = app
        .db
        .store
        .portal_links_since(c, since)
        .await
        .expect("count");
    assert_eq!(made, 3, "three links an hour, however often asked");
    let received = wait(&sink, 3).await;
    assert_eq!(received.len(), 3);
    let link = token_link(&received[0].raw, "/portal/open/");
    // Half an hour later the link no longer opens anything.
    app.advance(31);
    let late = get(&browser, &app, &link).await;
    assert_eq!(late.status, StatusCode::GONE);
    let opened = post(&browser, &app, &link, &[]).await;
    assert_eq!(opened.status, StatusCode::GONE);
    let made_up = get(&browser, &app, "/portal/open/not-a-token").await;
    assert_eq!(made_up.status, StatusCode::GONE);

    for (typed, message) in [
        ("", "email: write your email address: the link goes there"),
        ("sam", "email: is not an email address"),
        (&"a".repeat(300), "email: at most 254 characters"),
    ] {
        let refused = post(&browser, &app, "/portal", &[("email", typed)]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{typed}");
        assert!(
            refused.html.contains(message),
            "{message} in {}",
            refused.html
        );
    }
}

/// Moves the app's clock on to `instant` (RFC 3339).
fn advance_to(app: &TestApp, instant: &str) {
    let to: jiff::Timestamp = instant.parse().expect("an instant");
    let now = app.clock.load(std::sync::atomic::Ordering::SeqCst);
    app.advance((to.as_second() - now) / 60);
}

async fn the_care_moves_to_the_next_session_and_ends_with_the_last_ones_aftercare(
    backend: Backend,
) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    let (p, c) = london_client(&app, "sam@example.test").await;
    course(&app, p, c).await;
    let home = |browser: reqwest::Client| {
        let (app, sink) = (&app, &sink);
        async move {
            open_portal(app, sink, &browser, "sam@example.test").await;
            get(&browser, app, "/portal/home").await.html
        }
    };

    // Before the course: each session with what it is for, and the care around the first.
    let before = home(browser()).await;
    assert_contains(
        &before,
        &[
            "Session 1: Mon 23 Mar 2026, 10:00–14:00 (foundation)",
            "Session 2: Mon 6 Apr 2026, 10:00–14:00 (density)",
            "Session 3: Mon 20 Apr 2026, 10:00–14:00 (refinement)",
            "Around session 1 on Mon 23 Mar 2026 at 10:00",
            "No swimming pools, saunas, steam rooms or hot yoga before Thu 2 Apr 2026 (day 10).",
        ],
    );

    // Session 1 is done: the care is now around session 2 (in summer time).
    advance_to(&app, "2026-03-23T15:00:00Z");
    let between = home(browser()).await;
    assert_contains(
        &between,
        &[
            "Session 1: Mon 23 Mar 2026, 10:00–14:00 (foundation), done",
            "Around session 2 on Mon 6 Apr 2026 at 10:00",
            "No alcohol from Sat 4 Apr 2026 10:00 (48 hours before).",
        ],
    );

    // A week after the final session: its aftercare still running, and only that.
    advance_to(&app, "2026-04-27T09:00:00Z");
    let after = home(browser()).await;
    assert_contains(
        &after,
        &[
            "After session 3 on Mon 20 Apr 2026 at 10:00",
            "No swimming pools, saunas, steam rooms, hot yoga or tanning beds before Mon 18 May 2026 (day 28).",
            "If you use minoxidil (Rogaine), restart it on Wed 20 May 2026.",
        ],
    );
    assert!(!after.contains("<h4>Before</h4>"), "{after}");
    assert!(
        !after.contains("Do not wash or soak your head before Sat 25 Apr 2026"),
        "an instruction that has ended is not shown: {after}"
    );

    // A year on, every instruction has ended: no care block.
    advance_to(&app, "2027-06-01T09:00:00Z");
    let later = home(browser()).await;
    assert!(!later.contains("class=\"card care\""), "{later}");
}

on_both_databases!(
    a_client_opens_the_portal_from_the_email_and_sees_their_course,
    links_expire_are_limited_per_client_and_bad_addresses_are_named,
    the_care_moves_to_the_next_session_and_ends_with_the_last_ones_aftercare,
);
