//! The staff pages in a real browser (headless Chromium through ChromeDriver): log in,
//! create a client, book a consultation on the calendar. Screenshots are saved in
//! `target/screenshots/`.

#[path = "../browser/webdriver.rs"]
mod webdriver;

use smp_server::auth::password::hash_password;
use smp_store::{Backend, NewStaff, Role};

use crate::support::{now, spawn_app};
use webdriver::Browser;

fn screenshot_path(name: &str) -> std::path::PathBuf {
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
