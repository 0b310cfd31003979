//! The typed errors of the treatment rules.

use thiserror::Error;

/// A value that is not acceptable, with a sentence saying what was expected.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0}")]
pub struct InvalidValue(pub String);

/// One problem found in a clinic's policy file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyProblem {
    /// The line in the file (1-based).
    pub line: usize,
    /// The dotted key, such as `gap.min_days`, when the problem belongs to one.
    pub key: Option<String>,
    /// What is wrong, in a sentence.
    pub message: String,
}

/// A clinic policy file that was refused. Nothing of it is applied.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.render())]
pub struct PolicyError {
    /// The file's name as given by the caller.
    pub file: String,
    /// Every problem found, in file order.
    pub problems: Vec<PolicyProblem>,
}

impl PolicyError {
    fn render(&self) -> String {
        self.problems
            .iter()
            .map(|p| match &p.key {
                Some(key) => format!("{}:{}: {}: {}", self.file, p.line, key, p.message),
                None => format!("{}:{}: {}", self.file, p.line, p.message),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// An answers or events file that could not be used, with the JSON path of the bad field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}: at {path}{}: {message}", self.position())]
pub struct InputError {
    /// The file's name as given by the caller.
    pub file: String,
    /// The JSON path of the bad field, such as `medications[0].name`; `.` for the whole file.
    pub path: String,
    /// The line and column of the problem (1-based), when the parser knows them.
    pub at: Option<(usize, usize)>,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl InputError {
    fn position(&self) -> String {
        match self.at {
            Some((line, column)) => format!(" (line {line}, column {column})"),
            None => String::new(),
        }
    }
}

/// A request for a course that cannot be planned as asked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CourseError {
    /// The number of sessions is outside the policy's range.
    #[error("sessions: {requested} is outside the policy's range of {min} to {max} (rule course.max_sessions / course.min_sessions)")]
    SessionCount {
        /// What was asked for.
        requested: u32,
        /// The policy's minimum.
        min: u32,
        /// The policy's maximum.
        max: u32,
    },
    /// No date within the planning horizon keeps every rule.
    #[error("session {session} cannot be placed within {horizon_days} days of {from}: rule {rule} blocks every date ({reason})")]
    Impossible {
        /// The session (1-based) that could not be placed.
        session: u32,
        /// The first date that was tried.
        from: jiff::civil::Date,
        /// The policy's planning horizon.
        horizon_days: u32,
        /// The rule that blocked the last date tried.
        rule: &'static str,
        /// The rule's explanation for that date.
        reason: String,
    },
    /// A date computation left the supported range of dates.
    #[error("a date in the course is out of range: {0}")]
    DateOutOfRange(String),
}
