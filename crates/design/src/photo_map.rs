//! The practitioner's map of a design on a client's photo, as SVG: the photo faint
//! behind, the area, scars, remaining hair, moles and hairline, every dot by session, and
//! a legend with dots, shade and needle time per session.

use std::collections::BTreeSet;

use crate::color::Srgb8;
use crate::map::{minutes_for_dots, FOUNDATION, HAIRLINE};
use crate::pigment::PigmentPlan;
use crate::render::{Svg, SvgStyle, TextAnchor, ViewBox};
use crate::studio::{PhotoDot, PhotoPlan};

/// What [`photo_map`] draws.
#[derive(Debug, Clone, Copy)]
pub struct PhotoMapInput<'a> {
    /// What the practitioner drew on the photo.
    pub plan: &'a PhotoPlan,
    /// The design's dots ([`place_on_photo`](crate::place_on_photo)).
    pub dots: &'a [PhotoDot],
    /// The pigment per session.
    pub pigment: &'a PigmentPlan,
    /// The map's title, e.g. the client and the date.
    pub title: &'a str,
    /// The photo as a JPEG, drawn faintly under the map when given.
    pub photo_jpeg: Option<&'a [u8]>,
}

/// One colour per session, from session 1 (the foundation, as on the practitioner map).
const SESSION_COLOURS: [Srgb8; 4] = [
    FOUNDATION,
    Srgb8 {
        r: 0x1f,
        g: 0x6f,
        b: 0xb4,
    },
    Srgb8 {
        r: 0x7a,
        g: 0x4e,
        b: 0x9e,
    },
    Srgb8 {
        r: 0x2e,
        g: 0x8b,
        b: 0x57,
    },
];
const OUTLINE: Srgb8 = Srgb8 {
    r: 0x20,
    g: 0x20,
    b: 0x20,
};
const SCAR: Srgb8 = Srgb8 {
    r: 0xb0,
    g: 0x40,
    b: 0x80,
};
const HAIR: Srgb8 = Srgb8 {
    r: 0x60,
    g: 0x48,
    b: 0x30,
};
const MOLE: Srgb8 = Srgb8 {
    r: 0x90,
    g: 0x20,
    b: 0x20,
};
const WHITE: Srgb8 = Srgb8 {
    r: 0xff,
    g: 0xff,
    b: 0xff,
};
/// Opacity of the photo under the map.
const PHOTO_OPACITY: f32 = 0.35;
/// Height of the legend's text as printed at true scale, mm.
const TEXT_MM: f32 = 2.5;
/// Width of outlines as printed, mm.
const LINE_MM: f32 = 0.3;
/// Scale used for sizes when the plan's is not a positive number, mm a pixel.
const FALLBACK_MM_PER_PX: f32 = 0.1;
/// Width of a legend character, at most, in font sizes (generous for sans-serif).
const CHAR_EM: f32 = 0.6;
/// Distance between legend baselines, in font sizes.
const LINE_EM: f32 = 1.5;

