//! `smp serve --demo`: a demo clinic to look around in — an owner, two practitioners, a
//! front desk, a dozen clients at every stage of a course, and their appointments around
//! today. Seeding twice changes nothing.

use jiff::civil::{Date, Time};
use jiff::{Timestamp, ToSpan};
use smp_store::{
    ClientFields, ClinicSettings, HoursRow, NewAppointment, NewStaff, Role, Store, StoreError,
};

use crate::auth::password::{hash_password, PasswordError};

/// The demo's password, the same for every demo account (it is a demo).
pub const DEMO_PASSWORD: &str = "smp-demo-password";
/// The demo owner's login.
pub const DEMO_OWNER: &str = "owner@demo.smp.test";

/// Why the demo could not be seeded.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The store failed.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// Hashing failed.
    #[error("{0}")]
    Password(#[from] PasswordError),
    /// A date arithmetic overflow (only far outside any real calendar).
    #[error("date out of range: {0}")]
    Date(#[from] jiff::Error),
}

/// The demo's logins, to print: (email, role).
pub fn logins() -> Vec<(&'static str, &'static str)> {
    vec![
        (DEMO_OWNER, "owner"),
        ("alex@demo.smp.test", "practitioner"),
        ("sam@demo.smp.test", "practitioner"),
        ("robin@demo.smp.test", "front desk"),
    ]
}

/// The clients: name, and (days from today, hour, service, session number) of each
/// appointment, which puts each client at one stage of a course.
type Visit = (i64, i8, &'static str, Option<i64>);
const CLIENTS: &[(&str, &[Visit])] = &[
    ("Daniel Okafor", &[(1, 10, "consultation", None)]),
    ("Priya Raman", &[(2, 14, "consultation_video", None)]),
    (
        "Marcus Webb",
        &[(-6, 10, "consultation", None), (3, 9, "session", Some(1))],
    ),
    (
        "Tomás García",
        &[
            (-20, 11, "consultation", None),
            (-12, 9, "session", Some(1)),
            (4, 9, "session", Some(2)),
        ],
    ),
    (
        "Liam O'Connor",
        &[
            (-40, 15, "consultation", None),
            (-30, 9, "session", Some(1)),
            (-16, 9, "session", Some(2)),
            (1, 13, "session", Some(3)),
        ],
    ),
    (
        "Aisha Bello",
        &[
            (-90, 10, "consultation", None),
            (-80, 9, "session", Some(1)),
            (-66, 9, "session", Some(2)),
            (-52, 9, "session", Some(3)),
        ],
    ),
    (
        "Chen Wei",
        &[(-1600, 10, "session", Some(3)), (5, 9, "touch_up", None)],
    ),
    ("Jonas Berg", &[(-2100, 9, "session", Some(3))]),
    ("Fatima Zahra", &[(-3, 16, "consultation", None)]),
    ("George Miles", &[(8, 9, "session", Some(1))]),
    ("Rhys Evans", &[(-10, 10, "consultation_video", None)]),
    ("Noah Fischer", &[(9, 11, "consultation", None)]),
];

/// Seeds the demo clinic unless it is there already. Returns whether it seeded.
///
/// # Errors
/// [`DemoError`].
pub async fn seed(store: &Store, now: Timestamp) -> Result<bool, DemoError> {
    if store.staff_by_email(DEMO_OWNER).await?.is_some() {
        return Ok(false);
    }
    let zone_name = "Europe/London";
    store
        .set_clinic(&ClinicSettings {
            name: "Demo SMP Clinic".to_owned(),
            time_zone: zone_name.to_owned(),
            currency: "GBP".to_owned(),
        })
        .await?;
    let hash = hash_password(DEMO_PASSWORD)?;
    let names = ["Olivia Owner", "Alex Stone", "Sam Patel", "Robin Hart"];
    let roles = [
        Role::Owner,
        Role::Practitioner,
        Role::Practitioner,
        Role::FrontDesk,
    ];
    let mut practitioners = Vec::new();
    for (((email, _), name), role) in logins().into_iter().zip(names).zip(roles) {
        let new = NewStaff {
            email,
            name,
            role,
            password_hash: &hash,
        };
        let staff = store.create_staff(&new, now).await?;
        if role == Role::Practitioner {
            let p = store
                .create_practitioner(name, email, Some(staff.id), now)
                .await?;
            // Monday to Saturday, 09:00 to 18:00.
            let hours: Vec<HoursRow> = (1..=6)
                .map(|weekday| HoursRow {
                    weekday,
                    start_minute: 9 * 60,
                    end_minute: 18 * 60,
                })
                .collect();
            store.set_working_hours(p.id, &hours).await?;
            practitioners.push(p.id);
        }
    }
    let zone = jiff::tz::TimeZone::get(zone_name)?;
    let today = now.to_zoned(zone.clone()).date();
    let services = store.services().await?;
    for (index, (name, visits)) in CLIENTS.iter().enumerate() {
        let practitioner = practitioners[index % practitioners.len()];
        let email = format!(
            "{}@example.test",
            name.to_lowercase()
                .replace(|c: char| !c.is_ascii_alphanumeric(), ".")
        );
        let client = store
            .create_client(
                &ClientFields {
                    name: (*name).to_owned(),
                    email,
                    phone: format!("+44 7700 900{:03}", 100 + index),
                    date_of_birth: Some(Date::new(
                        1970 + (index as i16 * 3) % 30,
                        1 + (index as i8 % 12),
                        10,
                    )?),
                    notes: String::new(),
                    health_consent_on: Some(today.checked_sub(30.days())?),
                    practitioner_id: Some(practitioner),
                },
                now,
            )
            .await?;
        for &(days, hour, code, session) in *visits {
            let Some(service) = services.iter().find(|s| s.code == code) else {
                continue;
            };
            let day = today.checked_add(days.days())?;
            let starts_at = day
                .to_datetime(Time::new(hour, 0, 0, 0)?)
                .to_zoned(zone.clone())?
                .timestamp();
            let new = NewAppointment {
                practitioner_id: practitioner,
                client_id: Some(client.id),
                service: code.to_owned(),
                course_id: None,
                session_number: session,
                slot: service.slot_at(starts_at),
                note: String::new(),
            };
            match store.book(&new, now).await {
                Ok(_) | Err(StoreError::SlotTaken) => {}
                Err(other) => return Err(other.into()),
            }
        }
    }
    Ok(true)
}
