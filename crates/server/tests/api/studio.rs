//! The design studio through the API on a real photo (a made-up 1600 × 1200 balding head
//! from above): previews that darken the drawn area with each session and fade over the
//! years while the rest of the photo stays as it was, the design summed up, every bad
//! part of a design refused by name, versions saved, listed, read and previewed, and
//! previews audited once per viewing.

use image::RgbImage;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use smp_photo::samples;
use smp_store::{Backend, Role};

use crate::support::{assert_problem, spawn_app, Answer, TestApp};

/// Sam, with health-data consent, and an upload of the scalp photo; (client, photo).
pub(crate) async fn client_with_photo(app: &TestApp) -> (i64, i64) {
    let client = app.consenting_client().await;
    let jpeg = samples::jpeg(&samples::scalp(1600, 1200));
    let path = format!("/api/v1/clients/{client}/photos?view=top&consent=clinical");
    let made = app
        .upload(Some(Role::Practitioner), &path, "image/jpeg", jpeg)
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.body);
    (client, made.body["id"].as_i64().expect("a photo"))
}

/// An upload of the scalp photo for `client` (as `role`) with the design shown on it;
/// (photo, the design version's number).
pub(crate) async fn photo_with_design(app: &TestApp, role: Role, client: i64) -> (i64, i64) {
    let jpeg = samples::jpeg(&samples::scalp(1600, 1200));
    let path = format!("/api/v1/clients/{client}/photos?view=top&consent=clinical");
    let photo = app.upload(Some(role), &path, "image/jpeg", jpeg).await;
    assert_eq!(photo.status, StatusCode::CREATED, "{:?}", photo.body);
    let photo = photo.body["id"].as_i64().expect("a photo");
    let shown = app
        .call(
            Some(role),
            Method::POST,
            &format!("/api/v1/photos/{photo}/designs"),
            Some(json!({ "design": design(), "note": "as drawn" })),
        )
        .await;
    assert_eq!(shown.status, StatusCode::CREATED, "{:?}", shown.body);
    (photo, shown.body["version"].as_i64().expect("a version"))
}

/// A design on the scalp photo at 0.15 mm a pixel: the bald top as the area, a hairline
/// along its front, a mole in the middle.
pub(crate) fn design() -> Value {
    json!({
        "calibration": { "from": [400, 300], "to": [1200, 300], "mm": 120 },
        "area": [[500, 200], [1100, 200], [1180, 500], [1100, 900], [500, 900], [420, 500]],
        "hairline": [[500, 210], [650, 190], [800, 200], [950, 190], [1100, 210]],
        "moles": [[800, 550, 12]],
        "sessions": 3,
        "hair": "dark-brown",
        "uv": "medium"
    })
}

async fn preview(app: &TestApp, photo: i64, query: &str, design: &Value) -> RgbImage {
    let path = format!("/api/v1/photos/{photo}/preview?{query}");
    let (status, kind, bytes) = app.post_for_bytes(Role::Practitioner, &path, design).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{query}: {}",
        String::from_utf8_lossy(&bytes)
    );
    assert_eq!(kind, "image/jpeg");
    image::load_from_memory(&bytes).expect("a JPEG").to_rgb8()
}

/// Mean of each channel over a box of the picture.
fn mean(picture: &RgbImage, (x0, y0, x1, y1): (u32, u32, u32, u32)) -> [f64; 3] {
    let mut sum = [0.0; 3];
    for y in y0..y1 {
        for x in x0..x1 {
            for (s, c) in sum.iter_mut().zip(picture.get_pixel(x, y).0) {
                *s += f64::from(c);
            }
        }
    }
    let n = f64::from((x1 - x0) * (y1 - y0));
    sum.map(|s| s / n)
}

fn luma(c: [f64; 3]) -> f64 {
    0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
}

/// Inside the area, clear of the mole and the hairline's ramp.
const INSIDE: (u32, u32, u32, u32) = (560, 600, 1040, 860);
/// The background outside the head.
const OUTSIDE: (u32, u32, u32, u32) = (20, 20, 300, 150);
/// The mole.
const MOLE: (u32, u32, u32, u32) = (795, 545, 805, 555);

