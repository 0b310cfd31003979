//! Bringing a client's waiting messages up to date. A message is written when its
//! appointment is booked, but what it was written from can change before it goes: the
//! client's name or address, the clinic's wording, a reminder switched off and on again,
//! the policy. A refresh writes every message of the client's booked appointments afresh
//! and puts the waiting ones right, in one transaction.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::appointments::{self, Appointment};
use crate::db::Store;
use crate::error::StoreError;
use crate::outbox::{self, NewMessage, Reminders, RECALL_PREFIX};

/// What a refresh changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Refreshed {
    /// Messages now waiting that were not: newly written, or switched back on.
    pub added: u64,
    /// Waiting messages whose recipient, wording or time changed.
    pub rewritten: u64,
    /// Waiting messages withdrawn (switched off, or no longer sent).
    pub withdrawn: u64,
}

impl Refreshed {
    /// Whether anything changed.
    pub fn is_empty(&self) -> bool {
        *self == Refreshed::default()
    }

    /// What changed, in words: "3 waiting message(s) rewritten, 1 waiting message(s)
    /// withdrawn", or "no waiting message changed".
    pub fn describe(&self) -> String {
        if self.is_empty() {
            return "no waiting message changed".to_owned();
        }
        let parts: Vec<String> = [
            (self.rewritten, "rewritten"),
            (self.added, "waiting again or newly written"),
            (self.withdrawn, "withdrawn"),
        ]
        .into_iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, what)| format!("{count} waiting message(s) {what}"))
        .collect();
        parts.join(", ")
    }
}

impl std::ops::AddAssign for Refreshed {
    fn add_assign(&mut self, other: Refreshed) {
        self.added += other.added;
        self.rewritten += other.rewritten;
        self.withdrawn += other.withdrawn;
    }
}

/// One stored message, as far as a refresh compares it.
struct StoredRow {
    id: i64,
    status: String,
    message: NewMessage,
}

fn stored_row(row: &AnyRow) -> Result<(i64, StoredRow), sqlx::Error> {
    let appointment_id: i64 = row.try_get("appointment_id")?;
    Ok((
        appointment_id,
        StoredRow {
            id: row.try_get("id")?,
            status: row.try_get("status")?,
            message: outbox::message_of(row)?,
        },
    ))
}

impl Store {
    /// Writes the messages of every booked appointment of `client_id` afresh with
    /// `reminders` and puts the outbox right, from `at` on: a waiting message takes its
    /// new recipient, wording and time; one no longer written is withdrawn; one switched
    /// back on waits again; one never written is added. Messages due at or before `at`, and
    /// those sent, being sent or given up, are left as they are, and a touch-up recall of an
    /// appointment with a course session after it stays withdrawn (the client came back).
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn refresh_messages(
        &self,
        client_id: i64,
        reminders: &dyn Reminders,
        at: Timestamp,
    ) -> Result<Refreshed, StoreError> {
        let mut tx = self.begin_write().await?;
        let sql = format!(
            "SELECT {} FROM appointments WHERE client_id = $1 AND status = 'booked' \
             ORDER BY starts_at, id",
            appointments::COLUMNS
        );
        let booked: Vec<Appointment> = sqlx::query(&sql)
            .bind(client_id)
            .fetch_all(&mut *tx.tx)
            .await?
            .iter()
            .map(appointments::from_row)
            .collect::<Result<_, _>>()?;
        let rows = sqlx::query(
            "SELECT id, appointment_id, message_key, status, to_address, subject, body_text, \
             body_html, due_at FROM outbox \
             WHERE client_id = $1 AND appointment_id IS NOT NULL ORDER BY id",
        )
        .bind(client_id)
        .fetch_all(&mut *tx.tx)
        .await?;
        let mut stored = Vec::with_capacity(rows.len());
        for row in &rows {
            stored.push(stored_row(row)?);
        }
        // The newest row of each message is the one that counts.
        let latest: HashMap<(i64, &str), &StoredRow> = stored
            .iter()
            .map(|(appointment, row)| ((*appointment, row.message.key.as_str()), row))
            .collect();

        let mut refreshed = Refreshed::default();
        let mut written: HashSet<i64> = HashSet::new();
        // The start of the client's last booked course session: an appointment before it
        // is one the client came back after.
        let last_course_session = booked
            .iter()
            .filter(|other| other.booked.course_id.is_some())
            .map(|other| other.booked.slot.starts_at)
            .max();
        for appointment in &booked {
            let came_back =
                last_course_session.is_some_and(|last| last > appointment.booked.slot.starts_at);
            for message in reminders.messages(appointment) {
                if message.due_at <= at || (came_back && message.key.starts_with(RECALL_PREFIX)) {
                    continue;
                }
                match latest.get(&(appointment.id, message.key.as_str())) {
                    None => {
                        let client = appointment.booked.client_id;
                        outbox::insert(&mut tx.tx, Some(appointment.id), client, &message, at)
                            .await?;
                        refreshed.added += 1;
                    }
                    Some(row) if row.status == "pending" => {
                        written.insert(row.id);
                        if row.message != message && rewrite(&mut tx.tx, row, &message).await? {
                            refreshed.rewritten += 1;
                        }
                    }
                    Some(row) if row.status == "cancelled" => {
                        written.insert(row.id);
                        if rewrite(&mut tx.tx, row, &message).await? {
                            refreshed.added += 1;
                        }
                    }
                    // Sent, being sent, given up or in doubt: not written again.
                    Some(_) => {}
                }
            }
        }
        for (_, row) in &stored {
            if row.status == "pending" && row.message.due_at > at && !written.contains(&row.id) {
                sqlx::query(
                    "UPDATE outbox SET status = 'cancelled' WHERE id = $1 AND status = 'pending'",
                )
                .bind(row.id)
                .execute(&mut *tx.tx)
                .await?;
                refreshed.withdrawn += 1;
            }
        }
        tx.commit().await?;
        Ok(refreshed)
    }

    /// The clients with a booked appointment: those whose messages a change of the
    /// clinic's wording can reach.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn clients_with_appointments(&self) -> Result<Vec<i64>, StoreError> {
        let rows = sqlx::query(
            "SELECT DISTINCT client_id FROM appointments \
             WHERE client_id IS NOT NULL AND status = 'booked' ORDER BY client_id",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .iter()
            .map(|row| row.try_get("client_id"))
            .collect::<Result<_, _>>()?)
    }
}

/// Gives a stored message new content and time, waiting to be sent from its due time;
/// only while it still has the status it was read with (a sender may have claimed it since).
/// Returns whether it did.
async fn rewrite(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    row: &StoredRow,
    message: &NewMessage,
) -> Result<bool, StoreError> {
    let changed = sqlx::query(
        "UPDATE outbox SET status = 'pending', to_address = $1, subject = $2, body_text = $3, \
         body_html = $4, due_at = $5, next_attempt_at = $5, attempts = 0, last_error = '' \
         WHERE id = $6 AND status = $7",
    )
    .bind(message.to_address.as_str())
    .bind(message.subject.as_str())
    .bind(message.text.as_str())
    .bind(message.html.as_str())
    .bind(message.due_at.as_second())
    .bind(row.id)
    .bind(row.status.as_str())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(changed > 0)
}
