//! Reading JSON input files with the path of the bad field in every error.

use serde::de::DeserializeOwned;

use crate::error::InputError;

/// Parses `text` (the content of `file`) as `T`.
///
/// It also requires a JSON object (not a list) at each of `objects`: serde reads a JSON
/// list into a struct field by field, so `[]` would pass as an empty questionnaire. Each
/// pattern is a dotted path whose `[]` segments mean "every element":
/// `""` is the whole file, `"medications[]"` every medication, `"[]"` every element of a
/// top-level list.
///
/// # Errors
/// [`InputError`] with the JSON path (`medications[0].name`), line and column of the first
/// problem: malformed JSON, a missing or unknown field, an unknown name, a date that does
/// not exist, a list where an object belongs.
pub fn parse<T: DeserializeOwned>(
    file: &str,
    text: &str,
    objects: &[&str],
) -> Result<T, InputError> {
    // Malformed JSON is left to the typed parse below, which reports it with its position.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        for pattern in objects {
            require_objects(file, &value, pattern, String::new())?;
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        input_error(file, path, &inner)
    })?;
    deserializer
        .end()
        .map_err(|err| input_error(file, ".".into(), &err))?;
    Ok(value)
}

fn input_error(file: &str, path: String, err: &serde_json::Error) -> InputError {
    // serde_json appends " at line L column C" to its messages; we report those separately.
    let text = err.to_string();
    let message = match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    };
    let message = if err.is_eof() {
        format!("the file ends too early: {message}")
    } else if err.is_syntax() {
        format!("not valid JSON: {message}")
    } else {
        message
    };
    InputError {
        file: file.to_string(),
        path,
        at: (err.line() > 0).then(|| (err.line(), err.column().max(1))),
        message,
    }
}

/// An error about one field found after parsing, when the parser's position is gone.
pub fn field_error(file: &str, path: impl Into<String>, message: impl Into<String>) -> InputError {
    InputError {
        file: file.to_string(),
        path: path.into(),
        at: None,
        message: message.into(),
    }
}

/// Checks that every value `pattern` reaches is an object.
fn require_objects(
    file: &str,
    value: &serde_json::Value,
    pattern: &str,
    path: String,
) -> Result<(), InputError> {
    let (head, rest) = match pattern.split_once('.') {
        Some((head, rest)) => (head, rest),
        None => (pattern, ""),
    };
    if head.is_empty() {
        return if value.is_object() {
            Ok(())
        } else {
            let at = if path.is_empty() {
                ".".to_string()
            } else {
                path
            };
            Err(field_error(
                file,
                at,
                format!("expected an object {{...}}, found {}", kind(value)),
            ))
        };
    }
    let (name, every) = match head.strip_suffix("[]") {
        Some(name) => (name, true),
        None => (head, false),
    };
    let join = |path: &str, name: &str| {
        if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        }
    };
    let (field, field_path) = if name.is_empty() {
        (Some(value), path.clone())
    } else {
        (value.get(name), join(&path, name))
    };
    let Some(field) = field else {
        return Ok(());
    };
    if every {
        if let Some(items) = field.as_array() {
            for (i, item) in items.iter().enumerate() {
                require_objects(file, item, rest, format!("{field_path}[{i}]"))?;
            }
        }
        Ok(())
    } else {
        require_objects(file, field, rest, field_path)
    }
}

/// What kind of JSON value this is, for error messages.
fn kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "true/false",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}
