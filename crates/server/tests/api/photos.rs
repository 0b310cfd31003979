//! Client photos through the API with real files: every EXIF orientation stored upright,
//! a GPS position gone, a PNG's alpha kept, every bad file refused by name with nothing
//! stored, every view audited, consent changed, and the photos gone with their client.

use base64::Engine;
use reqwest::{Method, StatusCode};
use serde_json::json;
use smp_photo::samples::{self, QUADRANTS};
use smp_store::{Backend, Role};

use crate::support::{assert_problem, spawn_app, TestApp};

/// A client with their health-data consent; their id.
async fn client(app: &TestApp) -> i64 {
    app.post(
        "/api/v1/clients",
        json!({ "name": "Robin Vale", "health_consent_on": "2025-11-30" }),
    )
    .await
    .body["id"]
        .as_i64()
        .expect("a client")
}

fn upload_path(client: i64, view: &str) -> String {
    format!("/api/v1/clients/{client}/photos?view={view}&consent=clinical")
}

async fn photo_count(app: &TestApp, client: i64) -> usize {
    let listed = app
        .call(
            Some(Role::Owner),
            Method::GET,
            &format!("/api/v1/clients/{client}/photos"),
            None,
        )
        .await;
    listed.body.as_array().expect("a list").len()
}

async fn photos_are_kept_upright_and_clean(backend: Backend) {
    let app = spawn_app(backend).await;
    let robin = client(&app).await;
    let upright = samples::upright(80, 48);
    for orientation in 1..=8u16 {
        let stored = samples::stored_for(orientation, &upright);
        let file = samples::with_exif(&samples::jpeg(&stored), orientation, true);
        let made = app
            .upload(
                Some(Role::Practitioner),
                &upload_path(robin, "front"),
                "image/jpeg",
                file,
            )
            .await;
        assert_eq!(
            made.status,
            StatusCode::CREATED,
            "{orientation}: {:?}",
            made.body
        );
        assert_eq!(
            (made.body["width"].as_u64(), made.body["height"].as_u64()),
            (Some(80), Some(48))
        );
        assert_eq!(made.body["view"], "front");
        assert_eq!(made.body["consent"], "clinical");
        let (status, kind, bytes) = app
            .fetch_bytes(
                Role::Practitioner,
                made.body["image"].as_str().expect("a link"),
            )
            .await;
        assert_eq!((status, kind.as_str()), (StatusCode::OK, "image/jpeg"));
        let picture = image::load_from_memory(&bytes).expect("a JPEG").to_rgb8();
        let colours = samples::quadrant_colours(&picture);
        for (got, want) in colours.iter().zip(QUADRANTS) {
            assert!(samples::near(*got, want, 12), "{orientation}: {colours:?}");
        }
        assert!(
            !contains(&bytes, &samples::gps_latitude_bytes()),
            "{orientation}: GPS kept"
        );
        assert!(
            !contains(&bytes, samples::CAMERA_MAKE),
            "{orientation}: make kept"
        );
    }
    let png = app
        .upload(
            Some(Role::Owner),
            &format!(
                "/api/v1/clients/{robin}/photos?view=top&consent=marketing&note=Crown,+daylight"
            ),
            "image/png",
            samples::png_with_alpha(40, 20),
        )
        .await;
    assert_eq!(png.status, StatusCode::CREATED, "{:?}", png.body);
    assert_eq!(png.body["media_type"], "image/png");
    assert_eq!(png.body["note"], "Crown, daylight");
    let (_, kind, bytes) = app
        .fetch_bytes(Role::Owner, png.body["image"].as_str().expect("a link"))
        .await;
    assert_eq!(kind, "image/png");
    let picture = image::load_from_memory(&bytes).expect("a PNG").to_rgba8();
    assert_eq!(
        picture.get_pixel(35, 5).0[3],
        128,
        "the alpha channel is kept"
    );
    assert_eq!(photo_count(&app, robin).await, 9);
    // Every view of a file is in the audit log, by whom.
    let views = app
        .db
        .store
        .audit_log(200)
        .await
        .expect("the log")
        .into_iter()
        .filter(|r| r.entry.action == "view" && r.entry.subject == "photo")
        .count();
    assert_eq!(views, 9);
}

