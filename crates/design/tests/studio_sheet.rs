//! What the studio hands out: the captioned before/after picture and the practitioner's
//! map of a design on the client's photo.

use smp_design::{
    before_after, photo_map, place_on_photo, BeforeAfterLayout, Canvas, Caption, DesignError,
    HairColour, LinearRgb, PhotoDot, PhotoMapInput, PhotoPlan, PigmentPlan, SkinTone,
    SECONDS_PER_DOT,
};

mod common;

// ---------------------------------------------------------------------------------------
// Before / after

/// A `w × h` picture whose every pixel differs from its neighbours (and from `seed`'s).
fn picture(w: u32, h: u32, seed: f32) -> Canvas {
    let mut canvas = Canvas::new(w, h, LinearRgb::grey(0.0)).expect("canvas");
    canvas.fill_with(|x, y| LinearRgb::new(0.2 + x / 4000.0, 0.3 + y / 4000.0, seed));
    canvas
}

fn caption(after: &str) -> Caption {
    Caption {
        clinic: "Northside SMP".to_owned(),
        date: "21 Nov 2026".to_owned(),
        before: "Before".to_owned(),
        after: after.to_owned(),
    }
}

fn is_dark(p: LinearRgb) -> bool {
    p.luminance() < 0.05
}

fn is_light(p: LinearRgb) -> bool {
    p.luminance() > 0.9
}

/// The pixels of the rectangle `xs × ys`.
fn pixels_in(
    canvas: &Canvas,
    xs: std::ops::Range<u32>,
    ys: std::ops::Range<u32>,
) -> Vec<LinearRgb> {
    ys.flat_map(|y| xs.clone().map(move |x| (x, y)))
        .map(|(x, y)| canvas.pixel(x, y).expect("inside"))
        .collect()
}

#[test]
fn the_pictures_sit_side_by_side_unchanged_over_the_caption_band() {
    let (w, h) = (300, 200);
    let (before, after) = (picture(w, h, 0.1), picture(w, h, 0.6));
    let sheet = before_after(&before, &after, &caption("After session 3, healed")).unwrap();
    let layout = BeforeAfterLayout::for_width(w);
    assert_eq!(
        (sheet.width(), sheet.height()),
        (2 * w + layout.gutter, h + layout.band)
    );
    for y in 0..h {
        for x in 0..w {
            assert_eq!(sheet.pixel(x, y), before.pixel(x, y), "before ({x}, {y})");
            assert_eq!(
                sheet.pixel(w + layout.gutter + x, y),
                after.pixel(x, y),
                "after ({x}, {y})"
            );
        }
        for x in w..w + layout.gutter {
            assert!(is_light(sheet.pixel(x, y).unwrap()), "gutter ({x}, {y})");
        }
    }
}

#[test]
fn the_band_carries_the_labels_clinic_and_date() {
    let (w, h) = (400, 300);
    let sheet = before_after(
        &picture(w, h, 0.1),
        &picture(w, h, 0.5),
        &caption("After session 3"),
    )
    .unwrap();
    let layout = BeforeAfterLayout::for_width(w);
    let (strip, total) = (layout.band / 2, sheet.width());
    // The light strip: dark labels under each picture, nowhere else.
    let labels = h..h + strip;
    let under_before = pixels_in(&sheet, 0..w, labels.clone());
    let under_after = pixels_in(&sheet, w + layout.gutter..total, labels.clone());
    let gutter = pixels_in(&sheet, w..w + layout.gutter, labels);
    for part in [&under_before, &under_after] {
        assert!(part.iter().any(|&p| is_dark(p)), "no label ink");
        assert!(part.iter().any(|&p| is_light(p)), "no light strip");
    }
    assert!(gutter.iter().all(|&p| is_light(p)));
    // The dark strip: light text at the left (the clinic) and at the right (the date).
    let footer = h + strip..h + layout.band;
    let left = pixels_in(&sheet, 0..total / 3, footer.clone());
    let middle = pixels_in(&sheet, total / 3..2 * total / 3, footer.clone());
    let right = pixels_in(&sheet, 2 * total / 3..total, footer);
    for part in [&left, &right] {
        assert!(part.iter().any(|&p| is_light(p)), "no caption text");
        assert!(part.iter().filter(|&&p| is_dark(p)).count() > part.len() / 2);
    }
    assert!(middle.iter().all(|&p| is_dark(p)), "text in the middle");
}

