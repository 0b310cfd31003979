//! `smp serve`: the clinic web app.

use smp_server::mailer::MailSettings;
use smp_server::{demo, Application, Config};

use crate::args::ServeArgs;
use crate::commands::runtime::{block_on, redacted};
use crate::failure::Failure;
use crate::inputs::emit;

/// Opens the database (migrating it), listens, and serves until Ctrl-C or SIGTERM.
pub fn run(args: &ServeArgs) -> Result<(), Failure> {
    block_on(async {
        let config = Config {
            addr: args.addr,
            database_url: args.database.database_url.clone(),
            sessions: smp_server::SessionSettings::default(),
            mail: mail_settings(args)?,
            public_url: args.public_url.clone(),
            trusted_proxies: args.trusted_proxies.clone(),
        };
        let app = Application::build(&config)
            .await
            .map_err(|e| Failure::BadInput(e.to_string()))?;
        let addr = app
            .local_addr()
            .map_err(|e| Failure::Internal(e.to_string()))?;
        if args.demo {
            let store = app.state().store.clone();
            demo::seed(&store, jiff::Timestamp::now())
                .await
                .map_err(|e| Failure::Internal(format!("the demo could not be seeded: {e}")))?;
        }
        // One write, so that whoever reads the first line has all of it.
        let mut text = format!(
            "smp serve: listening on http://{addr} (database {})\n",
            redacted(&config.database_url)
        );
        match &config.mail {
            Some(mail) => text.push_str(&format!("email: through {}\n", redacted(&mail.smtp_url))),
            None => {
                text.push_str("email: no --smtp-url given, reminders wait in the outbox unsent\n")
            }
        }
        if args.demo {
            text.push_str(&format!(
                "demo clinic: open http://{addr}/login and log in as\n"
            ));
            for (email, role) in demo::logins() {
                text.push_str(&format!("  {email:<24} ({role})\n"));
            }
            text.push_str(&format!("with the password {}\n", demo::DEMO_PASSWORD));
        }
        emit(&text)?;
        app.run_until(shutdown_signal())
            .await
            .map_err(|e| Failure::Internal(format!("the server stopped: {e}")))?;
        emit("smp serve: stopped\n")?;
        Ok(())
    })
}

/// The mail settings from the arguments: none without `--smtp-url`; with it, a sender is
/// required.
fn mail_settings(args: &ServeArgs) -> Result<Option<MailSettings>, Failure> {
    let Some(smtp_url) = &args.smtp_url else {
        return Ok(None);
    };
    let Some(from) = &args.mail_from else {
        return Err(Failure::BadInput(
            "--mail-from: give the address email comes from, such as \"Clinic <hello@clinic.example>\"".to_owned(),
        ));
    };
    if args.mail_poll_seconds == 0 {
        return Err(Failure::BadInput(
            "--mail-poll-seconds: must be at least 1".to_owned(),
        ));
    }
    Ok(Some(MailSettings {
        smtp_url: smtp_url.clone(),
        from: from.clone(),
        authority: args.smtp_ca.clone(),
        poll: std::time::Duration::from_secs(args.mail_poll_seconds),
    }))
}

/// Completes on Ctrl-C or, on Unix, SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
