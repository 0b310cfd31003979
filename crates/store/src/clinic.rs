//! The clinic itself: its name, time zone and currency (one clinic per database).

use sqlx::Row;

use crate::db::Store;
use crate::error::StoreError;

/// The clinic's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClinicSettings {
    /// The name on pages, invoices and emails.
    pub name: String,
    /// IANA time zone of the clinic (`Europe/London`): hours, dates and care rules are in it.
    pub time_zone: String,
    /// ISO 4217 currency of prices and payments.
    pub currency: String,
}

impl Store {
    /// The clinic's settings, when they have been set.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn clinic(&self) -> Result<Option<ClinicSettings>, StoreError> {
        let row = sqlx::query("SELECT name, time_zone, currency FROM clinic WHERE id = 1")
            .fetch_optional(self.pool())
            .await?;
        row.map(|row| {
            Ok(ClinicSettings {
                name: row.try_get("name")?,
                time_zone: row.try_get("time_zone")?,
                currency: row.try_get("currency")?,
            })
        })
        .transpose()
        .map_err(|e: sqlx::Error| StoreError::Database(e))
    }

    /// Sets the clinic's settings, replacing any.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn set_clinic(&self, settings: &ClinicSettings) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM clinic")
            .execute(&mut *tx.tx)
            .await?;
        sqlx::query("INSERT INTO clinic (id, name, time_zone, currency) VALUES (1, $1, $2, $3)")
            .bind(settings.name.as_str())
            .bind(settings.time_zone.as_str())
            .bind(settings.currency.as_str())
            .execute(&mut *tx.tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
