//! Small vector types for the scalp chart (2D, millimetres) and the head (3D, millimetres).

use serde::Serialize;

/// A point or offset in the scalp chart, in millimetres: `x` to the client's right, `y`
/// towards the face. The vertex (top of the head) is the origin.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct ChartPoint {
    /// Millimetres to the client's right (negative: left).
    pub x: f32,
    /// Millimetres towards the face (negative: towards the nape).
    pub y: f32,
}

impl ChartPoint {
    /// A chart point.
    pub const fn new(x: f32, y: f32) -> ChartPoint {
        ChartPoint { x, y }
    }

    /// Distance from the vertex along the chart.
    pub fn radius(self) -> f32 {
        // Chart coordinates are millimetres, far from overflow, so the plain root serves;
        // `hypot`'s careful scaling was a quarter of the studio's time.
        (self.x * self.x + self.y * self.y).sqrt()
    }

    /// Distance to another chart point.
    pub fn distance(self, other: ChartPoint) -> f32 {
        self.distance_squared(other).sqrt()
    }

    /// Squared distance to another chart point: for comparing distances without a root.
    pub fn distance_squared(self, other: ChartPoint) -> f32 {
        let (dx, dy) = (self.x - other.x, self.y - other.y);
        dx * dx + dy * dy
    }
}

/// A point on or near the head, in millimetres: `x` to the client's right, `y` towards the
/// face, `z` up; the origin is the centre of the head at ear level.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Vec3 {
    /// Right.
    pub x: f32,
    /// Forward.
    pub y: f32,
    /// Up.
    pub z: f32,
}

impl Vec3 {
    /// A 3D point.
    pub const fn new(x: f32, y: f32, z: f32) -> Vec3 {
        Vec3 { x, y, z }
    }

    /// Squared distance to another point.
    pub fn distance_squared(self, other: Vec3) -> f32 {
        let (dx, dy, dz) = (self.x - other.x, self.y - other.y, self.z - other.z);
        dx * dx + dy * dy + dz * dz
    }

    /// Dot product.
    pub fn dot(self, other: Vec3) -> f32 {
        self.x * other.x + self.y * other.y + self.z * other.z
    }

    /// Difference `self - other`.
    pub fn minus(self, other: Vec3) -> Vec3 {
        Vec3::new(self.x - other.x, self.y - other.y, self.z - other.z)
    }

    /// Cross product.
    pub fn cross(self, other: Vec3) -> Vec3 {
        Vec3::new(
            self.y * other.z - self.z * other.y,
            self.z * other.x - self.x * other.z,
            self.x * other.y - self.y * other.x,
        )
    }

    /// Length.
    pub fn length(self) -> f32 {
        (self.x * self.x + self.y * self.y + self.z * self.z).sqrt()
    }

    /// Linear interpolation towards `other`.
    pub fn lerp(self, other: Vec3, t: f32) -> Vec3 {
        Vec3::new(
            self.x + (other.x - self.x) * t,
            self.y + (other.y - self.y) * t,
            self.z + (other.z - self.z) * t,
        )
    }
}

/// A small deterministic random number generator (SplitMix64), so that a design is a pure
/// function of its parameters and seed on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed and a stream number (independent streams per purpose).
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next_u64();
        rng
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform float in `[0, 1)`.
    pub fn unit(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }

    /// A uniform float in `[lo, hi)`.
    pub fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.unit()
    }
}
