//! Who may see a client's health data, and the audit entry of every access to it.

use smp_store::{AuditEntry, Client, Role, Staff};

use crate::auth::roles::{allows, Permission};
use crate::error::ApiError;
use crate::state::AppState;

/// Refuses unless `staff` may see `client`'s health data: owners always, practitioners for
/// their own clients and clients not yet assigned, front desk never.
///
/// # Errors
/// [`ApiError::Forbidden`].
pub async fn require_health_access(
    state: &AppState,
    staff: &Staff,
    client: &Client,
) -> Result<(), ApiError> {
    if !allows(staff.role, Permission::HealthData) {
        return Err(ApiError::Forbidden {
            role: staff.role.name(),
            action: Permission::HealthData.action(),
        });
    }
    if staff.role != Role::Practitioner {
        return Ok(());
    }
    let mine = state.store.practitioner_of_staff(staff.id).await?;
    match client.fields.practitioner_id {
        None => Ok(()),
        Some(assigned) if Some(assigned) == mine => Ok(()),
        Some(_) => Err(ApiError::Forbidden {
            role: staff.role.name(),
            action: "see another practitioner's client's health data",
        }),
    }
}

/// Writes an audit entry for an access to health data by `staff` from `address`.
///
/// # Errors
/// [`ApiError::Internal`] when the entry cannot be written (the access is then refused).
pub async fn audit_health(
    state: &AppState,
    staff: &Staff,
    address: &str,
    action: &str,
    subject: &str,
    subject_id: i64,
) -> Result<(), ApiError> {
    audit(
        state,
        staff,
        address,
        action,
        subject,
        Some(subject_id),
        String::new(),
    )
    .await
}

/// Writes an audit entry: `staff` did `action` to `subject` (with its id, when one) from
/// `address`; `detail` says more.
///
/// # Errors
/// [`ApiError::Internal`] when the entry cannot be written.
pub async fn audit(
    state: &AppState,
    staff: &Staff,
    address: &str,
    action: &str,
    subject: &str,
    subject_id: Option<i64>,
    detail: String,
) -> Result<(), ApiError> {
    let entry = AuditEntry {
        action: action.to_owned(),
        subject: subject.to_owned(),
        subject_id,
        detail,
        ..by_staff(staff, address)
    };
    state.store.audit(&entry, state.clock.now()).await?;
    Ok(())
}

/// An audit entry by `staff` from `address`, with what they did still to fill in.
pub fn by_staff(staff: &Staff, address: &str) -> AuditEntry {
    AuditEntry {
        staff_id: Some(staff.id),
        actor: staff.email.clone(),
        action: String::new(),
        subject: String::new(),
        subject_id: None,
        detail: String::new(),
        address: address.to_owned(),
    }
}
