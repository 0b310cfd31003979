//! The app through HTTP on a real socket, each test on SQLite and on PostgreSQL.

// `on_both_databases!`: each test once on SQLite and once on PostgreSQL.
#[macro_use]
extern crate smp_store;

#[path = "api/support.rs"]
mod support;

#[path = "api/appointments.rs"]
mod appointments;
#[path = "api/availability.rs"]
mod availability;
#[path = "api/bad_requests.rs"]
mod bad_requests;
#[path = "api/booking_online.rs"]
mod booking_online;
#[path = "api/booking_outcomes.rs"]
mod booking_outcomes;
#[path = "api/browser.rs"]
mod browser;
#[path = "api/browser_client.rs"]
mod browser_client;
#[path = "api/browser_studio.rs"]
mod browser_studio;
#[path = "api/calendar_feeds.rs"]
mod calendar_feeds;
#[path = "api/clients.rs"]
mod clients;
#[path = "api/concurrency.rs"]
mod concurrency;
#[path = "api/courses.rs"]
mod courses;
#[path = "api/duplicates.rs"]
mod duplicates;
#[path = "api/erasure.rs"]
mod erasure;
#[path = "api/mail.rs"]
mod mail;
#[path = "api/money_and_records.rs"]
mod money_and_records;
#[path = "api/openapi.rs"]
mod openapi;
#[path = "api/outbox_refresh.rs"]
mod outbox_refresh;
#[path = "api/page_bad_input.rs"]
mod page_bad_input;
#[path = "api/pages.rs"]
mod pages;
#[path = "api/photo_pages.rs"]
mod photo_pages;
#[path = "api/photos.rs"]
mod photos;
#[path = "api/portal.rs"]
mod portal;
#[path = "api/proxy.rs"]
mod proxy;
#[path = "api/recall.rs"]
mod recall;
#[path = "api/reminder_settings.rs"]
mod reminder_settings;
#[path = "api/reminders.rs"]
mod reminders;
#[path = "api/roles.rs"]
mod roles;
#[path = "api/screenings.rs"]
mod screenings;
#[path = "api/settings.rs"]
mod settings;
#[path = "api/settings_pages.rs"]
mod settings_pages;
#[path = "api/studio.rs"]
mod studio;
#[path = "api/studio_pattern.rs"]
mod studio_pattern;
#[path = "api/studio_reference.rs"]
mod studio_reference;
