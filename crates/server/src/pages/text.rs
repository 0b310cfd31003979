//! Small wordings shared by the pages.

use smp_treatment::{Currency, Money};

/// `text` with its first letter upper case (a message shown on its own).
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// An amount in minor units of `currency` shown for people (`GBP 1,100.00`).
pub fn money(minor: i64, currency: &str) -> String {
    match Currency::parse(currency) {
        Ok(c) => Money::new(minor, c).to_string(),
        Err(_) => format!("{currency} {minor}"),
    }
}

/// An amount typed in major units (`450`, `450.5`, `1,450.00`) as minor units; a refusal
/// says why, for the caller to put by its field.
pub fn parse_amount(text: &str, decimals: u32) -> Result<i64, String> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != ' ')
        .collect();
    let refuse = || format!("{:?} is not an amount such as 450.00", text.trim());
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > decimals as usize
    {
        return Err(refuse());
    }
    let scale = 10i64.pow(decimals);
    let whole: i64 = whole.parse().map_err(|_| refuse())?;
    let padded = format!("{fraction:0<width$}", width = decimals as usize);
    let fraction: i64 = if padded.is_empty() {
        0
    } else {
        padded.parse().map_err(|_| refuse())?
    };
    whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(fraction))
        .ok_or_else(refuse)
}

/// Minor units as the major-unit text a form shows (`45000`, 2 decimals → `450.00`).
pub fn major_units(minor: i64, decimals: u32) -> String {
    if decimals == 0 {
        return minor.to_string();
    }
    let scale = 10i64.pow(decimals);
    let sign = if minor < 0 { "-" } else { "" };
    let width = decimals as usize;
    format!(
        "{sign}{}.{:0width$}",
        (minor / scale).abs(),
        (minor % scale).abs()
    )
}

#[cfg(test)]
mod tests {
    use super::{major_units, parse_amount};

    #[test]
    fn minor_units_read_back_as_they_are_typed() {
        assert_eq!(major_units(45_000, 2), "450.00");
        assert_eq!(major_units(7, 2), "0.07");
        assert_eq!(major_units(5000, 0), "5000");
        for minor in [0, 5, 99, 100, 123_456] {
            assert_eq!(parse_amount(&major_units(minor, 2), 2), Ok(minor));
        }
    }

    #[test]
    fn amounts_are_read_in_major_units_into_minor_units() {
        assert_eq!(parse_amount("450", 2), Ok(45_000));
        assert_eq!(parse_amount("1,450.5", 2), Ok(145_050));
        assert_eq!(parse_amount("0.07", 2), Ok(7));
        assert_eq!(parse_amount("5000", 0), Ok(5000));
        assert!(parse_amount("4.505", 2).is_err());
        assert!(parse_amount("-3", 2).is_err());
        assert!(parse_amount("", 2).is_err());
        assert!(parse_amount("12.5", 0).is_err());
    }
}
