//! Staff login sessions (by a hash of the cookie's secret) and login attempts (for rate
//! limits).

use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::Store;
use crate::error::StoreError;
use crate::staff::Staff;
use crate::time::instant;

/// A login session as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginSession {
    /// The hash of the cookie's secret.
    pub id_hash: String,
    /// Who is logged in.
    pub staff_id: i64,
    /// The token every state-changing form of this session carries.
    pub csrf_token: String,
    /// The address the login came from.
    pub address: String,
    /// When the login happened (for the absolute timeout).
    pub created_at: Timestamp,
    /// The last request (for the idle timeout).
    pub last_seen_at: Timestamp,
}

fn from_row(row: &AnyRow) -> Result<LoginSession, sqlx::Error> {
    Ok(LoginSession {
        id_hash: row.try_get("id_hash")?,
        staff_id: row.try_get("staff_id")?,
        csrf_token: row.try_get("csrf_token")?,
        address: row.try_get("address")?,
        created_at: instant(row, "created_at")?,
        last_seen_at: instant(row, "last_seen_at")?,
    })
}

impl Store {
    /// Records a new login session.
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] for an unknown account.
    pub async fn create_login_session(&self, session: &LoginSession) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO login_sessions (id_hash, staff_id, csrf_token, address, created_at, \
             last_seen_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(session.id_hash.as_str())
        .bind(session.staff_id)
        .bind(session.csrf_token.as_str())
        .bind(session.address.as_str())
        .bind(session.created_at.as_second())
        .bind(session.last_seen_at.as_second())
        .execute(self.pool())
        .await
        .map_err(|e| StoreError::from_write(e, "session", "staff_id"))?;
        Ok(())
    }

    /// The session with this hash and its active account, when the session was created
    /// after `created_after` and last seen after `seen_after` (the absolute and idle
    /// timeouts); its last-seen time becomes `now`. An expired session is deleted.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn live_login_session(
        &self,
        id_hash: &str,
        created_after: Timestamp,
        seen_after: Timestamp,
        now: Timestamp,
    ) -> Result<Option<(LoginSession, Staff)>, StoreError> {
        let row = sqlx::query(
            "SELECT id_hash, staff_id, csrf_token, address, created_at, last_seen_at \
             FROM login_sessions WHERE id_hash = $1",
        )
        .bind(id_hash)
        .fetch_optional(self.pool())
        .await?;
        let Some(session) = row.as_ref().map(from_row).transpose()? else {
            return Ok(None);
        };
        if session.created_at <= created_after || session.last_seen_at <= seen_after {
            self.delete_login_session(id_hash).await?;
            return Ok(None);
        }
        let staff = self.staff(session.staff_id).await?;
        if staff.deactivated_at.is_some() {
            return Ok(None);
        }
        sqlx::query("UPDATE login_sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now.as_second())
            .bind(id_hash)
            .execute(self.pool())
            .await?;
        Ok(Some((session, staff)))
    }

    /// Ends a session (logout).
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn delete_login_session(&self, id_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Records a login attempt for an email (lower-cased) from an address.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn record_login_attempt(
        &self,
        email: &str,
        address: &str,
        succeeded: bool,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO login_attempts (email, address, at, succeeded) VALUES ($1, $2, $3, $4)",
        )
        .bind(email.trim().to_lowercase())
        .bind(address)
        .bind(at.as_second())
        .bind(i64::from(succeeded))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Failed login attempts since `since`: for this email, and from this address.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn failed_logins_since(
        &self,
        email: &str,
        address: &str,
        since: Timestamp,
    ) -> Result<(i64, i64), StoreError> {
        let count = |column: &'static str, value: String| {
            let sql = format!(
                "SELECT COUNT(*) FROM login_attempts WHERE {column} = $1 AND at > $2 \
                 AND succeeded = 0"
            );
            async move {
                sqlx::query_scalar::<_, i64>(&sql)
                    .bind(value)
                    .bind(since.as_second())
                    .fetch_one(self.pool())
                    .await
            }
        };
        let by_email = count("email", email.trim().to_lowercase()).await?;
        let by_address = count("address", address.to_owned()).await?;
        Ok((by_email, by_address))
    }
}
