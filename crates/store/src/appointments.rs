//! Appointments on a practitioner's calendar, which the database keeps from overlapping.

use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::{Backend, Store};
use crate::error::{StoreError, WRITE_ATTEMPTS};
use crate::outbox::{self, Reminders};
use crate::time::instant;

/// Whether an appointment holds its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppointmentStatus {
    /// It holds its time on the calendar.
    Booked,
    /// Cancelled: kept for the record, its time free again.
    Cancelled,
}

impl AppointmentStatus {
    /// The status as stored: `booked` or `cancelled`.
    pub fn name(self) -> &'static str {
        match self {
            AppointmentStatus::Booked => "booked",
            AppointmentStatus::Cancelled => "cancelled",
        }
    }
}

/// When an appointment is and how long it takes the practitioner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// When the client is seen.
    pub starts_at: Timestamp,
    /// When the client leaves.
    pub ends_at: Timestamp,
    /// When the practitioner's time is taken from (the buffer before included).
    pub busy_from: Timestamp,
    /// When the practitioner's time is free again (the buffer after included).
    pub busy_until: Timestamp,
}

impl Slot {
    /// The same slot (length and buffers) starting at `starts_at` instead.
    pub fn moved_to(self, starts_at: Timestamp) -> Slot {
        let shift = self.starts_at.duration_until(starts_at);
        Slot {
            starts_at,
            ends_at: self.ends_at + shift,
            busy_from: self.busy_from + shift,
            busy_until: self.busy_until + shift,
        }
    }

    /// A slot with buffers of `before` and `after` whole minutes around it.
    pub fn with_buffers(starts_at: Timestamp, ends_at: Timestamp, before: i64, after: i64) -> Slot {
        Slot {
            starts_at,
            ends_at,
            busy_from: starts_at - jiff::SignedDuration::from_mins(before),
            busy_until: ends_at + jiff::SignedDuration::from_mins(after),
        }
    }
}

/// An appointment to book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAppointment {
    /// Whose calendar.
    pub practitioner_id: i64,
    /// The client seen, when known.
    pub client_id: Option<i64>,
    /// The service's code (`consultation`, `session`, `touch_up`, …).
    pub service: String,
    /// The course this is a session of, if any.
    pub course_id: Option<i64>,
    /// Which session of the course (1-based), if any.
    pub session_number: Option<i64>,
    /// When.
    pub slot: Slot,
    /// A note for the calendar.
    pub note: String,
}

/// An appointment as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appointment {
    /// Its id.
    pub id: i64,
    /// What was booked.
    pub booked: NewAppointment,
    /// Booked or cancelled.
    pub status: AppointmentStatus,
    /// When it was made.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
    /// How many times it has changed since it was booked (moved, cancelled): a calendar
    /// feed's `SEQUENCE`.
    pub revision: i64,
}

pub(crate) const COLUMNS: &str =
    "id, practitioner_id, client_id, service, course_id, session_number, \
     starts_at, ends_at, busy_from, busy_until, status, note, created_at, updated_at, revision";

pub(crate) fn from_row(row: &AnyRow) -> Result<Appointment, sqlx::Error> {
    let status: String = row.try_get("status")?;
    Ok(Appointment {
        id: row.try_get("id")?,
        booked: NewAppointment {
            practitioner_id: row.try_get("practitioner_id")?,
            client_id: row.try_get("client_id")?,
            service: row.try_get("service")?,
            course_id: row.try_get("course_id")?,
            session_number: row.try_get("session_number")?,
            slot: Slot {
                starts_at: instant(row, "starts_at")?,
                ends_at: instant(row, "ends_at")?,
                busy_from: instant(row, "busy_from")?,
                busy_until: instant(row, "busy_until")?,
            },
            note: row.try_get("note")?,
        },
        status: if status == "cancelled" {
            AppointmentStatus::Cancelled
        } else {
            AppointmentStatus::Booked
        },
        created_at: instant(row, "created_at")?,
        updated_at: instant(row, "updated_at")?,
        revision: row.try_get("revision")?,
    })
}

