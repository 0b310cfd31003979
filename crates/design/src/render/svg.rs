//! A small SVG writer for the practitioner's map.
//!
//! Each element kind is written in one method; attribute values and text are XML-escaped,
//! numbers have at most two decimals and never read `-0`, so the same calls always give the
//! same text.

use super::markup::{push_number, Tag};
use crate::color::Srgb8;

/// The user-unit rectangle the drawing shows (`viewBox`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewBox {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

impl ViewBox {
    /// A view box from its top-left corner and size.
    pub const fn new(x: f32, y: f32, width: f32, height: f32) -> ViewBox {
        ViewBox {
            x,
            y,
            width,
            height,
        }
    }
}

/// How a shape is painted. The default paints nothing: no fill, no stroke.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SvgStyle {
    /// Fill colour; `None` writes `fill="none"`.
    pub fill: Option<Srgb8>,
    /// Outline colour; `None` draws no outline.
    pub stroke: Option<Srgb8>,
    /// Outline width in user units (written only with a stroke).
    pub stroke_width: f32,
    /// Outline dashes: (dash, gap) lengths in user units.
    pub dash: Option<(f32, f32)>,
    /// Opacity of the whole shape, 0 to 1; `None` leaves it opaque.
    pub opacity: Option<f32>,
}

impl SvgStyle {
    /// A filled shape without outline.
    pub const fn fill(color: Srgb8) -> SvgStyle {
        SvgStyle {
            fill: Some(color),
            stroke: None,
            stroke_width: 0.0,
            dash: None,
            opacity: None,
        }
    }

    /// An outline without fill.
    pub const fn stroke(color: Srgb8, width: f32) -> SvgStyle {
        SvgStyle {
            fill: None,
            stroke: Some(color),
            stroke_width: width,
            dash: None,
            opacity: None,
        }
    }

    /// The same style with a fill.
    pub const fn with_fill(self, color: Srgb8) -> SvgStyle {
        SvgStyle {
            fill: Some(color),
            ..self
        }
    }

    /// The same style with a dashed outline.
    pub const fn dashed(self, dash: f32, gap: f32) -> SvgStyle {
        SvgStyle {
            dash: Some((dash, gap)),
            ..self
        }
    }

    /// The same style at an opacity.
    pub const fn with_opacity(self, opacity: f32) -> SvgStyle {
        SvgStyle {
            opacity: Some(opacity),
            ..self
        }
    }
}

/// Which point of a text its position names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TextAnchor {
    /// The start of the text (left, for left-to-right scripts).
    #[default]
    Start,
    /// The middle.
    Middle,
    /// The end.
    End,
}

impl TextAnchor {
    fn keyword(self) -> &'static str {
        match self {
            TextAnchor::Start => "start",
            TextAnchor::Middle => "middle",
            TextAnchor::End => "end",
        }
    }
}

/// An SVG document being written, sized in millimetres so it prints at true scale.
///
/// Shapes with a non-finite coordinate are left out; other non-finite numbers are written
/// as 0. Groups still open at [`Svg::finish`] are closed.
///
/// # Example
/// ```
/// use smp_design::{TextAnchor, Srgb8, SvgStyle, Svg, ViewBox};
/// let mut svg = Svg::new(100.0, 50.0, ViewBox::new(0.0, 0.0, 100.0, 50.0));
/// svg.group_start("zones");
/// svg.circle(10.0, 10.0, 2.5, &SvgStyle::fill(Srgb8 { r: 0, g: 0, b: 0 }));
/// svg.group_end();
/// svg.text(50.0, 45.0, 4.0, TextAnchor::Middle, "Crown & vertex");
/// let text = svg.finish();
/// assert!(text.contains(r##"<circle cx="10" cy="10" r="2.5" fill="#000000"/>"##));
/// assert!(text.contains("Crown &amp; vertex"));
/// ```
#[derive(Debug, Clone)]
pub struct Svg {
    out: String,
    depth: usize,
}

