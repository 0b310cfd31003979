//! The schema's migrations: numbered SQL scripts, one per backend, applied in order at
//! start, each in its own transaction, and recorded in `schema_migrations`.
//!
//! Several `smp serve` processes may start at once on one PostgreSQL: the first takes an
//! advisory lock and migrates, the others wait for it and find nothing left to do. On
//! SQLite the write lock (`BEGIN IMMEDIATE`) does the same.

use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::{Backend, Store};
use crate::error::StoreError;

/// One migration: its number, its name and its script for each backend.
struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

/// Every migration, oldest first. Never edit one that has shipped: add the next.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "clinic, staff, clients, calendar, audit",
        sqlite: include_str!("../migrations/sqlite/0001_clinic.sql"),
        postgres: include_str!("../migrations/postgres/0001_clinic.sql"),
    },
    Migration {
        version: 2,
        name: "services",
        sqlite: include_str!("../migrations/sqlite/0002_services.sql"),
        postgres: include_str!("../migrations/postgres/0002_services.sql"),
    },
    Migration {
        version: 3,
        name: "working hours, days off, minimum notice",
        sqlite: include_str!("../migrations/sqlite/0003_hours.sql"),
        postgres: include_str!("../migrations/postgres/0003_hours.sql"),
    },
    Migration {
        version: 4,
        name: "courses",
        sqlite: include_str!("../migrations/sqlite/0004_courses.sql"),
        postgres: include_str!("../migrations/postgres/0004_courses.sql"),
    },
    Migration {
        version: 5,
        name: "session records, payments",
        sqlite: include_str!("../migrations/sqlite/0005_records_payments.sql"),
        postgres: include_str!("../migrations/postgres/0005_records_payments.sql"),
    },
    Migration {
        version: 6,
        name: "outbox",
        sqlite: include_str!("../migrations/sqlite/0006_outbox.sql"),
        postgres: include_str!("../migrations/postgres/0006_outbox.sql"),
    },
    Migration {
        version: 7,
        name: "online requests",
        sqlite: include_str!("../migrations/sqlite/0007_online_requests.sql"),
        postgres: include_str!("../migrations/postgres/0007_online_requests.sql"),
    },
    Migration {
        version: 8,
        name: "calendar feeds",
        sqlite: include_str!("../migrations/sqlite/0008_calendar_feeds.sql"),
        postgres: include_str!("../migrations/postgres/0008_calendar_feeds.sql"),
    },
    Migration {
        version: 9,
        name: "client portal",
        sqlite: include_str!("../migrations/sqlite/0009_portal.sql"),
        postgres: include_str!("../migrations/postgres/0009_portal.sql"),
    },
    Migration {
        version: 10,
        name: "client sun exposure",
        sqlite: include_str!("../migrations/sqlite/0010_client_sun.sql"),
        postgres: include_str!("../migrations/postgres/0010_client_sun.sql"),
    },
    Migration {
        version: 11,
        name: "reminder wording",
        sqlite: include_str!("../migrations/sqlite/0011_reminder_wording.sql"),
        postgres: include_str!("../migrations/postgres/0011_reminder_wording.sql"),
    },
    Migration {
        version: 12,
        name: "photos",
        sqlite: include_str!("../migrations/sqlite/0012_photos.sql"),
        postgres: include_str!("../migrations/postgres/0012_photos.sql"),
    },
    Migration {
        version: 13,
        name: "design versions",
        sqlite: include_str!("../migrations/sqlite/0013_design_versions.sql"),
        postgres: include_str!("../migrations/postgres/0013_design_versions.sql"),
    },
];

/// The key of PostgreSQL's advisory lock held while migrating ("smp-migr" in ASCII).
const MIGRATION_LOCK: i64 = 0x736d_702d_6d69_6772;

/// The newest migration this program knows.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Applies every migration the database lacks.
pub(crate) async fn run(store: &Store) -> Result<(), StoreError> {
    let create = "CREATE TABLE IF NOT EXISTS schema_migrations (\
                  version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
    for migration in MIGRATIONS {
        let mut tx = store.begin_write().await?;
        if store.backend() == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(MIGRATION_LOCK)
                .execute(&mut *tx.tx)
                .await?;
        }
        sqlx::query(create).execute(&mut *tx.tx).await?;
        let newest: i64 =
            sqlx::query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")
                .fetch_one(&mut *tx.tx)
                .await
                .and_then(|row: AnyRow| row.try_get("v"))?;
        if newest > latest_version() {
            return Err(StoreError::NewerSchema {
                found: newest,
                known: latest_version(),
            });
        }
        if newest >= migration.version {
            continue;
        }
        let script = match store.backend() {
            Backend::Sqlite => migration.sqlite,
            Backend::Postgres => migration.postgres,
        };
        let failed = |source| StoreError::Migration {
            version: migration.version,
            name: migration.name,
            source,
        };
        sqlx::raw_sql(script)
            .execute(&mut *tx.tx)
            .await
            .map_err(failed)?;
        sqlx::query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        )
        .bind(migration.version)
        .bind(migration.name)
        .bind(jiff::Timestamp::now().as_second())
        .execute(&mut *tx.tx)
        .await
        .map_err(failed)?;
        tx.commit().await.map_err(failed)?;
    }
    Ok(())
}
