//! API bearer tokens. Only a hash of each token is stored; the token itself is shown once.

use jiff::Timestamp;

use crate::db::Store;
use crate::error::StoreError;
use crate::staff::Staff;

impl Store {
    /// Records a token (by its hash) for a staff account; returns its id.
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] (`staff_id`) for an unknown account.
    pub async fn create_api_token(
        &self,
        staff_id: i64,
        token_hash: &str,
        label: &str,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO api_tokens (token_hash, staff_id, label, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(token_hash)
        .bind(staff_id)
        .bind(label)
        .bind(at.as_second())
        .fetch_one(self.pool())
        .await
        .map_err(|e| StoreError::from_write(e, "token", "staff_id"))?;
        Ok(id)
    }

    /// The active staff account a token (by its hash) belongs to, when the token exists,
    /// is not revoked and the account is not switched off.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn staff_for_token(&self, token_hash: &str) -> Result<Option<Staff>, StoreError> {
        let row = sqlx::query(
            "SELECT s.id, s.email, s.name, s.role, s.password_hash, s.created_at, \
             s.deactivated_at FROM api_tokens t JOIN staff s ON s.id = t.staff_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND s.deactivated_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.as_ref().map(crate::staff::from_row).transpose()?)
    }
}
