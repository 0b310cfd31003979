//! The renderer's low-level parts through the public API: canvas, dots, PNG, SVG.

use std::f32::consts::PI;

use smp_design::{
    encode_png, linear_to_srgb, srgb_to_linear, Blend, Canvas, DesignError, Dot, LinearRgb, Srgb8,
    Svg, SvgStyle, TextAnchor, ViewBox,
};

const BLACK: LinearRgb = LinearRgb::grey(0.0);
const WHITE: LinearRgb = LinearRgb::grey(1.0);

fn canvas(width: u32, height: u32, background: LinearRgb) -> Canvas {
    Canvas::new(width, height, background).expect("a small canvas")
}

fn red_sum(canvas: &Canvas) -> f32 {
    canvas.pixels().map(|p| p.r).sum()
}

fn px(canvas: &Canvas, x: u32, y: u32) -> LinearRgb {
    canvas.pixel(x, y).expect("a pixel inside the canvas")
}

// Dots: coverage.

#[test]
fn a_white_disc_of_any_radius_sums_to_its_area_at_any_sub_pixel_offset() {
    let radii = [
        0.2, 0.3, 0.45, 0.6, 0.7, 1.0, 1.3, 1.5, 2.0, 3.0, 4.4, 5.0, 7.5, 10.0,
    ];
    let offsets = [
        (0.0, 0.0),
        (0.5, 0.5),
        (0.25, 0.5),
        (0.13, 0.77),
        (0.9, 0.01),
    ];
    for radius in radii {
        for (dx, dy) in offsets {
            let mut c = canvas(40, 40, BLACK);
            c.draw_dot(&Dot::new(20.0 + dx, 20.0 + dy, radius, WHITE));
            let area = PI * radius * radius;
            let sum = red_sum(&c);
            assert!(
                (sum / area - 1.0).abs() < 0.03,
                "r {radius} at +({dx}, {dy}): {sum} against {area}"
            );
        }
    }
}

#[test]
fn soft_dots_keep_the_same_amount_of_ink_as_crisp_ones() {
    for radius in [0.3, 0.8, 1.5, 3.0, 6.0] {
        for softness in [1.5, 3.0, 6.0] {
            let mut c = canvas(48, 48, BLACK);
            c.draw_dot(&Dot::new(24.3, 23.6, radius, WHITE).with_softness(softness));
            let area = PI * radius * radius;
            let sum = red_sum(&c);
            assert!(
                (sum / area - 1.0).abs() < 0.03,
                "r {radius} softness {softness}: {sum} against {area}"
            );
        }
    }
}

#[test]
fn a_pixel_half_covered_by_an_edge_is_half_linear_light_and_srgb_188() {
    // A disc so large that its edge through the pixel centre (10.5, 5.5) is straight.
    let mut c = canvas(20, 11, BLACK);
    c.draw_dot(&Dot::new(-989.5, 5.5, 1000.0, WHITE));
    let half = px(&c, 10, 5).r;
    assert!((half - 0.5).abs() < 0.01, "{half}");
    assert_eq!(px(&c, 9, 5), WHITE);
    assert_eq!(px(&c, 11, 5), BLACK);
    let srgb = c.to_srgb_bytes()[(5 * 20 + 10) * 3];
    assert!((187..=189).contains(&srgb), "{srgb}");
}

#[test]
fn a_crisp_disc_is_opaque_inside_and_untouched_outside_its_box() {
    let mut c = canvas(20, 20, BLACK);
    c.draw_dot(&Dot::new(10.0, 10.0, 1.5, WHITE));
    assert_eq!(px(&c, 9, 9), WHITE);
    assert_eq!(px(&c, 10, 10), WHITE);
    for y in 0..20 {
        for x in 0..20 {
            let far = (x as f32 + 0.5 - 10.0).abs() > 3.0 || (y as f32 + 0.5 - 10.0).abs() > 3.0;
            if far {
                assert_eq!(px(&c, x, y), BLACK, "({x}, {y})");
            }
        }
    }
}

#[test]
fn a_tiny_dot_on_a_pixel_corner_is_shared_by_the_four_pixels() {
    let mut c = canvas(4, 4, BLACK);
    c.draw_dot(&Dot::new(2.0, 2.0, 0.25, WHITE));
    let quarter = PI * 0.25 * 0.25 / 4.0;
    for (x, y) in [(1, 1), (2, 1), (1, 2), (2, 2)] {
        assert!((px(&c, x, y).r - quarter).abs() < 1e-5);
    }
    assert!((red_sum(&c) - 4.0 * quarter).abs() < 1e-5);
}

