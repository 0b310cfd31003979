//! Calendar feeds through HTTP, read by a real iCalendar parser (Debian's
//! python3-icalendar, which `scripts/test` installs): a course across the spring clock
//! change, one session moved and one cancelled; the practitioner's and the client's feeds;
//! remaking and revoking a feed's URL.

use std::process::Command;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use smp_store::{Backend, Role};

use crate::pages::{get, post};
use crate::portal::course_from;
use crate::reminders::london_client;
use crate::settings_pages::owner;
use crate::support::{london, spawn_app, TestApp};

/// Parses the feed on stdin with python3-icalendar and prints its events as JSON. Each
/// start and end is read twice: by the parser's own zone database for the `TZID`, and by
/// the zone built from the feed's own `VTIMEZONE` (`to_tz`) from the local time alone, so
/// the feed's zone definition is checked too.
const PARSE: &str = r#"
import json, sys
from datetime import timezone
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.buffer.read())
zones = {str(z['TZID']): z.to_tz() for z in cal.walk('VTIMEZONE')}
def both(prop):
    dt = prop.dt
    tzid = prop.params.get('TZID')
    own = zones[tzid].localize(dt.replace(tzinfo=None)).astimezone(timezone.utc)
    return dt.astimezone(timezone.utc).isoformat(), own.isoformat(), tzid
events = []
for e in cal.walk('VEVENT'):
    start, start_own, tzid = both(e['DTSTART'])
    end, end_own, _ = both(e['DTEND'])
    events.append({
        'uid': str(e['UID']), 'sequence': int(e['SEQUENCE']), 'status': str(e['STATUS']),
        'summary': str(e['SUMMARY']), 'tzid': tzid, 'start': start, 'start_own': start_own,
        'end': end, 'end_own': end_own,
    })
print(json.dumps({'name': str(cal.get('X-WR-CALNAME')), 'events': events}))
"#;

/// The feed at `url` as the parser reads it.
pub async fn parsed(app: &TestApp, url: &str) -> Value {
    let response = app.http.get(url).send().await.expect("the app answers");
    assert_eq!(response.status(), StatusCode::OK);
    let kind = response.headers()["content-type"]
        .to_str()
        .expect("text")
        .to_owned();
    assert_eq!(kind, "text/calendar; charset=utf-8");
    let body = response.bytes().await.expect("a body");
    let python =
        std::env::var("SMP_TEST_ICAL_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into());
    let mut child = Command::new(python)
        .args(["-c", PARSE])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 with icalendar: run scripts/test, which installs it");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), &body).expect("written");
    let out = child.wait_with_output().expect("the parser ran");
    assert!(
        out.status.success(),
        "the parser refused the feed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&body)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from the parser")
}

async fn status_of(app: &TestApp, url: &str) -> StatusCode {
    app.http.get(url).send().await.expect("answers").status()
}

async fn make_feed(app: &TestApp, role: Role, path: &str) -> String {
    let made = app.call(Some(role), Method::POST, path, None).await;
    assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.body);
    made.body["url"].as_str().expect("a url").to_owned()
}

