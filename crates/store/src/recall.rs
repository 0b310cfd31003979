//! Who may be recalled for a touch-up: every client whose course sessions are all behind
//! them, with the day of their last one.

use jiff::Timestamp;
use sqlx::Row;

use crate::clients::{sun_exposure, SunExposure};
use crate::db::Store;
use crate::error::StoreError;
use crate::time::instant;

/// A client whose last course session is over and who has none booked ahead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecallCandidate {
    /// The client.
    pub client_id: i64,
    /// Their name.
    pub name: String,
    /// Their email address (may be empty).
    pub email: String,
    /// When their last course session started.
    pub last_session: Timestamp,
    /// How much sun their scalp gets, when recorded.
    pub sun_exposure: Option<SunExposure>,
}

impl Store {
    /// Clients whose last course session (not cancelled) ended before `now` and who have
    /// no course session booked after it, longest ago first.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn recall_candidates(
        &self,
        now: Timestamp,
    ) -> Result<Vec<RecallCandidate>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.id, c.name, c.email, c.sun_exposure, MAX(a.starts_at) AS last_session \
             FROM clients c JOIN appointments a ON a.client_id = c.id \
             WHERE a.course_id IS NOT NULL AND a.status = 'booked' AND a.ends_at <= $1 \
             AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.client_id = c.id \
                             AND b.course_id IS NOT NULL AND b.status = 'booked' \
                             AND b.ends_at > $1) \
             GROUP BY c.id, c.name, c.email, c.sun_exposure ORDER BY last_session, c.id",
        )
        .bind(now.as_second())
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(RecallCandidate {
                client_id: row.try_get("id")?,
                name: row.try_get("name")?,
                email: row.try_get("email")?,
                last_session: instant(row, "last_session")?,
                sun_exposure: sun_exposure(row, "sun_exposure")?,
            });
        }
        Ok(out)
    }
}
