//! The public booking form's fields: what the client chose (service, practitioner, time,
//! zone) and who they are, each checked with its size limit and named when wrong.

use std::collections::HashMap;

use jiff::civil::Date;
use jiff::Timestamp;

use crate::error::ApiError;

/// The longest name taken.
pub const NAME_MAX: usize = 120;
/// The longest email address taken (RFC 5321's path limit).
pub const EMAIL_MAX: usize = 254;
/// The longest phone number taken.
pub const PHONE_MAX: usize = 40;
/// The longest hidden value (a service code, an instant).
const CHOICE_MAX: usize = 40;
/// The longest of any other field (a time zone's name, a date, a ticked box).
const OTHER_MAX: usize = 64;
/// The longest field name the form has.
const KEY_MAX: usize = 80;
/// The most bytes a public form may send: every field's limit, the questionnaire's dates
/// and boxes, and room for their names.
pub const BODY_MAX: usize = 16 * 1024;

/// What the client chose on the week of times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The service's code.
    pub service: String,
    /// Whose calendar.
    pub practitioner_id: i64,
    /// When.
    pub starts_at: Timestamp,
    /// The client's zone, as named.
    pub tz: String,
}

/// Who is booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Full name.
    pub name: String,
    /// Email address, lower case.
    pub email: String,
    /// Phone (may be empty).
    pub phone: String,
    /// Date of birth, when given.
    pub date_of_birth: Option<Date>,
}

/// A form's value for `key`, trimmed (empty when absent).
pub fn value<'a>(form: &'a HashMap<String, String>, key: &str) -> &'a str {
    form.get(key).map_or("", |v| v.trim())
}

/// Every value of the form within its size: a field longer than any the form has is
/// refused by name before anything else is read.
///
/// # Errors
/// [`ApiError::Invalid`] naming the first field that is too long.
pub fn check_sizes(form: &HashMap<String, String>) -> Result<(), ApiError> {
    let mut keys: Vec<&String> = form.keys().collect();
    keys.sort();
    for key in keys {
        let limit = match key.as_str() {
            "name" => NAME_MAX,
            "email" => EMAIL_MAX,
            "phone" => PHONE_MAX,
            _ => OTHER_MAX,
        };
        if key.len() > KEY_MAX {
            return Err(ApiError::invalid(
                "form",
                "has a field this form does not have",
            ));
        }
        if form[key].chars().count() > limit {
            return Err(ApiError::invalid(
                key.as_str(),
                format!("is at most {limit} characters"),
            ));
        }
    }
    Ok(())
}

/// The choice carried by the form or the query.
///
/// # Errors
/// [`ApiError::Invalid`] naming the first hidden field that does not read.
pub fn choice(form: &HashMap<String, String>) -> Result<Choice, ApiError> {
    let service = value(form, "service");
    if service.is_empty() || service.len() > CHOICE_MAX {
        return Err(ApiError::invalid("service", "choose a consultation"));
    }
    let practitioner_id = value(form, "practitioner")
        .parse::<i64>()
        .map_err(|_| ApiError::invalid("practitioner", "choose a time from the list"))?;
    let starts_at = value(form, "starts_at")
        .parse::<Timestamp>()
        .map_err(|_| ApiError::invalid("starts_at", "choose a time from the list"))?;
    Ok(Choice {
        service: service.to_owned(),
        practitioner_id,
        starts_at,
        tz: value(form, "tz").to_owned(),
    })
}

/// The contact details, every problem named by its field.
///
/// # Errors
/// Every problem found, each an [`ApiError::Invalid`].
pub fn contact(form: &HashMap<String, String>) -> Result<Contact, Vec<ApiError>> {
    let name = value(form, "name");
    let email = value(form, "email").to_lowercase();
    let phone = value(form, "phone");
    let born = value(form, "date_of_birth");
    let mut problems = Vec::new();
    if name.is_empty() {
        problems.push(ApiError::invalid("name", "write your name"));
    }
    if let Err(why) = email_problem(&email, "the confirmation") {
        problems.push(ApiError::invalid("email", why));
    }
    if phone
        .chars()
        .any(|c| !(c.is_ascii_digit() || " +-()".contains(c)))
    {
        problems.push(ApiError::invalid(
            "phone",
            "use digits, spaces, +, - and brackets only",
        ));
    }
    let date_of_birth = if born.is_empty() {
        None
    } else {
        match born.parse::<Date>() {
            Ok(date) => Some(date),
            Err(_) => {
                problems.push(ApiError::invalid(
                    "date_of_birth",
                    "write the date as YYYY-MM-DD",
                ));
                None
            }
        }
    };
    if value(form, "consent").is_empty() {
        problems.push(ApiError::invalid(
            "consent",
            "tick the box to let the clinic keep your health answers; without it nothing can be booked",
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Contact {
        name: name.to_owned(),
        email,
        phone: phone.to_owned(),
        date_of_birth,
    })
}

/// Why an email address cannot be one, if it cannot; `sent` is what goes there (for the
/// message asking for an address left empty).
pub(crate) fn email_problem(email: &str, sent: &str) -> Result<(), String> {
    if email.is_empty() {
        return Err(format!("write your email address: {sent} goes there"));
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err("is not an email address".to_owned());
    };
    let fine = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
        && !domain.contains('@');
    if fine {
        Ok(())
    } else {
        Err("is not an email address".to_owned())
    }
}
