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
