//! The clinic itself: its name, time zone, currency and policy file (one clinic per
//! database).

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
        Ok(self.settings().await?.clinic.clone())
    }

    /// Sets the clinic's settings (its minimum notice and policy file stay as they are).
    /// The services' prices are in the clinic's currency, so they follow it.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn set_clinic(&self, settings: &ClinicSettings) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO clinic (id, name, time_zone, currency) VALUES (1, $1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, \
             time_zone = excluded.time_zone, currency = excluded.currency",
        )
        .bind(settings.name.as_str())
        .bind(settings.time_zone.as_str())
        .bind(settings.currency.as_str())
        .execute(&mut *tx.tx)
        .await?;
        sqlx::query("UPDATE services SET currency = $1")
            .bind(settings.currency.as_str())
            .execute(&mut *tx.tx)
            .await?;
        tx.commit().await?;
        self.settings_cache().forget();
        Ok(())
    }

    /// The clinic's own policy file (TOML over the rules' defaults); empty when it has none.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn policy_file(&self) -> Result<String, StoreError> {
        Ok(self.settings().await?.policy_file.clone())
    }

    /// Keeps the clinic's policy file (the caller has checked it).
    ///
    /// # Errors
    /// [`StoreError::NotFound`] before the clinic's settings exist.
    pub async fn set_policy_file(&self, text: &str) -> Result<(), StoreError> {
        let changed = sqlx::query("UPDATE clinic SET policy_toml = $1 WHERE id = 1")
            .bind(text)
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
}
