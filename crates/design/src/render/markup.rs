//! The SVG writer's markup: one element at a time, escaped text, short numbers.

use std::fmt::Write as _;

use super::svg::SvgStyle;
use crate::color::Srgb8;

/// An element being written: attributes, then how it ends.
pub(super) struct Tag<'a> {
    out: &'a mut String,
    depth: &'a mut usize,
    name: &'static str,
}

impl<'a> Tag<'a> {
    /// An element whose `<name` has just been written to `out`, at nesting `depth`.
    pub(super) fn new(out: &'a mut String, depth: &'a mut usize, name: &'static str) -> Tag<'a> {
        Tag { out, depth, name }
    }

    pub(super) fn attr(self, name: &str, value: &str) -> Self {
        let out = &mut *self.out;
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        push_escaped(out, value);
        out.push('"');
        self
    }

    pub(super) fn num(self, name: &str, value: f32) -> Self {
        let out = &mut *self.out;
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        push_number(out, value);
        out.push('"');
        self
    }

    pub(super) fn style(self, style: &SvgStyle) -> Self {
        let fill = style.fill.map_or_else(|| "none".to_owned(), Srgb8::hex);
        let mut tag = self.attr("fill", &fill);
        if let Some(stroke) = style.stroke {
            tag = tag
                .attr("stroke", &stroke.hex())
                .num("stroke-width", style.stroke_width);
            if let Some((dash, gap)) = style.dash {
                let mut list = String::new();
                push_number(&mut list, dash);
                list.push(',');
                push_number(&mut list, gap);
                tag = tag.attr("stroke-dasharray", &list);
            }
        }
        if let Some(opacity) = style.opacity {
            tag = tag.num("opacity", opacity.clamp(0.0, 1.0));
        }
        tag
    }

    /// Ends an element that has children: `>` and one more level of indent.
    pub(super) fn open(self) {
        self.out.push_str(">\n");
        *self.depth += 1;
    }

    /// Ends an empty element: `/>`.
    pub(super) fn close(self) {
        self.out.push_str("/>\n");
    }

    /// Ends an element with escaped text content.
    pub(super) fn text(self, content: &str) {
        let out = &mut *self.out;
        out.push('>');
        push_escaped(out, content);
        out.push_str("</");
        out.push_str(self.name);
        out.push_str(">\n");
    }
}

/// Writes `text` with `& < > " '` escaped and the control characters XML forbids dropped.
pub(super) fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

/// Writes `value` with at most two decimals, trailing zeros trimmed, never `-0`; a
/// non-finite value as `0`.
pub(super) fn push_number(out: &mut String, value: f32) {
    if !value.is_finite() {
        out.push('0');
        return;
    }
    let start = out.len();
    // Writing to a String cannot fail.
    let _ = write!(out, "{value:.2}");
    if out[start..].contains('.') {
        let trimmed = out.trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(trimmed);
    }
    if &out[start..] == "-0" {
        out.truncate(start);
        out.push('0');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(value: f32) -> String {
        let mut out = String::new();
        push_number(&mut out, value);
        out
    }

    #[test]
    fn numbers_have_at_most_two_decimals_and_no_trailing_zeros() {
        assert_eq!(number(1.0), "1");
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(2.345_67), "2.35");
        assert_eq!(number(-3.1), "-3.1");
        assert_eq!(number(120.0), "120");
        assert_eq!(number(1000.0), "1000");
        assert_eq!(number(0.004), "0");
    }

    #[test]
    fn negative_zero_and_tiny_negatives_are_written_as_zero() {
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(-0.004_9), "0");
    }

    #[test]
    fn non_finite_numbers_are_written_as_zero() {
        assert_eq!(number(f32::NAN), "0");
        assert_eq!(number(f32::INFINITY), "0");
        assert_eq!(number(f32::NEG_INFINITY), "0");
    }

    #[test]
    fn markup_characters_and_forbidden_controls_are_escaped_or_dropped() {
        let mut out = String::new();
        push_escaped(&mut out, "a<b & \"c\" 'd'>\u{0}\u{1b}\n");
        assert_eq!(out, "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\n");
    }
}