#[test]
fn the_text_scale_follows_the_picture_width() {
    assert_eq!(BeforeAfterLayout::for_width(200).scale, 1);
    assert_eq!(BeforeAfterLayout::for_width(1600).scale, 4);
    assert_eq!(BeforeAfterLayout::for_width(20_000).scale, 6);
    for (w, h) in [(200, 150), (1600, 1200)] {
        let sheet = before_after(
            &picture(w, h, 0.2),
            &picture(w, h, 0.3),
            &caption("After session 3, healed, 5 years"),
        )
        .unwrap();
        let layout = BeforeAfterLayout::for_width(w);
        assert_eq!(sheet.height(), h + layout.band);
        let ink = pixels_in(&sheet, 0..sheet.width(), h..h + layout.band / 2)
            .into_iter()
            .filter(|&p| is_dark(p))
            .count();
        assert!(
            ink > 20 * (layout.scale * layout.scale) as usize,
            "{w}: {ink}"
        );
    }
}

#[test]
fn pictures_of_different_sizes_are_refused_naming_after() {
    let result = before_after(
        &picture(300, 200, 0.1),
        &picture(300, 201, 0.1),
        &caption("After"),
    );
    match result {
        Err(DesignError::InvalidParameter { parameter, message }) => {
            assert_eq!(parameter, "after");
            assert!(message.contains("300×201"), "{message}");
        }
        Ok(_) => panic!("a mismatched pair was accepted"),
    }
}

#[test]
fn a_long_label_is_shortened_inside_its_half() {
    let long = "After session 3, healed, 5 years, touched up once, photographed in daylight \
                from the front and the top, with the hair clipped to a number one guard"
        .repeat(4);
    for w in [200, 640, 1600] {
        let h = 100;
        let mut text = caption(&long);
        text.before = String::new();
        text.clinic = long.clone();
        let sheet = before_after(&picture(w, h, 0.1), &picture(w, h, 0.1), &text).unwrap();
        let layout = BeforeAfterLayout::for_width(w);
        assert_eq!(sheet.width(), 2 * w + layout.gutter);
        let labels = h..h + layout.band / 2;
        let left = pixels_in(&sheet, 0..w + layout.gutter, labels.clone());
        assert!(
            left.iter().all(|&p| is_light(p)),
            "{w}: the label spilled left"
        );
        let right = pixels_in(&sheet, w + layout.gutter..sheet.width(), labels);
        assert!(right.iter().any(|&p| is_dark(p)), "{w}: no label");
        let edge = sheet.width() - 1;
        let last_column = pixels_in(&sheet, edge..edge + 1, h..h + layout.band / 2);
        assert!(
            last_column.iter().all(|&p| is_light(p)),
            "{w}: the label spilled right"
        );
    }
    // Tiny pictures: no room for text at all, and still no panic.
    for w in [0, 1, 7] {
        let sheet = before_after(&picture(w, 5, 0.1), &picture(w, 5, 0.1), &caption(&long));
        assert!(sheet.is_ok(), "{w}");
    }
}

// ---------------------------------------------------------------------------------------
// Photo map

/// The studio tests' plan with a patch of remaining hair.
fn plan() -> PhotoPlan {
    PhotoPlan {
        hair: vec![vec![(600.0, 500.0), (700.0, 500.0), (650.0, 580.0)]],
        ..common::photo_plan()
    }
}

fn pigment(sessions: u32) -> PigmentPlan {
    PigmentPlan::choose(&SkinTone::default(), &HairColour::Black, sessions).expect("pigment")
}

