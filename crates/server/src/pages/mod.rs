//! The staff pages: server-rendered HTML from the templates in `templates/`, usable
//! without JavaScript; forms carry a CSRF token and show errors next to their fields.

pub mod audit;
pub mod booking;
pub mod booking_form;
pub mod calendar;
pub mod client_page;
pub mod clients;
pub mod cookies;
pub mod course_page;
pub mod design_compare;
pub mod erasure;
pub mod field_errors;
pub mod hours;
pub mod layout;
pub mod login;
pub mod manage_booking;
pub mod merge;
pub mod messages;
pub mod photos;
pub mod portal_access;
pub mod portal_documents;
pub mod portal_home;
pub mod portal_session;
pub mod practitioner_feed;
pub mod public_times;
pub mod questions;
pub mod recall;
pub mod record_form;
pub mod reminder_settings;
pub mod render;
pub mod screening_form;
pub mod session;
pub mod settings;
pub mod studio;
pub mod text;

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
    ("/clients/{id}/screening", &["get", "post"]),
    ("/clients/{id}/courses", &["post"]),
    ("/clients/{id}/payments", &["post"]),
    ("/clients/{id}/edit", &["get"]),
    ("/clients/{id}/photos", &["get", "post"]),
    ("/photos/{id}/image", &["get"]),
    ("/photos/{id}/consent", &["post"]),
    ("/photos/{id}/delete", &["post"]),
    ("/photos/{id}/studio", &["get"]),
    ("/clients/{id}/designs/compare", &["get"]),
    ("/clients/{id}/erasure", &["get"]),
    ("/clients/{id}/erase", &["post"]),
    ("/clients/{id}/erasure/decline", &["post"]),
    ("/clients/{id}/merge", &["get", "post"]),
    ("/erasure-requests", &["get"]),
    ("/recall", &["get"]),
    ("/courses/{id}", &["get"]),
    ("/courses/{id}/invoice", &["get"]),
    ("/courses/{id}/preview.png", &["get"]),
    ("/appointments/{id}/move", &["post"]),
    ("/appointments/{id}/record", &["get", "post"]),
    ("/audit", &["get"]),
    ("/calendar", &["get"]),
    ("/calendar/day", &["get"]),
    ("/calendar/book", &["post"]),
    ("/settings", &["get"]),
    ("/settings/clinic", &["post"]),
    ("/settings/services/{code}", &["post"]),
    ("/settings/policy", &["post"]),
    ("/settings/staff/{id}", &["post"]),
    ("/settings/reminders", &["get"]),
    ("/settings/reminders/{key}", &["get", "post"]),
    ("/settings/reminders/{key}/switch", &["post"]),
    ("/settings/reminders/{key}/reset", &["post"]),
    ("/practitioners/{id}/hours", &["get", "post"]),
    ("/practitioners/{id}/days-off", &["post"]),
    ("/practitioners/{id}/days-off/remove", &["post"]),
    ("/practitioners/{id}/calendar-feed", &["post"]),
    ("/practitioners/{id}/calendar-feed/revoke", &["post"]),
];

/// The public pages, open without a login, as (path, methods).
pub const PUBLIC_PAGES: &[(&str, &[&str])] = &[
    ("/book", &["get", "post"]),
    ("/book/details", &["get"]),
    ("/book/manage/{token}", &["get"]),
    ("/book/manage/{token}/cancel", &["post"]),
    ("/book/manage/{token}/move", &["post"]),
    ("/feeds/{file}", &["get"]),
    ("/portal", &["get", "post"]),
    ("/portal/open/{token}", &["get", "post"]),
    ("/portal/logout", &["post"]),
    ("/portal/home", &["get"]),
    ("/portal/calendar", &["post"]),
    ("/portal/erase", &["post"]),
    ("/portal/export.json", &["get"]),
    ("/portal/courses/{id}/invoice", &["get"]),
    ("/portal/courses/{id}/preview.png", &["get"]),
    ("/assets/studio.js", &["get"]),
];

