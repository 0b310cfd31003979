//! The outbox: an appointment's messages are written, moved and withdrawn in the same
//! transaction as the appointment, and nothing of a refused booking is kept.

use jiff::{SignedDuration, Timestamp};
use smp_store::testing::fresh;
use smp_store::{
    Appointment, Backend, ClientFields, NewCourse, NewMessage, NoReminders, Reminders, Store,
};

use crate::support::{appointment, at, now, practitioner};

/// Two messages: the day before the appointment and an hour after it ends.
struct AroundIt;

impl Reminders for AroundIt {
    fn messages(&self, appointment: &Appointment) -> Vec<NewMessage> {
        let slot = appointment.booked.slot;
        let message = |key: &str, due_at: Timestamp| NewMessage {
            key: key.to_owned(),
            to_address: "sam@example.test".to_owned(),
            subject: format!("{key} subject"),
            text: format!("{key} text"),
            html: format!("<p>{key}</p>"),
            due_at,
        };
        vec![
            message(
                "day-before",
                slot.starts_at - SignedDuration::from_hours(24),
            ),
            message("after", slot.ends_at + SignedDuration::from_hours(1)),
        ]
    }
}

async fn client(store: &Store) -> i64 {
    let fields = ClientFields {
        name: "Sam Carter".to_owned(),
        email: "sam@example.test".to_owned(),
        phone: String::new(),
        date_of_birth: None,
        notes: String::new(),
        health_consent_on: None,
        practitioner_id: None,
        sun_exposure: None,
    };
    store
        .create_client(&fields, now())
        .await
        .expect("a client")
        .id
}

fn statuses(messages: &[smp_store::OutboxMessage]) -> Vec<(String, String, Timestamp)> {
    messages
        .iter()
        .map(|m| (m.message.key.clone(), m.status.clone(), m.message.due_at))
        .collect()
}

async fn booking_moving_and_cancelling_carry_their_messages(backend: Backend) {
    let db = fresh(backend).await;
    let p = practitioner(&db.store).await;
    let c = client(&db.store).await;
    // Two days ahead: both messages are still to come.
    let mut new = appointment(p, 2 * 24 * 60, 2 * 24 * 60 + 240);
    new.client_id = Some(c);
    let booked = db.store.book(&new, now(), &AroundIt).await.expect("booked");
    let messages = db
        .store
        .messages_of_appointment(booked.id)
        .await
        .expect("read");
    assert_eq!(
        statuses(&messages),
        [
            ("day-before".to_owned(), "pending".to_owned(), at(24 * 60)),
            (
                "after".to_owned(),
                "pending".to_owned(),
                at(2 * 24 * 60 + 300)
            ),
        ]
    );
    assert_eq!(messages[0].client_id, Some(c));
    assert_eq!(db.store.messages_of_client(c).await.expect("read").len(), 2);

    // Moved three days later: the old ones are withdrawn, new ones come with the new time.
    let later = booked.booked.slot.moved_to(at(5 * 24 * 60));
    db.store
        .move_appointment(booked.id, later, at(1), &AroundIt)
        .await
        .expect("moved");
    let messages = db
        .store
        .messages_of_appointment(booked.id)
        .await
        .expect("read");
    assert_eq!(
        statuses(&messages),
        [
            ("day-before".to_owned(), "cancelled".to_owned(), at(24 * 60)),
            (
                "after".to_owned(),
                "cancelled".to_owned(),
                at(2 * 24 * 60 + 300)
            ),
            (
                "day-before".to_owned(),
                "pending".to_owned(),
                at(4 * 24 * 60)
            ),
            (
                "after".to_owned(),
                "pending".to_owned(),
                at(5 * 24 * 60 + 300)
            ),
        ]
    );

    db.store
        .cancel_appointment(booked.id, at(2))
        .await
        .expect("cancelled");
    let messages = db
        .store
        .messages_of_appointment(booked.id)
        .await
        .expect("read");
    assert!(
        messages.iter().all(|m| m.status == "cancelled"),
        "{messages:?}"
    );
}