impl Svg {
    /// A document `width_mm` × `height_mm` showing `view_box`.
    pub fn new(width_mm: f32, height_mm: f32, view_box: ViewBox) -> Svg {
        let mut svg = Svg {
            out: String::new(),
            depth: 0,
        };
        let mut size = String::new();
        push_number(&mut size, width_mm);
        size.push_str("mm");
        let width = std::mem::take(&mut size);
        push_number(&mut size, height_mm);
        size.push_str("mm");
        let mut vb = String::new();
        for (i, v) in [view_box.x, view_box.y, view_box.width, view_box.height]
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                vb.push(' ');
            }
            push_number(&mut vb, v);
        }
        svg.tag("svg")
            .attr("xmlns", "http://www.w3.org/2000/svg")
            .attr("width", &width)
            .attr("height", &size)
            .attr("viewBox", &vb)
            .attr("font-family", "sans-serif")
            .open();
        svg
    }

    /// A closed polygon through `points`.
    pub fn polygon(&mut self, points: &[(f32, f32)], style: &SvgStyle) {
        self.poly("polygon", points, style);
    }

    /// An open line through `points`.
    pub fn polyline(&mut self, points: &[(f32, f32)], style: &SvgStyle) {
        self.poly("polyline", points, style);
    }

    fn poly(&mut self, name: &'static str, points: &[(f32, f32)], style: &SvgStyle) {
        if points.is_empty() || !points.iter().all(|(x, y)| x.is_finite() && y.is_finite()) {
            return;
        }
        let mut list = String::new();
        for (i, &(x, y)) in points.iter().enumerate() {
            if i > 0 {
                list.push(' ');
            }
            push_number(&mut list, x);
            list.push(',');
            push_number(&mut list, y);
        }
        self.tag(name).attr("points", &list).style(style).close();
    }

    /// A circle of radius `r` centred on (`cx`, `cy`).
    pub fn circle(&mut self, cx: f32, cy: f32, r: f32, style: &SvgStyle) {
        if ![cx, cy, r].iter().all(|v| v.is_finite()) {
            return;
        }
        self.tag("circle")
            .num("cx", cx)
            .num("cy", cy)
            .num("r", r)
            .style(style)
            .close();
    }

    /// A picture from `href` (a URL or a `data:` URI) stretched over the rectangle
    /// `width` × `height` whose top left is (`x`, `y`), so that its pixels land on the
    /// drawing's coordinates, at `opacity` (clamped to 0..1).
    ///
    /// # Example
    /// ```
    /// use smp_design::{Svg, ViewBox};
    /// let mut svg = Svg::new(40.0, 30.0, ViewBox::new(0.0, 0.0, 400.0, 300.0));
    /// svg.image(0.0, 0.0, 400.0, 300.0, "photo.jpg?a=1&b=2", 0.35);
    /// assert!(svg.finish().contains(r#"href="photo.jpg?a=1&amp;b=2" opacity="0.35"/>"#));
    /// ```
    pub fn image(&mut self, x: f32, y: f32, width: f32, height: f32, href: &str, opacity: f32) {
        if ![x, y, width, height].iter().all(|v| v.is_finite()) {
            return;
        }
        self.tag("image")
            .num("x", x)
            .num("y", y)
            .num("width", width)
            .num("height", height)
            .attr("preserveAspectRatio", "none")
            .attr("href", href)
            .num("opacity", opacity.clamp(0.0, 1.0))
            .close();
    }

    /// A line of black text `size` user units high at (`x`, `y`) (the baseline), placed by
    /// `anchor`.
    pub fn text(&mut self, x: f32, y: f32, size: f32, anchor: TextAnchor, content: &str) {
        if ![x, y, size].iter().all(|v| v.is_finite()) {
            return;
        }
        let mut tag = self
            .tag("text")
            .num("x", x)
            .num("y", y)
            .num("font-size", size);
        if anchor != TextAnchor::Start {
            tag = tag.attr("text-anchor", anchor.keyword());
        }
        tag.text(content);
    }

    /// Opens a group `<g id="…">`; close it with [`Svg::group_end`].
    pub fn group_start(&mut self, id: &str) {
        self.tag("g").attr("id", id).open();
    }

    /// Closes the innermost open group (does nothing when none is open).
    pub fn group_end(&mut self) {
        if self.depth > 1 {
            self.depth -= 1;
            self.indent();
            self.out.push_str("</g>\n");
        }
    }

    /// The finished document.
    pub fn finish(mut self) -> String {
        while self.depth > 1 {
            self.group_end();
        }
        self.out.push_str("</svg>\n");
        self.out
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn tag(&mut self, name: &'static str) -> Tag<'_> {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        Tag::new(&mut self.out, &mut self.depth, name)
    }
}
