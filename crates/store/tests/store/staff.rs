//! Staff accounts.

use smp_store::testing::fresh;
use smp_store::{Backend, NewStaff, Role, StoreError};

use crate::support::now;

async fn an_email_is_one_account_whatever_its_case(backend: Backend) {
    let db = fresh(backend).await;
    let new = NewStaff {
        email: "Owner@Clinic.test",
        name: "Olive Owner",
        role: Role::Owner,
        password_hash: "$argon2id$fake",
    };
    let made = db.store.create_staff(&new, now()).await.expect("created");
    assert_eq!(made.email, "owner@clinic.test");
    assert_eq!(made.role, Role::Owner);
    let again = NewStaff {
        email: "OWNER@clinic.test",
        ..new
    };
    let error = db
        .store
        .create_staff(&again, now())
        .await
        .expect_err("duplicate");
    assert!(
        matches!(error, StoreError::Duplicate { field: "email" }),
        "{error:?}"
    );
    let found = db
        .store
        .staff_by_email(" owner@CLINIC.test ")
        .await
        .expect("query");
    assert_eq!(found.map(|s| s.id), Some(made.id));
}

async fn a_missing_staff_member_is_not_found_by_id(backend: Backend) {
    let db = fresh(backend).await;
    let error = db.store.staff(4242).await.expect_err("missing");
    assert_eq!(error.to_string(), "staff member 4242 does not exist");
}

on_both_databases!(
    an_email_is_one_account_whatever_its_case,
    a_missing_staff_member_is_not_found_by_id
);
