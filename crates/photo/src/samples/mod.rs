//! Real sample files for tests, made here rather than committed: a picture whose four
//! quadrants have four colours (so that any turn or mirror shows), stored in each of the
//! eight EXIF orientations, with an EXIF block holding a GPS position, as a PNG with
//! alpha, cut short, and as headers claiming a picture too big to decode.

mod scalp;

pub use scalp::{scalp, scalp_head, SCALP_SKIN};

use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

/// The colours of the upright picture's quadrants: top left, top right, bottom left,
/// bottom right.
pub const QUADRANTS: [[u8; 3]; 4] = [[220, 30, 30], [30, 200, 40], [30, 40, 220], [240, 240, 240]];

/// The GPS latitude written into [`with_exif`]'s block, degrees/minutes/seconds as
/// rationals: 51° 30' 26.4" (whole bytes that should never survive intake).
pub const GPS_LATITUDE: [(u32, u32); 3] = [(51, 1), (30, 1), (264, 10)];

/// An upright picture `width`×`height` in four coloured quadrants.
pub fn upright(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let right = usize::from(x >= width / 2);
        let bottom = usize::from(y >= height / 2);
        Rgb(QUADRANTS[bottom * 2 + right])
    })
}

/// The colour (averaged over a small square) in the middle of each quadrant of a picture:
/// top left, top right, bottom left, bottom right.
pub fn quadrant_colours(picture: &RgbImage) -> [[u8; 3]; 4] {
    let (w, h) = picture.dimensions();
    let centres = [
        (w / 4, h / 4),
        (3 * w / 4, h / 4),
        (w / 4, 3 * h / 4),
        (3 * w / 4, 3 * h / 4),
    ];
    centres.map(|(cx, cy)| {
        let mut sum = [0u32; 3];
        for y in cy - 1..=cy + 1 {
            for x in cx - 1..=cx + 1 {
                for (s, v) in sum.iter_mut().zip(picture.get_pixel(x, y).0) {
                    *s += u32::from(v);
                }
            }
        }
        sum.map(|s| (s / 9) as u8)
    })
}

/// Whether two colours are within `tolerance` in every channel (JPEG is lossy).
pub fn near(a: [u8; 3], b: [u8; 3], tolerance: u8) -> bool {
    a.iter().zip(b).all(|(&x, y)| x.abs_diff(y) <= tolerance)
}

/// The picture a camera stores, with EXIF orientation `orientation` (1-8), for an upright
/// picture: written from the EXIF definition of each value (where the stored rows and
/// columns are in the upright picture), independently of any decoder.
pub fn stored_for(orientation: u16, upright: &RgbImage) -> RgbImage {
    let (vw, vh) = upright.dimensions();
    let turned = orientation >= 5;
    let (sw, sh) = if turned { (vh, vw) } else { (vw, vh) };
    RgbImage::from_fn(sw, sh, |x, y| {
        // The upright (visual) position of stored column x, row y.
        let (vx, vy) = match orientation {
            2 => (sw - 1 - x, y),
            3 => (sw - 1 - x, sh - 1 - y),
            4 => (x, sh - 1 - y),
            5 => (y, x),
            6 => (sh - 1 - y, x),
            7 => (sh - 1 - y, sw - 1 - x),
            8 => (y, sw - 1 - x),
            _ => (x, y),
        };
        *upright.get_pixel(vx, vy)
    })
}

/// A JPEG of a picture, as an encoder writes it (no EXIF).
pub fn jpeg(picture: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95)
        .write_image(
            picture.as_raw(),
            picture.width(),
            picture.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encoding a sample JPEG");
    out
}

/// A JPEG with an EXIF block (APP1) right after its start: the orientation tag, a camera
/// make, and — when `gps` — a GPS position ([`GPS_LATITUDE`]).
pub fn with_exif(jpeg: &[u8], orientation: u16, gps: bool) -> Vec<u8> {
    let tiff = exif_tiff(orientation, gps);
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((payload.len() + 2) as u16).to_be_bytes());
    out.extend(payload);
    out.extend(&jpeg[2..]);
    out
}

