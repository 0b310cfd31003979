//! A made-up photo of a shaved, balding head seen from above, for the studio's tests and
//! benchmarks: lit skin on an ellipsoid, a horseshoe of short dark hair at the sides and
//! back, a dark background. Deterministic: the same size gives the same pixels.

use image::{Rgb, RgbImage};

/// The skin's colour where the light falls square on it (a Monk 3-4 tone).
pub const SCALP_SKIN: [u8; 3] = [226, 184, 156];

/// The head's outline on a `width × height` scalp photo: centre and half-axes, pixels.
pub fn scalp_head(width: u32, height: u32) -> ((f32, f32), (f32, f32)) {
    let (w, h) = (width as f32, height as f32);
    ((0.5 * w, 0.52 * h), (0.36 * w.min(1.3 * h), 0.45 * h))
}

/// A `width × height` photo of a balding head from above, the forehead at the top.
pub fn scalp(width: u32, height: u32) -> RgbImage {
    let ((cx, cy), (ax, ay)) = scalp_head(width, height);
    RgbImage::from_fn(width, height, |x, y| {
        let u = (x as f32 + 0.5 - cx) / ax;
        let v = (y as f32 + 0.5 - cy) / ay;
        let r2 = u * u + v * v;
        if r2 >= 1.0 {
            let shade = 40.0 + 12.0 * (y as f32 / height as f32);
            return Rgb([shade as u8, (shade + 4.0) as u8, (shade + 10.0) as u8]);
        }
        // The ellipsoid's normal, lit from the upper left and the camera.
        let z = (1.0 - r2).sqrt();
        let light = (0.25 * -u + 0.35 * -v + 0.9 * z).max(0.0) / 1.0_f32.hypot(0.43);
        let lit = 0.35 + 0.65 * light.min(1.0);
        let grain = (noise(x, y) - 0.5) * 0.06;
        let skin = SCALP_SKIN.map(|c| (f32::from(c) * (lit + grain)).clamp(0.0, 255.0));
        // Hair: a horseshoe around the sides and back (the lower part of the picture).
        let cover = ramp(0.72, 0.86, r2.sqrt()) * ramp(-0.5, -0.2, v);
        let strand = noise(x / 2, y / 2 + 7919) < 0.6 * cover;
        let [r, g, b] = if strand {
            let dark = 0.25 + 0.2 * noise(x + 31, y);
            [
                skin[0] * dark * 0.55,
                skin[1] * dark * 0.5,
                skin[2] * dark * 0.45,
            ]
        } else {
            skin
        };
        Rgb([r as u8, g as u8, b as u8])
    })
}

/// 0 below `lo`, 1 above `hi`, linear between.
fn ramp(lo: f32, hi: f32, t: f32) -> f32 {
    ((t - lo) / (hi - lo)).clamp(0.0, 1.0)
}

/// A hash of a pixel's position, 0 to 1.
fn noise(x: u32, y: u32) -> f32 {
    let mut h = x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77);
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^= h >> 12;
    (h & 0xFFFF) as f32 / 65_535.0
}
