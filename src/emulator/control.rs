//! Control routes under `/_emulator/`: outside every Dfns path, unauthenticated, loopback
//! only, never behind fault injection.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::emulator::error::EmuError;
use crate::emulator::faults::FaultSpec;
use crate::emulator::server::{EmuState, RequestCounters};

pub fn router() -> Router<EmuState> {
    Router::new()
        .route("/clock", get(clock))
        .route("/clock/advance", post(advance))
        .route(
            "/faults",
            post(set_faults).delete(clear_faults).get(get_faults),
        )
        .route("/stats", get(stats).delete(reset_stats))
        .layer(middleware::from_fn(loopback_only))
}

/// Refuses what is not a local tool talking to the emulator: a peer off the loopback, a
/// `Host` that is not a loopback name (DNS rebinding: a web page's own host name resolving
/// to 127.0.0.1), any `Origin` of another site (a browser page), and a body that is not
/// JSON (an HTML form can post `text/plain` cross-site without a preflight). In-process
/// requests (tests' `oneshot`) carry no peer address and are local by construction.
async fn loopback_only(req: Request, next: Next) -> Response {
    if let Some(ConnectInfo(peer)) = req.extensions().get::<ConnectInfo<SocketAddr>>()
        && !peer.ip().is_loopback()
    {
        return EmuError::new(403, "control routes answer loopback clients only").into_response();
    }
    let headers = req.headers();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if let Some(host) = host
        && !is_loopback_host(host)
    {
        return EmuError::new(403, "control routes answer a loopback Host only").into_response();
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let local = origin
            .to_str()
            .ok()
            .and_then(|o| o.strip_prefix("http://"))
            .is_some_and(is_loopback_host);
        if !local {
            return EmuError::new(403, "control routes refuse requests from other origins")
                .into_response();
        }
    }
    let has_body = req.method() == Method::POST;
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if has_body && !json {
        return EmuError::new(415, "control routes take Content-Type: application/json")
            .into_response();
    }
    next.run(req).await
}

/// `127.0.0.1[:port]`, any 127/8 address, `localhost[:port]` or `[::1][:port]`.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) {
                h
            } else {
                host
            }
        }),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn clock_body(state: &EmuState) -> serde_json::Value {
    json!({
        "now": crate::dfns::model::Timestamp::from_datetime(state.clock.now()).as_str(),
        "speed": state.clock.speed(),
    })
}

async fn clock(State(state): State<EmuState>) -> Response {
    Json(clock_body(&state)).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    seconds: f64,
}

async fn advance(State(state): State<EmuState>, body: Bytes) -> Result<Response, EmuError> {
    let a: Advance = serde_json::from_slice(&body)
        .map_err(|e| EmuError::bad_request(format!("expected {{\"seconds\": N}}: {e}")))?;
    if !a.seconds.is_finite() || a.seconds < 0.0 {
        return Err(EmuError::field("seconds", "must be a non-negative number"));
    }
    let headroom = state.clock.headroom().num_seconds();
    if a.seconds > headroom as f64 {
        return Err(EmuError::field(
            "seconds",
            format!("would move the clock past the end of year 9999 (at most {headroom} from now)"),
        ));
    }
    state
        .clock
        .advance(chrono::Duration::milliseconds((a.seconds * 1000.0) as i64));
    // Apply what became due now, so the next read sees it even without a Dfns call.
    drop(state.world_now());
    Ok(Json(clock_body(&state)).into_response())
}

/// Sets the faults from a JSON object. Errors name the keys and ranges, never what was sent
/// (a control answer does not echo request bodies); `GET` shows the spec in force.
async fn set_faults(State(state): State<EmuState>, body: Bytes) -> Result<Response, EmuError> {
    let invalid = || {
        EmuError::bad_request(format!(
            "invalid fault spec: expected a JSON object with keys among: {}, rates in [0, 1]",
            crate::emulator::faults::KEYS
        ))
    };
    let text = std::str::from_utf8(&body).map_err(|_| invalid())?;
    if !text.trim_start().starts_with('{') {
        return Err(invalid());
    }
    let spec = FaultSpec::parse(text).map_err(|_| invalid())?;
    state.faults.set(spec);
    Ok(Json(json!({ "set": true })).into_response())
}

