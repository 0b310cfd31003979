//! The owner's settings pages: the clinic, services, the policy file, staff accounts, and a
//! practitioner's hours and days off; each form names what is wrong next to its field,
//! keeps what was typed and stores nothing until it is right.

use jiff::civil::date;
use reqwest::StatusCode;
use smp_store::{Backend, HoursRow, Role};

use crate::pages::{account, assert_contains, browser, get, hidden, log_in, post, PASSWORD};
use crate::support::{london, spawn_app, TestApp};

/// A logged-in owner's browser and the session's CSRF token.
/// An owner logged in through the pages: their browser and its CSRF token.
pub async fn owner(app: &TestApp) -> (reqwest::Client, String) {
    let email = account(app, "olive@clinic.test", Role::Owner).await;
    let browser = browser();
    log_in(&browser, app, &email, PASSWORD).await;
    let page = get(&browser, app, "/settings").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    let csrf = hidden(&page.html, "csrf");
    (browser, csrf)
}

async fn the_clinic_form_names_each_bad_field_and_saves_when_right(backend: Backend) {
    let app = spawn_app(backend).await;
    london(&app).await;
    let (browser, csrf) = owner(&app).await;
    let form = [
        ("csrf", csrf.as_str()),
        ("name", "Ink and Dot Dublin"),
        ("time_zone", "Dublin"),
        ("currency", "EUR"),
        ("min_notice_minutes", "two hours"),
    ];
    let refused = post(&browser, &app, "/settings/clinic", &form).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_contains(
        &refused.html,
        &[
            "is not a time zone; use an IANA name such as Europe/London</p>",
            "is not a whole number</p>",
            "value=\"Ink and Dot Dublin\"",
            "value=\"two hours\"",
        ],
    );
    let kept = app
        .db
        .store
        .clinic()
        .await
        .expect("read")
        .expect("a clinic");
    assert_eq!(kept.time_zone, "Europe/London");
    let form = [
        ("csrf", csrf.as_str()),
        ("name", "Ink and Dot Dublin"),
        ("time_zone", "Europe/Dublin"),
        ("currency", "EUR"),
        ("min_notice_minutes", "240"),
    ];
    let saved = post(&browser, &app, "/settings/clinic", &form).await;
    assert_eq!(saved.location, "/settings?saved=clinic");
    let clinic = app
        .db
        .store
        .clinic()
        .await
        .expect("read")
        .expect("a clinic");
    assert_eq!(
        (clinic.time_zone.as_str(), clinic.currency.as_str()),
        ("Europe/Dublin", "EUR")
    );
    assert_eq!(app.db.store.min_notice_minutes().await.expect("read"), 240);
    let page = get(&browser, &app, &saved.location).await;
    assert!(
        page.html.contains("The clinic&#39;s settings are saved."),
        "{}",
        page.html
    );
}

async fn a_service_form_keeps_its_typing_when_refused_and_prices_in_major_units(backend: Backend) {
    let app = spawn_app(backend).await;
    london(&app).await;
    let (browser, csrf) = owner(&app).await;
    let form = [
        ("csrf", csrf.as_str()),
        ("name", "Full session"),
        ("minutes", "20"),
        ("buffer_before", "x"),
        ("buffer_after", "30"),
        ("price", "12.345"),
    ];
    let refused = post(&browser, &app, "/settings/services/session", &form).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_contains(
        &refused.html,
        &[
            "Must be between 60 and 360</p>",
            "is not a whole number</p>",
            "is not an amount such as 450.00</p>",
            "value=\"Full session\"",
            "value=\"12.345\"",
        ],
    );
    let untouched = app
        .db
        .store
        .service("session")
        .await
        .expect("read")
        .expect("there");
    assert_eq!(untouched.minutes, 240);
    let form = [
        ("csrf", csrf.as_str()),
        ("name", "Full session"),
        ("minutes", "300"),
        ("buffer_before", "15"),
        ("buffer_after", "30"),
        ("price", "1,250.50"),
    ];
    let saved = post(&browser, &app, "/settings/services/session", &form).await;
    assert_eq!(saved.location, "/settings?saved=service");
    let changed = app
        .db
        .store
        .service("session")
        .await
        .expect("read")
        .expect("there");
    assert_eq!((changed.minutes, changed.price_minor), (300, 125_050));
    let page = get(&browser, &app, "/settings").await;
    assert!(page.html.contains("value=\"1250.50\""), "{}", page.html);
}