/// The practitioner's map of a design on a photo, as SVG in the photo's pixels (printed at
/// true scale: a pixel is `mm_per_px` millimetres), with a legend panel at its right.
///
/// It draws, over the photo at low opacity when one is given: the treatment area outlined,
/// scars tinted with a dashed outline, remaining hair dotted, moles ringed and marked "no
/// dots", the hairline in red, and every dot as a circle of its true diameter in its
/// session's colour (session 1 orange, then blue, purple and green), each session in its
/// own group `<g id="session-N">`. The legend gives the title, the total dot count, the
/// treated area ([`PhotoPlan::treated_cm2`]) in cm², the planned needle time, and per
/// session its dot count, shade and dilution and needle minutes (count ×
/// [`SECONDS_PER_DOT`](crate::SECONDS_PER_DOT) / 60, rounded).
///
/// Sizes (text, lines, dots) assume the plan's `mm_per_px` is a positive number, as
/// [`PhotoPlan::validate`] checks; otherwise they are drawn as at 0.1 mm a pixel.
///
/// The same input always gives the same text; all text is XML-escaped.
pub fn photo_map(input: &PhotoMapInput) -> String {
    let plan = input.plan;
    let mm = if plan.mm_per_px.is_finite() && plan.mm_per_px > 0.0 {
        plan.mm_per_px
    } else {
        FALLBACK_MM_PER_PX
    };
    let (w, h) = (plan.width as f32, plan.height as f32);
    let font = TEXT_MM / mm;
    let line = LINE_MM / mm;
    let legend = legend(input, line);
    let (panel_w, panel_h) = legend_size(&legend, font);
    let (width, height) = (w + panel_w, h.max(panel_h));
    let mut svg = Svg::new(
        width * mm,
        height * mm,
        ViewBox::new(0.0, 0.0, width, height),
    );
    svg.polygon(&rect(0.0, 0.0, width, height), &SvgStyle::fill(WHITE));
    if let Some(jpeg) = input.photo_jpeg {
        let href = format!("data:image/jpeg;base64,{}", base64(jpeg));
        svg.image(0.0, 0.0, w, h, &href, PHOTO_OPACITY);
    }
    draw_plan(&mut svg, plan, line, font);
    svg.group_start("dots");
    for &session in &sessions(input) {
        svg.group_start(&format!("session-{session}"));
        let style = SvgStyle::fill(session_colour(session));
        for dot in input
            .dots
            .iter()
            .filter(|d| u32::from(d.session) == session)
        {
            svg.circle(dot.x, dot.y, dot.radius_px(1.0, mm), &style);
        }
        svg.group_end();
    }
    svg.group_end();
    draw_legend(&mut svg, &legend, w + font, font);
    svg.finish()
}

/// The area, scars, remaining hair, moles and hairline.
fn draw_plan(svg: &mut Svg, plan: &PhotoPlan, line: f32, font: f32) {
    let styles = Styles::new(line);
    svg.group_start("area");
    svg.polygon(&plan.area, &styles.area);
    svg.group_end();
    svg.group_start("scars");
    for scar in &plan.scars {
        svg.polygon(scar, &styles.scar_tint);
        svg.polygon(scar, &styles.scar);
    }
    svg.group_end();
    svg.group_start("hair");
    for patch in &plan.hair {
        svg.polygon(patch, &styles.hair);
    }
    svg.group_end();
    svg.group_start("moles");
    for &(x, y, r) in &plan.moles {
        svg.circle(x, y, r, &styles.mole);
        svg.text(
            x + r + line * 2.0,
            y,
            0.8 * font,
            TextAnchor::Start,
            "no dots",
        );
    }
    svg.group_end();
    if plan.hairline.len() >= 2 {
        svg.group_start("hairline");
        svg.polyline(&plan.hairline, &styles.hairline);
        svg.group_end();
    }
}

/// How each part of the plan is drawn, outlines `line` user units wide.
struct Styles {
    area: SvgStyle,
    scar: SvgStyle,
    scar_tint: SvgStyle,
    hair: SvgStyle,
    mole: SvgStyle,
    hairline: SvgStyle,
}

impl Styles {
    fn new(line: f32) -> Styles {
        Styles {
            area: SvgStyle::stroke(OUTLINE, line),
            scar: SvgStyle::stroke(SCAR, line).dashed(5.0 * line, 3.0 * line),
            scar_tint: SvgStyle::fill(SCAR).with_opacity(0.25),
            hair: SvgStyle::stroke(HAIR, line).dashed(line, 2.0 * line),
            mole: SvgStyle::stroke(MOLE, line),
            hairline: SvgStyle::stroke(HAIRLINE, 1.5 * line),
        }
    }
}

/// A legend line: its text, its size in font sizes and the swatch before it.
struct Entry {
    text: String,
    size: f32,
    swatch: Option<SvgStyle>,
}

impl Entry {
    fn plain(text: String, size: f32) -> Entry {
        Entry {
            text,
            size,
            swatch: None,
        }
    }
}

