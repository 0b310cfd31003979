//! Treatment courses: planning sessions around the healing rules and the client's plans,
//! validating any proposed course, and re-planning when a session moves.

mod events;
mod plan;
mod rules;

use jiff::civil::Date;
use serde::Serialize;

use crate::area::Area;
use crate::policy::SessionLength;

pub use events::{ClientEvent, EventKind};
pub use plan::{plan, reschedule, validate, CourseRequest};
pub use rules::{Severity, Violation};

/// What a session is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Session 1: a conservative, lighter layer that maps the hairline.
    Foundation,
    /// Session 2: density increased, in a second shade for depth.
    Density,
    /// Session 3 and later: tweaks, hairline adjustment, darker if wanted.
    Refinement,
    /// A one-session course: the whole design at once; a second may follow.
    Complete,
    /// A touch-up: fading restored.
    TouchUp,
}

impl Purpose {
    /// The purpose of session `number` of `total` in a course for `area`.
    pub fn of(area: Area, number: u32, total: u32) -> Purpose {
        match (area.is_touch_up(), number, total) {
            (true, _, _) => Purpose::TouchUp,
            (false, 1, 1) => Purpose::Complete,
            (false, 1, _) => Purpose::Foundation,
            (false, 2, _) => Purpose::Density,
            _ => Purpose::Refinement,
        }
    }

    /// What the session is for, as the client reads it.
    pub fn describe(self) -> &'static str {
        match self {
            Purpose::Foundation => {
                "foundation: a lighter, conservative first layer that maps the hairline"
            }
            Purpose::Density => {
                "density and second shade: dots added between the first ones for depth"
            }
            Purpose::Refinement => "refinement: tweaks, hairline adjustments, darker if wanted",
            Purpose::Complete => "the whole design in one session; a second may be needed",
            Purpose::TouchUp => "touch-up: faded pigment restored",
        }
    }
}

/// One session of a course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedSession {
    /// Its number in the course (1-based).
    pub number: u32,
    /// Its local date.
    pub date: Date,
    /// How long it is planned to take.
    pub length: SessionLength,
    /// What it is for.
    pub purpose: Purpose,
}

/// A course of sessions for one area, with the rules it breaks (none when planned).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Course {
    /// The area treated.
    pub area: Area,
    /// The sessions, in order.
    pub sessions: Vec<PlannedSession>,
    /// The client's own plans the course respects.
    pub events: Vec<ClientEvent>,
    /// Every rule the course breaks, errors and warnings.
    pub violations: Vec<Violation>,
}

impl Course {
    /// The date of the final session.
    pub fn final_date(&self) -> Option<Date> {
        self.sessions.last().map(|s| s.date)
    }

    /// The session dates in order.
    pub fn dates(&self) -> Vec<Date> {
        self.sessions.iter().map(|s| s.date).collect()
    }

    /// Whether any rule is broken (warnings aside).
    pub fn has_errors(&self) -> bool {
        self.violations
            .iter()
            .any(|v| v.severity == Severity::Error)
    }
}
