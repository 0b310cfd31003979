//! The calendar's rule, kept by the database: no two booked appointments of one
//! practitioner overlap, buffers included.

use smp_store::testing::fresh;
use smp_store::NoReminders;
use smp_store::{AppointmentStatus, Backend, Slot, StoreError};

use crate::support::{appointment, at, now, practitioner};

async fn an_overlapping_booking_is_refused_as_slot_taken(backend: Backend) {
    let db = fresh(backend).await;
    let p = practitioner(&db.store).await;
    db.store
        .book(&appointment(p, 60, 240), now(), &NoReminders)
        .await
        .expect("first");
    for (from, to) in [(60, 240), (0, 61), (239, 300), (100, 120), (0, 600)] {
        let error = db
            .store
            .book(&appointment(p, from, to), now(), &NoReminders)
            .await
            .expect_err("overlaps");
        assert!(
            matches!(error, StoreError::SlotTaken),
            "{from}-{to}: {error:?}"
        );
    }
    assert_eq!(
        db.store
            .booked_between(p, at(0), at(600))
            .await
            .expect("list")
            .len(),
        1
    );
}

async fn back_to_back_appointments_and_other_practitioners_are_fine(backend: Backend) {
    let db = fresh(backend).await;
    let p = practitioner(&db.store).await;
    let q = practitioner(&db.store).await;
    db.store
        .book(&appointment(p, 60, 120), now(), &NoReminders)
        .await
        .expect("first");
    db.store
        .book(&appointment(p, 120, 180), now(), &NoReminders)
        .await
        .expect("right after");
    db.store
        .book(&appointment(p, 0, 60), now(), &NoReminders)
        .await
        .expect("right before");
    db.store
        .book(&appointment(q, 60, 120), now(), &NoReminders)
        .await
        .expect("someone else");
    let mine = db
        .store
        .booked_between(p, at(0), at(180))
        .await
        .expect("list");
    let starts: Vec<_> = mine.iter().map(|a| a.booked.slot.starts_at).collect();
    assert_eq!(starts, [at(0), at(60), at(120)]);
}

async fn buffers_keep_the_practitioner_busy(backend: Backend) {
    let db = fresh(backend).await;
    let p = practitioner(&db.store).await;
    let mut first = appointment(p, 60, 120);
    first.slot = Slot::with_buffers(at(60), at(120), 0, 15);
    db.store
        .book(&first, now(), &NoReminders)
        .await
        .expect("first");
    let error = db
        .store
        .book(&appointment(p, 130, 160), now(), &NoReminders)
        .await
        .expect_err("inside the cleanup buffer");
    assert!(matches!(error, StoreError::SlotTaken));
    db.store
        .book(&appointment(p, 135, 160), now(), &NoReminders)
        .await
        .expect("after the buffer");
}

async fn a_cancelled_appointment_frees_its_time_and_stays_on_record(backend: Backend) {
    let db = fresh(backend).await;
    let p = practitioner(&db.store).await;
    let first = db
        .store
        .book(&appointment(p, 60, 120), now(), &NoReminders)
        .await
        .expect("first");
    let cancelled = db
        .store
        .cancel_appointment(first.id, at(1))
        .await
        .expect("cancel");
    assert_eq!(cancelled.status, AppointmentStatus::Cancelled);
    db.store
        .book(&appointment(p, 60, 120), now(), &NoReminders)
        .await
        .expect("the time is free");
    let kept = db.store.appointment(first.id).await.expect("still there");
    assert_eq!(kept.status, AppointmentStatus::Cancelled);
}

async fn moving_onto_another_appointment_is_refused_and_changes_nothing(backend: Backend) {
    let db = fresh(backend).await;
    let p = practitioner(&db.store).await;
    let first = db
        .store
        .book(&appointment(p, 60, 120), now(), &NoReminders)
        .await
        .expect("first");
    db.store
        .book(&appointment(p, 180, 240), now(), &NoReminders)
        .await
        .expect("second");
    let onto = Slot::with_buffers(at(200), at(260), 0, 0);
    let error = db
        .store
        .move_appointment(first.id, onto, at(1), &NoReminders)
        .await
        .expect_err("overlap");
    assert!(matches!(error, StoreError::SlotTaken));
    let unchanged = db.store.appointment(first.id).await.expect("read");
    assert_eq!(unchanged.booked.slot.starts_at, at(60));
    let later = Slot::with_buffers(at(300), at(360), 0, 0);
    let moved = db
        .store
        .move_appointment(first.id, later, at(2), &NoReminders)
        .await
        .expect("free slot");
    assert_eq!(moved.booked.slot, later);
    // Moving an appointment over its own old time is no conflict with itself.
    let shifted = Slot::with_buffers(at(330), at(390), 0, 0);
    db.store
        .move_appointment(first.id, shifted, at(3), &NoReminders)
        .await
        .expect("overlaps only itself");
}

async fn a_booking_for_an_unknown_practitioner_or_appointment_is_named(backend: Backend) {
    let db = fresh(backend).await;
    let error = db
        .store
        .book(&appointment(999, 0, 60), now(), &NoReminders)
        .await
        .expect_err("no one");
    assert!(
        matches!(
            error,
            StoreError::MissingReference {
                field: "practitioner_id or client_id"
            }
        ),
        "{error:?}"
    );
    let error = db
        .store
        .cancel_appointment(31, now())
        .await
        .expect_err("missing");
    assert_eq!(error.to_string(), "appointment 31 does not exist");
    let slot = Slot::with_buffers(at(0), at(60), 0, 0);
    let error = db
        .store
        .move_appointment(31, slot, now(), &NoReminders)
        .await
        .expect_err("missing");
    assert_eq!(error.to_string(), "appointment 31 does not exist");
}

on_both_databases!(
    an_overlapping_booking_is_refused_as_slot_taken,
    back_to_back_appointments_and_other_practitioners_are_fine,
    buffers_keep_the_practitioner_busy,
    a_cancelled_appointment_frees_its_time_and_stays_on_record,
    moving_onto_another_appointment_is_refused_and_changes_nothing,
    a_booking_for_an_unknown_practitioner_or_appointment_is_named
);
