//! Laying one of the engine's patterns and styles on a photo as a first drawing: the area
//! is where the pattern says, seen the way the photo sees the head.

use smp_design::{
    ChartPoint, Hairline, HairlineStyle, HeadOutline, LossPattern, PatternOnPhoto, PhotoAngle,
    PlacedPattern, Scalp, StartingDrawing, Vec3, EAR_LEVEL_SHARE,
};

const MM_PER_PX: f32 = 0.15;
const CENTRE: (f32, f32) = (800.0, 600.0);

/// A 1600 × 1400 photo of a head whose outline is 156 × 195 mm from above (the engine's
/// usual head) or 156 × 225 mm, top to chin, from the front.
fn on_photo(pattern: &str, angle: PhotoAngle) -> PatternOnPhoto {
    let radii = match angle {
        PhotoAngle::Top => (520.0, 650.0),
        PhotoAngle::Front | PhotoAngle::Back => (520.0, 750.0),
        PhotoAngle::Left | PhotoAngle::Right => (650.0, 750.0),
    };
    PatternOnPhoto {
        pattern: LossPattern::parse(pattern).unwrap(),
        style: HairlineStyle::Modern,
        angle,
        head: HeadOutline {
            centre: CENTRE,
            radii,
            depth: 0.9,
        },
        mm_per_px: MM_PER_PX,
        width: 1600,
        height: 1400,
        hairline_height_mm: 80.0,
        seed: 7,
    }
}

fn inside(polygon: &[(f32, f32)], (x, y): (f32, f32)) -> bool {
    let mut odd = false;
    for k in 0..polygon.len() {
        let (a, b) = (polygon[k], polygon[(k + 1) % polygon.len()]);
        if (a.1 > y) != (b.1 > y) && x < a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0) {
            odd = !odd;
        }
    }
    odd
}

