//! What the clinic holds about one client, counted table by table: shown to the owner
//! before an erasure or a merge, and written (as numbers only) in their audit entries.

use crate::error::StoreError;

/// What the clinic holds about a client, counted: what an erasure removes, or what a merge
/// moves to the record kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClientHoldings {
    /// Appointments (consultations and sessions).
    pub appointments: i64,
    /// Screenings with their answers.
    pub screenings: i64,
    /// Courses with their plans.
    pub courses: i64,
    /// Session records.
    pub records: i64,
    /// Payments.
    pub payments: i64,
    /// Photos.
    pub photos: i64,
    /// Designs drawn on the photos and shown to the client.
    pub design_versions: i64,
    /// Messages sent or waiting to be sent.
    pub messages: i64,
    /// Requests from the public booking page made with the client's address.
    pub online_requests: i64,
}

impl ClientHoldings {
    /// The counts that are not zero, in words ("2 appointments, 1 screening"), for the audit
    /// entry and the owner's confirmation; "nothing" when all are zero.
    pub fn describe(&self) -> String {
        let parts = [
            (self.appointments, "appointment", "appointments"),
            (self.screenings, "screening", "screenings"),
            (self.courses, "course", "courses"),
            (self.records, "session record", "session records"),
            (self.payments, "payment", "payments"),
            (self.photos, "photo", "photos"),
            (self.design_versions, "design version", "design versions"),
            (self.messages, "message", "messages"),
            (self.online_requests, "online request", "online requests"),
        ];
        let said: Vec<String> = parts
            .iter()
            .filter(|(n, _, _)| *n != 0)
            .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
            .collect();
        if said.is_empty() {
            "nothing".to_owned()
        } else {
            said.join(", ")
        }
    }
}

/// The booking page's requests made with a client's address (`$1` is the client): those
/// without an appointment and those of the client's own appointments.
pub(crate) const ONLINE_REQUESTS_OF_CLIENT: &str = "FROM online_requests \
     WHERE email = (SELECT LOWER(TRIM(email)) FROM clients WHERE id = $1) \
     AND (appointment_id IS NULL \
          OR appointment_id IN (SELECT id FROM appointments WHERE client_id = $1))";

/// How each count but the online requests' is read, in the order of [`ClientHoldings`]'s fields.
const COUNTS: [&str; 8] = [
    "SELECT COUNT(*) FROM appointments WHERE client_id = $1",
    "SELECT COUNT(*) FROM screenings WHERE client_id = $1",
    "SELECT COUNT(*) FROM courses WHERE client_id = $1",
    "SELECT COUNT(*) FROM session_records WHERE client_id = $1",
    "SELECT COUNT(*) FROM payments WHERE client_id = $1",
    "SELECT COUNT(*) FROM photos WHERE client_id = $1",
    "SELECT COUNT(*) FROM design_versions WHERE client_id = $1",
    "SELECT COUNT(*) FROM outbox WHERE client_id = $1",
];

/// Counts a client's rows, failing for an unknown client.
pub(crate) async fn count(
    connection: &mut sqlx::AnyConnection,
    client_id: i64,
) -> Result<ClientHoldings, StoreError> {
    let known: Option<i64> = sqlx::query_scalar("SELECT id FROM clients WHERE id = $1")
        .bind(client_id)
        .fetch_optional(&mut *connection)
        .await?;
    if known.is_none() {
        return Err(StoreError::NotFound {
            what: "client",
            id: client_id,
        });
    }
    let mut numbers = [0i64; COUNTS.len()];
    for (sql, number) in COUNTS.iter().zip(numbers.iter_mut()) {
        *number = sqlx::query_scalar(sql)
            .bind(client_id)
            .fetch_one(&mut *connection)
            .await?;
    }
    let online_requests =
        sqlx::query_scalar(&format!("SELECT COUNT(*) {ONLINE_REQUESTS_OF_CLIENT}"))
            .bind(client_id)
            .fetch_one(&mut *connection)
            .await?;
    let [appointments, screenings, courses, records, payments, photos, design_versions, messages] =
        numbers;
    Ok(ClientHoldings {
        appointments,
        screenings,
        courses,
        records,
        payments,
        photos,
        design_versions,
        messages,
        online_requests,
    })
}