async fn clear_faults(State(state): State<EmuState>) -> Response {
    state.faults.clear();
    Json(state.faults.spec()).into_response()
}

async fn get_faults(State(state): State<EmuState>) -> Response {
    Json(json!({ "spec": state.faults.spec(), "injected": state.faults.counts() })).into_response()
}

async fn stats(
    State(state): State<EmuState>,
    Extension(requests): Extension<Arc<RequestCounters>>,
) -> Response {
    let (world, _) = state.world_now();
    Json(json!({
        "payouts": world.payout_count(),
        "active": world.active_count(),
        "counters": world.stats,
        "faults": state.faults.counts(),
        "requests": requests.snapshot(),
    }))
    .into_response()
}

/// Zeroes the request counters only: the world's counters describe its history, not a
/// measurement window.
async fn reset_stats(Extension(requests): Extension<Arc<RequestCounters>>) -> Response {
    requests.reset();
    Json(json!({ "requests": requests.snapshot() })).into_response()
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Method, StatusCode, header};
    use serde_json::Value;
    use tower::ServiceExt;

    use crate::emulator::{Options, build_state, server};

    /// Sends one request; answers the status and the body bytes the client received.
    async fn send(
        app: &axum::Router,
        method: Method,
        path: &str,
        token: &str,
    ) -> (StatusCode, Vec<u8>) {
        let req = axum::http::Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap();
        let resp = app.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, body.to_vec())
    }

    async fn requests(app: &axum::Router) -> Value {
        let (status, body) = send(app, Method::GET, "/_emulator/stats", "").await;
        assert_eq!(status, StatusCode::OK);
        let v: Value = serde_json::from_slice(&body).unwrap();
        for key in ["payouts", "active", "counters", "faults"] {
            assert!(v.get(key).is_some(), "stats lost its key {key}: {v}");
        }
        v["requests"].clone()
    }

    #[tokio::test]
    async fn counts_dfns_requests_and_bytes_per_route_and_resets() {
        let (state, creds, _) = build_state(&Options::default()).unwrap();
        let token = creds[0].token.expose().to_owned();
        let app = server::router(state);

        let (_, a) = send(&app, Method::GET, "/payouts?limit=20", &token).await;
        let (_, b) = send(&app, Method::GET, "/payouts?limit=50", &token).await;
        let (_, c) = send(&app, Method::GET, "/payouts/po-missing", &token).await;
        let (status, d) = send(&app, Method::GET, "/no/such/route", &token).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // Control routes are not Dfns traffic.
        send(&app, Method::GET, "/_emulator/clock", "").await;

        let r = requests(&app).await;
        let count = |route: &str| {
            (
                r["routes"][route]["requests"].as_u64(),
                r["routes"][route]["bytes"].as_u64(),
            )
        };
        let len = |b: &[u8]| b.len() as u64;
        assert!(!a.is_empty() && !c.is_empty() && !d.is_empty());
        assert_eq!(count("GET /payouts"), (Some(2), Some(len(&a) + len(&b))));
        assert_eq!(count("GET /payouts/{id}"), (Some(1), Some(len(&c))));
        assert_eq!(count("GET (unmatched)"), (Some(1), Some(len(&d))));
        assert_eq!(r["routes"].as_object().map(|m| m.len()), Some(3), "{r}");
        assert_eq!(r["total"]["requests"].as_u64(), Some(4));
        let total = len(&a) + len(&b) + len(&c) + len(&d);
        assert_eq!(r["total"]["bytes"].as_u64(), Some(total));

        let (status, _) = send(&app, Method::DELETE, "/_emulator/stats", "").await;
        assert_eq!(status, StatusCode::OK);
        let r = requests(&app).await;
        assert_eq!(r["total"]["requests"].as_u64(), Some(0));
        assert_eq!(r["routes"].as_object().map(|m| m.len()), Some(0));
    }
}
