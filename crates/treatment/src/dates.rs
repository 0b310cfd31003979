//! Small calendar helpers shared by screening, planning and care.

use jiff::civil::Date;
use jiff::{Span, ToSpan};

/// `date` moved by `days` (negative for earlier), clamped to the calendar's range.
pub fn add_days(date: Date, days: i64) -> Date {
    add(date, days.days())
}

/// `date` moved by whole months (the last day of a shorter month when the day is missing),
/// clamped to the calendar's range.
pub fn add_months(date: Date, months: u32) -> Date {
    add(date, i64::from(months).months())
}

/// `date` moved by whole years, clamped to the calendar's range.
pub fn add_years(date: Date, years: u32) -> Date {
    add(date, i64::from(years).years())
}

fn add(date: Date, span: Span) -> Date {
    date.checked_add(span).unwrap_or(if span.is_negative() {
        Date::MIN
    } else {
        Date::MAX
    })
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    // `Date::until` counts in days unless asked for larger units, so this is exact.
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

/// A date as a client reads it: `Tue 9 Dec 2026`.
pub fn human(date: Date) -> String {
    date.strftime("%a %-d %b %Y").to_string()
}
