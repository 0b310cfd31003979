//! The studio on a photo: dots where the practitioner drew, at the calibrated density,
//! ramping up behind the drawn hairline, none on a mole, sessions nested; drawn into the
//! photo as pigment that darkens the skin, more with each session and less years later.

use smp_design::{
    draw_on_photo, place_on_photo, sample_skin, Canvas, HairColour, LinearRgb, Moment, PhotoDot,
    PhotoInk, PhotoPlan, PigmentPlan, SkinTone, Srgb8, Stage, Uv, EXISTING_HAIR_SHARE,
};

mod common;

use common::photo_plan as plan;

fn dots() -> Vec<PhotoDot> {
    place_on_photo(&plan(), 3, 80.0, 3.0, 0.28, 7).expect("dots")
}

/// Dots of sessions 1..=k per cm² in a band of rows (photo pixels).
fn density(dots: &[PhotoDot], k: u8, rows: (f32, f32), columns: (f32, f32)) -> f32 {
    let n = dots
        .iter()
        .filter(|d| d.session <= k)
        .filter(|d| (rows.0..rows.1).contains(&d.y) && (columns.0..columns.1).contains(&d.x))
        .count();
    let cm2 = (rows.1 - rows.0) * (columns.1 - columns.0) * 0.01 * 0.01;
    n as f32 / cm2
}

#[test]
fn dots_fill_the_drawn_area_at_the_density_asked_for_behind_the_hairline() {
    let dots = dots();
    // Deep behind the line (10-40 mm), away from the mole: 80 per cm² within 5%.
    let deep = density(&dots, 3, (300.0, 400.0), (220.0, 780.0));
    assert!((deep / 80.0 - 1.0).abs() < 0.05, "{deep} per cm²");
    // The first 2 mm behind the line are the soft front of the transition zone.
    let front = density(&dots, 3, (200.0, 220.0), (220.0, 780.0));
    assert!(front < 0.6 * deep, "{front} at the line against {deep}");
    for d in &dots {
        assert!(
            (195.0..=805.0).contains(&d.x) && (195.0..=605.0).contains(&d.y),
            "{d:?}"
        );
        let from_mole = (d.x - 500.0).hypot(d.y - 450.0);
        assert!(
            from_mole >= 30.0,
            "a dot {from_mole} px from the mole's centre"
        );
    }
}

#[test]
fn sessions_nest_the_foundation_holding_about_two_fifths() {
    let dots = dots();
    let first = density(&dots, 1, (300.0, 400.0), (220.0, 780.0));
    let all = density(&dots, 3, (300.0, 400.0), (220.0, 780.0));
    assert!((first / all - 0.4).abs() < 0.05, "{first} of {all}");
    // Session 1's hairline sits back: nothing of it in the first millimetre.
    assert!(dots.iter().filter(|d| d.session == 1).all(|d| d.y >= 210.0));
    assert_eq!(
        dots,
        place_on_photo(&plan(), 3, 80.0, 3.0, 0.28, 7).expect("dots")
    );
}

fn photo() -> Canvas {
    Canvas::new(
        1000,
        800,
        LinearRgb::from_srgb(Srgb8 {
            r: 224,
            g: 180,
            b: 150,
        }),
    )
    .expect("a canvas")
}

fn ink(skin: SkinTone) -> PhotoInk {
    PhotoInk {
        pigment: PigmentPlan::choose(&skin, &HairColour::Black, 3).expect("a plan"),
        skin,
        uv: Uv::Medium,
    }
}

/// Mean luminance of the area's inside.
fn mean_luminance(canvas: &Canvas) -> f32 {
    let mut sum = 0.0;
    let mut n = 0.0;
    for y in 300..400 {
        for x in 220..480 {
            sum += canvas.pixel(x, y).expect("a pixel").luminance();
            n += 1.0;
        }
    }
    sum / n
}

