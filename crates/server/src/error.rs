//! One error type for the whole app, answered as `application/problem+json` (RFC 9457).

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use smp_store::StoreError;

/// Something a request could not do, with the status it answers.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 401: no valid login or token.
    #[error("log in or send a valid bearer token")]
    Unauthenticated,
    /// 403: logged in, but the role may not do this.
    #[error("your role ({role}) may not {action}")]
    Forbidden {
        /// The caller's role.
        role: &'static str,
        /// What was refused, in words.
        action: &'static str,
    },
    /// 404: no such record (or route).
    #[error("{what} {id} does not exist")]
    NotFound {
        /// What kind of record.
        what: &'static str,
        /// The id asked for.
        id: String,
    },
    /// 400: the body is not JSON of the right shape; `field` is where it went wrong.
    #[error("{field}: {message}")]
    Malformed {
        /// The JSON path of the problem (`body` when the whole body is at fault).
        field: String,
        /// What was wrong.
        message: String,
    },
    /// 422: a field's value is not acceptable.
    #[error("{field}: {message}")]
    Invalid {
        /// The field at fault.
        field: String,
        /// Why.
        message: String,
    },
    /// 413: an uploaded file is larger than accepted.
    #[error("{field}: {message}")]
    TooLarge {
        /// The field holding the file.
        field: String,
        /// How large it was and how large it may be.
        message: String,
    },
    /// 409: the practitioner is already booked at that time.
    #[error("the practitioner already has an appointment overlapping that time")]
    SlotTaken,
    /// 409: one session of a course overlaps another appointment; nothing was booked.
    #[error(
        "session {session} overlaps another appointment of the practitioner; nothing was booked"
    )]
    SessionTaken {
        /// The session's number.
        session: i64,
    },
    /// 422: the change breaks course rules; `violations` lists them by rule id.
    #[error("the change breaks {} course rule(s): {}; send override_reason to do it anyway", .violations.len(), .violations.iter().map(|v| v.rule.as_str()).collect::<Vec<_>>().join(", "))]
    RulesBroken {
        /// Each broken rule.
        violations: Vec<BrokenRule>,
    },
    /// 409: a unique value is already in use.
    #[error("{field} is already in use")]
    Duplicate {
        /// The field.
        field: &'static str,
    },
    /// 429: too many attempts; try again later.
    #[error("too many attempts: try again in {retry_after_seconds} seconds")]
    TooManyRequests {
        /// How long to wait.
        retry_after_seconds: u64,
    },
    /// 500: something failed inside; the cause is logged, never sent.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// A 422 for one field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthenticated => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::NotFound { .. } => StatusCode::NOT_FOUND,
            ApiError::Malformed { .. } => StatusCode::BAD_REQUEST,
            ApiError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::SlotTaken | ApiError::SessionTaken { .. } | ApiError::Duplicate { .. } => {
                StatusCode::CONFLICT
            }
            ApiError::RulesBroken { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A short, stable name of the kind of problem (the end of the problem `type`).
    pub fn kind(&self) -> &'static str {
        match self {
            ApiError::Unauthenticated => "unauthenticated",
            ApiError::Forbidden { .. } => "forbidden",
            ApiError::NotFound { .. } => "not-found",
            ApiError::Malformed { .. } => "malformed-request",
            ApiError::Invalid { .. } => "invalid-field",
            ApiError::TooLarge { .. } => "too-large",
            ApiError::SlotTaken | ApiError::SessionTaken { .. } => "slot-taken",
            ApiError::RulesBroken { .. } => "course-rules-broken",
            ApiError::Duplicate { .. } => "duplicate",
            ApiError::TooManyRequests { .. } => "too-many-requests",
            ApiError::Internal(_) => "internal",
        }
    }

    /// The field this error is about, when it is about one.
    pub fn field(&self) -> Option<&str> {
        match self {
            ApiError::Malformed { field, .. }
            | ApiError::Invalid { field, .. }
            | ApiError::TooLarge { field, .. } => Some(field),
            ApiError::Duplicate { field } => Some(field),
            _ => None,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        match error {
            StoreError::NotFound { what, id } => ApiError::NotFound {
                what,
                id: id.to_string(),
            },
            StoreError::NotFoundCode { what, code } => ApiError::NotFound { what, id: code },
            StoreError::LastOwner => ApiError::invalid(
                "active",
                "the last active owner cannot be switched off; make another owner first",
            ),
            StoreError::SlotTaken => ApiError::SlotTaken,
            StoreError::SessionSlotTaken { session } => ApiError::SessionTaken { session },
            StoreError::Duplicate { field } => ApiError::Duplicate { field },
            StoreError::MissingReference { field } => {
                ApiError::invalid(field, "refers to a record that does not exist")
            }
            other => ApiError::Internal(other.to_string()),
        }
    }
}

/// A course rule a change breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrokenRule {
    /// The policy rule's id.
    pub rule: String,
    /// The session it concerns, when one.
    pub session: Option<u32>,
    /// What is wrong.
    pub message: String,
}

/// The body of a problem response.
#[derive(Debug, Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: &'a str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    violations: Option<&'a [BrokenRule]>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if let ApiError::Internal(cause) = &self {
            eprintln!("smp serve: internal error: {cause}");
        }
        let problem = Problem {
            kind: format!("/problems/{}", self.kind()),
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail: self.to_string(),
            field: self.field(),
            violations: match &self {
                ApiError::RulesBroken { violations } => Some(violations),
                _ => None,
            },
        };
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body,
        )
            .into_response();
        if let ApiError::TooManyRequests {
            retry_after_seconds,
        } = self
        {
            if let Ok(value) = retry_after_seconds.to_string().parse() {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}
