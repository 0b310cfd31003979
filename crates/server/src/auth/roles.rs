//! What each role may do. Everything not listed here is denied.

use smp_store::{Role, Staff};

use crate::error::ApiError;

/// Something a request may need permission for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Create staff accounts and practitioners; change services, prices and policy.
    ManageClinic,
    /// See clients' contact details and the calendar.
    SeeClients,
    /// Create and edit clients' contact details.
    EditClients,
    /// Book, move and cancel appointments.
    Book,
    /// Record payments.
    TakePayments,
    /// Read and write health data: screenings, session records, photos, designs.
    HealthData,
    /// Read the audit log.
    ReadAudit,
    /// Erase a client and everything held about them, or decline their request to be.
    EraseClients,
    /// See who is due for a touch-up.
    Recall,
    /// Merge two records of one person into one.
    MergeClients,
}

impl Permission {
    /// The permission in words, for a refusal ("your role may not …").
    pub fn action(self) -> &'static str {
        match self {
            Permission::ManageClinic => "manage the clinic's staff, services or policy",
            Permission::SeeClients => "see clients",
            Permission::EditClients => "edit clients",
            Permission::Book => "book appointments",
            Permission::TakePayments => "record payments",
            Permission::HealthData => "see or change health data",
            Permission::ReadAudit => "read the audit log",
            Permission::EraseClients => "erase clients",
            Permission::Recall => "see the touch-up recall list",
            Permission::MergeClients => "merge clients' records",
        }
    }
}

/// Refuses `staff` unless their role has `permission`.
///
/// # Errors
/// [`ApiError::Forbidden`] naming the role and what it may not do.
pub fn require(staff: &Staff, permission: Permission) -> Result<(), ApiError> {
    if allows(staff.role, permission) {
        Ok(())
    } else {
        Err(ApiError::Forbidden {
            role: staff.role.name(),
            action: permission.action(),
        })
    }
}

/// Whether `role` has `permission`.
pub fn allows(role: Role, permission: Permission) -> bool {
    use Permission::*;
    match role {
        Role::Owner => true,
        Role::Practitioner => matches!(permission, SeeClients | EditClients | Book | HealthData),
        Role::FrontDesk => matches!(permission, SeeClients | EditClients | Book | TakePayments),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_desk_never_sees_health_data_and_only_owners_manage_the_clinic_erase_and_merge() {
        assert!(!allows(Role::FrontDesk, Permission::HealthData));
        assert!(allows(Role::Practitioner, Permission::HealthData));
        for role in [Role::Practitioner, Role::FrontDesk] {
            assert!(!allows(role, Permission::ManageClinic));
            assert!(!allows(role, Permission::ReadAudit));
            assert!(!allows(role, Permission::EraseClients));
            assert!(!allows(role, Permission::MergeClients));
        }
    }
}