fn area_px(polygon: &[(f32, f32)]) -> f32 {
    let n = polygon.len();
    (0..n)
        .map(|k| {
            let (a, b) = (polygon[k], polygon[(k + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum::<f32>()
        .abs()
        / 2.0
}

fn mean(points: &[(f32, f32)]) -> (f32, f32) {
    let n = points.len() as f32;
    let (sx, sy) = points
        .iter()
        .fold((0.0, 0.0), |(sx, sy), p| (sx + p.0, sy + p.1));
    (sx / n, sy / n)
}

fn distance_to_outline(polygon: &[(f32, f32)], p: (f32, f32)) -> f32 {
    (0..polygon.len())
        .map(|k| {
            let (a, b) = (polygon[k], polygon[(k + 1) % polygon.len()]);
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
            ((a.0 + t * dx - p.0).powi(2) + (a.1 + t * dy - p.1).powi(2)).sqrt()
        })
        .fold(f32::INFINITY, f32::min)
}

fn every_point_on_the_photo(drawing: &StartingDrawing) {
    let all = drawing
        .area
        .iter()
        .chain(&drawing.hairline)
        .chain(drawing.hair.iter().flatten())
        .chain(drawing.scars.iter().flatten());
    for &(x, y) in all {
        assert!((0.0..=1600.0).contains(&x) && (0.0..=1400.0).contains(&y));
    }
}

#[test]
fn from_above_the_area_is_where_the_pattern_has_no_hair_behind_the_styles_line() {
    let start = on_photo("norwood-6", PhotoAngle::Top);
    let drawing = start.lay().unwrap();
    every_point_on_the_photo(&drawing);
    assert_eq!(drawing.patches_left_out, 0);
    assert!(
        drawing.area.len() >= 12 && drawing.area.len() <= 300,
        "{}",
        drawing.area.len()
    );
    // The head fitted to the outline is the engine's usual one.
    assert!((drawing.head.width - 156.0).abs() < 0.5 && (drawing.head.length - 195.0).abs() < 0.5);

    // Every photo point well inside the pattern's bald skin (behind the line) is in the
    // area; every point well outside it is not. The photo is turned back into the head's
    // chart independently: a top view of the ellipsoid.
    let scalp = Scalp::new(drawing.head).unwrap();
    let pattern = PlacedPattern::new(&start.pattern, &scalp, start.seed);
    let line = Hairline::of(HairlineStyle::Modern);
    let midline = scalp.midline_hairline().y;
    let (a, b, c) = (78.0f32, 97.5f32, drawing.head.height);
    let (mut checked_in, mut checked_out) = (0, 0);
    for v in (0..1400).step_by(10) {
        for u in (0..1600).step_by(10) {
            let (x, y) = (
                (u as f32 - CENTRE.0) * MM_PER_PX,
                (CENTRE.1 - v as f32) * MM_PER_PX,
            );
            let rho2 = (x / a).powi(2) + (y / b).powi(2);
            if rho2 > 0.8 * 0.8 {
                continue;
            }
            let chart = scalp.to_chart(Vec3::new(x, y, c * (1.0 - rho2).sqrt()));
            let share = 1.0 - pattern.cover(chart).hair;
            let depth = line.line_y(chart.x, midline, start.seed) - chart.y;
            let is_in = inside(&drawing.area, (u as f32, v as f32));
            if share >= 0.45 && depth >= 3.0 {
                assert!(is_in, "bald skin at ({u}, {v}) is left out");
                checked_in += 1;
            } else if share <= 0.08 || depth <= -3.0 {
                assert!(!is_in, "hair or forehead at ({u}, {v}) is in the area");
                checked_out += 1;
            }
        }
    }
    assert!(
        checked_in > 3_000 && checked_out > 500,
        "{checked_in} {checked_out}"
    );

    // The style's line runs across the front (the top of the photo), along the area's
    // front edge, from the client's right temple to the left.
    let hairline = &drawing.hairline;
    assert!(hairline.len() >= 10, "{}", hairline.len());
    assert!(hairline.iter().all(|p| p.1 < CENTRE.1 - 200.0));
    let (first, last) = (hairline[0], hairline[hairline.len() - 1]);
    assert!(
        first.0 < CENTRE.0 - 200.0 && last.0 > CENTRE.0 + 200.0,
        "{first:?} {last:?}"
    );
    for &p in hairline {
        let off = distance_to_outline(&drawing.area, p) * MM_PER_PX;
        assert!(
            off < 2.5,
            "the hairline strays {off} mm from the area's edge at {p:?}"
        );
    }
    assert!(drawing.hair.is_empty() && drawing.scars.is_empty());
}

#[test]
fn the_client_s_right_is_on_the_photo_s_right_from_above_and_behind_and_on_its_left_from_the_front()
{
    // A bald patch on the client's right, in front of the vertex.
    let custom = |angle| PatternOnPhoto {
        pattern: LossPattern::Custom {
            points: [(20.0, 10.0), (60.0, 10.0), (60.0, 60.0), (20.0, 60.0)]
                .map(|(x, y)| ChartPoint::new(x, y))
                .to_vec(),
        },
        ..on_photo("norwood-1", angle)
    };
    let centre = |angle| mean(&custom(angle).lay().unwrap().area);
    let top = centre(PhotoAngle::Top);
    assert!(
        top.0 > CENTRE.0 + 100.0 && top.1 < CENTRE.1 - 100.0,
        "{top:?}"
    );
    let front = centre(PhotoAngle::Front);
    assert!(front.0 < CENTRE.0 - 50.0, "{front:?}");
    let right = centre(PhotoAngle::Right);
    assert!(right.0 > CENTRE.0, "{right:?}");
    // From the client's left the patch is out of sight.
    let err = custom(PhotoAngle::Left).lay().unwrap_err();
    assert_eq!(
        err.to_string(),
        "pattern: leaves no skin to treat that this left photo shows; choose another pattern or photo"
    );
}

#[test]
fn from_the_front_a_recession_sits_above_the_eyes_with_the_line_at_the_hairline_height() {
    let start = on_photo("norwood-3", PhotoAngle::Front);
    let drawing = start.lay().unwrap();
    every_point_on_the_photo(&drawing);
    let top = CENTRE.1 - 750.0;
    let ear = top + 1500.0 * EAR_LEVEL_SHARE;
    assert!(
        drawing.area.iter().all(|p| p.1 < ear),
        "the area reaches below the ears"
    );
    let middle = mean(&drawing.area);
    assert!((middle.0 - CENTRE.0).abs() < 60.0, "{middle:?}");
    // The line's midpoint is where the head's chart puts the style's line on the midline.
    let scalp = Scalp::new(drawing.head).unwrap();
    let y = Hairline::of(HairlineStyle::Modern).line_y(0.0, scalp.midline_hairline().y, 7);
    let q = scalp.to_surface(ChartPoint::new(0.0, y));
    let expected = ear - q.z * (ear - top) / drawing.head.height;
    let nearest = drawing
        .hairline
        .iter()
        .min_by(|a, b| (a.0 - CENTRE.0).abs().total_cmp(&(b.0 - CENTRE.0).abs()))
        .unwrap();
    assert!((nearest.0 - CENTRE.0).abs() < 20.0);
    assert!(
        (nearest.1 - expected).abs() * MM_PER_PX < 2.0,
        "{nearest:?} against {expected}"
    );
}

#[test]
fn thinning_is_marked_as_the_clients_own_hair_and_keeps_their_hairline() {
    let drawing = on_photo("diffuse", PhotoAngle::Top).lay().unwrap();
    assert!(drawing.hairline.is_empty());
    assert_eq!(drawing.hair.len(), 1);
    let ratio = area_px(&drawing.hair[0]) / area_px(&drawing.area);
    assert!((0.8..=1.05).contains(&ratio), "{ratio}");
    // Norwood 4: the thinning band between the bald front and the bald crown.
    let drawing = on_photo("norwood-4", PhotoAngle::Top).lay().unwrap();
    assert_eq!(drawing.hair.len(), 1, "{:?}", drawing.hair.len());
    let band = mean(&drawing.hair[0]);
    assert!(inside(&drawing.area, band));
    assert!(!drawing.hairline.is_empty());
}

#[test]
fn an_fut_strip_is_a_scar_just_below_ear_level_on_a_back_photo() {
    let drawing = on_photo("scar-fut", PhotoAngle::Back).lay().unwrap();
    every_point_on_the_photo(&drawing);
    assert_eq!(drawing.scars.len(), 1);
    let scar = mean(&drawing.scars[0]);
    let top = CENTRE.1 - 750.0;
    let ear = top + 1500.0 * EAR_LEVEL_SHARE;
    // Pixels per millimetre of height on the head fitted to the outline.
    let below_ears_mm = (scar.1 - ear) * drawing.head.height / (ear - top);
    assert!((below_ears_mm - 12.0).abs() < 4.0, "{below_ears_mm}");
    assert!(inside(&drawing.area, scar));
    assert!(drawing.hairline.is_empty());
}

#[test]
fn separate_patches_keep_the_largest_as_the_area_and_count_the_rest() {
    // Seed 2 puts several of the five round patches in view from above.
    let drawing = PatternOnPhoto {
        seed: 2,
        ..on_photo("alopecia-areata", PhotoAngle::Top)
    }
    .lay()
    .unwrap();
    assert!(
        drawing.patches_left_out >= 1,
        "{}",
        drawing.patches_left_out
    );
    // One patch, 10-22 mm across its radius: not two joined.
    let mm2 = area_px(&drawing.area) * MM_PER_PX * MM_PER_PX;
    assert!((250.0..2_500.0).contains(&mm2), "{mm2}");
}

#[test]
fn the_same_inputs_give_the_same_drawing() {
    let start = on_photo("norwood-5", PhotoAngle::Top);
    assert_eq!(start.lay().unwrap(), start.lay().unwrap());
}

#[test]
fn bad_inputs_are_named() {
    let message = |start: PatternOnPhoto| start.lay().unwrap_err().to_string();
    let start = on_photo("norwood-6", PhotoAngle::Top);
    assert_eq!(
        message(PatternOnPhoto {
            mm_per_px: f32::NAN,
            ..start.clone()
        }),
        "mm-per-px: must be between 0.01 and 5 mm, got NaN"
    );
    assert_eq!(
        message(PatternOnPhoto {
            hairline_height_mm: 200.0,
            ..start.clone()
        }),
        "hairline-height: must be between 40 and 130 mm, got 200"
    );
    assert_eq!(
        message(PatternOnPhoto {
            head: HeadOutline {
                centre: (2000.0, 600.0),
                ..start.head
            },
            ..start.clone()
        }),
        "head: the outline's centre is not on the 1600×1400 photo"
    );
    assert_eq!(
        message(PatternOnPhoto {
            pattern: LossPattern::Diffuse { remaining: 2.0 },
            ..start
        }),
        "remaining: must be between 0.05 and 0.95, got 2"
    );
}