async fn a_preview_darkens_the_area_with_each_session_and_fades_over_the_years(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, photo) = client_with_photo(&app).await;
    let design = design();
    let original = samples::scalp(1600, 1200);
    let first = preview(&app, photo, "after=1", &design).await;
    let third = preview(&app, photo, "after=3", &design).await;
    let later = preview(&app, photo, "after=3&years=10", &design).await;
    let fresh = preview(&app, photo, "after=3&stage=fresh", &design).await;
    assert_eq!(third.dimensions(), (1600, 1200));
    for (name, picture) in [
        ("session-1", &first),
        ("session-3", &third),
        ("fresh", &fresh),
    ] {
        let path = crate::browser::screenshot_path(&format!("studio-api-{name}.png"));
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("a folder");
        picture.save(&path).expect("saved");
    }
    let skin = luma(mean(&original, INSIDE));
    let (one, three, ten) = (
        luma(mean(&first, INSIDE)),
        luma(mean(&third, INSIDE)),
        luma(mean(&later, INSIDE)),
    );
    assert!(
        skin > one + 0.5 && one > three + 1.0 && ten > three + 0.3 && ten < skin,
        "skin {skin}, session 1 {one}, session 3 {three}, 10 years on {ten}"
    );
    // Fresh dots have redness around them: redder than healed.
    let (f, h) = (mean(&fresh, INSIDE), mean(&third, INSIDE));
    assert!(
        f[0] / f[1] > h[0] / h[1] + 0.004,
        "fresh {f:?} healed {h:?}"
    );
    // Outside the area and on the mole the photo is as it was (up to JPEG's loss).
    for (name, region) in [("outside", OUTSIDE), ("mole", MOLE)] {
        let (before, after) = (luma(mean(&original, region)), luma(mean(&third, region)));
        assert!(
            (before - after).abs() < 3.0,
            "{name}: {before} then {after}"
        );
    }
    // The same design gives the same picture.
    assert_eq!(third, preview(&app, photo, "after=3", &design).await);
}

/// Saves a version of a design on a photo as a practitioner (`body` holds the design, and
/// a note or course if any): the answer, whatever it is.
async fn save_version(app: &TestApp, photo: i64, body: Value) -> Answer {
    app.call(
        Some(Role::Practitioner),
        Method::POST,
        &format!("/api/v1/photos/{photo}/designs"),
        Some(body),
    )
    .await
}

