//! Calendar feeds: a secret URL per practitioner or per client that a calendar app
//! subscribes to. Only the SHA-256 of the URL's token is stored; a feed can be revoked,
//! and making a new one for the same owner revokes the old.

use jiff::Timestamp;
use sqlx::Row;

use crate::appointments::{from_row, Appointment, COLUMNS};
use crate::db::Store;
use crate::error::StoreError;

/// Whose appointments a feed shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedOwner {
    /// Every appointment on a practitioner's calendar.
    Practitioner(i64),
    /// A client's own appointments.
    Client(i64),
}

impl FeedOwner {
    /// The owner's column in `calendar_feeds` and its id.
    fn column(self) -> (&'static str, i64) {
        match self {
            FeedOwner::Practitioner(id) => ("practitioner_id", id),
            FeedOwner::Client(id) => ("client_id", id),
        }
    }
}

/// An appointment as a feed shows it: with the name of the client seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    /// The appointment, booked or cancelled.
    pub appointment: Appointment,
    /// The client's name, when a client is booked.
    pub client_name: Option<String>,
}

impl Store {
    /// Makes a feed for `owner` with the token's hash, revoking any earlier feed of the
    /// same owner in the same transaction; returns its id.
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] when the practitioner or client does not exist.
    pub async fn create_calendar_feed(
        &self,
        owner: FeedOwner,
        token_hash: &str,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let (column, id) = owner.column();
        let mut tx = self.begin_write().await?;
        sqlx::query(&format!(
            "UPDATE calendar_feeds SET revoked_at = $1 WHERE {column} = $2 AND revoked_at IS NULL"
        ))
        .bind(at.as_second())
        .bind(id)
        .execute(&mut *tx.tx)
        .await?;
        let feed: i64 = sqlx::query_scalar(&format!(
            "INSERT INTO calendar_feeds (token_hash, {column}, created_at) VALUES ($1, $2, $3) \
             RETURNING id"
        ))
        .bind(token_hash)
        .bind(id)
        .bind(at.as_second())
        .fetch_one(&mut *tx.tx)
        .await
        .map_err(|e| StoreError::from_write(e, "token", column))?;
        tx.commit().await?;
        Ok(feed)
    }

    /// Revokes `owner`'s feed; returns whether there was one to revoke.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn revoke_calendar_feed(
        &self,
        owner: FeedOwner,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let (column, id) = owner.column();
        let revoked = sqlx::query(&format!(
            "UPDATE calendar_feeds SET revoked_at = $1 WHERE {column} = $2 AND revoked_at IS NULL"
        ))
        .bind(at.as_second())
        .bind(id)
        .execute(self.pool())
        .await?
        .rows_affected();
        Ok(revoked > 0)
    }

    /// When `owner`'s feed was made, if it has one that is not revoked.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn calendar_feed_made(
        &self,
        owner: FeedOwner,
    ) -> Result<Option<Timestamp>, StoreError> {
        let (column, id) = owner.column();
        let made: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT created_at FROM calendar_feeds WHERE {column} = $1 AND revoked_at IS NULL"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        Ok(made.and_then(|s| Timestamp::from_second(s).ok()))
    }

    /// Whose feed a token (by its hash) opens, when it exists and is not revoked.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn calendar_feed_owner(
        &self,
        token_hash: &str,
    ) -> Result<Option<FeedOwner>, StoreError> {
        let row = sqlx::query(
            "SELECT practitioner_id, client_id FROM calendar_feeds \
             WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let practitioner: Option<i64> = row.try_get("practitioner_id")?;
        let client: Option<i64> = row.try_get("client_id")?;
        Ok(practitioner
            .map(FeedOwner::Practitioner)
            .or(client.map(FeedOwner::Client)))
    }

    /// The appointments a feed shows, booked and cancelled, that end after `since`, by
    /// start.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn feed_entries(
        &self,
        owner: FeedOwner,
        since: Timestamp,
    ) -> Result<Vec<FeedEntry>, StoreError> {
        let (column, id) = owner.column();
        let sql = format!(
            "SELECT {COLUMNS}, (SELECT c.name FROM clients c WHERE c.id = appointments.client_id) \
             AS client_name FROM appointments WHERE {column} = $1 AND ends_at > $2 \
             ORDER BY starts_at, id"
        );
        let rows = sqlx::query(&sql)
            .bind(id)
            .bind(since.as_second())
            .fetch_all(self.pool())
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(FeedEntry {
                appointment: from_row(row)?,
                client_name: row.try_get("client_name")?,
            });
        }
        Ok(out)
    }
}
