//! The outbox's sender, inside `smp serve`: it claims due messages one at a time under a
//! lease, hands each to the clinic's mail server over SMTP, and records the outcome. A
//! refusal the server calls temporary (or no answer at all) is retried with a growing
//! wait; a permanent one is given up. A send interrupted by a crash becomes `in_doubt`
//! (see [`smp_store::Store::settle_abandoned`]): never sent twice.

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::SignedDuration;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use smp_store::ClaimedMessage;
use tokio::sync::watch;

use crate::auth::token::random_secret;
use crate::state::AppState;

/// How long a claimed message is this sender's before it counts as abandoned.
const LEASE: SignedDuration = SignedDuration::from_mins(10);
/// How long one SMTP exchange may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(60);
/// Tries before a message is given up.
const MAX_ATTEMPTS: i64 = 8;
/// The first wait before a retry; each next one doubles, up to [`MAX_WAIT`].
const FIRST_WAIT: SignedDuration = SignedDuration::from_mins(1);
/// The longest wait between two tries.
const MAX_WAIT: SignedDuration = SignedDuration::from_hours(6);

/// Where and as whom email is sent.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `smtp://host:port` (plain), `smtp://host:587?tls=required` (STARTTLS) or
    /// `smtps://host:465` (TLS), with `user:password@` when the server wants a login.
    pub smtp_url: String,
    /// The sender, such as `Ink & Dot <hello@inkanddot.example>`.
    pub from: String,
    /// A certificate authority (PEM) to trust besides the public ones, for a mail server
    /// whose certificate the clinic's own authority signed.
    pub authority: Option<PathBuf>,
    /// How often the outbox is looked at.
    pub poll: Duration,
}

/// Why mail settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The SMTP URL is not one lettre understands.
    #[error("--smtp-url: {0}")]
    Url(String),
    /// The authority's certificate cannot be read or used.
    #[error("--smtp-ca: {0}")]
    Authority(String),
    /// The sender is not an address.
    #[error(
        "--mail-from: {0:?} is not an email address such as \"Clinic <hello@clinic.example>\""
    )]
    From(String),
}

/// A sender ready to run.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    domain: String,
    poll: Duration,
    name: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// Checks the settings and prepares the SMTP connection pool (nothing is connected yet).
    ///
    /// # Errors
    /// [`MailError`] naming the setting at fault.
    pub fn new(settings: &MailSettings) -> Result<Mailer, MailError> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|_| MailError::From(settings.from.clone()))?;
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.smtp_url)
            .map_err(|e| MailError::Url(e.to_string()))?
            .timeout(Some(SMTP_TIMEOUT));
        if let Some(authority) = &settings.authority {
            builder = builder.tls(trusting(&settings.smtp_url, authority)?);
        }
        let transport = builder.build();
        let domain = from.email.domain().to_owned();
        let nonce = random_secret()
            .map(|s| s[..12].to_owned())
            .unwrap_or_default();
        let name = format!("{}-{nonce}", std::process::id());
        Ok(Mailer {
            transport,
            from,
            domain,
            poll: settings.poll,
            name,
        })
    }

    /// Sends due messages until `stop` says so.
    pub async fn run(self, state: AppState, mut stop: watch::Receiver<bool>) {
        loop {
            if let Err(error) = self.send_due(&state).await {
                eprintln!("smp serve: mail: {error}");
            }
            tokio::select! {
                _ = tokio::time::sleep(self.poll) => {}
                _ = stop.changed() => return,
            }
            if *stop.borrow() {
                return;
            }
        }
    }

    /// Sends every message due now, one at a time.
    async fn send_due(&self, state: &AppState) -> Result<(), smp_store::StoreError> {
        let store = &state.store;
        let abandoned = store.settle_abandoned(state.clock.now()).await?;
        if abandoned > 0 {
            eprintln!("smp serve: mail: {abandoned} message(s) were being sent when a sender stopped; marked in doubt, not sent again");
        }
        loop {
            let now = state.clock.now();
            let claimed = store.claim_due(&self.name, now, now + LEASE, 1).await?;
            let Some(message) = claimed.into_iter().next() else {
                return Ok(());
            };
            self.send_one(state, message).await?;
        }
    }

    async fn send_one(
        &self,
        state: &AppState,
        claimed: ClaimedMessage,
    ) -> Result<(), smp_store::StoreError> {
        let store = &state.store;
        let email = match self.email(&claimed) {
            Ok(email) => email,
            Err(problem) => {
                return store
                    .mark_unsent(claimed.id, &self.name, &problem, None)
                    .await;
            }
        };
        match self.transport.send(email).await {
            Ok(_) => {
                store
                    .mark_sent(claimed.id, &self.name, state.clock.now())
                    .await
            }
            Err(error) if error.is_permanent() || claimed.attempt >= MAX_ATTEMPTS => {
                store
                    .mark_unsent(claimed.id, &self.name, &error.to_string(), None)
                    .await
            }
            Err(error) => {
                let retry_at = state.clock.now() + retry_wait(claimed.attempt);
                store
                    .mark_unsent(claimed.id, &self.name, &error.to_string(), Some(retry_at))
                    .await
            }
        }
    }

    /// The email of a message; a recipient that is not an address is a problem of its own.
    fn email(&self, claimed: &ClaimedMessage) -> Result<Message, String> {
        let to: Mailbox = claimed
            .message
            .to_address
            .parse()
            .map_err(|_| format!("{:?} is not an email address", claimed.message.to_address))?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(claimed.message.subject.clone())
            .message_id(Some(format!("<smp-outbox-{}@{}>", claimed.id, self.domain)))
            .multipart(MultiPart::alternative_plain_html(
                claimed.message.text.clone(),
                claimed.message.html.clone(),
            ))
            .map_err(|e| e.to_string())
    }
}

