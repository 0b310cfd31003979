//! The audit log for owners.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::auth::roles::Permission;
use crate::pages::layout::layout;
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::state::AppState;

/// The newest entries shown.
const SHOWN: i64 = 500;

struct Entry {
    when: String,
    actor: String,
    action: String,
    subject: String,
    address: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    layout: Layout,
    zone: String,
    entries: Vec<Entry>,
}

/// `GET /audit` (owners).
pub async fn log(State(state): State<AppState>, staff: PageStaff) -> Result<Response, PageError> {
    staff.require(Permission::ReadAudit)?;
    let zone = state.clinic_zone().await;
    let entries = state
        .store
        .audit_log(SHOWN)
        .await?
        .into_iter()
        .map(|r| Entry {
            when: r
                .at
                .to_zoned(zone.clone())
                .strftime("%Y-%m-%d %H:%M:%S")
                .to_string(),
            actor: r.entry.actor,
            action: r.entry.action.replace('_', " "),
            subject: match r.entry.subject_id {
                Some(id) => format!("{} {id}", r.entry.subject.replace('_', " ")),
                None => r.entry.subject.replace('_', " "),
            },
            address: r.entry.address,
            detail: r.entry.detail,
        })
        .collect();
    let template = AuditPage {
        layout: layout(&state, &staff, "Audit log").await,
        zone: zone.iana_name().unwrap_or("UTC").to_owned(),
        entries,
    };
    Ok(page(StatusCode::OK, &template))
}
