//! `smp serve --demo`: a demo clinic to look around in — an owner, two practitioners, a
//! front desk, a dozen clients at every stage of a course (courses planned by the rules,
//! sessions booked, payments for the sessions done), and their appointments around today. Seeding twice changes nothing.

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use smp_store::{
    ClientFields, ClinicSettings, HoursRow, NewAppointment, NewPayment, NewStaff, NoReminders,
    Role, Service, Store, StoreError, SunExposure,
};
use smp_treatment::{Area, CourseRequest, Currency, Policy};

use crate::auth::password::{hash_password, PasswordError};
use crate::course_plan::{build_course, CourseFor};

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
    /// A demo course could not be planned.
    #[error("demo course: {0}")]
    Plan(String),
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

/// A visit that is not a course session: (days from today, hour, service).
type Visit = (i64, i8, &'static str);
/// A course: (area, hairline style, days from today of the first day session 1 may be).
type DemoCourse = (&'static str, &'static str, i64);
/// The clients: name, visits, and a course planned by the rules, which together put each
/// client at one stage: booked for a consultation, between sessions, finished, due for a
/// touch-up.
const CLIENTS: &[(&str, &[Visit], Option<DemoCourse>)] = &[
    ("Daniel Okafor", &[(1, 10, "consultation")], None),
    ("Priya Raman", &[(2, 15, "consultation_video")], None),
    (
        "Marcus Webb",
        &[(-6, 10, "consultation")],
        Some(("norwood-4", "modern", 3)),
    ),
    (
        "Tomás García",
        &[(-20, 11, "consultation")],
        Some(("norwood-5", "soft", -12)),
    ),
    (
        "Liam O'Connor",
        &[(-40, 15, "consultation")],
        Some(("norwood-6", "conservative", -30)),
    ),
    (
        "Aisha Bello",
        &[(-90, 10, "consultation")],
        Some(("ludwig-2", "soft", -80)),
    ),
    (
        "Chen Wei",
        &[(5, 9, "touch_up")],
        Some(("norwood-5", "modern", -1650)),
    ),
    ("Jonas Berg", &[], Some(("norwood-7", "edge-up", -2150))),
    ("Fatima Zahra", &[(-3, 16, "consultation")], None),
    ("George Miles", &[], Some(("norwood-3", "widows-peak", 8))),
    ("Rhys Evans", &[(-10, 10, "consultation_video")], None),
    ("Noah Fischer", &[(9, 11, "consultation")], None),
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
    let mut owner = 0;
    for (((email, _), name), role) in logins().into_iter().zip(names).zip(roles) {
        let new = NewStaff {
            email,
            name,
            role,
            password_hash: &hash,
        };
        let staff = store.create_staff(&new, now).await?;
        if role == Role::Owner {
            owner = staff.id;
        }
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
    let mut policy = Policy::default();
    policy.price_currency = Currency::parse("GBP").map_err(|e| DemoError::Plan(e.to_string()))?;
    for (index, (name, visits, course)) in CLIENTS.iter().enumerate() {
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
                    sun_exposure: SunExposure::ALL.get(index % 4).copied(),
                },
                now,
            )
            .await?;
        for &(days, hour, code) in *visits {
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
                session_number: None,
                slot: service.slot_at(starts_at),
                note: String::new(),
            };
            store.book(&new, now, &NoReminders).await?;
        }
        if let Some(course) = course {
            let context = Context {
                store,
                zone: &zone,
                today,
                now,
                owner,
                policy: &policy,
                services: &services,
            };
            seed_course(&context, client.id, practitioner, *course).await?;
        }
    }
    Ok(true)
}

/// What every course of the demo is planned with.
struct Context<'a> {
    store: &'a Store,
    zone: &'a TimeZone,
    today: Date,
    now: Timestamp,
    owner: i64,
    policy: &'a Policy,
    services: &'a [Service],
}

/// Plans a course by the rules from its first day, books its sessions, and records a
/// payment for every session already done.
async fn seed_course(
    context: &Context<'_>,
    client_id: i64,
    practitioner_id: i64,
    (area, hairline, first_day): DemoCourse,
) -> Result<(), DemoError> {
    let area = Area::parse(area).ok_or(DemoError::Plan(format!("unknown area {area}")))?;
    let Some(service) = context.services.iter().find(|s| s.code == "session") else {
        return Err(DemoError::Plan("no session service".to_owned()));
    };
    let request = CourseRequest {
        area,
        start: context.today.checked_add(first_day.days())?,
        sessions: None,
        events: Vec::new(),
    };
    let who = CourseFor {
        client_id,
        practitioner_id,
        hairline,
        events_json: "[]",
        time: Time::new(9, 0, 0, 0)?,
        service,
    };
    let (course, sessions) = build_course(context.policy, context.zone, &request, &who)
        .map_err(|e| DemoError::Plan(e.to_string()))?;
    let (stored, booked) = context
        .store
        .create_course(&course, &sessions, context.now, &NoReminders)
        .await?;
    let share = stored.course.quote_total_minor / stored.course.sessions.max(1);
    for (i, session) in booked.iter().enumerate() {
        let day = session
            .booked
            .slot
            .starts_at
            .to_zoned(context.zone.clone())
            .date();
        if day >= context.today {
            continue;
        }
        let payment = NewPayment {
            client_id,
            course_id: Some(stored.id),
            kind: "session".to_owned(),
            method: if i % 2 == 0 { "card" } else { "cash" }.to_owned(),
            amount_minor: share,
            currency: stored.course.currency.clone(),
            paid_on: day,
            note: String::new(),
            staff_id: Some(context.owner),
        };
        context.store.record_payment(&payment, context.now).await?;
    }
    Ok(())
}
