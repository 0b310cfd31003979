//! Reading the files a command is given.

use std::path::Path;

use jiff::tz::TimeZone;
use smp_treatment::Policy;

use crate::failure::Failure;

/// Reads a file whole, or says which file could not be read.
pub fn read(path: &Path, what: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|err| {
        Failure::BadInput(format!("cannot read the {what} {}: {err}", path.display()))
    })
}

/// The policy: the defaults, or a clinic file over them.
pub fn policy(path: Option<&Path>) -> Result<Policy, Failure> {
    match path {
        None => Ok(Policy::default()),
        Some(path) => {
            let text = read(path, "policy file")?;
            Ok(Policy::from_toml(&path.display().to_string(), &text)?)
        }
    }
}

/// The zone given, or the system's (UTC when the system has none).
pub fn zone(given: Option<TimeZone>) -> TimeZone {
    given.unwrap_or_else(|| TimeZone::try_system().unwrap_or(TimeZone::UTC))
}

/// Prints a value as pretty JSON.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|err| Failure::Internal(format!("cannot write JSON: {err}")))?;
    text.push('\n');
    emit(&text)
}

/// Writes a command's text output to stdout; a closed pipe (`smp plan | head`) is not an error.
pub fn emit(text: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => Err(Failure::Internal(format!("cannot write the output: {err}"))),
    }
}

/// Appends one formatted line to a command's output.
macro_rules! outln {
    ($out:expr) => {
        $out.push('\n')
    };
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}

pub(crate) use outln;
