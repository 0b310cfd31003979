//! The audit log only grows.

use smp_store::testing::fresh;
use smp_store::{AuditEntry, Backend};

use crate::support::{at, now};

fn entry(action: &str) -> AuditEntry {
    AuditEntry {
        staff_id: None,
        actor: "owner@clinic.test".to_owned(),
        action: action.to_owned(),
        subject: "screening".to_owned(),
        subject_id: Some(7),
        detail: String::new(),
        address: "192.0.2.10".to_owned(),
    }
}

async fn entries_come_back_newest_first(backend: Backend) {
    let db = fresh(backend).await;
    db.store
        .audit(&entry("login"), now())
        .await
        .expect("written");
    db.store
        .audit(&entry("read"), at(1))
        .await
        .expect("written");
    let log = db.store.audit_log(10).await.expect("read");
    let actions: Vec<_> = log.iter().map(|r| r.entry.action.as_str()).collect();
    assert_eq!(actions, ["read", "login"]);
    assert_eq!(log[0].entry, entry("read"));
    assert_eq!(log[0].at, at(1));
}

async fn the_database_refuses_to_change_or_delete_an_entry(backend: Backend) {
    let db = fresh(backend).await;
    db.store
        .audit(&entry("read"), now())
        .await
        .expect("written");
    // Straight to the database, past the store: the triggers are what refuse.
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&db.url)
        .await
        .expect("connect");
    for sql in [
        "UPDATE audit_log SET detail = 'rewritten'",
        "DELETE FROM audit_log",
    ] {
        let error = sqlx::query(sql).execute(&mut conn).await.expect_err(sql);
        assert!(error.to_string().contains("append_only"), "{sql}: {error}");
    }
    assert_eq!(db.store.audit_log(10).await.expect("read").len(), 1);
}

on_both_databases!(
    entries_come_back_newest_first,
    the_database_refuses_to_change_or_delete_an_entry
);
