//! Persistence for smp: one API over an embedded SQLite file (the default) and PostgreSQL
//! (when one machine is not enough).
//!
//! [`Store::open`] connects and brings the schema up to date. Every query is written once
//! in SQL both databases accept; the schema is written for each (`migrations/`). The rules
//! that must hold whatever the application does are kept by the database itself:
//!
//! - **No double booking**: two booked appointments of one practitioner never overlap,
//!   buffers included — an exclusion constraint on PostgreSQL, a trigger inside SQLite's
//!   single-writer transaction. A refused booking is [`StoreError::SlotTaken`].
//! - **The audit log is append-only**: triggers refuse any change or deletion.
//!
//! Instants are stored as whole seconds since 1970 UTC; the caller passes "now".
//! This crate knows nothing of HTTP, and nothing of the clinical rules beyond storing
//! their results.
#![warn(missing_docs)]

mod appointments;
mod audit;
mod clients;
mod clinic;
mod courses;
mod db;
mod designs;
mod erasure;
mod error;
mod feeds;
mod holdings;
mod hours;
mod merge;
mod migrate;
mod named;
mod online;
mod outbox;
mod outbox_refresh;
mod payments;
mod photos;
mod portal;
mod practitioners;
mod recall;
mod records;
mod reminder_wording;
mod screenings;
mod services;
mod sessions;
mod settings_cache;
mod staff;
mod time;
mod tokens;

#[cfg(feature = "testing")]
pub mod testing;

pub use appointments::{Appointment, AppointmentStatus, NewAppointment, Slot};
pub use audit::{AuditEntry, AuditRecord};
pub use clients::{Client, ClientFields, SunExposure};
pub use clinic::ClinicSettings;
pub use courses::{NewCourse, StoredCourse};
pub use db::{backend_of, Backend, Store, DEFAULT_DATABASE_URL};
pub use designs::{DesignVersion, NewDesignVersion};
pub use erasure::ErasureRequest;
pub use error::StoreError;
pub use feeds::{FeedEntry, FeedOwner};
pub use holdings::ClientHoldings;
pub use hours::{DayOff, HoursRow};
pub use merge::{PossibleDuplicate, SharedKey};
pub use migrate::latest_version;
pub use online::{OnlineOutcome, OnlineRequest};
pub use outbox::{ClaimedMessage, NewMessage, NoReminders, OutboxMessage, Reminders};
pub use outbox_refresh::Refreshed;
pub use payments::{NewPayment, Payment};
pub use photos::{NewPhoto, Photo, PhotoConsent, PhotoView};
pub use portal::PortalSession;
pub use practitioners::Practitioner;
pub use recall::RecallCandidate;
pub use records::{SessionRecord, SessionRecordFields};
pub use reminder_wording::{wording_key, ReminderWording, StoredWording, RECALL_KEY};
pub use screenings::{NewScreening, StoredScreening};
pub use services::{Service, ServiceChange};
pub use sessions::LoginSession;
pub use settings_cache::SETTINGS_TTL;
pub use staff::{NewStaff, Role, Staff};
