//! Reference-image tests: each view of a fixed design is rendered and compared with a
//! committed PNG within a tolerance (small differences in antialiasing are fine; a moved
//! hairline, a missing session or a wrong shade is not).
//!
//! To accept new pictures after a deliberate change, run with `SMP_UPDATE_REFERENCES=1`
//! and look at the files in `tests/reference/` before committing them.

use std::path::PathBuf;

use smp_design::{
    encode_png, render, Design, DesignParams, HairColour, HairlineStyle, LossPattern, Moment,
    SkinTone, Stage, View,
};

const SIZE: u32 = 256;
/// Largest mean difference per channel, in 8-bit sRGB steps.
const MEAN_TOLERANCE: f64 = 1.5;
/// Largest share of pixels that may differ by more than `FAR` steps in some channel.
const OUTLIER_SHARE: f64 = 0.005;
const FAR: u8 = 40;

fn design() -> Design {
    let mut params = DesignParams::new(
        LossPattern::parse("norwood-5").unwrap(),
        HairlineStyle::Conservative,
    );
    params.seed = 3;
    params.skin = SkinTone::parse("monk-4").unwrap();
    params.hair = HairColour::parse("dark-brown").unwrap();
    Design::new(params).unwrap()
}

fn reference(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/reference")
        .join(name)
}

fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

fn check(name: &str, view: View, moment: Moment) {
    let canvas = render(&design(), view, SIZE, moment).unwrap();
    let bytes = encode_png(&canvas).unwrap();
    let path = reference(name);
    if std::env::var_os("SMP_UPDATE_REFERENCES").is_some() {
        std::fs::write(&path, &bytes).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with SMP_UPDATE_REFERENCES=1 to create it)",
            path.display()
        )
    });
    let (w0, h0, a) = decode(&expected);
    let (w1, h1, b) = decode(&bytes);
    assert_eq!((w0, h0), (w1, h1), "{name}: size");
    assert_eq!(a.len(), b.len(), "{name}: pixel format");
    let total: u64 = a
        .iter()
        .zip(&b)
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    let mean = total as f64 / a.len() as f64;
    let far = a
        .chunks(3)
        .zip(b.chunks(3))
        .filter(|(p, q)| p.iter().zip(*q).any(|(x, y)| x.abs_diff(*y) > FAR))
        .count();
    let share = far as f64 / (a.len() / 3) as f64;
    assert!(
        mean <= MEAN_TOLERANCE,
        "{name}: mean difference {mean:.2} per channel"
    );
    assert!(
        share <= OUTLIER_SHARE,
        "{name}: {:.2}% of pixels differ by more than {FAR}",
        share * 100.0
    );
}

fn healed(after_session: u32, years: f32) -> Moment {
    Moment {
        after_session,
        stage: Stage::healed(years).unwrap(),
    }
}

#[test]
fn the_top_view_matches_its_reference() {
    check("top.png", View::Top, healed(3, 0.0));
}

#[test]
fn the_front_view_matches_its_reference() {
    check("front.png", View::Front, healed(3, 0.0));
}

#[test]
fn the_back_view_matches_its_reference() {
    check("back.png", View::Back, healed(3, 0.0));
}

#[test]
fn the_closeup_matches_its_reference() {
    check("closeup.png", View::Closeup, healed(3, 0.0));
}

#[test]
fn the_foundation_session_matches_its_reference() {
    check("session-1.png", View::Top, healed(1, 0.0));
}

#[test]
fn a_fresh_closeup_matches_its_reference() {
    check(
        "closeup-fresh.png",
        View::Closeup,
        Moment {
            after_session: 3,
            stage: Stage::fresh(1.0).unwrap(),
        },
    );
}

#[test]
fn a_closeup_eight_years_on_matches_its_reference() {
    check("closeup-8-years.png", View::Closeup, healed(3, 8.0));
}

#[test]
fn the_comparison_notices_a_different_picture() {
    // The tolerance is not so loose that session 1 passes for the finished design.
    let a = encode_png(&render(&design(), View::Closeup, SIZE, healed(1, 0.0)).unwrap()).unwrap();
    let b = encode_png(&render(&design(), View::Closeup, SIZE, healed(3, 0.0)).unwrap()).unwrap();
    let ((_, _, a), (_, _, b)) = (decode(&a), decode(&b));
    let total: u64 = a
        .iter()
        .zip(&b)
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    assert!(total as f64 / a.len() as f64 > MEAN_TOLERANCE);
}