/// The summary of a design on a photo, which must be answered.
pub(crate) async fn summary_of(app: &TestApp, photo: i64, design: Value) -> Value {
    let answer = app
        .call(
            Some(Role::Practitioner),
            Method::POST,
            &format!("/api/v1/photos/{photo}/summary"),
            Some(design),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
    answer.body
}

async fn the_summary_counts_dots_and_needle_time_and_explains_the_shade(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, photo) = client_with_photo(&app).await;
    let summary = &summary_of(&app, photo, design()).await;
    assert!((summary["mm_per_px"].as_f64().expect("a scale") - 0.15).abs() < 1e-6);
    // The hexagon: 600 × 700 px and two side triangles 80 px deep, at 0.0225 mm² a pixel.
    let cm2 = summary["treated_cm2"].as_f64().expect("an area");
    assert!((cm2 - 107.1).abs() < 0.1, "{cm2} cm²");
    let sessions = summary["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 3);
    let dots: Vec<u64> = sessions
        .iter()
        .map(|s| s["dots"].as_u64().expect("dots"))
        .collect();
    let total = summary["total_dots"].as_u64().expect("a total");
    assert_eq!(dots.iter().sum::<u64>(), total);
    // About 80 a cm², less in the hairline's ramp and around the mole.
    assert!((8_000..=9_000).contains(&total), "{total} dots");
    let foundation = dots[0] as f64 / total as f64;
    assert!(
        (foundation - 0.4).abs() < 0.05,
        "session 1 holds {foundation}"
    );
    let minutes = sessions[0]["needle_minutes"].as_u64().expect("minutes");
    assert_eq!(minutes, (dots[0] as f64 * 1.5 / 60.0).round() as u64);
    // The skin was sampled inside the area: the photo's lit skin.
    assert_eq!(summary["skin"]["sampled"], true);
    let hex = summary["skin"]["hex"].as_str().expect("a hex");
    let red = u8::from_str_radix(&hex[1..3], 16).expect("red");
    assert!((170..=235).contains(&red), "{hex}");
    let shades = summary["pigment"]["sessions"].as_array().expect("shades");
    assert!(shades[0]["reason"]
        .as_str()
        .expect("a reason")
        .starts_with("Foundation"));
    assert_eq!(
        summary["touch_up_years"].as_f64().map(|y| y.round()),
        Some(5.0)
    );
    // A skin given is used as given.
    let mut given = design();
    given["skin"] = json!("monk-8");
    let answer = summary_of(&app, photo, given).await;
    assert_eq!(answer["skin"]["sampled"], false);
    assert_eq!(answer["skin"]["monk"], 8);
    assert_eq!(summary["follows_curvature"], false);
}

async fn with_the_head_outline_the_dots_follow_the_scalps_curvature(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, photo) = client_with_photo(&app).await;
    let flat = summary_of(&app, photo, design()).await;
    // The head of the scalp photo, as its outline would be dragged.
    let ((cx, cy), (rx, ry)) = samples::scalp_head(1600, 1200);
    let mut domed = design();
    domed["head"] = json!({ "centre": [cx, cy], "radii": [rx, ry] });
    let curved = summary_of(&app, photo, domed.clone()).await;
    assert_eq!(curved["follows_curvature"], true);
    // The same drawn area holds more skin where the scalp turns away, so more dots: about
    // as many more as there is more skin.
    let area = |s: &Value| s["treated_cm2"].as_f64().expect("an area");
    let dots = |s: &Value| s["total_dots"].as_f64().expect("dots");
    let more_skin = area(&curved) / area(&flat);
    assert!((1.1..1.6).contains(&more_skin), "{more_skin}");
    let more_dots = dots(&curved) / dots(&flat);
    assert!(
        (more_dots / more_skin - 1.0).abs() < 0.05,
        "{more_dots} times the dots on {more_skin} times the skin"
    );
    // Where the scalp turns away the same ink per cm² of skin shows as more, smaller dots:
    // the preview differs there, yet darkens the photo about as much (each dot covers its
    // share of the photo: the crowding and the shrinking cancel).
    let flat_picture = preview(&app, photo, "after=3", &design()).await;
    let curved_picture = preview(&app, photo, "after=3", &domed).await;
    let edge = (440, 450, 480, 550);
    let changed = (edge.0..edge.2)
        .flat_map(|x| (edge.1..edge.3).map(move |y| (x, y)))
        .filter(|&(x, y)| {
            let (a, b) = (flat_picture.get_pixel(x, y), curved_picture.get_pixel(x, y));
            a.0.iter().zip(b.0).any(|(p, q)| p.abs_diff(q) > 12)
        })
        .count();
    assert!(
        changed > 400,
        "{changed} of 4000 pixels changed at the edge"
    );
    let darker = luma(mean(&flat_picture, edge)) - luma(mean(&curved_picture, edge));
    assert!(darker.abs() < 1.5, "the edge is darker by {darker}");
}

/// A change that spoils the design.
type Spoil = fn(&mut Value);

