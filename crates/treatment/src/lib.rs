//! The treatment rules of scalp micropigmentation (SMP), as pure functions.
//!
//! This crate knows the clinical rules of DOMAIN.md and nothing of HTTP, SQL, files or
//! clocks: the caller passes file contents, "today" and time zones in.
//!
//! - [`Policy`]: every rule value, with its id, sources and a clinic's overrides from TOML.
//! - [`screen`]: the health questionnaire ([`Answers`]) evaluated into a [`Screening`].
//! - [`plan`], [`validate`], [`reschedule`]: courses of sessions around the healing rules
//!   and the client's own plans ([`ClientEvent`]).
//! - [`care_sheet`]: dated pre-care and aftercare around one session; [`session_reminders`]:
//!   the reminders they make, each with the moment it goes out.
//! - [`plan_sheet`]: a course written out with times, quote, care, medicines and recall.
//! - [`free_slots`]: free times on a practitioner's calendar.
#![warn(missing_docs)]

mod area;
mod availability;
mod care;
mod course;
mod dates;
mod error;
mod json;
mod money;
mod names;
mod policy;
mod reminders;
mod screening;
mod sheet;
mod source;

pub use area::{Area, Extent};
pub use availability::{free_slots, Busy, FreeSlot, SlotRequest, WorkingHours};
pub use care::{care_sheet, CareSheet, Instruction, Moment};
pub use course::{
    plan, reschedule, validate, ClientEvent, Course, CourseRequest, EventKind, PlannedSession,
    Purpose, Severity, Violation,
};
pub use dates::human as human_date;
pub use error::{CourseError, InputError, InvalidValue, PolicyError, PolicyProblem};
pub use money::{Currency, Money, Quote, QuoteLine};
pub use names::{Condition, Medication, ProcedureKind};
pub use policy::{format_hours, Origin, Policy, PolicyEntry, RuleSpec, SessionLength, RULES};
pub use reminders::{session_reminders, Reminder, ReminderKind, RECALLS, SEND_HOUR};
pub use screening::{
    latest_deferral, screen, Answers, Finding, FindingOutcome, MedicationUse, Outcome, Procedure,
    Screening, Skin, Verdict,
};
pub use sheet::{plan_sheet, MinoxidilDates, PlanSheet, Recall, SessionSheet};
pub use source::Source;
