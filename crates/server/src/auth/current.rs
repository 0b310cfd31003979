//! Who is calling: the staff account behind a bearer token (and, for pages, a login
//! session), as an extractor every protected handler takes.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use smp_store::Staff;

use crate::auth::roles::{require, Permission};
use crate::auth::token::hash_secret;
use crate::error::ApiError;
use crate::state::AppState;

/// The logged-in staff member making a request.
#[derive(Debug, Clone)]
pub struct CurrentStaff(pub Staff);

impl CurrentStaff {
    /// Refuses the request unless the caller's role has `permission`.
    ///
    /// # Errors
    /// [`ApiError::Forbidden`].
    pub fn require(&self, permission: Permission) -> Result<(), ApiError> {
        require(&self.0, permission)
    }
}

impl FromRequestParts<AppState> for CurrentStaff {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        if let Some(token) = bearer.filter(|t| !t.is_empty()) {
            return state
                .store
                .staff_for_token(&hash_secret(token))
                .await?
                .map(CurrentStaff)
                .ok_or(ApiError::Unauthenticated);
        }
        from_session_cookie(parts, state).await
    }
}

/// The staff member of a page login session, for the API called from the app's own pages.
/// A request that changes something must carry the session's CSRF token in `X-CSRF-Token`,
/// so that another site cannot make a logged-in browser send it.
async fn from_session_cookie(parts: &Parts, state: &AppState) -> Result<CurrentStaff, ApiError> {
    let Some(secret) =
        crate::pages::cookies::read(&parts.headers, crate::pages::cookies::SESSION_COOKIE)
    else {
        return Err(ApiError::Unauthenticated);
    };
    let (session, staff) = state
        .live_session(&secret)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    if !parts.method.is_safe() {
        let sent = parts
            .headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !crate::pages::cookies::same_secret(sent, &session.csrf_token) {
            return Err(ApiError::Forbidden {
                role: staff.role.name(),
                action: "change anything with the session cookie without its X-CSRF-Token",
            });
        }
    }
    Ok(CurrentStaff(staff))
}