async fn the_policy_form_names_the_line_at_fault_and_keeps_the_file(backend: Backend) {
    let app = spawn_app(backend).await;
    london(&app).await;
    let (browser, csrf) = owner(&app).await;
    let bad = "[gap]\nmin_days = -1\n";
    let refused = post(
        &browser,
        &app,
        "/settings/policy",
        &[("csrf", &csrf), ("toml", bad)],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .html
            .contains("policy:2: gap.min_days: must not be negative, got -1"),
        "{}",
        refused.html
    );
    assert!(
        refused.html.contains("[gap]\nmin_days = -1\n</textarea>"),
        "{}",
        refused.html
    );
    assert_eq!(app.db.store.policy_file().await.expect("read"), "");
    let good = "[gap]\nmin_days = 21\n";
    let saved = post(
        &browser,
        &app,
        "/settings/policy",
        &[("csrf", &csrf), ("toml", good)],
    )
    .await;
    assert_eq!(saved.location, "/settings?saved=policy");
    assert_eq!(app.db.store.policy_file().await.expect("read"), good);
}

async fn an_account_switched_off_is_logged_out_and_only_owners_see_settings(backend: Backend) {
    let app = spawn_app(backend).await;
    let desk = account(&app, "robin@clinic.test", Role::FrontDesk).await;
    let desk_browser = browser();
    log_in(&desk_browser, &app, &desk, PASSWORD).await;
    let refused = get(&desk_browser, &app, "/settings").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused
        .html
        .contains("your role (front_desk) may not manage the clinic"));
    let (browser, csrf) = owner(&app).await;
    let desk_id = app
        .db
        .store
        .staff_by_email(&desk)
        .await
        .expect("read")
        .expect("there")
        .id;
    let page = get(&browser, &app, "/settings").await;
    assert!(
        page.html.contains("Switch off Robin Reception"),
        "{}",
        page.html
    );
    let path = format!("/settings/staff/{desk_id}");
    let switched = post(
        &browser,
        &app,
        &path,
        &[("csrf", &csrf), ("active", "false")],
    )
    .await;
    assert_eq!(switched.location, "/settings?saved=staff");
    let shut_out = get(&desk_browser, &app, "/calendar").await;
    assert_eq!(shut_out.status, StatusCode::SEE_OTHER);
    assert!(
        shut_out.location.starts_with("/login"),
        "{}",
        shut_out.location
    );
    let again = log_in(&desk_browser, &app, &desk, PASSWORD).await;
    assert!(
        again
            .html
            .contains("That email and password do not match an account."),
        "{}",
        again.html
    );
    let owner_id = app
        .db
        .store
        .staff_by_email("olive@clinic.test")
        .await
        .expect("read")
        .expect("there")
        .id;
    let path = format!("/settings/staff/{owner_id}");
    let refused = post(
        &browser,
        &app,
        &path,
        &[("csrf", &csrf), ("active", "false")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .html
            .contains("You cannot switch off your own account; ask another owner"),
        "{}",
        refused.html
    );
}

