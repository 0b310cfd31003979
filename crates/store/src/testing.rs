//! Fresh databases for tests, on both backends (feature `testing`).
//!
//! SQLite: a new file in a new temporary directory. PostgreSQL: a new database on the
//! server that `SMP_TEST_POSTGRES_URL` points at (scripts/test starts a throwaway one);
//! without it the PostgreSQL tests fail and say so, rather than pass without running.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::db::{Backend, Store};

/// The environment variable naming the PostgreSQL server for tests.
pub const POSTGRES_URL_VARIABLE: &str = "SMP_TEST_POSTGRES_URL";

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Runs each named `async fn name(backend: Backend)` of the enclosing module once on
/// SQLite and once on PostgreSQL, as tests `on_sqlite::name` and `on_postgres::name`.
/// The crate using it needs `tokio` (with its `macros` feature) among its dependencies.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::Backend::Sqlite).await
                }
            )*
        }
        mod on_postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::Backend::Postgres).await
                }
            )*
        }
    };
}

/// A fresh, empty, migrated database; an SQLite file's directory is removed on drop.
#[derive(Debug)]
pub struct TestDatabase {
    /// The URL it was opened with (to open it again, or from another process).
    pub url: String,
    /// The open store.
    pub store: Store,
    directory: Option<PathBuf>,
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(dir) = &self.directory {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// A name no other test in any process uses.
pub fn unique_name(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{prefix}_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The URL of a fresh, empty database (not yet migrated) on `backend`.
///
/// # Panics
/// When the PostgreSQL server is not configured or cannot create a database: the test
/// cannot run, and must not pass.
pub async fn fresh_url(backend: Backend) -> (String, Option<PathBuf>) {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(unique_name("smp-test"));
            let url = format!("sqlite:{}", dir.join("smp.db").display());
            (url, Some(dir))
        }
        Backend::Postgres => {
            let admin = std::env::var(POSTGRES_URL_VARIABLE).unwrap_or_else(|_| {
                panic!(
                    "{POSTGRES_URL_VARIABLE} is not set: run scripts/test, which starts a \
                     throwaway PostgreSQL, or point it at a server where tests may create \
                     databases"
                )
            });
            sqlx::any::install_default_drivers();
            let name = unique_name("smp_test");
            let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin)
                .await
                .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {admin}: {e}"));
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
            let base = admin
                .rsplit_once('/')
                .map_or(admin.as_str(), |(base, _)| base);
            (format!("{base}/{name}"), None)
        }
    }
}

/// A fresh, migrated database on `backend`.
///
/// # Panics
/// As [`fresh_url`], and when the store cannot open it.
pub async fn fresh(backend: Backend) -> TestDatabase {
    let (url, directory) = fresh_url(backend).await;
    let store = Store::open_with(&url, 8)
        .await
        .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    TestDatabase {
        url,
        store,
        directory,
    }
}
