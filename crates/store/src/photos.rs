//! Clients' photos: the clean file (as `smp-photo` made it) with its view and consent.
//! Listing reads only the description; the file itself is read one photo at a time.

use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::Store;
use crate::error::StoreError;
use crate::named::named;
use crate::time::instant;

/// Which way a photo looks at the head.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhotoView {
    /// The face and the front hairline.
    Front,
    /// From above: the crown and the mid-scalp.
    Top,
    /// The client's left side.
    Left,
    /// The client's right side.
    Right,
    /// The back of the head.
    Back,
}

impl PhotoView {
    /// Every view, in the order a clinic takes them.
    pub const ALL: [PhotoView; 5] = [
        PhotoView::Front,
        PhotoView::Top,
        PhotoView::Left,
        PhotoView::Right,
        PhotoView::Back,
    ];

    /// The stored and typed name.
    pub fn as_str(self) -> &'static str {
        match self {
            PhotoView::Front => "front",
            PhotoView::Top => "top",
            PhotoView::Left => "left",
            PhotoView::Right => "right",
            PhotoView::Back => "back",
        }
    }

    /// The view of a name, or `None`.
    pub fn parse(text: &str) -> Option<PhotoView> {
        PhotoView::ALL.into_iter().find(|v| v.as_str() == text)
    }
}

/// What the client agreed a photo may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhotoConsent {
    /// Only the clinical record: seen by those who may see health data, never shown
    /// elsewhere.
    Clinical,
    /// Also marketing: the clinic's before/after gallery.
    Marketing,
}

impl PhotoConsent {
    /// Both, narrowest first.
    pub const ALL: [PhotoConsent; 2] = [PhotoConsent::Clinical, PhotoConsent::Marketing];

    /// The stored and typed name.
    pub fn as_str(self) -> &'static str {
        match self {
            PhotoConsent::Clinical => "clinical",
            PhotoConsent::Marketing => "marketing",
        }
    }

    /// The consent of a name, or `None`.
    pub fn parse(text: &str) -> Option<PhotoConsent> {
        PhotoConsent::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// A photo to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPhoto {
    /// Whose.
    pub client_id: i64,
    /// Which way it looks.
    pub view: PhotoView,
    /// What it may be used for.
    pub consent: PhotoConsent,
    /// `image/jpeg` or `image/png`.
    pub media_type: String,
    /// Width, pixels.
    pub width: u32,
    /// Height, pixels.
    pub height: u32,
    /// The clean file.
    pub content: Vec<u8>,
    /// A note (what it shows, lighting).
    pub note: String,
    /// Who uploaded it.
    pub staff_id: Option<i64>,
}

/// A stored photo's description (without the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// Its id.
    pub id: i64,
    /// Whose.
    pub client_id: i64,
    /// Which way it looks.
    pub view: PhotoView,
    /// What it may be used for.
    pub consent: PhotoConsent,
    /// `image/jpeg` or `image/png`.
    pub media_type: String,
    /// Width, pixels.
    pub width: u32,
    /// Height, pixels.
    pub height: u32,
    /// The file's size.
    pub byte_size: i64,
    /// A note.
    pub note: String,
    /// Who uploaded it.
    pub staff_id: Option<i64>,
    /// When.
    pub uploaded_at: Timestamp,
}

const COLUMNS: &str =
    "id, client_id, view, consent, media_type, width, height, byte_size, note, staff_id, \
     uploaded_at";

fn from_row(row: &AnyRow) -> Result<Photo, sqlx::Error> {
    Ok(Photo {
        id: row.try_get("id")?,
        client_id: row.try_get("client_id")?,
        view: named(row, "view", PhotoView::parse)?,
        consent: named(row, "consent", PhotoConsent::parse)?,
        media_type: row.try_get("media_type")?,
        width: pixels(row, "width")?,
        height: pixels(row, "height")?,
        byte_size: row.try_get("byte_size")?,
        note: row.try_get("note")?,
        staff_id: row.try_get("staff_id")?,
        uploaded_at: instant(row, "uploaded_at")?,
    })
}

fn pixels(row: &AnyRow, column: &str) -> Result<u32, sqlx::Error> {
    let value: i64 = row.try_get(column)?;
    u32::try_from(value).map_err(|e| sqlx::Error::ColumnDecode {
        index: column.to_owned(),
        source: Box::new(e),
    })
}

impl Store {
    /// Stores a photo.
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] (`client_id`) for an unknown client.
    pub async fn add_photo(&self, photo: &NewPhoto, at: Timestamp) -> Result<Photo, StoreError> {
        let sql = format!(
            "INSERT INTO photos (client_id, view, consent, media_type, width, height, \
             byte_size, content, note, staff_id, uploaded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING {COLUMNS}"
        );
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(&sql)
            .bind(photo.client_id)
            .bind(photo.view.as_str())
            .bind(photo.consent.as_str())
            .bind(photo.media_type.as_str())
            .bind(i64::from(photo.width))
            .bind(i64::from(photo.height))
            .bind(photo.content.len() as i64)
            .bind(photo.content.as_slice())
            .bind(photo.note.as_str())
            .bind(photo.staff_id)
            .bind(at.as_second())
            .fetch_one(&mut *tx.tx)
            .await
            .map_err(|e| StoreError::from_write(e, "photo", "client_id"))?;
        tx.commit().await?;
        Ok(from_row(&row)?)
    }

    /// A photo's description.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub async fn photo(&self, id: i64) -> Result<Photo, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM photos WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound { what: "photo", id })?;
        Ok(from_row(&row)?)
    }

    /// A photo's file: its media type and bytes.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub async fn photo_content(&self, id: i64) -> Result<(String, Vec<u8>), StoreError> {
        let row = sqlx::query("SELECT media_type, content FROM photos WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound { what: "photo", id })?;
        Ok((row.try_get("media_type")?, row.try_get("content")?))
    }

    /// A client's photos, newest first.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn photos_of_client(&self, client_id: i64) -> Result<Vec<Photo>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM photos WHERE client_id = $1 ORDER BY uploaded_at DESC, id DESC"
        );
        let rows = sqlx::query(&sql)
            .bind(client_id)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }

    /// Changes what a photo may be used for, and its note.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub async fn change_photo(
        &self,
        id: i64,
        consent: PhotoConsent,
        note: &str,
    ) -> Result<Photo, StoreError> {
        let sql =
            format!("UPDATE photos SET consent = $1, note = $2 WHERE id = $3 RETURNING {COLUMNS}");
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(&sql)
            .bind(consent.as_str())
            .bind(note)
            .bind(id)
            .fetch_optional(&mut *tx.tx)
            .await?
            .ok_or(StoreError::NotFound { what: "photo", id })?;
        tx.commit().await?;
        Ok(from_row(&row)?)
    }

    /// Deletes a photo.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub async fn delete_photo(&self, id: i64) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let gone = sqlx::query("DELETE FROM photos WHERE id = $1")
            .bind(id)
            .execute(&mut *tx.tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        if gone == 0 {
            return Err(StoreError::NotFound { what: "photo", id });
        }
        Ok(())
    }
}
