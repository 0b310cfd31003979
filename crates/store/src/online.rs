//! Requests from the public booking page: counted for the rate limits, and the links (by
//! the hash of their token) with which a client reschedules or cancels what they booked.

use jiff::Timestamp;

use crate::db::Store;
use crate::error::StoreError;

/// What became of a request made on the public booking page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnlineOutcome {
    /// A consultation was booked.
    Booked,
    /// The screening said the client is not a candidate: nothing was booked.
    Declined,
    /// The screening asked the client to wait: nothing was booked yet.
    Deferred,
    /// The request was refused before screening (the time was taken meanwhile).
    Refused,
}

impl OnlineOutcome {
    /// The stored name.
    pub fn name(self) -> &'static str {
        match self {
            OnlineOutcome::Booked => "booked",
            OnlineOutcome::Declined => "declined",
            OnlineOutcome::Deferred => "deferred",
            OnlineOutcome::Refused => "refused",
        }
    }
}

/// One request, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnlineRequest {
    /// The email address given (lower case).
    pub email: String,
    /// The network address it came from.
    pub address: String,
    /// What became of it.
    pub outcome: OnlineOutcome,
    /// The appointment booked, if any.
    pub appointment_id: Option<i64>,
    /// SHA-256 (hex) of the token of the link that manages the appointment.
    pub token_hash: Option<String>,
    /// When that link stops working.
    pub expires_at: Option<Timestamp>,
}

impl Store {
    /// Records a request from the public booking page; returns its id.
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] (`appointment_id`); [`StoreError::Duplicate`]
    /// (`token`) when the token is already in use.
    pub async fn record_online_request(
        &self,
        request: &OnlineRequest,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO online_requests (email, address, outcome, appointment_id, token_hash, \
             expires_at, at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(request.email.as_str())
        .bind(request.address.as_str())
        .bind(request.outcome.name())
        .bind(request.appointment_id)
        .bind(request.token_hash.as_deref())
        .bind(request.expires_at.map(Timestamp::as_second))
        .bind(at.as_second())
        .fetch_one(self.pool())
        .await
        .map_err(|e| StoreError::from_write(e, "token", "appointment_id"))?;
        Ok(id)
    }

    /// How many requests came for this email address since `since`.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn online_requests_by_email(
        &self,
        email: &str,
        since: Timestamp,
    ) -> Result<i64, StoreError> {
        self.count_online_requests("email", email, since).await
    }

    /// How many requests came from this network address since `since`.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn online_requests_by_address(
        &self,
        address: &str,
        since: Timestamp,
    ) -> Result<i64, StoreError> {
        self.count_online_requests("address", address, since).await
    }

    async fn count_online_requests(
        &self,
        column: &'static str,
        value: &str,
        since: Timestamp,
    ) -> Result<i64, StoreError> {
        let sql = format!("SELECT COUNT(*) FROM online_requests WHERE {column} = $1 AND at > $2");
        Ok(sqlx::query_scalar(&sql)
            .bind(value)
            .bind(since.as_second())
            .fetch_one(self.pool())
            .await?)
    }

    /// The appointment a manage link's token (by its hash) opens, when the link exists and
    /// has not expired at `now`.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn appointment_for_link(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<i64>, StoreError> {
        let found: Option<Option<i64>> = sqlx::query_scalar(
            "SELECT appointment_id FROM online_requests WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now.as_second())
        .fetch_optional(self.pool())
        .await?;
        Ok(found.flatten())
    }

    /// Moves the expiry of a manage link (by its token's hash), as when its appointment
    /// moves.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn set_link_expiry(
        &self,
        token_hash: &str,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE online_requests SET expires_at = $1 WHERE token_hash = $2")
            .bind(expires_at.as_second())
            .bind(token_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Deletes a client and everything held about them (screenings, appointments,
    /// messages: the database cascades), as when an online booking could not be made.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub async fn delete_client(&self, id: i64) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let deleted = sqlx::query("DELETE FROM clients WHERE id = $1")
            .bind(id)
            .execute(&mut *tx.tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        if deleted == 0 {
            return Err(StoreError::NotFound { what: "client", id });
        }
        Ok(())
    }
}