/// The page routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/calendar") }))
        .route("/login", get(login::show).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/clients", get(clients::list).post(clients::create))
        .route("/clients/new", get(clients::new))
        .route(
            "/clients/{id}",
            get(client_page::read).post(clients::update),
        )
        .route(
            "/clients/{id}/screening",
            get(screening_form::form).post(screening_form::submit),
        )
        .route("/clients/{id}/courses", post(client_page::plan_course))
        .route("/clients/{id}/payments", post(client_page::take_payment))
        .route("/clients/{id}/edit", get(clients::edit))
        .route(
            "/clients/{id}/photos",
            crate::api::photos::with_upload_body_limit(get(photos::list).post(photos::upload)),
        )
        .route("/photos/{id}/image", get(photos::image))
        .route("/photos/{id}/consent", post(photos::consent))
        .route("/photos/{id}/delete", post(photos::delete))
        .route("/photos/{id}/studio", get(studio::studio))
        .route(
            "/clients/{id}/designs/compare",
            get(design_compare::compare),
        )
        .route("/assets/studio.js", get(studio::script))
        .route("/clients/{id}/erasure", get(erasure::show))
        .route("/clients/{id}/erase", post(erasure::erase))
        .route("/clients/{id}/erasure/decline", post(erasure::decline))
        .route("/erasure-requests", get(erasure::list))
        .route("/clients/{id}/merge", get(merge::show).post(merge::merge))
        .route("/recall", get(recall::list))
        .route("/courses/{id}", get(course_page::read))
        .route("/courses/{id}/invoice", get(course_page::invoice))
        .route("/courses/{id}/preview.png", get(course_page::preview))
        .route("/appointments/{id}/move", post(course_page::move_session))
        .route(
            "/appointments/{id}/record",
            get(record_form::form).post(record_form::submit),
        )
        .route("/audit", get(audit::log))
        .route("/calendar", get(calendar::week))
        .route("/calendar/day", get(calendar::day))
        .route("/calendar/book", post(calendar::book))
        .route("/settings", get(settings::show))
        .route("/settings/clinic", post(settings::clinic))
        .route("/settings/services/{code}", post(settings::service))
        .route("/settings/policy", post(settings::policy))
        .route("/settings/staff/{id}", post(settings::switch))
        .route("/settings/reminders", get(reminder_settings::list))
        .route(
            "/settings/reminders/{key}",
            get(reminder_settings::edit).post(reminder_settings::save),
        )
        .route(
            "/settings/reminders/{key}/switch",
            post(reminder_settings::switch),
        )
        .route(
            "/settings/reminders/{key}/reset",
            post(reminder_settings::reset),
        )
        .route(
            "/practitioners/{id}/hours",
            get(hours::show).post(hours::save),
        )
        .route("/practitioners/{id}/days-off", post(hours::add_day_off))
        .route(
            "/practitioners/{id}/days-off/remove",
            post(hours::remove_day_off),
        )
        .route(
            "/practitioners/{id}/calendar-feed",
            post(practitioner_feed::make),
        )
        .route(
            "/practitioners/{id}/calendar-feed/revoke",
            post(practitioner_feed::revoke),
        )
        .merge(public_routes())
}

/// The public booking pages, each request body at most [`booking_form::BODY_MAX`] bytes.
fn public_routes() -> Router<AppState> {
    Router::new()
        .route("/book", get(booking::times).post(booking::submit))
        .route("/book/details", get(booking::details))
        .route("/book/manage/{token}", get(manage_booking::show))
        .route("/book/manage/{token}/cancel", post(manage_booking::cancel))
        .route("/book/manage/{token}/move", post(manage_booking::move_to))
        .route("/feeds/{file}", get(crate::calendar_feed::serve))
        .route(
            "/portal",
            get(portal_access::show).post(portal_access::send_link),
        )
        .route(
            "/portal/open/{token}",
            get(portal_access::open_page).post(portal_access::open),
        )
        .route("/portal/logout", post(portal_access::logout))
        .route("/portal/home", get(portal_home::home))
        .route("/portal/calendar", post(portal_home::calendar))
        .route("/portal/erase", post(portal_home::request_erasure))
        .route("/portal/export.json", get(portal_documents::export))
        .route(
            "/portal/courses/{id}/invoice",
            get(portal_documents::invoice),
        )
        .route(
            "/portal/courses/{id}/preview.png",
            get(portal_home::preview),
        )
        .layer(axum::extract::DefaultBodyLimit::max(booking_form::BODY_MAX))
}
