//! Merging two records of one person, shared by the API and the pages: an owner's decision,
//! after which the kept record's waiting messages are written afresh for its details.

use smp_store::{ClientHoldings, Staff};

use crate::auth::health::by_staff;
use crate::auth::roles::{require, Permission};
use crate::error::ApiError;
use crate::reminder_refresh::refresh_client;
use crate::state::AppState;

/// Refuses to merge a record into itself.
///
/// # Errors
/// [`ApiError::Invalid`] naming `into`.
pub fn check_pair(from: i64, into: i64) -> Result<(), ApiError> {
    if from == into {
        return Err(ApiError::invalid(
            "into",
            "choose another client: a record cannot be merged into itself",
        ));
    }
    Ok(())
}

/// Merges client `from` into client `into` and returns what moved.
///
/// # Errors
/// [`ApiError::Forbidden`]; [`ApiError::Invalid`] naming `into` when it is `from`;
/// [`ApiError::NotFound`] for an unknown client.
pub async fn merge(
    state: &AppState,
    staff: &Staff,
    address: &str,
    from: i64,
    into: i64,
) -> Result<ClientHoldings, ApiError> {
    require(staff, Permission::MergeClients)?;
    check_pair(from, into)?;
    let moved = state
        .store
        .merge_clients(from, into, &by_staff(staff, address), state.clock.now())
        .await?;
    // The moved messages now go to the kept record's name and address.
    refresh_client(state, into).await?;
    Ok(moved)
}
