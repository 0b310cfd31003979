//! Opening the database: SQLite (a file, the default) or PostgreSQL, behind one pool.

use std::path::Path;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor};

use crate::error::StoreError;
use crate::migrate;

/// Which database is behind a [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file: WAL, `synchronous=FULL`, foreign keys on.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// The default database: an SQLite file beside where `smp` runs.
pub const DEFAULT_DATABASE_URL: &str = "sqlite:smp-data/smp.db";

/// How long an SQLite connection waits for another writer before giving up.
const SQLITE_BUSY_TIMEOUT_MS: u32 = 10_000;

/// The clinic's database: a connection pool and which backend it talks to.
///
/// Cloning is cheap (the pool is shared). Every query smp makes is written once, in SQL
/// that SQLite and PostgreSQL both accept; where they differ (the schema, the no-overlap
/// constraint, locking) the store chooses by [`Backend`].
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer at a time: this process's write transactions take turns on
    /// one connection of their own, queueing in its pool in order instead of sleeping in
    /// SQLite's busy handler, and never waiting behind readers for a connection (other
    /// processes still wait on the file lock). `None` on PostgreSQL.
    writer: Option<AnyPool>,
    /// The clinic's settings and services, kept in memory (shared by clones).
    settings: std::sync::Arc<crate::settings_cache::SettingsCache>,
}

/// A write transaction; on SQLite it holds this process's writer connection until it ends.
pub(crate) struct WriteTransaction {
    /// The transaction.
    pub(crate) tx: sqlx::Transaction<'static, sqlx::Any>,
}

impl WriteTransaction {
    /// Commits.
    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl Store {
    /// Opens the database at `url` and brings its schema up to date.
    ///
    /// `sqlite:PATH` (or `sqlite://PATH`) opens or creates an SQLite file, making its
    /// directory when missing; `postgres://…` (or `postgresql://…`) connects to a server.
    ///
    /// # Errors
    /// [`StoreError::UnsupportedUrl`] for any other scheme, [`StoreError::DataDirectory`]
    /// when the file's directory cannot be made, [`StoreError::Migration`] or
    /// [`StoreError::NewerSchema`] when the schema cannot be brought up to date, and
    /// [`StoreError::Database`] when the database cannot be reached.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        Store::open_with(url, 16).await
    }

    /// [`Store::open`] with a pool of at most `max_connections` connections.
    ///
    /// # Errors
    /// As [`Store::open`].
    pub async fn open_with(url: &str, max_connections: u32) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let store = match backend_of(url) {
            Some(Backend::Sqlite) => open_sqlite(url, max_connections).await?,
            Some(Backend::Postgres) => Store {
                pool: AnyPoolOptions::new()
                    .max_connections(max_connections)
                    .acquire_timeout(Duration::from_secs(30))
                    .connect(url)
                    .await?,
                backend: Backend::Postgres,
                writer: None,
                settings: std::sync::Arc::default(),
            },
            None => return Err(StoreError::UnsupportedUrl(url.to_owned())),
        };
        migrate::run(&store).await?;
        Ok(store)
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The cache of the clinic's settings, for the store's own modules.
    pub(crate) fn settings_cache(&self) -> &crate::settings_cache::SettingsCache {
        &self.settings
    }

    /// The connection pool, for the store's own modules.
    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Begins a transaction that will write. On SQLite it waits for this process's writer
    /// connection, then takes the write lock at once (`BEGIN IMMEDIATE`), so that two
    /// writers queue instead of one failing halfway.
    pub(crate) async fn begin_write(&self) -> Result<WriteTransaction, sqlx::Error> {
        let tx = match &self.writer {
            Some(writer) => writer.begin_with("BEGIN IMMEDIATE").await?,
            None => self.pool.begin().await?,
        };
        Ok(WriteTransaction { tx })
    }

    /// Whether the database answers a query.
    ///
    /// # Errors
    /// [`StoreError::Database`] when it does not.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let _: AnyRow = sqlx::query("SELECT 1").fetch_one(&self.pool).await?;
        Ok(())
    }

    /// Checks the database's own consistency: SQLite's `integrity_check` and its foreign
    /// keys; on PostgreSQL, that the server answers (it checks pages itself). Returns the
    /// problems found, empty when there are none.
    ///
    /// # Errors
    /// [`StoreError::Database`] when the check cannot run.
    pub async fn integrity_problems(&self) -> Result<Vec<String>, StoreError> {
        match self.backend {
            Backend::Sqlite => {
                let mut problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                    .fetch_all(&self.pool)
                    .await?;
                problems.retain(|p| p != "ok");
                let broken: Vec<AnyRow> = sqlx::query("PRAGMA foreign_key_check")
                    .fetch_all(&self.pool)
                    .await?;
                if !broken.is_empty() {
                    problems.push(format!("{} rows break a foreign key", broken.len()));
                }
                Ok(problems)
            }
            Backend::Postgres => {
                self.ping().await?;
                Ok(Vec::new())
            }
        }
    }

    /// Closes every connection (an SQLite file is then checkpointed and consistent).
    pub async fn close(&self) {
        if let Some(writer) = &self.writer {
            writer.close().await;
        }
        self.pool.close().await;
    }
}

/// The backend a URL names, or `None`.
pub fn backend_of(url: &str) -> Option<Backend> {
    if url.starts_with("sqlite:") {
        Some(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Some(Backend::Postgres)
    } else {
        None
    }
}

/// Opens an SQLite file: creates its directory, switches it to WAL once, and sets every
/// connection's pragmas (foreign keys, `synchronous=FULL`, a busy timeout).
async fn open_sqlite(url: &str, max_connections: u32) -> Result<Store, StoreError> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:" {
        if let Some(parent) = Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::DataDirectory {
                path: parent.display().to_string(),
                source,
            })?;
        }
    }
    let mode = if query.contains("mode=") {
        String::new()
    } else if query.is_empty() {
        "?mode=rwc".to_owned()
    } else {
        "&mode=rwc".to_owned()
    };
    let url = format!("sqlite://{rest}{mode}");
    let pool = sqlite_pool(max_connections).connect(&url).await?;
    // WAL is a property of the file: set once, it stays.
    let _: AnyRow = sqlx::query("PRAGMA journal_mode = WAL")
        .fetch_one(&pool)
        .await?;
    // An in-memory database lives in its connection: there the writer shares the pool.
    let writer = if path == ":memory:" {
        pool.clone()
    } else {
        sqlite_pool(1).connect(&url).await?
    };
    Ok(Store {
        pool,
        backend: Backend::Sqlite,
        writer: Some(writer),
        settings: std::sync::Arc::default(),
    })
}

/// A pool of SQLite connections with smp's pragmas (foreign keys, `synchronous=FULL`, a
/// busy timeout).
fn sqlite_pool(max_connections: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                conn.execute(
                    format!(
                        "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; \
                         PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS};"
                    )
                    .as_str(),
                )
                .await?;
                Ok(())
            })
        })
}
