//! A captioned before/after picture of a design on a client's photo: the two pictures side
//! by side, a label under each, and the clinic's name and the date.

use crate::color::LinearRgb;
use crate::error::DesignError;
use crate::render::{text_width, Canvas, GLYPH_HEIGHT};

/// What a before/after picture says under the pictures.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Caption {
    /// The clinic's name, at the left of the dark band.
    pub clinic: String,
    /// The date, at the right of the dark band, as it should read.
    pub date: String,
    /// The label under the first picture, usually "Before".
    pub before: String,
    /// The label under the second picture, e.g. "After session 3, healed, 5 years".
    pub after: String,
}

/// The geometry of a before/after picture for pictures `width` pixels wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BeforeAfterLayout {
    /// Text scale: each font cell is `scale × scale` pixels (`width / 400`, 1 to 6).
    pub scale: u32,
    /// Width of the white gutter between the pictures, pixels.
    pub gutter: u32,
    /// Height of the caption band under them, pixels: a light strip with the labels and a
    /// dark one with the clinic and the date.
    pub band: u32,
}

/// Padding above and below a line of caption text, font cells.
const PAD_CELLS: u32 = 2;
/// Space left and right of caption text, font cells.
const MARGIN_CELLS: u32 = 3;
/// Least space between the clinic's name and the date, font cells.
const GAP_CELLS: u32 = 12;
/// What ends shortened caption text (the bitmap font has no `…`).
const ELLIPSIS: &str = "...";
const PAPER: LinearRgb = LinearRgb::grey(1.0);
const INK: LinearRgb = LinearRgb::grey(0.01);
const BAND: LinearRgb = LinearRgb::grey(0.015);

impl BeforeAfterLayout {
    /// The layout for pictures `width` pixels wide.
    pub fn for_width(width: u32) -> BeforeAfterLayout {
        let scale = (width / 400).clamp(1, 6);
        BeforeAfterLayout {
            scale,
            gutter: 2 * scale,
            band: 2 * BeforeAfterLayout::strip(scale),
        }
    }

    /// Height of one strip of the band.
    fn strip(scale: u32) -> u32 {
        (GLYPH_HEIGHT + 2 * PAD_CELLS) * scale
    }
}

/// The two pictures side by side, a thin white gutter between them, over a caption band:
/// each picture's label centred under it on a light strip, then the clinic's name at the
/// left and the date at the right on a dark strip ([`BeforeAfterLayout`]). Text too wide
/// for its place is drawn smaller (down to half the scale) and then shortened with `...`.
///
/// # Errors
/// [`DesignError::InvalidParameter`] naming `after` when the pictures differ in size, or
/// `size` when the result would be too large ([`Canvas::new`]).
pub fn before_after(
    before: &Canvas,
    after: &Canvas,
    caption: &Caption,
) -> Result<Canvas, DesignError> {
    let (w, h) = (before.width(), before.height());
    if (after.width(), after.height()) != (w, h) {
        return Err(DesignError::invalid(
            "after",
            format!(
                "is {}×{} but the before picture is {w}×{h}; they must be the same size",
                after.width(),
                after.height()
            ),
        ));
    }
    let layout = BeforeAfterLayout::for_width(w);
    let too_big = || DesignError::invalid("size", "the before/after picture would be too large");
    let total = w
        .checked_mul(2)
        .and_then(|v| v.checked_add(layout.gutter))
        .ok_or_else(too_big)?;
    let height = h.checked_add(layout.band).ok_or_else(too_big)?;
    let mut sheet = Canvas::new(total, height, PAPER)?;
    sheet.paste(before, 0, 0);
    sheet.paste(after, w + layout.gutter, 0);
    let strip = BeforeAfterLayout::strip(layout.scale);
    for (text, left) in [(&caption.before, 0), (&caption.after, w + layout.gutter)] {
        label(&mut sheet, text, left, w, h, strip, layout.scale);
    }
    sheet.fill_rect(0, h + strip, total, strip, BAND);
    footer(&mut sheet, caption, h + strip, strip, layout.scale);
    Ok(sheet)
}