#[test]
fn the_photo_darkens_with_each_session_and_lightens_over_the_years() {
    let plan = plan();
    let photo = photo();
    let skin = sample_skin(&photo, &plan).expect("skin inside the area");
    assert_eq!(
        skin.srgb(),
        Srgb8 {
            r: 224,
            g: 180,
            b: 150
        }
    );
    let ink = ink(skin);
    let dots = dots();
    let at = |after_session, stage| {
        mean_luminance(&draw_on_photo(
            &photo,
            &plan,
            &dots,
            &ink,
            Moment {
                after_session,
                stage,
            },
        ))
    };
    let healed = |years| Stage::Healed { years };
    let bare = mean_luminance(&photo);
    let (one, three) = (at(1, healed(0.0)), at(3, healed(0.0)));
    assert!(one < bare && three < one, "{bare} {one} {three}");
    let five_years = at(3, healed(5.0));
    assert!(
        three < five_years && five_years < bare,
        "{three} {five_years}"
    );
    // Outside the area the photo is untouched.
    let drawn = draw_on_photo(
        &photo,
        &plan,
        &dots,
        &ink,
        Moment {
            after_session: 3,
            stage: healed(0.0),
        },
    );
    assert_eq!(drawn.pixel(50, 50), photo.pixel(50, 50));
    assert_eq!(
        drawn.pixel(500, 450),
        photo.pixel(500, 450),
        "the mole is left alone"
    );
}

#[test]
fn a_scar_past_the_area_is_filled_and_remaining_hair_gets_half_the_dots() {
    let mut plan = plan();
    plan.moles.clear();
    // A scar below the area (rows 650-750) and hair over its right half.
    plan.scars = vec![vec![
        (300.0, 650.0),
        (700.0, 650.0),
        (700.0, 750.0),
        (300.0, 750.0),
    ]];
    plan.hair = vec![vec![
        (500.0, 150.0),
        (850.0, 150.0),
        (850.0, 650.0),
        (500.0, 650.0),
    ]];
    // 60 × 40 mm of area and 40 × 10 mm of scar.
    assert!(
        (plan.treated_cm2() - 28.0).abs() < 1e-3,
        "{}",
        plan.treated_cm2()
    );
    let dots = place_on_photo(&plan, 3, 80.0, 3.0, 0.28, 7).expect("dots");
    let scar = density(&dots, 3, (665.0, 735.0), (320.0, 680.0));
    assert!(
        (scar / 80.0 - 1.0).abs() < 0.08,
        "{scar} per cm² in the scar"
    );
    let bare = density(&dots, 3, (300.0, 550.0), (220.0, 460.0));
    let haired = density(&dots, 3, (300.0, 550.0), (540.0, 780.0));
    assert!((bare / 80.0 - 1.0).abs() < 0.05, "{bare} per cm² bare");
    assert!(
        (haired / bare - EXISTING_HAIR_SHARE).abs() < 0.06,
        "{haired} between the hairs against {bare}"
    );
}

/// A change that spoils a plan.
type Change = Box<dyn Fn(&mut PhotoPlan)>;

#[test]
fn a_bad_plan_is_refused_naming_its_part() {
    let cases: Vec<(Change, &str)> = vec![
        (Box::new(|p| p.mm_per_px = f32::NAN), "mm-per-px"),
        (Box::new(|p| p.area.truncate(2)), "area"),
        (Box::new(|p| p.area[1] = (5000.0, 10.0)), "area"),
        (Box::new(|p| p.hairline[0] = (-1.0, 0.0)), "hairline"),
        (Box::new(|p| p.moles[0].2 = 0.0), "moles"),
        (Box::new(|p| p.transition_mm = -2.0), "transition"),
        (
            Box::new(|p| p.scars = vec![vec![(1.0, 1.0), (2.0, 2.0)]]),
            "scars",
        ),
        (
            Box::new(|p| p.hair = vec![vec![(1.0, 1.0), (2.0, 2.0), (2.0, 900.0)]]),
            "existing-hair",
        ),
    ];
    for (change, name) in cases {
        let mut bad = plan();
        change(&mut bad);
        let error = place_on_photo(&bad, 3, 80.0, 3.0, 0.28, 7).expect_err(name);
        assert!(error.to_string().starts_with(name), "{name}: {error}");
    }
    let error = place_on_photo(&plan(), 5, 80.0, 3.0, 0.28, 7).expect_err("sessions");
    assert_eq!(
        error.to_string(),
        "sessions: must be between 1 and 4, got 5"
    );
}