async fn bad_files_are_refused_by_name_and_nothing_is_stored(backend: Backend) {
    let app = spawn_app(backend).await;
    let robin = client(&app).await;
    let path = upload_path(robin, "front");
    let cases: Vec<(&str, Vec<u8>, StatusCode, String)> = vec![
        (
            "image/png",
            samples::png_claiming(100_000, 100_000),
            StatusCode::UNPROCESSABLE_ENTITY,
            "photo: the picture is 100000×100000 pixels; at most 12000 pixels a side and 50 \
             megapixels are accepted"
                .to_owned(),
        ),
        (
            "image/jpeg",
            samples::jpeg_claiming(60_000, 60_000),
            StatusCode::UNPROCESSABLE_ENTITY,
            "photo: the picture is 60000×60000 pixels; at most 12000 pixels a side and 50 \
             megapixels are accepted"
                .to_owned(),
        ),
        {
            let whole = samples::jpeg(&samples::upright(64, 64));
            let cut = whole[..whole.len() * 2 / 3].to_vec();
            (
                "image/jpeg",
                cut,
                StatusCode::UNPROCESSABLE_ENTITY,
                "photo: the JPEG file is truncated or damaged (it ends before the picture does)"
                    .to_owned(),
            )
        },
        (
            "image/jpeg",
            b"These are my holiday notes, saved as photo.jpg\n".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "photo: the file is not a JPEG or PNG image".to_owned(),
        ),
        (
            "image/jpeg",
            samples::png(&samples::upright(16, 16)),
            StatusCode::UNPROCESSABLE_ENTITY,
            "photo: the file is a PNG image but was sent as image/jpeg".to_owned(),
        ),
        (
            "image/jpeg",
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "photo: the file is empty".to_owned(),
        ),
        {
            let huge = vec![0xFFu8; 25 * 1024 * 1024 + 1];
            (
                "image/jpeg",
                huge,
                StatusCode::PAYLOAD_TOO_LARGE,
                "photo: the file is 26214401 bytes; at most 26214400 bytes are accepted".to_owned(),
            )
        },
        (
            "image/jpeg",
            vec![0xFFu8; 26 * 1024 * 1024],
            StatusCode::PAYLOAD_TOO_LARGE,
            "photo: the file is larger than the 26214400 bytes accepted".to_owned(),
        ),
    ];
    for (kind, file, status, detail) in cases {
        let answer = app.upload(Some(Role::Owner), &path, kind, file).await;
        assert_problem(&answer, status, Some("photo"), &detail);
    }
    let jpeg = samples::jpeg(&samples::upright(16, 16));
    for (path, field, detail) in [
        (
            format!("/api/v1/clients/{robin}/photos?consent=clinical"),
            "view",
            "view: must be one of front, top, left, right, back",
        ),
        (
            format!("/api/v1/clients/{robin}/photos?view=side&consent=clinical"),
            "view",
            "view: must be one of front, top, left, right, back",
        ),
        (
            format!("/api/v1/clients/{robin}/photos?view=top"),
            "consent",
            "consent: must be clinical (the clinical record only) or marketing (the \
             before/after gallery too)",
        ),
        (
            format!(
                "/api/v1/clients/{robin}/photos?view=top&consent=clinical&note={}",
                "n".repeat(501)
            ),
            "note",
            "note: must be at most 500 characters",
        ),
    ] {
        let answer = app
            .upload(Some(Role::Owner), &path, "image/jpeg", jpeg.clone())
            .await;
        assert_problem(
            &answer,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(field),
            detail,
        );
    }
    let answer = app
        .upload(
            Some(Role::Owner),
            "/api/v1/clients/999/photos?view=top&consent=clinical",
            "image/jpeg",
            jpeg,
        )
        .await;
    assert_problem(
        &answer,
        StatusCode::NOT_FOUND,
        None,
        "client 999 does not exist",
    );
    assert_eq!(photo_count(&app, robin).await, 0, "nothing was stored");
}

