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
    /// Checks that a number is finite and within `lo..=hi`; `unit` (such as `" mm"`, or
    /// empty) follows the bounds in the message.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`]: "must be between {lo} and {hi}{unit}, got {value}".
    pub fn check_range(
        parameter: &'static str,
        value: f32,
        lo: f32,
        hi: f32,
        unit: &str,
    ) -> Result<(), DesignError> {
        if value.is_finite() && (lo..=hi).contains(&value) {
            Ok(())
        } else {
            Err(DesignError::invalid(
                parameter,
                format!("must be between {lo} and {hi}{unit}, got {value}"),
            ))
        }
    }

    /// An invalid parameter with a message.
    pub fn invalid(parameter: &'static str, message: impl Into<String>) -> DesignError {
        DesignError::InvalidParameter {
            parameter,
            message: message.into(),
        }
    }
}
