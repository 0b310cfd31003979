//! Two records of one person.
//!
//! - `GET /api/v1/clients/{id}/duplicates` (staff who see clients): the other records that
//!   look like the same person (the same email, or the same name and date of birth), each a
//!   client with `"shared": "email"` or `"name_and_date_of_birth"`.
//! - `POST /api/v1/clients/{id}/merge` (owners), body `{"into": 12}`: everything held under
//!   client `id` moves to client 12 and client `id` goes; 200 with what moved, counted.

use axum::extract::{Path, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use smp_store::{PossibleDuplicate, SharedKey};

use crate::address::ClientAddress;
use crate::api::clients::ClientView;
use crate::api::erasure::HoldingsView;
use crate::auth::current::CurrentStaff;
use crate::auth::roles::Permission;
use crate::client_merge::merge as merge_clients;
use crate::error::ApiError;
use crate::extract::{parse_id, ApiJson};
use crate::state::AppState;

/// A record that looks like the same person: the client, with `"shared"` saying what the
/// two records share, `"email"` or `"name_and_date_of_birth"` (the email when both do).
#[derive(Debug, Serialize)]
pub struct DuplicateView {
    #[serde(flatten)]
    client: ClientView,
    shared: &'static str,
}

impl From<PossibleDuplicate> for DuplicateView {
    fn from(found: PossibleDuplicate) -> Self {
        DuplicateView {
            client: found.client.into(),
            shared: match found.shared {
                SharedKey::Email => "email",
                SharedKey::NameAndDateOfBirth => "name_and_date_of_birth",
            },
        }
    }
}

/// `GET /api/v1/clients/{id}/duplicates`: oldest first; empty when there are none.
pub async fn duplicates(
    State(state): State<AppState>,
    staff: CurrentStaff,
    Path(id): Path<String>,
) -> Result<Json<Vec<DuplicateView>>, ApiError> {
    staff.require(Permission::SeeClients)?;
    let id = parse_id("client", &id)?;
    // An unknown client is a 404, not an empty list.
    state.store.client(id).await?;
    let found = state.store.possible_duplicates(id).await?;
    Ok(Json(found.into_iter().map(Into::into).collect()))
}

/// The body of a merge.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeBody {
    into: i64,
}

/// `POST /api/v1/clients/{id}/merge` (owners).
pub async fn merge(
    State(state): State<AppState>,
    staff: CurrentStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MergeBody>,
) -> Result<Json<HoldingsView>, ApiError> {
    let id = parse_id("client", &id)?;
    let moved = merge_clients(&state, &staff.0, &address, id, body.into).await?;
    Ok(Json(moved.into()))
}