/// `counts[s]` dots of session `s + 1` on a grid inside the area.
fn grid_dots(counts: &[usize]) -> Vec<PhotoDot> {
    let mut out = Vec::new();
    let mut i = 0;
    for (s, &n) in counts.iter().enumerate() {
        for _ in 0..n {
            out.push(PhotoDot {
                x: 210.0 + (i % 58) as f32 * 10.0,
                y: 210.0 + (i / 58) as f32 * 7.0,
                d: 0.28,
                session: s as u8 + 1,
                facing: 1.0,
            });
            i += 1;
        }
    }
    out
}

fn map(plan: &PhotoPlan, dots: &[PhotoDot], title: &str, photo: Option<&[u8]>) -> String {
    photo_map(&PhotoMapInput {
        plan,
        dots,
        pigment: &pigment(3),
        title,
        photo_jpeg: photo,
    })
}

/// The text of the group `<g id="…">`, up to its closing tag.
fn group<'a>(svg: &'a str, id: &str) -> &'a str {
    let open = format!("<g id=\"{id}\">");
    let start = svg.find(&open).unwrap_or_else(|| panic!("no group {id}")) + open.len();
    let end = start + svg[start..].find("</g>").expect("closed");
    &svg[start..end]
}

/// The number in the legend right before `what` on the line that starts with `prefix`.
fn legend_number(svg: &str, prefix: &str, what: &str) -> f64 {
    let line = group(svg, "legend")
        .lines()
        .filter_map(|l| {
            l.split_once('>')
                .and_then(|(_, rest)| rest.strip_suffix("</text>"))
        })
        .find(|text| text.starts_with(prefix) && text.contains(what))
        .unwrap_or_else(|| panic!("no legend line {prefix:?} with {what:?} in\n{svg}"));
    let before = &line[..line.find(what).expect("found")];
    let number = before.trim_end().rsplit(' ').next().expect("a number");
    number
        .parse()
        .unwrap_or_else(|_| panic!("{number:?} in {line}"))
}

