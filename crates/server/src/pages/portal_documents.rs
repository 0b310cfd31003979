//! What a client takes away from the portal: the invoice of one of their courses, and
//! everything the clinic holds about them as JSON.

use axum::extract::{Path, State};
use axum::response::Response;
use smp_store::AuditEntry;

use crate::address::ClientAddress;
use crate::client_export::{attachment, export as gather};
use crate::pages::course_page::invoice_page;
use crate::pages::portal_session::PortalClient;
use crate::pages::render::PageError;
use crate::state::AppState;

/// `GET /portal/courses/{id}/invoice`: the printable invoice of one of the client's own
/// courses (another's is 404, as if it did not exist).
pub async fn invoice(
    State(state): State<AppState>,
    portal: PortalClient,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let course = portal.own_course(&state, &id).await?;
    invoice_page(
        &state,
        &course,
        &portal.client,
        "/portal/home".to_owned(),
        "Back to your portal",
    )
    .await
}

/// `GET /portal/export.json`: everything the clinic holds about the client, as a file to
/// keep; the download is audited.
pub async fn export(
    State(state): State<AppState>,
    portal: PortalClient,
    ClientAddress(address): ClientAddress,
) -> Result<Response, PageError> {
    let id = portal.client.id;
    let document = gather(&state, portal.client).await?;
    let entry = AuditEntry {
        staff_id: None,
        actor: "client (portal)".to_owned(),
        action: "export".to_owned(),
        subject: "client".to_owned(),
        subject_id: Some(id),
        detail: "the client downloaded their data".to_owned(),
        address,
    };
    state.store.audit(&entry, state.clock.now()).await?;
    Ok(attachment(document))
}
