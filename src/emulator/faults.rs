//! Fault injection on the Dfns routes (`--faults` and `POST /_emulator/faults`): latency,
//! 5xx, 429 with `Retry-After`, connection resets and truncated bodies. The control routes
//! under `/_emulator/` are never disturbed.

mod spec;
#[cfg(test)]
mod tests;

pub use spec::{FaultSpec, KEYS};

use crate::emulator::error::EmuError;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// How many faults of each kind were injected since start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FaultCounts {
    pub latency: u64,
    pub errors: u64,
    pub rate_limits: u64,
    pub resets: u64,
    pub truncations: u64,
}

/// The live fault configuration: swappable at run time, with a seeded RNG so a run is
/// reproducible with the emulator's `--seed`.
pub struct Faults {
    state: Mutex<FaultState>,
    latency: AtomicU64,
    errors: AtomicU64,
    rate_limits: AtomicU64,
    resets: AtomicU64,
    truncations: AtomicU64,
}

struct FaultState {
    spec: FaultSpec,
    rng: StdRng,
}

/// What to do with one request, drawn before anything is awaited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Decision {
    latency_ms: u64,
    /// 500, 502 or 503.
    error: Option<u16>,
    /// The `Retry-After` seconds of a 429.
    rate_limit: Option<u64>,
    reset: bool,
    truncate: bool,
}

const ERRORS: [(u16, &str); 3] = [
    (500, "Internal Server Error"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
];

impl Faults {
    /// The spec is taken as given: validate user input with [`FaultSpec::validate`] first.
    pub fn new(spec: FaultSpec, seed: u64) -> Arc<Faults> {
        Arc::new(Faults {
            state: Mutex::new(FaultState {
                spec,
                rng: StdRng::seed_from_u64(seed),
            }),
            latency: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            rate_limits: AtomicU64::new(0),
            resets: AtomicU64::new(0),
            truncations: AtomicU64::new(0),
        })
    }

    /// Replaces the spec (the RNG stream continues, so a scripted run stays reproducible).
    pub fn set(&self, spec: FaultSpec) {
        self.lock().spec = spec;
    }

    pub fn clear(&self) {
        self.set(FaultSpec::default());
    }

    pub fn spec(&self) -> FaultSpec {
        self.lock().spec.clone()
    }

    /// Cumulative; `clear` does not reset them.
    pub fn counts(&self) -> FaultCounts {
        FaultCounts {
            latency: self.latency.load(Ordering::Relaxed),
            errors: self.errors.load(Ordering::Relaxed),
            rate_limits: self.rate_limits.load(Ordering::Relaxed),
            resets: self.resets.load(Ordering::Relaxed),
            truncations: self.truncations.load(Ordering::Relaxed),
        }
    }

    fn lock(&self) -> MutexGuard<'_, FaultState> {
        // The state is always consistent (plain assignments), so a poisoned lock is usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Draws one request's fate. No draw at all while the spec is empty, so enabling faults
    /// mid-run gives the same decisions however many requests came before.
    fn decide(&self) -> Decision {
        let mut st = self.lock();
        let spec = st.spec.clone();
        let mut decision = Decision {
            latency_ms: spec.latency_ms.unwrap_or(0),
            error: None,
            rate_limit: None,
            reset: false,
            truncate: false,
        };
        if spec.is_empty() {
            return decision;
        }
        // A fixed number of draws per request keeps the stream aligned whatever fires.
        let rng = &mut st.rng;
        let rolls: [f64; 4] = [rng.r#gen(), rng.r#gen(), rng.r#gen(), rng.r#gen()];
        let which = rng.gen_range(0..ERRORS.len());
        let hit = |roll: f64, rate: Option<f64>| roll < rate.unwrap_or(0.0);
        if hit(rolls[0], spec.error_rate) {
            decision.error = Some(ERRORS[which].0);
        } else if hit(rolls[1], spec.rate_limit_rate) {
            decision.rate_limit = Some(spec.retry_after());
        } else if hit(rolls[2], spec.reset_rate) {
            decision.reset = true;
        } else if hit(rolls[3], spec.truncate_rate) {
            decision.truncate = true;
        }
        decision
    }
}

impl std::fmt::Debug for Faults {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Faults")
            .field("spec", &self.spec())
            .field("counts", &self.counts())
            .finish()
    }
}

/// axum middleware for the Dfns routes:
/// `axum::middleware::from_fn_with_state(faults.clone(), faults::inject)`.
pub async fn inject(State(faults): State<Arc<Faults>>, req: Request, next: Next) -> Response {
    // Belt and braces: the control routes must stay reachable to switch faults off.
    let path = req.uri().path();
    if path == "/_emulator" || path.starts_with("/_emulator/") {
        return next.run(req).await;
    }
    let target = format!("{} {}", req.method(), req.uri().path());
    if !faults.spec().applies_to(&target) {
        return next.run(req).await;
    }
    let decision = faults.decide();

    if decision.latency_ms > 0 {
        faults.latency.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(Duration::from_millis(decision.latency_ms)).await;
    }
    if let Some(status) = decision.error {
        faults.errors.fetch_add(1, Ordering::Relaxed);
        tracing::info!(%target, status, "fault: injected server error");
        let message = ERRORS
            .iter()
            .find(|(s, _)| *s == status)
            .map_or("Internal Server Error", |(_, m)| m);
        return EmuError::new(status, message).into_response();
    }
    if let Some(secs) = decision.rate_limit {
        faults.rate_limits.fetch_add(1, Ordering::Relaxed);
        tracing::info!(%target, retry_after = secs, "fault: injected rate limit");
        let mut resp = EmuError::new(429, "Too Many Requests").into_response();
        resp.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        return resp;
    }

    // The handler runs: a state-changing request IS performed, whatever the client sees.
    let resp = next.run(req).await;
    if !decision.reset && !decision.truncate {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(e) => {
            tracing::warn!(%target, error = %e, "fault: cannot read the handler's body");
            return EmuError::new(500, "Internal Server Error").into_response();
        }
    };

    if decision.reset {
        faults.resets.fetch_add(1, Ordering::Relaxed);
        tracing::info!(%target, "fault: injected connection reset");
        // Promise at least one byte, then fail the stream: hyper aborts the connection.
        parts.headers.insert(
            header::CONTENT_LENGTH,
            HeaderValue::from(bytes.len().max(1)),
        );
        let broken = futures::stream::once(async {
            Err::<Bytes, std::io::Error>(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "emulated connection reset",
            ))
        });
        return Response::from_parts(parts, Body::from_stream(broken));
    }

    // Truncation applies to successful answers only: a well-formed HTTP message whose
    // JSON is cut in half.
    if !parts.status.is_success() || bytes.is_empty() {
        return Response::from_parts(parts, Body::from(bytes));
    }
    faults.truncations.fetch_add(1, Ordering::Relaxed);
    tracing::info!(%target, "fault: injected truncated body");
    let cut = bytes.slice(..bytes.len() / 2);
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(cut.len()));
    Response::from_parts(parts, Body::from(cut))
}
