//! Practitioners: whose calendar an appointment is on.

use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::Store;
use crate::error::StoreError;
use crate::time::instant;

/// A practitioner as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Practitioner {
    /// Its id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Contact email (may be empty).
    pub email: String,
    /// The staff account that logs in as this practitioner, if any.
    pub staff_id: Option<i64>,
    /// When the record was made.
    pub created_at: Timestamp,
}

const COLUMNS: &str = "id, name, email, staff_id, created_at";

fn from_row(row: &AnyRow) -> Result<Practitioner, sqlx::Error> {
    Ok(Practitioner {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        staff_id: row.try_get("staff_id")?,
        created_at: instant(row, "created_at")?,
    })
}

impl Store {
    /// Adds a practitioner, optionally linked to a staff account.
    ///
    /// # Errors
    /// [`StoreError::Duplicate`] (`staff_id`) when the account is already a practitioner;
    /// [`StoreError::MissingReference`] when it does not exist.
    pub async fn create_practitioner(
        &self,
        name: &str,
        email: &str,
        staff_id: Option<i64>,
        at: Timestamp,
    ) -> Result<Practitioner, StoreError> {
        let sql = format!(
            "INSERT INTO practitioners (name, email, staff_id, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(name)
            .bind(email)
            .bind(staff_id)
            .bind(at.as_second())
            .fetch_one(self.pool())
            .await
            .map_err(|e| StoreError::from_write(e, "staff_id", "staff_id"))?;
        Ok(from_row(&row)?)
    }

    /// The practitioner with this id.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when there is none.
    pub async fn practitioner(&self, id: i64) -> Result<Practitioner, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM practitioners WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound {
                what: "practitioner",
                id,
            })?;
        Ok(from_row(&row)?)
    }

    /// Every practitioner, by name.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn practitioners(&self) -> Result<Vec<Practitioner>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM practitioners ORDER BY name, id");
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }
}
