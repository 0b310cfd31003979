//! Courses and their sessions, booked together or not at all.

use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::appointments::{Appointment, NewAppointment};
use crate::db::Store;
use crate::error::{StoreError, WRITE_ATTEMPTS};
use crate::outbox::Reminders;
use crate::time::instant;

/// A course to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCourse {
    /// Whose.
    pub client_id: i64,
    /// Who treats.
    pub practitioner_id: i64,
    /// The area's name (`norwood-5`, …).
    pub area: String,
    /// The hairline style's name.
    pub hairline: String,
    /// How many sessions.
    pub sessions: i64,
    /// The client's events the course was planned around, as JSON.
    pub events_json: String,
    /// The plan as the rules wrote it (dates, lengths, purposes, quote, care), as JSON.
    pub plan_json: String,
    /// The quote's total, minor units.
    pub quote_total_minor: i64,
    /// Its currency.
    pub currency: String,
}

/// A stored course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCourse {
    /// Its id.
    pub id: i64,
    /// What was stored.
    pub course: NewCourse,
    /// `active`, `finished` or `cancelled`.
    pub status: String,
    /// When it was made.
    pub created_at: Timestamp,
}

const COLUMNS: &str = "id, client_id, practitioner_id, area, hairline, sessions, events_json, \
     plan_json, quote_total_minor, currency, status, created_at";

fn from_row(row: &AnyRow) -> Result<StoredCourse, sqlx::Error> {
    Ok(StoredCourse {
        id: row.try_get("id")?,
        course: NewCourse {
            client_id: row.try_get("client_id")?,
            practitioner_id: row.try_get("practitioner_id")?,
            area: row.try_get("area")?,
            hairline: row.try_get("hairline")?,
            sessions: row.try_get("sessions")?,
            events_json: row.try_get("events_json")?,
            plan_json: row.try_get("plan_json")?,
            quote_total_minor: row.try_get("quote_total_minor")?,
            currency: row.try_get("currency")?,
        },
        status: row.try_get("status")?,
        created_at: instant(row, "created_at")?,
    })
}

impl Store {
    /// Stores a course and books its sessions in one transaction, with the messages
    /// `reminders` writes for each: when any session overlaps another appointment of the
    /// practitioner, nothing is kept.
    ///
    /// # Errors
    /// [`StoreError::SessionSlotTaken`] naming the session; [`StoreError::MissingReference`]
    /// for an unknown client or practitioner.
    pub async fn create_course(
        &self,
        course: &NewCourse,
        sessions: &[NewAppointment],
        at: Timestamp,
        reminders: &dyn Reminders,
    ) -> Result<(StoredCourse, Vec<Appointment>), StoreError> {
        let mut attempt = 1;
        loop {
            match self
                .create_course_once(course, sessions, at, reminders)
                .await
            {
                Err(e) if e.is_transient() && attempt < WRITE_ATTEMPTS => attempt += 1,
                other => return other,
            }
        }
    }

    /// One try of [`Store::create_course`].
    async fn create_course_once(
        &self,
        course: &NewCourse,
        sessions: &[NewAppointment],
        at: Timestamp,
        reminders: &dyn Reminders,
    ) -> Result<(StoredCourse, Vec<Appointment>), StoreError> {
        let mut tx = self.begin_write().await?;
        crate::appointments::queue_for_calendar(&mut tx.tx, self.backend(), course.practitioner_id)
            .await?;
        let sql = format!(
            "INSERT INTO courses (client_id, practitioner_id, area, hairline, sessions, \
             events_json, plan_json, quote_total_minor, currency, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active', $10, $10) RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(course.client_id)
            .bind(course.practitioner_id)
            .bind(course.area.as_str())
            .bind(course.hairline.as_str())
            .bind(course.sessions)
            .bind(course.events_json.as_str())
            .bind(course.plan_json.as_str())
            .bind(course.quote_total_minor)
            .bind(course.currency.as_str())
            .bind(at.as_second())
            .fetch_one(&mut *tx.tx)
            .await
            .map_err(|e| StoreError::from_write(e, "id", "client_id or practitioner_id"))?;
        let stored = from_row(&row)?;
        let mut booked = Vec::with_capacity(sessions.len());
        for (index, session) in sessions.iter().enumerate() {
            let new = NewAppointment {
                course_id: Some(stored.id),
                ..session.clone()
            };
            let appointment = crate::appointments::insert(&mut tx.tx, &new, at)
                .await
                .map_err(|e| match e {
                    StoreError::SlotTaken => StoreError::SessionSlotTaken {
                        session: session.session_number.unwrap_or(index as i64 + 1),
                    },
                    other => other,
                })?;
            crate::outbox::schedule(&mut tx.tx, &appointment, reminders, at).await?;
            booked.push(appointment);
        }
        tx.commit().await?;
        Ok((stored, booked))
    }

    /// The course with this id.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub async fn course(&self, id: i64) -> Result<StoredCourse, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM courses WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound { what: "course", id })?;
        Ok(from_row(&row)?)
    }

    /// A client's courses, newest first.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn courses_of_client(&self, client_id: i64) -> Result<Vec<StoredCourse>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM courses WHERE client_id = $1 ORDER BY id DESC");
        let rows = sqlx::query(&sql)
            .bind(client_id)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }
}
