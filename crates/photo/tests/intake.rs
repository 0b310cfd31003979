//! Intake of real files: every EXIF orientation turned upright, metadata gone, alpha
//! kept, and every kind of bad file refused before anything is stored.

use smp_photo::samples::{self, QUADRANTS};
use smp_photo::{intake, Limits, PhotoError, PhotoFormat};

fn decode(bytes: &[u8]) -> image::DynamicImage {
    image::load_from_memory(bytes).expect("the clean copy decodes")
}

#[test]
fn every_exif_orientation_is_turned_upright_and_the_exif_block_is_gone() {
    let upright = samples::upright(64, 40);
    for orientation in 1..=8u16 {
        let stored = samples::stored_for(orientation, &upright);
        let file = samples::with_exif(&samples::jpeg(&stored), orientation, true);
        let clean = intake(&file, Some("image/jpeg"), &Limits::default())
            .unwrap_or_else(|e| panic!("orientation {orientation}: {e}"));
        assert_eq!(clean.format, PhotoFormat::Jpeg);
        assert_eq!(
            (clean.width, clean.height),
            (64, 40),
            "orientation {orientation}"
        );
        let colours = samples::quadrant_colours(&decode(&clean.bytes).to_rgb8());
        for (quadrant, (got, want)) in colours.iter().zip(QUADRANTS).enumerate() {
            assert!(
                samples::near(*got, want, 12),
                "orientation {orientation}, quadrant {quadrant}: {got:?} instead of {want:?}"
            );
        }
        assert!(
            !contains(&clean.bytes, b"Exif\0\0"),
            "orientation {orientation}"
        );
    }
}

#[test]
fn a_gps_position_and_the_camera_make_do_not_survive() {
    let file = samples::with_exif(&samples::jpeg(&samples::upright(32, 32)), 1, true);
    assert!(contains(&file, &samples::gps_latitude_bytes()));
    let clean = intake(&file, None, &Limits::default()).expect("a clean copy");
    assert!(!contains(&clean.bytes, &samples::gps_latitude_bytes()));
    assert!(!contains(&clean.bytes, samples::CAMERA_MAKE));
    assert!(!contains(&clean.bytes, b"Exif"));
    // Nor any application segment but the JFIF header an encoder writes.
    assert!(clean
        .bytes
        .windows(2)
        .all(|w| !(w[0] == 0xFF && (0xE1..=0xEF).contains(&w[1]))));
}

