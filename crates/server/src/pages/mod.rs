//! The staff pages: server-rendered HTML from the templates in `templates/`, usable
//! without JavaScript; forms carry a CSRF token and show errors next to their fields.

pub mod calendar;
pub mod clients;
pub mod cookies;
pub mod layout;
pub mod login;
pub mod render;
pub mod session;

use axum::response::Redirect;
use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

/// Every page route as (path, methods), for the role walk.
pub const PAGES: &[(&str, &[&str])] = &[
    ("/", &["get"]),
    ("/login", &["get", "post"]),
    ("/logout", &["post"]),
    ("/clients", &["get", "post"]),
    ("/clients/new", &["get"]),
    ("/clients/{id}", &["get", "post"]),
    ("/clients/{id}/edit", &["get"]),
    ("/calendar", &["get"]),
    ("/calendar/book", &["post"]),
];

/// The page routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/calendar") }))
        .route("/login", get(login::show).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/clients", get(clients::list).post(clients::create))
        .route("/clients/new", get(clients::new))
        .route("/clients/{id}", get(clients::read).post(clients::update))
        .route("/clients/{id}/edit", get(clients::edit))
        .route("/calendar", get(calendar::week))
        .route("/calendar/book", post(calendar::book))
}
