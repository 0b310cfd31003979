//! The store's tests, each run on SQLite and on PostgreSQL.

// `on_both_databases!`: each test once on SQLite and once on PostgreSQL.
#[macro_use]
extern crate smp_store;

#[path = "store/support.rs"]
mod support;

#[path = "store/audit.rs"]
mod audit;
#[path = "store/booking.rs"]
mod booking;
#[path = "store/clients.rs"]
mod clients;
#[path = "store/concurrency.rs"]
mod concurrency;
#[path = "store/outbox.rs"]
mod outbox;
#[path = "store/schema.rs"]
mod schema;
#[path = "store/settings.rs"]
mod settings;
#[path = "store/staff.rs"]
mod staff;
