//! The staff pages in a real browser (headless Chromium through ChromeDriver): log in,
//! create a client, book a consultation on the calendar. Screenshots are saved in
//! `target/screenshots/`.

#[path = "../browser/webdriver.rs"]
pub(crate) mod webdriver;

use smp_server::auth::password::hash_password;
use smp_store::{Backend, NewStaff, Role};

use crate::support::{now, spawn_app};
use webdriver::Browser;

pub(crate) fn screenshot_path(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/screenshots")
        .join(name)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_front_desk_logs_in_adds_a_client_and_books_them_in_the_browser() {
    let app = spawn_app(Backend::Sqlite).await;
    let hash = hash_password("correct horse battery").expect("hashed");
    let staff = NewStaff {
        email: "robin@clinic.test",
        name: "Robin Hart",
        role: Role::FrontDesk,
        password_hash: &hash,
    };
    app.db
        .store
        .create_staff(&staff, now())
        .await
        .expect("staff");
    app.practitioner("Alex Stone").await;

    let browser = Browser::start().await;
    browser.open(&format!("{}/clients", app.base)).await;
    assert!(
        browser.url().await.ends_with("/login?next=/clients"),
        "sent to log in"
    );
    browser.type_into("#email", "robin@clinic.test").await;
    browser
        .type_into("#password", "correct horse battery")
        .await;
    browser.screenshot(&screenshot_path("01-login.png")).await;
    browser.click("button[type=submit]").await;
    browser.text_with("Robin Hart (front desk)").await;
    assert!(
        browser.url().await.ends_with("/clients"),
        "back where it was going"
    );

    browser.click("a[href='/clients/new']").await;
    browser.text_with("Consent to store health data").await;
    browser.type_into("#name", "Sam Carter").await;
    browser.type_into("#email", "sam@example.test").await;
    // The browser checks an email's form itself; a birth date in the future is the
    // server's to refuse, next to its field, keeping what was typed.
    browser
        .script("document.getElementById('date_of_birth').value = '2030-01-01'")
        .await;
    browser
        .click("form[action='/clients'] button[type=submit]")
        .await;
    browser.text_with("Is in the future").await;
    let kept = browser
        .script("return document.getElementById('email').value")
        .await;
    assert_eq!(kept, "sam@example.test");
    browser
        .screenshot(&screenshot_path("02-client-form-error.png"))
        .await;
    browser
        .script("document.getElementById('date_of_birth').value = '1984-02-29'")
        .await;
    browser
        .script("document.getElementById('health_consent_on').value = '2025-11-30'")
        .await;
    browser
        .click("form[action='/clients'] button[type=submit]")
        .await;
    let client_page = browser.text_with("given 2025-11-30").await;
    assert!(client_page.contains("Sam Carter"), "{client_page}");
    browser.screenshot(&screenshot_path("03-client.png")).await;

    browser
        .open(&format!("{}/calendar?week=2025-12-08", app.base))
        .await;
    browser
        .script("document.getElementById('date').value = '2025-12-09'")
        .await;
    browser
        .script("document.getElementById('time').value = '10:00'")
        .await;
    browser
        .click("form[action='/calendar/book'] button[type=submit]")
        .await;
    let calendar = browser.text_with("Booked.").await;
    assert!(
        calendar.contains("10:00–10:45") && calendar.contains("Sam Carter"),
        "{calendar}"
    );
    let png = browser
        .screenshot(&screenshot_path("04-calendar.png"))
        .await;
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");

    // The same time again is refused with the form kept.
    browser
        .script("document.getElementById('date').value = '2025-12-09'")
        .await;
    browser
        .script("document.getElementById('time').value = '10:30'")
        .await;
    browser
        .click("form[action='/calendar/book'] button[type=submit]")
        .await;
    browser
        .text_with("That time is already taken for this practitioner")
        .await;
    browser
        .screenshot(&screenshot_path("05-calendar-taken.png"))
        .await;
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_screens_plans_previews_moves_and_takes_payment_for_a_course_in_the_browser() {
    let app = spawn_app(Backend::Sqlite).await;
    app.db
        .store
        .set_clinic(&smp_store::ClinicSettings {
            name: "Northside SMP".to_owned(),
            time_zone: "Europe/London".to_owned(),
            currency: "GBP".to_owned(),
        })
        .await
        .expect("clinic");
    let hash = hash_password("correct horse battery").expect("hashed");
    let staff = NewStaff {
        email: "olive@clinic.test",
        name: "Olive Owner",
        role: Role::Owner,
        password_hash: &hash,
    };
    app.db
        .store
        .create_staff(&staff, now())
        .await
        .expect("staff");
    app.practitioner("Alex Stone").await;
    let client = app
        .post(
            "/api/v1/clients",
            serde_json::json!({ "name": "Marcus Webb", "health_consent_on": "2025-11-30" }),
        )
        .await
        .body["id"]
        .as_i64()
        .expect("a client");

    let browser = Browser::start().await;
    browser
        .log_in(
            &app.base,
            "olive@clinic.test",
            "correct horse battery",
            "Olive Owner (owner)",
        )
        .await;

    // Screen: minoxidil taken now, finasteride too.
    browser
        .open(&format!("{}/clients/{client}/screening", app.base))
        .await;
    browser
        .click("input[name='medication.minoxidil.ongoing']")
        .await;
    browser
        .click("input[name='medication.finasteride.ongoing']")
        .await;
    browser
        .screenshot(&screenshot_path("10-questionnaire.png"))
        .await;
    browser
        .click("form[action$='/screening'] button[type=submit]")
        .await;
    let screened = browser.text_with("Screened 2025-12-01").await;
    assert!(
        screened.contains("minoxidil.suspend"),
        "the finding names its rule:\n{screened}"
    );
    browser
        .screenshot(&screenshot_path("11-screened.png"))
        .await;

    // Plan a Norwood 5 course from 8 December at 10:00.
    browser
        .script("document.getElementById('course-area').value = 'norwood-5'")
        .await;
    browser
        .script("document.getElementById('course-start').value = '2025-12-08'")
        .await;
    browser
        .click("form[action$='/courses'] button[type=submit]")
        .await;
    let course = browser.text_with("Design preview").await;
    assert!(
        course.contains("Mon 8 Dec 2025, 10:00") && course.contains("Mon 22 Dec 2025, 10:00"),
        "{course}"
    );
    // The preview pictures load (rendered by the design engine).
    let mut loaded = serde_json::Value::Null;
    for _ in 0..100 {
        loaded = browser
            .script("return Array.from(document.images).map(i => i.complete && i.naturalWidth)")
            .await;
        if loaded
            .as_array()
            .is_some_and(|all| !all.is_empty() && all.iter().all(|w| w.as_i64() == Some(360)))
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        loaded.as_array().map(Vec::len),
        Some(5),
        "three sessions, five years on and a close-up: {loaded}"
    );
    assert!(
        loaded
            .as_array()
            .is_some_and(|all| all.iter().all(|w| w.as_i64() == Some(360))),
        "{loaded}"
    );
    browser.screenshot(&screenshot_path("12-course.png")).await;

    // Move session 2 to four days after session 1: the rule is named; then override it.
    browser
        .script("document.getElementById('move-date-2').value = '2025-12-12'")
        .await;
    browser.click("#move-date-2").await;
    browser
        .script("document.getElementById('move-date-2').form.submit()")
        .await;
    let refused = browser.text_with("breaks these course rules").await;
    assert!(refused.contains("gap.min_days"), "{refused}");
    browser
        .screenshot(&screenshot_path("13-move-refused.png"))
        .await;
    browser
        .type_into("#move-reason-2", "client travels on 20 December")
        .await;
    browser
        .script("document.getElementById('move-reason-2').form.submit()")
        .await;
    browser.text_with("Fri 12 Dec 2025, 10:00").await;

    // Take a payment towards the course and see the balance on the invoice.
    browser
        .open(&format!("{}/clients/{client}", app.base))
        .await;
    browser.type_into("#pay-amount", "450.00").await;
    browser
        .script("document.getElementById('pay-kind').value = 'session'")
        .await;
    browser
        .script("document.getElementById('pay-method').value = 'card'")
        .await;
    browser
        .script("const s = document.getElementById('pay-course'); s.value = s.options[1].value")
        .await;
    browser
        .click("form[action$='/payments'] button[type=submit]")
        .await;
    browser.text_with("GBP 450.00").await;
    browser.screenshot(&screenshot_path("14-payment.png")).await;
    let course_link = browser
        .script("return document.querySelector('#courses a').getAttribute('href')")
        .await;
    browser
        .open(&format!(
            "{}{}/invoice",
            app.base,
            course_link.as_str().unwrap_or_default()
        ))
        .await;
    let invoice = browser.text_with("Balance due").await;
    assert!(
        invoice.contains("Northside SMP") && invoice.contains("Paid 2025-12-01 by card"),
        "{invoice}"
    );
    browser.screenshot(&screenshot_path("15-invoice.png")).await;
    browser.quit().await;
}
