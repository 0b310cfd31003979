//! Many bookings at once for overlapping times: the database lets exactly one through.

use smp_store::testing::fresh;
use smp_store::NoReminders;
use smp_store::{Backend, StoreError};

use crate::support::{appointment, practitioner};

/// Concurrent bookings per round.
const REQUESTS: i64 = 50;
/// Rounds, each on a fresh part of the calendar.
const ROUNDS: i64 = 20;

async fn fifty_concurrent_overlapping_bookings_let_exactly_one_through(backend: Backend) {
    let db = fresh(backend).await;
    let p = practitioner(&db.store).await;
    for round in 0..ROUNDS {
        let base = round * 1000;
        let tasks: Vec<_> = (0..REQUESTS)
            .map(|i| {
                let store = db.store.clone();
                // Every request overlaps every other: all cover minute base + 100.
                let wanted = appointment(p, base + i, base + 101 + i);
                tokio::spawn(async move {
                    store
                        .book(&wanted, crate::support::now(), &NoReminders)
                        .await
                })
            })
            .collect();
        let (mut booked, mut taken) = (0, 0);
        for task in tasks {
            match task.await.expect("the task ran") {
                Ok(_) => booked += 1,
                Err(StoreError::SlotTaken) => taken += 1,
                Err(other) => panic!("round {round}: unexpected error {other:?}"),
            }
        }
        assert_eq!((booked, taken), (1, REQUESTS - 1), "round {round}");
    }
    assert_eq!(db.store.overlapping_pairs().await.expect("query"), []);
}

on_both_databases!(fifty_concurrent_overlapping_bookings_let_exactly_one_through);