/// The make written into the EXIF block: a string that must not survive intake.
pub const CAMERA_MAKE: &[u8] = b"SampleCam SMP-1\0";

/// A little-endian TIFF structure: IFD0 with Make, Orientation and (when `gps`) a GPS
/// IFD pointer; the GPS IFD with the latitude and its reference.
fn exif_tiff(orientation: u16, gps: bool) -> Vec<u8> {
    let entries: u16 = if gps { 3 } else { 2 };
    let ifd0_size = 2 + 12 * usize::from(entries) + 4;
    let make_at = 8 + ifd0_size;
    let gps_at = make_at + CAMERA_MAKE.len();
    let gps_size = 2 + 12 * 2 + 4;
    let latitude_at = gps_at + gps_size;
    let mut t = b"II*\0".to_vec();
    t.extend(8u32.to_le_bytes());
    t.extend(entries.to_le_bytes());
    entry(
        &mut t,
        0x010F,
        2,
        CAMERA_MAKE.len() as u32,
        &(make_at as u32).to_le_bytes(),
    );
    entry(
        &mut t,
        0x0112,
        3,
        1,
        &[orientation.to_le_bytes(), [0, 0]].concat(),
    );
    if gps {
        entry(&mut t, 0x8825, 4, 1, &(gps_at as u32).to_le_bytes());
    }
    t.extend(0u32.to_le_bytes());
    t.extend(CAMERA_MAKE);
    if gps {
        t.extend(2u16.to_le_bytes());
        entry(&mut t, 0x0001, 2, 2, b"N\0\0\0");
        entry(&mut t, 0x0002, 5, 3, &(latitude_at as u32).to_le_bytes());
        t.extend(0u32.to_le_bytes());
        t.extend(gps_latitude_bytes());
    }
    t
}

/// The GPS latitude as the EXIF block stores it (three little-endian rationals).
pub fn gps_latitude_bytes() -> Vec<u8> {
    GPS_LATITUDE
        .iter()
        .flat_map(|(n, d)| [n.to_le_bytes(), d.to_le_bytes()].concat())
        .collect()
}

fn entry(t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: &[u8]) {
    t.extend(tag.to_le_bytes());
    t.extend(kind.to_le_bytes());
    t.extend(count.to_le_bytes());
    t.extend(value);
}

/// A PNG with alpha: the quadrants, the right half half-transparent.
pub fn png_with_alpha(width: u32, height: u32) -> Vec<u8> {
    let base = upright(width, height);
    let picture = RgbaImage::from_fn(width, height, |x, y| {
        let [r, g, b] = base.get_pixel(x, y).0;
        Rgba([r, g, b, if x >= width / 2 { 128 } else { 255 }])
    });
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            picture.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgba8,
        )
        .expect("encoding a sample PNG");
    out
}

/// A PNG of the upright picture (no alpha).
pub fn png(picture: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            picture.as_raw(),
            picture.width(),
            picture.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encoding a sample PNG");
    out
}

/// A decompression bomb: a small, valid PNG whose header (with a correct checksum) claims
/// `width`×`height` pixels.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = png(&upright(8, 8));
    // Signature (8), IHDR length (4), "IHDR" (4), then width and height.
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// A small, whole JPEG whose frame header claims `width`×`height` pixels (each at most
/// 65,535).
pub fn jpeg_claiming(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = jpeg(&upright(16, 16));
    let sof = bytes
        .windows(2)
        .position(|w| w[0] == 0xFF && matches!(w[1], 0xC0 | 0xC2))
        .expect("a frame header");
    // Marker (2), length (2), precision (1), then height and width.
    bytes[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    bytes
}

/// The CRC-32 that PNG chunks carry (ISO 3309, reflected, polynomial 0xEDB88320).
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
