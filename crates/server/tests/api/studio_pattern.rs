//! Starting a studio design from one of the engine's patterns and styles: the first drawing
//! comes back in the photo's pixels, inside the head's outline, and the studio places and
//! sums up dots in it like any drawing; every bad part of the request is refused by name.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use smp_design::LossPattern;
use smp_photo::samples;
use smp_store::{Backend, Role};

use crate::studio::{client_with_photo, design, summary_of};
use crate::support::{assert_problem, spawn_app, Answer, TestApp};

/// A request for `pattern` on the test photo: its calibration and its head's real outline.
fn request(pattern: &str) -> Value {
    let ((cx, cy), (rx, ry)) = samples::scalp_head(1600, 1200);
    json!({
        "pattern": pattern,
        "style": "modern",
        "calibration": design()["calibration"].clone(),
        "head": { "centre": [cx, cy], "radii": [rx, ry] },
    })
}

async fn start(app: &TestApp, photo: i64, body: Value) -> Answer {
    app.call(
        Some(Role::Practitioner),
        Method::POST,
        &format!("/api/v1/photos/{photo}/starting-drawing"),
        Some(body),
    )
    .await
}

fn points(value: &Value) -> Vec<(f64, f64)> {
    value
        .as_array()
        .expect("points")
        .iter()
        .map(|p| (p[0].as_f64().expect("x"), p[1].as_f64().expect("y")))
        .collect()
}

async fn a_pattern_laid_on_the_photo_is_a_drawing_the_studio_fills_with_dots(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, photo) = client_with_photo(&app).await;
    let answer = start(&app, photo, request("norwood-6")).await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
    let drawing = answer.body;
    assert_eq!(drawing["view"], "top");
    assert_eq!(drawing["patches_left_out"], 0);
    // The head fitted to the outline: 2 × 561.6 px and 2 × 540 px at 0.15 mm a pixel.
    let head = &drawing["head_mm"];
    assert!(
        (head["width"].as_f64().unwrap() - 168.5).abs() < 0.5,
        "{head}"
    );
    assert!(
        (head["length"].as_f64().unwrap() - 162.0).abs() < 0.5,
        "{head}"
    );
    // Every corner inside the head's outline; the hairline across the front (the top).
    let ((cx, cy), (rx, ry)) = samples::scalp_head(1600, 1200);
    let area = points(&drawing["area"]);
    assert!(area.len() >= 8, "{area:?}");
    for &(x, y) in &area {
        let r = ((x - f64::from(cx)) / f64::from(rx)).hypot((y - f64::from(cy)) / f64::from(ry));
        assert!(r < 1.0, "({x}, {y}) is outside the head");
    }
    let hairline = points(&drawing["hairline"]);
    assert!(hairline.len() >= 5, "{hairline:?}");
    assert!(hairline.iter().all(|&(_, y)| y < f64::from(cy) - 150.0));

    // The drawing, as the studio sends it back with the head's outline, is a design.
    let mut chosen = design();
    for part in ["area", "hairline", "existing_hair", "scars"] {
        chosen[part] = drawing[part].clone();
    }
    chosen["moles"] = json!([]);
    chosen["head"] = request("norwood-6")["head"].clone();
    let summary = summary_of(&app, photo, chosen).await;
    // Norwood 6 is most of the top of the head: over 100 cm² of skin (138 on the studio's
    // flatter dome), at 80 dots a cm².
    let cm2 = summary["treated_cm2"].as_f64().expect("an area");
    assert!((100.0..300.0).contains(&cm2), "{cm2}");
    let dots = summary["total_dots"].as_f64().expect("dots");
    assert!(
        (dots / cm2 - 80.0).abs() < 12.0,
        "{dots} dots over {cm2} cm²"
    );

    // Thinning keeps the client's own hairline and marks their hair inside the area.
    let answer = start(&app, photo, request("diffuse")).await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
    assert_eq!(answer.body["hairline"], json!([]));
    assert_eq!(
        answer.body["existing_hair"].as_array().map(Vec::len),
        Some(1)
    );
}

async fn every_bad_part_of_a_starting_drawing_is_refused_by_name(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, photo) = client_with_photo(&app).await;
    type Spoil = fn(&mut Value);
    let cases: [(Spoil, StatusCode, &str, String); 6] = [
        (
            |r| {
                r.as_object_mut().expect("an object").remove("head");
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            "head",
            "starting from a pattern needs the head's outline: drag it across the head first"
                .to_owned(),
        ),
        (
            |r| r["pattern"] = json!("norwood-9"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "pattern",
            format!(
                "unknown pattern \"norwood-9\"; known: {}",
                LossPattern::NAMES
            ),
        ),
        (
            |r| r["style"] = json!("mohawk"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "style",
            "unknown style \"mohawk\"; known: conservative, modern, edge-up, widows-peak, soft"
                .to_owned(),
        ),
        (
            |r| r["hairline_height_mm"] = json!(300),
            StatusCode::UNPROCESSABLE_ENTITY,
            "hairline_height_mm",
            "must be between 40 and 130 mm, got 300".to_owned(),
        ),
        (
            |r| r["head"]["centre"] = json!([1800, 600]),
            StatusCode::UNPROCESSABLE_ENTITY,
            "head",
            "the outline's centre is not on the 1600×1200 photo".to_owned(),
        ),
        (
            // An FUT strip sits at the back, below the ears: a photo from above cannot show it.
            |r| r["pattern"] = json!("scar-fut"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "pattern",
            "leaves no skin to treat that this top photo shows; choose another pattern or photo"
                .to_owned(),
        ),
    ];
    for (spoil, status, field, detail) in cases {
        let mut bad = request("norwood-6");
        spoil(&mut bad);
        let answer = start(&app, photo, bad).await;
        assert_problem(&answer, status, Some(field), &format!("{field}: {detail}"));
    }
    let mut bad = request("norwood-6");
    bad["calibration"]["mm"] = json!(1);
    assert_problem(
        &start(&app, photo, bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("calibration.mm"),
        "calibration.mm: must be between 5 and 400 mm, got 1",
    );
    let mut bad = request("norwood-6");
    bad["colour"] = json!("blue");
    let answer = start(&app, photo, bad).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{:?}", answer.body);
    assert_eq!(answer.body["field"], "body.colour");
    let detail = answer.body["detail"].as_str().expect("a detail");
    assert!(
        detail.starts_with("body.colour: unknown field `colour`, expected one of `pattern`"),
        "{detail}"
    );
}

on_both_databases!(
    a_pattern_laid_on_the_photo_is_a_drawing_the_studio_fills_with_dots,
    every_bad_part_of_a_starting_drawing_is_refused_by_name
);
