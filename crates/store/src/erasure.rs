//! Erasure: a client's request to be forgotten, and the owner's answer. Erasing deletes the
//! client's row and, by the database's cascades, everything hanging from it; what remains is
//! one audit entry that counts what went, without a name or any health data.

use jiff::Timestamp;
use sqlx::Row;

use crate::audit::{write_entry, AuditEntry};
use crate::db::Store;
use crate::error::StoreError;
use crate::holdings::{count, ClientHoldings, ONLINE_REQUESTS_OF_CLIENT};

/// A client who asked to be erased, waiting for the owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasureRequest {
    /// The client.
    pub client_id: i64,
    /// Their name.
    pub name: String,
    /// When they asked.
    pub requested_at: Timestamp,
}

impl Store {
    /// Records a client's request to be erased (the first one counts).
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub async fn request_erasure(&self, client_id: i64, at: Timestamp) -> Result<(), StoreError> {
        let changed = sqlx::query(
            "UPDATE clients SET erasure_requested_at = COALESCE(erasure_requested_at, $1) \
             WHERE id = $2",
        )
        .bind(at.as_second())
        .bind(client_id)
        .execute(self.pool())
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: "client",
                id: client_id,
            });
        }
        Ok(())
    }

    /// When a client asked to be erased, if they have and the owner has not answered yet.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown client.
    pub async fn erasure_requested_at(
        &self,
        client_id: i64,
    ) -> Result<Option<Timestamp>, StoreError> {
        let row = sqlx::query("SELECT erasure_requested_at FROM clients WHERE id = $1")
            .bind(client_id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound {
                what: "client",
                id: client_id,
            })?;
        Ok(crate::time::optional_instant(&row, "erasure_requested_at")?)
    }

    /// Clients waiting to be erased, oldest request first.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn erasure_requests(&self) -> Result<Vec<ErasureRequest>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, name, erasure_requested_at FROM clients \
             WHERE erasure_requested_at IS NOT NULL ORDER BY erasure_requested_at, id",
        )
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(ErasureRequest {
                client_id: row.try_get("id")?,
                name: row.try_get("name")?,
                requested_at: crate::time::instant(row, "erasure_requested_at")?,
            });
        }
        Ok(out)
    }

    /// What erasing a client would remove now.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown client.
    pub async fn erasure_preview(&self, client_id: i64) -> Result<ClientHoldings, StoreError> {
        let mut connection = self.pool().acquire().await?;
        count(&mut connection, client_id).await
    }

    /// Erases a client: deletes their row and, by cascade, their screenings, courses,
    /// appointments, session records, payments, photos, messages, calendar feed and portal links
    /// and sessions, and the booking page's requests made with their address; writes one
    /// audit entry from `by` (its `detail` replaced by what went and whether the client had
    /// asked) in the same transaction. Returns what went.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown client.
    pub async fn erase_client(
        &self,
        client_id: i64,
        by: &AuditEntry,
        at: Timestamp,
    ) -> Result<ClientHoldings, StoreError> {
        let mut tx = self.begin_write().await?;
        let erased = count(&mut tx.tx, client_id).await?;
        let requested = sqlx::query("SELECT erasure_requested_at FROM clients WHERE id = $1")
            .bind(client_id)
            .fetch_one(&mut *tx.tx)
            .await?;
        let requested = crate::time::optional_instant(&requested, "erasure_requested_at")?;
        sqlx::query(&format!("DELETE {ONLINE_REQUESTS_OF_CLIENT}"))
            .bind(client_id)
            .execute(&mut *tx.tx)
            .await?;
        sqlx::query("DELETE FROM clients WHERE id = $1")
            .bind(client_id)
            .execute(&mut *tx.tx)
            .await?;
        let why = match requested {
            Some(asked) => format!(
                "at the client's request of {}",
                asked.strftime("%Y-%m-%d %H:%M UTC")
            ),
            None => "without a request from the client".to_owned(),
        };
        let entry = AuditEntry {
            action: "erase".to_owned(),
            subject: "client".to_owned(),
            subject_id: Some(client_id),
            detail: format!("erased {why}: {}", erased.describe()),
            ..by.clone()
        };
        write_entry(&mut tx.tx, &entry, at).await?;
        tx.commit().await?;
        Ok(erased)
    }

    /// Declines a client's request to be erased: the request is cleared (they may ask
    /// again) and one audit entry from `by` records the reason, in the same transaction.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] (`erasure request`) when the client has no open request.
    pub async fn decline_erasure(
        &self,
        client_id: i64,
        reason: &str,
        by: &AuditEntry,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE clients SET erasure_requested_at = NULL \
             WHERE id = $1 AND erasure_requested_at IS NOT NULL",
        )
        .bind(client_id)
        .execute(&mut *tx.tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: "erasure request of client",
                id: client_id,
            });
        }
        let entry = AuditEntry {
            action: "decline_erasure".to_owned(),
            subject: "client".to_owned(),
            subject_id: Some(client_id),
            detail: format!("declined: {reason}"),
            ..by.clone()
        };
        write_entry(&mut tx.tx, &entry, at).await?;
        tx.commit().await?;
        Ok(())
    }
}
