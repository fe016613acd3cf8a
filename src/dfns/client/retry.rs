//! When to ask again: pure decisions, so the rules are tested without a server.
//!
//! Reads (GET, the unsigned quote, the user-action challenge) are retried with exponential
//! backoff on 429, 5xx and network faults, honouring `Retry-After`. A state-changing request
//! is retried only when it certainly never reached the server (the connection was refused);
//! after that, a timeout or reset leaves its outcome unknown and the caller must re-read.

use std::time::{Duration, SystemTime};

/// Is repeating the request harmless?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Safety {
    /// Reading, or creating a throwaway challenge: repeat freely.
    Idempotent,
    /// Creates or moves money: never repeat once it may have reached the server.
    Mutating,
}

/// What one attempt ended with, as far as retrying cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Status {
        status: u16,
        retry_after: Option<Duration>,
    },
    /// Could not connect: nothing was sent.
    ConnectFailed,
    /// Timed out or the connection broke after the request may have been sent.
    MaybeSent,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Total attempts, the first included.
    pub max_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// A `Retry-After` longer than this is not waited out here: the error goes to the caller
    /// (the dashboard's poller then backs off for that long).
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay: Duration::from_millis(300),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// No retries at all (the CLI's `--no-retry`, tests).
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Whether to try again after attempt number `attempt` (1-based), and after how long.
    /// `jitter` in [0, 1) spreads clients apart; the caller draws it.
    pub fn decide(
        &self,
        attempt: u32,
        safety: Safety,
        outcome: &Outcome,
        jitter: f64,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let retryable = match (safety, outcome) {
            (_, Outcome::ConnectFailed) => true,
            (Safety::Mutating, _) => false,
            (Safety::Idempotent, Outcome::MaybeSent) => true,
            (Safety::Idempotent, Outcome::Status { status, .. }) => {
                *status == 429 || (500..=599).contains(status)
            }
        };
        if !retryable {
            return None;
        }
        if let Outcome::Status {
            retry_after: Some(wait),
            ..
        } = outcome
        {
            return (*wait <= self.max_retry_after).then_some(*wait);
        }
        Some(self.backoff(attempt, jitter))
    }

    /// Exponential backoff with "equal jitter": half fixed, half random, capped.
    pub fn backoff(&self, attempt: u32, jitter: f64) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)));
        let capped = exp.min(self.max_delay);
        let half = capped / 2;
        half + half.mul_f64(jitter.clamp(0.0, 1.0))
    }
}

/// Parses `Retry-After`: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(s: u16) -> Outcome {
        Outcome::Status {
            status: s,
            retry_after: None,
        }
    }

    #[test]
    fn reads_retry_on_429_5xx_and_network_faults() {
        let p = RetryPolicy::default();
        for o in [
            status(429),
            status(500),
            status(503),
            Outcome::MaybeSent,
            Outcome::ConnectFailed,
        ] {
            assert!(p.decide(1, Safety::Idempotent, &o, 0.5).is_some(), "{o:?}");
        }
        for s in [400, 401, 403, 404, 409] {
            assert_eq!(p.decide(1, Safety::Idempotent, &status(s), 0.5), None);
        }
    }

    #[test]
    fn mutations_retry_only_when_nothing_was_sent() {
        let p = RetryPolicy::default();
        assert!(
            p.decide(1, Safety::Mutating, &Outcome::ConnectFailed, 0.0)
                .is_some()
        );
        for o in [status(429), status(500), status(503), Outcome::MaybeSent] {
            assert_eq!(p.decide(1, Safety::Mutating, &o, 0.0), None, "{o:?}");
        }
    }

    #[test]
    fn gives_up_after_max_attempts() {
        let p = RetryPolicy::default();
        assert!(p.decide(3, Safety::Idempotent, &status(503), 0.0).is_some());
        assert_eq!(p.decide(4, Safety::Idempotent, &status(503), 0.0), None);
        assert_eq!(
            RetryPolicy::none().decide(1, Safety::Idempotent, &status(503), 0.0),
            None
        );
    }

    #[test]
    fn honours_retry_after_within_bounds() {
        let p = RetryPolicy::default();
        let o = Outcome::Status {
            status: 429,
            retry_after: Some(Duration::from_secs(7)),
        };
        assert_eq!(
            p.decide(1, Safety::Idempotent, &o, 0.9),
            Some(Duration::from_secs(7))
        );
        let long = Outcome::Status {
            status: 429,
            retry_after: Some(Duration::from_secs(120)),
        };
        assert_eq!(p.decide(1, Safety::Idempotent, &long, 0.9), None);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff(1, 0.0), Duration::from_millis(150));
        assert_eq!(p.backoff(1, 1.0), Duration::from_millis(300));
        assert_eq!(p.backoff(3, 1.0), Duration::from_millis(1200));
        assert_eq!(p.backoff(30, 1.0), Duration::from_secs(8));
    }

    #[test]
    fn parses_both_retry_after_forms() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(parse_retry_after("5", now), Some(Duration::from_secs(5)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
