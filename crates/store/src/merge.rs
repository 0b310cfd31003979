//! Two records of one person: finding them, and merging one into the other.
//!
//! A client who books online again gets a new record, because the public booking page must
//! never tell a stranger whether an address is known, nor add answers to someone else's
//! record. Staff see records that look like the same person (the same email, or the same
//! name and date of birth) and an owner merges them: everything held under the newer record
//! moves to the one kept, in one transaction, and the newer record goes.

use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::audit::{write_entry, AuditEntry};
use crate::clients::{from_row, read_client, write_fields, Client, ClientFields, COLUMNS};
use crate::db::Store;
use crate::error::StoreError;
use crate::holdings::{count, ClientHoldings};

/// The tables whose rows move with a merge, by their `client_id`. Design versions are moved
/// on their own: they are numbered per client.
const MOVED_TABLES: [&str; 10] = [
    "screenings",
    "appointments",
    "courses",
    "session_records",
    "payments",
    "photos",
    "outbox",
    "calendar_feeds",
    "portal_links",
    "portal_sessions",
];

/// Whether client `other` shares a non-empty email with client `this`, in any case.
const SAME_EMAIL: &str =
    "TRIM(this.email) <> '' AND LOWER(TRIM(other.email)) = LOWER(TRIM(this.email))";

/// Whether client `other` shares client `this`'s name (in any case) and date of birth.
const SAME_NAME_AND_BIRTH: &str = "this.date_of_birth IS NOT NULL \
     AND other.date_of_birth = this.date_of_birth \
     AND LOWER(TRIM(other.name)) = LOWER(TRIM(this.name))";

/// Every client whose email, or name and date of birth, another client shares: the same
/// tests as [`SAME_EMAIL`] and [`SAME_NAME_AND_BIRTH`], read for all clients at once by
/// grouping.
const SHARED_KEYS: &str = "SELECT id FROM clients WHERE TRIM(email) <> '' \
     AND LOWER(TRIM(email)) IN (SELECT LOWER(TRIM(email)) FROM clients \
         WHERE TRIM(email) <> '' GROUP BY LOWER(TRIM(email)) HAVING COUNT(*) > 1) \
     UNION SELECT id FROM clients WHERE date_of_birth IS NOT NULL \
     AND LOWER(TRIM(name)) || '|' || date_of_birth IN (SELECT LOWER(TRIM(name)) || '|' || \
         date_of_birth FROM clients WHERE date_of_birth IS NOT NULL \
         GROUP BY LOWER(TRIM(name)) || '|' || date_of_birth HAVING COUNT(*) > 1) \
     ORDER BY id";

/// What two records that look like one person share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharedKey {
    /// The same email, in any case.
    Email,
    /// The same name, in any case, and the same date of birth.
    NameAndDateOfBirth,
}

/// A record that looks like the same person as another, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct PossibleDuplicate {
    /// The other record.
    pub client: Client,
    /// What it shares with the record asked about.
    pub shared: SharedKey,
}

impl Store {
    /// The other records that look like the same person as this client, oldest first,
    /// each with what it shares with this one (the email when both match).
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn possible_duplicates(
        &self,
        client_id: i64,
    ) -> Result<Vec<PossibleDuplicate>, StoreError> {
        // One pass over the pairs (this, other): which match, and whether by the email.
        let sql = format!(
            "SELECT {COLUMNS}, matched.same_email FROM clients JOIN \
             (SELECT other.id AS lookalike, CASE WHEN {SAME_EMAIL} THEN 1 ELSE 0 END AS same_email \
              FROM clients other, clients this WHERE this.id = $1 AND other.id <> this.id \
              AND (({SAME_EMAIL}) OR ({SAME_NAME_AND_BIRTH}))) matched \
             ON matched.lookalike = clients.id ORDER BY clients.id"
        );
        let rows = sqlx::query(&sql)
            .bind(client_id)
            .fetch_all(self.pool())
            .await?;
        let lookalike = |row: &AnyRow| -> Result<PossibleDuplicate, sqlx::Error> {
            let same_email: i32 = row.try_get("same_email")?;
            Ok(PossibleDuplicate {
                client: from_row(row)?,
                shared: if same_email == 1 {
                    SharedKey::Email
                } else {
                    SharedKey::NameAndDateOfBirth
                },
            })
        };
        Ok(rows.iter().map(lookalike).collect::<Result<_, _>>()?)
    }

    /// What merging client `from` into another would move now.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown client.
    pub async fn merge_preview(&self, from: i64) -> Result<ClientHoldings, StoreError> {
        let mut connection = self.pool().acquire().await?;
        movable(&mut connection, from).await
    }

