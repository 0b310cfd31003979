//! The side-by-side table: reads the times the `sampling`, `rendering` and `design` benches
//! just saved (criterion's `estimates.json`, its "typical" estimate: the slope when it has
//! one, else the mean), recomputes the point counts and spacing quality of the same
//! samplings (deterministic, outside any timing), and prints a markdown table of ours
//! against the peers with the ratios and whether each of the aims is met.
//!
//! It times nothing itself; `scripts/bench` runs it after the three benches. A figure that
//! has not been measured yet shows as "not measured".

use std::path::Path;

use serde_json::Value;
use smp_design::Design;

#[allow(dead_code)]
mod common;

use common::{
    criterion_home, norwood7_params, peer_points, peer_radius, quarter_ratio, smp_points,
    spacing_quality, Density, Peer, CANVAS, DOTS, DOT_RADIUS, POINTS,
};

/// The aims of the issue.
const SAMPLING_AIM: f64 = 4.0;
const QUALITY_AIM: f64 = 0.72;
const RENDERING_AIM: f64 = 20.0;
const END_TO_END_AIM_MS: f64 = 20.0;

fn main() {
    let home = criterion_home();
    println!("<!-- figures from {} -->", home.display());
    let mut missing = false;
    let mut time = |group: &str, function: &str| {
        let seconds = typical_seconds(&home, group, function);
        missing |= seconds.is_none();
        seconds
    };

    println!("### Sampling: unit square, about {POINTS} points, one core\n");
    println!("| density | sampler | points | time per sampling | points/s | d_min/d_max | right/left quarter (wanted) |");
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
    let mut verdicts = Vec::new();
    for density in Density::ALL {
        let ours = smp_points(density);
        let our_quality = spacing_quality(&ours, density);
        let our_time = time(density.group(), "smp");
        let our_rate = our_time.map(|t| ours.len() as f64 / t);
        row(density, "**smp `Sampler`**", &ours, our_time, our_quality);
        for peer in Peer::ALL {
            let theirs = peer_points(peer, density, peer_radius(peer, density));
            let their_quality = spacing_quality(&theirs, density);
            let their_time = time(density.group(), peer.id());
            row(density, peer.label(), &theirs, their_time, their_quality);
            let their_rate = their_time.map(|t| theirs.len() as f64 / t);
            verdicts.push(match (our_rate, their_rate) {
                (Some(a), Some(b)) => {
                    let ratio = a / b;
                    let quality_ok = our_quality >= QUALITY_AIM && our_quality >= their_quality;
                    let met = ratio >= SAMPLING_AIM && quality_ok;
                    format!(
                        "- {} vs {}: **{ratio:.2}×** the points per second (aim ≥ {SAMPLING_AIM}×), \
                         d_min/d_max {our_quality:.3} vs {their_quality:.3} (aim ≥ {QUALITY_AIM} and ≥ peer's): {}",
                        name(density),
                        peer.label(),
                        verdict(met)
                    )
                }
                _ => format!("- {} vs {}: not measured", name(density), peer.label()),
            });
        }
    }
    println!();
    for line in verdicts {
        println!("{line}");
    }

    println!("\n### Rendering: {DOTS} antialiased dots, radius {DOT_RADIUS} px, {CANVAS} × {CANVAS} canvas, one core\n");
    println!("| renderer | time per {DOTS} dots | dots/s |");
    println!("| --- | ---: | ---: |");
    let ours = time("rendering", "smp");
    let theirs = time("rendering", "tiny_skia");
    for (label, t) in [
        ("**smp `Canvas::draw_dots`**", ours),
        ("tiny-skia `fill_path` (anti_alias)", theirs),
    ] {
        println!(
            "| {label} | {} | {} |",
            duration(t),
            rate(t.map(|t| DOTS as f64 / t))
        );
    }
    println!();
    match (ours, theirs) {
        (Some(a), Some(b)) => {
            let ratio = b / a;
            println!(
                "- smp vs tiny-skia: **{ratio:.1}×** the dots per second (aim ≥ {RENDERING_AIM}×): {}",
                verdict(ratio >= RENDERING_AIM)
            );
        }
        _ => println!("- smp vs tiny-skia: not measured"),
    }

    println!("\n### A whole design: Norwood 7, 3 sessions, one 1024 × 1024 top view, one core\n");
    match Design::new(norwood7_params()) {
        Ok(design) => println!(
            "{} dots over {:.0} cm² of skin.\n",
            design.dots.len(),
            design.treated_area_cm2()
        ),
        Err(e) => println!("The design failed: {e}.\n"),
    }
    println!("| what | time |");
    println!("| --- | ---: |");
    let whole = time("design", "norwood7_3_sessions_and_render_1024");
    for (label, t) in [
        ("**design + render, end to end**", whole),
        ("`Design::new` alone", time("design", "norwood7_3_sessions")),
        (
            "`render` alone (top view, 1024 px)",
            time("design", "render_top_1024"),
        ),
    ] {
        println!("| {label} | {} |", duration(t));
    }
    println!();
    match whole {
        Some(t) => println!(
            "- end to end: **{:.1} ms** (aim < {END_TO_END_AIM_MS} ms, {:.2}× the budget): {}",
            t * 1e3,
            t * 1e3 / END_TO_END_AIM_MS,
            verdict(t * 1e3 < END_TO_END_AIM_MS)
        ),
        None => println!("- end to end: not measured"),
    }

    if missing {
        eprintln!(
            "compare: some figures are missing from {}; run scripts/bench (or the sampling, \
             rendering and design benches) first",
            home.display()
        );
    }
}

/// One row of the sampling table.
fn row(density: Density, label: &str, points: &[[f64; 2]], time: Option<f64>, quality: f64) {
    let quarters = match density {
        Density::Fixed => "–".to_string(),
        Density::Variable => {
            let (got, wanted) = quarter_ratio(points, density);
            format!("{got:.2} ({wanted:.2})")
        }
    };
    println!(
        "| {} | {label} | {} | {} | {} | {quality:.3} | {quarters} |",
        name(density),
        points.len(),
        duration(time),
        rate(time.map(|t| points.len() as f64 / t)),
    );
}

fn name(density: Density) -> &'static str {
    match density {
        Density::Fixed => "fixed",
        Density::Variable => "variable 1×→4×",
    }
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "**not met**"
    }
}

/// Criterion's typical time of one iteration, seconds.
fn typical_seconds(home: &Path, group: &str, function: &str) -> Option<f64> {
    let path = home
        .join(group)
        .join(function)
        .join("new")
        .join("estimates.json");
    let text = std::fs::read_to_string(&path).ok()?;
    let estimates: Value = serde_json::from_str(&text).ok()?;
    let typical = match &estimates["slope"] {
        Value::Null => &estimates["mean"],
        slope => slope,
    };
    typical["point_estimate"].as_f64().map(|ns| ns * 1e-9)
}

fn duration(seconds: Option<f64>) -> String {
    match seconds {
        None => "not measured".to_string(),
        Some(s) if s >= 1.0 => format!("{s:.2} s"),
        Some(s) if s >= 1e-3 => format!("{:.2} ms", s * 1e3),
        Some(s) => format!("{:.1} µs", s * 1e6),
    }
}

fn rate(per_second: Option<f64>) -> String {
    match per_second {
        None => "not measured".to_string(),
        Some(r) if r >= 1e6 => format!("{:.2} M", r / 1e6),
        Some(r) => format!("{:.1} k", r / 1e3),
    }
}
