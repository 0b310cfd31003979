//! Drawing many dots tile by tile, so that the pixels being blended stay in cache.
//!
//! Dots are copied, in their order, into the list of every tile their box meets (a stable
//! counting sort, a chunk of dots at a time); each tile then draws its list clipped to
//! itself. Dots that do not overlap never interact
//! and each pixel sees the same dots in the same order, so the result is exactly that of
//! drawing the dots one after another.

use std::sync::{Mutex, OnceLock};

use super::canvas::{Canvas, Px, Target};
use super::dot::Dot;
use super::raster::Clip;
use crate::color::LinearRgb;

/// Side of a square tile in pixels: 128 × 128 pixels are 256 KiB, which stay in the L2
/// cache (smaller tiles list more dots twice, larger ones spill).
const TILE: usize = 128;
/// Canvases up to this many pixels (4 MiB) are drawn directly: they stay in cache anyway.
const DIRECT_UP_TO_PIXELS: usize = 512 * 512;
/// Fewer dots than this are drawn directly: sorting them would cost more than it saves.
const DIRECT_BELOW_DOTS: usize = 4096;
/// Fewer dots than this (listed in tiles) are drawn on one core: starting threads would
/// cost more than it saves.
const PARALLEL_FROM_DOTS: usize = 16384;
/// Tiles with fewer dots than this are not worth streaming into cache first.
const WARM_FROM_DOTS: usize = 16;
/// A reach (px) beyond which a dot is listed in every tile rather than placed in f32.
const HUGE_REACH: f32 = 1e6;
/// Dots sorted into tiles at a time: their copies take at most
/// `CHUNK × MAX_TILES_PER_DOT × 36` bytes, 36 MiB (about 19 MiB for small dots).
const CHUNK: usize = 1 << 19;
/// Tiling gives up, and the dots are drawn directly, when they would be listed in more
/// tiles than this per dot on average (huge dots covering much of the canvas).
const MAX_TILES_PER_DOT: usize = 2;

impl Canvas {
    /// Draws `dots` tile by tile; `false` (nothing drawn) when drawing them directly is
    /// the better choice.
    pub(super) fn draw_tiled(&mut self, dots: &[Dot]) -> bool {
        if self.pixels.len() <= DIRECT_UP_TO_PIXELS || dots.len() < DIRECT_BELOW_DOTS {
            return false;
        }
        let grid = Grid {
            width: self.width,
            height: self.height,
            tiles_x: self.width.div_ceil(TILE),
            tiles_y: self.height.div_ceil(TILE),
        };
        let mut starts = vec![0usize; grid.tiles_x * grid.tiles_y + 1];
        let mut next = Vec::new();
        let mut ranges = Vec::new();
        let mut listed: Vec<Dot> = Vec::new();
        for chunk in dots.chunks(CHUNK) {
            // The tiles of each dot, and the dots per tile in `starts[t + 1]`.
            starts.fill(0);
            ranges.clear();
            ranges.extend(chunk.iter().map(|dot| grid.tiles_of(dot)));
            let total: usize = ranges.iter().map(TileRange::count).sum();
            if total > chunk.len() * MAX_TILES_PER_DOT {
                let clip = self.whole();
                self.target().draw(chunk, clip);
                continue;
            }
            for range in &ranges {
                // Most dots lie in one tile: no loops for them.
                if range.is_single() {
                    starts[range.y0 as usize * grid.tiles_x + range.x0 as usize + 1] += 1;
                    continue;
                }
                for ty in range.y0..range.y1 {
                    let row = ty as usize * grid.tiles_x + 1;
                    for count in &mut starts[row + range.x0 as usize..row + range.x1 as usize] {
                        *count += 1;
                    }
                }
            }
            for t in 1..starts.len() {
                starts[t] += starts[t - 1];
            }

            // Copy each dot into its tiles' lists, in order, so each tile reads its dots
            // from consecutive memory.
            next.clone_from(&starts);
            listed.clear();
            listed.resize(total, Dot::new(0.0, 0.0, 0.0, LinearRgb::grey(0.0)));
            for (dot, range) in chunk.iter().zip(&ranges) {
                if range.is_single() {
                    let slot = &mut next[range.y0 as usize * grid.tiles_x + range.x0 as usize];
                    if let Some(entry) = listed.get_mut(*slot) {
                        *entry = *dot;
                    }
                    *slot += 1;
                    continue;
                }
                for ty in range.y0..range.y1 {
                    let row = ty as usize * grid.tiles_x;
                    for slot in &mut next[row + range.x0 as usize..row + range.x1 as usize] {
                        if let Some(entry) = listed.get_mut(*slot) {
                            *entry = *dot;
                        }
                        *slot += 1;
                    }
                }
            }

            self.draw_bands(&grid, &starts, &listed);
        }
        true
    }

