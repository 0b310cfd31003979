//! How a command fails: a message and an exit code.

use std::process::ExitCode;

/// A command that could not do its job.
#[derive(Debug)]
pub enum Failure {
    /// The input was bad (a file, a value): exit code 2, like a usage error.
    BadInput(String),
    /// Something that should not happen happened: exit code 1.
    Internal(String),
}

impl Failure {
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Failure::BadInput(_) => ExitCode::from(2),
            Failure::Internal(_) => ExitCode::from(1),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::BadInput(message) | Failure::Internal(message) => f.write_str(message),
        }
    }
}

impl From<smp_treatment::PolicyError> for Failure {
    fn from(err: smp_treatment::PolicyError) -> Failure {
        Failure::BadInput(format!("the policy file was refused:\n{err}"))
    }
}

impl From<smp_treatment::InputError> for Failure {
    fn from(err: smp_treatment::InputError) -> Failure {
        Failure::BadInput(err.to_string())
    }
}

impl From<smp_treatment::CourseError> for Failure {
    fn from(err: smp_treatment::CourseError) -> Failure {
        Failure::BadInput(format!("the course cannot be planned: {err}"))
    }
}
