//! A practitioner's calendar feed, from their hours page (owners): make a new subscription
//! link (shown once; the earlier one stops working) or revoke it.

use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use smp_store::FeedOwner;

use crate::calendar_feed::create_feed;
use crate::pages::hours::{practitioner_of, render, Typed};
use crate::pages::render::PageError;
use crate::pages::session::PageStaff;
use crate::state::AppState;

/// The form of either button: its CSRF token alone.
#[derive(Debug, Default, Deserialize)]
pub struct FeedForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /practitioners/{id}/calendar-feed` (owners): a new feed; the page shows its URL.
pub async fn make(
    State(state): State<AppState>,
    staff: PageStaff,
    Path(id): Path<String>,
    Form(form): Form<FeedForm>,
) -> Result<Response, PageError> {
    let practitioner = practitioner_of(&state, &staff, &id).await?;
    staff.check_csrf(&form.csrf)?;
    let feed_url = create_feed(&state, FeedOwner::Practitioner(practitioner.id)).await?;
    render(
        &state,
        &staff,
        practitioner,
        Typed::with_feed_url(feed_url),
        "",
    )
    .await
}

/// `POST /practitioners/{id}/calendar-feed/revoke` (owners): the link stops working.
pub async fn revoke(
    State(state): State<AppState>,
    staff: PageStaff,
    Path(id): Path<String>,
    Form(form): Form<FeedForm>,
) -> Result<Response, PageError> {
    let practitioner = practitioner_of(&state, &staff, &id).await?;
    staff.check_csrf(&form.csrf)?;
    state
        .store
        .revoke_calendar_feed(FeedOwner::Practitioner(practitioner.id), state.clock.now())
        .await?;
    let to = format!(
        "/practitioners/{}/hours?saved=feed-revoked",
        practitioner.id
    );
    Ok(Redirect::to(&to).into_response())
}
