//! A small WebDriver client: ChromeDriver started on a free port, driving Debian's headless
//! Chromium (`SMP_TEST_CHROMEDRIVER`, `SMP_TEST_CHROMIUM`, set by scripts/test).

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use base64::Engine;
use serde_json::{json, Value};

/// The key WebDriver names an element by.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A browser session; ChromeDriver is stopped when it is dropped.
pub struct Browser {
    http: reqwest::Client,
    base: String,
    driver: Child,
    profile: std::path::PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // ChromeDriver and the Chromium it started share a process group of their own:
        // end all of them, also when a test failed halfway.
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn program(variable: &str, fallback: &str) -> String {
    std::env::var(variable).unwrap_or_else(|_| {
        if std::path::Path::new(fallback).exists() {
            fallback.to_owned()
        } else {
            panic!("{variable} is not set and {fallback} is missing: run scripts/test, which installs Chromium")
        }
    })
}

impl Browser {
    /// Starts ChromeDriver and a headless Chromium session in the machine's time zone.
    pub async fn start() -> Browser {
        Browser::start_in(None).await
    }

    /// Starts ChromeDriver and a headless Chromium session whose clock is in `zone` (an
    /// IANA name) when one is given, as a client's browser abroad would be.
    pub async fn start_in(zone: Option<&str>) -> Browser {
        let driver_path = program("SMP_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        let chromium = program("SMP_TEST_CHROMIUM", "/usr/bin/chromium");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut command = Command::new(driver_path);
        if let Some(zone) = zone {
            // Chromium, started by ChromeDriver, inherits its zone.
            command.env("TZ", zone);
        }
        let driver = command
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = std::env::temp_dir().join(smp_store::testing::unique_name("smp-chromium"));
        let http = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if http.get(format!("{base}/status")).send().await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut browser = Browser {
            http,
            base,
            driver,
            profile,
        };
        let args = [
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--window-size=1024,900".to_owned(),
            format!("--user-data-dir={}", browser.profile.display()),
        ];
        let session = browser
            .send(
                reqwest::Method::POST,
                "/session",
                json!({ "capabilities": { "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": { "binary": chromium, "args": args }
                } } }),
            )
            .await;
        let id = session["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned();
        browser.base = format!("{}/session/{id}", browser.base);
        browser
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base));
        if method != reqwest::Method::GET {
            request = request.json(&body);
        }
        let answer: Value = request
            .send()
            .await
            .expect("chromedriver answers")
            .json()
            .await
            .expect("JSON");
        let value = answer["value"].clone();
        if let Some(error) = value.get("error") {
            panic!("webdriver {method} {path}: {error}: {}", value["message"]);
        }
        value
    }

    /// Opens a URL.
    pub async fn open(&self, url: &str) {
        self.send(reqwest::Method::POST, "/url", json!({ "url": url }))
            .await;
    }

    /// The element matching a CSS selector.
    pub async fn find(&self, css: &str) -> String {
        let found = self
            .send(
                reqwest::Method::POST,
                "/element",
                json!({ "using": "css selector", "value": css }),
            )
            .await;
        found[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}: {found}"))
            .to_owned()
    }

    /// Types into the element matching `css`.
    pub async fn type_into(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        self.send(
            reqwest::Method::POST,
            &format!("/element/{element}/value"),
            json!({ "text": text }),
        )
        .await;
    }

    /// Clicks the element matching `css`.
    pub async fn click(&self, css: &str) {
        let element = self.find(css).await;
        self.send(
            reqwest::Method::POST,
            &format!("/element/{element}/click"),
            json!({}),
        )
        .await;
    }

    /// Clicks at a point of the window, CSS pixels from its top left: for an element larger
    /// than the view, whose visible part is not centred on it.
    pub async fn click_at(&self, x: f64, y: f64) {
        let to = json!({
            "type": "pointerMove",
            "duration": 20,
            "origin": "viewport",
            "x": x.round() as i64,
            "y": y.round() as i64,
        });
        self.press_through(vec![to]).await;
    }

    /// Moves the mouse to the first of `moves`, presses it, goes through the others and
    /// lets go, as one WebDriver pointer action.
    async fn press_through(&self, moves: Vec<Value>) {
        let mut steps = Vec::with_capacity(moves.len() + 2);
        let mut moves = moves.into_iter();
        steps.extend(moves.next());
        steps.push(json!({ "type": "pointerDown", "button": 0 }));
        steps.extend(moves);
        steps.push(json!({ "type": "pointerUp", "button": 0 }));
        self.send(
            reqwest::Method::POST,
            "/actions",
            json!({ "actions": [{
                "type": "pointer",
                "id": "mouse",
                "parameters": { "pointerType": "mouse" },
                "actions": steps,
            }] }),
        )
        .await;
    }

