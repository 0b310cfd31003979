//! Sampling speed: our [`Sampler`](smp_design::Sampler) on a flat unit square versus the
//! `faster_poisson` crate's samplers on the same square, about 20,000 points each, with a
//! fixed density and with one rising linearly 1× → 4× across the square.
//!
//! Throughput is points per second. Spacing quality is computed once, outside the timing,
//! and printed before the measurements (`compare` prints it in the table too).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};

#[allow(dead_code)]
mod common;

use common::{peer_points, peer_radius, smp_points, spacing_quality, Density, Peer};

fn sampling(c: &mut Criterion) {
    for density in Density::ALL {
        let ours = smp_points(density);
        println!(
            "{} smp: {} points, d_min/d_max {:.3}",
            density.group(),
            ours.len(),
            spacing_quality(&ours, density)
        );
        let mut group = c.benchmark_group(density.group());
        // A sampling takes milliseconds: equal-sized samples, not a linear ramp.
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(20)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(4));
        group.throughput(Throughput::Elements(ours.len() as u64));
        group.bench_function("smp", |b| b.iter(|| smp_points(black_box(density))));
        for peer in Peer::ALL {
            let r0 = peer_radius(peer, density);
            let theirs = peer_points(peer, density, r0);
            println!(
                "{} {}: {} points, d_min/d_max {:.3}",
                density.group(),
                peer.id(),
                theirs.len(),
                spacing_quality(&theirs, density)
            );
            group.throughput(Throughput::Elements(theirs.len() as u64));
            group.bench_function(peer.id(), |b| {
                b.iter(|| peer_points(peer, black_box(density), black_box(r0)))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, sampling);
criterion_main!(benches);
