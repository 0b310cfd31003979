//! The client portal's access: single-use links sent by email and the sessions they open.
//! Only SHA-256 hashes of tokens and secrets are stored.

use jiff::Timestamp;
use sqlx::Row;

use crate::db::Store;
use crate::error::StoreError;

/// A portal session: whose, and the token its forms carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalSession {
    /// The client it shows.
    pub client_id: i64,
    /// The token every form of the portal sends back.
    pub csrf: String,
}

impl Store {
    /// The ids of clients with this email address (any case), oldest first.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn clients_with_email(&self, email: &str) -> Result<Vec<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM clients WHERE lower(email) = lower($1) AND email <> '' ORDER BY id",
        )
        .bind(email.trim())
        .fetch_all(self.pool())
        .await?)
    }

    /// Records a portal link (by its token's hash) for a client, working until
    /// `expires_at`.
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] (`client_id`), [`StoreError::Duplicate`] (`token`).
    pub async fn create_portal_link(
        &self,
        client_id: i64,
        token_hash: &str,
        expires_at: Timestamp,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO portal_links (token_hash, client_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(client_id)
        .bind(at.as_second())
        .bind(expires_at.as_second())
        .execute(self.pool())
        .await
        .map_err(|e| StoreError::from_write(e, "token", "client_id"))?;
        Ok(())
    }

    /// How many portal links were made for a client since `since` (for the rate limit).
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn portal_links_since(
        &self,
        client_id: i64,
        since: Timestamp,
    ) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM portal_links WHERE client_id = $1 AND created_at >= $2",
        )
        .bind(client_id)
        .bind(since.as_second())
        .fetch_one(self.pool())
        .await?)
    }

    /// Uses a portal link: when it exists, is unused and has not expired, marks it used
    /// (in one statement, so two clicks cannot both use it) and returns its client.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn use_portal_link(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<i64>, StoreError> {
        Ok(sqlx::query_scalar(
            "UPDATE portal_links SET used_at = $1 \
             WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING client_id",
        )
        .bind(now.as_second())
        .bind(token_hash)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Whether a portal link (by its token's hash) could still be used now.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn portal_link_usable(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM portal_links \
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now.as_second())
        .fetch_optional(self.pool())
        .await?;
        Ok(found.is_some())
    }

    /// Starts a portal session (by its secret's hash) for a client until `expires_at`.
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] (`client_id`).
    pub async fn create_portal_session(
        &self,
        client_id: i64,
        secret_hash: &str,
        csrf: &str,
        expires_at: Timestamp,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO portal_sessions (secret_hash, client_id, csrf, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(secret_hash)
        .bind(client_id)
        .bind(csrf)
        .bind(at.as_second())
        .bind(expires_at.as_second())
        .execute(self.pool())
        .await
        .map_err(|e| StoreError::from_write(e, "secret", "client_id"))?;
        Ok(())
    }

    /// The live portal session whose secret has this hash.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn portal_session(
        &self,
        secret_hash: &str,
        now: Timestamp,
    ) -> Result<Option<PortalSession>, StoreError> {
        let row = sqlx::query(
            "SELECT client_id, csrf FROM portal_sessions \
             WHERE secret_hash = $1 AND expires_at > $2",
        )
        .bind(secret_hash)
        .bind(now.as_second())
        .fetch_optional(self.pool())
        .await?;
        Ok(match row {
            Some(row) => Some(PortalSession {
                client_id: row.try_get("client_id")?,
                csrf: row.try_get("csrf")?,
            }),
            None => None,
        })
    }

    /// Ends a portal session.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn end_portal_session(&self, secret_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM portal_sessions WHERE secret_hash = $1")
            .bind(secret_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
