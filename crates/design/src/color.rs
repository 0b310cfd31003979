//! Colours: sRGB as stored in files, linear light for every computation.
//!
//! Blending, antialiasing and pigment absorption happen in linear light; sRGB is only
//! the encoding of the input colours and of the output PNG.

use serde::Serialize;

use crate::error::DesignError;

/// A colour in linear light, each channel 0 (none) to 1 (full).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LinearRgb {
    /// Red.
    pub r: f32,
    /// Green.
    pub g: f32,
    /// Blue.
    pub b: f32,
}

impl LinearRgb {
    /// A colour from linear channels.
    pub const fn new(r: f32, g: f32, b: f32) -> LinearRgb {
        LinearRgb { r, g, b }
    }

    /// A neutral grey of linear value `v`.
    pub const fn grey(v: f32) -> LinearRgb {
        LinearRgb { r: v, g: v, b: v }
    }

    /// The colour of an sRGB-encoded value.
    pub fn from_srgb(srgb: Srgb8) -> LinearRgb {
        LinearRgb {
            r: srgb_to_linear(srgb.r),
            g: srgb_to_linear(srgb.g),
            b: srgb_to_linear(srgb.b),
        }
    }

    /// The sRGB encoding, rounded to 8 bits per channel.
    pub fn to_srgb(self) -> Srgb8 {
        Srgb8 {
            r: linear_to_srgb(self.r),
            g: linear_to_srgb(self.g),
            b: linear_to_srgb(self.b),
        }
    }

    /// Relative luminance (Rec. 709 weights), 0 to 1.
    pub fn luminance(self) -> f32 {
        0.2126 * self.r + 0.7152 * self.g + 0.0722 * self.b
    }

    /// Linear interpolation towards `other` by `t` (0 gives self, 1 gives other).
    pub fn mix(self, other: LinearRgb, t: f32) -> LinearRgb {
        LinearRgb {
            r: self.r + (other.r - self.r) * t,
            g: self.g + (other.g - self.g) * t,
            b: self.b + (other.b - self.b) * t,
        }
    }

    /// Every channel multiplied by `k`.
    pub fn scale(self, k: f32) -> LinearRgb {
        LinearRgb {
            r: self.r * k,
            g: self.g * k,
            b: self.b * k,
        }
    }

    /// Channel-wise product (light filtered by a transmittance).
    pub fn times(self, other: LinearRgb) -> LinearRgb {
        LinearRgb {
            r: self.r * other.r,
            g: self.g * other.g,
            b: self.b * other.b,
        }
    }
}

/// A colour as 8-bit sRGB, as in `#c68642`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Srgb8 {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Srgb8 {
    /// Reads `#rrggbb` (or `rrggbb`); `parameter` names the parameter in the error.
    ///
    /// # Errors
    /// [`DesignError::InvalidParameter`] when the text is not six hex digits.
    pub fn parse_hex(parameter: &'static str, text: &str) -> Result<Srgb8, DesignError> {
        let digits = text.strip_prefix('#').unwrap_or(text);
        let valid = digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_hexdigit());
        if !valid {
            return Err(DesignError::invalid(
                parameter,
                format!("\"{text}\" is not a colour; expected six hex digits like #c68642"),
            ));
        }
        let channel = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).unwrap_or(0);
        Ok(Srgb8 {
            r: channel(0),
            g: channel(2),
            b: channel(4),
        })
    }

    /// The colour as `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

impl Serialize for Srgb8 {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.hex())
    }
}

/// The sRGB transfer function: an 8-bit encoded value to linear light.
pub fn srgb_to_linear(value: u8) -> f32 {
    let v = f32::from(value) / 255.0;
    if v <= 0.04045 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}

/// The inverse transfer function: linear light (clamped to 0..1) to an 8-bit sRGB value.
pub fn linear_to_srgb(value: f32) -> u8 {
    let v = value.clamp(0.0, 1.0);
    let encoded = if v <= 0.003_130_8 {
        v * 12.92
    } else {
        1.055 * v.powf(1.0 / 2.4) - 0.055
    };
    (encoded * 255.0 + 0.5) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srgb_round_trips_through_linear_light() {
        for v in 0..=255u8 {
            assert_eq!(linear_to_srgb(srgb_to_linear(v)), v);
        }
    }

    #[test]
    fn half_linear_light_is_not_half_the_srgb_code() {
        assert_eq!(linear_to_srgb(0.5), 188);
    }

    #[test]
    fn hex_colours_parse_and_bad_ones_name_the_parameter() {
        let c = Srgb8::parse_hex("skin", "#C68642").unwrap();
        assert_eq!((c.r, c.g, c.b), (0xc6, 0x86, 0x42));
        assert_eq!(c.hex(), "#c68642");
        let err = Srgb8::parse_hex("skin", "#12345").unwrap_err();
        assert_eq!(
            err.to_string(),
            "skin: \"#12345\" is not a colour; expected six hex digits like #c68642"
        );
    }
}