async fn every_bad_part_of_a_design_is_refused_by_name(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, photo) = client_with_photo(&app).await;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let cases: Vec<(&str, Spoil, StatusCode, &str, &str)> = vec![
        (
            "",
            |d| d["calibration"]["mm"] = json!(0),
            unprocessable,
            "calibration.mm",
            "must be between 5 and 400 mm, got 0",
        ),
        (
            "",
            |d| d["calibration"]["to"] = json!([402, 301]),
            unprocessable,
            "calibration",
            "click two points at least 10 pixels apart",
        ),
        (
            "",
            |d| d["area"] = json!([[1, 1], [2, 2]]),
            unprocessable,
            "area",
            "needs at least 3 corners, got 2",
        ),
        (
            "",
            |d| d["area"][1] = json!([1700, 200]),
            unprocessable,
            "area",
            "point 2 is not on the 1600×1200 photo",
        ),
        (
            "",
            |d| d["moles"][0][2] = json!(-3),
            unprocessable,
            "moles",
            "mole 1 is not a point on the photo with a positive radius",
        ),
        (
            "",
            |d| d["scars"] = json!([[[1, 1], [5, 5]]]),
            unprocessable,
            "scars",
            "polygon 1 needs at least 3 corners, got 2",
        ),
        (
            "",
            |d| d["style"] = json!("mohawk"),
            unprocessable,
            "style",
            "\"mohawk\" is not a style; use one of conservative, modern, edge-up, \
             widows-peak, soft",
        ),
        (
            "",
            |d| d["density"] = json!(500),
            unprocessable,
            "density",
            "must be between 20 and 140, got 500",
        ),
        (
            "",
            |d| d["sessions"] = json!(6),
            unprocessable,
            "sessions",
            "must be between 1 and 4, got 6",
        ),
        (
            "",
            |d| d["skin"] = json!("monk-12"),
            unprocessable,
            "skin",
            "\"monk-12\" is not on the Monk scale; expected monk-1 to monk-10",
        ),
        (
            "",
            |d| d["hair"] = json!("green"),
            unprocessable,
            "hair",
            "unknown colour \"green\"; known: black, dark-brown, brown, light-brown, grey, \
             white, or #rrggbb",
        ),
        (
            "",
            |d| d["uv"] = json!("extreme"),
            unprocessable,
            "uv",
            "unknown exposure \"extreme\"; known: low, medium, high",
        ),
        (
            "",
            |d| d["hairline"] = json!((0..2001).map(|i| [i % 1600, 300]).collect::<Vec<_>>()),
            unprocessable,
            "hairline",
            "has 2001 points; at most 2000",
        ),
        (
            "after=4",
            |_| {},
            unprocessable,
            "after",
            "must be a session from 1 to 3, got 4",
        ),
        (
            "after=two",
            |_| {},
            unprocessable,
            "after",
            "\"two\" is not a session number",
        ),
        (
            "stage=wet",
            |_| {},
            unprocessable,
            "stage",
            "\"wet\" is not a stage; use fresh or healed",
        ),
        (
            "years=11",
            |_| {},
            unprocessable,
            "years",
            "must be between 0 and 10, got 11",
        ),
        (
            "size=9",
            |_| {},
            unprocessable,
            "size",
            "is not a preview parameter; use after, stage and years",
        ),
        (
            "",
            |d| d["colour"] = json!("red"),
            StatusCode::BAD_REQUEST,
            "body.colour",
            "unknown field `colour`, expected one of `calibration`, `area`, `hairline`, \
             `moles`, `scars`, `existing_hair`, `style`, `transition_mm`, `sessions`, \
             `density`, `setback_mm`, `dot_mm`, `seed`, `skin`, `hair`, `uv`, `head` at line 1 \
             column 139",
        ),
        (
            "",
            |d| d["head"] = json!({ "centre": [800, 600], "radii": [600, 500], "depth": 3 }),
            unprocessable,
            "head",
            "depth must be between 0.3 and 1.5, got 3",
        ),
        (
            "",
            |d| d["head"] = json!({ "centre": [800, 600], "radii": [5, 500] }),
            unprocessable,
            "head",
            "the outline's radii must be between 10 and 3200 pixels, got 5",
        ),
        (
            "",
            |d| d["head"] = json!({ "centre": [-8, 600], "radii": [600, 500] }),
            unprocessable,
            "head",
            "the outline's centre is not on the 1600×1200 photo",
        ),
        (
            "",
            |d| d["head"] = json!({ "centre": [800, 600], "radii": [600, 500], "tilt": 2 }),
            StatusCode::BAD_REQUEST,
            "body.head.tilt",
            "unknown field `tilt`, expected one of `centre`, `radii`, `depth` at line 1 column 266",
        ),
    ];
    for (query, spoil, status, field, detail) in cases {
        let mut bad = design();
        spoil(&mut bad);
        let answer = app
            .call(
                Some(Role::Practitioner),
                Method::POST,
                &format!("/api/v1/photos/{photo}/preview?{query}"),
                Some(bad),
            )
            .await;
        assert_problem(&answer, status, Some(field), &format!("{field}: {detail}"));
    }
    // The front desk may not see the photo at all.
    let answer = app
        .call(
            Some(Role::FrontDesk),
            Method::POST,
            &format!("/api/v1/photos/{photo}/preview"),
            Some(design()),
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

async fn versions_are_saved_listed_read_and_previewed_and_views_audited(backend: Backend) {
    let app = spawn_app(backend).await;
    let (client, photo) = client_with_photo(&app).await;
    let save = |design: Value, note: &str| json!({ "design": design, "note": note });
    let first = save_version(&app, photo, save(design(), "as drawn")).await;
    assert_eq!(first.status, StatusCode::CREATED, "{:?}", first.body);
    assert_eq!(first.body["version"], 1);
    let mut denser = design();
    denser["density"] = json!(95);
    let second = save_version(&app, photo, save(denser, "denser, as Sam asked")).await;
    assert_eq!(second.body["version"], 2);
    assert_eq!(second.body["design"]["density"], 95.0);
    let listed = app
        .call(
            Some(Role::Practitioner),
            Method::GET,
            &format!("/api/v1/clients/{client}/designs"),
            None,
        )
        .await;
    let versions: Vec<i64> = listed
        .body
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v["version"].as_i64().expect("a number"))
        .collect();
    assert_eq!(versions, [2, 1], "newest first");
    let id = first.body["id"].as_i64().expect("an id");
    let read = app
        .call(
            Some(Role::Owner),
            Method::GET,
            &format!("/api/v1/designs/{id}"),
            None,
        )
        .await;
    assert_eq!(read.body["note"], "as drawn");
    assert_eq!(read.body["design"], first.body["design"]);
    let (status, kind, bytes) = app
        .fetch_bytes(
            Role::Owner,
            &format!("/api/v1/designs/{id}/preview?after=2"),
        )
        .await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "image/jpeg"));
    assert_eq!(
        image::load_from_memory(&bytes).expect("a JPEG").to_rgb8(),
        preview(&app, photo, "after=2", &design()).await,
        "a version previews as its design does"
    );
    // The before/after: the photo as it was beside it after session 2, captioned.
    let (status, kind, bytes) = app
        .fetch_bytes(
            Role::Practitioner,
            &format!("/api/v1/designs/{id}/before-after?after=2&years=5"),
        )
        .await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "image/png"));
    let sheet = image::load_from_memory(&bytes).expect("a PNG").to_rgb8();
    let layout = smp_design::BeforeAfterLayout::for_width(1600);
    assert_eq!(
        sheet.dimensions(),
        (2 * 1600 + layout.gutter, 1200 + layout.band)
    );
    let before = image::imageops::crop_imm(&sheet, 0, 0, 1600, 1200).to_image();
    let after = image::imageops::crop_imm(&sheet, 1600 + layout.gutter, 0, 1600, 1200).to_image();
    let original = samples::scalp(1600, 1200);
    assert!((luma(mean(&before, INSIDE)) - luma(mean(&original, INSIDE))).abs() < 1.0);
    assert!(luma(mean(&after, INSIDE)) < luma(mean(&before, INSIDE)) - 1.0);
    sheet
        .save(crate::browser::screenshot_path(
            "studio-api-before-after.png",
        ))
        .expect("saved");
    // The practitioner's map: every dot, by session, over the faint photo.
    let (status, kind, bytes) = app
        .fetch_bytes(Role::Practitioner, &format!("/api/v1/designs/{id}/map"))
        .await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "image/svg+xml"));
    let svg = String::from_utf8(bytes).expect("text");
    assert!(
        svg.starts_with("<svg") || svg.starts_with("<?xml"),
        "{}",
        &svg[..80]
    );
    assert!(svg.contains("Sam Carter · design version 1"));
    assert!(svg.contains("data:image/jpeg;base64,"));
    let summary = summary_of(&app, photo, design()).await;
    let total = summary["total_dots"].as_u64().expect("a total") as usize;
    let dots = svg.split("id=\"dots\"").nth(1).expect("the dots");
    assert_eq!(dots.matches("<circle").count(), total);
    // A course that is not Sam's, a long note and a bad design are refused, nothing saved.
    let refusals = [
        (
            json!({ "design": design(), "course_id": 999 }),
            "course_id",
            "course_id: is not one of this client's",
        ),
        (
            json!({ "design": design(), "note": "x".repeat(2001) }),
            "note",
            "note: is longer than 2000 characters",
        ),
    ];
    for (body, field, detail) in refusals {
        let answer = save_version(&app, photo, body).await;
        assert_problem(
            &answer,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(field),
            detail,
        );
    }
    let mut bad = design();
    bad["density"] = json!(5);
    let answer = save_version(&app, photo, save(bad, "")).await;
    assert_eq!(answer.body["field"], "density");
    let log = app.db.store.audit_log(200).await.expect("the log");
    let count = |action: &str, subject: &str| {
        log.iter()
            .filter(|r| r.entry.action == action && r.entry.subject == subject)
            .count()
    };
    assert_eq!(count("write", "design version"), 2);
    assert_eq!(count("export", "photo"), 2);
    assert_eq!(
        count("preview", "photo"),
        2,
        "one viewing for the practitioner, one for the owner"
    );
    // Deleting the photo deletes the versions drawn on it.
    let gone = app
        .call(
            Some(Role::Practitioner),
            Method::DELETE,
            &format!("/api/v1/photos/{photo}"),
            None,
        )
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    let read = app
        .call(
            Some(Role::Owner),
            Method::GET,
            &format!("/api/v1/designs/{id}"),
            None,
        )
        .await;
    assert_eq!(read.status, StatusCode::NOT_FOUND);
}

