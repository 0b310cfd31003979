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

/// The message's own columns: key, address, subject, bodies and when it is due.
pub(crate) fn message_of(row: &AnyRow) -> Result<NewMessage, sqlx::Error> {
    Ok(NewMessage {
        key: row.try_get("message_key")?,
        to_address: row.try_get("to_address")?,
        subject: row.try_get("subject")?,
        text: row.try_get("body_text")?,
        html: row.try_get("body_html")?,
        due_at: instant(row, "due_at")?,
    })
}

fn from_row(row: &AnyRow) -> Result<OutboxMessage, sqlx::Error> {
    Ok(OutboxMessage {
        id: row.try_get("id")?,
        appointment_id: row.try_get("appointment_id")?,
        client_id: row.try_get("client_id")?,
        message: message_of(row)?,
        status: row.try_get("status")?,
        attempts: row.try_get("attempts")?,
        sent_at: optional_instant(row, "sent_at")?,
        last_error: row.try_get("last_error")?,
    })
}

/// The key prefix of touch-up recalls: a course session booked later withdraws the
/// recalls of the sessions before it that are not sent yet (the client is back).
pub const RECALL_PREFIX: &str = "recall-";

/// Adds the messages `reminders` writes for `appointment`, inside its transaction; a
/// message already due at `at` is left out (booked too late for it). A course session
/// withdraws the client's unsent touch-up recalls of earlier appointments.
pub(crate) async fn schedule(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    appointment: &Appointment,
    reminders: &dyn Reminders,
    at: Timestamp,
) -> Result<(), StoreError> {
    for message in reminders.messages(appointment) {
        // A reminder whose time has passed is not sent late; one due now (a
        // confirmation) goes at once.
        if message.due_at < at {
            continue;
        }
        let client_id = appointment.booked.client_id;
        insert(tx, Some(appointment.id), client_id, &message, at).await?;
    }
    if let (Some(client_id), Some(_)) = (appointment.booked.client_id, appointment.booked.course_id)
    {
        sqlx::query(
            "UPDATE outbox SET status = 'cancelled' \
             WHERE client_id = $1 AND status = 'pending' AND message_key LIKE $2 \
             AND appointment_id IN (SELECT id FROM appointments \
                                    WHERE client_id = $1 AND starts_at < $3 AND id <> $4)",
        )
        .bind(client_id)
        .bind(format!("{RECALL_PREFIX}%"))
        .bind(appointment.booked.slot.starts_at.as_second())
        .bind(appointment.id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Adds one message to the outbox, pending from its due time; returns its id.
pub(crate) async fn insert(
    connection: &mut sqlx::AnyConnection,
    appointment_id: Option<i64>,
    client_id: Option<i64>,
    message: &NewMessage,
    at: Timestamp,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO outbox (appointment_id, client_id, message_key, to_address, subject, \
         body_text, body_html, due_at, next_attempt_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id",
    )
    .bind(appointment_id)
    .bind(client_id)
    .bind(message.key.as_str())
    .bind(message.to_address.as_str())
    .bind(message.subject.as_str())
    .bind(message.text.as_str())
    .bind(message.html.as_str())
    .bind(message.due_at.as_second())
    .bind(at.as_second())
    .fetch_one(connection)
    .await
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

/// A message claimed by a worker for sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedMessage {
    /// Its id (also in its `Message-ID`).
    pub id: i64,
    /// What to send.
    pub message: NewMessage,
    /// This try's number (1 for the first).
    pub attempt: i64,
}

impl Store {
    /// Adds one message for a client, due at `message.due_at` (a confirmation, say).
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] for an unknown client.
    pub async fn enqueue(
        &self,
        client_id: Option<i64>,
        message: &NewMessage,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let mut connection = self.pool().acquire().await?;
        let id = insert(&mut connection, None, client_id, message, at)
            .await
            .map_err(|e| StoreError::from_write(e, "id", "client_id"))?;
        Ok(id)
    }

    /// Claims up to `limit` messages due at `now` for `worker` until `lease_until`: they
    /// become `sending`, and no other worker (of this or another process) can claim them.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn claim_due(
        &self,
        worker: &str,
        now: Timestamp,
        lease_until: Timestamp,
        limit: i64,
    ) -> Result<Vec<ClaimedMessage>, StoreError> {
        // PostgreSQL: rows another worker is claiming are skipped, not waited for; SQLite
        // has one writer at a time.
        let lock = match self.backend() {
            crate::db::Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            crate::db::Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE outbox SET status = 'sending', claimed_by = $1, claimed_until = $2, \
             attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' \
             AND next_attempt_at <= $3 ORDER BY next_attempt_at, id LIMIT $4{lock}) \
             RETURNING id, message_key, to_address, subject, body_text, body_html, due_at, \
             attempts"
        );
        let mut tx = self.begin_write().await?;
        let rows = sqlx::query(&sql)
            .bind(worker)
            .bind(lease_until.as_second())
            .bind(now.as_second())
            .bind(limit)
            .fetch_all(&mut *tx.tx)
            .await?;
        tx.commit().await?;
        let mut claimed = rows
            .iter()
            .map(|row| {
                Ok(ClaimedMessage {
                    id: row.try_get("id")?,
                    message: message_of(row)?,
                    attempt: row.try_get("attempts")?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
        claimed.sort_by_key(|c| (c.message.due_at, c.id));
        Ok(claimed)
    }

    /// Records that `worker` handed message `id` to the mail server.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn mark_sent(&self, id: i64, worker: &str, at: Timestamp) -> Result<(), StoreError> {
        self.settle(id, worker, "sent", Some(at), None, "").await
    }

    /// Records that sending message `id` failed before the mail server took it: it is tried
    /// again at `retry_at`, or given up (`failed`) when `retry_at` is `None`.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn mark_unsent(
        &self,
        id: i64,
        worker: &str,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        match retry_at {
            Some(at) => {
                self.settle(id, worker, "pending", None, Some(at), error)
                    .await
            }
            None => self.settle(id, worker, "failed", None, None, error).await,
        }
    }

    async fn settle(
        &self,
        id: i64,
        worker: &str,
        status: &str,
        sent_at: Option<Timestamp>,
        retry_at: Option<Timestamp>,
        error: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE outbox SET status = $1, sent_at = $2, \
             next_attempt_at = COALESCE($3, next_attempt_at), last_error = $4, \
             claimed_by = NULL, claimed_until = NULL \
             WHERE id = $5 AND status = 'sending' AND claimed_by = $6",
        )
        .bind(status)
        .bind(sent_at.map(|t| t.as_second()))
        .bind(retry_at.map(|t| t.as_second()))
        .bind(error)
        .bind(id)
        .bind(worker)
        .execute(&mut *tx.tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Messages whose worker's lease ran out while sending (the worker stopped between
    /// claiming and recording the outcome) become `in_doubt`: the mail server may or may
    /// not have them, so they are never sent again by themselves. Returns how many.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn settle_abandoned(&self, now: Timestamp) -> Result<u64, StoreError> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE outbox SET status = 'in_doubt', \
             last_error = 'the sender stopped while sending; check with the client', \
             claimed_by = NULL, claimed_until = NULL \
             WHERE status = 'sending' AND claimed_until < $1",
        )
        .bind(now.as_second())
        .execute(&mut *tx.tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(changed)
    }

    /// How many messages are in each status.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn outbox_counts(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let rows =
            sqlx::query("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status ORDER BY status")
                .fetch_all(self.pool())
                .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("status")?, row.try_get("n")?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }
}
