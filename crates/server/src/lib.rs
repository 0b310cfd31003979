//! The smp clinic web app: the JSON API (with its OpenAPI document), staff authentication
//! and roles, on the store (`smp-store`) and the treatment rules (`smp-treatment`).
//!
//! [`Application::build`] opens the database and binds the address;
//! [`Application::run_until`] serves. Handlers hold no SQL: they check the caller's role
//! ([`auth::roles`]), check the fields (422 naming the field), call the store, and answer;
//! every error is one [`ApiError`], sent as `application/problem+json`.
#![warn(missing_docs)]

mod address;
pub mod api;
mod app;
pub mod auth;
pub mod calendar_feed;
pub mod client_erasure;
pub mod client_export;
pub mod client_merge;
pub mod course_plan;
pub mod demo;
mod error;
pub mod extract;
pub mod ical;
pub mod mailer;
pub mod pages;
pub mod reminder_catalogue;
pub mod reminder_mail;
pub mod reminder_refresh;
pub mod reminder_wording;
#[cfg(feature = "testing")]
pub mod smtp_sink;
mod state;
pub mod studio;
mod upload_body;

pub use app::{router, Application, Config, StartError};
pub use error::{ApiError, BrokenRule};
pub use state::{AppState, Clock, ParsedPolicy, SessionSettings};
