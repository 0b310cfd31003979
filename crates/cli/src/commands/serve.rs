//! `smp serve`: the clinic web app.

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
        emit(&format!(
            "smp serve: listening on http://{addr} (database {})\n",
            redacted(&config.database_url)
        ))?;
        if args.demo {
            let mut text = format!("demo clinic: open http://{addr}/login and log in as\n");
            for (email, role) in demo::logins() {
                text.push_str(&format!("  {email:<24} ({role})\n"));
            }
            text.push_str(&format!("with the password {}\n", demo::DEMO_PASSWORD));
            emit(&text)?;
        }
        app.run_until(shutdown_signal())
            .await
            .map_err(|e| Failure::Internal(format!("the server stopped: {e}")))?;
        emit("smp serve: stopped\n")?;
        Ok(())
    })
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