#[test]
fn opacity_scales_the_coverage_and_later_dots_paint_on_top() {
    let grey = LinearRgb::grey(0.5);
    let mut c = canvas(20, 20, WHITE);
    c.draw_dot(&Dot::new(10.0, 10.0, 5.0, BLACK).with_opacity(0.25));
    assert!((px(&c, 10, 10).r - 0.75).abs() < 1e-6);
    c.draw_dot(&Dot::new(10.0, 10.0, 5.0, grey));
    assert_eq!(px(&c, 10, 10), grey);
}

#[test]
fn drawing_many_dots_at_once_matches_drawing_them_one_by_one() {
    // Large enough to be drawn tile by tile, on several cores.
    let (w, h) = (700, 600);
    let mut rng = smp_design::Rng::new(3, 9);
    let mut dots: Vec<Dot> = (0..20_000)
        .map(|i| {
            let radius = match i % 50 {
                0..=9 => rng.range(0.1, 0.6),
                10..=39 => rng.range(0.6, 3.0),
                40..=48 => rng.range(3.0, 12.0),
                _ => rng.range(12.0, 150.0),
            };
            let colour = LinearRgb::new(rng.unit(), rng.unit(), rng.unit());
            let blend = if i % 2 == 0 {
                Blend::Over
            } else {
                Blend::Multiply
            };
            Dot::new(
                rng.range(-20.0, 720.0),
                rng.range(-20.0, 620.0),
                radius,
                colour,
            )
            .with_opacity(rng.range(0.2, 1.0))
            .with_softness(rng.range(0.0, 4.0))
            .with_blend(blend)
        })
        .collect();
    dots.push(Dot::new(f32::NAN, 10.0, 2.0, WHITE));
    dots.push(Dot::new(10.0, 10.0, f32::INFINITY, WHITE));
    dots.push(Dot::new(350.0, 300.0, 1e9, WHITE).with_opacity(0.01));
    let mut together = canvas(w, h, LinearRgb::new(0.5, 0.4, 0.3));
    let mut one_by_one = together.clone();
    together.draw_dots(&dots);
    for dot in &dots {
        one_by_one.draw_dot(dot);
    }
    assert!(together == one_by_one);
}

#[test]
fn many_huge_dots_at_once_match_drawing_them_one_by_one() {
    let mut rng = smp_design::Rng::new(4, 2);
    let dots: Vec<Dot> = (0..5_000)
        .map(|_| {
            let radius = rng.range(100.0, 400.0);
            Dot::new(rng.range(0.0, 600.0), rng.range(0.0, 600.0), radius, WHITE)
                .with_opacity(0.001)
        })
        .collect();
    let mut together = canvas(600, 600, BLACK);
    let mut one_by_one = together.clone();
    together.draw_dots(&dots);
    for dot in &dots {
        one_by_one.draw_dot(dot);
    }
    assert!(together == one_by_one);
}

// Dots: pigment under skin.

#[test]
fn multiply_with_half_transmittance_halves_each_skin_channel_at_full_coverage() {
    let skin = LinearRgb::new(0.62, 0.41, 0.30);
    let mut c = canvas(20, 20, skin);
    let dot = Dot::new(10.0, 10.0, 4.0, LinearRgb::grey(0.5)).with_blend(Blend::Multiply);
    c.draw_dot(&dot);
    let centre = px(&c, 10, 10);
    assert!((centre.r - 0.31).abs() < 1e-6);
    assert!((centre.g - 0.205).abs() < 1e-6);
    assert!((centre.b - 0.15).abs() < 1e-6);
}

#[test]
fn pigment_darkens_light_skin_more_than_dark_skin_in_absolute_terms() {
    let light = LinearRgb::new(0.70, 0.52, 0.42);
    let dark = LinearRgb::new(0.09, 0.05, 0.03);
    let ink = Dot::new(5.0, 5.0, 3.0, LinearRgb::new(0.2, 0.2, 0.25))
        .with_blend(Blend::Multiply)
        .with_opacity(0.8);
    let darkening = |skin: LinearRgb| {
        let mut c = canvas(10, 10, skin);
        c.draw_dot(&ink);
        skin.luminance() - px(&c, 5, 5).luminance()
    };
    assert!(darkening(light) > darkening(dark));
    assert!(darkening(dark) > 0.0);
}