    /// Every client who has a possible duplicate, by id: the list of clients marks them.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn clients_with_possible_duplicates(&self) -> Result<Vec<i64>, StoreError> {
        Ok(sqlx::query_scalar(SHARED_KEYS)
            .fetch_all(self.pool())
            .await?)
    }

    /// Merges client `from` into client `into`: `from`'s screenings, appointments, courses,
    /// session records, payments, photos, design versions (numbered on after `into`'s),
    /// messages, calendar feeds and portal access become `into`'s; `into`'s blank details
    /// are filled from `from`'s (and the later consent date kept); `from` is deleted. One
    /// audit entry from `by` on `into` counts what moved, without names or health data.
    /// Returns what moved. `from` and `into` must differ (the caller checks).
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown client.
    pub async fn merge_clients(
        &self,
        from: i64,
        into: i64,
        by: &AuditEntry,
        at: Timestamp,
    ) -> Result<ClientHoldings, StoreError> {
        let mut tx = self.begin_write().await?;
        let kept = read_client(&mut tx.tx, into).await?;
        let gone = read_client(&mut tx.tx, from).await?;
        let moved = movable(&mut tx.tx, from).await?;
        let last_version: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(version), 0) FROM design_versions WHERE client_id = $1",
        )
        .bind(into)
        .fetch_one(&mut *tx.tx)
        .await?;
        sqlx::query(
            "UPDATE design_versions SET client_id = $2, version = version + $3 \
             WHERE client_id = $1",
        )
        .bind(from)
        .bind(into)
        .bind(last_version)
        .execute(&mut *tx.tx)
        .await?;
        for table in MOVED_TABLES {
            sqlx::query(&format!(
                "UPDATE {table} SET client_id = $2 WHERE client_id = $1"
            ))
            .bind(from)
            .bind(into)
            .execute(&mut *tx.tx)
            .await?;
        }
        write_fields(
            &mut tx.tx,
            into,
            &merged_fields(&kept.fields, &gone.fields),
            at,
        )
        .await?;
        sqlx::query(
            "UPDATE clients SET erasure_requested_at = COALESCE(erasure_requested_at, \
             (SELECT erasure_requested_at FROM clients WHERE id = $1)) WHERE id = $2",
        )
        .bind(from)
        .bind(into)
        .execute(&mut *tx.tx)
        .await?;
        sqlx::query("DELETE FROM clients WHERE id = $1")
            .bind(from)
            .execute(&mut *tx.tx)
            .await?;
        let entry = AuditEntry {
            action: "merge".to_owned(),
            subject: "client".to_owned(),
            subject_id: Some(into),
            detail: format!(
                "merged client {from} into this one: moved {}",
                moved.describe()
            ),
            ..by.clone()
        };
        write_entry(&mut tx.tx, &entry, at).await?;
        tx.commit().await?;
        Ok(moved)
    }
}

/// What a merge moves of client `from`: all it holds but the booking page's requests, which
/// are the address's, not the record's.
async fn movable(
    connection: &mut sqlx::AnyConnection,
    from: i64,
) -> Result<ClientHoldings, StoreError> {
    Ok(ClientHoldings {
        online_requests: 0,
        ..count(connection, from).await?
    })
}

/// The kept record's details with its blanks filled from the merged one's: the kept name,
/// the later consent, and the merged notes added when they say something new.
fn merged_fields(kept: &ClientFields, gone: &ClientFields) -> ClientFields {
    let or_gone = |mine: &str, theirs: &str| {
        if mine.trim().is_empty() {
            theirs.to_owned()
        } else {
            mine.to_owned()
        }
    };
    let notes = if gone.notes.trim().is_empty() || kept.notes.contains(gone.notes.trim()) {
        kept.notes.clone()
    } else if kept.notes.trim().is_empty() {
        gone.notes.clone()
    } else {
        format!("{}\n{}", kept.notes, gone.notes)
    };
    ClientFields {
        name: kept.name.clone(),
        email: or_gone(&kept.email, &gone.email),
        phone: or_gone(&kept.phone, &gone.phone),
        date_of_birth: kept.date_of_birth.or(gone.date_of_birth),
        notes,
        health_consent_on: kept.health_consent_on.max(gone.health_consent_on),
        practitioner_id: kept.practitioner_id.or(gone.practitioner_id),
        sun_exposure: kept.sun_exposure.or(gone.sun_exposure),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_kept_details_win_and_only_blanks_are_filled() {
        let kept = ClientFields {
            name: "Sam Okafor".to_owned(),
            email: "sam@example.org".to_owned(),
            notes: "Prefers mornings.".to_owned(),
            health_consent_on: Some(date(2026, 3, 1)),
            ..ClientFields::default()
        };
        let gone = ClientFields {
            name: "Samuel Okafor".to_owned(),
            email: "SAM@example.org".to_owned(),
            phone: "07700 900123".to_owned(),
            date_of_birth: Some(date(1985, 6, 2)),
            notes: "Booked online.".to_owned(),
            health_consent_on: Some(date(2026, 11, 20)),
            ..ClientFields::default()
        };
        let merged = merged_fields(&kept, &gone);
        assert_eq!(merged.name, "Sam Okafor");
        assert_eq!(merged.email, "sam@example.org");
        assert_eq!(merged.phone, "07700 900123");
        assert_eq!(merged.date_of_birth, Some(date(1985, 6, 2)));
        assert_eq!(merged.notes, "Prefers mornings.\nBooked online.");
        assert_eq!(merged.health_consent_on, Some(date(2026, 11, 20)));
        // The same notes twice are kept once.
        let again = merged_fields(&merged, &gone);
        assert_eq!(again.notes, "Prefers mornings.\nBooked online.");
    }
}
