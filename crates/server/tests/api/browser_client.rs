//! The client's side in a real browser (headless Chromium through ChromeDriver, its clock in
//! New York), against the real server, database and SMTP sink: find a free time on the
//! public booking page (the page finds the browser's zone itself), be declined with the
//! reason for an answer that rules SMP out, book with the health questions answered, open
//! the confirmation's link, then — once the clinic has planned the course — ask for the
//! portal by email, open it from the link, and see the sessions, the care dates and the
//! design preview, and add them to a calendar; on SQLite and on PostgreSQL. Whole-page
//! screenshots are saved in `target/screenshots/client-*.png` (and `postgres-client-*.png`).

use smp_server::smtp_sink::SmtpSink;
use smp_store::Backend;

use crate::availability::london_with_hours;
use crate::booking_online::{booked_screening, token_link};
use crate::browser::screenshot_path;
use crate::browser::webdriver::Browser;
use crate::mail::mailer;
use crate::portal::{course, wait_for};
use crate::support::spawn_app_with;

/// Where a screenshot of this walk on `backend` goes: `client-*.png` on SQLite,
/// `postgres-client-*.png` on PostgreSQL.
fn shot(backend: Backend, name: &str) -> std::path::PathBuf {
    match backend {
        Backend::Sqlite => screenshot_path(name),
        Backend::Postgres => screenshot_path(&format!("postgres-{name}")),
    }
}