#[test]
fn multiply_by_white_leaves_the_skin_as_it_was() {
    let skin = LinearRgb::new(0.4, 0.3, 0.2);
    let mut c = canvas(10, 10, skin);
    c.draw_dot(&Dot::new(5.0, 5.0, 3.0, WHITE).with_blend(Blend::Multiply));
    assert!(c.pixels().all(|p| p == skin));
}

// Dots: bad input.

#[test]
fn a_dot_half_off_the_canvas_paints_the_half_on_it() {
    let mut c = canvas(20, 20, BLACK);
    c.draw_dot(&Dot::new(0.0, 10.0, 3.0, WHITE));
    let half = PI * 9.0 / 2.0;
    assert!((red_sum(&c) / half - 1.0).abs() < 0.03, "{}", red_sum(&c));
}

#[test]
fn dots_partly_or_wholly_outside_the_canvas_do_not_panic() {
    let mut c = canvas(16, 9, BLACK);
    let mut dots = Vec::new();
    for radius in [0.1, 0.5, 1.5, 4.0, 8.0, 50.0] {
        for (x, y) in [
            (0.0, 0.0),
            (16.0, 9.0),
            (-0.3, 4.0),
            (16.2, 4.0),
            (8.0, -radius),
            (8.0, 9.0 + radius),
            (-100.0, -100.0),
            (1e9, 4.0),
            (-1e30, 1e30),
            (f32::MAX, f32::MIN),
        ] {
            dots.push(Dot::new(x, y, radius, WHITE));
            dots.push(Dot::new(x, y, radius, LinearRgb::grey(0.3)).with_blend(Blend::Multiply));
        }
    }
    c.draw_dots(&dots);
    assert!(c.pixels().all(|p| p.r.is_finite() && p.r <= 1.0));
}

#[test]
fn a_dot_wholly_outside_the_canvas_changes_nothing() {
    let mut c = canvas(10, 10, BLACK);
    c.draw_dots(&[
        Dot::new(-5.0, 5.0, 2.0, WHITE),
        Dot::new(5.0, 15.0, 4.0, WHITE),
        Dot::new(5.0, 5.0e6, 0.3, WHITE),
    ]);
    assert!(c.pixels().all(|p| p == BLACK));
}

#[test]
fn dots_with_nan_infinite_or_non_positive_fields_are_skipped() {
    let mut c = canvas(10, 10, BLACK);
    let good = Dot::new(5.0, 5.0, 2.0, WHITE);
    c.draw_dots(&[
        Dot {
            x: f32::NAN,
            ..good
        },
        Dot {
            y: f32::INFINITY,
            ..good
        },
        Dot {
            radius: f32::NAN,
            ..good
        },
        Dot {
            radius: f32::INFINITY,
            ..good
        },
        Dot {
            radius: -1.0,
            ..good
        },
        Dot {
            radius: 0.0,
            ..good
        },
        Dot {
            opacity: f32::NAN,
            ..good
        },
        Dot {
            opacity: 0.0,
            ..good
        },
        Dot {
            opacity: -1.0,
            ..good
        },
        Dot {
            softness: f32::NAN,
            ..good
        },
        Dot {
            color: LinearRgb::new(f32::NAN, 0.0, 0.0),
            ..good
        },
        Dot {
            color: LinearRgb::new(0.0, f32::INFINITY, 0.0),
            ..good
        },
    ]);
    assert!(c.pixels().all(|p| p == BLACK));
}

#[test]
fn huge_finite_sizes_and_out_of_range_values_are_clamped_not_refused() {
    let mut c = canvas(12, 8, BLACK);
    c.draw_dot(&Dot::new(0.0, 0.0, f32::MAX, WHITE).with_opacity(7.0));
    assert!(c.pixels().all(|p| p == WHITE));
    c.draw_dot(&Dot::new(6.0, 4.0, 3.0, LinearRgb::new(-2.0, 0.5, 9.0)).with_softness(-4.0));
    assert_eq!(px(&c, 6, 4), LinearRgb::new(0.0, 0.5, 1.0));
    c.draw_dot(&Dot::new(6.0, 4.0, 1.0, BLACK).with_softness(1e30));
    c.draw_dot(&Dot::new(6.0, 4.0, 1e-30, BLACK));
    assert!(c.pixels().all(|p| p.r.is_finite()));
}

// Canvas.

