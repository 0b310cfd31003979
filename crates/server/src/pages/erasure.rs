//! Erasure for owners: the list of clients who asked to be erased, and one client's erasure
//! page, which shows what would go and takes the owner's answer (erase, or decline with a
//! reason the client is sent).

use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::address::ClientAddress;
use crate::auth::roles::Permission;
use crate::client_erasure::{decline as decline_request, erase as erase_client, REASON_MAX};
use crate::error::ApiError;
use crate::extract::parse_id;
use crate::pages::layout::layout;
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::state::AppState;

/// A request, as listed.
struct RequestLine {
    client_id: i64,
    name: String,
    asked: String,
}

#[derive(Template)]
#[template(path = "erasure_requests.html")]
struct RequestsPage {
    layout: Layout,
    requests: Vec<RequestLine>,
    notice: &'static str,
}

/// What the list says after an answer.
#[derive(Debug, Default, Deserialize)]
pub struct Done {
    #[serde(default)]
    done: String,
}

/// `GET /erasure-requests` (owners).
pub async fn list(
    State(state): State<AppState>,
    staff: PageStaff,
    Query(done): Query<Done>,
) -> Result<Response, PageError> {
    staff.require(Permission::EraseClients)?;
    let zone = state.clinic_zone().await;
    let requests = state
        .store
        .erasure_requests()
        .await?
        .into_iter()
        .map(|r| RequestLine {
            client_id: r.client_id,
            name: r.name,
            asked: r
                .requested_at
                .to_zoned(zone.clone())
                .strftime("%a %-d %b %Y, %H:%M")
                .to_string(),
        })
        .collect();
    let notice = match done.done.as_str() {
        "erased" => "The client was erased. The audit log records what went, without their name.",
        "declined" => "The request was declined and the client was sent your reason.",
        _ => "",
    };
    let template = RequestsPage {
        layout: layout(&state, &staff, "Erasure requests").await,
        requests,
        notice,
    };
    Ok(page(StatusCode::OK, &template))
}

#[derive(Template)]
#[template(path = "erasure.html")]
struct ErasurePage {
    layout: Layout,
    client_id: i64,
    name: String,
    asked: String,
    would_erase: String,
    confirm_error: String,
    reason: String,
    reason_error: String,
    reason_max: usize,
}

/// What the owner typed, and what was wrong with it.
#[derive(Default)]
struct Typed {
    confirm_error: String,
    reason: String,
    reason_error: String,
}

async fn render(
    state: &AppState,
    staff: &PageStaff,
    client_id: i64,
    typed: Typed,
    status: StatusCode,
) -> Result<Response, PageError> {
    staff.require(Permission::EraseClients)?;
    let client = state.store.client(client_id).await?;
    let zone = state.clinic_zone().await;
    let asked = state
        .store
        .erasure_requested_at(client_id)
        .await?
        .map(|at| {
            at.to_zoned(zone.clone())
                .strftime("%a %-d %b %Y, %H:%M")
                .to_string()
        })
        .unwrap_or_default();
    let would_erase = state.store.erasure_preview(client_id).await?.describe();
    let template = ErasurePage {
        layout: layout(state, staff, &format!("Erase {}", client.fields.name)).await,
        client_id,
        name: client.fields.name,
        asked,
        would_erase,
        confirm_error: typed.confirm_error,
        reason: typed.reason,
        reason_error: typed.reason_error,
        reason_max: REASON_MAX,
    };
    Ok(page(status, &template))
}

/// `GET /clients/{id}/erasure` (owners).
pub async fn show(
    State(state): State<AppState>,
    staff: PageStaff,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = parse_id("client", &id)?;
    render(&state, &staff, id, Typed::default(), StatusCode::OK).await
}

/// The erase form.
#[derive(Debug, Default, Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /clients/{id}/erase` (owners): erases the client once the box is ticked.
pub async fn erase(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Form(form): Form<EraseForm>,
) -> Result<Response, PageError> {
    staff.require(Permission::EraseClients)?;
    staff.check_csrf(&form.csrf)?;
    let id = parse_id("client", &id)?;
    if form.confirm != "yes" {
        let typed = Typed {
            confirm_error: "confirm: tick the box to erase everything held about this client"
                .to_owned(),
            ..Typed::default()
        };
        return render(&state, &staff, id, typed, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    erase_client(&state, &staff.staff, &address, id).await?;
    Ok(Redirect::to("/erasure-requests?done=erased").into_response())
}

/// The decline form.
#[derive(Debug, Default, Deserialize)]
pub struct DeclineForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
}

/// `POST /clients/{id}/erasure/decline` (owners): declines the request with a reason.
pub async fn decline(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    Form(form): Form<DeclineForm>,
) -> Result<Response, PageError> {
    staff.require(Permission::EraseClients)?;
    staff.check_csrf(&form.csrf)?;
    let id = parse_id("client", &id)?;
    match decline_request(&state, &staff.staff, &address, id, &form.reason).await {
        Ok(()) => Ok(Redirect::to("/erasure-requests?done=declined").into_response()),
        Err(ApiError::Invalid { field, message }) => {
            let typed = Typed {
                reason: form.reason,
                reason_error: format!("{field}: {message}"),
                ..Typed::default()
            };
            render(&state, &staff, id, typed, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(other) => Err(PageError(other)),
    }
}
