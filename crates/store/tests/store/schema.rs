//! Opening databases and migrating them.

use smp_store::testing::{fresh, fresh_url};
use smp_store::{latest_version, Backend, Store, StoreError};

async fn opening_twice_migrates_once_and_keeps_the_data(backend: Backend) {
    let (url, _dir) = fresh_url(backend).await;
    let first = Store::open(&url).await.expect("first open");
    let id = crate::support::practitioner(&first).await;
    first.close().await;
    let second = Store::open(&url).await.expect("second open");
    assert_eq!(
        second.practitioner(id).await.expect("kept").name,
        "Alex Ink"
    );
    assert!(second.integrity_problems().await.expect("check").is_empty());
    if let Some(dir) = _dir {
        let _ = std::fs::remove_dir_all(dir);
    }
}

async fn the_health_check_answers(backend: Backend) {
    let db = fresh(backend).await;
    db.store.ping().await.expect("the database answers");
    assert_eq!(db.store.backend(), backend);
    assert!(latest_version() >= 1);
}

on_both_databases!(
    opening_twice_migrates_once_and_keeps_the_data,
    the_health_check_answers
);

#[tokio::test]
async fn an_sqlite_file_is_created_with_its_directory_in_wal_mode() {
    let dir = std::env::temp_dir().join(smp_store::testing::unique_name("smp-schema"));
    let path = dir.join("nested").join("smp.db");
    let store = Store::open(&format!("sqlite:{}", path.display()))
        .await
        .expect("opens");
    assert!(path.exists(), "the file was created");
    store.close().await;
    // The WAL mode is written into the file's header (bytes 18 and 19 are 2 in WAL mode).
    let header = std::fs::read(&path).expect("read the file");
    assert_eq!((header[18], header[19]), (2, 2), "the file is in WAL mode");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn an_unknown_database_url_is_refused_by_name() {
    let error = Store::open("mysql://localhost/smp")
        .await
        .expect_err("refused");
    assert!(matches!(error, StoreError::UnsupportedUrl(_)));
    assert_eq!(
        error.to_string(),
        "the database URL must start with sqlite: or postgres:, not \"mysql://localhost/smp\""
    );
}