#[test]
fn every_dot_is_drawn_in_its_session_group_and_counted_in_the_legend() {
    let dots = place_on_photo(&plan(), 3, 80.0, 3.0, 0.28, 7).expect("dots");
    let svg = map(&plan(), &dots, "Client 12", None);
    let mut total = 0;
    for session in 1..=3u8 {
        let n = dots.iter().filter(|d| d.session == session).count();
        assert!(n > 0);
        let drawn = group(&svg, &format!("session-{session}"))
            .matches("<circle")
            .count();
        assert_eq!(drawn, n, "session {session}");
        let listed = legend_number(&svg, &format!("Session {session}:"), " dots");
        assert_eq!(listed, n as f64, "session {session}");
        total += n;
    }
    assert_eq!(total, dots.len());
    assert_eq!(legend_number(&svg, "", " dots ·"), total as f64);
    // A dot's circle has its true size: 0.28 mm ± 0.025 across is a radius of 1.28 to 1.52 px.
    let first = group(&svg, "session-1").lines().nth(1).expect("a dot");
    let r: f32 = first
        .split("r=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1.25..=1.55).contains(&r), "{first}");
}

#[test]
fn the_legend_gives_each_session_its_shade_and_needle_minutes() {
    let dots = grid_dots(&[400, 800, 40]);
    let svg = map(&plan(), &dots, "Client 12", None);
    let pigment = pigment(3);
    for (session, count, minutes) in [(1, 400, 10.0), (2, 800, 20.0), (3, 40, 1.0)] {
        let prefix = format!("Session {session}:");
        assert_eq!(legend_number(&svg, &prefix, " dots"), count as f64);
        assert_eq!(legend_number(&svg, &prefix, " min"), minutes);
        assert_eq!(
            (count as f32 * SECONDS_PER_DOT / 60.0).round(),
            minutes as f32
        );
        let shade = &pigment.sessions[session - 1];
        let line = format!("{prefix} {count} dots · {} · {minutes} min", shade.name);
        assert!(svg.contains(&line), "{line:?} not in\n{svg}");
        let percent = format!("{:.0}%", shade.dilution * 100.0);
        assert!(shade.name.contains(&percent), "{} {percent}", shade.name);
    }
    assert_eq!(legend_number(&svg, "", " min at the needle"), 31.0);
    assert_eq!(legend_number(&svg, "", " dots ·"), 1240.0);
}

#[test]
fn the_treated_area_is_the_polygons_in_square_centimetres() {
    let svg = map(&plan(), &grid_dots(&[10]), "Client 12", None);
    assert_eq!(legend_number(&svg, "", " cm² treated"), 24.0);
    assert!(svg.contains("· 24.0 cm² treated ·"));
    // A 100 × 100 px scar (1 cm²) reaching past the area adds its own area.
    let mut scarred = plan();
    scarred.scars = vec![vec![
        (750.0, 550.0),
        (850.0, 550.0),
        (850.0, 650.0),
        (750.0, 650.0),
    ]];
    let svg = map(&scarred, &grid_dots(&[10]), "Client 12", None);
    assert_eq!(legend_number(&svg, "", " cm² treated"), 25.0);
    assert!(group(&svg, "scars").contains("stroke-dasharray"));
    // At 0.05 mm a pixel the same pixels are a quarter of the skin.
    let mut fine = plan();
    fine.mm_per_px = 0.05;
    let svg = map(&fine, &grid_dots(&[10]), "Client 12", None);
    assert_eq!(legend_number(&svg, "", " cm² treated"), 6.0);
}

#[test]
fn the_drawing_shows_the_plan_in_photo_pixels() {
    let svg = map(&plan(), &grid_dots(&[5, 5]), "Client 12", None);
    assert!(svg.starts_with("<svg"));
    let view_box = svg
        .split("viewBox=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let numbers: Vec<f32> = view_box.split(' ').map(|n| n.parse().unwrap()).collect();
    assert_eq!(&numbers[..2], &[0.0, 0.0]);
    assert!(numbers[2] > 1000.0 && numbers[3] >= 800.0, "{view_box}");
    // Printed at true scale: the view box's pixels at 0.1 mm each.
    let width = svg
        .split("width=\"")
        .nth(1)
        .unwrap()
        .split("mm\"")
        .next()
        .unwrap();
    let width: f32 = width.parse().unwrap();
    assert!((width - numbers[2] * 0.1).abs() < 0.02, "{width} mm");
    assert!(group(&svg, "area").contains("points=\"200,200 800,200 800,600 200,600\""));
    assert!(group(&svg, "hairline").contains("<polyline points=\"200,200 800,200\""));
    assert!(group(&svg, "hairline").contains("stroke=\"#c03030\""));
    let moles = group(&svg, "moles");
    assert!(moles.contains("<circle cx=\"500\" cy=\"450\" r=\"20\""));
    assert!(moles.contains(">no dots</text>"));
    assert!(group(&svg, "hair").contains("stroke-dasharray"));
    // One colour per session.
    let fill = |s: &str| {
        let g = group(&svg, s);
        g.split("fill=\"").nth(1).unwrap()[..7].to_owned()
    };
    assert_ne!(fill("session-1"), fill("session-2"));
}

#[test]
fn the_map_is_well_formed_xml_with_its_title_escaped() {
    let title = "Client <A&B> \"Jo\" 'O'Neil'";
    let svg = map(
        &plan(),
        &grid_dots(&[30, 30, 30]),
        title,
        Some(b"\x00\xff\x10jpeg"),
    );
    assert!(svg.contains("Client &lt;A&amp;B&gt; &quot;Jo&quot; &apos;O&apos;Neil&apos;"));
    assert!(!svg.contains("<A&B>"));
    check_xml(&svg);
}

#[test]
fn the_map_is_deterministic() {
    let dots = place_on_photo(&plan(), 2, 60.0, 3.0, 0.28, 3).expect("dots");
    let a = map(&plan(), &dots, "Same", Some(b"photo"));
    let b = map(&plan(), &dots, "Same", Some(b"photo"));
    assert_eq!(a, b);
}

/// The `href` of the map's photo, if any.
fn photo_href(svg: &str) -> Option<&str> {
    let image = svg.split("<image ").nth(1)?;
    Some(image.split("href=\"").nth(1)?.split('"').next().unwrap())
}

#[test]
fn the_photo_is_drawn_faintly_only_when_given_in_base64() {
    let without = map(&plan(), &grid_dots(&[3]), "Client 12", None);
    assert!(!without.contains("<image"));
    for (bytes, encoded) in [
        (&b"Man"[..], "TWFu"),
        (b"Ma", "TWE="),
        (b"M", "TQ=="),
        (b"", ""),
        (b"foobar", "Zm9vYmFy"),
    ] {
        let svg = map(&plan(), &grid_dots(&[3]), "Client 12", Some(bytes));
        assert_eq!(
            photo_href(&svg),
            Some(format!("data:image/jpeg;base64,{encoded}").as_str())
        );
    }
    let svg = map(&plan(), &grid_dots(&[3]), "Client 12", Some(b"M"));
    let image = svg
        .split("<image ")
        .nth(1)
        .unwrap()
        .split("/>")
        .next()
        .unwrap();
    assert!(image.contains("x=\"0\" y=\"0\" width=\"1000\" height=\"800\""));
    let opacity: f32 = image
        .split("opacity=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(opacity > 0.0 && opacity < 0.6, "{opacity}");
    // Under everything but the backdrop: before the area.
    assert!(svg.find("<image").unwrap() < svg.find("<g id=\"area\"").unwrap());
}

#[test]
fn every_byte_round_trips_through_the_photo_href() {
    for len in [1usize, 2, 3, 4, 255, 256, 257, 1000] {
        let bytes: Vec<u8> = (0..len).map(|i| (i * 7 + i / 256) as u8).collect();
        let svg = map(&plan(), &[], "Client 12", Some(&bytes));
        let href = photo_href(&svg).expect("an image");
        let encoded = href
            .strip_prefix("data:image/jpeg;base64,")
            .expect("a data URI");
        assert_eq!(encoded.len(), len.div_ceil(3) * 4);
        assert_eq!(decode_base64(encoded), bytes, "{len} bytes");
    }
}

/// A plain base64 decoder, written here from RFC 4648 to check the map's encoder.
fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            other => panic!("{:?} is not base64", char::from(other)),
        }
    };
    let mut out = Vec::new();
    for quad in text.as_bytes().chunks(4) {
        assert_eq!(quad.len(), 4, "unpadded");
        let data: Vec<u8> = quad.iter().copied().filter(|&c| c != b'=').collect();
        let bits = data
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &c)| acc | value(c) << (18 - 6 * i));
        let bytes = [(bits >> 16) as u8, (bits >> 8) as u8, bits as u8];
        out.extend_from_slice(&bytes[..data.len() - 1]);
    }
    out
}

