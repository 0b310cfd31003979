//! Payments: money taken from a client (recorded, not processed).

use jiff::civil::Date;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::Store;
use crate::error::StoreError;
use crate::time::instant;

/// A payment to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment {
    /// Who paid.
    pub client_id: i64,
    /// The course it pays towards, if any.
    pub course_id: Option<i64>,
    /// `consultation`, `session`, `touch_up`, `deposit` or `other`.
    pub kind: String,
    /// `cash`, `card` or `transfer`.
    pub method: String,
    /// The amount, minor units (positive).
    pub amount_minor: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// The day it was paid (clinic's local date).
    pub paid_on: Date,
    /// A note.
    pub note: String,
    /// Who took it.
    pub staff_id: Option<i64>,
}

/// A stored payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// Its id.
    pub id: i64,
    /// What was recorded.
    pub payment: NewPayment,
    /// When.
    pub created_at: Timestamp,
}

const COLUMNS: &str = "id, client_id, course_id, kind, method, amount_minor, currency, paid_on, \
     note, staff_id, created_at";

fn from_row(row: &AnyRow) -> Result<Payment, sqlx::Error> {
    let paid_on: String = row.try_get("paid_on")?;
    Ok(Payment {
        id: row.try_get("id")?,
        payment: NewPayment {
            client_id: row.try_get("client_id")?,
            course_id: row.try_get("course_id")?,
            kind: row.try_get("kind")?,
            method: row.try_get("method")?,
            amount_minor: row.try_get("amount_minor")?,
            currency: row.try_get("currency")?,
            paid_on: paid_on.parse().map_err(|e| sqlx::Error::ColumnDecode {
                index: "paid_on".to_owned(),
                source: Box::new(e),
            })?,
            note: row.try_get("note")?,
            staff_id: row.try_get("staff_id")?,
        },
        created_at: instant(row, "created_at")?,
    })
}

impl Store {
    /// Records a payment.
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] for an unknown client or course.
    pub async fn record_payment(
        &self,
        new: &NewPayment,
        at: Timestamp,
    ) -> Result<Payment, StoreError> {
        let sql = format!(
            "INSERT INTO payments (client_id, course_id, kind, method, amount_minor, currency, \
             paid_on, note, staff_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(new.client_id)
            .bind(new.course_id)
            .bind(new.kind.as_str())
            .bind(new.method.as_str())
            .bind(new.amount_minor)
            .bind(new.currency.as_str())
            .bind(new.paid_on.to_string())
            .bind(new.note.as_str())
            .bind(new.staff_id)
            .bind(at.as_second())
            .fetch_one(self.pool())
            .await
            .map_err(|e| StoreError::from_write(e, "id", "client_id or course_id"))?;
        Ok(from_row(&row)?)
    }

    /// A client's payments, oldest first.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn payments_of_client(&self, client_id: i64) -> Result<Vec<Payment>, StoreError> {
        let sql =
            format!("SELECT {COLUMNS} FROM payments WHERE client_id = $1 ORDER BY paid_on, id");
        let rows = sqlx::query(&sql)
            .bind(client_id)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }

    /// A course's payments, oldest first.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn payments_of_course(&self, course_id: i64) -> Result<Vec<Payment>, StoreError> {
        let sql =
            format!("SELECT {COLUMNS} FROM payments WHERE course_id = $1 ORDER BY paid_on, id");
        let rows = sqlx::query(&sql)
            .bind(course_id)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }
}
