//! The practitioner's map: the scalp chart with regions, the hairline, dot counts per
//! region and session, and the planned needle time, as SVG.

use crate::color::Srgb8;
use crate::design::Design;
use crate::region::Region;
use crate::render::{Svg, SvgStyle, TextAnchor, ViewBox};

/// Needle time per dot, seconds: placing, checking and re-dipping, about 40 dots a minute
/// (sessions of 2-5 hours for the dots of one session, 000, 001, 002, 004).
pub const SECONDS_PER_DOT: f32 = 1.5;

const REGION_TINTS: [Srgb8; 8] = [
    Srgb8 {
        r: 0xf4,
        g: 0xd0,
        b: 0xc4,
    },
    Srgb8 {
        r: 0xd6,
        g: 0xe6,
        b: 0xf2,
    },
    Srgb8 {
        r: 0xe2,
        g: 0xd6,
        b: 0xf0,
    },
    Srgb8 {
        r: 0xd8,
        g: 0xef,
        b: 0xd4,
    },
    Srgb8 {
        r: 0xd8,
        g: 0xef,
        b: 0xd4,
    },
    Srgb8 {
        r: 0xf6,
        g: 0xe9,
        b: 0xc8,
    },
    Srgb8 {
        r: 0xf6,
        g: 0xe9,
        b: 0xc8,
    },
    Srgb8 {
        r: 0xe0,
        g: 0xe0,
        b: 0xe0,
    },
];
/// The hairline's colour (also on the photo map).
pub(crate) const HAIRLINE: Srgb8 = Srgb8 {
    r: 0xc0,
    g: 0x30,
    b: 0x30,
};
/// The foundation session's colour: its set-back hairline here, its dots on the photo map.
pub(crate) const FOUNDATION: Srgb8 = Srgb8 {
    r: 0xe0,
    g: 0x8a,
    b: 0x1e,
};

/// Dots per region and session: `counts[region][session - 1]`.
pub fn counts(design: &Design) -> Vec<[usize; 4]> {
    let mut out = vec![[0usize; 4]; Region::ALL.len()];
    for dot in &design.dots {
        let region = design.field.region_at(dot.chart).index();
        out[region][usize::from(dot.session) - 1] += 1;
    }
    out
}

/// Planned needle time of each session, minutes.
pub fn needle_minutes(design: &Design) -> Vec<f32> {
    (1..=design.params.sessions)
        .map(|s| {
            let n = design
                .dots
                .iter()
                .filter(|d| u32::from(d.session) == s)
                .count();
            minutes_for_dots(n)
        })
        .collect()
}

/// Planned needle time for `count` dots, minutes (not rounded).
pub fn minutes_for_dots(count: usize) -> f32 {
    count as f32 * SECONDS_PER_DOT / 60.0
}

/// The practitioner's map of a design.
pub fn practitioner_map(design: &Design) -> String {
    // Chart millimetres; the face is at the top, so the SVG's y is the chart's -y.
    let mut svg = Svg::new(280.0, 300.0, ViewBox::new(-210.0, -150.0, 420.0, 450.0));
    svg.group_start("regions");
    let step = 4;
    let half = step as f32 / 2.0;
    for (p, region, _) in design.field.treated_cells(step) {
        let (x, y) = (p.x, -p.y);
        let square = [
            (x - half, y - half),
            (x + half, y - half),
            (x + half, y + half),
            (x - half, y + half),
        ];
        svg.polygon(&square, &SvgStyle::fill(REGION_TINTS[region.index()]));
    }
    svg.group_end();
    svg.group_start("hairline");
    let hairline = design.field.hairline();
    let midline = design.scalp.midline_hairline().y;
    let line = |setback: f32| -> Vec<(f32, f32)> {
        (-45..=45)
            .map(|i| {
                let x = i as f32 * 2.0;
                (
                    x,
                    -(hairline.line_y(x, midline, design.params.seed) - setback),
                )
            })
            .collect()
    };
    svg.polyline(&line(0.0), &SvgStyle::stroke(HAIRLINE, 0.8));
    if design.params.sessions > 1 {
        svg.polyline(
            &line(design.params.foundation_setback),
            &SvgStyle::stroke(FOUNDATION, 0.6).dashed(2.0, 1.5),
        );
    }
    svg.group_end();
    svg.group_start("legend");
    let counts = counts(design);
    let sessions = design.params.sessions as usize;
    let mut y = 150.0;
    let title = format!(
        "{} — {} hairline — {} sessions — {:.0} cm² — {} dots",
        pattern_name(design),
        hairline.style.name(),
        sessions,
        design.treated_area_cm2(),
        design.dots.len()
    );
    svg.text(-200.0, -135.0, 9.0, TextAnchor::Start, &title);
    let header: Vec<String> = (1..=sessions).map(|s| format!("S{s}")).collect();
    svg.text(
        -200.0,
        y,
        8.0,
        TextAnchor::Start,
        &format!("region: {}", header.join(" / ")),
    );
    for region in Region::ALL {
        let row = counts[region.index()];
        if row.iter().all(|&n| n == 0) {
            continue;
        }
        y += 10.0;
        let cells: Vec<String> = row[..sessions].iter().map(|n| n.to_string()).collect();
        svg.circle(
            -196.0,
            y - 3.0,
            3.0,
            &SvgStyle::fill(REGION_TINTS[region.index()]).with_opacity(1.0),
        );
        svg.text(
            -190.0,
            y,
            8.0,
            TextAnchor::Start,
            &format!("{}: {}", region.name(), cells.join(" / ")),
        );
    }
    y += 12.0;
    let minutes: Vec<String> = needle_minutes(design)
        .iter()
        .enumerate()
        .map(|(i, m)| format!("S{} {:.0} min", i + 1, m))
        .collect();
    svg.text(
        -200.0,
        y,
        8.0,
        TextAnchor::Start,
        &format!("planned needle time: {}", minutes.join(", ")),
    );
    svg.group_end();
    svg.finish()
}

fn pattern_name(design: &Design) -> String {
    serde_json::to_value(&design.params.pattern)
        .ok()
        .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_string))
        .unwrap_or_else(|| "custom".to_string())
}
