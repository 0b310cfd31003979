//! The staff pages through HTTP: logging in, sessions, CSRF, forms and the calendar.

use reqwest::redirect::Policy;
use reqwest::StatusCode;
use smp_server::auth::password::hash_password;
use smp_server::pages::PAGES;
use smp_store::{Backend, NewStaff, Role};

use crate::support::{now, spawn_app, TestApp};

pub const PASSWORD: &str = "correct horse battery";

/// A browser-like client: keeps cookies, does not follow redirects (so tests see them).
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .expect("a client")
}

/// An account with a real password; returns its email.
pub async fn account(app: &TestApp, email: &str, role: Role) -> String {
    let hash = hash_password(PASSWORD).expect("hashed");
    let new = NewStaff {
        email,
        name: "Robin Reception",
        role,
        password_hash: &hash,
    };
    app.db
        .store
        .create_staff(&new, now())
        .await
        .expect("created");
    email.to_owned()
}

/// The value of the first hidden field `name` in a page.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .map(|i| i + marker.len())
        .unwrap_or_else(|| panic!("no {name} in {html}"));
    html[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Asserts that `html` contains each of `expected`, showing the page when one is missing.
pub fn assert_contains(html: &str, expected: &[&str]) {
    for text in expected {
        assert!(html.contains(text), "{text} in {html}");
    }
}

pub struct Page {
    pub status: StatusCode,
    pub location: String,
    pub cookies: Vec<String>,
    pub html: String,
}

pub async fn get(browser: &reqwest::Client, app: &TestApp, path: &str) -> Page {
    read(
        browser
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .expect("answers"),
    )
    .await
}

pub async fn post(
    browser: &reqwest::Client,
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
) -> Page {
    read(
        browser
            .post(format!("{}{path}", app.base))
            .form(form)
            .send()
            .await
            .expect("answers"),
    )
    .await
}

pub async fn read(response: reqwest::Response) -> Page {
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let cookies = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    Page {
        status,
        location,
        cookies,
        html: response.text().await.expect("a body"),
    }
}

/// Logs in with `password`; returns the answer to the login form.
pub async fn log_in(browser: &reqwest::Client, app: &TestApp, email: &str, password: &str) -> Page {
    let form = get(browser, app, "/login?next=/clients").await;
    let csrf = hidden(&form.html, "csrf");
    post(
        browser,
        app,
        "/login",
        &[
            ("email", email),
            ("password", password),
            ("csrf", &csrf),
            ("next", "/clients"),
        ],
    )
    .await
}

async fn a_wrong_password_and_an_unknown_email_get_the_same_answer(backend: Backend) {
    let app = spawn_app(backend).await;
    let email = account(&app, "robin@clinic.test", Role::FrontDesk).await;
    let browser = browser();
    let wrong = log_in(&browser, &app, &email, "not the password").await;
    let unknown = log_in(&browser, &app, "nobody@clinic.test", PASSWORD).await;
    for page in [&wrong, &unknown] {
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
        assert!(page
            .html
            .contains("That email and password do not match an account."));
    }
    // What was typed is kept, the password is not.
    assert!(wrong.html.contains("value=\"robin@clinic.test\""));
    assert!(!wrong.html.contains("not the password"));
    let log = app.db.store.audit_log(10).await.expect("audit");
    let failed: Vec<_> = log
        .iter()
        .filter(|r| r.entry.action == "login_failed")
        .map(|r| r.entry.actor.as_str())
        .collect();
    assert_eq!(failed, ["nobody@clinic.test", "robin@clinic.test"]);
}

async fn a_login_sets_a_locked_down_cookie_with_a_new_session_each_time(backend: Backend) {
    let app = spawn_app(backend).await;
    let email = account(&app, "robin@clinic.test", Role::FrontDesk).await;
    let mut sessions = Vec::new();
    for _ in 0..2 {
        let browser = browser();
        let done = log_in(&browser, &app, &email, PASSWORD).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.html);
        assert_eq!(done.location, "/clients");
        let cookie = done
            .cookies
            .iter()
            .find(|c| c.starts_with("smp_session="))
            .expect("a session cookie");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        sessions.push(cookie.split(';').next().unwrap_or_default().to_owned());
        let clients = get(&browser, &app, "/clients").await;
        assert_eq!(clients.status, StatusCode::OK);
        assert!(clients.html.contains("Robin Reception (front desk)"));
    }
    assert_ne!(sessions[0], sessions[1]);
    let logins = app.db.store.audit_log(10).await.expect("audit");
    assert_eq!(
        logins.iter().filter(|r| r.entry.action == "login").count(),
        2
    );
}

