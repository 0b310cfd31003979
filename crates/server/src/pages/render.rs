//! Rendering templates into responses, and errors as HTML pages.

use askama::Template;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use crate::error::ApiError;

/// What the layout of every staff page shows: the clinic, who is logged in, and the CSRF
/// token for the logout button.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The page's title.
    pub title: String,
    /// The clinic's name.
    pub clinic: String,
    /// The logged-in staff member's name (empty on the login page).
    pub staff_name: String,
    /// Their role's name.
    pub role: String,
    /// The session's CSRF token (empty when logged out).
    pub csrf: String,
}

/// Renders a template as a page with `status`.
pub fn page(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, [(header::CACHE_CONTROL, "no-store")], Html(html)).into_response(),
        Err(error) => PageError(ApiError::Internal(format!("template: {error}"))).into_response(),
    }
}

/// An error shown as a page.
#[derive(Debug)]
pub struct PageError(pub ApiError);

impl From<ApiError> for PageError {
    fn from(error: ApiError) -> PageError {
        PageError(error)
    }
}

impl From<smp_store::StoreError> for PageError {
    fn from(error: smp_store::StoreError) -> PageError {
        PageError(error.into())
    }
}

/// The error page.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    status: u16,
    message: String,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let message = match &self.0 {
            ApiError::Internal(cause) => {
                eprintln!("smp serve: internal error: {cause}");
                "Something went wrong on our side; nothing was changed. Please try again."
                    .to_owned()
            }
            other => other.to_string(),
        };
        let template = ErrorPage {
            layout: Layout {
                title: status.canonical_reason().unwrap_or("Error").to_owned(),
                ..Layout::default()
            },
            status: status.as_u16(),
            message,
        };
        match template.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, message_only(status)).into_response(),
        }
    }
}

fn message_only(status: StatusCode) -> String {
    status.canonical_reason().unwrap_or("Error").to_owned()
}
