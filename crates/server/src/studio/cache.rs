//! A small least-recently-used map for the studio's working photos and dot fields: a
//! slider moved over the same drawing reuses both.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// At most `capacity` values by key; the least recently used goes first.
#[derive(Debug)]
pub struct Lru<K, V> {
    capacity: usize,
    entries: Mutex<VecDeque<(K, Arc<V>)>>,
}

impl<K: PartialEq, V> Lru<K, V> {
    /// An empty map holding at most `capacity` values.
    pub fn new(capacity: usize) -> Lru<K, V> {
        Lru {
            capacity: capacity.max(1),
            entries: Mutex::new(VecDeque::new()),
        }
    }

    /// The value for `key`, now the most recently used.
    pub fn get(&self, key: &K) -> Option<Arc<V>> {
        let mut entries = self.entries.lock().ok()?;
        let at = entries.iter().position(|(k, _)| k == key)?;
        let entry = entries.remove(at)?;
        let value = Arc::clone(&entry.1);
        entries.push_front(entry);
        Some(value)
    }

    /// Keeps `value` for `key` (replacing an older one) and gives it back shared.
    pub fn put(&self, key: K, value: V) -> Arc<V> {
        let value = Arc::new(value);
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|(k, _)| k != &key);
            entries.push_front((key, Arc::clone(&value)));
            entries.truncate(self.capacity);
        }
        value
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
        assert_eq!(lru.get(&1).as_deref(), Some(&"one"));
        lru.put(3, "three");
        assert_eq!(lru.get(&2), None, "2 was used least recently");
        assert_eq!(lru.get(&1).as_deref(), Some(&"one"));
        assert_eq!(lru.get(&3).as_deref(), Some(&"three"));
        lru.forget(|k| *k == 3);
        assert_eq!(lru.get(&3), None);
    }
}
