//! Slowing down password guessing: after five failed sign-ins for one account or from one address, further
//! attempts wait, the wait doubling with each failure (30 s up to 15 min); a success clears the count. Kept in
//! the process: each replica counts its own.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const FREE_FAILURES: u32 = 5;
const FIRST_WAIT: Duration = Duration::from_secs(30);
const LONGEST_WAIT: Duration = Duration::from_secs(15 * 60);
const MAX_KEYS: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

/// Failed sign-ins by account and by address.
#[derive(Debug, Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Failures>>,
}

fn wait(count: u32) -> Duration {
    if count < FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = (count - FREE_FAILURES).min(10);
    (FIRST_WAIT * 2u32.pow(doublings)).min(LONGEST_WAIT)
}

impl LoginThrottle {
    /// How long the caller must wait before trying any of these keys again; None when it may try now.
    pub fn retry_after(&self, keys: &[String]) -> Option<Duration> {
        let now = Instant::now();
        let failures = self.failures.lock().expect("the throttle lock is not poisoned");
        keys.iter()
            .filter_map(|k| failures.get(k))
            .filter_map(|f| wait(f.count).checked_sub(now.duration_since(f.last)))
            .filter(|d| !d.is_zero())
            .max()
    }

    pub fn failed(&self, keys: &[String]) {
        let now = Instant::now();
        let mut failures = self.failures.lock().expect("the throttle lock is not poisoned");
        if failures.len() >= MAX_KEYS {
            failures.retain(|_, f| now.duration_since(f.last) < LONGEST_WAIT);
        }
        for key in keys {
            let entry = failures.entry(key.clone()).or_insert(Failures { count: 0, last: now });
            if now.duration_since(entry.last) > LONGEST_WAIT {
                entry.count = 0;
            }
            entry.count += 1;
            entry.last = now;
        }
    }

    pub fn succeeded(&self, keys: &[String]) {
        let mut failures = self.failures.lock().expect("the throttle lock is not poisoned");
        for key in keys {
            failures.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_after_five_failures_and_a_success_clears_them() {
        let t = LoginThrottle::default();
        let keys = vec!["user:olena".to_owned()];
        for _ in 0..4 {
            t.failed(&keys);
        }
        assert!(t.retry_after(&keys).is_none());
        t.failed(&keys);
        let first = t.retry_after(&keys).unwrap();
        assert!(first > Duration::from_secs(25) && first <= FIRST_WAIT);
        t.failed(&keys);
        assert!(t.retry_after(&keys).unwrap() > FIRST_WAIT);
        t.succeeded(&keys);
        assert!(t.retry_after(&keys).is_none());
        assert_eq!(wait(40), LONGEST_WAIT);
    }
}
