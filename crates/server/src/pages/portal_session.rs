//! Who is looking at the client portal: the client whose portal session the `smp_portal`
//! cookie holds. Without a live one, the page sends them to ask for a new link.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use smp_store::Client;

use crate::auth::token::hash_secret;
use crate::error::ApiError;
use crate::pages::cookies::{read, same_secret};
use crate::pages::render::PageError;
use crate::state::AppState;

/// The portal session's cookie.
pub const PORTAL_COOKIE: &str = "smp_portal";

/// The client of a live portal session.
#[derive(Debug, Clone)]
pub struct PortalClient {
    /// The client.
    pub client: Client,
    /// The token the portal's forms carry.
    pub csrf: String,
    /// The hash of the session's secret (to end it).
    pub secret_hash: String,
}

impl PortalClient {
    /// One of this client's own courses, by the id in a path; another client's course is
    /// 404, as if it did not exist.
    ///
    /// # Errors
    /// A 404 page, or a 400 naming `course` for an id that is not a number.
    pub async fn own_course(
        &self,
        state: &crate::state::AppState,
        id: &str,
    ) -> Result<smp_store::StoredCourse, PageError> {
        let id = crate::extract::parse_id("course", id)?;
        let course = state.store.course(id).await?;
        if course.course.client_id != self.client.id {
            return Err(PageError(ApiError::NotFound {
                what: "course",
                id: id.to_string(),
            }));
        }
        Ok(course)
    }

    /// Refuses a form whose token is not this session's.
    ///
    /// # Errors
    /// A 422 page asking to reload.
    pub fn check_csrf(&self, sent: &str) -> Result<(), PageError> {
        if same_secret(sent, &self.csrf) {
            Ok(())
        } else {
            Err(PageError(ApiError::invalid(
                "csrf",
                "this form has expired or did not come from your portal; reload the page and try again",
            )))
        }
    }
}

/// Why there is no portal client.
#[derive(Debug)]
pub enum PortalRejection {
    /// No live session: to the page that sends a link.
    SignIn,
    /// The database failed.
    Failed(PageError),
}

impl IntoResponse for PortalRejection {
    fn into_response(self) -> Response {
        match self {
            PortalRejection::SignIn => Redirect::to("/portal?expired=1").into_response(),
            PortalRejection::Failed(error) => error.into_response(),
        }
    }
}

impl FromRequestParts<AppState> for PortalClient {
    type Rejection = PortalRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(secret) = read(&parts.headers, PORTAL_COOKIE) else {
            return Err(PortalRejection::SignIn);
        };
        let failed = |e: smp_store::StoreError| PortalRejection::Failed(PageError(e.into()));
        let secret_hash = hash_secret(&secret);
        let session = state
            .store
            .portal_session(&secret_hash, state.clock.now())
            .await
            .map_err(failed)?
            .ok_or(PortalRejection::SignIn)?;
        let client = state
            .store
            .client(session.client_id)
            .await
            .map_err(failed)?;
        Ok(PortalClient {
            client,
            csrf: session.csrf,
            secret_hash,
        })
    }
}
