//! Reference-image tests of the studio's previews on a committed test photo
//! (`tests/reference/studio-photo.jpg`, a balding head from above that
//! `smp_photo::samples::scalp(400, 300)` drew): a fixed design is previewed after session 1,
//! after session 3, and after session 3 ten years on, and each is compared with a committed
//! PNG within a tolerance (JPEG's and antialiasing's small differences pass; a moved area,
//! a missing session or a wrong shade does not).
//!
//! To accept new pictures after a deliberate change, run with `SMP_UPDATE_REFERENCES=1`
//! and look at the files in `tests/reference/` before committing them.

use std::path::PathBuf;

use image::RgbImage;
use serde_json::json;
use smp_design::{Moment, Stage, Uv};
use smp_server::studio::design::StudioDesign;
use smp_server::studio::preview::{draw, jpeg, place, WorkingPhoto};

/// Largest mean difference per channel, in 8-bit steps (the pictures are deterministic;
/// this leaves room for another build of the JPEG codec, not for a changed design).
const MEAN_TOLERANCE: f64 = 0.3;
/// Largest share of pixels that may differ by more than `FAR` steps in some channel.
const OUTLIER_SHARE: f64 = 0.01;
const FAR: u8 = 24;

fn reference(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/reference")
        .join(name)
}

/// The design: the bald top at 0.4 mm a pixel, its hairline, a mole.
fn design() -> StudioDesign {
    serde_json::from_value(json!({
        "calibration": { "from": [100, 75], "to": [300, 75], "mm": 80 },
        "area": [[125, 50], [275, 50], [295, 125], [275, 225], [125, 225], [105, 125]],
        "hairline": [[125, 52], [162, 47], [200, 50], [237, 47], [275, 52]],
        "moles": [[200, 137, 4]],
        "sessions": 3,
        "seed": 5,
        "hair": "dark-brown",
    }))
    .expect("a design")
}

fn preview(moment: Moment) -> RgbImage {
    let stored = std::fs::read(reference("studio-photo.jpg")).expect("the committed photo");
    let photo = WorkingPhoto::decode(&stored, 400, 300).expect("decoded");
    let placed = place(&photo, &design()).expect("placed");
    let bytes = jpeg(&draw(&photo, &placed, Uv::Medium, moment)).expect("encoded");
    image::load_from_memory(&bytes).expect("a JPEG").to_rgb8()
}

fn check(name: &str, moment: Moment) {
    let picture = preview(moment);
    let path = reference(name);
    if std::env::var_os("SMP_UPDATE_REFERENCES").is_some() {
        picture.save(&path).expect("written");
        return;
    }
    let expected = image::open(&path)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (run with SMP_UPDATE_REFERENCES=1 to create it)",
                path.display()
            )
        })
        .to_rgb8();
    assert_eq!(picture.dimensions(), expected.dimensions(), "{name}");
    let (mean, share) = difference(&picture, &expected);
    assert!(
        within_tolerance(&picture, &expected),
        "{name}: mean difference {mean:.3}, {:.3}% far off",
        share * 100.0
    );
}

/// Mean difference per channel, and the share of pixels far off in some channel.
fn difference(a: &RgbImage, b: &RgbImage) -> (f64, f64) {
    let (mut sum, mut far) = (0u64, 0usize);
    for (p, q) in a.pixels().zip(b.pixels()) {
        let d: Vec<u8> = p.0.iter().zip(q.0).map(|(x, y)| x.abs_diff(y)).collect();
        sum += d.iter().map(|&v| u64::from(v)).sum::<u64>();
        far += usize::from(d.iter().any(|&v| v > FAR));
    }
    let pixels = f64::from(a.width() * a.height());
    (sum as f64 / (pixels * 3.0), far as f64 / pixels)
}

fn within_tolerance(a: &RgbImage, b: &RgbImage) -> bool {
    let (mean, share) = difference(a, b);
    mean <= MEAN_TOLERANCE && share <= OUTLIER_SHARE
}

#[test]
fn after_session_1_matches_its_reference() {
    check(
        "studio-session-1.png",
        Moment {
            after_session: 1,
            stage: Stage::Healed { years: 0.0 },
        },
    );
}

#[test]
fn after_session_3_matches_its_reference() {
    check(
        "studio-session-3.png",
        Moment {
            after_session: 3,
            stage: Stage::Healed { years: 0.0 },
        },
    );
}

#[test]
fn ten_years_on_matches_its_reference() {
    check(
        "studio-10-years.png",
        Moment {
            after_session: 3,
            stage: Stage::Healed { years: 10.0 },
        },
    );
}

#[test]
fn the_references_differ_from_each_other_and_from_the_photo() {
    let photo = image::open(reference("studio-photo.jpg"))
        .expect("the photo")
        .to_rgb8();
    let pictures: Vec<RgbImage> = [
        "studio-session-1.png",
        "studio-session-3.png",
        "studio-10-years.png",
    ]
    .iter()
    .map(|n| image::open(reference(n)).expect("a reference").to_rgb8())
    .collect();
    let luma = |p: &RgbImage| -> f64 {
        let mut s = 0.0;
        for y in 150..220 {
            for x in 130..270 {
                let c = p.get_pixel(x, y).0;
                s += 0.2126 * f64::from(c[0]) + 0.7152 * f64::from(c[1]) + 0.0722 * f64::from(c[2]);
            }
        }
        s / (70.0 * 140.0)
    };
    let (bare, one, three, ten) = (
        luma(&photo),
        luma(&pictures[0]),
        luma(&pictures[1]),
        luma(&pictures[2]),
    );
    assert!(
        bare > one && one > three && ten > three,
        "{bare} {one} {three} {ten}"
    );
    // The tolerance tells them apart: a missing session or ten years of fading fails.
    for (i, j) in [(0, 1), (1, 2), (0, 2)] {
        assert!(
            !within_tolerance(&pictures[i], &pictures[j]),
            "references {i} and {j} pass as each other: {:?}",
            difference(&pictures[i], &pictures[j])
        );
    }
}
