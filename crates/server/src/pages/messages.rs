//! A client's emails as the client page lists them: when each is (or was) due, what it
//! is about, and whether it went — with any failure or doubt spelled out for staff.

use jiff::tz::TimeZone;

use crate::pages::render::PageError;
use crate::state::AppState;

/// One email on the client page.
pub struct MessageLine {
    /// When it is or was due, in the clinic's zone.
    pub due: String,
    /// Its subject.
    pub subject: String,
    /// Its status for people.
    pub status: String,
    /// Whether staff should look at it (failed, or in doubt).
    pub attention: bool,
    /// Why, when it did not go.
    pub problem: String,
}

/// The emails of `client_id`, cancelled ones left out, by when they are due.
///
/// # Errors
/// The store's.
pub async fn message_lines(
    state: &AppState,
    client_id: i64,
    zone: &TimeZone,
) -> Result<Vec<MessageLine>, PageError> {
    Ok(state
        .store
        .messages_of_client(client_id)
        .await?
        .into_iter()
        .filter(|m| m.status != "cancelled")
        .map(|m| {
            let status = match m.status.as_str() {
                "pending" => "waiting",
                "sending" => "being sent",
                "sent" => "sent",
                "failed" => "not sent: given up",
                "in_doubt" => "in doubt: check with the client",
                _ => "unknown",
            };
            MessageLine {
                due: m
                    .message
                    .due_at
                    .to_zoned(zone.clone())
                    .strftime("%a %-d %b %Y, %H:%M")
                    .to_string(),
                subject: m.message.subject,
                status: status.to_owned(),
                attention: matches!(m.status.as_str(), "failed" | "in_doubt"),
                problem: m.last_error,
            }
        })
        .collect())
}