/// Checks that `svg` is well-formed enough: one root `<svg>`, every tag closed in order,
/// attribute values quoted, and every `&` an entity.
fn check_xml(svg: &str) {
    let mut open: Vec<&str> = Vec::new();
    let mut rest = svg;
    let mut roots = 0;
    while let Some(start) = rest.find('<') {
        check_text(&rest[..start]);
        let end = start + rest[start..].find('>').expect("an unclosed tag");
        let tag = &rest[start + 1..end];
        assert!(!tag.contains('<'), "{tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop(), Some(name), "closing {name}");
        } else {
            let name = tag.split_whitespace().next().expect("a name");
            assert_eq!(tag.matches('"').count() % 2, 0, "{tag}");
            check_text(&tag.replace('"', " "));
            if open.is_empty() {
                roots += 1;
            }
            if !tag.ends_with('/') {
                open.push(name);
            }
        }
        rest = &rest[end + 1..];
    }
    check_text(rest);
    assert!(open.is_empty(), "unclosed {open:?}");
    assert_eq!(roots, 1);
}

fn check_text(text: &str) {
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                .iter()
                .any(|e| entity.starts_with(e)),
            "a bare & in {text:?}"
        );
    }
    assert!(!text.contains('>'), "a bare > in {text:?}");
}
