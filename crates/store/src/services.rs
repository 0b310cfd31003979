//! Services: what can be booked, how long it takes and what it costs.

use sqlx::any::AnyRow;
use sqlx::Row;

use crate::appointments::Slot;
use crate::db::Store;
use crate::error::StoreError;

/// A bookable service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// Its code, used in bookings (`consultation`, `session`, …).
    pub code: String,
    /// Its name for people.
    pub name: String,
    /// `consultation`, `session` or `touch_up`.
    pub kind: String,
    /// `in_person` or `video`.
    pub mode: String,
    /// How long the client is seen, minutes.
    pub minutes: i64,
    /// Minutes the practitioner is taken before (preparation).
    pub buffer_before: i64,
    /// Minutes the practitioner is taken after (cleaning, notes).
    pub buffer_after: i64,
    /// Price in minor units of `currency`.
    pub price_minor: i64,
    /// ISO 4217 code.
    pub currency: String,
}

impl Service {
    /// The slot this service takes when it starts at `starts_at`: its minutes, with its
    /// buffers around them.
    pub fn slot_at(&self, starts_at: jiff::Timestamp) -> Slot {
        let ends_at = starts_at + jiff::SignedDuration::from_mins(self.minutes);
        Slot::with_buffers(starts_at, ends_at, self.buffer_before, self.buffer_after)
    }
}

/// What an owner may change of a service: its name, length, buffers and price (its code,
/// kind and mode stay, since bookings and rules refer to them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceChange {
    /// Its name for people.
    pub name: String,
    /// How long the client is seen, minutes.
    pub minutes: i64,
    /// Minutes the practitioner is taken before.
    pub buffer_before: i64,
    /// Minutes the practitioner is taken after.
    pub buffer_after: i64,
    /// Price in minor units of the clinic's currency.
    pub price_minor: i64,
}

const COLUMNS: &str =
    "code, name, kind, mode, minutes, buffer_before, buffer_after, price_minor, currency";

fn from_row(row: &AnyRow) -> Result<Service, sqlx::Error> {
    Ok(Service {
        code: row.try_get("code")?,
        name: row.try_get("name")?,
        kind: row.try_get("kind")?,
        mode: row.try_get("mode")?,
        minutes: row.try_get("minutes")?,
        buffer_before: row.try_get("buffer_before")?,
        buffer_after: row.try_get("buffer_after")?,
        price_minor: row.try_get("price_minor")?,
        currency: row.try_get("currency")?,
    })
}

impl Store {
    /// Every service, by kind and code.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn services(&self) -> Result<Vec<Service>, StoreError> {
        Ok(self.settings().await?.services.clone())
    }

    /// Every service, by kind and code, from the database.
    pub(crate) async fn read_services(&self) -> Result<Vec<Service>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM services ORDER BY kind, code");
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }

    /// The service with this code, if there is one.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn service(&self, code: &str) -> Result<Option<Service>, StoreError> {
        let settings = self.settings().await?;
        Ok(settings.services.iter().find(|s| s.code == code).cloned())
    }

    /// Changes a service; appointments already booked keep their times.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown code.
    pub async fn update_service(
        &self,
        code: &str,
        change: &ServiceChange,
    ) -> Result<Service, StoreError> {
        let sql = format!(
            "UPDATE services SET name = $1, minutes = $2, buffer_before = $3, \
             buffer_after = $4, price_minor = $5 WHERE code = $6 RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(change.name.as_str())
            .bind(change.minutes)
            .bind(change.buffer_before)
            .bind(change.buffer_after)
            .bind(change.price_minor)
            .bind(code)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::NotFoundCode {
                what: "service",
                code: code.to_owned(),
            })?;
        self.settings_cache().forget();
        Ok(from_row(&row)?)
    }
}
