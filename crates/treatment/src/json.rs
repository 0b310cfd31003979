//! Reading JSON input files with the path of the bad field in every error.

use serde::de::DeserializeOwned;

use crate::error::InputError;

/// Parses `text` (the content of `file`) as `T`.
///
/// # Errors
/// [`InputError`] with the JSON path (`medications[0].name`), line and column of the first
/// problem: malformed JSON, a missing or unknown field, an unknown name, a date that does
/// not exist.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, InputError> {
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
        at: (err.line() > 0).then(|| (err.line(), err.column())),
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