#[test]
fn a_zero_size_canvas_ignores_drawing_and_cannot_be_a_png() {
    for (w, h) in [(0, 0), (0, 10), (10, 0)] {
        let mut c = canvas(w, h, WHITE);
        c.draw_dots(&[
            Dot::new(0.0, 0.0, 3.0, BLACK),
            Dot::new(1.0, 1.0, 0.2, BLACK),
        ]);
        c.fill_with(|_, _| BLACK);
        assert_eq!(c.pixel(0, 0), None);
        assert!(c.to_srgb_bytes().is_empty());
        let err = encode_png(&c).unwrap_err();
        assert!(matches!(
            err,
            DesignError::InvalidParameter {
                parameter: "size",
                ..
            }
        ));
    }
}

#[test]
fn a_canvas_too_large_to_hold_is_refused_naming_the_size() {
    let err = Canvas::new(u32::MAX, u32::MAX, BLACK).unwrap_err();
    assert!(matches!(
        err,
        DesignError::InvalidParameter {
            parameter: "size",
            ..
        }
    ));
    assert!(err.to_string().contains("too large"), "{err}");
}

#[test]
fn fill_with_shades_each_pixel_at_its_centre() {
    let mut c = canvas(3, 2, BLACK);
    c.fill_with(|x, y| LinearRgb::new(x, y, 0.0));
    assert_eq!(px(&c, 0, 0), LinearRgb::new(0.5, 0.5, 0.0));
    assert_eq!(px(&c, 2, 1), LinearRgb::new(2.5, 1.5, 0.0));
    assert_eq!(c.pixel(3, 0), None);
    assert_eq!(c.pixel(0, 2), None);
}

// PNG.

fn decode(bytes: &[u8]) -> (png::OutputInfo, Vec<u8>, bool) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG header");
    let srgb = reader.info().srgb.is_some();
    let mut data = vec![0; reader.output_buffer_size().expect("a buffer size")];
    let info = reader.next_frame(&mut data).expect("a PNG frame");
    data.truncate(info.buffer_size());
    (info, data, srgb)
}

#[test]
fn a_png_decodes_back_to_the_canvas_size_and_srgb_pixels() {
    let mut c = canvas(7, 5, BLACK);
    c.fill_with(|x, y| {
        let code = |v: f32| srgb_to_linear((v * 31.0) as u8);
        LinearRgb::new(code(x), code(y), code(x + y))
    });
    c.draw_dot(&Dot::new(3.0, 2.0, 1.2, LinearRgb::new(0.9, 0.2, 0.05)));
    let (info, data, srgb) = decode(&encode_png(&c).expect("a PNG"));
    assert_eq!((info.width, info.height), (7, 5));
    assert_eq!(info.color_type, png::ColorType::Rgb);
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    assert!(srgb, "the sRGB chunk is present");
    for (i, p) in c.pixels().enumerate() {
        for (channel, value) in [p.r, p.g, p.b].into_iter().enumerate() {
            let got = i32::from(data[i * 3 + channel]);
            let exact = i32::from(linear_to_srgb(value));
            assert!((got - exact).abs() <= 1, "pixel {i} channel {channel}");
        }
    }
    // Values that came from 8-bit sRGB come back exactly.
    assert_eq!(&data[..3], &[15, 15, 31]);
}

#[test]
fn the_same_canvas_gives_byte_identical_pngs() {
    let draw = || {
        let mut c = canvas(64, 48, LinearRgb::new(0.5, 0.35, 0.25));
        let dots: Vec<Dot> = (0..200)
            .map(|i| {
                let t = i as f32;
                Dot::new(
                    (t * 7.3) % 64.0,
                    (t * 3.1) % 48.0,
                    0.4 + (t % 5.0) * 0.5,
                    BLACK,
                )
                .with_opacity(0.7)
                .with_softness(t % 3.0)
                .with_blend(Blend::Multiply)
            })
            .collect();
        c.draw_dots(&dots);
        encode_png(&c).expect("a PNG")
    };
    assert_eq!(draw(), draw());
}

// SVG.

#[test]
fn an_svg_is_sized_in_millimetres_and_closes_what_it_opens() {
    let mut svg = Svg::new(120.0, 150.5, ViewBox::new(-60.0, -75.0, 120.0, 150.5));
    svg.group_start("zones");
    svg.group_start("crown");
    svg.circle(1.0, 2.0, 0.5, &SvgStyle::default());
    let text = svg.finish();
    assert!(text.starts_with(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120mm\" height=\"150.5mm\" \
         viewBox=\"-60 -75 120 150.5\""
    ));
    assert!(text.ends_with("    </g>\n  </g>\n</svg>\n"), "{text}");
    assert_eq!(text.matches("<g ").count(), text.matches("</g>").count());
}

