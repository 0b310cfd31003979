//! The two formats a photo may come in, told by the file's first bytes.

use std::fmt;

/// A photo's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhotoFormat {
    /// JPEG (kept as JPEG).
    Jpeg,
    /// PNG (kept as PNG, with its alpha channel if it has one).
    Png,
}

/// The first bytes of every JPEG file: start of image, then a marker.
const JPEG_SIGNATURE: [u8; 3] = [0xFF, 0xD8, 0xFF];
/// The eight bytes every PNG file starts with.
const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

impl PhotoFormat {
    /// The format of a file by its first bytes, or `None` for anything else.
    pub fn sniff(bytes: &[u8]) -> Option<PhotoFormat> {
        if bytes.starts_with(&JPEG_SIGNATURE) {
            Some(PhotoFormat::Jpeg)
        } else if bytes.starts_with(&PNG_SIGNATURE) {
            Some(PhotoFormat::Png)
        } else {
            None
        }
    }

    /// The format a media type names (`image/jpeg`, `image/png`; parameters and case are
    /// ignored), or `None` for any other.
    pub fn from_media_type(media_type: &str) -> Option<PhotoFormat> {
        let essence = media_type.split(';').next().unwrap_or("").trim();
        if essence.eq_ignore_ascii_case("image/jpeg") || essence.eq_ignore_ascii_case("image/jpg") {
            Some(PhotoFormat::Jpeg)
        } else if essence.eq_ignore_ascii_case("image/png") {
            Some(PhotoFormat::Png)
        } else {
            None
        }
    }

    /// Its media type.
    pub fn media_type(self) -> &'static str {
        match self {
            PhotoFormat::Jpeg => "image/jpeg",
            PhotoFormat::Png => "image/png",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            PhotoFormat::Jpeg => "jpg",
            PhotoFormat::Png => "png",
        }
    }

    pub(crate) fn image_format(self) -> image::ImageFormat {
        match self {
            PhotoFormat::Jpeg => image::ImageFormat::Jpeg,
            PhotoFormat::Png => image::ImageFormat::Png,
        }
    }
}

impl fmt::Display for PhotoFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PhotoFormat::Jpeg => "JPEG",
            PhotoFormat::Png => "PNG",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_first_bytes_not_their_names() {
        assert_eq!(
            PhotoFormat::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(PhotoFormat::Jpeg)
        );
        assert_eq!(PhotoFormat::sniff(&PNG_SIGNATURE), Some(PhotoFormat::Png));
        assert_eq!(PhotoFormat::sniff(b"hello, I am a photo.jpg"), None);
        assert_eq!(PhotoFormat::sniff(&[]), None);
    }

    #[test]
    fn media_types_are_read_without_their_parameters() {
        assert_eq!(
            PhotoFormat::from_media_type("IMAGE/JPEG; charset=binary"),
            Some(PhotoFormat::Jpeg)
        );
        assert_eq!(
            PhotoFormat::from_media_type("image/png"),
            Some(PhotoFormat::Png)
        );
        assert_eq!(PhotoFormat::from_media_type("text/plain"), None);
    }
}
