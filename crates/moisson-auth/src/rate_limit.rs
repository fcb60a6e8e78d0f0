//! Failed-login limiter, kept in memory (each node counts on its own), keyed on the
//! client address the server resolved (behind a trusted proxy, the forwarded one):
//! - per (username, client): progressive delays. The first `FREE_FAILURES` failures cost
//!   nothing; each one after doubles the wait before the next attempt (1 s, 2 s, 4 s…,
//!   at most `MAX_DELAY`). A sign-in from another address is not delayed, so an attacker
//!   guessing one user's password never locks that user out; a success clears the pair.
//! - per client: at most `per_minute` failures in a sliding minute, whatever the
//!   usernames (password spraying from one address).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::AuthError;

const WINDOW: Duration = Duration::from_secs(60);
/// Failures of one (username, client) that cost no delay: typing mistakes.
const FREE_FAILURES: u32 = 3;
/// The longest wait asked between two attempts of one (username, client).
const MAX_DELAY: Duration = Duration::from_secs(15 * 60);
/// A pair whose last failure is older than this is forgotten.
const FORGET_AFTER: Duration = Duration::from_secs(24 * 60 * 60);
/// Above this many tracked keys, a failure also sweeps keys that no longer limit.
const SWEEP_ABOVE: usize = 1024;

/// Failures of one username from one client.
#[derive(Debug, Clone, Copy)]
struct Pair {
    failures: u32,
    last: Instant,
}

impl Pair {
    /// What this pair must still wait at `now`.
    fn wait(self, now: Instant) -> Duration {
        delay(self.failures).saturating_sub(now.duration_since(self.last))
    }
}

/// The wait after `failures` failures: none for the free ones, then doubling.
fn delay(failures: u32) -> Duration {
    let Some(over) = failures.checked_sub(FREE_FAILURES + 1) else {
        return Duration::ZERO;
    };
    let secs = 1u64.checked_shl(over.min(30)).unwrap_or(u64::MAX);
    Duration::from_secs(secs).min(MAX_DELAY)
}

#[derive(Default)]
struct Counters {
    pairs: HashMap<String, Pair>,
    clients: HashMap<String, VecDeque<Instant>>,
}

pub(crate) struct LoginLimiter {
    /// Failures allowed per minute and client; 0 disables the limiter.
    per_minute: usize,
    counters: Mutex<Counters>,
}

impl LoginLimiter {
    pub(crate) fn new(per_minute: u32) -> Self {
        Self {
            per_minute: usize::try_from(per_minute).unwrap_or(usize::MAX),
            counters: Mutex::new(Counters::default()),
        }
    }

    /// Refuses while `username` from `client` must wait, or `client` failed
    /// `per_minute` times this minute.
    pub(crate) fn check(&self, username: &str, client: &str) -> Result<(), AuthError> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let now = Instant::now();
        let mut counters = self.lock();
        let mut wait = counters
            .pairs
            .get(&pair_key(username, client))
            .map_or(Duration::ZERO, |p| p.wait(now));
        if let Some(times) = counters.clients.get_mut(&client_key(client)) {
            prune(times, now);
            if times.len() >= self.per_minute
                && let Some(oldest) = times.front()
            {
                wait = wait.max(WINDOW.saturating_sub(now.duration_since(*oldest)));
            }
        }
        if wait.is_zero() {
            Ok(())
        } else {
            Err(AuthError::RateLimited {
                retry_after_secs: wait.as_secs().max(1),
            })
        }
    }

    /// Counts one failed login of `username` from `client`.
    pub(crate) fn record_failure(&self, username: &str, client: &str) {
        if self.per_minute == 0 {
            return;
        }
        let now = Instant::now();
        let mut counters = self.lock();
        if counters.pairs.len() + counters.clients.len() > SWEEP_ABOVE {
            sweep(&mut counters, now);
        }
        let pair = counters
            .pairs
            .entry(pair_key(username, client))
            .or_insert(Pair {
                failures: 0,
                last: now,
            });
        pair.failures = pair.failures.saturating_add(1);
        pair.last = now;
        let times = counters.clients.entry(client_key(client)).or_default();
        prune(times, now);
        times.push_back(now);
        // Never more than needed to decide: bounds memory per key.
        while times.len() > self.per_minute {
            times.pop_front();
        }
    }

    /// A successful sign-in clears the delays of `username` from `client`.
    pub(crate) fn record_success(&self, username: &str, client: &str) {
        self.lock().pairs.remove(&pair_key(username, client));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Counters> {
        // A panic while holding the lock leaves only counters behind: keep using them.
        self.counters
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn sweep(counters: &mut Counters, now: Instant) {
    counters
        .pairs
        .retain(|_, p| now.duration_since(p.last) < FORGET_AFTER);
    counters.clients.retain(|_, times| {
        prune(times, now);
        !times.is_empty()
    });
}

/// Longest part of a key kept: bounds memory whatever callers send.
const KEY_CHARS: usize = 256;

fn bounded(s: &str) -> String {
    s.chars().take(KEY_CHARS).collect()
}

/// Usernames are folded so `Ann` and `ann` share a budget.
fn pair_key(username: &str, client: &str) -> String {
    format!("{}\n{}", bounded(username).to_lowercase(), bounded(client))
}

fn client_key(client: &str) -> String {
    bounded(client)
}

fn prune(times: &mut VecDeque<Instant>, now: Instant) {
    while times
        .front()
        .is_some_and(|t| now.duration_since(*t) >= WINDOW)
    {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_per_username_and_client_only() {
        let limiter = LoginLimiter::new(100);
        for _ in 0..=FREE_FAILURES {
            assert!(limiter.check("ann", "1.2.3.4").is_ok());
            limiter.record_failure("Ann", "1.2.3.4");
        }
        let err = limiter.check("ann", "1.2.3.4").expect_err("delayed");
        assert!(matches!(
            err,
            AuthError::RateLimited {
                retry_after_secs: 1
            }
        ));
        // The same user from another address, another user from this one: not delayed.
        assert!(limiter.check("ann", "5.6.7.8").is_ok());
        assert!(limiter.check("bob", "1.2.3.4").is_ok());
        limiter.record_success("ann", "1.2.3.4");
        assert!(limiter.check("ann", "1.2.3.4").is_ok());
    }

    #[test]
    fn delays_double_up_to_a_bound() {
        let secs = |n| delay(n).as_secs();
        assert_eq!(
            (
                secs(FREE_FAILURES),
                secs(FREE_FAILURES + 1),
                secs(FREE_FAILURES + 3)
            ),
            (0, 1, 4)
        );
        assert_eq!(delay(u32::MAX), MAX_DELAY);
    }

    #[test]
    fn a_client_spraying_usernames_is_limited() {
        let limiter = LoginLimiter::new(2);
        limiter.record_failure("carl", "9.9.9.9");
        limiter.record_failure("dan", "9.9.9.9");
        let err = limiter.check("bob", "9.9.9.9").expect_err("limited");
        assert!(
            matches!(err, AuthError::RateLimited { retry_after_secs } if (1..=60).contains(&retry_after_secs))
        );
        assert!(limiter.check("bob", "1.1.1.1").is_ok());
    }

    #[test]
    fn zero_disables() {
        let limiter = LoginLimiter::new(0);
        for _ in 0..10 {
            limiter.record_failure("ann", "1.2.3.4");
        }
        assert!(limiter.check("ann", "1.2.3.4").is_ok());
    }
}
