//! The outbox: messages to clients, written in the same transaction as the booking, move
//! or cancellation that causes them, so that a reminder exists exactly when its appointment
//! does, at the time it has.

use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::appointments::Appointment;
use crate::db::Store;
use crate::error::StoreError;
use crate::time::{instant, optional_instant};

/// A message to send at `due_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    /// What it is within its appointment (`before-7d`, `aftercare`, …).
    pub key: String,
    /// The client's email address.
    pub to_address: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub text: String,
    /// HTML body.
    pub html: String,
    /// When it should go out.
    pub due_at: Timestamp,
}

/// Writes the messages an appointment causes, inside the transaction that books or moves
/// it. The store calls it with the appointment as it will be stored.
pub trait Reminders: Send + Sync {
    /// The messages for `appointment` (none when it needs none).
    fn messages(&self, appointment: &Appointment) -> Vec<NewMessage>;
}

/// No messages (an appointment nobody is reminded of).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoReminders;

impl Reminders for NoReminders {
    fn messages(&self, _appointment: &Appointment) -> Vec<NewMessage> {
        Vec::new()
    }
}

/// A message as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    /// Its id.
    pub id: i64,
    /// The appointment it belongs to, if any.
    pub appointment_id: Option<i64>,
    /// The client it goes to, if known.
    pub client_id: Option<i64>,
    /// What it is.
    pub message: NewMessage,
    /// `pending`, `sending`, `sent`, `failed`, `cancelled` or `in_doubt`.
    pub status: String,
    /// How many times sending was tried.
    pub attempts: i64,
    /// When it was sent.
    pub sent_at: Option<Timestamp>,
    /// The last failure, if any.
    pub last_error: String,
}

const COLUMNS: &str = "id, appointment_id, client_id, message_key, to_address, subject, \
     body_text, body_html, due_at, status, attempts, sent_at, last_error";

fn from_row(row: &AnyRow) -> Result<OutboxMessage, sqlx::Error> {
    Ok(OutboxMessage {
        id: row.try_get("id")?,
        appointment_id: row.try_get("appointment_id")?,
        client_id: row.try_get("client_id")?,
        message: NewMessage {
            key: row.try_get("message_key")?,
            to_address: row.try_get("to_address")?,
            subject: row.try_get("subject")?,
            text: row.try_get("body_text")?,
            html: row.try_get("body_html")?,
            due_at: instant(row, "due_at")?,
        },
        status: row.try_get("status")?,
        attempts: row.try_get("attempts")?,
        sent_at: optional_instant(row, "sent_at")?,
        last_error: row.try_get("last_error")?,
    })
}

/// Adds the messages `reminders` writes for `appointment`, inside its transaction; a
/// message already due at `at` is left out (booked too late for it).
pub(crate) async fn schedule(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    appointment: &Appointment,
    reminders: &dyn Reminders,
    at: Timestamp,
) -> Result<(), StoreError> {
    for message in reminders.messages(appointment) {
        if message.due_at <= at {
            continue;
        }
        sqlx::query(
            "INSERT INTO outbox (appointment_id, client_id, message_key, to_address, subject, \
             body_text, body_html, due_at, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)",
        )
        .bind(appointment.id)
        .bind(appointment.booked.client_id)
        .bind(message.key.as_str())
        .bind(message.to_address.as_str())
        .bind(message.subject.as_str())
        .bind(message.text.as_str())
        .bind(message.html.as_str())
        .bind(message.due_at.as_second())
        .bind(at.as_second())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Withdraws an appointment's messages not yet sent, inside the transaction that moves or
/// cancels it.
pub(crate) async fn withdraw(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    appointment_id: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE outbox SET status = 'cancelled' WHERE appointment_id = $1 AND status = 'pending'",
    )
    .bind(appointment_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// An appointment's messages, by when they are due.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn messages_of_appointment(
        &self,
        appointment_id: i64,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        let sql =
            format!("SELECT {COLUMNS} FROM outbox WHERE appointment_id = $1 ORDER BY due_at, id");
        let rows = sqlx::query(&sql)
            .bind(appointment_id)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }

    /// A client's messages, by when they are due.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn messages_of_client(
        &self,
        client_id: i64,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM outbox WHERE client_id = $1 ORDER BY due_at, id");
        let rows = sqlx::query(&sql)
            .bind(client_id)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }
}