async fn a_course_across_the_clock_change_reads_right_in_a_real_parser(backend: Backend) {
    let app = spawn_app(backend).await;
    let (p, c) = london_client(&app, "sam@example.test").await;
    // Sessions on 23 March, 6 and 20 April 2026 at 10:00 in London; the clocks go forward
    // on 29 March, so the first is 10:00 GMT and the others 09:00 UTC.
    let made = course_from(&app, p, c, "2026-03-23", "10:00").await;
    let ids: Vec<i64> = (0..3)
        .map(|k| made["sessions"][k]["id"].as_i64().expect("a session"))
        .collect();
    let moved = app
        .call(
            Some(Role::Owner),
            Method::PATCH,
            &format!("/api/v1/appointments/{}", ids[1]),
            Some(json!({ "starts_at": "2026-04-13T09:00:00Z", "override_reason": "away" })),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{:?}", moved.body);
    let cancelled = app
        .call(
            Some(Role::Owner),
            Method::PATCH,
            &format!("/api/v1/appointments/{}", ids[2]),
            Some(json!({ "status": "cancelled" })),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{:?}", cancelled.body);

    // The front desk makes the practitioner's feed.
    let url = make_feed(
        &app,
        Role::FrontDesk,
        &format!("/api/v1/practitioners/{p}/calendar-feed"),
    )
    .await;
    assert!(url.starts_with(&format!("{}/feeds/", app.base)), "{url}");
    let feed = parsed(&app, &url).await;
    assert_eq!(feed["name"], "Ink & Dot: Alex");
    let events = feed["events"].as_array().expect("events");
    assert_eq!(events.len(), 3, "{feed}");
    let expect = |k: usize, start: &str, end: &str, sequence: i64, status: &str| {
        let e = &events[k];
        assert_eq!(e["uid"], format!("appointment-{}@127.0.0.1", ids[k]), "{e}");
        assert_eq!(e["tzid"], "Europe/London");
        for key in ["start", "start_own"] {
            assert_eq!(e[key], start, "{key} of {e}");
        }
        for key in ["end", "end_own"] {
            assert_eq!(e[key], end, "{key} of {e}");
        }
        assert_eq!(e["sequence"], sequence, "{e}");
        assert_eq!(e["status"], status, "{e}");
        assert!(
            e["summary"]
                .as_str()
                .is_some_and(|s| s.ends_with(": Sam Carter")),
            "{e}"
        );
    };
    let first = app.db.store.appointment(ids[0]).await.expect("session 1");
    let length = first
        .booked
        .slot
        .starts_at
        .duration_until(first.booked.slot.ends_at);
    let end = |start: &str| {
        (start.parse::<jiff::Timestamp>().expect("an instant") + length)
            .strftime("%Y-%m-%dT%H:%M:%S+00:00")
            .to_string()
    };
    expect(
        0,
        "2026-03-23T10:00:00+00:00",
        &end("2026-03-23T10:00:00Z"),
        0,
        "CONFIRMED",
    );
    expect(
        1,
        "2026-04-13T09:00:00+00:00",
        &end("2026-04-13T09:00:00Z"),
        1,
        "CONFIRMED",
    );
    expect(
        2,
        "2026-04-20T09:00:00+00:00",
        &end("2026-04-20T09:00:00Z"),
        1,
        "CANCELLED",
    );

    // The client's own feed: their sessions, named for them, without the staff's notes.
    let mine = make_feed(
        &app,
        Role::Practitioner,
        &format!("/api/v1/clients/{c}/calendar-feed"),
    )
    .await;
    let feed = parsed(&app, &mine).await;
    assert_eq!(feed["name"], "Ink & Dot");
    let summaries: Vec<&str> = feed["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["summary"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(summaries.len(), 3);
    assert!(
        summaries.iter().all(|s| s.ends_with(" at Ink & Dot")),
        "{summaries:?}"
    );

    // A new URL for the practitioner's feed: the old one stops working; revoked, neither.
    let again = make_feed(
        &app,
        Role::Owner,
        &format!("/api/v1/practitioners/{p}/calendar-feed"),
    )
    .await;
    assert_ne!(again, url);
    assert_eq!(status_of(&app, &url).await, StatusCode::NOT_FOUND);
    assert_eq!(status_of(&app, &again).await, StatusCode::OK);
    let path = format!("/api/v1/practitioners/{p}/calendar-feed");
    let revoked = app
        .call(Some(Role::Owner), Method::DELETE, &path, None)
        .await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    assert_eq!(status_of(&app, &again).await, StatusCode::NOT_FOUND);
    let twice = app
        .call(Some(Role::Owner), Method::DELETE, &path, None)
        .await;
    assert_eq!(twice.status, StatusCode::NO_CONTENT, "{:?}", twice.body);
    // The client's feed is theirs alone and still works.
    assert_eq!(status_of(&app, &mine).await, StatusCode::OK);
    // Made-up tokens, of the right shape or not, find nothing and say nothing more.
    let made_up = format!("{}/feeds/{}.ics", app.base, "0".repeat(64));
    assert_eq!(status_of(&app, &made_up).await, StatusCode::NOT_FOUND);
    let short = format!("{}/feeds/abc.ics", app.base);
    assert_eq!(status_of(&app, &short).await, StatusCode::NOT_FOUND);
}

async fn feeds_of_unknown_owners_are_404_and_need_a_role_that_books(backend: Backend) {
    let app = spawn_app(backend).await;
    let missing = app
        .call(
            Some(Role::Owner),
            Method::POST,
            "/api/v1/practitioners/999/calendar-feed",
            None,
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND, "{:?}", missing.body);
    for method in [Method::POST, Method::DELETE] {
        let client = app
            .call(
                Some(Role::Owner),
                method,
                "/api/v1/clients/999/calendar-feed",
                None,
            )
            .await;
        assert_eq!(client.status, StatusCode::NOT_FOUND, "{:?}", client.body);
        assert_eq!(client.body["detail"], "client 999 does not exist");
    }
    let p = app.practitioner("Alex").await;
    let anonymous = app
        .call(
            None,
            Method::POST,
            &format!("/api/v1/practitioners/{p}/calendar-feed"),
            None,
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    // An empty calendar is still a calendar.
    let url = make_feed(
        &app,
        Role::Owner,
        &format!("/api/v1/practitioners/{p}/calendar-feed"),
    )
    .await;
    let feed = parsed(&app, &url).await;
    assert_eq!(feed["events"], json!([]));
}

async fn an_owner_makes_and_revokes_a_practitioners_link_on_the_hours_page(backend: Backend) {
    let app = spawn_app(backend).await;
    london(&app).await;
    let p = app.practitioner("Alex").await;
    let (browser, csrf) = owner(&app).await;
    let hours = format!("/practitioners/{p}/hours");
    let before = get(&browser, &app, &hours).await;
    assert!(before.html.contains("No link yet."), "{}", before.html);
    let made = post(
        &browser,
        &app,
        &format!("/practitioners/{p}/calendar-feed"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.html);
    let url = made
        .html
        .split("id=\"feed-url\" readonly value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no link in {}", made.html))
        .to_owned();
    assert_eq!(parsed(&app, &url).await["name"], "Ink & Dot: Alex");
    // Shown once: the page afterwards says a link is in use, not which.
    let after = get(&browser, &app, &hours).await;
    assert!(
        after
            .html
            .contains("A link is in use, made on Mon 1 Dec 2025."),
        "{}",
        after.html
    );
    assert!(!after.html.contains(&url));
    let revoked = post(
        &browser,
        &app,
        &format!("/practitioners/{p}/calendar-feed/revoke"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, &url).await, StatusCode::NOT_FOUND);
    let page = get(&browser, &app, &format!("{hours}?saved=feed-revoked")).await;
    assert!(
        page.html.contains("The calendar link is revoked"),
        "{}",
        page.html
    );
    // Without the form's token nothing is made.
    let forged = post(
        &browser,
        &app,
        &format!("/practitioners/{p}/calendar-feed"),
        &[("csrf", "forged")],
    )
    .await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        forged
            .html
            .contains("csrf: this form has expired or did not come from smp"),
        "{}",
        forged.html
    );
    assert!(app
        .db
        .store
        .calendar_feed_made(smp_store::FeedOwner::Practitioner(p))
        .await
        .expect("read")
        .is_none());
}

on_both_databases!(
    an_owner_makes_and_revokes_a_practitioners_link_on_the_hours_page,
    a_course_across_the_clock_change_reads_right_in_a_real_parser,
    feeds_of_unknown_owners_are_404_and_need_a_role_that_books,
);
