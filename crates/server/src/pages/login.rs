//! Logging in and out: generic errors, rate limits per account and per address, a new
//! session id at every login, and every login and failed login in the audit log.

use askama::Template;
use axum::extract::{Form, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use smp_store::{AuditEntry, LoginSession};

use crate::address::ClientAddress;
use crate::auth::password::{verify_against_nothing, verify_password};
use crate::auth::token::{hash_secret, random_secret};
use crate::error::ApiError;
use crate::pages::cookies::{read, same_secret, set, LOGIN_CSRF_COOKIE, SESSION_COOKIE};
use crate::pages::layout::clinic_name;
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::state::AppState;

/// The one message for a wrong email or password: it never says which.
const WRONG: &str = "That email and password do not match an account.";

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    layout: Layout,
    csrf: String,
    next: String,
    email: String,
    error: String,
}

/// Where to go after logging in.
#[derive(Debug, Deserialize)]
pub struct Next {
    #[serde(default)]
    next: String,
}

/// The login form as sent.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
}

/// The logout form.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// Only a path on this site is a place to go back to.
fn safe_next(next: &str) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_owned()
    } else {
        "/".to_owned()
    }
}

/// The login form with a fresh login CSRF cookie.
async fn form(
    state: &AppState,
    status: StatusCode,
    next: &str,
    email: &str,
    error: &str,
) -> Result<Response, PageError> {
    let csrf = random_secret().map_err(|e| PageError(ApiError::Internal(e.to_string())))?;
    let template = LoginPage {
        layout: Layout {
            title: "Log in".to_owned(),
            clinic: clinic_name(state).await,
            ..Layout::default()
        },
        csrf: csrf.clone(),
        next: safe_next(next),
        email: email.to_owned(),
        error: error.to_owned(),
    };
    let cookie = set(
        LOGIN_CSRF_COOKIE,
        &csrf,
        3600,
        "Strict",
        state.sessions.secure_cookies,
    );
    let mut response = page(status, &template);
    if let Ok(value) = cookie.parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// `GET /login`.
pub async fn show(
    State(state): State<AppState>,
    Query(next): Query<Next>,
) -> Result<Response, PageError> {
    form(&state, StatusCode::OK, &next.next, "", "").await
}

/// `POST /login`.
pub async fn submit(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    Form(login): Form<LoginForm>,
) -> Result<Response, PageError> {
    let email: String = login
        .email
        .trim()
        .to_lowercase()
        .chars()
        .take(254)
        .collect();
    let csrf_cookie = read(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if login.csrf.is_empty() || !same_secret(&login.csrf, &csrf_cookie) {
        let message = "The login form expired. Please log in again.";
        return form(&state, StatusCode::FORBIDDEN, &login.next, &email, message).await;
    }
    let now = state.clock.now();
    let settings = state.sessions;
    let (by_account, by_address) = state
        .store
        .failed_logins_since(&email, &address, now - settings.failure_window)
        .await?;
    if by_account >= settings.max_failures_per_account
        || by_address >= settings.max_failures_per_address
    {
        let minutes = settings.failure_window.as_mins();
        let message =
            format!("Too many failed logins. Please wait {minutes} minutes and try again.");
        return form(
            &state,
            StatusCode::TOO_MANY_REQUESTS,
            &login.next,
            &email,
            &message,
        )
        .await;
    }
    let account = state.store.staff_by_email(&email).await?;
    let verified = match &account {
        Some(staff) if staff.deactivated_at.is_none() => {
            verify_password(&login.password, &staff.password_hash)
        }
        _ => {
            verify_against_nothing(&login.password);
            false
        }
    };
    let audit = |action: &str, staff_id: Option<i64>| AuditEntry {
        staff_id,
        actor: email.clone(),
        action: action.to_owned(),
        subject: "staff".to_owned(),
        subject_id: staff_id,
        detail: String::new(),
        address: address.clone(),
    };
    state
        .store
        .record_login_attempt(&email, &address, verified, now)
        .await?;
    let staff = match account {
        Some(staff) if verified => staff,
        _ => {
            state.store.audit(&audit("login_failed", None), now).await?;
            return form(&state, StatusCode::UNAUTHORIZED, &login.next, &email, WRONG).await;
        }
    };
    let internal = |e: getrandom::Error| PageError(ApiError::Internal(e.to_string()));
    let secret = random_secret().map_err(internal)?;
    let session = LoginSession {
        id_hash: hash_secret(&secret),
        staff_id: staff.id,
        csrf_token: random_secret().map_err(internal)?,
        address: address.clone(),
        created_at: now,
        last_seen_at: now,
    };
    state.store.create_login_session(&session).await?;
    state
        .store
        .audit(&audit("login", Some(staff.id)), now)
        .await?;
    let max_age = settings.absolute_timeout.as_secs();
    let secure = settings.secure_cookies;
    let mut response = Redirect::to(&safe_next(&login.next)).into_response();
    for cookie in [
        set(SESSION_COOKIE, &secret, max_age, "Lax", secure),
        set(LOGIN_CSRF_COOKIE, "", 0, "Strict", secure),
    ] {
        if let Ok(value) = cookie.parse() {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    Ok(response)
}

/// `POST /logout`: ends the session.
pub async fn logout(
    State(state): State<AppState>,
    staff: PageStaff,
    Form(form): Form<CsrfForm>,
) -> Result<Response, PageError> {
    staff.check_csrf(&form.csrf)?;
    state
        .store
        .delete_login_session(&staff.session.id_hash)
        .await?;
    let mut response = Redirect::to("/login").into_response();
    let cookie = set(SESSION_COOKIE, "", 0, "Lax", state.sessions.secure_cookies);
    if let Ok(value) = cookie.parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}