#[test]
fn svg_shapes_write_points_styles_and_dashes() {
    let ink = Srgb8 {
        r: 0x33,
        g: 0x66,
        b: 0x99,
    };
    let mut svg = Svg::new(10.0, 10.0, ViewBox::new(0.0, 0.0, 10.0, 10.0));
    svg.polygon(
        &[(0.0, 0.0), (1.234, -0.0), (2.5, 3.333)],
        &SvgStyle::fill(ink).with_opacity(0.4),
    );
    svg.polyline(
        &[(1.0, 1.0), (2.0, 2.0)],
        &SvgStyle::stroke(ink, 0.25).dashed(1.0, 0.5),
    );
    let text = svg.finish();
    assert!(text.contains(
        "  <polygon points=\"0,0 1.23,0 2.5,3.33\" fill=\"#336699\" opacity=\"0.4\"/>\n"
    ));
    assert!(text.contains(
        "  <polyline points=\"1,1 2,2\" fill=\"none\" stroke=\"#336699\" stroke-width=\"0.25\" \
         stroke-dasharray=\"1,0.5\"/>\n"
    ));
}

#[test]
fn svg_text_and_ids_are_escaped() {
    let mut svg = Svg::new(10.0, 10.0, ViewBox::new(0.0, 0.0, 10.0, 10.0));
    svg.group_start("a\"b<c>&");
    svg.text(
        5.0,
        9.0,
        2.0,
        TextAnchor::Middle,
        "Temple < 2 mm & \"soft\"",
    );
    svg.text(0.0, 1.0, 1.5, TextAnchor::Start, "<script>");
    let text = svg.finish();
    assert!(text.contains("<g id=\"a&quot;b&lt;c&gt;&amp;\">"));
    assert!(text.contains(
        "<text x=\"5\" y=\"9\" font-size=\"2\" text-anchor=\"middle\">\
         Temple &lt; 2 mm &amp; &quot;soft&quot;</text>"
    ));
    assert!(text.contains("<text x=\"0\" y=\"1\" font-size=\"1.5\">&lt;script&gt;</text>"));
    assert!(!text.contains("<script>"));
}

#[test]
fn svg_shapes_with_non_finite_coordinates_are_left_out() {
    let mut svg = Svg::new(f32::NAN, 10.0, ViewBox::new(0.0, 0.0, 10.0, 10.0));
    svg.circle(f32::NAN, 1.0, 1.0, &SvgStyle::default());
    svg.polygon(&[(0.0, 0.0), (f32::INFINITY, 1.0)], &SvgStyle::default());
    svg.polyline(&[], &SvgStyle::default());
    svg.text(0.0, 0.0, f32::NAN, TextAnchor::End, "x");
    svg.group_end();
    let text = svg.finish();
    assert!(text.contains("width=\"0mm\""));
    assert_eq!(text.lines().count(), 2, "{text}");
}

#[test]
fn the_same_svg_calls_give_the_same_text() {
    let draw = || {
        let mut svg = Svg::new(80.0, 60.0, ViewBox::new(0.0, 0.0, 80.0, 60.0));
        for i in 0..20 {
            let t = i as f32 * 0.37;
            svg.circle(
                t,
                t * 2.0,
                0.1 * t,
                &SvgStyle::stroke(Srgb8 { r: 0, g: 0, b: 0 }, 0.1),
            );
        }
        svg.finish()
    };
    assert_eq!(draw(), draw());
}

#[test]
fn a_photo_s_bytes_round_trip_through_a_canvas_and_a_wrong_length_is_refused() {
    let rgb: Vec<u8> = (0..4 * 3 * 3).map(|i| (i * 7 % 256) as u8).collect();
    let photo = Canvas::from_srgb_bytes(4, 3, &rgb).expect("a canvas");
    assert_eq!((photo.width(), photo.height()), (4, 3));
    assert_eq!(photo.to_srgb_bytes(), rgb);
    assert_eq!(px(&photo, 0, 0).g, srgb_to_linear(7));
    let error = Canvas::from_srgb_bytes(4, 4, &rgb).expect_err("short");
    assert_eq!(
        error.to_string(),
        "size: 36 bytes are not a 4 × 4 RGB picture (48 bytes)"
    );
}
