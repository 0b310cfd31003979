//! Touch-up recall through HTTP with the real SMTP sink: a course's final session writes
//! the recalls (four years on, then yearly), the first goes out on its day, the owners'
//! list shows the client as due with the fading estimate (for low, medium and high sun until
//! the client's own sun exposure is recorded, then for theirs), only owners see it, and a
//! new course withdraws the recalls not yet sent.

use reqwest::StatusCode;
use serde_json::json;
use smp_design::{remaining_density, Uv};
use smp_server::smtp_sink::SmtpSink;
use smp_store::{Backend, Role};

use crate::mail::mailer;
use crate::pages::{account, assert_contains, browser, get, log_in, PASSWORD};
use crate::portal::{course, course_from, wait_for};
use crate::reminders::london_client;
use crate::support::spawn_app_with;

fn london_local(at: jiff::Timestamp) -> String {
    at.to_zoned(jiff::tz::TimeZone::get("Europe/London").expect("zone"))
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

async fn a_finished_course_is_recalled_yearly_until_the_client_comes_back(backend: Backend) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    let (p, c) = london_client(&app, "sam@example.test").await;
    // Sessions on 23 March, 6 and 20 April 2026 at 10:00.
    course(&app, p, c).await;
    let recalls = |all: Vec<smp_store::OutboxMessage>| -> Vec<smp_store::OutboxMessage> {
        all.into_iter()
            .filter(|m| m.message.key.starts_with("recall-"))
            .collect()
    };
    let written = recalls(app.db.store.messages_of_client(c).await.expect("read"));
    let when: Vec<String> = written
        .iter()
        .map(|m| london_local(m.message.due_at))
        .collect();
    assert_eq!(
        when,
        [
            "2030-04-20 09:00",
            "2031-04-20 09:00",
            "2032-04-20 09:00",
            "2033-04-20 09:00",
            "2034-04-20 09:00",
            "2035-04-20 09:00"
        ]
    );

    // Nothing is listed while the course is ahead or just behind.
    let owner = account(&app, "olive@clinic.test", Role::Owner).await;
    let pages = browser();
    log_in(&pages, &app, &owner, PASSWORD).await;
    let early = get(&pages, &app, "/recall").await;
    assert_eq!(early.status, StatusCode::OK, "{}", early.html);
    assert!(early.html.contains("Nobody is due or coming up."));

    // Four years and eleven days after the last session: the first recall goes out on its
    // day, and the list shows Sam as due, with the fading estimate.
    let to: jiff::Timestamp = "2030-05-01T09:00:00Z".parse().expect("an instant");
    let from = jiff::Timestamp::from_second(app.clock.load(std::sync::atomic::Ordering::SeqCst))
        .expect("now");
    app.advance(from.duration_until(to).as_mins());
    let letter = wait_for(&sink, "Time for a touch-up? 4 years since your SMP", 1).await;
    assert!(letter.to.contains("sam@example.test"));
    assert!(
        letter
            .raw
            .contains("It is 4 years since your last SMP session, on Mon 20 Apr 2026."),
        "{}",
        letter.raw
    );
    let pages = browser();
    log_in(&pages, &app, &owner, PASSWORD).await;
    let due = get(&pages, &app, "/recall").await;
    assert_eq!(due.status, StatusCode::OK, "{}", due.html);
    let years =
        (jiff::civil::date(2030, 5, 1) - jiff::civil::date(2026, 4, 20)).get_days() as f32 / 365.25;
    let left: Vec<String> = [Uv::Low, Uv::Medium, Uv::High]
        .iter()
        .map(|uv| format!("{:.0} %", 100.0 * remaining_density(years, *uv)))
        .collect();
    assert_contains(
        &due.html,
        &[
            "Sam Carter",
            "Mon 20 Apr 2026",
            "20 Apr 2030",
            "<strong>due</strong>",
            "<span class=\"muted\">not recorded</span>",
            &format!(
                "low: {}<br>medium: {}<br>high: {}",
                left[0], left[1], left[2]
            ),
        ],
    );

    // Once the clinic records that Sam's scalp gets much sun, the estimate is Sam's own.
    let recorded = app
        .call(
            Some(Role::Owner),
            reqwest::Method::PUT,
            &format!("/api/v1/clients/{c}"),
            Some(json!({ "name": "Sam Carter", "email": "sam@example.test",
                         "health_consent_on": "2025-11-30", "sun_exposure": "high" })),
        )
        .await;
    assert_eq!(recorded.status, StatusCode::OK, "{:?}", recorded.body);
    assert_eq!(recorded.body["sun_exposure"], "high");
    let own = get(&pages, &app, "/recall").await;
    assert_contains(
        &own.html,
        &["<td>high</td>", &format!("<td>{}</td>", left[2])],
    );
    assert!(!own.html.contains("low: "), "{}", own.html);

    // Only owners see the list.
    let desk = account(&app, "robin@clinic.test", Role::FrontDesk).await;
    let desk_pages = browser();
    log_in(&desk_pages, &app, &desk, PASSWORD).await;
    let refused = get(&desk_pages, &app, "/recall").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // A touch-up course withdraws the recalls not sent; its own final session writes new
    // ones, and the client leaves the list.
    let touch_up = app
        .post(
            "/api/v1/courses",
            json!({ "client_id": c, "practitioner_id": p, "area": "touch-up",
                    "start": "2030-05-11", "time": "10:00" }),
        )
        .await;
    assert_eq!(touch_up.status, StatusCode::CREATED, "{:?}", touch_up.body);
    let after = recalls(app.db.store.messages_of_client(c).await.expect("read"));
    let status_of = |due: &str| -> Vec<String> {
        after
            .iter()
            .filter(|m| london_local(m.message.due_at) == due)
            .map(|m| m.status.clone())
            .collect()
    };
    assert_eq!(status_of("2030-04-20 09:00"), ["sent"]);
    assert_eq!(status_of("2031-04-20 09:00"), ["cancelled"]);
    assert_eq!(status_of("2035-04-20 09:00"), ["cancelled"]);
    let pending = after.iter().filter(|m| m.status == "pending").count();
    assert_eq!(pending, 6, "the touch-up's own recalls: {after:?}");
    let listed = get(&pages, &app, "/recall").await;
    assert!(!listed.html.contains("Sam Carter"), "{}", listed.html);
}

