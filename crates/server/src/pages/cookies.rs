//! Reading and writing the cookies of staff pages.

use axum::http::HeaderMap;

/// The login session's cookie.
pub const SESSION_COOKIE: &str = "smp_session";
/// The login form's CSRF cookie (double-submit: the form carries the same value).
pub const LOGIN_CSRF_COOKIE: &str = "smp_login_csrf";

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// A `Set-Cookie` value: HttpOnly, SameSite, path `/`, and Secure when behind TLS.
/// `max_age` in seconds; 0 deletes the cookie.
pub fn set(name: &str, value: &str, max_age: i64, same_site: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}; Max-Age={max_age}{secure}")
}

/// Whether two secrets are equal, in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others_and_written_locked_down() {
        let mut headers = HeaderMap::new();
        let cookie = "a=1; smp_session=abc; b=2".parse().expect("a header value");
        headers.insert(axum::http::header::COOKIE, cookie);
        assert_eq!(read(&headers, SESSION_COOKIE).as_deref(), Some("abc"));
        assert_eq!(read(&headers, "c"), None);
        assert_eq!(
            set(SESSION_COOKIE, "v", 60, "Lax", true),
            "smp_session=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure"
        );
        assert!(same_secret("abc", "abc") && !same_secret("abc", "abd") && !same_secret("a", "ab"));
    }
}
