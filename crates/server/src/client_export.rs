//! Everything the clinic holds about one client, as one JSON document: what the client
//! downloads from the portal and what staff who may see the client's health data can fetch
//! for them (a subject access request).

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use jiff::Timestamp;
use serde::Serialize;
use smp_store::{Client, FeedOwner, OutboxMessage};

use crate::api::appointments::AppointmentView;
use crate::api::clients::ClientView;
use crate::api::courses::{view as course_view, CourseView};
use crate::api::payments::PaymentView;
use crate::api::photos::PhotoBody;
use crate::api::records::RecordView;
use crate::api::screenings::ScreeningView;
use crate::api::studio::VersionView;
use crate::error::ApiError;
use crate::state::AppState;

/// The version of the export's layout; it grows when a part is added or changed.
pub const EXPORT_FORMAT: u32 = 3;

/// The export.
#[derive(Debug, Serialize)]
pub struct ClientExport {
    /// [`EXPORT_FORMAT`].
    format: u32,
    /// When it was made.
    exported_at: Timestamp,
    /// The clinic holding the data.
    clinic: String,
    /// The client's details and consent.
    client: ClientView,
    /// When the client asked to be erased, if they have.
    erasure_requested_at: Option<Timestamp>,
    /// Health questionnaires with their answers and results.
    screenings: Vec<ScreeningView>,
    /// Courses with their plans and booked sessions.
    courses: Vec<CourseView>,
    /// Every appointment (consultations too), with the clinic's note on it.
    appointments: Vec<AppointmentView>,
    /// What was done at each session.
    session_records: Vec<RecordView>,
    /// Payments.
    payments: Vec<PaymentView>,
    /// Photos, each with its file (base64, as stored: upright, without metadata).
    photos: Vec<ExportedPhoto>,
    /// Designs drawn on the photos and shown to the client, each version as saved.
    design_versions: Vec<VersionView>,
    /// Messages sent to the client or waiting to be sent.
    messages: Vec<MessageView>,
    /// When the client's calendar feed was made, if one is in use (its address is secret
    /// and not stored in a readable form).
    calendar_feed_made_at: Option<Timestamp>,
}

/// A photo in the export: its description and its file.
#[derive(Debug, Serialize)]
struct ExportedPhoto {
    #[serde(flatten)]
    photo: PhotoBody,
    content_base64: String,
}

/// A message to the client as the export shows it.
#[derive(Debug, Serialize)]
struct MessageView {
    kind: String,
    to: String,
    subject: String,
    text: String,
    due_at: Timestamp,
    status: String,
    sent_at: Option<Timestamp>,
}

impl From<OutboxMessage> for MessageView {
    fn from(m: OutboxMessage) -> MessageView {
        MessageView {
            kind: m.message.key,
            to: m.message.to_address,
            subject: m.message.subject,
            text: m.message.text,
            due_at: m.message.due_at,
            status: m.status,
            sent_at: m.sent_at,
        }
    }
}

/// Gathers the export of `client`, read by the caller.
///
/// # Errors
/// [`ApiError::Internal`].
pub async fn export(state: &AppState, client: Client) -> Result<ClientExport, ApiError> {
    let store = &state.store;
    let client_id = client.id;
    let mut courses = Vec::new();
    for course in store.courses_of_client(client_id).await? {
        let sessions = store.sessions_of_course(course.id).await?;
        courses.push(course_view(course, sessions));
    }
    let mut photos = Vec::new();
    for photo in store.photos_of_client(client_id).await? {
        let (_, content) = store.photo_content(photo.id).await?;
        photos.push(ExportedPhoto {
            photo: photo.into(),
            content_base64: base64::engine::general_purpose::STANDARD.encode(content),
        });
    }
    let clinic = store.clinic().await?.map(|c| c.name).unwrap_or_default();
    Ok(ClientExport {
        format: EXPORT_FORMAT,
        exported_at: state.clock.now(),
        clinic,
        client: client.into(),
        erasure_requested_at: store.erasure_requested_at(client_id).await?,
        screenings: into_views(store.screenings_of_client(client_id).await?),
        courses,
        appointments: into_views(store.appointments_of_client(client_id).await?),
        session_records: into_views(store.session_records_of_client(client_id).await?),
        payments: into_views(store.payments_of_client(client_id).await?),
        photos,
        design_versions: store
            .design_versions_of_client(client_id)
            .await?
            .into_iter()
            .map(VersionView::of)
            .collect::<Result<_, _>>()?,
        messages: into_views(store.messages_of_client(client_id).await?),
        calendar_feed_made_at: store
            .calendar_feed_made(FeedOwner::Client(client_id))
            .await?,
    })
}

fn into_views<T, V: From<T>>(items: Vec<T>) -> Vec<V> {
    items.into_iter().map(V::from).collect()
}

/// An export as a download: a JSON attachment named after the client and the time it was
/// made, never kept in a cache (it holds health data).
pub fn attachment(export: ClientExport) -> Response {
    let name = format!(
        "client-{}-{}.json",
        export.client.id(),
        export.exported_at.strftime("%Y%m%d-%H%M%S")
    );
    (
        [
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        Json(export),
    )
        .into_response()
}
