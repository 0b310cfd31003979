//! Clients.

use smp_store::testing::fresh;
use smp_store::{Backend, ClientFields, SharedKey, StoreError};

use crate::support::{at, now, practitioner};

fn named(name: &str, email: &str) -> ClientFields {
    ClientFields {
        name: name.to_owned(),
        email: email.to_owned(),
        ..ClientFields::default()
    }
}

async fn clients_are_found_by_part_of_a_name_or_email_in_any_case(backend: Backend) {
    let db = fresh(backend).await;
    for (name, email) in [
        ("Sam Carter", "sam@example.test"),
        ("Jo 100%_Real", "jo@example.test"),
        ("Max Wu", "max.carter@example.test"),
    ] {
        db.store
            .create_client(&named(name, email), now())
            .await
            .expect("created");
    }
    let names = |found: Vec<smp_store::Client>| -> Vec<String> {
        found.into_iter().map(|c| c.fields.name).collect()
    };
    let carters = db.store.search_clients("CARTER", 10).await.expect("search");
    assert_eq!(names(carters), ["Max Wu", "Sam Carter"]);
    // LIKE's wildcards are searched for as themselves.
    let percent = db.store.search_clients("0%_r", 10).await.expect("search");
    assert_eq!(names(percent), ["Jo 100%_Real"]);
    assert_eq!(db.store.search_clients("", 2).await.expect("all").len(), 2);
}

async fn a_client_keeps_every_field_through_an_edit(backend: Backend) {
    let db = fresh(backend).await;
    let practitioner_id = practitioner(&db.store).await;
    let made = db
        .store
        .create_client(&named("Sam", ""), now())
        .await
        .expect("created");
    let edited = ClientFields {
        name: "Sam Carter".to_owned(),
        email: "sam@example.test".to_owned(),
        phone: "+44 20 7946 0000".to_owned(),
        date_of_birth: Some(jiff::civil::date(1984, 2, 29)),
        notes: "prefers mornings".to_owned(),
        health_consent_on: Some(jiff::civil::date(2025, 11, 30)),
        practitioner_id: Some(practitioner_id),
        sun_exposure: Some(smp_store::SunExposure::High),
    };
    let saved = db
        .store
        .update_client(made.id, &edited, at(5))
        .await
        .expect("saved");
    assert_eq!(saved.fields, edited);
    assert_eq!(db.store.client(made.id).await.expect("read").fields, edited);
    assert!(saved.updated_at > saved.created_at);
}

async fn a_client_of_an_unknown_practitioner_is_refused(backend: Backend) {
    let db = fresh(backend).await;
    let fields = ClientFields {
        practitioner_id: Some(999),
        ..named("Sam", "")
    };
    let error = db
        .store
        .create_client(&fields, now())
        .await
        .expect_err("refused");
    assert!(
        matches!(
            error,
            StoreError::MissingReference {
                field: "practitioner_id"
            }
        ),
        "{error:?}"
    );
    let error = db
        .store
        .update_client(77, &named("X", ""), now())
        .await
        .expect_err("missing");
    assert_eq!(error.to_string(), "client 77 does not exist");
}

async fn lookalikes_say_what_they_share(backend: Backend) {
    let db = fresh(backend).await;
    let born = |name: &str, email: &str, day: i8| ClientFields {
        date_of_birth: Some(jiff::civil::date(1984, 2, day)),
        ..named(name, email)
    };
    let mut ids = Vec::new();
    for fields in [
        born("Sam Carter", "sam@example.test", 29),
        // The same email in other case and padding, another name and birthday.
        born("Samuel Carter", " SAM@Example.test ", 1),
        // The same name (other case) and birthday, another email.
        born("sam carter ", "s.carter@example.test", 29),
        // Both: the email is said.
        born("Sam Carter", "sam@example.test", 29),
        // The same name, another birthday; and a stranger.
        born("Sam Carter", "", 2),
        born("Kim Lee", "kim@example.test", 29),
    ] {
        let made = db.store.create_client(&fields, now()).await.expect("made");
        ids.push(made.id);
    }
    let found = db.store.possible_duplicates(ids[0]).await.expect("found");
    let shared: Vec<(i64, SharedKey)> = found.iter().map(|f| (f.client.id, f.shared)).collect();
    assert_eq!(
        shared,
        [
            (ids[1], SharedKey::Email),
            (ids[2], SharedKey::NameAndDateOfBirth),
            (ids[3], SharedKey::Email),
        ]
    );
    assert_eq!(found[0].client.fields.name, "Samuel Carter");
    // An empty email matches no other empty email.
    let blank = db.store.possible_duplicates(ids[4]).await.expect("found");
    assert!(blank.is_empty(), "{blank:?}");
    let stranger = db.store.possible_duplicates(ids[5]).await.expect("found");
    assert!(stranger.is_empty(), "{stranger:?}");
}

on_both_databases!(
    lookalikes_say_what_they_share,
    clients_are_found_by_part_of_a_name_or_email_in_any_case,
    a_client_keeps_every_field_through_an_edit,
    a_client_of_an_unknown_practitioner_is_refused
);