async fn a_client_a_year_past_their_recall_is_overdue_first_on_the_list(backend: Backend) {
    let sink = SmtpSink::start();
    let app = spawn_app_with(backend, Some(mailer(&sink))).await;
    // Sam's course ends on 20 April 2026; Kim's, booked a week later, on 27 April.
    let (p, sam) = london_client(&app, "sam@example.test").await;
    course(&app, p, sam).await;
    let kim = app.client("Kim Lee", "kim@example.test").await;
    course_from(&app, p, kim, "2026-03-30", "12:00").await;
    // On 24 April 2031 Sam's recall (20 April 2030) is a year and four days old: overdue;
    // Kim's (27 April 2030) is not a year old yet: due.
    let to: jiff::Timestamp = "2031-04-24T09:00:00Z".parse().expect("an instant");
    let from = jiff::Timestamp::from_second(app.clock.load(std::sync::atomic::Ordering::SeqCst))
        .expect("now");
    app.advance(from.duration_until(to).as_mins());
    let owner = account(&app, "olive@clinic.test", Role::Owner).await;
    let pages = browser();
    log_in(&pages, &app, &owner, PASSWORD).await;
    let list = get(&pages, &app, "/recall").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.html);
    let sam_at = list.html.find("Sam Carter").expect("Sam is listed");
    let kim_at = list.html.find("Kim Lee").expect("Kim is listed");
    assert!(sam_at < kim_at, "the overdue come first: {}", list.html);
    let sam_row = &list.html[sam_at..kim_at];
    assert!(sam_row.contains("<strong>overdue</strong>"), "{sam_row}");
    assert!(
        list.html[kim_at..].contains("<strong>due</strong>"),
        "{}",
        list.html
    );
}

on_both_databases!(
    a_finished_course_is_recalled_yearly_until_the_client_comes_back,
    a_client_a_year_past_their_recall_is_overdue_first_on_the_list
);