#[test]
fn a_png_keeps_its_transparency() {
    let clean = intake(
        &samples::png_with_alpha(40, 20),
        Some("image/png"),
        &Limits::default(),
    )
    .expect("a clean copy");
    assert_eq!(clean.format, PhotoFormat::Png);
    let picture = decode(&clean.bytes);
    assert!(picture.color().has_alpha());
    let rgba = picture.to_rgba8();
    assert_eq!(rgba.get_pixel(5, 5).0, [220, 30, 30, 255]);
    assert_eq!(rgba.get_pixel(35, 5).0[3], 128);
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header() {
    for (file, format) in [
        (samples::png_claiming(100_000, 100_000), "PNG"),
        (samples::jpeg_claiming(65_000, 65_000), "JPEG"),
    ] {
        assert!(file.len() < 2_000, "{format}: the bomb is small");
        let error = intake(&file, None, &Limits::default()).expect_err(format);
        assert!(
            matches!(error, PhotoError::TooManyPixels { .. }),
            "{format}: {error}"
        );
    }
    let error = intake(
        &samples::png_claiming(9_000, 9_000),
        None,
        &Limits::default(),
    )
    .expect_err("81 megapixels");
    assert_eq!(
        error.to_string(),
        "the picture is 9000×9000 pixels; at most 12000 pixels a side and 50 megapixels are accepted"
    );
}

#[test]
fn truncated_files_are_refused_as_damaged() {
    let jpeg = samples::jpeg(&samples::upright(64, 64));
    let png = samples::png(&samples::upright(64, 64));
    for (file, format) in [(&jpeg, PhotoFormat::Jpeg), (&png, PhotoFormat::Png)] {
        for cut in [file.len() * 6 / 10, file.len() - 3] {
            let error =
                intake(&file[..cut], None, &Limits::default()).expect_err("a cut file is refused");
            match error {
                PhotoError::Damaged { format: f, .. } => assert_eq!(f, format),
                other => panic!("{format} cut at {cut}: {other}"),
            }
            assert!(
                error_text(&file[..cut])
                    .starts_with(&format!("the {format} file is truncated or damaged")),
                "{}",
                error_text(&file[..cut])
            );
        }
    }
}

#[test]
fn a_text_file_named_jpg_and_a_mislabelled_file_are_refused() {
    let text = b"Dear clinic, here is my photo.\n";
    assert_eq!(
        intake(text, Some("image/jpeg"), &Limits::default()),
        Err(PhotoError::NotAnImage)
    );
    assert_eq!(error_text(text), "the file is not a JPEG or PNG image");
    let png = samples::png(&samples::upright(8, 8));
    assert_eq!(
        intake(&png, Some("image/jpeg"), &Limits::default())
            .expect_err("a PNG sent as a JPEG")
            .to_string(),
        "the file is a PNG image but was sent as image/jpeg"
    );
    // A generic type says nothing, so the content decides.
    assert!(intake(&png, Some("application/octet-stream"), &Limits::default()).is_ok());
}

#[test]
fn size_limits_are_checked_before_anything_else() {
    assert_eq!(
        intake(&[], None, &Limits::default()),
        Err(PhotoError::Empty)
    );
    let limits = Limits {
        max_bytes: 100,
        ..Limits::default()
    };
    let file = samples::png(&samples::upright(32, 32));
    assert_eq!(
        intake(&file, None, &limits)
            .expect_err("too big")
            .to_string(),
        format!(
            "the file is {} bytes; at most 100 bytes are accepted",
            file.len()
        )
    );
}

fn error_text(bytes: &[u8]) -> String {
    intake(bytes, None, &Limits::default())
        .expect_err("refused")
        .to_string()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_stored_photo_decodes_to_rgb_and_encodes_back_to_a_clean_jpeg() {
    let upright = samples::upright(64, 48);
    for file in [samples::png(&upright), samples::jpeg(&upright)] {
        let clean = intake(&file, None, &Limits::default()).expect("clean");
        let picture = smp_photo::decode_rgb(&clean.bytes, 4096).expect("decoded");
        assert_eq!((picture.width, picture.height), (64, 48));
        assert_eq!(picture.rgb.len(), 64 * 48 * 3);
        let jpeg = smp_photo::encode_jpeg(&picture, 85).expect("encoded");
        let again = smp_photo::decode_rgb(&jpeg, 4096).expect("decoded again");
        let colours = samples::quadrant_colours(
            &image::RgbImage::from_raw(64, 48, again.rgb).expect("an image"),
        );
        for (got, want) in colours.iter().zip(samples::QUADRANTS) {
            assert!(samples::near(*got, want, 12), "{got:?} against {want:?}");
        }
    }
    let halved = smp_photo::decode_rgb(&samples::png(&upright), 32).expect("scaled");
    assert_eq!((halved.width, halved.height), (32, 24));
    assert_eq!(
        smp_photo::decode_rgb(b"hello", 4096)
            .expect_err("text")
            .to_string(),
        "the file is not a JPEG or PNG image"
    );
    let short = smp_photo::RgbPicture {
        width: 2,
        height: 2,
        rgb: vec![0; 5],
    };
    assert_eq!(
        smp_photo::encode_jpeg(&short, 85)
            .expect_err("short")
            .to_string(),
        "the photo could not be stored: 5 bytes are not a 2 × 2 RGB picture"
    );
}