/// Draws `text` centred in the `width` columns from `left`, in the strip from row `top`.
fn label(sheet: &mut Canvas, text: &str, left: u32, width: u32, top: u32, strip: u32, scale: u32) {
    let room = width.saturating_sub(2 * MARGIN_CELLS * scale);
    let s = (smallest(scale)..=scale)
        .rev()
        .find(|&s| text_width(text, s) <= room)
        .unwrap_or(smallest(scale));
    let text = shorten(text, room, s);
    let drawn = text_width(&text, s);
    let y = top + (strip - GLYPH_HEIGHT * s) / 2;
    sheet.draw_text(left + (width - drawn) / 2, y, &text, s, INK);
}

/// Draws the clinic's name at the left and the date at the right of the dark strip.
fn footer(sheet: &mut Canvas, caption: &Caption, top: u32, strip: u32, scale: u32) {
    let width = sheet.width();
    let room = u64::from(width.saturating_sub(2 * MARGIN_CELLS * scale));
    let fits = |s: u32| {
        u64::from(text_width(&caption.clinic, s))
            + u64::from(GAP_CELLS * s)
            + u64::from(text_width(&caption.date, s))
            <= room
    };
    let s = (smallest(scale)..=scale)
        .rev()
        .find(|&s| fits(s))
        .unwrap_or(smallest(scale));
    let room = room as u32;
    let date = shorten(&caption.date, room, s);
    let date_width = text_width(&date, s);
    let clinic = shorten(
        &caption.clinic,
        room.saturating_sub(date_width + GAP_CELLS * s),
        s,
    );
    let (margin, y) = (MARGIN_CELLS * s, top + (strip - GLYPH_HEIGHT * s) / 2);
    sheet.draw_text(margin, y, &clinic, s, PAPER);
    let right = width.saturating_sub(margin + date_width);
    sheet.draw_text(right, y, &date, s, PAPER);
}

/// The smallest scale caption text drawn at `scale` may shrink to.
fn smallest(scale: u32) -> u32 {
    scale.div_ceil(2).max(1)
}

/// `text` as it fits in `room` pixels at `scale`: whole, or its start and [`ELLIPSIS`], or
/// nothing when not even one character and the ellipsis fit.
fn shorten(text: &str, room: u32, scale: u32) -> String {
    if text_width(text, scale) <= room {
        return text.to_owned();
    }
    let one = u64::from(text_width("x", scale));
    let advance = u64::from(text_width("xx", scale)) - one;
    // n glyphs are n × advance - gap wide, where gap = advance - one.
    let glyphs = (u64::from(room) + advance - one) / advance.max(1);
    let keep = glyphs.saturating_sub(ELLIPSIS.chars().count() as u64);
    if keep == 0 {
        return String::new();
    }
    let start: String = text.chars().take(keep as usize).collect();
    format!("{}{ELLIPSIS}", start.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortened_text_fits_its_room() {
        const LONG: &str = "After session 3, healed, 5 years";
        assert_eq!(shorten("Before", 1000, 2), "Before");
        for room in [0, 5, 17, 40, 100, 333] {
            for scale in 1..=6 {
                let text = shorten(LONG, room, scale);
                assert!(
                    text_width(&text, scale) <= room,
                    "{text:?} at {scale} in {room}"
                );
                let whole = text == LONG;
                assert!(
                    whole || text.is_empty() || text.ends_with(ELLIPSIS),
                    "{text:?}"
                );
            }
        }
        // 5 glyphs at scale 1 are 29 px: "Af" and the ellipsis.
        assert_eq!(shorten("After", 29, 1), "After");
        assert_eq!(shorten("After all", 29, 1), "Af...");
    }
}
