//! A small least-recently-used map for the studio's working photos and dot fields: a
//! slider moved over the same drawing reuses both.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// At most `capacity` values by key; the least recently used goes first.
#[derive(Debug)]
pub struct Lru<K, V> {
    capacity: usize,
    entries: Mutex<VecDeque<(K, Arc<Slot<V>>)>>,
}

/// One key's value: empty while it is being made (or after making it failed).
type Slot<V> = Mutex<Option<Arc<V>>>;

impl<K: PartialEq, V> Lru<K, V> {
    /// An empty map holding at most `capacity` values.
    pub fn new(capacity: usize) -> Lru<K, V> {
        Lru {
            capacity: capacity.max(1),
            entries: Mutex::new(VecDeque::new()),
        }
    }

    /// The slot for `key`, now the most recently used; with `or_new`, a new empty one when
    /// there is none.
    fn slot(&self, key: K, or_new: bool) -> Option<Arc<Slot<V>>> {
        let mut entries = self.entries.lock().ok()?;
        let entry = match entries.iter().position(|(k, _)| *k == key) {
            Some(at) => entries.remove(at)?,
            None if or_new => (key, Arc::new(Mutex::new(None))),
            None => return None,
        };
        let slot = Arc::clone(&entry.1);
        entries.push_front(entry);
        entries.truncate(self.capacity);
        Some(slot)
    }

    /// The value for `key`, now the most recently used; `None` also while it is being made.
    pub fn get(&self, key: K) -> Option<Arc<V>> {
        let slot = self.slot(key, false)?;
        let value = slot.try_lock().ok()?;
        value.clone()
    }

    /// Keeps `value` for `key` (replacing an older one) and gives it back shared.
    pub fn put(&self, key: K, value: V) -> Arc<V> {
        let value = Arc::new(value);
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|(k, _)| k != &key);
            let slot = Arc::new(Mutex::new(Some(Arc::clone(&value))));
            entries.push_front((key, slot));
            entries.truncate(self.capacity);
        }
        value
    }

    /// The value for `key`, made by `make` when there is none. Callers asking for the same
    /// key at once wait for the first one's value instead of each making it again; when
    /// making it fails, the error goes to that caller and the next one tries again.
    ///
    /// # Errors
    /// What `make` returned.
    pub fn get_or_make<E>(&self, key: K, make: impl FnOnce() -> Result<V, E>) -> Result<Arc<V>, E> {
        let Some(slot) = self.slot(key, true) else {
            return make().map(Arc::new);
        };
        let mut value = slot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(kept) = value.as_ref() {
            return Ok(Arc::clone(kept));
        }
        let made = Arc::new(make()?);
        *value = Some(Arc::clone(&made));
        Ok(made)
    }

    /// Whether any kept key matches.
    pub fn holds(&self, matches: impl Fn(&K) -> bool) -> bool {
        self.entries
            .lock()
            .is_ok_and(|entries| entries.iter().any(|(k, _)| matches(k)))
    }

    /// Forgets every value whose key matches.
    pub fn forget(&self, matches: impl Fn(&K) -> bool) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|(k, _)| !matches(k));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lru;

    #[test]
    fn the_least_recently_used_goes_first() {
        let lru = Lru::new(2);
        lru.put(1, "one");
        lru.put(2, "two");
        assert_eq!(lru.get(1).as_deref(), Some(&"one"));
        lru.put(3, "three");
        assert_eq!(lru.get(2), None, "2 was used least recently");
        assert_eq!(lru.get(1).as_deref(), Some(&"one"));
        assert_eq!(lru.get(3).as_deref(), Some(&"three"));
        lru.forget(|k| *k == 3);
        assert_eq!(lru.get(3), None);
    }

    #[test]
    fn a_value_asked_for_twice_at_once_is_made_once() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::mpsc;
        let lru = std::sync::Arc::new(Lru::new(4));
        let made = std::sync::Arc::new(AtomicUsize::new(0));
        let (started, is_started) = mpsc::channel();
        let (go, wait_to_go) = mpsc::channel::<()>();
        let first = {
            let (lru, made) = (lru.clone(), made.clone());
            std::thread::spawn(move || {
                lru.get_or_make("drawing", || {
                    made.fetch_add(1, Ordering::SeqCst);
                    started.send(()).ok();
                    wait_to_go.recv().ok();
                    Ok::<_, ()>(7)
                })
            })
        };
        is_started.recv().expect("the first started making");
        // The second asks while the first is still making it.
        let second = {
            let (lru, made) = (lru.clone(), made.clone());
            std::thread::spawn(move || {
                lru.get_or_make("drawing", || {
                    made.fetch_add(1, Ordering::SeqCst);
                    Ok::<_, ()>(8)
                })
            })
        };
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert_eq!(lru.get("drawing"), None, "not there while being made");
        go.send(()).expect("the first goes on");
        assert_eq!(*first.join().expect("first").expect("made"), 7);
        assert_eq!(*second.join().expect("second").expect("kept"), 7);
        assert_eq!(made.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_value_that_failed_to_be_made_is_made_again_next_time() {
        let lru = Lru::new(2);
        assert_eq!(lru.get_or_make(1, || Err("no")), Err("no"));
        assert_eq!(lru.get(1), None);
        assert_eq!(
            lru.get_or_make(1, || Ok::<_, &str>("one")).as_deref(),
            Ok(&"one")
        );
        assert_eq!(lru.get(1).as_deref(), Some(&"one"));
    }
}
