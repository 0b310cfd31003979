//! Authentication and authorisation: password hashes, tokens, roles, the current caller.

pub mod current;
pub mod health;
pub mod password;
pub mod roles;
pub mod token;
