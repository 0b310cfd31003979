//! The clinic's settings and services, read on nearly every request and changed rarely,
//! kept in memory: a write through this store forgets them at once; a write by another
//! process sharing the database is seen within [`SETTINGS_TTL`].

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use sqlx::Row;

use crate::clinic::ClinicSettings;
use crate::db::Store;
use crate::error::StoreError;
use crate::services::Service;

/// How long settings read from the database are trusted before they are read again.
pub const SETTINGS_TTL: Duration = Duration::from_secs(2);

/// The minimum notice before the clinic's settings exist (the schema's default).
const DEFAULT_NOTICE_MINUTES: i64 = 120;

/// The settings as last read.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// The clinic's row, when it has been set.
    pub(crate) clinic: Option<ClinicSettings>,
    /// Minimum notice for a booking, minutes.
    pub(crate) min_notice_minutes: i64,
    /// The clinic's policy file (empty: none).
    pub(crate) policy_file: String,
    /// Every service, by kind and code.
    pub(crate) services: Vec<Service>,
}

/// The shared cache of [`Settings`].
#[derive(Debug, Default)]
pub(crate) struct SettingsCache {
    held: RwLock<Option<(Instant, Arc<Settings>)>>,
}

impl SettingsCache {
    /// Forgets what is held, so that the next read goes to the database.
    pub(crate) fn forget(&self) {
        if let Ok(mut held) = self.held.write() {
            *held = None;
        }
    }

    fn fresh(&self) -> Option<Arc<Settings>> {
        let held = self.held.read().ok()?;
        let (read_at, settings) = held.as_ref()?;
        (read_at.elapsed() < SETTINGS_TTL).then(|| settings.clone())
    }

    fn keep(&self, settings: Arc<Settings>) {
        if let Ok(mut held) = self.held.write() {
            *held = Some((Instant::now(), settings));
        }
    }
}

impl Store {
    /// The clinic's settings and services, from memory when fresh.
    pub(crate) async fn settings(&self) -> Result<Arc<Settings>, StoreError> {
        if let Some(settings) = self.settings_cache().fresh() {
            return Ok(settings);
        }
        let row = sqlx::query(
            "SELECT name, time_zone, currency, min_notice_minutes, policy_toml FROM clinic \
             WHERE id = 1",
        )
        .fetch_optional(self.pool())
        .await?;
        let services = self.read_services().await?;
        let settings = Arc::new(match row {
            Some(row) => Settings {
                clinic: Some(ClinicSettings {
                    name: row.try_get("name")?,
                    time_zone: row.try_get("time_zone")?,
                    currency: row.try_get("currency")?,
                }),
                min_notice_minutes: row.try_get("min_notice_minutes")?,
                policy_file: row.try_get("policy_toml")?,
                services,
            },
            None => Settings {
                clinic: None,
                min_notice_minutes: DEFAULT_NOTICE_MINUTES,
                policy_file: String::new(),
                services,
            },
        });
        self.settings_cache().keep(settings.clone());
        Ok(settings)
    }
}