/// On PostgreSQL, makes the writers of one practitioner's calendar take turns: two
/// transactions checking the exclusion constraint against each other's new rows can
/// deadlock, and a row lock on the practitioner queues them instead. The constraint still
/// decides; SQLite has one writer at a time already.
pub(crate) async fn queue_for_calendar(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    practitioner_id: i64,
) -> Result<(), StoreError> {
    if backend == Backend::Postgres {
        sqlx::query("SELECT id FROM practitioners WHERE id = $1 FOR NO KEY UPDATE")
            .bind(practitioner_id)
            .fetch_optional(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Inserts a booked appointment inside a write transaction.
pub(crate) async fn insert(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    new: &NewAppointment,
    at: Timestamp,
) -> Result<Appointment, StoreError> {
    let sql = format!(
        "INSERT INTO appointments (practitioner_id, client_id, service, course_id, \
         session_number, starts_at, ends_at, busy_from, busy_until, status, note, \
         created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'booked', $10, $11, $11) \
         RETURNING {COLUMNS}"
    );
    let row = sqlx::query(&sql)
        .bind(new.practitioner_id)
        .bind(new.client_id)
        .bind(new.service.as_str())
        .bind(new.course_id)
        .bind(new.session_number)
        .bind(new.slot.starts_at.as_second())
        .bind(new.slot.ends_at.as_second())
        .bind(new.slot.busy_from.as_second())
        .bind(new.slot.busy_until.as_second())
        .bind(new.note.as_str())
        .bind(at.as_second())
        .fetch_one(&mut **tx)
        .await
        .map_err(|e| StoreError::from_write(e, "id", "practitioner_id or client_id"))?;
    Ok(from_row(&row)?)
}

impl Store {
    /// Books an appointment, with the messages `reminders` writes for it in the same
    /// transaction. The database refuses it when it overlaps another booked appointment of
    /// the same practitioner (buffers included), whatever else is being booked at the same
    /// moment.
    ///
    /// # Errors
    /// [`StoreError::SlotTaken`] on an overlap; [`StoreError::MissingReference`] when the
    /// practitioner or client does not exist.
    pub async fn book(
        &self,
        new: &NewAppointment,
        at: Timestamp,
        reminders: &dyn Reminders,
    ) -> Result<Appointment, StoreError> {
        let mut attempt = 1;
        loop {
            let result = self.book_once(new, at, reminders).await;
            match result {
                Err(e) if e.is_transient() && attempt < WRITE_ATTEMPTS => attempt += 1,
                other => return other,
            }
        }
    }

    /// Moves a booked appointment to another slot, its messages not yet sent withdrawn and
    /// `reminders`' messages for the new time added in the same transaction; refused like
    /// [`Store::book`] when the new slot overlaps another appointment.
    ///
    /// # Errors
    /// [`StoreError::NotFound`], [`StoreError::SlotTaken`].
    pub async fn move_appointment(
        &self,
        id: i64,
        slot: Slot,
        at: Timestamp,
        reminders: &dyn Reminders,
    ) -> Result<Appointment, StoreError> {
        let mut attempt = 1;
        loop {
            let result = self.move_once(id, slot, at, reminders).await;
            match result {
                Err(e) if e.is_transient() && attempt < WRITE_ATTEMPTS => attempt += 1,
                other => return other,
            }
        }
    }

    /// One try of [`Store::book`].
    async fn book_once(
        &self,
        new: &NewAppointment,
        at: Timestamp,
        reminders: &dyn Reminders,
    ) -> Result<Appointment, StoreError> {
        let mut tx = self.begin_write().await?;
        queue_for_calendar(&mut tx.tx, self.backend(), new.practitioner_id).await?;
        let appointment = insert(&mut tx.tx, new, at).await?;
        outbox::schedule(&mut tx.tx, &appointment, reminders, at).await?;
        tx.commit().await?;
        Ok(appointment)
    }

    /// One try of [`Store::move_appointment`].
    async fn move_once(
        &self,
        id: i64,
        slot: Slot,
        at: Timestamp,
        reminders: &dyn Reminders,
    ) -> Result<Appointment, StoreError> {
        let sql = format!(
            "UPDATE appointments SET starts_at = $1, ends_at = $2, busy_from = $3, \
             busy_until = $4, updated_at = $5, revision = revision + 1 WHERE id = $6 \
             RETURNING {COLUMNS}"
        );
        let mut tx = self.begin_write().await?;
        if self.backend() == Backend::Postgres {
            let owner: Option<i64> =
                sqlx::query_scalar("SELECT practitioner_id FROM appointments WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx.tx)
                    .await?;
            if let Some(practitioner_id) = owner {
                queue_for_calendar(&mut tx.tx, self.backend(), practitioner_id).await?;
            }
        }
        let row = sqlx::query(&sql)
            .bind(slot.starts_at.as_second())
            .bind(slot.ends_at.as_second())
            .bind(slot.busy_from.as_second())
            .bind(slot.busy_until.as_second())
            .bind(at.as_second())
            .bind(id)
            .fetch_optional(&mut *tx.tx)
            .await
            .map_err(|e| StoreError::from_write(e, "id", "id"))?
            .ok_or(StoreError::NotFound {
                what: "appointment",
                id,
            })?;
        let appointment = from_row(&row)?;
        outbox::withdraw(&mut tx.tx, id).await?;
        outbox::schedule(&mut tx.tx, &appointment, reminders, at).await?;
        tx.commit().await?;
        Ok(appointment)
    }

    /// Cancels an appointment: it stays on record, its time is free again, and its
    /// messages not yet sent are withdrawn in the same transaction.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub async fn cancel_appointment(
        &self,
        id: i64,
        at: Timestamp,
    ) -> Result<Appointment, StoreError> {
        let sql = format!(
            "UPDATE appointments SET status = 'cancelled', updated_at = $1, \
             revision = revision + 1 WHERE id = $2 \
             RETURNING {COLUMNS}"
        );
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(&sql)
            .bind(at.as_second())
            .bind(id)
            .fetch_optional(&mut *tx.tx)
            .await?
            .ok_or(StoreError::NotFound {
                what: "appointment",
                id,
            })?;
        outbox::withdraw(&mut tx.tx, id).await?;
        tx.commit().await?;
        Ok(from_row(&row)?)
    }

    /// The appointment with this id.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub async fn appointment(&self, id: i64) -> Result<Appointment, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM appointments WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound {
                what: "appointment",
                id,
            })?;
        Ok(from_row(&row)?)
    }

    /// A practitioner's booked appointments whose busy time meets `from..until`, in order.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn booked_between(
        &self,
        practitioner_id: i64,
        from: Timestamp,
        until: Timestamp,
    ) -> Result<Vec<Appointment>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM appointments WHERE practitioner_id = $1 \
             AND status = 'booked' AND busy_from < $3 AND busy_until > $2 \
             ORDER BY busy_from, id"
        );
        let rows = sqlx::query(&sql)
            .bind(practitioner_id)
            .bind(from.as_second())
            .bind(until.as_second())
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }

    /// A course's booked sessions, by session number.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn sessions_of_course(&self, course_id: i64) -> Result<Vec<Appointment>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM appointments WHERE course_id = $1 AND status = 'booked' \
             ORDER BY session_number, starts_at"
        );
        let rows = sqlx::query(&sql)
            .bind(course_id)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }

    /// A client's appointments, booked and cancelled, newest first.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn appointments_of_client(
        &self,
        client_id: i64,
    ) -> Result<Vec<Appointment>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM appointments WHERE client_id = $1 ORDER BY starts_at DESC, id"
        );
        let rows = sqlx::query(&sql)
            .bind(client_id)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }

    /// Every pair of booked appointments of one practitioner that overlap: always empty,
    /// since the database refuses them; tests and checks ask it anyway.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn overlapping_pairs(&self) -> Result<Vec<(i64, i64)>, StoreError> {
        let rows = sqlx::query(
            "SELECT a.id AS first, b.id AS second FROM appointments a \
             JOIN appointments b ON a.practitioner_id = b.practitioner_id AND a.id < b.id \
             WHERE a.status = 'booked' AND b.status = 'booked' \
             AND a.busy_from < b.busy_until AND b.busy_from < a.busy_until",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("first")?, row.try_get("second")?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }
}
