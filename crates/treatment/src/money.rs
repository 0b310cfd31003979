//! Money in integer minor units with an ISO 4217 currency, and the quote of a course.

use serde::Serialize;

use crate::error::InvalidValue;

/// An ISO 4217 currency code: three upper-case ASCII letters such as `USD` or `EUR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency([u8; 3]);

/// Currencies whose minor unit is the whole unit (no cents).
const ZERO_DECIMAL: &[&str] = &[
    "BIF", "CLP", "ISK", "JPY", "KRW", "PYG", "UGX", "VND", "XAF", "XOF",
];

impl Currency {
    /// US dollars, the currency of the prices in the sources.
    pub const USD: Currency = Currency(*b"USD");

    /// Reads a code of three upper-case letters.
    ///
    /// # Errors
    /// [`InvalidValue`] when the text is not three letters A-Z.
    pub fn parse(text: &str) -> Result<Currency, InvalidValue> {
        let bytes = text.as_bytes();
        if bytes.len() == 3 && bytes.iter().all(u8::is_ascii_uppercase) {
            Ok(Currency([bytes[0], bytes[1], bytes[2]]))
        } else {
            Err(InvalidValue(format!(
                "expected an ISO 4217 currency code of three capital letters like \"USD\", got \"{text}\""
            )))
        }
    }

    /// The three-letter code.
    pub fn code(&self) -> &str {
        // Only ASCII upper-case letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    /// How many decimal places the currency's minor unit has (2 for USD, 0 for JPY).
    pub fn decimals(&self) -> u32 {
        if ZERO_DECIMAL.contains(&self.code()) {
            0
        } else {
            2
        }
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// An amount in integer minor units (cents) of one currency. Never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Money {
    /// The amount in minor units; negative for a credit.
    pub minor: i64,
    /// The currency.
    pub currency: Currency,
}

impl Money {
    /// An amount of minor units in a currency.
    pub fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// Adds two amounts of the same currency.
    pub fn plus(self, other: Money) -> Money {
        debug_assert_eq!(self.currency, other.currency);
        Money::new(self.minor.saturating_add(other.minor), self.currency)
    }
}

impl std::fmt::Display for Money {
    /// Formats as `USD 1,234.50` or `-USD 50.00`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.minor < 0 { "-" } else { "" };
        let magnitude = self.minor.unsigned_abs();
        let decimals = self.currency.decimals();
        let scale = 10u64.pow(decimals);
        let whole = group_thousands(magnitude / scale);
        if decimals == 0 {
            write!(f, "{sign}{} {whole}", self.currency.code())
        } else {
            let cents = magnitude % scale;
            write!(
                f,
                "{sign}{} {whole}.{cents:0width$}",
                self.currency.code(),
                width = decimals as usize
            )
        }
    }
}

/// Writes a whole number with commas every three digits.
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One line of a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteLine {
    /// What the line is for, e.g. "Session 2".
    pub label: String,
    /// Its amount; negative for the consultation credit.
    pub amount: Money,
}

/// The price of a course: a line per session, the consultation credit, and the total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The lines, sessions first, then any credit.
    pub lines: Vec<QuoteLine>,
    /// The sum of the lines, never below zero.
    pub total: Money,
    /// The currency of every amount.
    pub currency: Currency,
}

impl Quote {
    /// Builds a quote from per-session prices and an optional consultation credit.
    pub fn new(
        session_prices: &[Money],
        consultation_credit: Option<Money>,
        currency: Currency,
    ) -> Quote {
        let mut lines: Vec<QuoteLine> = session_prices
            .iter()
            .enumerate()
            .map(|(i, price)| QuoteLine {
                label: format!("Session {}", i + 1),
                amount: *price,
            })
            .collect();
        if let Some(credit) = consultation_credit.filter(|c| c.minor > 0) {
            lines.push(QuoteLine {
                label: "Consultation fee credited".to_string(),
                amount: Money::new(-credit.minor, currency),
            });
        }
        let sum = lines
            .iter()
            .fold(Money::new(0, currency), |acc, line| acc.plus(line.amount));
        let total = Money::new(sum.minor.max(0), currency);
        Quote {
            lines,
            total,
            currency,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_formatted_with_thousands_and_cents() {
        assert_eq!(
            Money::new(385_000, Currency::USD).to_string(),
            "USD 3,850.00"
        );
        assert_eq!(Money::new(-5_000, Currency::USD).to_string(), "-USD 50.00");
        let yen = Currency::parse("JPY").unwrap();
        assert_eq!(Money::new(120_000, yen).to_string(), "JPY 120,000");
    }

    #[test]
    fn currency_codes_must_be_three_capital_letters() {
        assert!(Currency::parse("EUR").is_ok());
        let err = Currency::parse("euro").unwrap_err();
        assert!(err.to_string().contains("three capital letters"), "{err}");
    }

    #[test]
    fn a_quote_credits_the_consultation_and_totals() {
        let usd = Currency::USD;
        let quote = Quote::new(
            &[Money::new(60_000, usd), Money::new(60_000, usd)],
            Some(Money::new(5_000, usd)),
            usd,
        );
        assert_eq!(quote.lines.len(), 3);
        assert_eq!(quote.total.minor, 115_000);
    }
}