/// The line a PEM certificate starts with.
const CERTIFICATE_BEGINS: &[u8] = b"-----BEGIN CERTIFICATE-----";

/// The TLS that `smtp_url` asks for, trusting the authority in the PEM file `authority`
/// as well as the public ones.
fn trusting(smtp_url: &str, authority: &Path) -> Result<Tls, MailError> {
    let url = url::Url::parse(smtp_url).map_err(|e| MailError::Url(e.to_string()))?;
    let host = url
        .host_str()
        .ok_or_else(|| MailError::Url("the URL names no host".to_owned()))?;
    let pem = std::fs::read(authority)
        .map_err(|e| MailError::Authority(format!("cannot read {}: {e}", authority.display())))?;
    // An empty or foreign file would read as no certificate at all.
    if !pem
        .windows(CERTIFICATE_BEGINS.len())
        .any(|w| w == CERTIFICATE_BEGINS)
    {
        return Err(MailError::Authority(format!(
            "{} is not a PEM certificate: it has no {} line",
            authority.display(),
            String::from_utf8_lossy(CERTIFICATE_BEGINS)
        )));
    }
    let certificate = Certificate::from_pem(&pem).map_err(|e| {
        MailError::Authority(format!(
            "{} is not a PEM certificate: {e}",
            authority.display()
        ))
    })?;
    let parameters = TlsParameters::builder(host.to_owned())
        .add_root_certificate(certificate)
        .build()
        .map_err(|e| MailError::Authority(e.to_string()))?;
    let asked = url
        .query_pairs()
        .find(|(name, _)| name == "tls")
        .map(|(_, value)| value.into_owned());
    match (url.scheme(), asked.as_deref()) {
        ("smtps", _) => Ok(Tls::Wrapper(parameters)),
        ("smtp", Some("required")) => Ok(Tls::Required(parameters)),
        ("smtp", Some("opportunistic")) => Ok(Tls::Opportunistic(parameters)),
        _ => Err(MailError::Authority(
            "the SMTP URL asks for no TLS: use smtps:// or add ?tls=required".to_owned(),
        )),
    }
}

/// The wait before try `attempt + 1`: a minute, doubling each time, at most six hours.
fn retry_wait(attempt: i64) -> SignedDuration {
    let doublings = u32::try_from(attempt.saturating_sub(1).clamp(0, 16)).unwrap_or(16);
    let minutes = FIRST_WAIT.as_mins().saturating_mul(1 << doublings);
    SignedDuration::from_mins(minutes).min(MAX_WAIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_six_hours() {
        let waits: Vec<i64> = (1..=10).map(|a| retry_wait(a).as_mins()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 64, 128, 256, 360]);
    }

    #[test]
    fn bad_settings_are_named() {
        let settings = |url: &str, from: &str| MailSettings {
            smtp_url: url.to_owned(),
            from: from.to_owned(),
            authority: None,
            poll: Duration::from_secs(1),
        };
        let error = Mailer::new(&settings("smtp://127.0.0.1:2525", "clinic")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "--mail-from: \"clinic\" is not an email address such as \"Clinic <hello@clinic.example>\""
        );
        let error = Mailer::new(&settings("http://x", "a@b.example")).unwrap_err();
        assert!(error.to_string().starts_with("--smtp-url: "), "{error}");
    }
}
