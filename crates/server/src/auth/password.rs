//! Password hashing: argon2id with 19 MiB of memory and 2 passes (the OWASP minimum).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// Memory per hash, KiB.
const MEMORY_KIB: u32 = 19 * 1024;
/// Passes over the memory.
const ITERATIONS: u32 = 2;
/// Lanes.
const PARALLELISM: u32 = 1;
/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

fn hasher() -> Argon2<'static> {
    // The constants are valid parameters; `Params::new` only refuses out-of-range values.
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Why a password could not be set.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PasswordError {
    /// Too short to be safe.
    #[error("the password must be at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    /// The system's random source failed.
    #[error("no random salt could be made: {0}")]
    Random(String),
    /// Hashing failed.
    #[error("the password could not be hashed: {0}")]
    Hash(String),
}

/// Hashes a new password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
///
/// # Errors
/// [`PasswordError::TooShort`] under [`MIN_PASSWORD_CHARS`] characters.
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| PasswordError::Random(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| PasswordError::Hash(e.to_string()))?;
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| PasswordError::Hash(e.to_string()))
}

/// Whether `password` matches a stored hash (false for a hash that does not parse).
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .is_ok_and(|hash| hasher().verify_password(password.as_bytes(), &hash).is_ok())
}

/// A hash of nothing anyone can type, verified when an email is unknown so that a login
/// for a missing account takes as long as one for a real account.
pub fn verify_against_nothing(password: &str) {
    let _ = verify_password(password, DUMMY_HASH);
}

/// A well-formed hash with the production parameters that no password matches in practice.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c21wLWR1bW15LXNhbHQ$\
                          3dWu0cHsO5yqpr0yUu2rXQmzIUz9eBt4JkrAtW6Vv4c";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("correct horse battery").expect("hashed");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse battery!", &hash));
        assert!(!verify_password("correct horse battery", "not a hash"));
    }

    #[test]
    fn the_dummy_hash_parses_so_that_unknown_emails_cost_a_full_hash() {
        let parsed = PasswordHash::new(DUMMY_HASH).expect("parses");
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
    }

    #[test]
    fn a_short_password_is_refused() {
        assert_eq!(hash_password("short"), Err(PasswordError::TooShort));
    }
}
