//! What a design on a photo amounts to, for the studio's side panel and the session sheet:
//! the scale, the treated area, dots and needle time per session, the skin and the pigment
//! with its reasons, and when a touch-up is due.

use serde::Serialize;
use smp_design::{minutes_for_dots, touch_up_due_years, PigmentPlan, Uv};

use crate::studio::preview::Placement;

/// One session's share of the design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionSummary {
    /// The session, from 1.
    pub session: u32,
    /// Dots it places.
    pub dots: usize,
    /// Planned needle time for them, minutes.
    pub needle_minutes: u32,
}

/// The skin the pigment was chosen for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkinSummary {
    /// Its sRGB colour, `#rrggbb`.
    pub hex: String,
    /// Its Monk tone, when it was given as one.
    pub monk: Option<u8>,
    /// Whether it was sampled from the photo inside the area.
    pub sampled: bool,
}

/// A design on a photo, summed up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DesignSummary {
    /// Millimetres of skin per photo pixel.
    pub mm_per_px: f32,
    /// The treated area (area plus scars), cm² of skin.
    pub treated_cm2: f32,
    /// Whether the dots follow the scalp's curvature (the head's outline was drawn) or the
    /// photo is taken as flat.
    pub follows_curvature: bool,
    /// Every dot of every session.
    pub total_dots: usize,
    /// Per session.
    pub sessions: Vec<SessionSummary>,
    /// The skin.
    pub skin: SkinSummary,
    /// The pigment per session, with the reasons.
    pub pigment: PigmentPlan,
    /// Years until a touch-up is due under this sun.
    pub touch_up_years: f32,
}

impl DesignSummary {
    /// The summary of a placement, under `uv` sun; `scale` is the working copy's size over
    /// the stored photo's.
    pub fn of(placement: &Placement, uv: Uv, scale: f32) -> DesignSummary {
        let sessions: Vec<SessionSummary> = placement
            .pigment
            .sessions
            .iter()
            .map(|shade| {
                let dots = placement
                    .dots
                    .iter()
                    .filter(|d| u32::from(d.session) == shade.session)
                    .count();
                SessionSummary {
                    session: shade.session,
                    dots,
                    needle_minutes: minutes_for_dots(dots).round() as u32,
                }
            })
            .collect();
        DesignSummary {
            mm_per_px: placement.plan.mm_per_px * scale,
            treated_cm2: (placement.treated_cm2 * 10.0).round() / 10.0,
            follows_curvature: placement.plan.head.is_some(),
            total_dots: placement.dots.len(),
            sessions,
            skin: SkinSummary {
                hex: placement.skin.srgb().hex(),
                monk: placement.skin.monk(),
                sampled: placement.skin_sampled,
            },
            pigment: placement.pigment.clone(),
            touch_up_years: touch_up_due_years(uv),
        }
    }
}
