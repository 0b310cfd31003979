//! Building the app and serving it: the router, the listener, and a clean shutdown.

use std::future::Future;
use std::net::SocketAddr;

use axum::http::Uri;
use axum::Router;
use smp_store::{Store, StoreError};
use tokio::net::TcpListener;

use crate::error::ApiError;
use crate::mailer::{MailError, MailSettings, Mailer};
use crate::state::{AppState, Clock, ParsedPolicy, SessionSettings};

/// How to run the app.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free one.
    pub addr: SocketAddr,
    /// `sqlite:PATH` or `postgres://…`.
    pub database_url: String,
    /// How staff logins behave (cookies, timeouts, rate limits).
    pub sessions: SessionSettings,
    /// Where email goes; `None`: messages wait in the outbox, unsent.
    pub mail: Option<MailSettings>,
    /// Where clients reach the app, for links in email; `None`: `http://` and the address
    /// listened on.
    pub public_url: Option<String>,
    /// The reverse proxies in front of the app, whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be opened or migrated.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The mail settings cannot be used.
    #[error("{0}")]
    Mail(#[from] MailError),
}

/// The app, bound to its address and ready to serve.
#[derive(Debug)]
pub struct Application {
    listener: TcpListener,
    state: AppState,
    mailer: Option<Mailer>,
}

impl Application {
    /// Opens the database (migrating it) and binds the address.
    ///
    /// # Errors
    /// [`StartError`].
    pub async fn build(config: &Config) -> Result<Application, StartError> {
        let store = Store::open(&config.database_url).await?;
        let mut app = Application::with_store(config.addr, store, Clock::system()).await?;
        app.state.sessions = config.sessions;
        if let Some(url) = &config.public_url {
            app.state.public_url = url.trim_end_matches('/').to_owned();
        }
        if let Some(mail) = &config.mail {
            app.mailer = Some(Mailer::new(mail)?);
        }
        Ok(app.with_trusted_proxies(config.trusted_proxies.clone()))
    }

    /// An app over an open store and a given clock (tests pass a fixed one).
    ///
    /// # Errors
    /// [`StartError::Bind`].
    pub async fn with_store(
        addr: SocketAddr,
        store: Store,
        clock: Clock,
    ) -> Result<Application, StartError> {
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|source| StartError::Bind { addr, source })?;
        let bound = listener.local_addr().unwrap_or(addr);
        Ok(Application {
            listener,
            state: AppState {
                store,
                clock,
                sessions: SessionSettings::default(),
                parsed_policy: ParsedPolicy::default(),
                studio: std::sync::Arc::default(),
                public_url: format!("http://{bound}"),
                trusted_proxies: std::sync::Arc::default(),
            },
            mailer: None,
        })
    }

    /// Sends the outbox's email with `mailer` while serving.
    pub fn with_mailer(mut self, mailer: Mailer) -> Application {
        self.mailer = Some(mailer);
        self
    }

    /// Reads the client's address from `X-Forwarded-For` when the connection comes from
    /// one of `proxies`.
    pub fn with_trusted_proxies(mut self, proxies: Vec<std::net::IpAddr>) -> Application {
        self.state.trusted_proxies = std::sync::Arc::new(proxies);
        self
    }

    /// The address actually bound (the port when 0 was asked for).
    ///
    /// # Errors
    /// When the socket cannot say.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// The shared state.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Changes how staff logins behave.
    pub fn set_sessions(&mut self, sessions: SessionSettings) {
        self.state.sessions = sessions;
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight and closes
    /// the database.
    ///
    /// # Errors
    /// When the listener fails.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let store = self.state.store.clone();
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let sender = self
            .mailer
            .map(|mailer| tokio::spawn(mailer.run(self.state.clone(), stopped)));
        let app = router(self.state).into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown)
            .await;
        let _ = stop.send(true);
        if let Some(sender) = sender {
            let _ = sender.await;
        }
        store.close().await;
        served
    }
}

/// Every route of the app, with its state.
pub fn router(state: AppState) -> Router {
    crate::api::routes()
        .merge(crate::pages::routes())
        .fallback(not_found)
        .with_state(state)
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::NotFound {
        what: "page",
        id: uri.path().to_owned(),
    }
}
