//! Checks on typed-in fields, each failing with a 422 that names the field.

use jiff::civil::Date;

use crate::error::ApiError;

/// A required text field: trimmed, not empty, at most `max` characters.
///
/// # Errors
/// [`ApiError::Invalid`] naming `field`.
pub fn required_text(field: &str, value: &str, max: usize) -> Result<String, ApiError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ApiError::invalid(field, "must not be empty"));
    }
    bounded(field, trimmed, max)
}

/// An optional text field (missing is empty): trimmed, at most `max` characters.
///
/// # Errors
/// [`ApiError::Invalid`] naming `field`.
pub fn optional_text(field: &str, value: Option<&str>, max: usize) -> Result<String, ApiError> {
    bounded(field, value.unwrap_or("").trim(), max)
}

fn bounded(field: &str, value: &str, max: usize) -> Result<String, ApiError> {
    if value.chars().count() > max {
        return Err(ApiError::invalid(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(ApiError::invalid(
            field,
            "must not contain control characters",
        ));
    }
    Ok(value.to_owned())
}

/// An optional email: empty, or something with one `@` and a dot after it.
///
/// # Errors
/// [`ApiError::Invalid`] naming `field`.
pub fn optional_email(field: &str, value: Option<&str>) -> Result<String, ApiError> {
    let email = optional_text(field, value, 254)?;
    if email.is_empty() {
        return Ok(email);
    }
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && !email.contains(char::is_whitespace)
    });
    if valid {
        Ok(email)
    } else {
        Err(ApiError::invalid(
            field,
            format!("{email:?} is not an email address"),
        ))
    }
}

/// A date, `YYYY-MM-DD` (spaces around it ignored).
///
/// # Errors
/// [`ApiError::Invalid`] naming `field`.
pub fn required_date(field: &str, text: &str) -> Result<Date, ApiError> {
    text.trim()
        .parse::<Date>()
        .map_err(|_| ApiError::invalid(field, format!("{text:?} is not a date (YYYY-MM-DD)")))
}

/// An optional date, `YYYY-MM-DD`; missing or blank is `None`.
///
/// # Errors
/// [`ApiError::Invalid`] naming `field`.
pub fn optional_date(field: &str, value: Option<&str>) -> Result<Option<Date>, ApiError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(text) => required_date(field, text).map(Some),
    }
}

/// A time of day, `HH:MM` (spaces around it ignored).
///
/// # Errors
/// [`ApiError::Invalid`] naming `field`.
pub fn time_of_day(field: &str, text: &str) -> Result<jiff::civil::Time, ApiError> {
    text.trim()
        .parse::<jiff::civil::Time>()
        .map_err(|_| ApiError::invalid(field, format!("{text:?} is not a time (HH:MM)")))
}

/// An instant written in RFC 3339 with an offset (`2025-12-08T09:00:00Z`,
/// `2025-12-08T10:00:00+01:00`).
///
/// # Errors
/// [`ApiError::Invalid`] naming `field`.
pub fn instant(field: &str, text: &str) -> Result<jiff::Timestamp, ApiError> {
    text.trim().parse::<jiff::Timestamp>().map_err(|_| {
        ApiError::invalid(
            field,
            format!("{text:?} is not a date and time with an offset, such as 2025-12-08T09:00:00Z"),
        )
    })
}

/// A whole number typed in a form field.
///
/// # Errors
/// [`ApiError::Invalid`] naming `field` when the text is not a whole number.
pub fn whole_number(field: &str, text: &str) -> Result<i64, ApiError> {
    text.trim()
        .parse::<i64>()
        .map_err(|_| ApiError::invalid(field, format!("{:?} is not a whole number", text.trim())))
}

/// The first of a list of problems (the API answers one at a time).
pub fn first_problem(mut problems: Vec<ApiError>) -> ApiError {
    if problems.is_empty() {
        ApiError::Internal("a check failed without a problem".to_owned())
    } else {
        problems.swap_remove(0)
    }
}
