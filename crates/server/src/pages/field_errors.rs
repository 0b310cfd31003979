//! Problems of a submitted form, looked up by field to show next to it.

use crate::error::ApiError;
use crate::pages::text::capitalised;

/// The problems of one form, by field.
#[derive(Debug, Default)]
pub struct FieldErrors(Vec<(String, String)>);

impl FieldErrors {
    /// The problems of `errors`, each under its field (`form` for one without a field).
    pub fn of(errors: &[ApiError]) -> FieldErrors {
        FieldErrors(
            errors
                .iter()
                .map(|e| {
                    let field = e.field().unwrap_or("form").to_owned();
                    let message = match e {
                        ApiError::Invalid { message, .. } => capitalised(message),
                        other => other.to_string(),
                    };
                    (field, message)
                })
                .collect(),
        )
    }

    /// The message for `field`, or an empty text.
    pub fn get(&self, field: &str) -> &str {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map_or("", |(_, message)| message.as_str())
    }

    /// Whether there is no problem.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
