//! `spawn_app()`: the app on a random port over a fresh database, with a token per role.

use std::collections::HashMap;

use jiff::Timestamp;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use smp_server::auth::token::{hash_secret, new_api_token};
use smp_server::mailer::Mailer;
use smp_server::{Application, Clock};
use smp_store::testing::{fresh, TestDatabase};
use smp_store::{Backend, NewStaff, Role};

/// The app's "now" in tests: Monday 1 December 2025, 09:00 UTC.
pub fn now() -> Timestamp {
    "2025-12-01T09:00:00Z".parse().expect("an instant")
}

/// A running app and what a test needs to talk to it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// An HTTP client.
    pub http: reqwest::Client,
    /// A bearer token per role.
    pub tokens: HashMap<Role, String>,
    /// The database (kept alive for the test).
    pub db: TestDatabase,
    /// The app's clock, in seconds since 1970: a test moves it on.
    pub clock: std::sync::Arc<std::sync::atomic::AtomicI64>,
    /// The app's studio, to see what it keeps in memory.
    pub studio: std::sync::Arc<smp_server::studio::Studio>,
    /// Stops the server when dropped.
    _stop: tokio::sync::oneshot::Sender<()>,
}

/// Starts the app on a random port over a fresh database on `backend`, with one staff
/// account and token per role.
pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, None).await
}

/// [`spawn_app`] with the outbox sent by `mailer` (polling every 100 ms).
pub async fn spawn_app_with(backend: Backend, mailer: Option<Mailer>) -> TestApp {
    spawn_app_configured(backend, mailer, |app| app).await
}

/// [`spawn_app_with`], the application set up by `configure` before it serves.
pub async fn spawn_app_configured(
    backend: Backend,
    mailer: Option<Mailer>,
    configure: impl FnOnce(Application) -> Application,
) -> TestApp {
    let db = fresh(backend).await;
    let mut tokens = HashMap::new();
    for role in Role::ALL {
        let email = format!("{}@clinic.test", role.name());
        let new = NewStaff {
            email: &email,
            name: role.name(),
            role,
            // Bearer tokens only: no password is checked in these tests.
            password_hash: "-",
        };
        let staff = db.store.create_staff(&new, now()).await.expect("staff");
        let token = new_api_token().expect("random");
        db.store
            .create_api_token(staff.id, &hash_secret(&token), "test", now())
            .await
            .expect("token");
        tokens.insert(role, token);
    }
    let addr = "127.0.0.1:0".parse().expect("an address");
    let clock = std::sync::Arc::new(std::sync::atomic::AtomicI64::new(now().as_second()));
    let mut app = Application::with_store(addr, db.store.clone(), Clock::shared(clock.clone()))
        .await
        .expect("the app binds");
    if let Some(mailer) = mailer {
        app = app.with_mailer(mailer);
    }
    let app = configure(app);
    let base = format!("http://{}", app.local_addr().expect("bound"));
    let studio = app.state().studio.clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    TestApp {
        base,
        http: reqwest::Client::new(),
        tokens,
        db,
        clock,
        studio,
        _stop: stop,
    }
}

/// Sets the clinic: "Ink & Dot", in London, in pounds.
pub async fn london(app: &TestApp) {
    app.db
        .store
        .set_clinic(&smp_store::ClinicSettings {
            name: "Ink & Dot".to_owned(),
            time_zone: "Europe/London".to_owned(),
            currency: "GBP".to_owned(),
        })
        .await
        .expect("clinic");
}

/// An answer: its status, its content type and its body as JSON (`Null` when empty).
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub location: Option<String>,
    pub body: Value,
}

impl TestApp {
    /// Moves the app's clock on by `minutes`.
    pub fn advance(&self, minutes: i64) {
        self.clock
            .fetch_add(minutes * 60, std::sync::atomic::Ordering::SeqCst);
    }

    /// Sends a request as `role` (no login when `None`) with an optional JSON body.
    pub async fn call(
        &self,
        role: Option<Role>,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Answer {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(role) = role {
            request = request.bearer_auth(&self.tokens[&role]);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        answer(request.send().await.expect("the app answers")).await
    }

    /// Sends raw bytes as the body with a content type, as the owner.
    pub async fn send_raw(
        &self,
        method: Method,
        path: &str,
        content_type: &str,
        body: &'static str,
    ) -> Answer {
        let request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.tokens[&Role::Owner])
            .header("content-type", content_type)
            .body(body);
        answer(request.send().await.expect("the app answers")).await
    }

    /// `POST`s a file as the body with a content type, as `role`.
    pub async fn upload(
        &self,
        role: Option<Role>,
        path: &str,
        content_type: &str,
        file: Vec<u8>,
    ) -> Answer {
        let mut request = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(file);
        if let Some(role) = role {
            request = request.bearer_auth(&self.tokens[&role]);
        }
        answer(request.send().await.expect("the app answers")).await
    }

    /// `GET`s a file as `role`: the status, the content type and the bytes.
    pub async fn fetch_bytes(&self, role: Role, path: &str) -> (StatusCode, String, Vec<u8>) {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.tokens[&role])
            .send()
            .await
            .expect("the app answers");
        bytes_of(response).await
    }

    /// `POST`s JSON as `role` and reads the answer as bytes: (status, content type, body).
    pub async fn post_for_bytes(
        &self,
        role: Role,
        path: &str,
        body: &Value,
    ) -> (StatusCode, String, Vec<u8>) {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.tokens[&role])
            .json(body)
            .send()
            .await
            .expect("the app answers");
        bytes_of(response).await
    }

    /// `POST` as the owner.
    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.call(Some(Role::Owner), Method::POST, path, Some(body))
            .await
    }

    /// Adds a practitioner; returns its id.
    pub async fn practitioner(&self, name: &str) -> i64 {
        let made = self
            .post("/api/v1/practitioners", serde_json::json!({ "name": name }))
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.body);
        made.body["id"].as_i64().expect("an id")
    }

    /// Adds a client with a name and an email address (no consent recorded); returns the id.
    pub async fn client(&self, name: &str, email: &str) -> i64 {
        let made = self
            .post(
                "/api/v1/clients",
                serde_json::json!({ "name": name, "email": email }),
            )
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.body);
        made.body["id"].as_i64().expect("an id")
    }

    /// Adds a client, Sam Carter, who consented to health data on 30 November 2025;
    /// returns the id.
    pub async fn consenting_client(&self) -> i64 {
        let made = self
            .post(
                "/api/v1/clients",
                serde_json::json!({ "name": "Sam Carter", "health_consent_on": "2025-11-30" }),
            )
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{:?}", made.body);
        made.body["id"].as_i64().expect("an id")
    }
}

async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header("content-type").unwrap_or_default();
    let location = header("location");
    let text = response.text().await.expect("a body");
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    Answer {
        status,
        content_type,
        location,
        body,
    }
}

/// Asserts a problem answer: its status, its field and its exact message.
pub fn assert_problem(answer: &Answer, status: StatusCode, field: Option<&str>, detail: &str) {
    assert_eq!(answer.status, status, "{:?}", answer.body);
    assert_eq!(answer.content_type, "application/problem+json");
    assert_eq!(answer.body["status"], status.as_u16());
    assert_eq!(answer.body["field"].as_str(), field, "{:?}", answer.body);
    assert_eq!(answer.body["detail"], detail);
}

/// An answer read as bytes: (status, content type, body).
async fn bytes_of(response: reqwest::Response) -> (StatusCode, String, Vec<u8>) {
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = response.bytes().await.expect("a body").to_vec();
    (status, content_type, bytes)
}
