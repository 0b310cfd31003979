//! The append-only audit log: who read or changed health data, and every login.

use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::Store;
use crate::error::StoreError;
use crate::time::instant;

/// One entry to add: who did what to which record, from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// The staff account acting, if one was logged in.
    pub staff_id: Option<i64>,
    /// Who, as shown to an owner: an email, or "unknown" for a failed login.
    pub actor: String,
    /// What: `login`, `login_failed`, `read`, `create`, `update`, `override`, …
    pub action: String,
    /// What kind of record: `screening`, `client`, `session_record`, `photo`, `staff`, …
    pub subject: String,
    /// Which record, when there is one.
    pub subject_id: Option<i64>,
    /// More words (never health data itself): a reason, a field list.
    pub detail: String,
    /// The client address the request came from.
    pub address: String,
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    /// Its id, in the order written.
    pub id: i64,
    /// When.
    pub at: Timestamp,
    /// What was recorded.
    pub entry: AuditEntry,
}

impl Store {
    /// Adds an entry to the audit log.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn audit(&self, entry: &AuditEntry, at: Timestamp) -> Result<(), StoreError> {
        let mut connection = self.pool().acquire().await?;
        write_entry(&mut connection, entry, at).await?;
        Ok(())
    }

    /// The newest `limit` entries, newest first.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn audit_log(&self, limit: i64) -> Result<Vec<AuditRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, at, staff_id, actor, action, subject, subject_id, detail, address \
             FROM audit_log ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }
}

/// Adds an entry on a connection (or inside a transaction that also changes what the entry
/// is about, so that both or neither are kept).
pub(crate) async fn write_entry(
    connection: &mut sqlx::AnyConnection,
    entry: &AuditEntry,
    at: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (at, staff_id, actor, action, subject, subject_id, detail, \
         address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(at.as_second())
    .bind(entry.staff_id)
    .bind(entry.actor.as_str())
    .bind(entry.action.as_str())
    .bind(entry.subject.as_str())
    .bind(entry.subject_id)
    .bind(entry.detail.as_str())
    .bind(entry.address.as_str())
    .execute(connection)
    .await?;
    Ok(())
}

fn from_row(row: &AnyRow) -> Result<AuditRecord, sqlx::Error> {
    Ok(AuditRecord {
        id: row.try_get("id")?,
        at: instant(row, "at")?,
        entry: AuditEntry {
            staff_id: row.try_get("staff_id")?,
            actor: row.try_get("actor")?,
            action: row.try_get("action")?,
            subject: row.try_get("subject")?,
            subject_id: row.try_get("subject_id")?,
            detail: row.try_get("detail")?,
            address: row.try_get("address")?,
        },
    })
}
