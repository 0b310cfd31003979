//! What every handler shares: the store and the clock.

use std::sync::Arc;

use jiff::Timestamp;
use smp_store::Store;

/// Where "now" comes from: the system clock in production, a fixed or stepped one in
/// tests.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> Timestamp + Send + Sync>);

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock(Arc::new(Timestamp::now))
    }

    /// A clock reading whole seconds since 1970 from `seconds`, which a test moves on.
    pub fn shared(seconds: Arc<std::sync::atomic::AtomicI64>) -> Clock {
        Clock(Arc::new(move || {
            let now = seconds.load(std::sync::atomic::Ordering::SeqCst);
            Timestamp::from_second(now).unwrap_or(Timestamp::UNIX_EPOCH)
        }))
    }

    /// Now.
    pub fn now(&self) -> Timestamp {
        (self.0)()
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Clock({})", self.now())
    }
}

/// How staff logins behave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionSettings {
    /// Mark cookies `Secure` (the app is served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// A session unused this long ends.
    pub idle_timeout: jiff::SignedDuration,
    /// A session ends this long after the login, used or not.
    pub absolute_timeout: jiff::SignedDuration,
    /// Failed logins for one account, within the window, before it is paused.
    pub max_failures_per_account: i64,
    /// Failed logins from one address, within the window, before it is paused.
    pub max_failures_per_address: i64,
    /// The window the failures are counted in.
    pub failure_window: jiff::SignedDuration,
}

impl Default for SessionSettings {
    fn default() -> SessionSettings {
        SessionSettings {
            secure_cookies: false,
            idle_timeout: jiff::SignedDuration::from_mins(60),
            absolute_timeout: jiff::SignedDuration::from_hours(12),
            max_failures_per_account: 5,
            max_failures_per_address: 20,
            failure_window: jiff::SignedDuration::from_mins(15),
        }
    }
}

/// The state shared by every request.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// Now.
    pub clock: Clock,
    /// How logins behave.
    pub sessions: SessionSettings,
    /// The clinic's policy file as last read, parsed: read again only when its text changes.
    pub parsed_policy: ParsedPolicy,
    /// Where clients reach the app, for links in email (`https://book.clinic.example`; no
    /// trailing slash).
    pub public_url: String,
    /// The design studio's working photos and dot fields.
    pub studio: Arc<crate::studio::Studio>,
    /// The reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Arc<Vec<std::net::IpAddr>>,
}

/// The last policy file parsed, with its text (shared by clones of the state).
#[derive(Debug, Clone, Default)]
pub struct ParsedPolicy(Arc<std::sync::Mutex<Option<(String, smp_treatment::Policy)>>>);

impl ParsedPolicy {
    /// The policy `text` says over the defaults (the defaults alone when it is empty or
    /// does not read), parsed once per text.
    fn of(&self, text: &str) -> smp_treatment::Policy {
        if let Ok(held) = self.0.lock() {
            if let Some((read, policy)) = held.as_ref() {
                if read == text {
                    return policy.clone();
                }
            }
        }
        let policy = if text.trim().is_empty() {
            smp_treatment::Policy::default()
        } else {
            smp_treatment::Policy::from_toml(crate::api::settings::POLICY_FILE, text)
                .unwrap_or_else(|error| {
                    eprintln!("smp serve: the clinic's policy file is not used: {error}");
                    smp_treatment::Policy::default()
                })
        };
        if let Ok(mut held) = self.0.lock() {
            *held = Some((text.to_owned(), policy.clone()));
        }
        policy
    }
}

impl AppState {
    /// The clinic's time zone (UTC until one is set, or when the stored one is unknown).
    pub async fn clinic_zone(&self) -> jiff::tz::TimeZone {
        match self.store.clinic().await {
            Ok(Some(clinic)) => {
                jiff::tz::TimeZone::get(&clinic.time_zone).unwrap_or(jiff::tz::TimeZone::UTC)
            }
            _ => jiff::tz::TimeZone::UTC,
        }
    }

    /// The clinic's policy: its own policy file over the rules' defaults (the defaults
    /// alone when it has none, or when the stored file no longer reads), priced in the
    /// clinic's currency.
    pub async fn policy(&self) -> smp_treatment::Policy {
        let text = self.store.policy_file().await.unwrap_or_default();
        let mut policy = self.parsed_policy.of(&text);
        if let Ok(Some(clinic)) = self.store.clinic().await {
            if let Ok(currency) = smp_treatment::Currency::parse(&clinic.currency) {
                policy.price_currency = currency;
            }
        }
        policy
    }

    /// The live login session whose cookie holds `secret`, and its staff member, within the
    /// idle and absolute timeouts (it counts as used now); `None` when there is none.
    ///
    /// # Errors
    /// The store's.
    pub async fn live_session(
        &self,
        secret: &str,
    ) -> Result<Option<(smp_store::LoginSession, smp_store::Staff)>, smp_store::StoreError> {
        let now = self.clock.now();
        self.store
            .live_login_session(
                &crate::auth::token::hash_secret(secret),
                now - self.sessions.absolute_timeout,
                now - self.sessions.idle_timeout,
                now,
            )
            .await
    }

    /// Today in the clinic's time zone.
    pub async fn clinic_today(&self) -> jiff::civil::Date {
        self.clock.now().to_zoned(self.clinic_zone().await).date()
    }
}
