//! Design versions: what the studio showed a client on one of their photos, numbered per
//! client and never changed once saved.

use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::Store;
use crate::error::StoreError;
use crate::time::instant;

/// A design version to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDesignVersion<'a> {
    /// Whose.
    pub client_id: i64,
    /// The photo it was drawn on (the client's own).
    pub photo_id: i64,
    /// The course it is for, when there is one.
    pub course_id: Option<i64>,
    /// The studio's design, as JSON text.
    pub design: &'a str,
    /// A note (what the client said, what changed).
    pub note: &'a str,
    /// Who showed it.
    pub staff_id: Option<i64>,
}

/// A saved design version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesignVersion {
    /// Its id.
    pub id: i64,
    /// Whose.
    pub client_id: i64,
    /// The photo it was drawn on.
    pub photo_id: i64,
    /// The course it is for.
    pub course_id: Option<i64>,
    /// Its number among the client's versions, from 1.
    pub version: i64,
    /// The studio's design, as JSON text.
    pub design: String,
    /// A note.
    pub note: String,
    /// Who showed it.
    pub staff_id: Option<i64>,
    /// When it was shown and saved.
    pub shown_at: Timestamp,
}

const COLUMNS: &str =
    "id, client_id, photo_id, course_id, version, design, note, staff_id, shown_at";

fn from_row(row: &AnyRow) -> Result<DesignVersion, sqlx::Error> {
    Ok(DesignVersion {
        id: row.try_get("id")?,
        client_id: row.try_get("client_id")?,
        photo_id: row.try_get("photo_id")?,
        course_id: row.try_get("course_id")?,
        version: row.try_get("version")?,
        design: row.try_get("design")?,
        note: row.try_get("note")?,
        staff_id: row.try_get("staff_id")?,
        shown_at: instant(row, "shown_at")?,
    })
}

impl Store {
    /// Saves a design as the client's next version.
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] naming `photo_id` or `course_id` when either is not
    /// the client's.
    pub async fn add_design_version(
        &self,
        new: &NewDesignVersion<'_>,
        at: Timestamp,
    ) -> Result<DesignVersion, StoreError> {
        let mut tx = self.begin_write().await?;
        let photo_owner: Option<i64> =
            sqlx::query_scalar("SELECT client_id FROM photos WHERE id = $1")
                .bind(new.photo_id)
                .fetch_optional(&mut *tx.tx)
                .await?;
        if photo_owner != Some(new.client_id) {
            return Err(StoreError::MissingReference { field: "photo_id" });
        }
        if let Some(course_id) = new.course_id {
            let course_owner: Option<i64> =
                sqlx::query_scalar("SELECT client_id FROM courses WHERE id = $1")
                    .bind(course_id)
                    .fetch_optional(&mut *tx.tx)
                    .await?;
            if course_owner != Some(new.client_id) {
                return Err(StoreError::MissingReference { field: "course_id" });
            }
        }
        let sql = format!(
            "INSERT INTO design_versions (client_id, photo_id, course_id, version, design, note, \
             staff_id, shown_at) \
             VALUES ($1, $2, $3, (SELECT COALESCE(MAX(version), 0) + 1 FROM design_versions \
             WHERE client_id = $1), $4, $5, $6, $7) RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(new.client_id)
            .bind(new.photo_id)
            .bind(new.course_id)
            .bind(new.design)
            .bind(new.note)
            .bind(new.staff_id)
            .bind(at.as_second())
            .fetch_one(&mut *tx.tx)
            .await
            .map_err(|e| StoreError::from_write(e, "version", "client_id"))?;
        tx.commit().await?;
        Ok(from_row(&row)?)
    }

    /// One design version.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub async fn design_version(&self, id: i64) -> Result<DesignVersion, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM design_versions WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound {
                what: "design version",
                id,
            })?;
        Ok(from_row(&row)?)
    }

    /// A client's design versions, newest first.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn design_versions_of_client(
        &self,
        client_id: i64,
    ) -> Result<Vec<DesignVersion>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM design_versions WHERE client_id = $1 ORDER BY version DESC"
        );
        let rows = sqlx::query(&sql)
            .bind(client_id)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }
}
