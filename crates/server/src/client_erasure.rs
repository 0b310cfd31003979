//! The owner's answer to a request to be erased, shared by the API and the pages: erase
//! (everything goes, one audit entry stays) or decline with a reason the client is sent.

use smp_store::{ClientHoldings, Staff};

use crate::auth::health::by_staff;
use crate::auth::roles::{require, Permission};
use crate::error::ApiError;
use crate::pages::layout::clinic_name;
use crate::reminder_mail::{letter, Recipient};
use crate::state::AppState;

/// The longest reason for declining, in characters.
pub const REASON_MAX: usize = 2000;

/// Refuses staff who may not erase clients.
///
/// # Errors
/// [`ApiError::Forbidden`].
pub fn require_eraser(staff: &Staff) -> Result<(), ApiError> {
    require(staff, Permission::EraseClients)
}

/// Erases a client (with or without their request) and returns what went.
///
/// # Errors
/// [`ApiError::Forbidden`], [`ApiError::NotFound`].
pub async fn erase(
    state: &AppState,
    staff: &Staff,
    address: &str,
    client_id: i64,
) -> Result<ClientHoldings, ApiError> {
    require_eraser(staff)?;
    let photos = state.store.photos_of_client(client_id).await?;
    let erased = state
        .store
        .erase_client(client_id, &by_staff(staff, address), state.clock.now())
        .await?;
    // Nothing of the photos stays in the studio's memory either.
    for photo in photos {
        state.studio.forget_photo(photo.id);
    }
    Ok(erased)
}

/// The reason for declining, checked: present and not too long.
///
/// # Errors
/// [`ApiError::Invalid`] naming `reason`.
pub fn check_reason(reason: &str) -> Result<String, ApiError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ApiError::invalid(
            "reason",
            "say why the request is declined: the client is sent it",
        ));
    }
    if reason.chars().count() > REASON_MAX {
        return Err(ApiError::invalid(
            "reason",
            format!("at most {REASON_MAX} characters"),
        ));
    }
    Ok(reason.to_owned())
}

/// Declines a client's request to be erased and sends them the reason by email.
///
/// # Errors
/// [`ApiError::Forbidden`], [`ApiError::Invalid`] (`reason`), [`ApiError::NotFound`] when
/// the client has no open request.
pub async fn decline(
    state: &AppState,
    staff: &Staff,
    address: &str,
    client_id: i64,
    reason: &str,
) -> Result<(), ApiError> {
    require_eraser(staff)?;
    let reason = check_reason(reason)?;
    let client = state.store.client(client_id).await?;
    let now = state.clock.now();
    state
        .store
        .decline_erasure(client_id, &reason, &by_staff(staff, address), now)
        .await?;
    if client.fields.email.trim().is_empty() {
        return Ok(());
    }
    let clinic = clinic_name(state).await;
    let lines = vec![
        "You asked us to erase everything we hold about you. We cannot do that yet, for this reason:".to_owned(),
        reason,
        "You can ask again from your client portal at any time, or reply to this email.".to_owned(),
    ];
    let message = letter(
        format!("erasure-declined-{}", now.as_second()),
        Recipient {
            email: &client.fields.email,
            name: &client.fields.name,
        },
        &clinic,
        "Your request to be erased".to_owned(),
        &lines,
        now,
    );
    state.store.enqueue(Some(client_id), &message, now).await?;
    Ok(())
}