async fn a_client_books_online_and_opens_their_portal_in_the_browser(backend: Backend) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    let practitioner = london_with_hours(&app).await;
    let browser = Browser::start_in(Some("America/New_York")).await;

    // The booking page notices the browser's zone and shows the free times in it, with
    // the clinic's own time beside them.
    browser
        .open(&format!("{}/book?from=2025-12-01", app.base))
        .await;
    let week = browser
        .text_with("Times are shown in America/New_York time")
        .await;
    assert!(
        week.contains("the clinic's own time (Europe/London) is in brackets"),
        "{week}"
    );
    assert!(week.contains("04:00 (09:00)"), "{week}");
    browser
        .screenshot(&shot(backend, "client-01-free-times.png"))
        .await;

    // Tuesday 2 December at 09:00 in London, 04:00 in New York.
    browser
        .click("a.appt[href*='starts_at=2025-12-02T09:00:00Z']")
        .await;
    browser
        .text_with("Tuesday 2 December 2025 at 04:00 (America/New_York)")
        .await;
    let details = browser.url().await;

    // Haemophilia rules SMP out: the page says so kindly, with the reason, and books
    // nothing.
    browser.type_into("#name", "Sam Carter").await;
    browser.type_into("#email", "sam@example.test").await;
    browser.click("input[name='condition.hemophilia']").await;
    browser.click("#consent").await;
    browser
        .click("form[action='/book'] button[type=submit]")
        .await;
    let declined = browser.text_with("We cannot book this for you").await;
    assert!(
        declined.contains("Haemophilia: under this clinic's policy we cannot offer"),
        "{declined}"
    );
    browser
        .screenshot(&shot(backend, "client-02-declined.png"))
        .await;

    // Without it, and taking minoxidil (to pause during the course), Sam books.
    browser.open(&details).await;
    browser.text_with("Tuesday 2 December 2025").await;
    browser.type_into("#name", "Sam Carter").await;
    browser.type_into("#email", "sam@example.test").await;
    browser
        .click("input[name='medication.minoxidil.ongoing']")
        .await;
    browser.click("#consent").await;
    browser
        .screenshot(&shot(backend, "client-03-details.png"))
        .await;
    browser
        .click("form[action='/book'] button[type=submit]")
        .await;
    browser
        .text_with("A confirmation is on its way to sam@example.test")
        .await;
    browser
        .screenshot(&shot(backend, "client-04-booked.png"))
        .await;

    // The confirmation's link opens the appointment, to move or cancel it.
    let confirmation = wait_for(&sink, "Booked: your consultation", 1).await;
    assert!(confirmation.to.contains("sam@example.test"));
    let manage = token_link(&confirmation.raw, "/book/manage/");
    browser.open(&format!("{}{manage}", app.base)).await;
    let appointment = browser.text_with("Your appointment").await;
    assert!(
        appointment.contains("Cancel this appointment"),
        "{appointment}"
    );
    browser
        .screenshot(&shot(backend, "client-05-manage.png"))
        .await;

    // The clinic plans Sam's course (sessions on 23 March, 6 and 20 April 2026).
    let screening = booked_screening(&app, "Sam").await.screening;
    assert!(
        screening.answers_json.contains("minoxidil"),
        "the answer typed in the browser is kept: {screening:?}"
    );
    course(&app, practitioner, screening.client_id).await;

    // Sam asks for the portal by email and opens it from the link.
    browser.open(&format!("{}/portal", app.base)).await;
    browser.type_into("#email", "sam@example.test").await;
    browser
        .click("form[action='/portal'] button[type=submit]")
        .await;
    browser.text_with("Look in the spam folder").await;
    let letter = wait_for(&sink, "Your link to your portal", 1).await;
    let link = token_link(&letter.raw, "/portal/open/");
    browser.open(&format!("{}{link}", app.base)).await;
    browser.click("#open").await;
    let portal = browser.text_with("Hello Sam").await;
    for expected in [
        "Session 1: Mon 23 Mar 2026",
        "Session 3: Mon 20 Apr 2026",
        "Your design",
        "Still to pay",
    ] {
        assert!(portal.contains(expected), "{expected} in {portal}");
    }
    // Each session says what it is for; the care dates are real dates around the next.
    for expected in [
        "Session 1: Mon 23 Mar 2026, 10:00–14:00 (foundation)",
        "Stop retinol and Retin-A from Mon 16 Mar 2026",
        "No alcohol from Sat 21 Mar 2026 10:00",
        "No swimming pools, saunas, steam rooms or hot yoga before Thu 2 Apr 2026",
    ] {
        assert!(portal.contains(expected), "{expected} in {portal}");
    }
    // The design preview images load (lazily, once scrolled to).
    browser
        .script("document.querySelector('figure img').scrollIntoView()")
        .await;
    let all_shown = |v: &serde_json::Value| {
        v.as_array()
            .is_some_and(|a| !a.is_empty() && a.iter().all(|s| s == "ok"))
    };
    let mut loaded = serde_json::Value::Null;
    for _ in 0..100 {
        loaded = browser
            .script(
                "return Array.from(document.querySelectorAll('figure img'))\
                 .map(i => i.complete && i.naturalWidth > 0 ? 'ok' : i.src)",
            )
            .await;
        if all_shown(&loaded) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(all_shown(&loaded), "previews not shown: {loaded}");
    browser
        .screenshot(&shot(backend, "client-06-portal.png"))
        .await;

    // Sam adds the course to a calendar: the feed's address is shown once.
    browser
        .click("form[action='/portal/calendar'] button[type=submit]")
        .await;
    browser
        .text_with("Your calendar link, shown only now")
        .await;
    let feed = browser
        .script("return document.getElementById('feed-url').value")
        .await;
    let feed = feed.as_str().unwrap_or_default().to_owned();
    assert!(feed.ends_with(".ics"), "{feed}");
    // The link answers with the course in iCalendar, as a calendar app would fetch it.
    let ics = reqwest::get(&feed)
        .await
        .expect("the feed answers")
        .text()
        .await
        .expect("a body");
    assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        4,
        "consultation and 3 sessions: {ics}"
    );
    browser
        .screenshot(&shot(backend, "client-07-calendar-link.png"))
        .await;
    browser.quit().await;
}

on_both_databases!(a_client_books_online_and_opens_their_portal_in_the_browser);
