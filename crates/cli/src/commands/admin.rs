//! `smp admin`: staff accounts and API tokens, straight in the database.

use std::io::BufRead;

use smp_server::auth::password::hash_password;
use smp_server::auth::token::{hash_secret, new_api_token};
use smp_store::{NewStaff, Role, Store, StoreError};

use crate::commands::runtime::block_on;
use crate::failure::Failure;
use crate::inputs::emit;

/// Creates a staff account with the password on the first line of standard input.
pub fn create_user(url: &str, email: &str, role: Role, name: Option<&str>) -> Result<(), Failure> {
    let email = email.trim();
    if !email.contains('@') || email.contains(char::is_whitespace) {
        return Err(Failure::BadInput(format!(
            "--email: {email:?} is not an email address"
        )));
    }
    let password = read_password()?;
    let hash = hash_password(&password).map_err(|e| Failure::BadInput(format!("password: {e}")))?;
    block_on(async {
        let store = open(url).await?;
        let new = NewStaff {
            email,
            name: name.unwrap_or(email),
            role,
            password_hash: &hash,
        };
        let made = store
            .create_staff(&new, jiff::Timestamp::now())
            .await
            .map_err(|e| match e {
                StoreError::Duplicate { .. } => {
                    Failure::BadInput(format!("--email: an account for {email} already exists"))
                }
                other => Failure::Internal(other.to_string()),
            })?;
        store.close().await;
        emit(&format!(
            "created {} account {} (id {})\n",
            made.role.name(),
            made.email,
            made.id
        ))?;
        Ok(())
    })
}

/// Prints a new API token for an account; only its hash is stored.
pub fn token(url: &str, email: &str, label: &str) -> Result<(), Failure> {
    block_on(async {
        let store = open(url).await?;
        let staff = store
            .staff_by_email(email)
            .await
            .map_err(|e| Failure::Internal(e.to_string()))?
            .ok_or_else(|| {
                Failure::BadInput(format!("--email: there is no account for {email}"))
            })?;
        if staff.deactivated_at.is_some() {
            return Err(Failure::BadInput(format!(
                "--email: the account for {email} is switched off"
            )));
        }
        let token = new_api_token()
            .map_err(|e| Failure::Internal(format!("no random token could be made: {e}")))?;
        store
            .create_api_token(
                staff.id,
                &hash_secret(&token),
                label,
                jiff::Timestamp::now(),
            )
            .await
            .map_err(|e| Failure::Internal(e.to_string()))?;
        store.close().await;
        emit(&format!("{token}\n"))?;
        Ok(())
    })
}

async fn open(url: &str) -> Result<Store, Failure> {
    Store::open(url).await.map_err(|e| match e {
        StoreError::UnsupportedUrl(_) => Failure::BadInput(format!("--database-url: {e}")),
        other => Failure::Internal(format!("cannot open the database: {other}")),
    })
}

/// The first line of standard input, without its line ending.
fn read_password() -> Result<String, Failure> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Failure::BadInput(format!("password: cannot read standard input: {e}")))?;
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    if password.is_empty() {
        return Err(Failure::BadInput(
            "password: give the new password on standard input (one line)".to_owned(),
        ));
    }
    Ok(password)
}
