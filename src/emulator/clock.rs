//! The emulated clock: wall time scaled by `--speed`, plus whatever the control route
//! advanced it by. Every date the emulator writes, and its `Date` header, come from here.

use std::sync::Mutex;
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};

#[derive(Debug)]
pub struct Clock {
    inner: Mutex<Inner>,
}

#[derive(Debug, Clone, Copy)]
struct Inner {
    /// Emulated time at `real_base`.
    emu_base: DateTime<Utc>,
    real_base: Instant,
    speed: f64,
}

impl Clock {
    /// Starts at `start` and runs `speed` times faster than the wall clock.
    pub fn new(start: DateTime<Utc>, speed: f64) -> Clock {
        Clock {
            inner: Mutex::new(Inner {
                emu_base: start,
                real_base: Instant::now(),
                speed: if speed.is_finite() && speed > 0.0 {
                    speed
                } else {
                    1.0
                },
            }),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        let i = *self.lock();
        at(&i, Instant::now())
    }

    pub fn speed(&self) -> f64 {
        self.lock().speed
    }

    /// Jumps forward (never back: the emulator's dates only grow), at most to [`latest`]:
    /// every date the emulator writes must stay a four-digit year (HTTP dates, RFC 3339).
    pub fn advance(&self, by: Duration) -> DateTime<Utc> {
        let mut i = self.lock();
        let real = Instant::now();
        let now = at(&i, real);
        i.emu_base = now
            .checked_add_signed(by.max(Duration::zero()))
            .map_or(latest(), |t| t.min(latest()));
        i.real_base = real;
        i.emu_base
    }

    /// How far the clock may still jump.
    pub fn headroom(&self) -> Duration {
        latest() - self.now()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A poisoned clock still holds a valid time: keep going.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn at(i: &Inner, real: Instant) -> DateTime<Utc> {
    let elapsed = real.saturating_duration_since(i.real_base).as_secs_f64() * i.speed;
    i.emu_base
        .checked_add_signed(Duration::microseconds((elapsed * 1e6) as i64))
        .map_or(latest(), |t| t.min(latest()))
}

/// The last instant the emulated clock reaches: the end of year 9999.
pub fn latest() -> DateTime<Utc> {
    DateTime::from_timestamp(253_402_300_799, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_moves_forward_only() {
        let start = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let c = Clock::new(start, 1.0);
        let t = c.advance(Duration::hours(2));
        assert!(t >= start + Duration::hours(2));
        let back = c.advance(Duration::hours(-5));
        assert!(back >= t);
        assert!(c.now() >= t);
    }

    #[test]
    fn the_clock_stops_at_the_end_of_year_9999() {
        let c = Clock::new(Utc::now(), 1.0);
        let t = c.advance(Duration::MAX);
        assert_eq!(t, latest());
        assert_eq!(httpdate::fmt_http_date(t.into()).len(), 29);
        assert!(c.headroom() <= Duration::zero());
        let fast = Clock::new(latest() - Duration::seconds(1), 1e300);
        assert_eq!(fast.now(), latest());
    }

    #[test]
    fn bad_speed_falls_back_to_real_time() {
        let c = Clock::new(Utc::now(), f64::NAN);
        assert_eq!(c.speed(), 1.0);
    }
}
