//! Practitioners' weekly working hours and days off.

use jiff::civil::Date;
use sqlx::Row;

use crate::db::Store;
use crate::error::StoreError;

/// One stretch of working time: weekday (1 = Monday … 7 = Sunday) and minutes after local
/// midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoursRow {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: i64,
    /// Start, minutes after midnight.
    pub start_minute: i64,
    /// End, minutes after midnight (after the start).
    pub end_minute: i64,
}

/// A day a practitioner does not work, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayOff {
    /// The day, in the clinic's calendar.
    pub day: Date,
    /// Why (holiday, training, …); may be empty.
    pub reason: String,
}

/// A stored day (`YYYY-MM-DD`).
fn parse_day(text: &str) -> Result<Date, StoreError> {
    text.parse::<Date>().map_err(|e| {
        StoreError::Database(sqlx::Error::ColumnDecode {
            index: "day".to_owned(),
            source: Box::new(e),
        })
    })
}

impl Store {
    /// Replaces a practitioner's weekly hours.
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] for an unknown practitioner; [`StoreError::Duplicate`]
    /// for two stretches starting at the same time of one day.
    pub async fn set_working_hours(
        &self,
        practitioner_id: i64,
        hours: &[HoursRow],
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM working_hours WHERE practitioner_id = $1")
            .bind(practitioner_id)
            .execute(&mut *tx.tx)
            .await?;
        for row in hours {
            sqlx::query(
                "INSERT INTO working_hours (practitioner_id, weekday, start_minute, end_minute) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(practitioner_id)
            .bind(row.weekday)
            .bind(row.start_minute)
            .bind(row.end_minute)
            .execute(&mut *tx.tx)
            .await
            .map_err(|e| StoreError::from_write(e, "hours", "practitioner_id"))?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// A practitioner's weekly hours, by weekday and start.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn working_hours(&self, practitioner_id: i64) -> Result<Vec<HoursRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT weekday, start_minute, end_minute FROM working_hours \
             WHERE practitioner_id = $1 ORDER BY weekday, start_minute",
        )
        .bind(practitioner_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(HoursRow {
                    weekday: row.try_get("weekday")?,
                    start_minute: row.try_get("start_minute")?,
                    end_minute: row.try_get("end_minute")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// Marks a day off (again is no change).
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] for an unknown practitioner.
    pub async fn add_day_off(
        &self,
        practitioner_id: i64,
        day: Date,
        reason: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO days_off (practitioner_id, day, reason) VALUES ($1, $2, $3) \
             ON CONFLICT (practitioner_id, day) DO UPDATE SET reason = excluded.reason",
        )
        .bind(practitioner_id)
        .bind(day.to_string())
        .bind(reason)
        .execute(self.pool())
        .await
        .map_err(|e| StoreError::from_write(e, "day", "practitioner_id"))?;
        Ok(())
    }

    /// Takes a day off back; `false` when it was not a day off.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn remove_day_off(
        &self,
        practitioner_id: i64,
        day: Date,
    ) -> Result<bool, StoreError> {
        let removed = sqlx::query("DELETE FROM days_off WHERE practitioner_id = $1 AND day = $2")
            .bind(practitioner_id)
            .bind(day.to_string())
            .execute(self.pool())
            .await?
            .rows_affected();
        Ok(removed > 0)
    }

    /// A practitioner's days off from `from` on, with their reasons, by day (at most `limit`).
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn days_off_from(
        &self,
        practitioner_id: i64,
        from: Date,
        limit: i64,
    ) -> Result<Vec<DayOff>, StoreError> {
        let rows = sqlx::query(
            "SELECT day, reason FROM days_off WHERE practitioner_id = $1 AND day >= $2 \
             ORDER BY day LIMIT $3",
        )
        .bind(practitioner_id)
        .bind(from.to_string())
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let day: String = row.try_get("day")?;
                Ok(DayOff {
                    day: parse_day(&day)?,
                    reason: row.try_get("reason")?,
                })
            })
            .collect()
    }

    /// A practitioner's days off from `from` to `to`, both included.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn days_off(
        &self,
        practitioner_id: i64,
        from: Date,
        to: Date,
    ) -> Result<Vec<Date>, StoreError> {
        let days: Vec<String> = sqlx::query_scalar(
            "SELECT day FROM days_off WHERE practitioner_id = $1 AND day >= $2 AND day <= $3 \
             ORDER BY day",
        )
        .bind(practitioner_id)
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(self.pool())
        .await?;
        days.iter().map(|d| parse_day(d)).collect()
    }

    /// Sets the clinic's minimum notice for a booking, minutes.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] before the clinic's settings exist.
    pub async fn set_min_notice_minutes(&self, minutes: i64) -> Result<(), StoreError> {
        let changed = sqlx::query("UPDATE clinic SET min_notice_minutes = $1 WHERE id = 1")
            .bind(minutes)
            .execute(self.pool())
            .await?
            .rows_affected();
        self.settings_cache().forget();
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: "clinic",
                id: 1,
            });
        }
        Ok(())
    }

    /// The clinic's minimum notice for a booking, minutes (120 until set).
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn min_notice_minutes(&self) -> Result<i64, StoreError> {
        Ok(self.settings().await?.min_notice_minutes)
    }
}
