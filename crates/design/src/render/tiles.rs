//! Drawing many dots tile by tile, so that the pixels being blended stay in cache.
//!
//! Dots are copied, in their order, into the list of every tile their box meets (a stable
//! counting sort, a chunk of dots at a time); each tile then draws its list clipped to
//! itself. Dots that do not overlap never interact
//! and each pixel sees the same dots in the same order, so the result is exactly that of
//! drawing the dots one after another.

use super::canvas::Canvas;
use super::dot::{drawable, Dot};
use super::raster::Clip;
use crate::color::LinearRgb;

/// Side of a square tile in pixels: 64 × 64 linear pixels are 48 KiB.
const TILE: usize = 64;
/// Canvases up to this many pixels (3 MiB) are drawn directly: they stay in cache anyway.
const DIRECT_UP_TO_PIXELS: usize = 512 * 512;
/// Fewer dots than this are drawn directly: sorting them would cost more than it saves.
const DIRECT_BELOW_DOTS: usize = 4096;
/// Dots sorted into tiles at a time (their copies take at most 36 MiB).
const CHUNK: usize = 1 << 22;
/// Tiling gives up, and the dots are drawn directly, when they would be listed in more
/// tiles than this per dot on average (huge dots covering much of the canvas).
const MAX_TILES_PER_DOT: usize = 4;

impl Canvas {
    /// Draws `dots` tile by tile; `false` (nothing drawn) when drawing them directly is
    /// the better choice.
    pub(super) fn draw_tiled(&mut self, dots: &[Dot]) -> bool {
        if self.pixels.len() <= DIRECT_UP_TO_PIXELS || dots.len() < DIRECT_BELOW_DOTS {
            return false;
        }
        let tiles_x = self.width.div_ceil(TILE);
        let tiles_y = self.height.div_ceil(TILE);
        let mut starts = vec![0usize; tiles_x * tiles_y + 1];
        let mut next = Vec::new();
        let mut listed: Vec<Dot> = Vec::new();
        for chunk in dots.chunks(CHUNK) {
            // Count the dots per tile; `starts[t + 1]` first holds tile t's count.
            starts.fill(0);
            let budget = chunk.len() * MAX_TILES_PER_DOT;
            let mut total = 0;
            for dot in chunk {
                let Some(tiles) = self.tiles_of(dot) else {
                    continue;
                };
                total += (tiles.x1 - tiles.x0) * (tiles.y1 - tiles.y0);
                if total > budget {
                    break;
                }
                for ty in tiles.y0..tiles.y1 {
                    let row = ty * tiles_x + 1;
                    for count in &mut starts[row + tiles.x0..row + tiles.x1] {
                        *count += 1;
                    }
                }
            }
            if total > budget {
                let clip = self.whole();
                for dot in chunk {
                    self.draw_clipped(dot, clip);
                }
                continue;
            }
            for t in 1..starts.len() {
                starts[t] += starts[t - 1];
            }

            // Copy each dot into its tiles' lists, in order, so each tile reads its dots
            // from consecutive memory.
            next.clone_from(&starts);
            listed.clear();
            listed.resize(total, Dot::new(0.0, 0.0, 0.0, LinearRgb::grey(0.0)));
            for dot in chunk {
                let Some(tiles) = self.tiles_of(dot) else {
                    continue;
                };
                for ty in tiles.y0..tiles.y1 {
                    let row = ty * tiles_x;
                    for slot in &mut next[row + tiles.x0..row + tiles.x1] {
                        if let Some(entry) = listed.get_mut(*slot) {
                            *entry = *dot;
                        }
                        *slot += 1;
                    }
                }
            }

            for ty in 0..tiles_y {
                for tx in 0..tiles_x {
                    let t = ty * tiles_x + tx;
                    let clip = Clip {
                        x0: tx * TILE,
                        x1: ((tx + 1) * TILE).min(self.width),
                        y0: ty * TILE,
                        y1: ((ty + 1) * TILE).min(self.height),
                    };
                    for dot in &listed[starts[t]..starts[t + 1]] {
                        self.draw_clipped(dot, clip);
                    }
                }
            }
        }
        true
    }

    /// The tiles (columns `x0..x1`, rows `y0..y1`, in tiles) a dot may touch; `None` when it
    /// misses the canvas or has nothing to draw.
    fn tiles_of(&self, dot: &Dot) -> Option<Clip> {
        if !drawable(dot) {
            return None;
        }
        // A profile's support is at most r + edge; a splat's half side is under r, plus the
        // pixel it starts in.
        let reach = f64::from(dot.radius) + f64::from(dot.softness.max(1.0)) + 1.0;
        let (x, y) = (f64::from(dot.x), f64::from(dot.y));
        let (w, h) = (self.width as f64, self.height as f64);
        if x + reach < 0.0 || y + reach < 0.0 || x - reach >= w || y - reach >= h {
            return None;
        }
        let tile = TILE as f64;
        let first = |v: f64| ((v - reach).max(0.0) / tile) as usize;
        let end = |v: f64, size: f64| ((v + reach).min(size - 1.0) / tile) as usize + 1;
        let tiles = Clip {
            x0: first(x),
            x1: end(x, w).min(self.width.div_ceil(TILE)),
            y0: first(y),
            y1: end(y, h).min(self.height.div_ceil(TILE)),
        };
        (tiles.x0 < tiles.x1 && tiles.y0 < tiles.y1).then_some(tiles)
    }
}
