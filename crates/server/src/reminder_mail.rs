//! The reminder emails of an appointment, written into the outbox in the transaction that
//! books or moves it: the care reminders of the rules around a session
//! ([`smp_treatment::session_reminders`]) and, before a consultation, a note the day before.
//! Each in plain text and HTML, in the clinic's time zone, signed with the clinic's name,
//! in the clinic's own wording where it has one; a reminder the clinic switched off is not
//! written.

use jiff::civil::Time;
use jiff::tz::TimeZone;
use smp_store::{
    wording_key, Appointment, NewMessage, NoReminders, Reminders, Service, StoreError,
    StoredWording,
};
use smp_treatment::{session_reminders, Policy};

use crate::error::ApiError;
use crate::reminder_wording::{message_in, Fill};
use crate::state::AppState;

/// Everything the reminders of one client's appointments need, read before the
/// transaction.
#[derive(Debug, Clone)]
pub struct ClientReminders {
    clinic: ClinicReminders,
    client_id: i64,
    client_name: String,
    email: String,
    /// The client's courses: id and number of sessions (the last is the final one).
    courses: Vec<(i64, i64)>,
    /// The number of sessions of a course being made (not stored yet).
    course_sessions: Option<i64>,
    confirmation: Option<Confirmation>,
}

/// What the reminders of every client share: the clinic's policy, zone, name, services
/// and wording.
#[derive(Debug, Clone)]
pub struct ClinicReminders {
    policy: Policy,
    zone: TimeZone,
    name: String,
    services: Vec<Service>,
    wordings: Vec<StoredWording>,
}

/// A confirmation sent at once with an appointment booked or moved online: when and how,
/// the fee when there is one, and the link that reschedules or cancels it.
#[derive(Debug, Clone)]
pub struct Confirmation {
    /// The link to reschedule or cancel.
    pub link: String,
    /// When to send it (now).
    pub at: jiff::Timestamp,
    /// `"Booked"` or `"Moved"`.
    pub verb: &'static str,
    /// The fee, as money text, when the service costs something.
    pub fee: Option<String>,
}

impl ClinicReminders {
    /// Reads the clinic's side once.
    ///
    /// # Errors
    /// The store's.
    pub async fn load(state: &AppState) -> Result<ClinicReminders, ApiError> {
        Ok(ClinicReminders {
            policy: state.policy().await,
            zone: state.clinic_zone().await,
            name: state
                .store
                .clinic()
                .await?
                .map_or_else(|| "Your SMP clinic".to_owned(), |c| c.name),
            services: state.store.services().await?,
            wordings: state.store.reminder_wordings().await?,
        })
    }

    /// The reminders of `client_id` (none for an unknown client or one without an email
    /// address).
    ///
    /// # Errors
    /// The store's.
    pub async fn of_client(
        &self,
        state: &AppState,
        client_id: i64,
    ) -> Result<Option<ClientReminders>, ApiError> {
        // An unknown client is the booking's to refuse, by its field.
        let client = match state.store.client(client_id).await {
            Ok(client) => client,
            Err(StoreError::NotFound { .. }) => return Ok(None),
            Err(other) => return Err(other.into()),
        };
        if client.fields.email.trim().is_empty() {
            return Ok(None);
        }
        let courses = state
            .store
            .courses_of_client(client_id)
            .await?
            .into_iter()
            .map(|c| (c.id, c.course.sessions))
            .collect();
        Ok(Some(ClientReminders {
            clinic: self.clone(),
            client_id,
            client_name: client.fields.name,
            email: client.fields.email.trim().to_owned(),
            courses,
            course_sessions: None,
            confirmation: None,
        }))
    }
}

impl ClientReminders {
    /// The reminders for appointments of `client_id` (none without a client or an email
    /// address); a session of one of their courses knows whether it is the final one.
    ///
    /// # Errors
    /// The store's.
    pub async fn load(
        state: &AppState,
        client_id: Option<i64>,
    ) -> Result<Option<ClientReminders>, ApiError> {
        let Some(client_id) = client_id else {
            return Ok(None);
        };
        ClinicReminders::load(state)
            .await?
            .of_client(state, client_id)
            .await
    }

    /// These reminders for a course of `sessions` sessions that is being made.
    pub fn in_course_of(mut self, sessions: i64) -> ClientReminders {
        self.course_sessions = Some(sessions);
        self
    }

    /// These reminders with a confirmation sent at once.
    pub fn confirmed(mut self, confirmation: Confirmation) -> ClientReminders {
        self.confirmation = Some(confirmation);
        self
    }

    /// The confirmation of `appointment` (of `service`), when one was asked for.
    fn confirmation_of(&self, appointment: &Appointment, service: &Service) -> Option<NewMessage> {
        let confirmation = self.confirmation.as_ref()?;
        let start = appointment
            .booked
            .slot
            .starts_at
            .to_zoned(self.clinic.zone.clone());
        let (subject, lines) = confirmation_text(confirmation, &service.into(), &start);
        let at = confirmation.at.to_zoned(self.clinic.zone.clone());
        self.message("confirmation".to_owned(), &subject, &lines, at, &start)
    }

