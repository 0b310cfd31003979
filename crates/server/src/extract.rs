//! Our own extractors, so that a malformed request gets our problem format and names the
//! field, never the framework's plain-text rejection.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A JSON body of type `T`; a body that is not JSON, or not of that shape, is a 400 that
/// names the JSON path of the problem (`body.practitioner_id`, …).
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

/// A JSON body kept as its text (for parsers that report lines and columns of their own);
/// the content type must be JSON and the text UTF-8.
#[derive(Debug, Clone)]
pub struct JsonText(pub String);

impl<S: Send + Sync> FromRequest<S> for JsonText {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = json_bytes(request, state).await?;
        String::from_utf8(bytes.to_vec())
            .map(JsonText)
            .map_err(|_| ApiError::Malformed {
                field: "body".to_owned(),
                message: "the body is not UTF-8 text".to_owned(),
            })
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = json_bytes(request, state).await?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// The body's bytes, when its content type is JSON.
async fn json_bytes<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, ApiError> {
    let is_json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            let essence = v.split(';').next().unwrap_or("").trim();
            essence.eq_ignore_ascii_case("application/json")
        });
    if !is_json {
        return Err(ApiError::Malformed {
            field: "Content-Type".to_owned(),
            message: "send the body as application/json".to_owned(),
        });
    }
    Bytes::from_request(request, state)
        .await
        .map_err(|e| ApiError::Malformed {
            field: "body".to_owned(),
            message: e.body_text(),
        })
}

/// Parses JSON into `T`, naming the path of the first problem.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        // serde_path_to_error says "?" where the path is unknown (the body ended early).
        let field = if path == "." || path == "?" || path.is_empty() {
            "body".to_owned()
        } else {
            format!("body.{path}")
        };
        ApiError::Malformed {
            field,
            message: error.into_inner().to_string(),
        }
    })?;
    deserializer.end().map_err(|e| ApiError::Malformed {
        field: "body".to_owned(),
        message: e.to_string(),
    })?;
    Ok(value)
}

/// The numeric id in a path segment; anything else is "no such record".
pub fn parse_id(what: &'static str, segment: &str) -> Result<i64, ApiError> {
    segment
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ApiError::NotFound {
            what,
            id: segment.to_owned(),
        })
}
