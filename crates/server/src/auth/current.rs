//! Who is calling: the staff account behind a bearer token (and, for pages, a login
//! session), as an extractor every protected handler takes.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use smp_store::Staff;

use crate::auth::roles::{allows, Permission};
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
        if allows(self.0.role, permission) {
            Ok(())
        } else {
            Err(ApiError::Forbidden {
                role: self.0.role.name(),
                action: permission.action(),
            })
        }
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
        let Some(token) = bearer.filter(|t| !t.is_empty()) else {
            return Err(ApiError::Unauthenticated);
        };
        state
            .store
            .staff_for_token(&hash_secret(token))
            .await?
            .map(CurrentStaff)
            .ok_or(ApiError::Unauthenticated)
    }
}
