//! Rendering speed: 100,000 antialiased dots of radius 1.5 px at random sub-pixel
//! positions on a 1024 × 1024 canvas, drawn with [`Canvas::draw_dots`](smp_design::Canvas)
//! and, the same dots as circle paths, with tiny-skia's `fill_path` (antialiased,
//! source-over). Throughput is dots per second.
//!
//! Each side draws onto one canvas that it keeps between passes, so allocating and clearing
//! it is not timed; tiny-skia's paths are built once, outside the timing.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[allow(dead_code)]
mod common;

use common::{
    dot_centres, skia_draw, skia_paint, skia_paths, skia_pixmap, smp_canvas, smp_dots, DOTS,
};

fn rendering(c: &mut Criterion) {
    let centres = dot_centres();
    let mut group = c.benchmark_group("rendering");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(DOTS as u64));

    let dots = smp_dots(&centres);
    let mut canvas = smp_canvas();
    group.bench_function("smp", |b| {
        b.iter(|| canvas.draw_dots(black_box(&dots)));
    });

    let paths = skia_paths(&centres);
    let paint = skia_paint();
    let mut pixmap = skia_pixmap();
    group.bench_function("tiny_skia", |b| {
        b.iter(|| skia_draw(&mut pixmap, black_box(&paths), &paint));
    });
    group.finish();
}

criterion_group!(benches, rendering);
criterion_main!(benches);