    /// Presses the mouse at the first of `points` (CSS pixels from the top left of the
    /// element matching `css`), moves through the others and lets go: a click for one
    /// point, a stroke for several. Real pointer input through WebDriver's actions.
    pub async fn stroke(&self, css: &str, points: &[(f64, f64)]) {
        let element = self.find(css).await;
        let rect = self
            .send(
                reqwest::Method::GET,
                &format!("/element/{element}/rect"),
                Value::Null,
            )
            .await;
        let (w, h) = (
            rect["width"].as_f64().unwrap_or_default(),
            rect["height"].as_f64().unwrap_or_default(),
        );
        // WebDriver measures an element origin's offset from the element's centre.
        let at = |&(x, y): &(f64, f64)| {
            json!({
                "type": "pointerMove",
                "duration": 20,
                "origin": { ELEMENT: element.clone() },
                "x": (x - w / 2.0).round() as i64,
                "y": (y - h / 2.0).round() as i64,
            })
        };
        self.press_through(points.iter().map(at).collect()).await;
    }

    /// Runs an asynchronous script (it calls its last argument with the result); returns
    /// the result.
    pub async fn script_async(&self, script: &str) -> Value {
        self.send(
            reqwest::Method::POST,
            "/execute/async",
            json!({ "script": script, "args": [] }),
        )
        .await
    }

    /// Runs a script in the page; returns its value.
    pub async fn script(&self, script: &str) -> Value {
        self.send(
            reqwest::Method::POST,
            "/execute/sync",
            json!({ "script": script, "args": [] }),
        )
        .await
    }

    /// The page's visible text.
    pub async fn text(&self) -> String {
        self.script("return document.body.innerText")
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The page's text once it contains `needle` (a click's page load may still be under
    /// way); fails after ten seconds with the text it saw.
    pub async fn text_with(&self, needle: &str) -> String {
        let mut text = String::new();
        for _ in 0..200 {
            text = self.text().await;
            if text.contains(needle) {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the page never showed {needle:?}; it shows:\n{text}")
    }

    /// Logs staff in on the app at `base` through its login form and waits for the page
    /// to show who is signed in (`signed_in_as`, e.g. "Pat Ink (practitioner)").
    pub async fn log_in(&self, base: &str, email: &str, password: &str, signed_in_as: &str) {
        self.open(&format!("{base}/login")).await;
        self.type_into("#email", email).await;
        self.type_into("#password", password).await;
        self.click("button[type=submit]").await;
        self.text_with(signed_in_as).await;
    }

    /// The current URL.
    pub async fn url(&self) -> String {
        self.send(reqwest::Method::GET, "/url", Value::Null)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Saves a screenshot of the whole page as PNG, not only the part in the window (the
    /// window is made as tall as the page for it, up to 8000 px, then put back, scrolled
    /// where it was); returns its bytes.
    pub async fn screenshot(&self, path: &std::path::Path) -> Vec<u8> {
        let page = self
            .script(
                "return [document.documentElement.scrollHeight, window.innerHeight, \
                 window.scrollX, window.scrollY];",
            )
            .await;
        let (page_height, inner) = (page[0].as_f64(), page[1].as_f64());
        let window = self
            .send(reqwest::Method::GET, "/window/rect", Value::Null)
            .await;
        let (width, height) = (window["width"].as_f64(), window["height"].as_f64());
        let taller = match (page_height, inner, width, height) {
            (Some(page), Some(inner), Some(width), Some(height)) if page > inner => {
                let tall = height - inner + page.min(8000.0);
                self.send(
                    reqwest::Method::POST,
                    "/window/rect",
                    json!({ "width": width, "height": tall }),
                )
                .await;
                Some((width, height))
            }
            _ => None,
        };
        let encoded = self
            .send(reqwest::Method::GET, "/screenshot", Value::Null)
            .await;
        if let Some((width, height)) = taller {
            self.send(
                reqwest::Method::POST,
                "/window/rect",
                json!({ "width": width, "height": height }),
            )
            .await;
            let (x, y) = (
                page[2].as_f64().unwrap_or(0.0),
                page[3].as_f64().unwrap_or(0.0),
            );
            self.script(&format!("window.scrollTo({x}, {y});")).await;
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().expect("base64"))
            .expect("a PNG");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("the screenshot directory");
        }
        std::fs::write(path, &bytes).expect("write the screenshot");
        bytes
    }

    /// Ends the session.
    pub async fn quit(self) {
        let _ = self.http.delete(&self.base).send().await;
    }
}
