//! Reading an upload's body so that a file over the limit still gets its answer.
//!
//! When a handler refuses a body as too large before the client has finished sending it, the
//! server closes the connection on bytes the client is still writing, and the client (a
//! browser, or reqwest in the tests) may report a broken connection instead of the answer; which
//! one it sees depends on timing. Like a web server's lingering close, [`drain_over_limit`]
//! reads the body before the handler runs: it keeps what the handler may accept, and reads and
//! throws away whatever follows, up to a bound, so the client finishes writing and reads the
//! handler's 413. A body declared larger than the bound, or sent without a length and running
//! past it, is left unread, and its client may see the connection cut.

use std::future::poll_fn;
use std::pin::Pin;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// How much of an upload's body is kept, and how much is read in all before giving up.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UploadBodyLimit {
    /// The most bytes the handler accepts; one more is kept so that it sees the body is over.
    pub keep: usize,
    /// The most bytes read in all: past this the rest is left unread.
    pub read_at_most: usize,
}

impl UploadBodyLimit {
    /// Keeps up to `keep + 1` bytes (the handler's limit and one more) and reads up to
    /// twice `keep` in all before giving up.
    pub(crate) fn new(keep: usize) -> Self {
        Self {
            keep,
            read_at_most: keep.saturating_mul(2),
        }
    }
}

/// Middleware for an upload route: reads the body with [`read_kept`] and hands the handler a
/// body of the bytes kept, so a body over the limit reaches it as one byte over and is refused
/// there in the route's own words, after the client has finished sending.
pub(crate) async fn drain_over_limit(
    State(limit): State<UploadBodyLimit>,
    request: Request,
    next: Next,
) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit.read_at_most) {
        // Too large to be worth reading through: the handler reads up to its limit and
        // refuses it, and the client may see the connection cut.
        return next.run(request).await;
    }
    match with_kept_body(request, limit).await {
        Ok(request) => next.run(request).await,
        Err(problem) => problem.into_response(),
    }
}

/// The request with its body read by [`read_kept`] and replaced by the bytes kept, or the
/// problem when the body broke off before its end.
async fn with_kept_body(request: Request, limit: UploadBodyLimit) -> Result<Request, ApiError> {
    let (mut parts, body) = request.into_parts();
    let (kept, _read) = read_kept(body, limit)
        .await
        .map_err(|error| ApiError::Malformed {
            field: "photo".to_owned(),
            message: format!("the upload broke off before its end: {error}"),
        })?;
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(kept.len()));
    Ok(Request::from_parts(parts, Body::from(kept)))
}

/// Reads `body` to its end or to just past `limit.read_at_most` bytes: the first
/// `limit.keep + 1` bytes, and how many were read in all.
pub(crate) async fn read_kept(
    mut body: Body,
    limit: UploadBodyLimit,
) -> Result<(Bytes, usize), axum::Error> {
    let mut kept = Vec::new();
    let mut read = 0usize;
    while let Some(frame) = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let Ok(data) = frame?.into_data() else {
            continue;
        };
        read = read.saturating_add(data.len());
        let room = (limit.keep + 1).saturating_sub(kept.len());
        kept.extend_from_slice(&data[..data.len().min(room)]);
        if read > limit.read_at_most {
            break;
        }
    }
    Ok((Bytes::from(kept), read))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunked(chunks: Vec<&'static [u8]>) -> Body {
        let chunks = chunks
            .into_iter()
            .map(|chunk| Ok::<_, std::io::Error>(Bytes::from_static(chunk)));
        Body::from_stream(futures_util::stream::iter(chunks))
    }

    #[tokio::test]
    async fn a_body_that_breaks_off_is_refused_naming_the_photo() {
        let chunks = [
            Ok(Bytes::from_static(b"abc")),
            Err(std::io::Error::other("connection reset")),
        ];
        let request = Request::new(Body::from_stream(futures_util::stream::iter(chunks)));
        let problem = with_kept_body(request, UploadBodyLimit::new(6))
            .await
            .expect_err("the body broke off");
        assert_eq!(
            problem.to_string(),
            "photo: the upload broke off before its end: connection reset"
        );
        assert_eq!(
            problem.into_response().status(),
            axum::http::StatusCode::BAD_REQUEST
        );
    }

    #[tokio::test]
    async fn a_body_within_the_limit_is_kept_whole() {
        let body = chunked(vec![b"abc", b"def"]);
        let (kept, read) = read_kept(body, UploadBodyLimit::new(6)).await.unwrap();
        assert_eq!(&kept[..], b"abcdef");
        assert_eq!(read, 6);
    }

    #[tokio::test]
    async fn a_body_over_the_limit_is_read_to_its_end_and_kept_one_byte_over() {
        let body = chunked(vec![b"abcd", b"efgh", b"ij"]);
        let (kept, read) = read_kept(body, UploadBodyLimit::new(5)).await.unwrap();
        assert_eq!(&kept[..], b"abcdef");
        assert_eq!(read, 10, "everything the client sent was read");
    }

    #[tokio::test]
    async fn reading_stops_past_the_bound() {
        let body = chunked(vec![b"abcd", b"efgh", b"ijkl", b"mnop"]);
        let (kept, read) = read_kept(body, UploadBodyLimit::new(4)).await.unwrap();
        assert_eq!(&kept[..], b"abcde");
        assert_eq!(read, 12, "reading stopped at the first chunk past 8 bytes");
    }
}