/// The sessions to show: those the pigment plans and those any dot belongs to.
fn sessions(input: &PhotoMapInput) -> BTreeSet<u32> {
    let planned = input.pigment.sessions.iter().map(|s| s.session);
    let dotted = input.dots.iter().map(|d| u32::from(d.session));
    planned.chain(dotted).collect()
}

fn session_colour(session: u32) -> Srgb8 {
    SESSION_COLOURS[session.saturating_sub(1) as usize % SESSION_COLOURS.len()]
}

/// Planned needle time for `count` dots, whole minutes.
fn minutes(count: usize) -> f32 {
    minutes_for_dots(count).round()
}

/// The legend's lines, swatches drawn with outlines `line` wide.
fn legend(input: &PhotoMapInput, line: f32) -> Vec<Entry> {
    let plan = input.plan;
    let cm2 = plan.treated_cm2();
    let total = input.dots.len();
    let mut out = vec![
        Entry::plain(input.title.to_owned(), 1.4),
        Entry::plain(
            format!(
                "{total} dots · {cm2:.1} cm² treated · {:.0} min at the needle",
                minutes(total)
            ),
            1.0,
        ),
    ];
    for session in sessions(input) {
        let count = input
            .dots
            .iter()
            .filter(|d| u32::from(d.session) == session)
            .count();
        let shade = input.pigment.sessions.iter().find(|s| s.session == session);
        let ink = shade.map_or_else(
            || "no shade planned".to_owned(),
            |s| {
                let percent = format!("{:.0}%", s.dilution * 100.0);
                if s.name.contains(&percent) {
                    s.name.clone()
                } else {
                    format!("{}, dilution {percent}", s.name)
                }
            },
        );
        out.push(Entry {
            text: format!(
                "Session {session}: {count} dots · {ink} · {:.0} min",
                minutes(count)
            ),
            size: 1.0,
            swatch: Some(SvgStyle::fill(session_colour(session))),
        });
    }
    let styles = Styles::new(line);
    let key = [
        (true, styles.area, "treatment area"),
        (!plan.scars.is_empty(), styles.scar, "scar: dots go in"),
        (
            !plan.hair.is_empty(),
            styles.hair,
            "remaining hair: dots between the hairs",
        ),
        (!plan.moles.is_empty(), styles.mole, "mole: no dots"),
        (plan.hairline.len() >= 2, styles.hairline, "hairline"),
    ];
    for (_, style, text) in key.into_iter().filter(|k| k.0) {
        out.push(Entry {
            text: text.to_owned(),
            size: 0.9,
            swatch: Some(style),
        });
    }
    out
}

/// Width and height of the legend panel, padding included.
fn legend_size(legend: &[Entry], font: f32) -> (f32, f32) {
    let text = legend
        .iter()
        .map(|e| e.text.chars().count() as f32 * CHAR_EM * e.size * font)
        .fold(0.0f32, f32::max);
    let height = legend.iter().map(|e| e.size * LINE_EM * font).sum::<f32>();
    (text + 4.0 * font, height + 2.0 * font)
}

/// Draws the legend with its left edge at `left`.
fn draw_legend(svg: &mut Svg, legend: &[Entry], left: f32, font: f32) {
    svg.group_start("legend");
    let mut y = font;
    for entry in legend {
        let size = entry.size * font;
        y += size * LINE_EM;
        if let Some(style) = &entry.swatch {
            let side = 0.8 * font;
            svg.polygon(&rect(left, y - side, side, side), style);
        }
        svg.text(left + 1.5 * font, y, size, TextAnchor::Start, &entry.text);
    }
    svg.group_end();
}

fn rect(x: f32, y: f32, width: f32, height: f32) -> [(f32, f32); 4] {
    [
        (x, y),
        (x + width, y),
        (x + width, y + height),
        (x, y + height),
    ]
}

/// `bytes` in standard base64 (RFC 4648, with `=` padding).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let group = byte(0) << 16 | byte(1) << 8 | byte(2);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(group >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
            ("Man", "TWFu"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }
}
