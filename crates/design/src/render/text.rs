//! A tiny bitmap font for captions on exported images ("Northside SMP · 21 Nov 2026 ·
//! Before | After").
//!
//! Every glyph is 5 pixels wide in a cell [`GLYPH_HEIGHT`] (9) rows tall: capitals, digits
//! and ascenders use the top 7 rows, the lowercase body (x-height) rows 2–6, and `g j p q
//! y , ;` reach into the bottom 2 (descender) rows. Glyphs are drawn crisp, each set cell
//! as a `scale × scale` square, with one empty cell column between glyphs.

use super::canvas::stored;
use super::Canvas;
use crate::color::LinearRgb;

/// Height of a glyph cell in font cells (rows), descenders included. Text drawn at `scale`
/// is `GLYPH_HEIGHT × scale` pixels tall; its baseline is under row 7 (`7 × scale` down).
pub const GLYPH_HEIGHT: u32 = 9;

/// Width of a glyph in font cells.
const GLYPH_WIDTH: u32 = 5;

/// Horizontal distance from one glyph to the next, in font cells (glyph + 1 gap).
const ADVANCE: u32 = GLYPH_WIDTH + 1;

/// A glyph: its rows top to bottom, `#` set and `.` clear.
type Rows = [&'static str; GLYPH_HEIGHT as usize];

/// The font. Drawn for this crate; rows top to bottom, the last two are the descender.
#[rustfmt::skip]
const GLYPHS: &[(char, Rows)] = &[
    ('A', [".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#", ".....", "....."]),
    ('B', ["####.", "#...#", "#...#", "####.", "#...#", "#...#", "####.", ".....", "....."]),
    ('C', [".###.", "#...#", "#....", "#....", "#....", "#...#", ".###.", ".....", "....."]),
    ('D', ["####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####.", ".....", "....."]),
    ('E', ["#####", "#....", "#....", "####.", "#....", "#....", "#####", ".....", "....."]),
    ('F', ["#####", "#....", "#....", "####.", "#....", "#....", "#....", ".....", "....."]),
    ('G', [".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####", ".....", "....."]),
    ('H', ["#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#", ".....", "....."]),
    ('I', [".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###.", ".....", "....."]),
    ('J', ["..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##..", ".....", "....."]),
    ('K', ["#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#", ".....", "....."]),
    ('L', ["#....", "#....", "#....", "#....", "#....", "#....", "#####", ".....", "....."]),
    ('M', ["#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#", ".....", "....."]),
    ('N', ["#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#", ".....", "....."]),
    ('O', [".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.", ".....", "....."]),
    ('P', ["####.", "#...#", "#...#", "####.", "#....", "#....", "#....", ".....", "....."]),
    ('Q', [".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#", ".....", "....."]),
    ('R', ["####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#", ".....", "....."]),
    ('S', [".####", "#....", "#....", ".###.", "....#", "....#", "####.", ".....", "....."]),
    ('T', ["#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#..", ".....", "....."]),
    ('U', ["#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.", ".....", "....."]),
    ('V', ["#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#..", ".....", "....."]),
    ('W', ["#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#.", ".....", "....."]),
    ('X', ["#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#", ".....", "....."]),
    ('Y', ["#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#..", ".....", "....."]),
    ('Z', ["#####", "....#", "...#.", "..#..", ".#...", "#....", "#####", ".....", "....."]),
    ('a', [".....", ".....", ".###.", "....#", ".####", "#...#", ".####", ".....", "....."]),
    ('b', ["#....", "#....", "#.##.", "##..#", "#...#", "#...#", "####.", ".....", "....."]),
    ('c', [".....", ".....", ".###.", "#....", "#....", "#...#", ".###.", ".....", "....."]),
    ('d', ["....#", "....#", ".##.#", "#..##", "#...#", "#...#", ".####", ".....", "....."]),
    ('e', [".....", ".....", ".###.", "#...#", "#####", "#....", ".###.", ".....", "....."]),
    ('f', ["..##.", ".#..#", ".#...", "###..", ".#...", ".#...", ".#...", ".....", "....."]),
    ('g', [".....", ".....", ".####", "#...#", "#...#", "#...#", ".####", "....#", ".###."]),
    ('h', ["#....", "#....", "#.##.", "##..#", "#...#", "#...#", "#...#", ".....", "....."]),
    ('i', ["..#..", ".....", ".##..", "..#..", "..#..", "..#..", ".###.", ".....", "....."]),
    ('j', ["...#.", ".....", "..##.", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."]),
    ('k', ["#....", "#....", "#..#.", "#.#..", "##...", "#.#..", "#..#.", ".....", "....."]),
    ('l', [".##..", "..#..", "..#..", "..#..", "..#..", "..#..", ".###.", ".....", "....."]),
    ('m', [".....", ".....", "##.#.", "#.#.#", "#.#.#", "#.#.#", "#.#.#", ".....", "....."]),
    ('n', [".....", ".....", "#.##.", "##..#", "#...#", "#...#", "#...#", ".....", "....."]),
    ('o', [".....", ".....", ".###.", "#...#", "#...#", "#...#", ".###.", ".....", "....."]),
    ('p', [".....", ".....", "####.", "#...#", "#...#", "#...#", "####.", "#....", "#...."]),
    ('q', [".....", ".....", ".####", "#...#", "#...#", "#...#", ".####", "....#", "....#"]),
    ('r', [".....", ".....", "#.##.", "##..#", "#....", "#....", "#....", ".....", "....."]),
    ('s', [".....", ".....", ".####", "#....", ".###.", "....#", "####.", ".....", "....."]),
    ('t', [".#...", ".#...", "###..", ".#...", ".#...", ".#..#", "..##.", ".....", "....."]),
    ('u', [".....", ".....", "#...#", "#...#", "#...#", "#..##", ".##.#", ".....", "....."]),
    ('v', [".....", ".....", "#...#", "#...#", "#...#", ".#.#.", "..#..", ".....", "....."]),
    ('w', [".....", ".....", "#...#", "#...#", "#.#.#", "#.#.#", ".#.#.", ".....", "....."]),
    ('x', [".....", ".....", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", ".....", "....."]),
    ('y', [".....", ".....", "#...#", "#...#", "#...#", "#...#", ".####", "....#", ".###."]),
    ('z', [".....", ".....", "#####", "...#.", "..#..", ".#...", "#####", ".....", "....."]),
    ('ß', [".##..", "#..#.", "#..#.", "#.#..", "#..#.", "#..#.", "#.##.", ".....", "....."]),
    ('0', [".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###.", ".....", "....."]),
    ('1', ["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###.", ".....", "....."]),
    ('2', [".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####", ".....", "....."]),
    ('3', ["#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###.", ".....", "....."]),
    ('4', ["...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#.", ".....", "....."]),
    ('5', ["#####", "#....", "####.", "....#", "....#", "#...#", ".###.", ".....", "....."]),
    ('6', ["..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###.", ".....", "....."]),
    ('7', ["#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#...", ".....", "....."]),
    ('8', [".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###.", ".....", "....."]),
    ('9', [".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##..", ".....", "....."]),
    (' ', [".....", ".....", ".....", ".....", ".....", ".....", ".....", ".....", "....."]),
    ('.', [".....", ".....", ".....", ".....", ".....", ".....", "..#..", ".....", "....."]),
    (',', [".....", ".....", ".....", ".....", ".....", ".....", "..#..", ".#...", "....."]),
    (':', [".....", ".....", "..#..", ".....", ".....", ".....", "..#..", ".....", "....."]),
    (';', [".....", ".....", "..#..", ".....", ".....", ".....", "..#..", ".#...", "....."]),
    ('-', [".....", ".....", ".....", ".###.", ".....", ".....", ".....", ".....", "....."]),
    ('–', [".....", ".....", ".....", "#####", ".....", ".....", ".....", ".....", "....."]),
    ('—', [".....", ".....", ".....", "#####", ".....", ".....", ".....", ".....", "....."]),
    ('·', [".....", ".....", ".....", "..#..", ".....", ".....", ".....", ".....", "....."]),
    ('/', ["....#", "....#", "...#.", "..#..", ".#...", "#....", "#....", ".....", "....."]),
    ('|', ["..#..", "..#..", "..#..", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."]),
    ('(', ["...#.", "..#..", ".#...", ".#...", ".#...", "..#..", "...#.", ".....", "....."]),
    (')', [".#...", "..#..", "...#.", "...#.", "...#.", "..#..", ".#...", ".....", "....."]),
    ('\'', ["..#..", "..#..", ".....", ".....", ".....", ".....", ".....", ".....", "....."]),
    ('"', [".#.#.", ".#.#.", ".....", ".....", ".....", ".....", ".....", ".....", "....."]),
    ('&', [".##..", "#..#.", "#.#..", ".#...", "#.#.#", "#..#.", ".##.#", ".....", "....."]),
    ('+', [".....", "..#..", "..#..", "#####", "..#..", "..#..", ".....", ".....", "....."]),
    ('!', ["..#..", "..#..", "..#..", "..#..", "..#..", ".....", "..#..", ".....", "....."]),
    ('?', [".###.", "#...#", "....#", "...#.", "..#..", ".....", "..#..", ".....", "....."]),
    ('#', [".#.#.", ".#.#.", "#####", ".#.#.", "#####", ".#.#.", ".#.#.", ".....", "....."]),
    ('%', ["##..#", "##..#", "...#.", "..#..", ".#...", "#..##", "#..##", ".....", "....."]),
    ('@', [".###.", "#...#", "#.###", "#.#.#", "#.###", "#....", ".####", ".....", "....."]),
    ('_', [".....", ".....", ".....", ".....", ".....", ".....", ".....", ".....", "#####"]),
    ('×', [".....", ".....", ".#.#.", "..#..", ".#.#.", ".....", ".....", ".....", "....."]),
];

/// The character whose glyph draws `c`: itself, the base letter of a common accented
/// Latin letter, or `'?'` when the font has nothing for it.
fn base(c: char) -> char {
    let folded = match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'A',
        'ç' => 'c',
        'Ç' => 'C',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' => 'E',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' => 'O',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' | 'Ÿ' => 'Y',
        'ẞ' => 'ß',
        other => other,
    };
    if GLYPHS.iter().any(|&(g, _)| g == folded) {
        folded
    } else {
        '?'
    }
}

/// The rows that draw `c` (see [`base`]).
fn glyph(c: char) -> &'static Rows {
    let c = base(c);
    GLYPHS
        .iter()
        .find(|&&(g, _)| g == c)
        .map(|(_, rows)| rows)
        .expect("base() only returns characters in the table")
}

/// Width in pixels of `text` drawn with [`Canvas::draw_text`] at `scale`: every character
/// is one glyph, `5 × scale` wide, with `scale` pixels between glyphs (none after the
/// last). Saturates at `u32::MAX`.
///
/// # Example
/// ```
/// use smp_design::text_width;
/// assert_eq!(text_width("SMP", 2), 3 * 10 + 2 * 2);
/// assert_eq!(text_width("", 2), 0);
/// ```
pub fn text_width(text: &str, scale: u32) -> u32 {
    let glyphs = text.chars().count() as u64;
    let cells = (glyphs * u64::from(ADVANCE)).saturating_sub(1);
    u32::try_from(cells * u64::from(scale)).unwrap_or(u32::MAX)
}

impl Canvas {
    /// Sets every pixel of the rectangle `width × height` whose top left is `(x, y)` to
    /// `colour`; the part outside the canvas is ignored.
    pub fn fill_rect(&mut self, x: u32, y: u32, width: u32, height: u32, colour: LinearRgb) {
        let (x0, y0) = (x as usize, y as usize);
        let x1 = x0.saturating_add(width as usize).min(self.width);
        let y1 = y0.saturating_add(height as usize).min(self.height);
        if x0 >= x1 {
            return;
        }
        let px = stored(colour);
        for row in y0..y1 {
            let start = row * self.width;
            self.pixels[start + x0..start + x1].fill(px);
        }
    }

    /// Draws `text` in the built-in 5 × 9 bitmap font with its cell's top left at `(x, y)`,
    /// each font cell a crisp `scale × scale` square of `colour`, one empty cell between
    /// glyphs. Only set cells are painted; the rest of the canvas is untouched. Accented
    /// Latin letters draw as their base letter and characters the font lacks as `?`.
    /// The text is `GLYPH_HEIGHT × scale` pixels tall and clipped to the canvas.
    ///
    /// Returns the width of the text in pixels, [`text_width`]`(text, scale)`, clipped or
    /// not, so that the next piece of text can follow it.
    ///
    /// # Example
    /// ```
    /// use smp_design::{text_width, Canvas, LinearRgb, GLYPH_HEIGHT};
    /// let caption = "Before | After";
    /// let mut canvas = Canvas::new(200, 2 * GLYPH_HEIGHT + 4, LinearRgb::grey(0.0))?;
    /// // Centred.
    /// let x = (canvas.width() - text_width(caption, 2)) / 2;
    /// let width = canvas.draw_text(x, 2, caption, 2, LinearRgb::grey(1.0));
    /// assert_eq!(width, text_width(caption, 2));
    /// # Ok::<(), smp_design::DesignError>(())
    /// ```
    pub fn draw_text(&mut self, x: u32, y: u32, text: &str, scale: u32, colour: LinearRgb) -> u32 {
        let step = u64::from(ADVANCE) * u64::from(scale);
        let mut left = u64::from(x);
        for c in text.chars() {
            if left >= self.width as u64 {
                break;
            }
            for (row, bits) in glyph(c).iter().enumerate() {
                let top = u64::from(y) + row as u64 * u64::from(scale);
                for (col, _) in bits.bytes().enumerate().filter(|&(_, b)| b == b'#') {
                    let cell_left = left + col as u64 * u64::from(scale);
                    if let (Ok(cx), Ok(cy)) = (u32::try_from(cell_left), u32::try_from(top)) {
                        self.fill_rect(cx, cy, scale, scale, colour);
                    }
                }
            }
            left += step;
        }
        text_width(text, scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLACK: LinearRgb = LinearRgb::grey(0.0);
    const WHITE: LinearRgb = LinearRgb::grey(1.0);

    /// The set pixels of a canvas, as a picture of `#` and `.` rows.
    fn picture(canvas: &Canvas) -> Vec<String> {
        (0..canvas.height())
            .map(|y| {
                (0..canvas.width())
                    .map(|x| match canvas.pixel(x, y) {
                        Some(p) if p == BLACK => '.',
                        _ => '#',
                    })
                    .collect()
            })
            .collect()
    }

    fn drawn(text: &str) -> Vec<String> {
        let mut canvas = Canvas::new(text_width(text, 1), GLYPH_HEIGHT, BLACK).unwrap();
        canvas.draw_text(0, 0, text, 1, WHITE);
        picture(&canvas)
    }

    #[test]
    fn every_glyph_is_well_formed_and_listed_once() {
        for (i, (c, rows)) in GLYPHS.iter().enumerate() {
            assert_eq!(rows.len(), GLYPH_HEIGHT as usize, "{c:?}");
            for row in rows {
                assert_eq!(row.chars().count(), GLYPH_WIDTH as usize, "{c:?}: {row:?}");
                assert!(row.chars().all(|p| p == '#' || p == '.'), "{c:?}: {row:?}");
            }
            assert!(
                GLYPHS[i + 1..].iter().all(|(d, _)| d != c),
                "{c:?} listed twice"
            );
        }
    }

    #[test]
    fn the_required_characters_have_their_own_glyphs() {
        let required = ('A'..='Z').chain('a'..='z').chain('0'..='9');
        let punctuation = " .,:;-–—·/|()'\"&+!?#%@_×".chars();
        for c in required.chain(punctuation) {
            assert_eq!(base(c), c, "{c:?} has no glyph");
        }
    }

    #[test]
    fn capitals_and_digits_are_all_different() {
        let chars: Vec<char> = ('A'..='Z').chain('0'..='9').collect();
        for (i, &a) in chars.iter().enumerate() {
            for &b in &chars[i + 1..] {
                assert_ne!(glyph(a), glyph(b), "{a:?} and {b:?} look alike");
            }
        }
    }

    #[test]
    fn text_width_is_what_draw_text_returns() {
        let caption = "Northside SMP · 21 Nov 2026 · Before | After session 3, healed, 5 years";
        for scale in [0, 1, 2, 3] {
            for text in ["", "I", "ab", caption, "Crème brûlée 漢"] {
                let mut canvas = Canvas::new(64, 16, BLACK).unwrap();
                let width = canvas.draw_text(3, 2, text, scale, WHITE);
                assert_eq!(width, text_width(text, scale), "{text:?} × {scale}");
            }
        }
        assert_eq!(text_width("ab", 3), (5 + 1 + 5) * 3);
    }

    #[test]
    fn an_i_at_scale_two_sets_exactly_its_cells() {
        let mut canvas = Canvas::new(14, 22, BLACK).unwrap();
        canvas.draw_text(1, 2, "I", 2, WHITE);
        // The 'I' in font cells: top and bottom bars in columns 1–3, the stem in column 2.
        let set = |col: u32, row: u32| match row {
            0 | 6 => (1..=3).contains(&col),
            1..=5 => col == 2,
            _ => false,
        };
        for y in 0..22 {
            for x in 0..14 {
                let inside = (1..11).contains(&x) && (2..20).contains(&y);
                let expected = inside && set((x - 1) / 2, (y - 2) / 2);
                let colour = if expected { WHITE } else { BLACK };
                assert_eq!(canvas.pixel(x, y), Some(colour), "pixel ({x}, {y})");
            }
        }
    }

    #[test]
    fn text_is_clipped_at_the_edges() {
        let mut canvas = Canvas::new(7, 5, BLACK).unwrap();
        let width = canvas.draw_text(4, 2, "Wg|", 3, WHITE);
        assert_eq!(width, text_width("Wg|", 3));
        assert_eq!(canvas.pixel(6, 4), Some(WHITE)); // W's left stem
        assert_eq!(canvas.pixel(3, 4), Some(BLACK));
        // Far off the canvas and at the very end of the coordinate range.
        canvas.draw_text(u32::MAX - 3, u32::MAX - 3, "MAX", u32::MAX, WHITE);
        canvas.draw_text(100, 100, "away", 4, WHITE);
        canvas.draw_text(0, 0, "big", 1000, WHITE);
        let mut empty = Canvas::new(0, 0, BLACK).unwrap();
        empty.draw_text(0, 0, "nothing", 2, WHITE);
        empty.fill_rect(0, 0, 5, 5, WHITE);
    }

    #[test]
    fn unknown_characters_draw_as_a_question_mark() {
        assert_eq!(drawn("漢"), drawn("?"));
        assert_eq!(drawn("a\u{1F600}b"), drawn("a?b"));
    }

    #[test]
    fn accented_letters_draw_as_their_base_letter() {
        assert_eq!(drawn("é"), drawn("e"));
        assert_eq!(drawn("Crème Brûlée À Ñ"), drawn("Creme Brulee A N"));
        assert_ne!(drawn("e"), drawn("?"));
    }

    #[test]
    fn fill_rect_clips() {
        let mut canvas = Canvas::new(4, 3, BLACK).unwrap();
        canvas.fill_rect(2, 1, 10, 10, WHITE);
        assert_eq!(picture(&canvas), ["....", "..##", "..##"]);
        canvas.fill_rect(9, 0, 2, 2, WHITE);
        canvas.fill_rect(0, 0, u32::MAX, 0, WHITE);
        canvas.fill_rect(u32::MAX, u32::MAX, u32::MAX, u32::MAX, WHITE);
        assert_eq!(picture(&canvas), ["....", "..##", "..##"]);
    }
}
