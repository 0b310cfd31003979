//! A whole design end to end: Norwood 7 with 3 sessions (`Design::new`) and one
//! 1024 × 1024 top view after session 3, just healed (`render`); then each part alone.
//! The picture is rendered, not encoded as PNG.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use smp_design::Design;

#[allow(dead_code)]
mod common;

use common::{norwood7_params, render_top};

fn design(c: &mut Criterion) {
    let params = norwood7_params();
    let mut group = c.benchmark_group("design");
    // Each run takes milliseconds or more: equal-sized samples, not a linear ramp.
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    group.bench_function("norwood7_3_sessions_and_render_1024", |b| {
        b.iter(|| {
            let design = Design::new(black_box(params.clone())).expect("a valid design");
            render_top(&design).expect("a valid view")
        })
    });
    group.bench_function("norwood7_3_sessions", |b| {
        b.iter(|| Design::new(black_box(params.clone())).expect("a valid design"))
    });
    let design = Design::new(params).expect("a valid design");
    group.bench_function("render_top_1024", |b| {
        b.iter(|| render_top(black_box(&design)).expect("a valid view"))
    });
    group.finish();
}

criterion_group!(benches, design);
criterion_main!(benches);
