//! Fifty concurrent requests for overlapping slots of one practitioner: exactly one 201,
//! the rest 409, no overlap in the database — repeated twenty times.

use reqwest::{Method, StatusCode};
use serde_json::json;
use smp_store::{Backend, Role};

use crate::support::spawn_app;

const REQUESTS: usize = 50;
const ROUNDS: usize = 20;

async fn fifty_concurrent_bookings_of_one_slot_give_one_201_and_49_409s(backend: Backend) {
    let app = std::sync::Arc::new(spawn_app(backend).await);
    let p = app.practitioner("Alex").await;
    for round in 0..ROUNDS {
        let tasks: Vec<_> = (0..REQUESTS)
            .map(|i| {
                let app = app.clone();
                // All overlap: consultations (45 min + 15 min buffer) a minute apart.
                let starts = jiff::Timestamp::from_second(1_765_184_400 + (round * 86_400 + i * 60) as i64)
                    .expect("an instant");
                tokio::spawn(async move {
                    let body = json!({ "practitioner_id": p, "service": "consultation", "starts_at": starts });
                    app.call(Some(Role::FrontDesk), Method::POST, "/api/v1/appointments", Some(body))
                        .await
                        .status
                })
            })
            .collect();
        let mut statuses = Vec::new();
        for task in tasks {
            statuses.push(task.await.expect("ran"));
        }
        let created = statuses
            .iter()
            .filter(|s| **s == StatusCode::CREATED)
            .count();
        let conflicts = statuses
            .iter()
            .filter(|s| **s == StatusCode::CONFLICT)
            .count();
        assert_eq!(
            (created, conflicts),
            (1, REQUESTS - 1),
            "round {round}: {statuses:?}"
        );
    }
    assert_eq!(app.db.store.overlapping_pairs().await.expect("query"), []);
}

on_both_databases!(fifty_concurrent_bookings_of_one_slot_give_one_201_and_49_409s);
