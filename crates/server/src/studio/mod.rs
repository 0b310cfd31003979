//! The design studio on a client's photo: a design as drawn ([`design`]), the moment a
//! preview shows ([`moment`]), the pictures ([`preview`]) and what it all amounts to
//! ([`summary`]). [`Studio`] keeps the working photos and dot fields of recent requests, so
//! that moving a slider over the same drawing only draws and encodes.

pub mod cache;
pub mod design;
pub mod moment;
pub mod preview;
pub mod summary;

use std::sync::{Arc, Mutex};

use jiff::{SignedDuration, Timestamp};

use crate::error::ApiError;
use cache::Lru;
use design::StudioDesign;
use preview::{Placement, WorkingPhoto};

/// How many decoded photos are kept (each up to 2048 × 1536 pixels, 48 MiB).
const PHOTOS_KEPT: usize = 3;
/// How many dot fields are kept (a few hundred kilobytes each).
const PLACEMENTS_KEPT: usize = 16;
/// Previews of one photo by one staff member within this long of an audited one are part
/// of the same viewing and not audited again.
pub const AUDIT_EVERY: SignedDuration = SignedDuration::from_mins(15);

/// Which stored photo: its id with its upload time and size, so that an id used again
/// after a deletion (SQLite may) is never taken for the old photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoKey {
    /// The photo's id.
    pub id: i64,
    /// When it was uploaded, Unix seconds.
    pub uploaded_at: i64,
    /// Its size in bytes.
    pub byte_size: i64,
}

/// The studio's caches, shared by every request of one server.
#[derive(Debug)]
pub struct Studio {
    photos: Lru<PhotoKey, WorkingPhoto>,
    placements: Lru<(PhotoKey, String), Placement>,
    audited: Mutex<Vec<(i64, i64, Timestamp)>>,
}

impl Default for Studio {
    fn default() -> Self {
        Studio {
            photos: Lru::new(PHOTOS_KEPT),
            placements: Lru::new(PLACEMENTS_KEPT),
            audited: Mutex::new(Vec::new()),
        }
    }
}

impl Studio {
    /// The working copy of a photo when it is kept.
    pub fn photo(&self, key: &PhotoKey) -> Option<Arc<WorkingPhoto>> {
        self.photos.get(key.clone())
    }

    /// Keeps a photo's working copy.
    pub fn keep_photo(&self, key: PhotoKey, photo: WorkingPhoto) -> Arc<WorkingPhoto> {
        self.photos.put(key, photo)
    }

    /// The design's dots on the photo: kept ones when the drawing and choices are the same
    /// (the sun and the moment only change how they are drawn), else placed now. A request
    /// for the same drawing while it is being placed (the page asks for the preview and the
    /// summary at once) waits for those dots rather than placing them again.
    ///
    /// # Errors
    /// [`ApiError::Invalid`] naming the design's field at fault.
    pub fn placement(
        &self,
        key: &PhotoKey,
        photo: &WorkingPhoto,
        design: &StudioDesign,
    ) -> Result<Arc<Placement>, ApiError> {
        let mut drawing = design.clone();
        drawing.uv = String::new();
        let text =
            serde_json::to_string(&drawing).map_err(|e| ApiError::Internal(e.to_string()))?;
        self.placements
            .get_or_make((key.clone(), text), || preview::place(photo, design))
    }

    /// Whether anything of a photo is kept: its working copy or dots placed on it.
    pub fn holds_photo(&self, id: i64) -> bool {
        self.photos.holds(|k| k.id == id) || self.placements.holds(|(k, _)| k.id == id)
    }

    /// Forgets everything kept of a photo (it was deleted).
    pub fn forget_photo(&self, id: i64) {
        self.photos.forget(|k| k.id == id);
        self.placements.forget(|(k, _)| k.id == id);
    }

    /// Whether a preview of `photo_id` for `staff_id` at `now` starts a new viewing to
    /// audit (none audited within [`AUDIT_EVERY`]); if so it is noted as audited.
    pub fn should_audit(&self, staff_id: i64, photo_id: i64, now: Timestamp) -> bool {
        let Ok(mut audited) = self.audited.lock() else {
            return true;
        };
        audited.retain(|&(_, _, at)| now.duration_since(at) < AUDIT_EVERY);
        if audited
            .iter()
            .any(|&(s, p, _)| s == staff_id && p == photo_id)
        {
            return false;
        }
        audited.push((staff_id, photo_id, now));
        true
    }
}