    /// The message `key` about the appointment at `about`, in the clinic's wording; `None`
    /// when the clinic has switched it off.
    fn message(
        &self,
        key: String,
        subject: &str,
        lines: &[String],
        due: jiff::Zoned,
        about: &jiff::Zoned,
    ) -> Option<NewMessage> {
        let wording = self
            .clinic
            .wordings
            .iter()
            .find(|w| w.key == wording_key(&key))
            .map(|w| &w.wording);
        if wording.is_some_and(|w| !w.enabled) {
            return None;
        }
        let appointment = about.strftime("%a %-d %b %Y at %H:%M").to_string();
        let fill = Fill {
            name: &self.client_name,
            clinic: &self.clinic.name,
            appointment: &appointment,
            subject,
            lines,
        };
        Some(message_in(
            wording,
            key,
            &self.email,
            &fill,
            due.timestamp(),
        ))
    }
}

/// What the client-facing texts say of a service: its name and its mode.
#[derive(Debug, Clone, Copy)]
pub struct ServiceKind<'a> {
    /// Its name for people.
    pub name: &'a str,
    /// `in_person` or `video`.
    pub mode: &'a str,
}

impl<'a> From<&'a Service> for ServiceKind<'a> {
    fn from(service: &'a Service) -> ServiceKind<'a> {
        ServiceKind {
            name: &service.name,
            mode: &service.mode,
        }
    }
}

/// The subject and lines of the confirmation of an appointment of `service` at `start`.
pub fn confirmation_text(
    confirmation: &Confirmation,
    service: &ServiceKind<'_>,
    start: &jiff::Zoned,
) -> (String, Vec<String>) {
    let when = start.strftime("%a %-d %b %Y at %H:%M").to_string();
    let zone = start.time_zone().iana_name().unwrap_or("UTC");
    let what = service.name.to_lowercase();
    let mut lines = vec![
        format!("{}: your {what}, {when} ({zone} time).", confirmation.verb),
        if service.mode == "video" {
            "It is by video: your practitioner sends the link before.".to_owned()
        } else {
            "It is at the clinic.".to_owned()
        },
    ];
    if let Some(fee) = &confirmation.fee {
        lines.push(format!(
            "The consultation fee is {fee}, credited against your course if you go ahead."
        ));
    }
    lines.push(format!(
        "To reschedule or cancel, open {} (it works until the appointment starts).",
        confirmation.link
    ));
    (
        format!("{}: your {what} on {when}", confirmation.verb),
        lines,
    )
}

/// The subject and line of the note the day before a consultation of `service` at `start`.
pub fn consultation_eve_text(service: &ServiceKind<'_>, start: &jiff::Zoned) -> (String, String) {
    let how = if service.mode == "video" {
        "by video: the link comes from your practitioner"
    } else {
        "at the clinic"
    };
    let what = service.name.to_lowercase();
    let line = format!(
        "Your {what} is tomorrow, {}, {how}. Bring a list of the medicines you take.",
        start.strftime("%a %-d %b %Y at %H:%M")
    );
    (format!("Tomorrow: your {what}"), line)
}

/// Whom a letter goes to.
#[derive(Debug, Clone, Copy)]
pub struct Recipient<'a> {
    /// Their email address.
    pub email: &'a str,
    /// Their full name (the letter greets them by the first word).
    pub name: &'a str,
}

/// A letter to a client, due at `due`, in the standard wording: a greeting by first name,
/// `lines` as a list, and the clinic's name, in plain text and HTML.
pub fn letter(
    key: String,
    to: Recipient<'_>,
    clinic: &str,
    subject: String,
    lines: &[String],
    due: jiff::Timestamp,
) -> NewMessage {
    let fill = Fill {
        name: to.name,
        clinic,
        appointment: "",
        subject: &subject,
        lines,
    };
    message_in(None, key, to.email, &fill, due)
}

impl Reminders for ClientReminders {
    fn messages(&self, appointment: &Appointment) -> Vec<NewMessage> {
        let booked = &appointment.booked;
        if booked.client_id != Some(self.client_id) {
            return Vec::new();
        }
        let Some(service) = self
            .clinic
            .services
            .iter()
            .find(|s| s.code == booked.service)
        else {
            return Vec::new();
        };
        let confirmation = self.confirmation_of(appointment, service);
        let start = booked.slot.starts_at.to_zoned(self.clinic.zone.clone());
        if service.kind == "consultation" {
            let Ok(day_before) = start.date().yesterday() else {
                return Vec::new();
            };
            let Ok(due) = day_before
                .to_datetime(Time::constant(smp_treatment::SEND_HOUR, 0, 0, 0))
                .to_zoned(self.clinic.zone.clone())
            else {
                return Vec::new();
            };
            let (subject, line) = consultation_eve_text(&service.into(), &start);
            let note = self.message("consultation-1d".to_owned(), &subject, &[line], due, &start);
            return confirmation.into_iter().chain(note).collect();
        }
        let sessions = self.course_sessions.or_else(|| {
            self.courses
                .iter()
                .find(|(id, _)| Some(*id) == booked.course_id)
                .map(|(_, sessions)| *sessions)
        });
        let is_final = service.kind == "touch_up"
            || matches!(
                (booked.session_number, sessions),
                (Some(number), Some(sessions)) if number >= sessions
            );
        let minutes = booked
            .slot
            .starts_at
            .duration_until(booked.slot.ends_at)
            .as_mins();
        let reminders = session_reminders(&self.clinic.policy, &start, minutes, is_final)
            .into_iter()
            .filter_map(|r| {
                let due = r.send_at.clone();
                self.message(r.key, &r.subject, &r.lines, due, &start)
            });
        confirmation.into_iter().chain(reminders).collect()
    }
}

/// The reminders to write: `reminders` when there are any, else none.
pub fn or_none(reminders: &Option<ClientReminders>) -> &dyn Reminders {
    match reminders {
        Some(reminders) => reminders,
        None => &NoReminders,
    }
}