async fn the_hours_page_takes_two_stretches_a_day_and_days_off(backend: Backend) {
    let app = spawn_app(backend).await;
    london(&app).await;
    let p = app.practitioner("Alex").await;
    let (browser, csrf) = owner(&app).await;
    let path = format!("/practitioners/{p}/hours");
    let page = get(&browser, &app, &path).await;
    assert_eq!(page.status, StatusCode::OK);
    let refused = post(
        &browser,
        &app,
        &path,
        &[
            ("csrf", &csrf),
            ("monday-1.start", "09:00"),
            ("monday-1.end", "13:00"),
            ("monday-2.start", "12:00"),
            ("monday-2.end", "18:00"),
            ("tuesday-1.start", "09:00"),
            ("wednesday-1.start", "17:00"),
            ("wednesday-1.end", "09:00"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_contains(
        &refused.html,
        &[
            "Overlaps another stretch of the same day</p>",
            "Give both times, or leave both empty when this is not worked</p>",
            "Must be after the start</p>",
            "name=\"monday-2.start\" type=\"time\" value=\"12:00\"",
        ],
    );
    assert!(app
        .db
        .store
        .working_hours(p)
        .await
        .expect("read")
        .is_empty());
    let saved = post(
        &browser,
        &app,
        &path,
        &[
            ("csrf", &csrf),
            ("monday-1.start", "09:00"),
            ("monday-1.end", "13:00"),
            ("monday-2.start", "14:00"),
            ("monday-2.end", "18:00"),
            ("saturday-1.start", "10:00"),
            ("saturday-1.end", "14:00"),
        ],
    )
    .await;
    assert_eq!(saved.location, format!("{path}?saved=hours"));
    let row = |weekday, start_minute, end_minute| HoursRow {
        weekday,
        start_minute,
        end_minute,
    };
    assert_eq!(
        app.db.store.working_hours(p).await.expect("read"),
        [row(1, 540, 780), row(1, 840, 1080), row(6, 600, 840)]
    );

    let days_off = format!("/practitioners/{p}/days-off");
    let refused = post(
        &browser,
        &app,
        &days_off,
        &[
            ("csrf", &csrf),
            ("day", "next tuesday"),
            ("reason", "dentist"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.html.contains("is not a date (YYYY-MM-DD)</p>"),
        "{}",
        refused.html
    );
    assert!(
        refused.html.contains("value=\"dentist\""),
        "{}",
        refused.html
    );
    let added = post(
        &browser,
        &app,
        &days_off,
        &[
            ("csrf", &csrf),
            ("day", "2025-12-24"),
            ("reason", "Christmas Eve"),
        ],
    )
    .await;
    assert_eq!(added.location, format!("{path}?saved=day-off"));
    let page = get(&browser, &app, &path).await;
    assert!(
        page.html.contains("Wed 24 Dec 2025: Christmas Eve"),
        "{}",
        page.html
    );
    let removed = post(
        &browser,
        &app,
        &format!("{days_off}/remove"),
        &[("csrf", &csrf), ("day", "2025-12-24")],
    )
    .await;
    assert_eq!(removed.location, format!("{path}?saved=removed"));
    let left = app
        .db
        .store
        .days_off(p, date(2025, 1, 1), date(2026, 12, 31))
        .await
        .expect("read");
    assert!(left.is_empty(), "{left:?}");
}

async fn switches_and_removals_the_forms_never_offer_are_refused_by_name(backend: Backend) {
    let app = spawn_app(backend).await;
    london(&app).await;
    let p = app.practitioner("Alex").await;
    let (browser, csrf) = owner(&app).await;
    let desk = account(&app, "robin@clinic.test", Role::FrontDesk).await;
    let desk_id = app
        .db
        .store
        .staff_by_email(&desk)
        .await
        .expect("read")
        .expect("there")
        .id;
    let refused = post(
        &browser,
        &app,
        &format!("/settings/staff/{desk_id}"),
        &[("csrf", &csrf), ("active", "maybe")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .html
            .contains("active: choose switch on or switch off"),
        "{}",
        refused.html
    );
    let unknown = post(
        &browser,
        &app,
        "/settings/services/massage",
        &[("csrf", &csrf), ("name", "Massage"), ("minutes", "60")],
    )
    .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(
        unknown.html.contains("service massage does not exist"),
        "{}",
        unknown.html
    );
    let remove = format!("/practitioners/{p}/days-off/remove");
    let bad_day = post(
        &browser,
        &app,
        &remove,
        &[("csrf", &csrf), ("day", "Christmas")],
    )
    .await;
    assert_eq!(bad_day.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad_day
            .html
            .contains("day: &#34;Christmas&#34; is not a date (YYYY-MM-DD)"),
        "{}",
        bad_day.html
    );
    let not_off = post(
        &browser,
        &app,
        &remove,
        &[("csrf", &csrf), ("day", "2025-12-24")],
    )
    .await;
    assert_eq!(not_off.status, StatusCode::NOT_FOUND);
    assert!(
        not_off.html.contains("day off 2025-12-24 does not exist"),
        "{}",
        not_off.html
    );
    assert!(app
        .db
        .store
        .staff(desk_id)
        .await
        .expect("read")
        .deactivated_at
        .is_none());
}

on_both_databases!(
    the_clinic_form_names_each_bad_field_and_saves_when_right,
    a_service_form_keeps_its_typing_when_refused_and_prices_in_major_units,
    the_policy_form_names_the_line_at_fault_and_keeps_the_file,
    an_account_switched_off_is_logged_out_and_only_owners_see_settings,
    the_hours_page_takes_two_stretches_a_day_and_days_off,
    switches_and_removals_the_forms_never_offer_are_refused_by_name
);
