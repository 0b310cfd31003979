//! Shared helpers: a macro running each test on both databases, and small fixtures.

use jiff::Timestamp;
use smp_store::{NewAppointment, Slot, Store};

/// A fixed "now" for records: Monday 1 December 2025, 09:00 UTC.
pub fn now() -> Timestamp {
    "2025-12-01T09:00:00Z".parse().expect("a valid instant")
}

/// `minutes` after [`now`].
pub fn at(minutes: i64) -> Timestamp {
    now() + jiff::SignedDuration::from_mins(minutes)
}

/// A practitioner to book with.
pub async fn practitioner(store: &Store) -> i64 {
    store
        .create_practitioner("Alex Ink", "alex@example.test", None, now())
        .await
        .expect("a practitioner")
        .id
}

/// A session appointment from minute `from` to minute `to` after [`now`], no buffers.
pub fn appointment(practitioner_id: i64, from: i64, to: i64) -> NewAppointment {
    NewAppointment {
        practitioner_id,
        client_id: None,
        service: "session".to_owned(),
        course_id: None,
        session_number: None,
        slot: Slot::with_buffers(at(from), at(to), 0, 0),
        note: String::new(),
    }
}
