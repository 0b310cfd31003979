//! The client's photos page, logged in as a practitioner: an upload through the real
//! multipart form (stored clean), bad files shown by field with what was typed kept, the
//! consent switched, the photo deleted; the front desk is kept out.

use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use serde_json::json;
use smp_photo::samples;
use smp_store::{Backend, Role};

use crate::pages::{account, assert_contains, browser, get, hidden, log_in, read, Page, PASSWORD};
use crate::support::{spawn_app, TestApp};

/// Sends the upload form with these fields and, when given, a file (name, type, bytes).
async fn upload(
    browser: &reqwest::Client,
    app: &TestApp,
    client: i64,
    fields: &[(&str, &str)],
    file: Option<(&str, &str, Vec<u8>)>,
) -> Page {
    let mut form = Form::new();
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    if let Some((name, kind, bytes)) = file {
        let part = Part::bytes(bytes)
            .file_name(name.to_owned())
            .mime_str(kind)
            .expect("a media type");
        form = form.part("photo", part);
    }
    read(
        browser
            .post(format!("{}/clients/{client}/photos", app.base))
            .multipart(form)
            .send()
            .await
            .expect("answers"),
    )
    .await
}

async fn a_practitioner_uploads_switches_consent_and_deletes_a_photo(backend: Backend) {
    let app = spawn_app(backend).await;
    let client = app
        .post("/api/v1/clients", json!({ "name": "Kim Marsh" }))
        .await
        .body["id"]
        .as_i64()
        .expect("a client");
    let browser = browser();
    let email = account(&app, "pat@clinic.test", Role::Practitioner).await;
    log_in(&browser, &app, &email, PASSWORD).await;
    let path = format!("/clients/{client}/photos");
    let empty = get(&browser, &app, &path).await;
    assert_eq!(empty.status, StatusCode::OK);
    assert_contains(
        &empty.html,
        &["No photos yet.", "Add a photo", "at most 25 MB"],
    );
    let csrf = hidden(&empty.html, "csrf");
    let client_page = get(&browser, &app, &format!("/clients/{client}")).await;
    assert_contains(&client_page.html, &[&format!("href=\"{path}\"")]);

    // A text file named .jpg: refused by field, with what was typed kept.
    let text = b"not a photo at all".to_vec();
    let refused = upload(
        &browser,
        &app,
        client,
        &[
            ("csrf", &csrf),
            ("view", "top"),
            ("consent", "marketing"),
            ("note", "Crown, window light"),
        ],
        Some(("crown.jpg", "image/jpeg", text)),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_contains(
        &refused.html,
        &[
            "photo: the file is not a JPEG or PNG image",
            "<option value=\"top\" selected>",
            "value=\"marketing\" checked",
            "value=\"Crown, window light\"",
            "id=\"photo\" name=\"photo\" type=\"file\" accept=\"image/jpeg,image/png\" class=\"invalid\"",
        ],
    );
    let no_file = upload(
        &browser,
        &app,
        client,
        &[("csrf", &csrf), ("view", "top"), ("consent", "clinical")],
        None,
    )
    .await;
    assert_eq!(no_file.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_contains(&no_file.html, &["photo: choose a JPEG or PNG file"]);
    let jpeg = samples::with_exif(&samples::jpeg(&samples::upright(48, 32)), 1, true);
    let no_view = upload(
        &browser,
        &app,
        client,
        &[("csrf", &csrf), ("consent", "clinical")],
        Some(("front.jpg", "image/jpeg", jpeg.clone())),
    )
    .await;
    assert_eq!(no_view.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_contains(
        &no_view.html,
        &["view: must be one of front, top, left, right, back"],
    );
    let forged = upload(
        &browser,
        &app,
        client,
        &[
            ("csrf", "forged"),
            ("view", "front"),
            ("consent", "clinical"),
        ],
        Some(("front.jpg", "image/jpeg", jpeg.clone())),
    )
    .await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_contains(&forged.html, &["reload the page"]);
    assert!(app
        .db
        .store
        .photos_of_client(client)
        .await
        .expect("photos")
        .is_empty());

    // A real photo with a GPS position: stored, shown, clean.
    let stored = upload(
        &browser,
        &app,
        client,
        &[
            ("csrf", &csrf),
            ("view", "front"),
            ("consent", "clinical"),
            ("note", "Hairline, flash"),
        ],
        Some(("front.jpg", "image/jpeg", jpeg)),
    )
    .await;
    assert_eq!(stored.status, StatusCode::SEE_OTHER, "{}", stored.html);
    assert_eq!(stored.location, format!("{path}?done=uploaded"));
    let photo = app.db.store.photos_of_client(client).await.expect("photos")[0].id;
    let listed = get(&browser, &app, &stored.location).await;
    assert_contains(
        &listed.html,
        &[
            "The photo is stored: upright, without its location or camera data.",
            &format!("<img src=\"/photos/{photo}/image\" alt=\"front view\""),
            "48×32 px",
            "Hairline, flash",
            "Consent: clinical record only",
        ],
    );
    let image = browser
        .get(format!("{}/photos/{photo}/image", app.base))
        .send()
        .await
        .expect("answers");
    assert_eq!(image.status(), StatusCode::OK);
    assert_eq!(image.headers()["cache-control"], "private, no-store");
    let bytes = image.bytes().await.expect("the file");
    assert!(!bytes.windows(4).any(|w| w == b"Exif"), "no EXIF block");
    let viewed = app.db.store.audit_log(50).await.expect("the log");
    assert!(viewed.iter().any(|r| r.entry.action == "view"
        && r.entry.subject == "photo"
        && r.entry.subject_id == Some(photo)
        && r.entry.actor == "pat@clinic.test"));

    // A consent that is neither: refused by field, nothing changed.
    let refused = crate::pages::post(
        &browser,
        &app,
        &format!("/photos/{photo}/consent"),
        &[("csrf", &csrf), ("consent", "everyone")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_contains(
        &refused.html,
        &["consent: must be clinical (the clinical record only) or marketing"],
    );
    // The consent switched to the gallery, then the photo deleted.
    let switched = crate::pages::post(
        &browser,
        &app,
        &format!("/photos/{photo}/consent"),
        &[("csrf", &csrf), ("consent", "marketing")],
    )
    .await;
    assert_eq!(switched.location, format!("{path}?done=consent"));
    let listed = get(&browser, &app, &switched.location).await;
    assert_contains(&listed.html, &["Consent: <strong>gallery allowed</strong>"]);
    let deleted = crate::pages::post(
        &browser,
        &app,
        &format!("/photos/{photo}/delete"),
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(deleted.location, format!("{path}?done=deleted"));
    let listed = get(&browser, &app, &deleted.location).await;
    assert_contains(&listed.html, &["The photo is deleted.", "No photos yet."]);

    // The front desk never sees photos.
    let desk = crate::pages::browser();
    let email = account(&app, "desk@clinic.test", Role::FrontDesk).await;
    log_in(&desk, &app, &email, PASSWORD).await;
    let kept_out = get(&desk, &app, &path).await;
    assert_eq!(kept_out.status, StatusCode::FORBIDDEN);
    let client_page = get(&desk, &app, &format!("/clients/{client}")).await;
    assert!(!client_page.html.contains(&format!("href=\"{path}\"")));
}

on_both_databases!(a_practitioner_uploads_switches_consent_and_deletes_a_photo);
