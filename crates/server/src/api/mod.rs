//! The JSON API under `/api/v1` and the health check.

pub mod appointments;
pub mod availability;
pub mod clients;
pub mod courses;
pub mod erasure;
pub mod feeds;
pub mod fields;
pub mod health;
pub mod hours;
pub mod merge;
pub mod payments;
pub mod photos;
pub mod practitioners;
pub mod records;
pub mod reminders;
pub mod screenings;
pub mod settings;
pub mod studio;
pub mod studio_exports;
pub mod studio_pattern;

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::state::AppState;

/// The OpenAPI 3 document of this API.
pub const OPENAPI: &str = include_str!("../../openapi.json");

/// Every route of the API as (path, methods), as the router serves them; the OpenAPI
/// document describes each (a test holds them together).
pub const ROUTES: &[(&str, &[&str])] = &[
    ("/health", &["get"]),
    ("/api/v1/openapi.json", &["get"]),
    ("/api/v1/practitioners", &["get", "post"]),
    ("/api/v1/practitioners/{id}/hours", &["get", "put"]),
    ("/api/v1/practitioners/{id}/days-off", &["get", "post"]),
    ("/api/v1/practitioners/{id}/days-off/{day}", &["delete"]),
    ("/api/v1/clinic", &["get", "put"]),
    ("/api/v1/services", &["get"]),
    ("/api/v1/services/{code}", &["patch"]),
    ("/api/v1/policy", &["get", "put"]),
    ("/api/v1/staff", &["get"]),
    ("/api/v1/staff/{id}", &["patch"]),
    ("/api/v1/reminders", &["get"]),
    ("/api/v1/reminders/{key}", &["put", "delete"]),
    ("/api/v1/availability", &["get"]),
    ("/api/v1/clients", &["get", "post"]),
    ("/api/v1/clients/{id}", &["get", "put", "delete"]),
    ("/api/v1/clients/{id}/export", &["get"]),
    ("/api/v1/clients/{id}/erasure-request/decline", &["post"]),
    ("/api/v1/clients/{id}/duplicates", &["get"]),
    ("/api/v1/clients/{id}/merge", &["post"]),
    ("/api/v1/erasure-requests", &["get"]),
    ("/api/v1/clients/{id}/screenings", &["get", "post"]),
    ("/api/v1/clients/{id}/payments", &["get"]),
    ("/api/v1/payments", &["post"]),
    ("/api/v1/appointments/{id}/record", &["get", "put"]),
    ("/api/v1/clients/{id}/photos", &["get", "post"]),
    ("/api/v1/photos/{id}", &["get", "patch", "delete"]),
    ("/api/v1/photos/{id}/image", &["get"]),
    ("/api/v1/photos/{id}/preview", &["post"]),
    ("/api/v1/photos/{id}/summary", &["post"]),
    ("/api/v1/photos/{id}/starting-drawing", &["post"]),
    ("/api/v1/photos/{id}/designs", &["post"]),
    ("/api/v1/clients/{id}/designs", &["get"]),
    ("/api/v1/designs/{id}", &["get"]),
    ("/api/v1/designs/{id}/preview", &["get"]),
    ("/api/v1/designs/{id}/before-after", &["get"]),
    ("/api/v1/designs/{id}/map", &["get"]),
    ("/api/v1/courses", &["post"]),
    ("/api/v1/courses/{id}", &["get"]),
    ("/api/v1/appointments", &["post"]),
    ("/api/v1/appointments/{id}", &["get", "patch"]),
    (
        "/api/v1/practitioners/{id}/calendar-feed",
        &["post", "delete"],
    ),
    ("/api/v1/clients/{id}/calendar-feed", &["post", "delete"]),
];

