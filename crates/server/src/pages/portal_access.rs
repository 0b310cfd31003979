//! Getting into the client portal without a password: the client gives their email
//! address and gets a link (single use, expiring) that opens the portal; the answer is the
//! same whether or not the address is known, so nobody learns who is a client.
//!
//! Opening the link shows a button first: mail scanners that fetch every link in a message
//! would otherwise use it up before the client clicks.

use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::SignedDuration;
use serde::Deserialize;

use crate::auth::token::{fresh_secret, has_secret_shape, hash_secret};
use crate::pages::booking::public_layout;
use crate::pages::booking_form::email_problem;
use crate::pages::cookies::set;
use crate::pages::layout::clinic_name;
use crate::pages::portal_session::{PortalClient, PORTAL_COOKIE};
use crate::pages::render::{page, Layout, PageError};
use crate::reminder_mail::{letter, Recipient};
use crate::state::AppState;

/// How long a link sent by email works.
pub const LINK_LIFETIME: SignedDuration = SignedDuration::from_mins(30);
/// How long a portal session lasts once opened.
pub const PORTAL_SESSION_LIFETIME: SignedDuration = SignedDuration::from_hours(8);
/// Most links sent for one client in an hour (more asks are answered alike and dropped).
pub const LINKS_PER_HOUR: i64 = 3;
/// Longest email address accepted.
const EMAIL_MAX: usize = 254;

#[derive(Template)]
#[template(path = "portal_sign_in.html")]
struct SignInPage {
    layout: Layout,
    email: String,
    error: String,
    sent: bool,
    expired: bool,
}

#[derive(Template)]
#[template(path = "portal_open.html")]
struct OpenPage {
    layout: Layout,
    token: String,
    usable: bool,
}

/// `?expired=1` when a portal session ran out.
#[derive(Debug, Default, Deserialize)]
pub struct SignInQuery {
    #[serde(default)]
    expired: String,
}

/// The sign-in form.
#[derive(Debug, Default, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
}

/// `GET /portal`: the form asking for the email address.
pub async fn show(
    State(state): State<AppState>,
    Query(query): Query<SignInQuery>,
) -> Result<Response, PageError> {
    let template = SignInPage {
        layout: public_layout(&state, "Your portal").await,
        email: String::new(),
        error: String::new(),
        sent: false,
        expired: !query.expired.is_empty(),
    };
    Ok(page(StatusCode::OK, &template))
}

/// `POST /portal`: sends a link to every client record with that address (at most
/// [`LINKS_PER_HOUR`] an hour each); the answer never says whether one was sent.
pub async fn send_link(
    State(state): State<AppState>,
    Form(form): Form<SignInForm>,
) -> Result<Response, PageError> {
    let email = form.email.trim().to_lowercase();
    let problem = if email.chars().count() > EMAIL_MAX {
        Some(format!("email: at most {EMAIL_MAX} characters"))
    } else {
        email_problem(&email, "the link")
            .err()
            .map(|p| format!("email: {p}"))
    };
    let layout = public_layout(&state, "Your portal").await;
    if let Some(error) = problem {
        let template = SignInPage {
            layout,
            email: form.email.chars().take(EMAIL_MAX).collect(),
            error,
            sent: false,
            expired: false,
        };
        return Ok(page(StatusCode::UNPROCESSABLE_ENTITY, &template));
    }
    let now = state.clock.now();
    for client_id in state.store.clients_with_email(&email).await? {
        let recent = state
            .store
            .portal_links_since(client_id, now - SignedDuration::from_hours(1))
            .await?;
        if recent >= LINKS_PER_HOUR {
            continue;
        }
        send_one(&state, client_id, now).await?;
    }
    let template = SignInPage {
        layout,
        email,
        error: String::new(),
        sent: true,
        expired: false,
    };
    Ok(page(StatusCode::OK, &template))
}

/// Makes a link for a client and puts the email with it in the outbox, due now.
async fn send_one(state: &AppState, client_id: i64, now: jiff::Timestamp) -> Result<(), PageError> {
    let client = state.store.client(client_id).await?;
    let token = fresh_secret()?;
    state
        .store
        .create_portal_link(client_id, &hash_secret(&token), now + LINK_LIFETIME, now)
        .await?;
    let clinic = clinic_name(state).await;
    let lines = [
        format!(
            "Your portal at {clinic}: {}/portal/open/{token}",
            state.public_url
        ),
        format!(
            "The link works once, for the next {} minutes. Your sessions, care dates, preview and invoices are there.",
            LINK_LIFETIME.as_mins()
        ),
        "If you did not ask for it, ignore this email: nothing happens without the link."
            .to_owned(),
    ];
    let to = Recipient {
        email: &client.fields.email,
        name: &client.fields.name,
    };
    let message = letter(
        "portal-link".to_owned(),
        to,
        &clinic,
        format!("Your link to your portal at {clinic}"),
        &lines,
        now,
    );
    state.store.enqueue(Some(client_id), &message, now).await?;
    Ok(())
}

/// A link's token, when it has the shape of one.
fn token_of(token: &str) -> Option<&str> {
    has_secret_shape(token).then_some(token)
}

/// `GET /portal/open/{token}`: a button that opens the portal (or, for a used or expired
/// link, the way to ask for a new one).
pub async fn open_page(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let usable = match token_of(&token) {
        Some(token) => {
            state
                .store
                .portal_link_usable(&hash_secret(token), state.clock.now())
                .await?
        }
        None => false,
    };
    let template = OpenPage {
        layout: public_layout(&state, "Your portal").await,
        token: if usable { token } else { String::new() },
        usable,
    };
    let status = if usable {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    Ok(page(status, &template))
}

/// `POST /portal/open/{token}`: uses the link, starts a portal session (its cookie) and
/// goes to the portal.
pub async fn open(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let now = state.clock.now();
    let client_id = match token_of(&token) {
        Some(token) => {
            state
                .store
                .use_portal_link(&hash_secret(token), now)
                .await?
        }
        None => None,
    };
    let Some(client_id) = client_id else {
        return open_page(State(state), Path(String::new())).await;
    };
    let secret = fresh_secret()?;
    let csrf = fresh_secret()?;
    state
        .store
        .create_portal_session(
            client_id,
            &hash_secret(&secret),
            &csrf,
            now + PORTAL_SESSION_LIFETIME,
            now,
        )
        .await?;
    let cookie = set(
        PORTAL_COOKIE,
        &secret,
        PORTAL_SESSION_LIFETIME.as_secs(),
        "Lax",
        state.sessions.secure_cookies,
    );
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/portal/home")).into_response())
}

/// The logout form.
#[derive(Debug, Default, Deserialize)]
pub struct LogoutForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /portal/logout`: ends the portal session.
pub async fn logout(
    State(state): State<AppState>,
    client: PortalClient,
    Form(form): Form<LogoutForm>,
) -> Result<Response, PageError> {
    client.check_csrf(&form.csrf)?;
    state.store.end_portal_session(&client.secret_hash).await?;
    let cookie = set(PORTAL_COOKIE, "", 0, "Lax", state.sessions.secure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/portal")).into_response())
}
