//! The client's address behind a reverse proxy: from a trusted proxy, `X-Forwarded-For`
//! names the client in the audit log (and so in the rate limits, which read the same
//! address); from anyone else the header is ignored.

use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::redirect::Policy;
use smp_store::{Backend, Role};

use crate::pages::{account, log_in};
use crate::support::{spawn_app, spawn_app_configured, TestApp};

/// A browser whose every request says it was forwarded for `client`.
fn forwarded_for(client: &str) -> reqwest::Client {
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-forwarded-for",
        HeaderValue::from_str(client).expect("a value"),
    );
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .default_headers(headers)
        .build()
        .expect("a client")
}

/// The addresses of the failed logins in the audit log, newest first.
async fn failed_from(app: &TestApp) -> Vec<String> {
    let log = app.db.store.audit_log(20).await.expect("audit");
    log.into_iter()
        .filter(|r| r.entry.action == "login_failed")
        .map(|r| r.entry.address)
        .collect()
}

async fn a_trusted_proxy_names_the_client_and_anyone_else_cannot(backend: Backend) {
    // The test connects from 127.0.0.1: here that is the clinic's proxy.
    let proxied = spawn_app_configured(backend, None, |app| {
        app.with_trusted_proxies(vec!["127.0.0.1".parse().expect("an address")])
    })
    .await;
    let email = account(&proxied, "robin@clinic.test", Role::FrontDesk).await;
    // A client-sent entry on the left is not believed; the proxy's own entry is.
    let browser = forwarded_for("192.0.2.66, 203.0.113.7");
    log_in(&browser, &proxied, &email, "not the password").await;
    assert_eq!(failed_from(&proxied).await, ["203.0.113.7"]);

    // Without trusted proxies, the same header changes nothing.
    let direct = spawn_app(backend).await;
    let email = account(&direct, "robin@clinic.test", Role::FrontDesk).await;
    log_in(&browser, &direct, &email, "not the password").await;
    assert_eq!(failed_from(&direct).await, ["127.0.0.1"]);
}

on_both_databases!(a_trusted_proxy_names_the_client_and_anyone_else_cannot);
