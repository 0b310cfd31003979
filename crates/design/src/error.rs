//! The design engine's typed error.

use thiserror::Error;

/// A design parameter that cannot be used, named so the caller can point at it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DesignError {
    /// A parameter's value is out of range, not a number, or does not parse.
    #[error("{parameter}: {message}")]
    InvalidParameter {
        /// The parameter's name as the command line spells it (`skin`, `size`, `years`).
        parameter: &'static str,
        /// What is wrong and what was expected, in a sentence.
        message: String,
    },
}

impl DesignError {
    /// An invalid parameter with a message.
    pub fn invalid(parameter: &'static str, message: impl Into<String>) -> DesignError {
        DesignError::InvalidParameter {
            parameter,
            message: message.into(),
        }
    }
}
