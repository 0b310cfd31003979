//! The kinds of value a policy rule can hold, and how each is read from TOML.

use jiff::civil::Time;
use serde::Serialize;
use toml_edit::Value;

use crate::money::Currency;
use crate::names::Medication;
use crate::screening::Verdict;

/// A value a policy rule can hold: read from a clinic's TOML file, shown as text and JSON.
pub trait PolicyValue: Sized + Clone {
    /// Reads the value from TOML, or explains in a sentence what was expected.
    fn from_toml(value: &Value) -> Result<Self, String>;
    /// The value as JSON, for `smp policy show --json`.
    fn to_json(&self) -> serde_json::Value;
    /// The value as a person reads it.
    fn display(&self) -> String;
}

/// The largest count a clinic may set for days, months, hours or sessions: ten years of days.
const MAX_COUNT: i64 = 3650;

impl PolicyValue for u32 {
    fn from_toml(value: &Value) -> Result<Self, String> {
        match value {
            Value::Integer(i) => {
                let n = *i.value();
                if n < 0 {
                    Err(format!("must not be negative, got {n}"))
                } else if n > MAX_COUNT {
                    Err(format!("must be at most {MAX_COUNT}, got {n}"))
                } else {
                    Ok(n as u32)
                }
            }
            other => Err(format!("expected a whole number, got {}", kind(other))),
        }
    }
    fn to_json(&self) -> serde_json::Value {
        (*self).into()
    }
    fn display(&self) -> String {
        self.to_string()
    }
}

/// An amount of money in minor units (cents), never negative.
impl PolicyValue for u64 {
    fn from_toml(value: &Value) -> Result<Self, String> {
        match value {
            Value::Integer(i) if *i.value() < 0 => {
                Err(format!("must not be negative, got {}", i.value()))
            }
            Value::Integer(i) => Ok(*i.value() as u64),
            other => Err(format!(
                "expected a whole number of minor units (cents), got {}",
                kind(other)
            )),
        }
    }
    fn to_json(&self) -> serde_json::Value {
        (*self).into()
    }
    fn display(&self) -> String {
        self.to_string()
    }
}

impl PolicyValue for bool {
    fn from_toml(value: &Value) -> Result<Self, String> {
        value
            .as_bool()
            .ok_or_else(|| format!("expected true or false, got {}", kind(value)))
    }
    fn to_json(&self) -> serde_json::Value {
        (*self).into()
    }
    fn display(&self) -> String {
        self.to_string()
    }
}

/// The length of one session, written in hours (`3` or `2.5`) and kept in whole minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct SessionLength {
    minutes: u32,
}

impl SessionLength {
    /// The shortest session a clinic can plan: 30 minutes.
    pub const MIN_MINUTES: u32 = 30;
    /// The longest session a clinic can plan: 8 hours.
    pub const MAX_MINUTES: u32 = 8 * 60;

    /// A session length in whole minutes, refused outside 30 minutes to 8 hours.
    pub const fn from_minutes(minutes: u32) -> Option<SessionLength> {
        if minutes >= Self::MIN_MINUTES && minutes <= Self::MAX_MINUTES {
            Some(SessionLength { minutes })
        } else {
            None
        }
    }

    /// The length in minutes.
    pub fn minutes(self) -> u32 {
        self.minutes
    }

    /// The length in hours, as a decimal for display.
    pub fn hours(self) -> f64 {
        f64::from(self.minutes) / 60.0
    }
}

impl PolicyValue for SessionLength {
    fn from_toml(value: &Value) -> Result<Self, String> {
        let hours = match value {
            Value::Integer(i) => *i.value() as f64,
            Value::Float(f) => *f.value(),
            other => return Err(format!("expected a number of hours, got {}", kind(other))),
        };
        let minutes = (hours * 60.0).round();
        if !hours.is_finite() || minutes < 0.0 || minutes > f64::from(u32::MAX) {
            return Err(format!("expected a number of hours, got {hours}"));
        }
        SessionLength::from_minutes(minutes as u32)
            .ok_or_else(|| format!("must be between 0.5 and 8 hours, got {hours}"))
    }
    fn to_json(&self) -> serde_json::Value {
        self.hours().into()
    }
    fn display(&self) -> String {
        format_hours(*self)
    }
}

/// Hours as `3` or `2.5`, without trailing zeros.
pub fn format_hours(length: SessionLength) -> String {
    let hours = length.hours();
    if hours.fract() == 0.0 {
        format!("{hours:.0}")
    } else {
        let text = format!("{hours:.2}");
        text.trim_end_matches('0').to_string()
    }
}

impl PolicyValue for Time {
    fn from_toml(value: &Value) -> Result<Self, String> {
        let text = value
            .as_str()
            .ok_or_else(|| format!("expected a time of day like \"10:00\", got {}", kind(value)))?;
        text.parse::<Time>()
            .map_err(|_| format!("expected a time of day like \"10:00\", got \"{text}\""))
    }
    fn to_json(&self) -> serde_json::Value {
        self.strftime("%H:%M").to_string().into()
    }
    fn display(&self) -> String {
        self.strftime("%H:%M").to_string()
    }
}

impl PolicyValue for Currency {
    fn from_toml(value: &Value) -> Result<Self, String> {
        let text = value.as_str().ok_or_else(|| {
            format!(
                "expected an ISO 4217 currency code like \"USD\", got {}",
                kind(value)
            )
        })?;
        Currency::parse(text).map_err(|e| e.to_string())
    }
    fn to_json(&self) -> serde_json::Value {
        self.code().into()
    }
    fn display(&self) -> String {
        self.code().to_string()
    }
}

impl PolicyValue for Verdict {
    fn from_toml(value: &Value) -> Result<Self, String> {
        let expected = "expected \"eligible\", \"review\" or \"not_a_candidate\"";
        let text = value
            .as_str()
            .ok_or_else(|| format!("{expected}, got {}", kind(value)))?;
        Verdict::parse(text).ok_or_else(|| format!("{expected}, got \"{text}\""))
    }
    fn to_json(&self) -> serde_json::Value {
        self.name().into()
    }
    fn display(&self) -> String {
        self.name().to_string()
    }
}

impl PolicyValue for Vec<Medication> {
    fn from_toml(value: &Value) -> Result<Self, String> {
        let array = value
            .as_array()
            .ok_or_else(|| format!("expected a list of medication names, got {}", kind(value)))?;
        array
            .iter()
            .map(|item| {
                let name = item.as_str().ok_or_else(|| {
                    format!("expected a list of medication names, found {}", kind(item))
                })?;
                Medication::parse(name).ok_or_else(|| {
                    format!(
                        "unknown medication \"{name}\"; known: {}",
                        Medication::known_names()
                    )
                })
            })
            .collect()
    }
    fn to_json(&self) -> serde_json::Value {
        self.iter().map(|m| m.name()).collect::<Vec<_>>().into()
    }
    fn display(&self) -> String {
        self.iter().map(|m| m.name()).collect::<Vec<_>>().join(", ")
    }
}

/// What kind of TOML value this is, for error messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "a string",
        Value::Integer(_) => "a whole number",
        Value::Float(_) => "a decimal number",
        Value::Boolean(_) => "true/false",
        Value::Datetime(_) => "a date",
        Value::Array(_) => "a list",
        Value::InlineTable(_) => "a table",
    }
}
