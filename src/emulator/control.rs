//! Control routes under `/_emulator/`: outside every Dfns path, unauthenticated, loopback
//! only, never behind fault injection.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::emulator::error::EmuError;
use crate::emulator::faults::FaultSpec;
use crate::emulator::server::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/clock", get(clock))
        .route("/clock/advance", post(advance))
        .route(
            "/faults",
            post(set_faults).delete(clear_faults).get(get_faults),
        )
        .route("/stats", get(stats))
        .layer(middleware::from_fn(loopback_only))
}

/// Refuses peers off the loopback. In-process requests (tests' `oneshot`) carry no peer
/// address and are local by construction.
async fn loopback_only(req: Request, next: Next) -> Response {
    match req.extensions().get::<ConnectInfo<SocketAddr>>() {
        Some(ConnectInfo(peer)) if !peer.ip().is_loopback() => {
            EmuError::new(403, "control routes answer loopback clients only").into_response()
        }
        _ => next.run(req).await,
    }
}

fn clock_body(state: &AppState) -> serde_json::Value {
    json!({
        "now": crate::dfns::model::Timestamp::from_datetime(state.clock.now()).as_str(),
        "speed": state.clock.speed(),
    })
}

async fn clock(State(state): State<AppState>) -> Response {
    Json(clock_body(&state)).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    seconds: f64,
}

async fn advance(State(state): State<AppState>, body: Bytes) -> Result<Response, EmuError> {
    let a: Advance = serde_json::from_slice(&body)
        .map_err(|e| EmuError::bad_request(format!("expected {{\"seconds\": N}}: {e}")))?;
    if !a.seconds.is_finite() || a.seconds < 0.0 {
        return Err(EmuError::field("seconds", "must be a non-negative number"));
    }
    state
        .clock
        .advance(chrono::Duration::milliseconds((a.seconds * 1000.0) as i64));
    // Apply what became due now, so the next read sees it even without a Dfns call.
    drop(state.world_now());
    Ok(Json(clock_body(&state)).into_response())
}

async fn set_faults(State(state): State<AppState>, body: Bytes) -> Result<Response, EmuError> {
    let text =
        std::str::from_utf8(&body).map_err(|_| EmuError::bad_request("body must be UTF-8 JSON"))?;
    let spec = FaultSpec::parse(text).map_err(EmuError::bad_request)?;
    state.faults.set(spec.clone());
    Ok(Json(spec).into_response())
}

async fn clear_faults(State(state): State<AppState>) -> Response {
    state.faults.clear();
    Json(state.faults.spec()).into_response()
}

async fn get_faults(State(state): State<AppState>) -> Response {
    Json(json!({ "spec": state.faults.spec(), "injected": state.faults.counts() })).into_response()
}

async fn stats(State(state): State<AppState>) -> Response {
    let (world, _) = state.world_now();
    Json(json!({
        "payouts": world.payout_count(),
        "active": world.active_count(),
        "counters": world.stats,
        "faults": state.faults.counts(),
    }))
    .into_response()
}
