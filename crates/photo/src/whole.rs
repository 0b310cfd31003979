//! Whether a file is whole: its segments (JPEG) or chunks (PNG) walked from the start to
//! the end marker. Decoders fill a cut-off picture with grey, or stop at the last pixel
//! without looking further; a clinic's record should not keep half a file.

/// Start of scan: picture data follows its header.
const SOS: u8 = 0xDA;
/// End of image.
const EOI: u8 = 0xD9;

/// Whether `bytes` (which start with a JPEG signature) reach an end-of-image marker by
/// walking its segments: every segment's length fits in the file, and the picture data
/// after each start of scan runs into a next marker, the last being the end of the image.
/// Bytes after the end marker (some cameras append a trailer) are allowed.
pub(crate) fn jpeg_is_whole(bytes: &[u8]) -> bool {
    let mut at = 2; // past the start-of-image marker
    loop {
        // A marker: 0xFF (any number of fill bytes), then its code.
        if bytes.get(at) != Some(&0xFF) {
            return false;
        }
        while bytes.get(at) == Some(&0xFF) {
            at += 1;
        }
        let Some(&code) = bytes.get(at) else {
            return false;
        };
        at += 1;
        match code {
            EOI => return true,
            // Markers without a length: restart markers and TEM.
            0xD0..=0xD7 | 0x01 => continue,
            _ => {}
        }
        let Some(length) = bytes
            .get(at..at + 2)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
        else {
            return false;
        };
        if length < 2 || at + length > bytes.len() {
            return false;
        }
        at += length;
        if code == SOS {
            match end_of_scan(bytes, at) {
                Some(next) => at = next,
                None => return false,
            }
        }
    }
}

/// Whether `bytes` (which start with the PNG signature) run chunk by chunk, each with its
/// length, type and checksum in the file, to the `IEND` chunk.
pub(crate) fn png_is_whole(bytes: &[u8]) -> bool {
    let mut at = 8;
    while let Some(header) = bytes.get(at..at + 8) {
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let end = at.saturating_add(12).saturating_add(length);
        if end > bytes.len() {
            return false;
        }
        if &header[4..8] == b"IEND" {
            return true;
        }
        at = end;
    }
    false
}

/// Where the picture data starting at `from` ends: the position of the next marker that
/// is not a stuffed 0xFF byte or a restart marker, or `None` when the file ends first.
fn end_of_scan(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at + 1 < bytes.len() {
        if bytes[at] == 0xFF {
            match bytes[at + 1] {
                0x00 | 0xD0..=0xD7 | 0xFF => at += 1,
                _ => return Some(at),
            }
        }
        at += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal marker stream: SOI, a comment segment, SOS with two bytes of data holding
    /// a stuffed 0xFF and a restart marker, then EOI.
    fn stream() -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8];
        b.extend([0xFF, 0xFE, 0x00, 0x04, b'h', b'i']);
        b.extend([0xFF, SOS, 0x00, 0x02]);
        b.extend([0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD3, 0x56]);
        b.extend([0xFF, EOI]);
        b
    }

    #[test]
    fn a_whole_stream_is_complete_and_every_shorter_cut_is_not() {
        let whole = stream();
        assert!(jpeg_is_whole(&whole));
        for cut in 2..whole.len() {
            assert!(!jpeg_is_whole(&whole[..cut]), "cut at {cut}");
        }
    }

    #[test]
    fn a_png_is_whole_only_up_to_its_end_chunk() {
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        png.extend([0, 0, 0, 1, b'I', b'D', b'A', b'T', 7, 1, 2, 3, 4]);
        png.extend([0, 0, 0, 0, b'I', b'E', b'N', b'D', 1, 2, 3, 4]);
        assert!(png_is_whole(&png));
        for cut in 8..png.len() {
            assert!(!png_is_whole(&png[..cut]), "cut at {cut}");
        }
    }

    #[test]
    fn a_trailer_after_the_end_is_allowed_but_a_segment_running_past_the_end_is_not() {
        let mut trailed = stream();
        trailed.extend(b"camera trailer");
        assert!(jpeg_is_whole(&trailed));
        let mut overlong = vec![0xFF, 0xD8, 0xFF, 0xFE, 0x40, 0x00];
        overlong.extend([0xFF, EOI]);
        assert!(!jpeg_is_whole(&overlong));
    }
}