async fn a_message_already_due_is_left_out_and_a_refused_booking_keeps_none(backend: Backend) {
    let db = fresh(backend).await;
    let p = practitioner(&db.store).await;
    let c = client(&db.store).await;
    // Booked for three hours from now: its day-before message is already past.
    let mut soon = appointment(p, 180, 420);
    soon.client_id = Some(c);
    let booked = db
        .store
        .book(&soon, now(), &AroundIt)
        .await
        .expect("booked");
    let keys: Vec<String> = db
        .store
        .messages_of_appointment(booked.id)
        .await
        .expect("read")
        .into_iter()
        .map(|m| m.message.key)
        .collect();
    assert_eq!(keys, ["after"]);

    let mut clash = appointment(p, 200, 300);
    clash.client_id = Some(c);
    db.store
        .book(&clash, now(), &AroundIt)
        .await
        .expect_err("overlaps");
    assert_eq!(db.store.messages_of_client(c).await.expect("read").len(), 1);

    // A course whose second session overlaps: no course, no sessions, no messages.
    let course = NewCourse {
        client_id: c,
        practitioner_id: p,
        area: "norwood-5".to_owned(),
        hairline: "modern".to_owned(),
        sessions: 2,
        events_json: "[]".to_owned(),
        plan_json: "{}".to_owned(),
        quote_total_minor: 0,
        currency: "GBP".to_owned(),
    };
    let mut first = appointment(p, 3 * 24 * 60, 3 * 24 * 60 + 240);
    first.client_id = Some(c);
    let mut second = appointment(p, 240, 400);
    second.client_id = Some(c);
    db.store
        .create_course(&course, &[first, second], now(), &AroundIt)
        .await
        .expect_err("session 2 overlaps");
    assert_eq!(db.store.messages_of_client(c).await.expect("read").len(), 1);
    let quiet = appointment(p, 600, 700);
    let without = db
        .store
        .book(&quiet, now(), &NoReminders)
        .await
        .expect("booked");
    assert!(db
        .store
        .messages_of_appointment(without.id)
        .await
        .expect("read")
        .is_empty());
}

async fn workers_claim_each_message_once_and_an_abandoned_send_is_in_doubt(backend: Backend) {
    let db = fresh(backend).await;
    let c = client(&db.store).await;
    for n in 0..40 {
        let message = NewMessage {
            key: format!("note-{n}"),
            to_address: "sam@example.test".to_owned(),
            subject: format!("Note {n}"),
            text: "text".to_owned(),
            html: "<p>html</p>".to_owned(),
            due_at: at(if n < 30 { n } else { 600 }),
        };
        db.store
            .enqueue(Some(c), &message, now())
            .await
            .expect("queued");
    }
    // Four workers claim at once, an hour on: the 30 due messages, each once.
    let claims = (0..4).map(|w| {
        let store = db.store.clone();
        async move {
            let name = format!("worker-{w}");
            let claimed = store
                .claim_due(&name, at(60), at(65), 10)
                .await
                .expect("claimed");
            (name, claimed)
        }
    });
    let claimed: Vec<_> = futures_like_join(claims).await;
    let mut ids: Vec<i64> = claimed
        .iter()
        .flat_map(|(_, messages)| messages.iter().map(|m| m.id))
        .collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(
        (before, ids.len()),
        (30, 30),
        "claimed twice or missed: {claimed:?}"
    );

    let (worker, first) = claimed
        .iter()
        .find(|(_, messages)| messages.len() >= 3)
        .expect("a worker with messages");
    let (sent, unsent, abandoned) = (first[0].id, first[1].id, first[2].id);
    db.store
        .mark_sent(sent, worker, at(61))
        .await
        .expect("sent");
    db.store
        .mark_unsent(unsent, worker, "connection refused", Some(at(70)))
        .await
        .expect("retry");
    // Another worker cannot settle what it did not claim.
    db.store
        .mark_sent(abandoned, "worker-9", at(61))
        .await
        .expect("ignored");
    assert_eq!(db.store.settle_abandoned(at(64)).await.expect("early"), 0);
    let in_doubt = db.store.settle_abandoned(at(66)).await.expect("late");
    assert_eq!(in_doubt, 30 - 2);
    let counts = db.store.outbox_counts().await.expect("counts");
    let count = |status: &str| {
        counts
            .iter()
            .find(|(s, _)| s == status)
            .map_or(0, |(_, n)| *n)
    };
    assert_eq!(
        (count("sent"), count("pending"), count("in_doubt")),
        (1, 11, 28),
        "{counts:?}"
    );
    // The retried one comes back when its time comes, as a second attempt.
    let again = db
        .store
        .claim_due(worker, at(70), at(75), 10)
        .await
        .expect("claimed");
    assert_eq!(
        again.iter().map(|m| (m.id, m.attempt)).collect::<Vec<_>>(),
        [(unsent, 2)]
    );
}

/// Runs futures at once and collects their outputs in order.
async fn futures_like_join<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.expect("joined"));
    }
    out
}

on_both_databases!(
    booking_moving_and_cancelling_carry_their_messages,
    a_message_already_due_is_left_out_and_a_refused_booking_keeps_none,
    workers_claim_each_message_once_and_an_abandoned_send_is_in_doubt
);
