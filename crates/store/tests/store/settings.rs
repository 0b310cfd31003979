//! What an owner changes: the clinic's settings and policy file, services, days off, and
//! staff accounts switched off and on.

use jiff::civil::date;
use smp_store::testing::fresh;
use smp_store::{
    Backend, ClinicSettings, DayOff, LoginSession, NewStaff, Role, ServiceChange, StoreError,
};

use crate::support::{at, now, practitioner};

fn clinic(currency: &str) -> ClinicSettings {
    ClinicSettings {
        name: "Ink & Dot".to_owned(),
        time_zone: "Europe/Dublin".to_owned(),
        currency: currency.to_owned(),
    }
}

async fn changing_the_clinic_keeps_its_notice_and_policy_and_moves_prices_to_its_currency(
    backend: Backend,
) {
    let db = fresh(backend).await;
    let before_clinic = db.store.set_min_notice_minutes(60).await;
    assert!(matches!(before_clinic, Err(StoreError::NotFound { .. })));
    db.store.set_clinic(&clinic("GBP")).await.expect("set");
    db.store.set_min_notice_minutes(60).await.expect("notice");
    db.store
        .set_policy_file("[gap]\nmin_days = 21\n")
        .await
        .expect("policy");
    db.store.set_clinic(&clinic("EUR")).await.expect("changed");
    assert_eq!(db.store.clinic().await.expect("read"), Some(clinic("EUR")));
    assert_eq!(db.store.min_notice_minutes().await.expect("read"), 60);
    assert_eq!(
        db.store.policy_file().await.expect("read"),
        "[gap]\nmin_days = 21\n"
    );
    let services = db.store.services().await.expect("services");
    assert!(services.iter().all(|s| s.currency == "EUR"), "{services:?}");
}

async fn a_service_changes_its_length_buffers_and_price_but_not_its_code(backend: Backend) {
    let db = fresh(backend).await;
    let change = ServiceChange {
        name: "Full session".to_owned(),
        minutes: 300,
        buffer_before: 10,
        buffer_after: 20,
        price_minor: 90_000,
    };
    let changed = db
        .store
        .update_service("session", &change)
        .await
        .expect("changed");
    assert_eq!(
        (changed.code.as_str(), changed.minutes, changed.price_minor),
        ("session", 300, 90_000)
    );
    assert_eq!(
        db.store.service("session").await.expect("read"),
        Some(changed)
    );
    let error = db
        .store
        .update_service("massage", &change)
        .await
        .expect_err("unknown");
    assert_eq!(error.to_string(), "service \"massage\" does not exist");
}

async fn days_off_are_listed_with_reasons_and_can_be_taken_back(backend: Backend) {
    let db = fresh(backend).await;
    let id = practitioner(&db.store).await;
    for (day, reason) in [
        (date(2025, 12, 24), "Christmas Eve"),
        (date(2025, 12, 1), "training"),
        (date(2025, 11, 3), "past"),
    ] {
        db.store.add_day_off(id, day, reason).await.expect("added");
    }
    let listed = db
        .store
        .days_off_from(id, date(2025, 12, 1), 10)
        .await
        .expect("listed");
    assert_eq!(
        listed,
        [
            DayOff {
                day: date(2025, 12, 1),
                reason: "training".to_owned()
            },
            DayOff {
                day: date(2025, 12, 24),
                reason: "Christmas Eve".to_owned()
            },
        ]
    );
    assert!(db
        .store
        .remove_day_off(id, date(2025, 12, 1))
        .await
        .expect("removed"));
    assert!(!db
        .store
        .remove_day_off(id, date(2025, 12, 1))
        .await
        .expect("no change"));
    let left = db
        .store
        .days_off(id, date(2025, 1, 1), date(2025, 12, 31))
        .await
        .expect("read");
    assert_eq!(left, [date(2025, 11, 3), date(2025, 12, 24)]);
}

async fn a_switched_off_account_loses_its_logins_and_the_last_owner_stays_on(backend: Backend) {
    let db = fresh(backend).await;
    let make = |email: &'static str, role| NewStaff {
        email,
        name: email,
        role,
        password_hash: "$argon2id$fake",
    };
    let owner = db
        .store
        .create_staff(&make("owner@clinic.test", Role::Owner), now())
        .await
        .expect("owner");
    let desk = db
        .store
        .create_staff(&make("desk@clinic.test", Role::FrontDesk), now())
        .await
        .expect("desk");
    let session = LoginSession {
        id_hash: "desk-session".to_owned(),
        staff_id: desk.id,
        csrf_token: "csrf".to_owned(),
        address: "192.0.2.1".to_owned(),
        created_at: now(),
        last_seen_at: now(),
    };
    db.store
        .create_login_session(&session)
        .await
        .expect("logged in");
    let off = db
        .store
        .set_staff_active(desk.id, false, at(5))
        .await
        .expect("off");
    assert_eq!(off.deactivated_at, Some(at(5)));
    let live = db
        .store
        .live_login_session("desk-session", now(), now(), at(6))
        .await
        .expect("read");
    assert!(live.is_none(), "the login outlived the switch-off");
    let on = db
        .store
        .set_staff_active(desk.id, true, at(7))
        .await
        .expect("on");
    assert_eq!(on.deactivated_at, None);

    let error = db
        .store
        .set_staff_active(owner.id, false, at(8))
        .await
        .expect_err("last owner");
    assert!(matches!(error, StoreError::LastOwner), "{error:?}");
    assert_eq!(
        db.store.staff(owner.id).await.expect("read").deactivated_at,
        None
    );
    let listed: Vec<_> = db
        .store
        .all_staff()
        .await
        .expect("listed")
        .into_iter()
        .map(|s| s.role)
        .collect();
    assert_eq!(listed, [Role::Owner, Role::FrontDesk]);
    let missing = db.store.set_staff_active(4242, false, at(9)).await;
    assert!(matches!(missing, Err(StoreError::NotFound { .. })));
}

async fn settings_changed_by_another_process_are_seen_within_the_ttl(backend: Backend) {
    let db = fresh(backend).await;
    db.store.set_clinic(&clinic("GBP")).await.expect("set");
    assert_eq!(
        db.store.clinic().await.expect("read"),
        Some(clinic("GBP")),
        "a write through the store is seen at once"
    );
    let other = smp_store::Store::open(&db.url)
        .await
        .expect("a second process");
    other.set_clinic(&clinic("EUR")).await.expect("changed");
    tokio::time::sleep(smp_store::SETTINGS_TTL + std::time::Duration::from_millis(100)).await;
    assert_eq!(db.store.clinic().await.expect("read"), Some(clinic("EUR")));
    let session = db
        .store
        .service("session")
        .await
        .expect("read")
        .expect("there");
    assert_eq!(session.currency, "EUR");
    other.close().await;
}

on_both_databases!(
    changing_the_clinic_keeps_its_notice_and_policy_and_moves_prices_to_its_currency,
    a_service_changes_its_length_buffers_and_price_but_not_its_code,
    days_off_are_listed_with_reasons_and_can_be_taken_back,
    a_switched_off_account_loses_its_logins_and_the_last_owner_stays_on,
    settings_changed_by_another_process_are_seen_within_the_ttl
);
