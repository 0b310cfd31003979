//! A clinic's own wording of its reminders, and which of them it sends: one row per
//! reminder key (`before-7d`, `aftercare`, `recall`, ...); no row means sent, in the
//! standard wording. Switching a reminder off also withdraws its messages still waiting.

use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::Store;
use crate::error::StoreError;
use crate::outbox::RECALL_PREFIX;
use crate::time::instant;

/// The key the touch-up recalls (`recall-1`, `recall-2`, ...) share.
pub const RECALL_KEY: &str = "recall";

/// How a clinic words one reminder. An empty text stands for the standard wording of that
/// part (an empty HTML for the HTML made from the text).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReminderWording {
    /// Whether it is sent.
    pub enabled: bool,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body.
    pub html: String,
}

impl ReminderWording {
    /// A reminder with no wording of the clinic's own: sent, in the standard wording.
    pub fn standard() -> ReminderWording {
        ReminderWording {
            enabled: true,
            ..ReminderWording::default()
        }
    }

    /// Whether any part is worded by the clinic.
    pub fn has_own_words(&self) -> bool {
        !(self.subject.is_empty() && self.text.is_empty() && self.html.is_empty())
    }
}

/// A stored wording with its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredWording {
    /// The reminder's key (`recall` for every recall).
    pub key: String,
    /// The wording.
    pub wording: ReminderWording,
    /// When it was last changed.
    pub updated_at: Timestamp,
}

/// The wording key of an outbox message key: every `recall-N` shares [`RECALL_KEY`].
pub fn wording_key(message_key: &str) -> &str {
    if message_key.starts_with(RECALL_PREFIX) {
        RECALL_KEY
    } else {
        message_key
    }
}

fn from_row(row: &AnyRow) -> Result<StoredWording, sqlx::Error> {
    let enabled: i64 = row.try_get("enabled")?;
    Ok(StoredWording {
        key: row.try_get("message_key")?,
        wording: ReminderWording {
            enabled: enabled != 0,
            subject: row.try_get("subject")?,
            text: row.try_get("body_text")?,
            html: row.try_get("body_html")?,
        },
        updated_at: instant(row, "updated_at")?,
    })
}

impl Store {
    /// Every reminder the clinic has worded or switched, by key.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn reminder_wordings(&self) -> Result<Vec<StoredWording>, StoreError> {
        let rows = sqlx::query(
            "SELECT message_key, enabled, subject, body_text, body_html, updated_at \
             FROM reminder_wording ORDER BY message_key",
        )
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(from_row(row)?);
        }
        Ok(out)
    }

    /// Keeps a reminder's wording (the caller has checked it). Switched off, its messages
    /// still waiting are withdrawn in the same transaction; returns how many.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn set_reminder_wording(
        &self,
        key: &str,
        wording: &ReminderWording,
        at: Timestamp,
    ) -> Result<u64, StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO reminder_wording \
             (message_key, enabled, subject, body_text, body_html, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (message_key) DO UPDATE SET \
             enabled = excluded.enabled, subject = excluded.subject, \
             body_text = excluded.body_text, body_html = excluded.body_html, \
             updated_at = excluded.updated_at",
        )
        .bind(key)
        .bind(i64::from(wording.enabled))
        .bind(wording.subject.as_str())
        .bind(wording.text.as_str())
        .bind(wording.html.as_str())
        .bind(at.as_second())
        .execute(&mut *tx.tx)
        .await?;
        let withdrawn = if wording.enabled {
            0
        } else {
            let (clause, value) = if key == RECALL_KEY {
                ("message_key LIKE $1", format!("{RECALL_PREFIX}%"))
            } else {
                ("message_key = $1", key.to_owned())
            };
            sqlx::query(&format!(
                "UPDATE outbox SET status = 'cancelled' WHERE status = 'pending' AND {clause}"
            ))
            .bind(value)
            .execute(&mut *tx.tx)
            .await?
            .rows_affected()
        };
        tx.commit().await?;
        Ok(withdrawn)
    }

    /// Forgets a reminder's own wording: it is sent again, in the standard wording. Returns
    /// whether there was any.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn reset_reminder_wording(&self, key: &str) -> Result<bool, StoreError> {
        let gone = sqlx::query("DELETE FROM reminder_wording WHERE message_key = $1")
            .bind(key)
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(gone > 0)
    }
}
