//! Failed-login limiter: a sliding minute per username and per client address.
//! Kept in memory, so each node counts on its own.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::AuthError;

const WINDOW: Duration = Duration::from_secs(60);
/// Above this many tracked keys, a failure also sweeps keys whose failures are all old.
const SWEEP_ABOVE: usize = 1024;

pub(crate) struct LoginLimiter {
    /// Failures allowed per window and key; 0 disables the limiter.
    per_minute: usize,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimiter {
    pub(crate) fn new(per_minute: u32) -> Self {
        Self {
            per_minute: usize::try_from(per_minute).unwrap_or(usize::MAX),
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Refuses when `username` or `client` already failed `per_minute` times this minute.
    pub(crate) fn check(&self, username: &str, client: &str) -> Result<(), AuthError> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let now = Instant::now();
        let mut failures = self.lock();
        let mut wait = Duration::ZERO;
        for key in keys(username, client) {
            if let Some(times) = failures.get_mut(&key) {
                prune(times, now);
                if times.len() >= self.per_minute
                    && let Some(oldest) = times.front()
                {
                    wait = wait.max(WINDOW.saturating_sub(now.duration_since(*oldest)));
                }
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

    /// Counts one failed login for `username` and for `client`.
    pub(crate) fn record_failure(&self, username: &str, client: &str) {
        if self.per_minute == 0 {
            return;
        }
        let now = Instant::now();
        let mut failures = self.lock();
        if failures.len() > SWEEP_ABOVE {
            failures.retain(|_, times| {
                prune(times, now);
                !times.is_empty()
            });
        }
        for key in keys(username, client) {
            let times = failures.entry(key).or_default();
            prune(times, now);
            times.push_back(now);
            // Never more than needed to decide: bounds memory per key.
            while times.len() > self.per_minute {
                times.pop_front();
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, VecDeque<Instant>>> {
        // A panic while holding the lock leaves only counters behind: keep using them.
        self.failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Longest part of a key kept: bounds memory whatever callers send.
const KEY_CHARS: usize = 256;

/// Usernames are folded so `Ann` and `ann` share a budget.
fn keys(username: &str, client: &str) -> [String; 2] {
    let username: String = username.chars().take(KEY_CHARS).collect();
    let client: String = client.chars().take(KEY_CHARS).collect();
    [
        format!("user:{}", username.to_lowercase()),
        format!("client:{client}"),
    ]
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
    fn limits_per_username_and_per_client() {
        let limiter = LoginLimiter::new(2);
        assert!(limiter.check("ann", "1.2.3.4").is_ok());
        limiter.record_failure("ann", "1.2.3.4");
        limiter.record_failure("Ann", "5.6.7.8");
        // The username is spent, from any address.
        let err = limiter.check("ann", "9.9.9.9").expect_err("limited");
        assert!(
            matches!(err, AuthError::RateLimited { retry_after_secs } if (1..=60).contains(&retry_after_secs))
        );
        // Another user from a fresh address is fine; from a spent address it is not.
        assert!(limiter.check("bob", "9.9.9.9").is_ok());
        limiter.record_failure("carl", "9.9.9.9");
        limiter.record_failure("dan", "9.9.9.9");
        assert!(limiter.check("bob", "9.9.9.9").is_err());
    }

    #[test]
    fn zero_disables() {
        let limiter = LoginLimiter::new(0);
        for _ in 0..5 {
            limiter.record_failure("ann", "1.2.3.4");
        }
        assert!(limiter.check("ann", "1.2.3.4").is_ok());
    }
}
