//! The design studio in a real browser (headless Chromium): a practitioner uploads a
//! client's photo, calibrates it with two clicks, draws the area corner by corner and the
//! hairline as one stroke of the mouse, marks a mole, watches the preview change as the
//! session and years sliders move, starts again from an engine pattern and moves one of its
//! corners, zooms in and marks a mole there, saves two versions, compares them side by side and downloads the before/after. Screenshots go to `target/screenshots/`.

use std::time::Duration;

use base64::Engine;
use serde_json::{json, Value};
use smp_server::auth::password::hash_password;
use smp_store::{Backend, NewStaff, Role};

use crate::browser::screenshot_path;
use crate::browser::webdriver::Browser;
use crate::support::{now, spawn_app};

/// The photo's size: 1200 × 900 (the API test's 1600 × 1200 drawing at three quarters).
const W: f64 = 1200.0;
const H: f64 = 900.0;

/// Waits until the preview shown has `moment` and a count above `seen`; returns the count.
async fn preview_showing(browser: &Browser, moment: &str, seen: u64) -> u64 {
    let script = "const p = document.getElementById('preview'); \
                  return [p.dataset.moment || '', Number(p.dataset.shown || 0), \
                  document.getElementById('status').textContent]";
    let mut last = Value::Null;
    for _ in 0..400 {
        last = browser.script(script).await;
        let shown = last[1].as_u64().unwrap_or_default();
        if last[0].as_str().is_some_and(|m| m.contains(moment)) && shown > seen {
            return shown;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the preview never showed {moment}: {last}");
}

/// Mean luminance (0-255) of the preview inside the drawn area, read back from the image
/// the browser shows.
async fn preview_luminance(browser: &Browser) -> f64 {
    let script = "const p = document.getElementById('preview'); \
        const c = document.createElement('canvas'); c.width = p.naturalWidth; c.height = p.naturalHeight; \
        const g = c.getContext('2d'); g.drawImage(p, 0, 0); \
        const d = g.getImageData(420, 450, 360, 195).data; let s = 0; \
        for (let i = 0; i < d.length; i += 4) s += 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2]; \
        return s / (d.length / 4);";
    browser.script(script).await.as_f64().expect("a luminance")
}

/// The drawing the studio keeps for this tab (what it sends, in photo pixels).
async fn kept_drawing(browser: &Browser) -> Value {
    browser
        .script(
            "const k = JSON.parse(sessionStorage.getItem('smp-studio-' + \
             document.getElementById('studio').dataset.photo)); return k.drawing",
        )
        .await
}

/// Sets a control's value as a person would, so its `input` listeners run.
async fn set(browser: &Browser, id: &str, value: &str) {
    browser
        .script(&format!(
            "const e = document.getElementById('{id}'); e.value = '{value}'; \
             e.dispatchEvent(new Event('input', {{ bubbles: true }}));"
        ))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_practitioner_draws_on_a_photo_and_shows_each_session_in_the_browser() {
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
    app.db
        .store
        .create_staff(
            &NewStaff {
                email: "pat@clinic.test",
                name: "Pat Ink",
                role: Role::Practitioner,
                password_hash: &hash,
            },
            now(),
        )
        .await
        .expect("staff");
    let client = app.consenting_client().await;
    let file = screenshot_path("studio-upload.jpg");
    std::fs::create_dir_all(file.parent().expect("a folder")).expect("a folder");
    let jpeg = smp_photo::samples::jpeg(&smp_photo::samples::scalp(W as u32, H as u32));
    std::fs::write(&file, jpeg).expect("the photo on disk");

    let browser = Browser::start().await;
    browser
        .log_in(
            &app.base,
            "pat@clinic.test",
            "correct horse battery",
            "Pat Ink (practitioner)",
        )
        .await;

    // Upload the photo through the form.
    browser
        .open(&format!("{}/clients/{client}/photos", app.base))
        .await;
    browser
        .type_into(
            "#photo",
            &file.canonicalize().expect("a path").display().to_string(),
        )
        .await;
    browser
        .script("document.getElementById('view').value = 'top'")
        .await;
    browser
        .click("form[enctype='multipart/form-data'] button[type=submit]")
        .await;
    browser.text_with("The photo is stored").await;
    browser.click("a[href$='/studio']").await;
    browser.text_with("Design studio").await;
    for _ in 0..100 {
        let ready = browser
            .script(
                "const p = document.getElementById('photo'); return p.complete && p.naturalWidth",
            )
            .await;
        if ready.as_u64() == Some(W as u64) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let shown = browser
        .script("return document.getElementById('overlay').getBoundingClientRect().width")
        .await
        .as_f64()
        .expect("a width");
    let s = shown / W;
    let at = |x: f64, y: f64| (x * s, y * s);

    // Calibrate: two clicks 600 px apart, 90 mm: 0.15 mm a pixel.
    browser.stroke("#overlay", &[at(300.0, 225.0)]).await;
    browser.stroke("#overlay", &[at(900.0, 225.0)]).await;
    set(&browser, "calibration-mm", "90").await;
    browser.text_with("0.150 mm a pixel").await;
    // The area, corner by corner.
    browser.click("input[name=tool][value=area]").await;
    for (x, y) in [
        (375.0, 150.0),
        (825.0, 150.0),
        (885.0, 375.0),
        (825.0, 675.0),
        (375.0, 675.0),
        (315.0, 375.0),
    ] {
        browser.stroke("#overlay", &[at(x, y)]).await;
    }
    // The hairline as one stroke, and a mole.
    browser.click("input[name=tool][value=hairline]").await;
    let stroke: Vec<(f64, f64)> = (0..=30)
        .map(|i| {
            let x = 375.0 + 15.0 * f64::from(i);
            at(x, 150.0 + 8.0 * ((x - 375.0) / 75.0).sin())
        })
        .collect();
    browser.stroke("#overlay", &stroke).await;
    browser.click("input[name=tool][value=mole]").await;
    browser.stroke("#overlay", &[at(600.0, 412.0)]).await;
    // The head's outline, dragged corner to corner across the head: the dots then follow
    // the scalp's curvature.
    browser.click("input[name=tool][value=head]").await;
    // All of the photo in view: the drag reaches its lower edge.
    browser
        .script("document.getElementById('overlay').scrollIntoView({ block: 'center' })")
        .await;
    let ((cx, cy), (rx, ry)) = smp_photo::samples::scalp_head(W as u32, H as u32);
    let (cx, cy, rx, ry) = (f64::from(cx), f64::from(cy), f64::from(rx), f64::from(ry));
    let drag: Vec<(f64, f64)> = (0..=10)
        .map(|i| {
            let t = f64::from(i) / 10.0;
            at(cx - rx + 2.0 * rx * t, cy - ry + 2.0 * ry * t)
        })
        .collect();
    browser.stroke("#overlay", &drag).await;
    browser.text_with("Dots follow the scalp's curvature").await;
    let drawn = kept_drawing(&browser).await;
    assert_eq!(drawn["area"].as_array().map(Vec::len), Some(6), "{drawn}");
    assert!(
        drawn["hairline"].as_array().map_or(0, Vec::len) >= 10,
        "the stroke is kept as a line: {drawn}"
    );
    assert_eq!(drawn["moles"].as_array().map(Vec::len), Some(1));
    let radius = drawn["head"]["radii"][0].as_f64().expect("an outline");
    assert!((radius - rx).abs() < 3.0, "{radius} against {rx}: {drawn}");

    // The preview after session 3, then the session slider back to 1: lighter.
    let seen = preview_showing(&browser, "after=3", 0).await;
    browser.text_with("dots").await;
    let summary = browser.text_with("Skin sampled from the photo").await;
    assert!(summary.contains("Session 1: carbon black"), "{summary}");
    browser
        .screenshot(&screenshot_path("20-studio-session-3.png"))
        .await;
    let third = preview_luminance(&browser).await;
    set(&browser, "after", "1").await;
    let seen = preview_showing(&browser, "after=1", seen).await;
    let first = preview_luminance(&browser).await;
    browser
        .screenshot(&screenshot_path("21-studio-session-1.png"))
        .await;
    assert!(
        first > third + 0.5,
        "session 1 ({first}) is lighter than session 3 ({third})"
    );
    // Five years on after session 3: lighter than freshly healed.
    set(&browser, "after", "3").await;
    set(&browser, "years", "5").await;
    preview_showing(&browser, "years=5", seen).await;
    let faded = preview_luminance(&browser).await;
    assert!(
        faded > third,
        "five years on ({faded}) against healed ({third})"
    );
    browser
        .screenshot(&screenshot_path("22-studio-5-years.png"))
        .await;

    // Start again from the engine's Norwood 6 with the modern line, laid inside the outline,
    // then move one of its corners.
    let seen = preview_showing(&browser, "years=5", 0).await;
    browser
        .script("document.getElementById('pattern').value = 'norwood-6'")
        .await;
    browser.click("#lay-pattern").await;
    let laid = browser.text_with("Norwood 6 laid on the photo").await;
    assert!(laid.contains("mm wide"), "{laid}");
    let seen = preview_showing(&browser, "years=5", seen).await;
    let drawn = kept_drawing(&browser).await;
    let corners: Vec<(f64, f64)> = drawn["area"]
        .as_array()
        .expect("an area")
        .iter()
        .map(|p| (p[0].as_f64().expect("x"), p[1].as_f64().expect("y")))
        .collect();
    assert!(corners.len() >= 8, "{drawn}");
    assert!(
        drawn["hairline"].as_array().map_or(0, Vec::len) >= 5,
        "{drawn}"
    );
    for &(x, y) in &corners {
        assert!(
            ((x - cx) / rx).hypot((y - cy) / ry) < 1.0,
            "({x}, {y}) is off the head"
        );
    }
    browser
        .screenshot(&screenshot_path("25-studio-pattern.png"))
        .await;
    // The corner furthest back (lowest on the photo), away from the hairline, dragged 30 px
    // to the right and 18 px up.
    let (index, &(x0, y0)) = corners
        .iter()
        .enumerate()
        .max_by(|a, b| a.1 .1.total_cmp(&b.1 .1))
        .expect("a corner");
    browser.click("input[name=tool][value=move]").await;
    let drag: Vec<(f64, f64)> = (0..=6)
        .map(|i| at(x0 + 5.0 * f64::from(i), y0 - 3.0 * f64::from(i)))
        .collect();
    browser.stroke("#overlay", &drag).await;
    preview_showing(&browser, "years=5", seen).await;
    let moved = kept_drawing(&browser).await["area"].clone();
    assert_eq!(moved.as_array().map(Vec::len), Some(corners.len()));
    let (x1, y1) = (
        moved[index][0].as_f64().expect("x"),
        moved[index][1].as_f64().expect("y"),
    );
    assert!(
        (x1 - x0 - 30.0).abs() < 3.0 && (y1 - y0 + 18.0).abs() < 3.0,
        "({x0}, {y0}) moved to ({x1}, {y1})"
    );

    // Zoomed in 4×: the stage is four times the view's width, and a click lands on the
    // photo's pixel under it (a mole at (500, 300), then undone).
    browser
        .script(
            "const z = document.getElementById('zoom'); z.value = '4'; \
             z.dispatchEvent(new Event('change', { bubbles: true }));",
        )
        .await;
    let sizes = browser
        .script(
            "return [document.getElementById('overlay').getBoundingClientRect().width, \
             document.getElementById('viewport').clientWidth]",
        )
        .await;
    let zoom = sizes[0].as_f64().expect("a width") / sizes[1].as_f64().expect("a width");
    assert!((zoom - 4.0).abs() < 0.05, "{sizes}");
    browser.click("input[name=tool][value=mole]").await;
    let rect = browser
        .script(
            "const v = document.getElementById('viewport'); \
             const o = document.getElementById('overlay'); const s = o.clientWidth / 1200; \
             v.scrollLeft = 500 * s - v.clientWidth / 2; v.scrollTop = 300 * s - v.clientHeight / 2; \
             v.scrollIntoView({ block: 'center' }); \
             const r = o.getBoundingClientRect(); return [r.left, r.top, r.width];",
        )
        .await;
    let left = rect[0].as_f64().expect("left");
    let top = rect[1].as_f64().expect("top");
    let scale = rect[2].as_f64().expect("width") / W;
    browser
        .click_at(left + 500.0 * scale, top + 300.0 * scale)
        .await;
    let moles = kept_drawing(&browser).await["moles"].clone();
    assert_eq!(moles.as_array().map(Vec::len), Some(2), "{moles}");
    let (mx, my) = (
        moles[1][0].as_f64().expect("x"),
        moles[1][1].as_f64().expect("y"),
    );
    assert!(
        (mx - 500.0).abs() <= 1.0 && (my - 300.0).abs() <= 1.0,
        "{moles}"
    );
    browser
        .screenshot(&screenshot_path("26-studio-zoom-4x.png"))
        .await;
    browser.click("#undo").await;
    browser
        .script(
            "const z = document.getElementById('zoom'); z.value = '1'; \
             z.dispatchEvent(new Event('change', { bubbles: true }));",
        )
        .await;

    // Save a version, then a denser one; the drawing outlives the page's reload.
    set(&browser, "version-note", "as drawn").await;
    browser.click("#save").await;
    browser.text_with("Saved as version 1").await;
    browser.text_with("Versions shown to Sam Carter").await;
    set(&browser, "density", "100").await;
    set(&browser, "version-note", "denser").await;
    browser.click("#save").await;
    browser.text_with("Saved as version 2").await;
    let listed = browser.text_with("denser").await;
    assert!(listed.contains("100 per cm²"), "{listed}");

    // Download the before/after of version 1 as the page links it (after session 3,
    // five years on), through the browser's own session.
    let fetched = browser
        .script_async(
            "const done = arguments[arguments.length - 1]; \
             const a = document.querySelector('#version-1 a.before-after'); \
             fetch(a.href).then(r => r.blob().then(b => { \
               const f = new FileReader(); \
               f.onload = () => done([r.status, r.headers.get('content-disposition'), a.href, f.result]); \
               f.readAsDataURL(b); }));",
        )
        .await;
    assert_eq!(fetched[0], 200, "{fetched}");
    assert!(
        fetched[2]
            .as_str()
            .is_some_and(|h| h.contains("after=3") && h.contains("years=5")),
        "{fetched}"
    );
    assert!(fetched[1]
        .as_str()
        .is_some_and(|d| d.contains("before-after-client")));
    let data = fetched[3].as_str().expect("a data URL");
    let png = base64::engine::general_purpose::STANDARD
        .decode(data.split_once(",").expect("base64").1)
        .expect("bytes");
    let sheet = image::load_from_memory(&png).expect("a PNG");
    assert_eq!(
        sheet.width(),
        2 * 1200 + smp_design::BeforeAfterLayout::for_width(1200).gutter
    );
    std::fs::write(screenshot_path("23-studio-before-after.png"), &png).expect("saved");

    // Compare the two versions side by side.
    browser.click("#version-1 input[type=checkbox]").await;
    browser.click("#version-2 input[type=checkbox]").await;
    browser.click("#compare").await;
    let compared = browser.text_with("Compare designs").await;
    assert!(compared.contains("Version 1") && compared.contains("Version 2"));
    for _ in 0..200 {
        let loaded = browser
            .script(
                "return [...document.querySelectorAll('.pair img')] \
                 .every(i => i.complete && i.naturalWidth > 0)",
            )
            .await;
        if loaded == Value::Bool(true) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let differs = browser
        .script("return [...document.querySelectorAll('tr.differs td:first-child')].map(t => t.textContent)")
        .await;
    assert_eq!(differs, json!(["Density, per cm²"]));
    browser
        .screenshot(&screenshot_path("24-studio-compare.png"))
        .await;
    browser.quit().await;
}
