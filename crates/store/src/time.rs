//! Instants as stored: whole seconds since 1970-01-01 UTC in a BIGINT column.

use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

/// Reads an instant column.
pub(crate) fn instant(row: &AnyRow, column: &str) -> Result<Timestamp, sqlx::Error> {
    let seconds: i64 = row.try_get(column)?;
    to_timestamp(column, seconds)
}

/// Reads a nullable instant column.
pub(crate) fn optional_instant(
    row: &AnyRow,
    column: &str,
) -> Result<Option<Timestamp>, sqlx::Error> {
    let seconds: Option<i64> = row.try_get(column)?;
    seconds.map(|s| to_timestamp(column, s)).transpose()
}

fn to_timestamp(column: &str, seconds: i64) -> Result<Timestamp, sqlx::Error> {
    Timestamp::from_second(seconds).map_err(|e| sqlx::Error::ColumnDecode {
        index: column.to_owned(),
        source: Box::new(e),
    })
}
