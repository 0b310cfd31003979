//! Merging two records of one person, for owners: the page that shows both records and
//! what would move, and the answer. The client's page points here from its notice of a
//! possible duplicate.

use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::tz::TimeZone;
use serde::Deserialize;
use smp_store::{Client, SharedKey};

use crate::address::ClientAddress;
use crate::auth::roles::Permission;
use crate::client_merge::{check_pair, merge as merge_clients};
use crate::extract::parse_id;
use crate::pages::layout::layout;
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::state::AppState;

/// A record that looks like the same person, as the client's page lists it.
pub struct DuplicateLine {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// What the two records share ("the same email").
    pub shared: &'static str,
    /// The day it was made, in the clinic's zone.
    pub since: String,
}

/// The other records that look like the same person as `client`.
///
/// # Errors
/// The store's.
pub async fn duplicate_lines(
    state: &AppState,
    client: &Client,
    zone: &TimeZone,
) -> Result<Vec<DuplicateLine>, PageError> {
    Ok(state
        .store
        .possible_duplicates(client.id)
        .await?
        .into_iter()
        .map(|found| DuplicateLine {
            id: found.client.id,
            shared: match found.shared {
                SharedKey::Email => "the same email",
                SharedKey::NameAndDateOfBirth => "the same name and date of birth",
            },
            since: found
                .client
                .created_at
                .to_zoned(zone.clone())
                .date()
                .to_string(),
            name: found.client.fields.name,
        })
        .collect())
}

/// One of the two records, as the merge page shows it.
struct RecordLine {
    id: i64,
    name: String,
    contact: String,
    since: String,
}

impl RecordLine {
    fn of(client: &Client, zone: &TimeZone) -> RecordLine {
        let contact = [&client.fields.email, &client.fields.phone]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        RecordLine {
            id: client.id,
            name: client.fields.name.clone(),
            contact: if contact.is_empty() {
                "no email or phone".to_owned()
            } else {
                contact
            },
            since: client.created_at.to_zoned(zone.clone()).date().to_string(),
        }
    }
}

#[derive(Template)]
#[template(path = "merge.html")]
struct MergePage {
    layout: Layout,
    gone: RecordLine,
    kept: RecordLine,
    would_move: String,
    confirm_error: String,
}

/// Which record is kept.
#[derive(Debug, Default, Deserialize)]
pub struct KeptRecord {
    #[serde(default)]
    into: String,
}

/// The merge page for the pair; the callers have checked that `staff` may merge.
async fn render(
    state: &AppState,
    staff: &PageStaff,
    (from, into): (i64, i64),
    confirm_error: String,
    status: StatusCode,
) -> Result<Response, PageError> {
    let (gone, kept) = (
        state.store.client(from).await?,
        state.store.client(into).await?,
    );
    let zone = state.clinic_zone().await;
    let would_move = state.store.merge_preview(from).await?;
    let template = MergePage {
        layout: layout(state, staff, &format!("Merge {}", gone.fields.name)).await,
        gone: RecordLine::of(&gone, &zone),
        kept: RecordLine::of(&kept, &zone),
        would_move: would_move.describe(),
        confirm_error,
    };
    Ok(page(status, &template))
}

/// The two records named by the path and the `into` field, checked as a pair.
fn the_two(id: &str, into: &str) -> Result<(i64, i64), PageError> {
    let pair = (parse_id("client", id)?, parse_id("into", into)?);
    check_pair(pair.0, pair.1)?;
    Ok(pair)
}

/// `GET /clients/{id}/merge?into=N` (owners): both records and what would move.
pub async fn show(
    State(state): State<AppState>,
    staff: PageStaff,
    Path(id): Path<String>,
    Query(kept): Query<KeptRecord>,
) -> Result<Response, PageError> {
    staff.require(Permission::MergeClients)?;
    let pair = the_two(&id, &kept.into)?;
    render(&state, &staff, pair, String::new(), StatusCode::OK).await
}

/// The merge form.
#[derive(Debug, Default, Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    into: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /clients/{id}/merge` (owners): merges once the box is ticked, then shows the kept
/// record.
pub async fn merge(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Form(form): Form<MergeForm>,
) -> Result<Response, PageError> {
    staff.require(Permission::MergeClients)?;
    staff.check_csrf(&form.csrf)?;
    let (from, into) = the_two(&id, &form.into)?;
    if form.confirm != "yes" {
        let error = "confirm: tick the box to merge the two records into one".to_owned();
        return render(
            &state,
            &staff,
            (from, into),
            error,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    merge_clients(&state, &staff.staff, &address, from, into).await?;
    Ok(Redirect::to(&format!("/clients/{into}?merged={from}")).into_response())
}