/// The API's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .route("/api/v1/openapi.json", get(openapi))
        .route(
            "/api/v1/practitioners",
            get(practitioners::list).post(practitioners::create),
        )
        .route(
            "/api/v1/practitioners/{id}/hours",
            get(hours::hours).put(hours::set_hours),
        )
        .route(
            "/api/v1/practitioners/{id}/days-off",
            get(hours::days_off).post(hours::add_day_off),
        )
        .route(
            "/api/v1/practitioners/{id}/days-off/{day}",
            axum::routing::delete(hours::remove_day_off),
        )
        .route(
            "/api/v1/clinic",
            get(settings::clinic).put(settings::set_clinic),
        )
        .route("/api/v1/services", get(settings::services))
        .route(
            "/api/v1/services/{code}",
            axum::routing::patch(settings::change_service),
        )
        .route(
            "/api/v1/policy",
            get(settings::policy).put(settings::set_policy),
        )
        .route("/api/v1/staff", get(settings::staff))
        .route(
            "/api/v1/staff/{id}",
            axum::routing::patch(settings::change_staff),
        )
        .route("/api/v1/reminders", get(reminders::list))
        .route(
            "/api/v1/reminders/{key}",
            axum::routing::put(reminders::set).delete(reminders::reset),
        )
        .route("/api/v1/availability", get(availability::availability))
        .route(
            "/api/v1/clients",
            get(clients::search).post(clients::create),
        )
        .route(
            "/api/v1/clients/{id}",
            get(clients::read)
                .put(clients::update)
                .delete(erasure::erase),
        )
        .route("/api/v1/clients/{id}/export", get(erasure::export))
        .route(
            "/api/v1/clients/{id}/erasure-request/decline",
            axum::routing::post(erasure::decline),
        )
        .route("/api/v1/erasure-requests", get(erasure::requests))
        .route("/api/v1/clients/{id}/duplicates", get(merge::duplicates))
        .route(
            "/api/v1/clients/{id}/merge",
            axum::routing::post(merge::merge),
        )
        .route(
            "/api/v1/clients/{id}/screenings",
            get(screenings::list).post(screenings::create),
        )
        .route("/api/v1/clients/{id}/payments", get(payments::of_client))
        .route("/api/v1/payments", axum::routing::post(payments::create))
        .route(
            "/api/v1/appointments/{id}/record",
            get(records::read).put(records::save),
        )
        .route(
            "/api/v1/clients/{id}/photos",
            photos::with_upload_body_limit(get(photos::of_client).post(photos::upload)),
        )
        .route(
            "/api/v1/photos/{id}",
            get(photos::read)
                .patch(photos::change)
                .delete(photos::delete),
        )
        .route("/api/v1/photos/{id}/image", get(photos::image))
        .route(
            "/api/v1/photos/{id}/preview",
            axum::routing::post(studio::preview),
        )
        .route(
            "/api/v1/photos/{id}/summary",
            axum::routing::post(studio::summary),
        )
        .route(
            "/api/v1/photos/{id}/starting-drawing",
            axum::routing::post(studio_pattern::starting_drawing),
        )
        .route(
            "/api/v1/photos/{id}/designs",
            axum::routing::post(studio::save),
        )
        .route("/api/v1/clients/{id}/designs", get(studio::of_client))
        .route("/api/v1/designs/{id}", get(studio::read))
        .route("/api/v1/designs/{id}/preview", get(studio::version_preview))
        .route(
            "/api/v1/designs/{id}/before-after",
            get(studio_exports::before_after_png),
        )
        .route("/api/v1/designs/{id}/map", get(studio_exports::map_svg))
        .route("/api/v1/courses", axum::routing::post(courses::create))
        .route("/api/v1/courses/{id}", get(courses::read))
        .route(
            "/api/v1/appointments",
            axum::routing::post(appointments::book),
        )
        .route(
            "/api/v1/appointments/{id}",
            get(appointments::read).patch(appointments::change),
        )
        .route(
            "/api/v1/practitioners/{id}/calendar-feed",
            axum::routing::post(feeds::create_for_practitioner)
                .delete(feeds::revoke_for_practitioner),
        )
        .route(
            "/api/v1/clients/{id}/calendar-feed",
            axum::routing::post(feeds::create_for_client).delete(feeds::revoke_for_client),
        )
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}
