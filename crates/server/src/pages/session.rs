//! The logged-in staff member of a page, from the session cookie; and the CSRF check of
//! every form that changes something.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use smp_store::{LoginSession, Staff};

use crate::auth::roles::{require, Permission};
use crate::error::ApiError;
use crate::pages::cookies::{read, same_secret, SESSION_COOKIE};
use crate::pages::render::PageError;
use crate::state::AppState;

/// The staff member logged in to a page, and their session.
#[derive(Debug, Clone)]
pub struct PageStaff {
    /// Who.
    pub staff: Staff,
    /// Their session (its CSRF token goes into every form).
    pub session: LoginSession,
}

impl PageStaff {
    /// Refuses unless the staff member's role has `permission`.
    ///
    /// # Errors
    /// A 403 page.
    pub fn require(&self, permission: Permission) -> Result<(), PageError> {
        Ok(require(&self.staff, permission)?)
    }

    /// Refuses a form whose CSRF token is not this session's.
    ///
    /// # Errors
    /// A 403 page asking to reload.
    pub fn check_csrf(&self, sent: &str) -> Result<(), PageError> {
        if same_secret(sent, &self.session.csrf_token) {
            Ok(())
        } else {
            Err(PageError(ApiError::invalid(
                "csrf",
                "this form has expired or did not come from smp; reload the page and try again",
            )))
        }
    }
}

/// Why a page could not find a logged-in staff member.
#[derive(Debug)]
pub enum PageRejection {
    /// Not logged in: to the login page, then back.
    Login(String),
    /// The database failed.
    Failed(PageError),
}

impl IntoResponse for PageRejection {
    fn into_response(self) -> Response {
        match self {
            PageRejection::Login(next) => {
                Redirect::to(&format!("/login?next={next}")).into_response()
            }
            PageRejection::Failed(error) => error.into_response(),
        }
    }
}

impl FromRequestParts<AppState> for PageStaff {
    type Rejection = PageRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let next = encode_path(parts.uri.path());
        let Some(secret) = read(&parts.headers, SESSION_COOKIE) else {
            return Err(PageRejection::Login(next));
        };
        let live = state
            .live_session(&secret)
            .await
            .map_err(|e| PageRejection::Failed(PageError(e.into())))?;
        match live {
            Some((session, staff)) => Ok(PageStaff { staff, session }),
            None => Err(PageRejection::Login(next)),
        }
    }
}

/// A path made safe to carry in `?next=`: only characters of a plain path are kept.
fn encode_path(path: &str) -> String {
    path.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'))
        .collect()
}
