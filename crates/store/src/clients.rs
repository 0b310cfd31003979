//! Clients: contact details, their practitioner, and consent to store health data.

use jiff::civil::Date;
use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::Store;
use crate::error::StoreError;
use crate::time::instant;

/// What staff type about a client.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClientFields {
    /// Full name.
    pub name: String,
    /// Email (may be empty).
    pub email: String,
    /// Phone (may be empty).
    pub phone: String,
    /// Date of birth, when given.
    pub date_of_birth: Option<Date>,
    /// Free notes (not health data: that goes in screenings and session records).
    pub notes: String,
    /// The day the client consented to their health data being stored, if they have.
    pub health_consent_on: Option<Date>,
    /// Their practitioner, if assigned.
    pub practitioner_id: Option<i64>,
    /// How much sun their scalp gets, when recorded.
    pub sun_exposure: Option<SunExposure>,
}

/// How much sun a client's scalp gets: it sets how fast the pigment fades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SunExposure {
    /// Mostly indoors, or the head covered or protected outside.
    Low,
    /// Ordinary outdoor life.
    Medium,
    /// Works or plays outside, head bare.
    High,
}

impl SunExposure {
    /// Every level, least sun first.
    pub const ALL: [SunExposure; 3] = [SunExposure::Low, SunExposure::Medium, SunExposure::High];

    /// The stored and typed name: `low`, `medium` or `high`.
    pub fn as_str(self) -> &'static str {
        match self {
            SunExposure::Low => "low",
            SunExposure::Medium => "medium",
            SunExposure::High => "high",
        }
    }

    /// The level of a name, or `None` for anything else.
    pub fn parse(text: &str) -> Option<SunExposure> {
        SunExposure::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// The sun exposure stored in `column`.
pub(crate) fn sun_exposure(row: &AnyRow, column: &str) -> Result<Option<SunExposure>, sqlx::Error> {
    crate::named::optional_named(row, column, SunExposure::parse)
}

/// A client as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    /// Its id.
    pub id: i64,
    /// The details.
    pub fields: ClientFields,
    /// When the record was made.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

pub(crate) const COLUMNS: &str =
    "id, name, email, phone, date_of_birth, notes, health_consent_on, \
     practitioner_id, sun_exposure, created_at, updated_at";

fn date(row: &AnyRow, column: &str) -> Result<Option<Date>, sqlx::Error> {
    let text: Option<String> = row.try_get(column)?;
    text.map(|t| {
        t.parse::<Date>().map_err(|e| sqlx::Error::ColumnDecode {
            index: column.to_owned(),
            source: Box::new(e),
        })
    })
    .transpose()
}

pub(crate) fn from_row(row: &AnyRow) -> Result<Client, sqlx::Error> {
    Ok(Client {
        id: row.try_get("id")?,
        fields: ClientFields {
            name: row.try_get("name")?,
            email: row.try_get("email")?,
            phone: row.try_get("phone")?,
            date_of_birth: date(row, "date_of_birth")?,
            notes: row.try_get("notes")?,
            health_consent_on: date(row, "health_consent_on")?,
            practitioner_id: row.try_get("practitioner_id")?,
            sun_exposure: sun_exposure(row, "sun_exposure")?,
        },
        created_at: instant(row, "created_at")?,
        updated_at: instant(row, "updated_at")?,
    })
}

impl Store {
    /// Adds a client.
    ///
    /// # Errors
    /// [`StoreError::MissingReference`] (`practitioner_id`) for an unknown practitioner.
    pub async fn create_client(
        &self,
        fields: &ClientFields,
        at: Timestamp,
    ) -> Result<Client, StoreError> {
        let sql = format!(
            "INSERT INTO clients (name, email, phone, date_of_birth, notes, health_consent_on, \
             practitioner_id, sun_exposure, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING {COLUMNS}"
        );
        let row = bind_fields(sqlx::query(&sql), fields)
            .bind(at.as_second())
            .fetch_one(self.pool())
            .await
            .map_err(|e| StoreError::from_write(e, "id", "practitioner_id"))?;
        Ok(from_row(&row)?)
    }

    /// Replaces a client's details. Their messages waiting to go follow a new address in
    /// the same transaction, and are withdrawn when the address is cleared; the rest of
    /// their wording is [`Store::refresh_messages`]'s.
    ///
    /// # Errors
    /// [`StoreError::NotFound`]; [`StoreError::MissingReference`] (`practitioner_id`).
    pub async fn update_client(
        &self,
        id: i64,
        fields: &ClientFields,
        at: Timestamp,
    ) -> Result<Client, StoreError> {
        let mut tx = self.begin_write().await?;
        let client = write_fields(&mut tx.tx, id, fields, at).await?;
        let email = fields.email.trim();
        if email.is_empty() {
            sqlx::query(
                "UPDATE outbox SET status = 'cancelled' WHERE client_id = $1 AND status = 'pending'",
            )
            .bind(id)
            .execute(&mut *tx.tx)
            .await?;
        } else {
            sqlx::query(
                "UPDATE outbox SET to_address = $2 WHERE client_id = $1 AND status = 'pending'",
            )
            .bind(id)
            .bind(email)
            .execute(&mut *tx.tx)
            .await?;
        }
        tx.commit().await?;
        Ok(client)
    }

    /// The client with this id.
    ///
    /// # Errors
    /// [`StoreError::NotFound`].
    pub async fn client(&self, id: i64) -> Result<Client, StoreError> {
        let mut connection = self.pool().acquire().await?;
        read_client(&mut connection, id).await
    }

    /// Clients whose name, email or phone contains `text` (any case), by name; at most
    /// `limit`. An empty `text` lists everyone.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn search_clients(&self, text: &str, limit: i64) -> Result<Vec<Client>, StoreError> {
        let pattern = format!("%{}%", escape_like(&text.trim().to_lowercase()));
        let sql = format!(
            "SELECT {COLUMNS} FROM clients WHERE lower(name) LIKE $1 ESCAPE '\\' \
             OR lower(email) LIKE $1 ESCAPE '\\' OR phone LIKE $1 ESCAPE '\\' \
             ORDER BY name, id LIMIT $2"
        );
        let rows = sqlx::query(&sql)
            .bind(pattern)
            .bind(limit)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }
}

