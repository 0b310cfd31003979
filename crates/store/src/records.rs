//! Session records: what was done at a session, and what to change at the next.

use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::Store;
use crate::error::StoreError;
use crate::time::instant;

/// What was done at one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecordFields {
    /// The pigment used.
    pub pigment: String,
    /// Its dilution (e.g. `30% black`).
    pub dilution: String,
    /// The needle (e.g. `1RL 0.25 mm`).
    pub needle: String,
    /// The areas worked.
    pub areas: String,
    /// Dots placed (an estimate).
    pub dots: i64,
    /// How long the session took, minutes.
    pub minutes: i64,
    /// Notes.
    pub notes: String,
    /// What to change at the next session.
    pub next_changes: String,
}

/// A stored session record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// Its id.
    pub id: i64,
    /// The appointment it records.
    pub appointment_id: i64,
    /// Whose.
    pub client_id: i64,
    /// What was done.
    pub fields: SessionRecordFields,
    /// Who recorded it.
    pub staff_id: Option<i64>,
    /// When it was last saved.
    pub updated_at: Timestamp,
}

const COLUMNS: &str = "id, appointment_id, client_id, pigment, dilution, needle, areas, dots, \
     minutes, notes, next_changes, staff_id, updated_at";

fn from_row(row: &AnyRow) -> Result<SessionRecord, sqlx::Error> {
    Ok(SessionRecord {
        id: row.try_get("id")?,
        appointment_id: row.try_get("appointment_id")?,
        client_id: row.try_get("client_id")?,
        fields: SessionRecordFields {
            pigment: row.try_get("pigment")?,
            dilution: row.try_get("dilution")?,
            needle: row.try_get("needle")?,
            areas: row.try_get("areas")?,
            dots: row.try_get("dots")?,
            minutes: row.try_get("minutes")?,
            notes: row.try_get("notes")?,
            next_changes: row.try_get("next_changes")?,
        },
        staff_id: row.try_get("staff_id")?,
        updated_at: instant(row, "updated_at")?,
    })
}

impl Store {
    /// Saves the record of an appointment's session, replacing an earlier one.
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] for an unknown appointment or client.
    pub async fn save_session_record(
        &self,
        appointment_id: i64,
        client_id: i64,
        fields: &SessionRecordFields,
        staff_id: Option<i64>,
        at: Timestamp,
    ) -> Result<SessionRecord, StoreError> {
        let sql = format!(
            "INSERT INTO session_records (appointment_id, client_id, pigment, dilution, needle, \
             areas, dots, minutes, notes, next_changes, staff_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) \
             ON CONFLICT (appointment_id) DO UPDATE SET pigment = excluded.pigment, \
             dilution = excluded.dilution, needle = excluded.needle, areas = excluded.areas, \
             dots = excluded.dots, minutes = excluded.minutes, notes = excluded.notes, \
             next_changes = excluded.next_changes, staff_id = excluded.staff_id, \
             updated_at = excluded.updated_at RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(appointment_id)
            .bind(client_id)
            .bind(fields.pigment.as_str())
            .bind(fields.dilution.as_str())
            .bind(fields.needle.as_str())
            .bind(fields.areas.as_str())
            .bind(fields.dots)
            .bind(fields.minutes)
            .bind(fields.notes.as_str())
            .bind(fields.next_changes.as_str())
            .bind(staff_id)
            .bind(at.as_second())
            .fetch_one(self.pool())
            .await
            .map_err(|e| {
                StoreError::from_write(e, "appointment_id", "appointment_id or client_id")
            })?;
        Ok(from_row(&row)?)
    }

    /// The record of an appointment's session, if one was saved.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn session_record(
        &self,
        appointment_id: i64,
    ) -> Result<Option<SessionRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM session_records WHERE appointment_id = $1");
        let row = sqlx::query(&sql)
            .bind(appointment_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.as_ref().map(from_row).transpose()?)
    }

    /// Every session record of a client, by appointment.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn session_records_of_client(
        &self,
        client_id: i64,
    ) -> Result<Vec<SessionRecord>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM session_records WHERE client_id = $1 ORDER BY appointment_id"
        );
        let rows = sqlx::query(&sql)
            .bind(client_id)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }
}
