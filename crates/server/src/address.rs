//! The address a request came from, for the audit log and rate limits. Behind a reverse
//! proxy every connection comes from the proxy: when the clinic names its proxies
//! (`smp serve --trusted-proxy`), the client's address is read from `X-Forwarded-For`,
//! walking back from the nearest hop past every trusted one. A header from anyone else is
//! ignored, so a client cannot choose their own address.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;

use crate::state::AppState;

/// The client's IP address, or `unknown` when the connection did not say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        let address = match peer {
            Some(peer) => client_ip(peer, &parts.headers, &state.trusted_proxies).to_string(),
            None => "unknown".to_owned(),
        };
        Ok(ClientAddress(address))
    }
}

/// The client's address: `peer`, or when `peer` is a trusted proxy, the last address in
/// `X-Forwarded-For` that is not one, read from the right. An entry that is not an
/// address stops the walk at the hop before it.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let mut hop = peer;
    if !trusted.contains(&hop) {
        return hop;
    }
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .collect();
    for entry in forwarded.iter().rev() {
        let Some(address) = parse_hop(entry.trim()) else {
            break;
        };
        hop = address;
        if !trusted.contains(&hop) {
            break;
        }
    }
    hop
}

/// One `X-Forwarded-For` entry: an address, with or without a port.
fn parse_hop(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(
                "x-forwarded-for",
                HeaderValue::from_str(value).expect("a value"),
            );
        }
        headers
    }

    #[test]
    fn a_header_from_an_untrusted_peer_is_ignored() {
        let headers = forwarded(&["203.0.113.7"]);
        assert_eq!(
            client_ip(ip("198.51.100.2"), &headers, &[]),
            ip("198.51.100.2")
        );
        assert_eq!(
            client_ip(ip("198.51.100.2"), &headers, &[ip("10.0.0.1")]),
            ip("198.51.100.2")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_first_untrusted_hop_from_the_right_is_the_client() {
        let trusted = [ip("10.0.0.1"), ip("10.0.0.2")];
        // A client-sent (forged) entry on the left stays on the left.
        let headers = forwarded(&["1.2.3.4, 203.0.113.7", "10.0.0.2"]);
        assert_eq!(
            client_ip(ip("10.0.0.1"), &headers, &trusted),
            ip("203.0.113.7")
        );
        let with_port = forwarded(&["[2001:db8::5]:4711"]);
        assert_eq!(
            client_ip(ip("10.0.0.1"), &with_port, &trusted),
            ip("2001:db8::5")
        );
    }

    #[test]
    fn a_missing_or_broken_header_leaves_the_last_good_hop() {
        let trusted = [ip("10.0.0.1")];
        assert_eq!(
            client_ip(ip("10.0.0.1"), &HeaderMap::new(), &trusted),
            ip("10.0.0.1")
        );
        let broken = forwarded(&["203.0.113.7, not-an-address"]);
        assert_eq!(client_ip(ip("10.0.0.1"), &broken, &trusted), ip("10.0.0.1"));
    }
}
