//! The OpenAPI document describes every route the app serves.

use reqwest::{Method, StatusCode};
use smp_server::api::ROUTES;
use smp_store::Backend;

use crate::support::spawn_app;

async fn the_openapi_document_is_served_and_lists_every_route(backend: Backend) {
    let app = spawn_app(backend).await;
    let answer = app
        .call(None, Method::GET, "/api/v1/openapi.json", None)
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.content_type, "application/json");
    let doc = answer.body;
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    for (route, methods) in ROUTES {
        for method in *methods {
            assert!(
                doc["paths"][route][method].is_object(),
                "the document lacks {method} {route}"
            );
        }
    }
    let described: usize = doc["paths"]
        .as_object()
        .map(|paths| {
            paths
                .values()
                .map(|p| {
                    p.as_object()
                        .map_or(0, |m| m.keys().filter(|k| *k != "parameters").count())
                })
                .sum()
        })
        .unwrap_or(0);
    let served: usize = ROUTES.iter().map(|(_, m)| m.len()).sum();
    assert_eq!(
        described, served,
        "the document describes routes the app does not serve"
    );
}

on_both_databases!(the_openapi_document_is_served_and_lists_every_route);