async fn consent_changes_and_photos_go_with_their_client(backend: Backend) {
    let app = spawn_app(backend).await;
    let robin = client(&app).await;
    let jpeg = samples::jpeg(&samples::upright(32, 32));
    let made = app
        .upload(
            Some(Role::Owner),
            &upload_path(robin, "back"),
            "image/jpeg",
            jpeg.clone(),
        )
        .await;
    let photo = made.body["id"].as_i64().expect("a photo");
    let path = format!("/api/v1/photos/{photo}");
    let changed = app
        .call(
            Some(Role::Owner),
            Method::PATCH,
            &path,
            Some(json!({ "consent": "marketing" })),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{:?}", changed.body);
    assert_eq!(changed.body["consent"], "marketing");
    let refused = app
        .call(
            Some(Role::Owner),
            Method::PATCH,
            &path,
            Some(json!({ "consent": "everyone" })),
        )
        .await;
    assert_problem(
        &refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("consent"),
        "consent: must be clinical (the clinical record only) or marketing (the before/after \
         gallery too)",
    );
    let long_note = "n".repeat(501);
    let refused = app
        .call(
            Some(Role::Owner),
            Method::PATCH,
            &path,
            Some(json!({ "consent": "clinical", "note": long_note })),
        )
        .await;
    assert_problem(
        &refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("note"),
        "note: must be at most 500 characters",
    );
    let refused = app
        .call(
            Some(Role::Owner),
            Method::PATCH,
            &path,
            Some(json!({ "public": true })),
        )
        .await;
    assert_problem(
        &refused,
        StatusCode::BAD_REQUEST,
        Some("body.public"),
        "body.public: unknown field `public`, expected `consent` or `note` at line 1 column 9",
    );
    let unknown = app
        .call(
            Some(Role::Owner),
            Method::PATCH,
            "/api/v1/photos/abc",
            Some(json!({ "consent": "clinical" })),
        )
        .await;
    assert_problem(
        &unknown,
        StatusCode::NOT_FOUND,
        None,
        "photo abc does not exist",
    );
    let read = app.call(Some(Role::Owner), Method::GET, &path, None).await;
    assert_eq!(
        read.body["consent"], "marketing",
        "the refused changes kept nothing"
    );
    assert_eq!(read.body["note"], "");
    app.upload(
        Some(Role::Owner),
        &upload_path(robin, "top"),
        "image/jpeg",
        jpeg,
    )
    .await;
    // The client's export holds both photos with their files, as stored.
    let export = app
        .call(
            Some(Role::Owner),
            Method::GET,
            &format!("/api/v1/clients/{robin}/export"),
            None,
        )
        .await;
    let exported = export.body["photos"].as_array().expect("photos");
    assert_eq!(exported.len(), 2);
    let back = exported
        .iter()
        .find(|p| p["id"] == photo)
        .expect("the back photo");
    assert_eq!(back["consent"], "marketing");
    let (_, _, stored) = app.fetch_bytes(Role::Owner, &format!("{path}/image")).await;
    let content = back["content_base64"].as_str().expect("the file");
    assert_eq!(
        base64::engine::general_purpose::STANDARD
            .decode(content)
            .expect("base64"),
        stored
    );
    let erased = app
        .call(
            Some(Role::Owner),
            Method::DELETE,
            &format!("/api/v1/clients/{robin}"),
            None,
        )
        .await;
    assert_eq!(erased.status, StatusCode::OK, "{:?}", erased.body);
    assert_eq!(erased.body["photos"], 2);
    let gone = app.call(Some(Role::Owner), Method::GET, &path, None).await;
    assert_problem(
        &gone,
        StatusCode::NOT_FOUND,
        None,
        &format!("photo {photo} does not exist"),
    );
    let image = app.fetch_bytes(Role::Owner, &format!("{path}/image")).await;
    assert_eq!(image.0, StatusCode::NOT_FOUND);
}

on_both_databases!(
    photos_are_kept_upright_and_clean,
    bad_files_are_refused_by_name_and_nothing_is_stored,
    consent_changes_and_photos_go_with_their_client,
);

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
