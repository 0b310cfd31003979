//! Screenings: a client's health questionnaire answers and what the rules made of them.
//! Health data: the server audits every read and write.

use jiff::civil::Date;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::Store;
use crate::error::StoreError;
use crate::time::instant;

/// A screening to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewScreening {
    /// Whose.
    pub client_id: i64,
    /// The day the answers were evaluated for.
    pub screened_on: Date,
    /// The answers, as JSON.
    pub answers_json: String,
    /// The outcome's name (`eligible`, `deferred`, `review`, `not_a_candidate`).
    pub verdict: String,
    /// The evaluation with every finding, as JSON.
    pub result_json: String,
    /// Who screened.
    pub staff_id: Option<i64>,
}

/// A stored screening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredScreening {
    /// Its id.
    pub id: i64,
    /// What was stored.
    pub screening: NewScreening,
    /// When.
    pub created_at: Timestamp,
}

const COLUMNS: &str =
    "id, client_id, screened_on, answers_json, verdict, result_json, staff_id, created_at";

fn from_row(row: &AnyRow) -> Result<StoredScreening, sqlx::Error> {
    let on: String = row.try_get("screened_on")?;
    Ok(StoredScreening {
        id: row.try_get("id")?,
        screening: NewScreening {
            client_id: row.try_get("client_id")?,
            screened_on: on.parse().map_err(|e| sqlx::Error::ColumnDecode {
                index: "screened_on".to_owned(),
                source: Box::new(e),
            })?,
            answers_json: row.try_get("answers_json")?,
            verdict: row.try_get("verdict")?,
            result_json: row.try_get("result_json")?,
            staff_id: row.try_get("staff_id")?,
        },
        created_at: instant(row, "created_at")?,
    })
}

impl Store {
    /// Stores a screening.
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] (`client_id`) for an unknown client.
    pub async fn create_screening(
        &self,
        new: &NewScreening,
        at: Timestamp,
    ) -> Result<StoredScreening, StoreError> {
        let sql = format!(
            "INSERT INTO screenings (client_id, screened_on, answers_json, verdict, result_json, \
             staff_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(new.client_id)
            .bind(new.screened_on.to_string())
            .bind(new.answers_json.as_str())
            .bind(new.verdict.as_str())
            .bind(new.result_json.as_str())
            .bind(new.staff_id)
            .bind(at.as_second())
            .fetch_one(self.pool())
            .await
            .map_err(|e| StoreError::from_write(e, "id", "client_id"))?;
        Ok(from_row(&row)?)
    }

    /// A client's screenings, newest first.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn screenings_of_client(
        &self,
        client_id: i64,
    ) -> Result<Vec<StoredScreening>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM screenings WHERE client_id = $1 ORDER BY created_at DESC, id DESC"
        );
        let rows = sqlx::query(&sql)
            .bind(client_id)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }

    /// The practitioner record of a staff account, if it has one.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn practitioner_of_staff(&self, staff_id: i64) -> Result<Option<i64>, StoreError> {
        let id: Option<i64> =
            sqlx::query_scalar("SELECT id FROM practitioners WHERE staff_id = $1")
                .bind(staff_id)
                .fetch_optional(self.pool())
                .await?;
        Ok(id)
    }
}