    /// Draws each tile's list, a band of tiles (`TILE` rows) at a time, the bands shared
    /// among the processor's cores when there is enough to draw.
    fn draw_bands(&mut self, grid: &Grid, starts: &[usize], listed: &[Dot]) {
        let (width, height) = (self.width, self.height);
        let draw_band = |ty: usize, pixels: &mut [Px]| {
            let top = ty * TILE;
            let mut target = Target {
                pixels,
                width,
                height,
                top,
            };
            for tx in 0..grid.tiles_x {
                let t = ty * grid.tiles_x + tx;
                let clip = Clip {
                    x0: tx * TILE,
                    x1: ((tx + 1) * TILE).min(width),
                    y0: top,
                    y1: (top + TILE).min(height),
                };
                let tile_dots = starts
                    .get(t..t + 2)
                    .and_then(|s| listed.get(s[0]..s[1]))
                    .unwrap_or_default();
                if tile_dots.len() >= WARM_FROM_DOTS {
                    target.warm(clip);
                }
                target.draw(tile_dots, clip);
            }
        };
        let bands = self.pixels.chunks_mut(TILE * width).enumerate();
        let workers = cores().min(grid.tiles_y);
        if workers <= 1 || listed.len() < PARALLEL_FROM_DOTS {
            for (ty, band) in bands {
                draw_band(ty, band);
            }
            return;
        }
        // Each worker, this thread included, takes the next band until none is left.
        let queue = Mutex::new(bands);
        let work = || loop {
            let next = queue.lock().ok().and_then(|mut bands| bands.next());
            let Some((ty, band)) = next else {
                break;
            };
            draw_band(ty, band);
        };
        std::thread::scope(|scope| {
            for _ in 1..workers {
                // A worker that cannot be started leaves its share to the others.
                let _ = std::thread::Builder::new().spawn_scoped(scope, work);
            }
            work();
        });
    }
}

impl Target<'_> {
    /// Reads the clip's rows in order, one value per cache line, so that the processor
    /// streams them into cache before the dots' scattered accesses need them.
    fn warm(&self, clip: Clip) {
        // Four sums, so that the loads do not wait on one chain of additions.
        let mut sums = [0.0f32; 4];
        for y in clip.y0..clip.y1 {
            let start = y.saturating_sub(self.top) * self.width;
            let Some(row) = self.pixels.get(start + clip.x0..start + clip.x1) else {
                continue;
            };
            for (line, px) in row.iter().step_by(4).enumerate() {
                sums[line % 4] += px[0];
            }
        }
        std::hint::black_box(sums);
    }
}

/// The number of cores to draw with (asked once).
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// The canvas in pixels and in tiles.
struct Grid {
    width: usize,
    height: usize,
    tiles_x: usize,
    tiles_y: usize,
}

/// Tiles `x0..x1` × `y0..y1` (in tiles; empty when the dot is not drawn).
#[derive(Debug, Clone, Copy)]
struct TileRange {
    x0: u32,
    x1: u32,
    y0: u32,
    y1: u32,
}

impl TileRange {
    const NONE: TileRange = TileRange {
        x0: 0,
        x1: 0,
        y0: 0,
        y1: 0,
    };

    /// Whether the range is exactly one tile.
    #[inline]
    fn is_single(&self) -> bool {
        self.x1 == self.x0 + 1 && self.y1 == self.y0 + 1
    }

    fn count(&self) -> usize {
        (self.x1 - self.x0) as usize * (self.y1 - self.y0) as usize
    }
}

impl Grid {
    /// The tiles a dot may touch; none when it misses the canvas or has a NaN position or
    /// size. A huge dot covers every tile (and then, past the budget, its chunk is drawn
    /// directly).
    #[inline]
    fn tiles_of(&self, dot: &Dot) -> TileRange {
        // A profile's support is at most r + edge; a splat's half side is under r, plus the
        // pixel it starts in.
        let reach = dot.radius + dot.softness.max(1.0) + 1.0;
        if reach.is_nan() || reach >= HUGE_REACH {
            // NaN fields fail every comparison: nothing to draw.
            let drawn = reach > 0.0 && dot.x.is_finite() && dot.y.is_finite();
            let whole = TileRange {
                x0: 0,
                x1: self.tiles_x as u32,
                y0: 0,
                y1: self.tiles_y as u32,
            };
            return if drawn { whole } else { TileRange::NONE };
        }
        let (w, h) = (self.width as f32, self.height as f32);
        let (left, right) = (dot.x - reach, dot.x + reach);
        let (top, bottom) = (dot.y - reach, dot.y + reach);
        if !(right >= 0.0 && bottom >= 0.0 && left < w && top < h) {
            return TileRange::NONE;
        }
        // The tile of a coordinate clamped onto the canvas (`as` truncates: floor here).
        let tile = |v: f32, size: f32| v.clamp(0.0, size - 1.0) as u32 / TILE as u32;
        let range = TileRange {
            x0: tile(left, w),
            x1: (tile(right, w) + 1).min(self.tiles_x as u32),
            y0: tile(top, h),
            y1: (tile(bottom, h) + 1).min(self.tiles_y as u32),
        };
        if range.x0 < range.x1 && range.y0 < range.y1 {
            range
        } else {
            TileRange::NONE
        }
    }
}
