//! What every logged-in page needs: its layout and the clinic's time zone.

use crate::pages::render::Layout;
use crate::pages::session::PageStaff;
use crate::state::AppState;

/// The clinic's name for page headers (`smp` until one is set).
pub async fn clinic_name(state: &AppState) -> String {
    match state.store.clinic().await {
        Ok(Some(clinic)) => clinic.name,
        _ => "smp".to_owned(),
    }
}

/// The layout of a staff page titled `title`.
pub async fn layout(state: &AppState, staff: &PageStaff, title: &str) -> Layout {
    Layout {
        title: title.to_owned(),
        clinic: clinic_name(state).await,
        staff_name: staff.staff.name.clone(),
        role: staff.staff.role.name().replace('_', " "),
        csrf: staff.session.csrf_token.clone(),
    }
}