/// `text` with LIKE's wildcards and the escape character escaped.
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `query` with a client's fields bound as `$1..$8`: name, email, phone, date of birth,
/// notes, consent day, practitioner, sun exposure.
fn bind_fields<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    fields: &'q ClientFields,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    query
        .bind(fields.name.as_str())
        .bind(fields.email.as_str())
        .bind(fields.phone.as_str())
        .bind(fields.date_of_birth.map(|d| d.to_string()))
        .bind(fields.notes.as_str())
        .bind(fields.health_consent_on.map(|d| d.to_string()))
        .bind(fields.practitioner_id)
        .bind(fields.sun_exposure.map(SunExposure::as_str))
}

/// The client with this id, read on `connection` (inside a transaction, say).
///
/// # Errors
/// [`StoreError::NotFound`].
pub(crate) async fn read_client(
    connection: &mut sqlx::AnyConnection,
    id: i64,
) -> Result<Client, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM clients WHERE id = $1");
    let row = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?
        .ok_or(StoreError::NotFound { what: "client", id })?;
    Ok(from_row(&row)?)
}

/// Replaces client `id`'s details inside a transaction; returns the client as saved.
///
/// # Errors
/// [`StoreError::NotFound`]; [`StoreError::MissingReference`] (`practitioner_id`).
pub(crate) async fn write_fields(
    connection: &mut sqlx::AnyConnection,
    id: i64,
    fields: &ClientFields,
    at: Timestamp,
) -> Result<Client, StoreError> {
    let sql = format!(
        "UPDATE clients SET name = $1, email = $2, phone = $3, date_of_birth = $4, \
         notes = $5, health_consent_on = $6, practitioner_id = $7, sun_exposure = $8, \
         updated_at = $9 WHERE id = $10 RETURNING {COLUMNS}"
    );
    let row = bind_fields(sqlx::query(&sql), fields)
        .bind(at.as_second())
        .bind(id)
        .fetch_optional(&mut *connection)
        .await
        .map_err(|e| StoreError::from_write(e, "id", "practitioner_id"))?
        .ok_or(StoreError::NotFound { what: "client", id })?;
    Ok(from_row(&row)?)
}