async fn five_failed_logins_pause_the_account(backend: Backend) {
    let app = spawn_app(backend).await;
    let email = account(&app, "robin@clinic.test", Role::FrontDesk).await;
    let browser = browser();
    for _ in 0..5 {
        assert_eq!(
            log_in(&browser, &app, &email, "guess").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let paused = log_in(&browser, &app, &email, PASSWORD).await;
    assert_eq!(paused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(paused
        .html
        .contains("Too many failed logins. Please wait 15 minutes and try again."));
    app.advance(16);
    assert_eq!(
        log_in(&browser, &app, &email, PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

async fn an_idle_session_ends_and_the_login_page_brings_you_back(backend: Backend) {
    let app = spawn_app(backend).await;
    let email = account(&app, "robin@clinic.test", Role::FrontDesk).await;
    let browser = browser();
    log_in(&browser, &app, &email, PASSWORD).await;
    app.advance(59);
    assert_eq!(get(&browser, &app, "/clients").await.status, StatusCode::OK);
    app.advance(61);
    let expired = get(&browser, &app, "/clients").await;
    assert_eq!(expired.status, StatusCode::SEE_OTHER);
    assert_eq!(expired.location, "/login?next=/clients");
}

async fn a_form_without_the_sessions_csrf_token_changes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let email = account(&app, "robin@clinic.test", Role::FrontDesk).await;
    let browser = browser();
    log_in(&browser, &app, &email, PASSWORD).await;
    let forged = post(
        &browser,
        &app,
        "/clients",
        &[("name", "Mallory"), ("csrf", "forged")],
    )
    .await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        forged
            .html
            .contains("this form has expired or did not come from smp"),
        "{}",
        forged.html
    );
    assert!(app
        .db
        .store
        .search_clients("", 10)
        .await
        .expect("search")
        .is_empty());
}

async fn the_client_form_shows_each_error_by_its_field_and_keeps_what_was_typed(backend: Backend) {
    let app = spawn_app(backend).await;
    let email = account(&app, "robin@clinic.test", Role::FrontDesk).await;
    let browser = browser();
    log_in(&browser, &app, &email, PASSWORD).await;
    let form = get(&browser, &app, "/clients/new").await;
    let csrf = hidden(&form.html, "csrf");
    let sent = post(
        &browser,
        &app,
        "/clients",
        &[
            ("csrf", &csrf),
            ("name", "Sam Carter"),
            ("email", "sam at home"),
            ("date_of_birth", "2030-01-01"),
            ("phone", "+44 20 7946 0000"),
            ("sun_exposure", "tropical"),
        ],
    )
    .await;
    assert_eq!(sent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_contains(
        &sent.html,
        &[
            r#"<p class="field-error" id="sun_exposure-error">&#34;tropical&#34; is not a sun exposure; use low, medium or high</p>"#,
        ],
    );
    assert!(sent.html.contains(r#"<p class="field-error" id="email-error">&#34;sam at home&#34; is not an email address</p>"#)
        || sent.html.contains(r#"<p class="field-error" id="email-error">&quot;sam at home&quot; is not an email address</p>"#), "{}", sent.html);
    assert!(
        sent.html
            .contains(r#"<p class="field-error" id="date_of_birth-error">Is in the future</p>"#),
        "{}",
        sent.html
    );
    assert!(
        sent.html.contains("value=\"Sam Carter\"")
            && sent.html.contains("value=\"+44 20 7946 0000\"")
    );
    let fixed = post(
        &browser,
        &app,
        "/clients",
        &[
            ("csrf", &csrf),
            ("name", "Sam Carter"),
            ("email", "sam@example.test"),
            ("sun_exposure", "high"),
        ],
    )
    .await;
    assert_eq!(fixed.status, StatusCode::SEE_OTHER);
    let shown = get(&browser, &app, &fixed.location).await;
    assert_contains(
        &shown.html,
        &["<h1>Sam Carter</h1>", "Sun on the scalp: high"],
    );
    let edit = get(&browser, &app, &format!("{}/edit", fixed.location)).await;
    assert_contains(&edit.html, &[r#"<option value="high" selected>"#]);
}

async fn booking_from_the_calendar_refuses_a_taken_time_and_keeps_the_form(backend: Backend) {
    let app = spawn_app(backend).await;
    let email = account(&app, "robin@clinic.test", Role::FrontDesk).await;
    let practitioner = app.practitioner("Alex").await.to_string();
    let client = app
        .post(
            "/api/v1/clients",
            serde_json::json!({ "name": "Sam Carter" }),
        )
        .await
        .body["id"]
        .to_string();
    let browser = browser();
    log_in(&browser, &app, &email, PASSWORD).await;
    let week = get(
        &browser,
        &app,
        &format!("/calendar?practitioner={practitioner}&week=2025-12-08"),
    )
    .await;
    let csrf = hidden(&week.html, "csrf");
    let book = |time: &'static str| {
        let (browser, app, csrf, practitioner, client) = (
            &browser,
            &app,
            csrf.clone(),
            practitioner.clone(),
            client.clone(),
        );
        async move {
            let form = [
                ("csrf", csrf.as_str()),
                ("practitioner", practitioner.as_str()),
                ("client", client.as_str()),
                ("service", "consultation"),
                ("date", "2025-12-09"),
                ("time", time),
            ];
            post(browser, app, "/calendar/book", &form).await
        }
    };
    let first = book("10:00").await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.html);
    let shown = get(&browser, &app, &first.location).await;
    assert!(
        shown.html.contains("10:00–10:45") && shown.html.contains("Sam Carter"),
        "{}",
        shown.html
    );
    let clash = book("10:30").await;
    assert_eq!(clash.status, StatusCode::CONFLICT);
    assert!(clash
        .html
        .contains("That time is already taken for this practitioner"));
    assert!(
        clash.html.contains(r#"value="10:30""#),
        "the typed time is kept"
    );
}

async fn the_day_view_offers_free_times_and_books_one(backend: Backend) {
    let app = spawn_app(backend).await;
    let email = account(&app, "robin@clinic.test", Role::FrontDesk).await;
    let practitioner = app.practitioner("Alex").await;
    let hours =
        serde_json::json!({ "hours": [{ "weekday": "monday", "start": "09:00", "end": "11:00" }] });
    let set = app
        .call(
            Some(Role::Owner),
            reqwest::Method::PUT,
            &format!("/api/v1/practitioners/{practitioner}/hours"),
            Some(hours),
        )
        .await;
    assert_eq!(set.status, StatusCode::OK);
    let client = app
        .post(
            "/api/v1/clients",
            serde_json::json!({ "name": "Sam Carter" }),
        )
        .await
        .body["id"]
        .to_string();
    let browser = browser();
    log_in(&browser, &app, &email, PASSWORD).await;
    let path =
        format!("/calendar/day?practitioner={practitioner}&date=2025-12-08&service=consultation");
    let day = get(&browser, &app, &path).await;
    assert_eq!(day.status, StatusCode::OK);
    // 45-minute consultations from 09:00, every 15 minutes, ending by 11:00.
    let free: Vec<&str> = day
        .html
        .match_indices(r#"name="time" value=""#)
        .map(|(i, m)| &day.html[i + m.len()..i + m.len() + 5])
        .collect();
    assert_eq!(free, ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15"]);
    let csrf = hidden(&day.html, "csrf");
    let practitioner = practitioner.to_string();
    let form = [
        ("csrf", csrf.as_str()),
        ("practitioner", practitioner.as_str()),
        ("service", "consultation"),
        ("date", "2025-12-08"),
        ("client", client.as_str()),
        ("time", "09:00"),
    ];
    let booked = post(&browser, &app, "/calendar/book", &form).await;
    assert_eq!(booked.status, StatusCode::SEE_OTHER, "{}", booked.html);
    let after = get(&browser, &app, &path).await;
    assert!(after.html.contains("09:00–09:45") && after.html.contains("Sam Carter"));
    // With its 15-minute buffer the next free start is 10:00.
    let free: Vec<&str> = after
        .html
        .match_indices(r#"name="time" value=""#)
        .map(|(i, m)| &after.html[i + m.len()..i + m.len() + 5])
        .collect();
    assert_eq!(free, ["10:00", "10:15"]);
}

async fn the_api_accepts_the_session_cookie_with_its_csrf_token_for_changes(backend: Backend) {
    let app = spawn_app(backend).await;
    let email = account(&app, "robin@clinic.test", Role::FrontDesk).await;
    let browser = browser();
    log_in(&browser, &app, &email, PASSWORD).await;
    let url = format!("{}/api/v1/clients", app.base);
    let listed = browser.get(&url).send().await.expect("answers");
    assert_eq!(listed.status(), StatusCode::OK);
    let body = serde_json::json!({ "name": "Sam Carter" });
    let forged = browser
        .post(&url)
        .json(&body)
        .send()
        .await
        .expect("answers");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let problem: serde_json::Value = forged.json().await.expect("JSON");
    assert_eq!(
        problem["detail"],
        "your role (front_desk) may not change anything with the session cookie without its X-CSRF-Token"
    );
    let csrf = hidden(&get(&browser, &app, "/clients/new").await.html, "csrf");
    let made = browser
        .post(&url)
        .header("x-csrf-token", csrf)
        .json(&body)
        .send()
        .await
        .expect("answers");
    assert_eq!(made.status(), StatusCode::CREATED);
    assert_eq!(
        app.db
            .store
            .search_clients("", 10)
            .await
            .expect("search")
            .len(),
        1
    );
}

async fn every_page_but_the_login_sends_a_stranger_to_log_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let browser = browser();
    for (route, methods) in PAGES {
        let path = route.replace("{id}", "1");
        for method in *methods {
            let page = if *method == "get" {
                get(&browser, &app, &path).await
            } else {
                post(&browser, &app, &path, &[("csrf", "x")]).await
            };
            match (*route, *method) {
                ("/login", "get") => assert_eq!(page.status, StatusCode::OK),
                ("/login", "post") => assert_eq!(page.status, StatusCode::FORBIDDEN),
                ("/", "get") => assert_eq!(page.location, "/calendar"),
                _ => {
                    assert_eq!(page.status, StatusCode::SEE_OTHER, "{method} {route}");
                    assert!(
                        page.location.starts_with("/login?next="),
                        "{method} {route}: {}",
                        page.location
                    );
                }
            }
        }
    }
}

on_both_databases!(
    a_wrong_password_and_an_unknown_email_get_the_same_answer,
    a_login_sets_a_locked_down_cookie_with_a_new_session_each_time,
    five_failed_logins_pause_the_account,
    an_idle_session_ends_and_the_login_page_brings_you_back,
    a_form_without_the_sessions_csrf_token_changes_nothing,
    the_client_form_shows_each_error_by_its_field_and_keeps_what_was_typed,
    booking_from_the_calendar_refuses_a_taken_time_and_keeps_the_form,
    every_page_but_the_login_sends_a_stranger_to_log_in,
    only_owners_read_the_audit_log_and_it_shows_logins,
    the_day_view_offers_free_times_and_books_one,
    the_api_accepts_the_session_cookie_with_its_csrf_token_for_changes
);

async fn only_owners_read_the_audit_log_and_it_shows_logins(backend: Backend) {
    let app = spawn_app(backend).await;
    let desk = account(&app, "robin@clinic.test", Role::FrontDesk).await;
    let owner = account(&app, "olive@clinic.test", Role::Owner).await;
    let browser = browser();
    log_in(&browser, &app, &desk, PASSWORD).await;
    let refused = get(&browser, &app, "/audit").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused
        .html
        .contains("your role (front_desk) may not read the audit log"));
    let owner_browser = self::browser();
    log_in(&owner_browser, &app, &owner, "wrong password").await;
    log_in(&owner_browser, &app, &owner, PASSWORD).await;
    let page = get(&owner_browser, &app, "/audit").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.html;
    assert!(
        html.contains("<td>olive@clinic.test</td><td>login</td>"),
        "{html}"
    );
    assert!(
        html.contains("<td>olive@clinic.test</td><td>login failed</td>"),
        "{html}"
    );
    assert!(
        html.contains("<td>robin@clinic.test</td><td>login</td>"),
        "{html}"
    );
}
