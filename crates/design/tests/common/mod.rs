//! What the studio's tests share.

use smp_design::PhotoPlan;

/// A 1000×800 photo at 0.1 mm a pixel (100 × 80 mm): a 600 × 400 px (60 × 40 mm, 24 cm²)
/// area with its hairline along the top edge and a mole in the middle; flat, no scars, no
/// remaining hair.
pub fn photo_plan() -> PhotoPlan {
    PhotoPlan {
        width: 1000,
        height: 800,
        mm_per_px: 0.1,
        area: vec![
            (200.0, 200.0),
            (800.0, 200.0),
            (800.0, 600.0),
            (200.0, 600.0),
        ],
        hairline: vec![(200.0, 200.0), (800.0, 200.0)],
        moles: vec![(500.0, 450.0, 20.0)],
        scars: Vec::new(),
        hair: Vec::new(),
        transition_mm: 8.0,
        head: None,
    }
}
