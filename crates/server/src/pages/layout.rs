//! What every logged-in page needs: its layout and the clinic's time zone.

use crate::pages::render::Layout;
use crate::pages::session::PageStaff;
use crate::state::AppState;

/// The layout of a staff page titled `title`.
pub async fn layout(state: &AppState, staff: &PageStaff, title: &str) -> Layout {
    let clinic = match state.store.clinic().await {
        Ok(Some(clinic)) => clinic.name,
        _ => "smp".to_owned(),
    };
    Layout {
        title: title.to_owned(),
        clinic,
        staff_name: staff.staff.name.clone(),
        role: staff.staff.role.name().replace('_', " "),
        csrf: staff.session.csrf_token.clone(),
    }
}
