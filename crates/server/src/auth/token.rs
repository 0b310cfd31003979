//! Random secrets (API tokens, session ids, CSRF tokens) and how they are stored: only as a
//! SHA-256 hash, so a copy of the database logs no one in.

use sha2::{Digest, Sha256};

/// The prefix of API tokens, so that one is recognised when pasted somewhere it should
/// not be.
pub const API_TOKEN_PREFIX: &str = "smp_";

/// A new random secret: 32 bytes from the system's source, in hex.
///
/// # Errors
/// When the system's random source fails.
pub fn random_secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(hex(&bytes))
}

/// [`random_secret`] for a request handler: a failing random source is a 500.
///
/// # Errors
/// [`ApiError::Internal`] when the system's random source fails.
pub fn fresh_secret() -> Result<String, crate::error::ApiError> {
    random_secret().map_err(|e| crate::error::ApiError::Internal(e.to_string()))
}

/// Whether `text` has the shape of a [`random_secret`] (64 hex digits): anything else is
/// refused before the database is asked.
pub fn has_secret_shape(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A new API token (`smp_` and 64 hex digits).
///
/// # Errors
/// When the system's random source fails.
pub fn new_api_token() -> Result<String, getrandom::Error> {
    Ok(format!("{API_TOKEN_PREFIX}{}", random_secret()?))
}

/// The stored form of a secret: its SHA-256 in hex.
pub fn hash_secret(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_stored_hashed() {
        let a = new_api_token().expect("random");
        let b = new_api_token().expect("random");
        assert_ne!(a, b);
        assert_eq!(a.len(), 4 + 64);
        assert_eq!(
            hash_secret("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
