//! The studio's preview, server-side: a 1600 × 1200 photo of a balding head from above
//! with a full-scalp design (the whole top of the head, about 200 cm², some 16,000 dots in
//! three sessions), timed the way the studio uses it. Prints p50, p95 and the slowest of
//! each kind of request as a markdown table (issue 6 aims at p95 under 100 ms):
//!
//! - a slider moved (session, fresh/healed, years, sun): the photo and the dots are kept,
//!   the preview is drawn and encoded as JPEG;
//! - the drawing changed (a hairline point, the density): the dots are placed again, then
//!   drawn and encoded;
//! - the first preview of a photo: the stored JPEG decoded as well.
//!
//! Run by `scripts/bench` on one core (the server's work for one request is on one core).

use std::time::{Duration, Instant};

use smp_design::{Moment, Stage, Uv};
use smp_server::studio::design::{HeadShape, StudioDesign};
use smp_server::studio::preview::{draw, jpeg, place, WorkingPhoto};

const WIDTH: u32 = 1600;
const HEIGHT: u32 = 1200;
const ROUNDS: usize = 60;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// The whole top of the scalp photo's head: a 40-gon just inside its outline, the
/// hairline across its front third, at 0.15 mm a pixel.
fn full_scalp(hairline_lift: f32, density: f32) -> StudioDesign {
    let ((cx, cy), (ax, ay)) = smp_photo::samples::scalp_head(WIDTH, HEIGHT);
    let corners: Vec<serde_json::Value> = (0..40)
        .map(|i| {
            let t = i as f32 / 40.0 * std::f32::consts::TAU;
            serde_json::json!([cx + 0.95 * ax * t.cos(), cy + 0.95 * ay * t.sin()])
        })
        .collect();
    let hairline: Vec<serde_json::Value> = (0..=12)
        .map(|i| {
            let x = cx - 0.6 * ax + 1.2 * ax * i as f32 / 12.0;
            let y = cy - 0.8 * ay - hairline_lift * (i as f32 * 0.9).sin();
            serde_json::json!([x, y])
        })
        .collect();
    serde_json::from_value(serde_json::json!({
        "calibration": { "from": [400, 300], "to": [1200, 300], "mm": 120 },
        "area": corners,
        "hairline": hairline,
        "moles": [[900, 700, 10]],
        "sessions": 3,
        "density": density,
    }))
    .expect("a design")
}

/// The same design with the head's outline drawn, so that its dots follow the scalp's
/// curvature.
fn with_head(mut design: StudioDesign) -> StudioDesign {
    let ((cx, cy), (ax, ay)) = smp_photo::samples::scalp_head(WIDTH, HEIGHT);
    design.head = Some(HeadShape {
        centre: [cx, cy],
        radii: [ax, ay],
        depth: None,
    });
    design
}

fn row(name: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| {name} | {} | {:.1} | {:.1} | {:.1} |",
        times.len(),
        ms(percentile(times, 0.5)),
        ms(percentile(times, 0.95)),
        ms(*times.last().expect("timed")),
    );
}

fn main() {
    let stored = smp_photo::samples::jpeg(&smp_photo::samples::scalp(WIDTH, HEIGHT));
    let photo = WorkingPhoto::decode(&stored, WIDTH, HEIGHT).expect("decoded");
    let design = full_scalp(0.0, 80.0);
    let placement = place(&photo, &design).expect("placed");
    let moments: Vec<Moment> = (0..ROUNDS)
        .map(|i| Moment {
            after_session: 1 + (i % 3) as u32,
            stage: if i % 7 == 0 {
                Stage::Fresh { days: 1.0 }
            } else {
                Stage::Healed {
                    years: (i % 11) as f32,
                }
            },
        })
        .collect();
    let uv = Uv::Medium;

    let mut slider = Vec::new();
    let mut bytes = 0usize;
    for &moment in &moments {
        let started = Instant::now();
        let out = jpeg(&draw(&photo, &placement, uv, moment)).expect("encoded");
        slider.push(started.elapsed());
        bytes = out.len();
    }

    let mut redrawn = Vec::new();
    for (i, &moment) in moments.iter().enumerate() {
        let changed = full_scalp(1.0 + i as f32, 75.0 + (i % 4) as f32 * 5.0);
        let started = Instant::now();
        let placed = place(&photo, &changed).expect("placed");
        let _ = jpeg(&draw(&photo, &placed, uv, moment)).expect("encoded");
        redrawn.push(started.elapsed());
    }

    let curved_placement = place(&photo, &with_head(design.clone())).expect("placed");
    let mut curved_slider = Vec::new();
    for &moment in &moments {
        let started = Instant::now();
        let _ = jpeg(&draw(&photo, &curved_placement, uv, moment)).expect("encoded");
        curved_slider.push(started.elapsed());
    }

    let mut curved = Vec::new();
    let mut curved_dots = 0;
    for (i, &moment) in moments.iter().enumerate() {
        let changed = with_head(full_scalp(1.0 + i as f32, 75.0 + (i % 4) as f32 * 5.0));
        let started = Instant::now();
        let placed = place(&photo, &changed).expect("placed");
        let _ = jpeg(&draw(&photo, &placed, uv, moment)).expect("encoded");
        curved.push(started.elapsed());
        curved_dots = curved_dots.max(placed.dots.len());
    }

    let mut cold = Vec::new();
    for &moment in moments.iter().take(ROUNDS / 3) {
        let started = Instant::now();
        let fresh = WorkingPhoto::decode(&stored, WIDTH, HEIGHT).expect("decoded");
        let placed = place(&fresh, &design).expect("placed");
        let _ = jpeg(&draw(&fresh, &placed, uv, moment)).expect("encoded");
        cold.push(started.elapsed());
    }

    println!();
    println!(
        "### The studio's preview, server-side (issue 6): 1600 × 1200 photo, full scalp, {} dots, {} cm²",
        placement.dots.len(),
        (placement.treated_cm2 * 10.0).round() / 10.0
    );
    println!();
    println!("| request | n | p50 ms | p95 ms | slowest ms |");
    println!("|---|---:|---:|---:|---:|");
    row("slider moved (dots kept): draw + JPEG", &mut slider);
    row("drawing changed: place + draw + JPEG", &mut redrawn);
    row(
        "first preview of a photo: decode + place + draw + JPEG",
        &mut cold,
    );
    row(
        &format!(
            "slider moved, head's outline drawn ({} dots): draw + JPEG",
            curved_placement.dots.len()
        ),
        &mut curved_slider,
    );
    row(
        &format!(
            "drawing changed, head's outline drawn (curvature followed, up to {curved_dots} dots): place + draw + JPEG"
        ),
        &mut curved,
    );
    println!();
    println!(
        "Aim: p95 under 100 ms. A preview JPEG is about {} KiB.",
        bytes / 1024
    );
}
