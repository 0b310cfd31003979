//! The async runtime for the commands that talk to a database or serve.

use std::future::Future;

use crate::failure::Failure;

/// Runs `work` to completion on a multi-threaded runtime.
pub fn block_on<T>(work: impl Future<Output = Result<T, Failure>>) -> Result<T, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Internal(format!("cannot start the async runtime: {e}")))?
        .block_on(work)
}

/// A database URL fit to print: any password replaced by `***`.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
    let Some((credentials, host)) = authority.rsplit_once('@') else {
        return url.to_owned();
    };
    let user = credentials
        .split_once(':')
        .map_or(credentials, |(user, _)| user);
    let hidden = if credentials.contains(':') {
        ":***"
    } else {
        ""
    };
    let path = if rest.contains('/') {
        format!("/{path}")
    } else {
        String::new()
    };
    format!("{scheme}://{user}{hidden}@{host}{path}")
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn passwords_in_database_urls_are_never_printed() {
        assert_eq!(
            redacted("postgres://smp:s3cret@db.internal:5432/smp"),
            "postgres://smp:***@db.internal:5432/smp"
        );
        assert_eq!(redacted("postgres://smp@db/smp"), "postgres://smp@db/smp");
        assert_eq!(redacted("sqlite:smp-data/smp.db"), "sqlite:smp-data/smp.db");
    }
}
