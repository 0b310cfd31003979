//! Keeping waiting messages true to what they were written from: after a client's details,
//! the clinic's wording or its policy change, every affected client's messages are written
//! afresh ([`smp_store::Store::refresh_messages`]).

use smp_store::Refreshed;

use crate::error::ApiError;
use crate::reminder_mail::{or_none, ClinicReminders};
use crate::state::AppState;

/// Writes the waiting messages of `client_id` afresh.
///
/// # Errors
/// The store's.
pub async fn refresh_client(state: &AppState, client_id: i64) -> Result<Refreshed, ApiError> {
    let clinic = ClinicReminders::load(state).await?;
    refresh_with(state, &clinic, client_id).await
}

/// Writes the waiting messages of every client with a booked appointment afresh; returns
/// what changed, summed.
///
/// # Errors
/// The store's.
pub async fn refresh_everyone(state: &AppState) -> Result<Refreshed, ApiError> {
    let clinic = ClinicReminders::load(state).await?;
    let mut total = Refreshed::default();
    for client_id in state.store.clients_with_appointments().await? {
        total += refresh_with(state, &clinic, client_id).await?;
    }
    Ok(total)
}

async fn refresh_with(
    state: &AppState,
    clinic: &ClinicReminders,
    client_id: i64,
) -> Result<Refreshed, ApiError> {
    let reminders = clinic.of_client(state, client_id).await?;
    Ok(state
        .store
        .refresh_messages(client_id, or_none(&reminders), state.clock.now())
        .await?)
}