async fn the_studio_and_compare_pages_are_for_health_data_roles_and_name_bad_input(
    backend: Backend,
) {
    use crate::pages::{account, browser, get, log_in, PASSWORD};
    let app = spawn_app(backend).await;
    let (client, photo) = client_with_photo(&app).await;
    let practitioner = account(&app, "pat@clinic.test", Role::Practitioner).await;
    let pat = browser();
    log_in(&pat, &app, &practitioner, PASSWORD).await;
    let studio = get(&pat, &app, &format!("/photos/{photo}/studio")).await;
    assert_eq!(studio.status, StatusCode::OK);
    assert!(studio.html.contains("id=\"overlay\"") && studio.html.contains("/assets/studio.js"));
    // Every loss pattern of the engine can be laid on the photo, Norwood 6 first chosen.
    for (name, label) in smp_design::LossPattern::CATALOGUE {
        assert!(
            studio.html.contains(&format!("<option value=\"{name}\""))
                && studio.html.contains(label),
            "the pattern list offers {name}"
        );
    }
    assert!(studio
        .html
        .contains("<option value=\"norwood-6\" selected>Norwood 6</option>"));
    let script = get(&pat, &app, "/assets/studio.js").await;
    assert!(script.html.contains("pointerdown"));
    // Comparing needs exactly two of the client's versions, and a moment that exists.
    let mut ids = Vec::new();
    for density in [80, 90] {
        let mut d = design();
        d["density"] = json!(density);
        let saved = save_version(&app, photo, json!({ "design": d })).await;
        ids.push(saved.body["id"].as_i64().expect("a version"));
    }
    let compare = |query: String| format!("/clients/{client}/designs/compare?{query}");
    let good = get(&pat, &app, &compare(format!("v={}&v={}", ids[1], ids[0]))).await;
    assert_eq!(good.status, StatusCode::OK);
    let (left, right) = (
        good.html.find("Version 1").expect("version 1"),
        good.html.find("Version 2").expect("version 2"),
    );
    assert!(left < right, "the older version is on the left");
    for (query, detail) in [
        (
            format!("v={}", ids[0]),
            "v: tick exactly two versions to compare, not 1",
        ),
        (
            format!("v={}&v={}&after=4", ids[0], ids[1]),
            "after: must be a session from 1 to 3, got 4",
        ),
        (
            format!("v={}&v={}&zoom=2", ids[0], ids[1]),
            "zoom: is not a compare parameter; use v (twice), after, stage and years",
        ),
    ] {
        let page = get(&pat, &app, &compare(query)).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.html.contains(detail), "{detail} in {}", page.html);
    }
    // Another client's version is not this client's to compare.
    let other = app
        .post("/api/v1/clients", json!({ "name": "Alex Other" }))
        .await
        .body["id"]
        .as_i64()
        .expect("a client");
    let page = get(
        &pat,
        &app,
        &format!("/clients/{other}/designs/compare?v={}&v={}", ids[0], ids[1]),
    )
    .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    // The front desk sees neither.
    let desk_email = account(&app, "robin@clinic.test", Role::FrontDesk).await;
    let desk = browser();
    log_in(&desk, &app, &desk_email, PASSWORD).await;
    assert_eq!(
        get(&desk, &app, &format!("/photos/{photo}/studio"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get(&desk, &app, &compare(format!("v={}&v={}", ids[0], ids[1])))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

on_both_databases!(
    a_preview_darkens_the_area_with_each_session_and_fades_over_the_years,
    the_summary_counts_dots_and_needle_time_and_explains_the_shade,
    every_bad_part_of_a_design_is_refused_by_name,
    with_the_head_outline_the_dots_follow_the_scalps_curvature,
    versions_are_saved_listed_read_and_previewed_and_views_audited,
    the_studio_and_compare_pages_are_for_health_data_roles_and_name_bad_input
);
