//! Staff accounts: who may log in, with which role.

use jiff::Timestamp;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::db::Store;
use crate::error::StoreError;
use crate::time::{instant, optional_instant};

/// What a member of staff may do; everything not granted is denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Everything, including policy, prices and staff.
    Owner,
    /// Their clients' health data, designs and session records.
    Practitioner,
    /// Bookings and payments; never screening answers or photos.
    FrontDesk,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 3] = [Role::Owner, Role::Practitioner, Role::FrontDesk];

    /// The role's name as stored and typed: `owner`, `practitioner`, `front_desk`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Practitioner => "practitioner",
            Role::FrontDesk => "front_desk",
        }
    }

    /// The role with this name, or `None`.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.name() == name)
    }
}

/// A staff account as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    /// Its id.
    pub id: i64,
    /// Login email, lower case.
    pub email: String,
    /// Display name.
    pub name: String,
    /// What the account may do.
    pub role: Role,
    /// The argon2id hash of the password (a PHC string).
    pub password_hash: String,
    /// When the account was made.
    pub created_at: Timestamp,
    /// When the account was switched off, if it was.
    pub deactivated_at: Option<Timestamp>,
}

/// A staff account to create.
#[derive(Debug, Clone)]
pub struct NewStaff<'a> {
    /// Login email (stored in lower case).
    pub email: &'a str,
    /// Display name.
    pub name: &'a str,
    /// What the account may do.
    pub role: Role,
    /// The argon2id hash of the password.
    pub password_hash: &'a str,
}

const COLUMNS: &str = "id, email, name, role, password_hash, created_at, deactivated_at";

/// Reads a staff row: id, email, name, role, password hash, created and deactivated times.
pub(crate) fn from_row(row: &AnyRow) -> Result<Staff, sqlx::Error> {
    let role: String = row.try_get("role")?;
    Ok(Staff {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        role: Role::parse(&role).ok_or_else(|| sqlx::Error::ColumnDecode {
            index: "role".into(),
            source: format!("unknown role {role:?}").into(),
        })?,
        password_hash: row.try_get("password_hash")?,
        created_at: instant(row, "created_at")?,
        deactivated_at: optional_instant(row, "deactivated_at")?,
    })
}

impl Store {
    /// Creates a staff account.
    ///
    /// # Errors
    /// [`StoreError::Duplicate`] (`email`) when the email is taken.
    pub async fn create_staff(
        &self,
        new: &NewStaff<'_>,
        at: Timestamp,
    ) -> Result<Staff, StoreError> {
        let sql = format!(
            "INSERT INTO staff (email, name, role, password_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(new.email.trim().to_lowercase())
            .bind(new.name)
            .bind(new.role.name())
            .bind(new.password_hash)
            .bind(at.as_second())
            .fetch_one(self.pool())
            .await
            .map_err(|e| StoreError::from_write(e, "email", "staff"))?;
        Ok(from_row(&row)?)
    }

    /// The account with this email (any case), if there is one.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn staff_by_email(&self, email: &str) -> Result<Option<Staff>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM staff WHERE email = $1");
        let row = sqlx::query(&sql)
            .bind(email.trim().to_lowercase())
            .fetch_optional(self.pool())
            .await?;
        Ok(row.as_ref().map(from_row).transpose()?)
    }

    /// The account with this id.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when there is none.
    pub async fn staff(&self, id: i64) -> Result<Staff, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM staff WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(StoreError::NotFound {
                what: "staff member",
                id,
            })?;
        Ok(from_row(&row)?)
    }

    /// Every account, owners first, then by name.
    ///
    /// # Errors
    /// [`StoreError::Database`].
    pub async fn all_staff(&self) -> Result<Vec<Staff>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM staff ORDER BY \
             CASE role WHEN 'owner' THEN 0 WHEN 'practitioner' THEN 1 ELSE 2 END, name, id"
        );
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        Ok(rows.iter().map(from_row).collect::<Result<_, _>>()?)
    }

    /// Switches an account off (`active = false`: its logins end at once, it cannot log in,
    /// its API tokens stop working) or on again (its tokens work again).
    ///
    /// # Errors
    /// [`StoreError::NotFound`] for an unknown account; [`StoreError::LastOwner`] when this
    /// would leave no active owner.
    pub async fn set_staff_active(
        &self,
        id: i64,
        active: bool,
        at: Timestamp,
    ) -> Result<Staff, StoreError> {
        let mut tx = self.begin_write().await?;
        if self.backend() == crate::db::Backend::Postgres {
            // Owners switched off at the same time take turns, so that one always stays.
            sqlx::query("SELECT id FROM staff WHERE role = 'owner' FOR UPDATE")
                .fetch_all(&mut *tx.tx)
                .await?;
        }
        let sql = format!("UPDATE staff SET deactivated_at = $1 WHERE id = $2 RETURNING {COLUMNS}");
        let row = sqlx::query(&sql)
            .bind((!active).then_some(at.as_second()))
            .bind(id)
            .fetch_optional(&mut *tx.tx)
            .await?
            .ok_or(StoreError::NotFound {
                what: "staff member",
                id,
            })?;
        let staff = from_row(&row)?;
        if !active {
            let owners: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM staff WHERE role = 'owner' AND deactivated_at IS NULL",
            )
            .fetch_one(&mut *tx.tx)
            .await?;
            if owners == 0 {
                return Err(StoreError::LastOwner);
            }
            sqlx::query("DELETE FROM login_sessions WHERE staff_id = $1")
                .bind(id)
                .execute(&mut *tx.tx)
                .await?;
        }
        tx.commit().await?;
        Ok(staff)
    }
}
