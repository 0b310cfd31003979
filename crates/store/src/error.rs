//! What can go wrong in the store, as one typed error.

/// A store operation that failed.
///
/// The variants a caller acts on (a missing record, a taken slot, a duplicate) come out of
/// the database's own constraints and are told apart here, so that no caller reads SQL
/// error text.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL names no database smp can use.
    #[error("the database URL must start with sqlite: or postgres:, not {0:?}")]
    UnsupportedUrl(String),
    /// The directory for an SQLite file could not be made.
    #[error("could not create the data directory {path}: {source}")]
    DataDirectory {
        /// The directory.
        path: String,
        /// Why not.
        source: std::io::Error,
    },
    /// A record that was asked for does not exist.
    #[error("{what} {id} does not exist")]
    NotFound {
        /// What kind of record ("client", "appointment", …).
        what: &'static str,
        /// Its id.
        id: i64,
    },
    /// A record named by a code (a service) does not exist.
    #[error("{what} {code:?} does not exist")]
    NotFoundCode {
        /// What kind of record.
        what: &'static str,
        /// The code asked for.
        code: String,
    },
    /// The last active owner cannot be switched off: nobody could manage the clinic.
    #[error("the last active owner cannot be switched off")]
    LastOwner,
    /// The practitioner already has an appointment overlapping this time (including the
    /// buffers around it): refused by the database's no-overlap constraint.
    #[error("the practitioner already has an appointment overlapping that time")]
    SlotTaken,
    /// One session of a course could not be booked: the practitioner already has an
    /// appointment overlapping it. Nothing of the course was kept.
    #[error("session {session} overlaps another appointment of the practitioner")]
    SessionSlotTaken {
        /// The session's number (1-based).
        session: i64,
    },
    /// A value that must be unique is already in use.
    #[error("{field} is already in use")]
    Duplicate {
        /// The field whose value is taken.
        field: &'static str,
    },
    /// A reference to a record that does not exist.
    #[error("{field} refers to a record that does not exist")]
    MissingReference {
        /// The field holding the reference.
        field: &'static str,
    },
    /// An append-only table refused a change.
    #[error("the audit log is append-only")]
    AppendOnly,
    /// A migration could not be applied; nothing of it was kept.
    #[error("migration {version} ({name}) failed: {source}")]
    Migration {
        /// The migration's number.
        version: i64,
        /// Its name.
        name: &'static str,
        /// The database's error.
        source: sqlx::Error,
    },
    /// The database is newer than this program: it has migrations this build does not know.
    #[error("the database has migration {found}, newer than this program's latest ({known})")]
    NewerSchema {
        /// The newest migration in the database.
        found: i64,
        /// The newest this program knows.
        known: i64,
    },
    /// Any other database failure (connection lost, disk full, …).
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// The message the SQLite no-overlap trigger raises.
pub(crate) const OVERLAP_MESSAGE: &str = "appointment_overlap";
/// The message the append-only triggers raise (SQLite and PostgreSQL).
pub(crate) const APPEND_ONLY_MESSAGE: &str = "append_only";

/// How many times a write that lost a deadlock or a serialisation race is tried in all.
pub(crate) const WRITE_ATTEMPTS: usize = 5;

impl StoreError {
    /// Whether the write lost a race the database resolved by aborting it (PostgreSQL's
    /// deadlock detection between two exclusion-constraint checks, or a serialisation
    /// failure): trying again gives the real answer, a booking or `SlotTaken`.
    pub(crate) fn is_transient(&self) -> bool {
        let code = match self {
            StoreError::Database(e) => e.as_database_error().and_then(|d| d.code()),
            _ => None,
        };
        matches!(code.as_deref(), Some("40P01" | "40001"))
    }

    /// Classifies a database error from a write: the no-overlap constraint, a unique value
    /// (`unique_field` names it), a missing reference (`reference_field`), or anything else.
    pub(crate) fn from_write(
        error: sqlx::Error,
        unique_field: &'static str,
        reference_field: &'static str,
    ) -> StoreError {
        let Some(db) = error.as_database_error() else {
            return StoreError::Database(error);
        };
        let message = db.message();
        // PostgreSQL: 23P01 exclusion_violation; SQLite: the trigger's message.
        if db.code().as_deref() == Some("23P01") || message.contains(OVERLAP_MESSAGE) {
            return StoreError::SlotTaken;
        }
        if message.contains(APPEND_ONLY_MESSAGE) {
            return StoreError::AppendOnly;
        }
        match db.kind() {
            sqlx::error::ErrorKind::UniqueViolation => StoreError::Duplicate {
                field: unique_field,
            },
            sqlx::error::ErrorKind::ForeignKeyViolation => StoreError::MissingReference {
                field: reference_field,
            },
            _ => StoreError::Database(error),
        }
    }
}
