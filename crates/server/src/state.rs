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

    /// A clock that always says `at`.
    pub fn fixed(at: Timestamp) -> Clock {
        Clock(Arc::new(move || at))
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

/// The state shared by every request.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// Now.
    pub clock: Clock,
}
