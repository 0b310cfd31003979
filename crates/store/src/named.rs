//! Text columns that hold one of a fixed set of names (a view, a consent, a sun exposure),
//! read back into their Rust enums.

use sqlx::any::AnyRow;
use sqlx::Row;

/// The name stored in `column`, parsed by `parse`; a name `parse` does not know is a
/// decode error naming the column.
pub(crate) fn named<T>(
    row: &AnyRow,
    column: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, sqlx::Error> {
    let text: String = row.try_get(column)?;
    parse_named(column, &text, parse)
}

/// As [`named`], for a column that may be NULL.
pub(crate) fn optional_named<T>(
    row: &AnyRow,
    column: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>, sqlx::Error> {
    let text: Option<String> = row.try_get(column)?;
    text.map(|t| parse_named(column, &t, parse)).transpose()
}

fn parse_named<T>(
    column: &str,
    text: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, sqlx::Error> {
    parse(text).ok_or_else(|| sqlx::Error::ColumnDecode {
        index: column.to_owned(),
        source: format!("{text:?} is not a known {column}").into(),
    })
}
