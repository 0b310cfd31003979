//! Two saved design versions side by side (those who may see the client's health data):
//! each on its photo at the same moment, with what differs between them marked.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use smp_store::Client;

use crate::address::ClientAddress;
use crate::api::studio::{stored_design, visible_version};
use crate::auth::health::{audit_health, require_health_access};
use crate::auth::roles::Permission;
use crate::error::ApiError;
use crate::extract::parse_id;
use crate::pages::layout::layout;
use crate::pages::render::{page, Layout, PageError};
use crate::pages::session::PageStaff;
use crate::state::AppState;
use crate::studio::design::StudioDesign;
use crate::studio::moment::MomentQuery;

/// One version's column.
struct Column {
    id: i64,
    version: i64,
    shown: String,
    note: String,
}

/// One compared setting: its name, each version's value, and whether they differ.
struct Setting {
    name: &'static str,
    a: String,
    b: String,
    differs: bool,
}

#[derive(Template)]
#[template(path = "design_compare.html")]
struct ComparePage {
    layout: Layout,
    client: Client,
    a: Column,
    b: Column,
    settings: Vec<Setting>,
    query: String,
    after: u32,
    sessions: u32,
    fresh: bool,
    years: String,
}

/// The two versions and the moment a compare query names: `v` twice (or `a` and `b`),
/// `after`, `stage`, `years`.
fn parse_query(raw: &str) -> Result<(Vec<String>, MomentQuery), ApiError> {
    let mut versions = Vec::new();
    let mut moment = std::collections::HashMap::new();
    for pair in raw.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "v" | "a" | "b" => versions.push(value.to_owned()),
            "after" | "stage" | "years" if !value.is_empty() => {
                moment.insert(key.to_owned(), value.to_owned());
            }
            "after" | "stage" | "years" => {}
            other => {
                return Err(ApiError::invalid(
                    other.to_owned(),
                    "is not a compare parameter; use v (twice), after, stage and years",
                ))
            }
        }
    }
    if versions.len() != 2 {
        return Err(ApiError::invalid(
            "v",
            format!(
                "tick exactly two versions to compare, not {}",
                versions.len()
            ),
        ));
    }
    Ok((versions, MomentQuery::from_pairs(&moment)?))
}

/// How a compared setting reads from a design.
type Reading = fn(&StudioDesign) -> String;

/// The settings of two designs, side by side.
fn settings(a: &StudioDesign, b: &StudioDesign) -> Vec<Setting> {
    let rows: [(&'static str, Reading); 9] = [
        ("Sessions", |d| d.sessions.to_string()),
        ("Density, per cm²", |d| d.density.to_string()),
        ("Hairline style", |d| d.style.clone()),
        ("Hair colour", |d| d.hair.clone()),
        ("Skin", |d| {
            d.skin
                .clone()
                .unwrap_or_else(|| "sampled from the photo".to_owned())
        }),
        ("Sun", |d| d.uv.clone()),
        ("Hairline points", |d| d.hairline.len().to_string()),
        ("Area corners", |d| d.area.len().to_string()),
        ("Moles marked", |d| d.moles.len().to_string()),
    ];
    rows.iter()
        .map(|(name, value)| {
            let (a, b) = (value(a), value(b));
            Setting {
                name,
                differs: a != b,
                a,
                b,
            }
        })
        .collect()
}

/// `GET /clients/{id}/designs/compare?v=A&v=B&after=&stage=&years=`.
pub async fn compare(
    State(state): State<AppState>,
    staff: PageStaff,
    ClientAddress(address): ClientAddress,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    staff.require(Permission::HealthData)?;
    let client = state.store.client(parse_id("client", &id)?).await?;
    require_health_access(&state, &staff.staff, &client).await?;
    let (ids, query) = parse_query(raw.as_deref().unwrap_or(""))?;
    let zone = state.clinic_zone().await;
    let mut columns = Vec::new();
    let mut designs = Vec::new();
    for id in &ids {
        // The photo is audited when the browser loads each preview (once per viewing).
        let (version, _) = visible_version(&state, &staff.staff, id).await?;
        if version.client_id != client.id {
            return Err(ApiError::NotFound {
                what: "design version",
                id: id.clone(),
            }
            .into());
        }
        audit_health(
            &state,
            &staff.staff,
            &address,
            "read",
            "design version",
            version.id,
        )
        .await?;
        designs.push(stored_design(&version)?);
        columns.push(Column {
            id: version.id,
            version: version.version,
            shown: version
                .shown_at
                .to_zoned(zone.clone())
                .strftime("%-d %b %Y, %H:%M")
                .to_string(),
            note: version.note,
        });
    }
    // The older version on the left.
    if columns[0].version > columns[1].version {
        columns.swap(0, 1);
        designs.swap(0, 1);
    }
    let sessions = designs[0].sessions.min(designs[1].sessions);
    let moment = query.moment(sessions)?;
    let b = columns
        .pop()
        .ok_or_else(|| ApiError::Internal("two versions".into()))?;
    let a = columns
        .pop()
        .ok_or_else(|| ApiError::Internal("two versions".into()))?;
    let fresh = matches!(moment.stage, smp_design::Stage::Fresh { .. });
    let years = match moment.stage {
        smp_design::Stage::Healed { years } => years,
        smp_design::Stage::Fresh { .. } => 0.0,
    };
    let mut q = format!("after={}", moment.after_session);
    if fresh {
        q.push_str("&stage=fresh");
    } else {
        q.push_str(&format!("&stage=healed&years={years}"));
    }
    let template = ComparePage {
        layout: layout(
            &state,
            &staff,
            &format!("Compare designs · {}", client.fields.name),
        )
        .await,
        settings: settings(&designs[0], &designs[1]),
        client,
        a,
        b,
        query: q,
        after: moment.after_session,
        sessions,
        fresh,
        years: years.to_string(),
    };
    Ok(page(StatusCode::OK, &template))
}
