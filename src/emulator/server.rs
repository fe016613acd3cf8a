//! The HTTP face of the emulator: shared state, the router, and the middleware every answer
//! passes through (the emulated `Date`, the error envelope on unknown routes, the
//! per-route request counters).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::HttpBody;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use rand::rngs::StdRng;
use serde::Serialize;

use crate::emulator::auth::{Auth, Permission, Principal};
use crate::emulator::clock::Clock;
use crate::emulator::error::EmuError;
use crate::emulator::faults::{self, Faults};
use crate::emulator::world::World;
use crate::emulator::{approval_routes, control, handlers};

/// Everything the handlers share. Each lock is held for one short, synchronous step.
pub struct Shared {
    pub world: Mutex<World>,
    pub auth: Mutex<AuthState>,
    pub clock: Clock,
    pub faults: Arc<Faults>,
}

pub struct AuthState {
    pub auth: Auth,
    pub rng: StdRng,
}

pub type EmuState = Arc<Shared>;

impl Shared {
    /// The world, moved to the emulated `now`.
    pub fn world_now(&self) -> (MutexGuard<'_, World>, chrono::DateTime<chrono::Utc>) {
        let now = self.clock.now();
        let mut w = lock(&self.world);
        w.tick(now);
        (w, now)
    }

    pub fn auth(&self) -> MutexGuard<'_, AuthState> {
        lock(&self.auth)
    }

    /// The caller, if its bearer token is valid and it holds `needed`.
    pub fn caller(
        &self,
        authorization: Option<&HeaderValue>,
        needed: Permission,
    ) -> Result<Principal, EmuError> {
        let value = authorization.and_then(|v| v.to_str().ok());
        let guard = self.auth();
        let p = guard.auth.authenticate(value)?;
        Auth::authorize(p, needed)?;
        Ok(p.clone())
    }
}

/// A poisoned lock means a handler panicked mid-update; the state is still the last
/// consistent one (every mutation is a single step), so keep serving.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The whole emulator: Dfns routes (behind fault injection, counted) and the control routes.
pub fn router(state: EmuState) -> Router {
    // Lives with the router rather than in `Shared`: only the control routes read it, and
    // they reach it as an extension.
    let counters = Arc::new(RequestCounters::default());
    let dfns = Router::new()
        .route("/auth/action/init", post(handlers::auth_init))
        .route("/auth/action", post(handlers::auth_complete))
        .route("/payouts/quote", post(handlers::quote))
        .route("/payouts", post(handlers::create).get(handlers::list))
        .route("/payouts/{id}", get(handlers::get_payout))
        .route("/payouts/{id}/action", post(handlers::action))
        .route("/wallets", get(handlers::list_wallets))
        .route("/auth/users", get(handlers::list_users))
        .route("/wallets/{id}", get(handlers::get_wallet))
        .route("/wallets/{id}/assets", get(handlers::wallet_assets))
        .route(
            "/wallets/{id}/transfers/{transfer_id}",
            get(approval_routes::get_transfer),
        )
        .route("/v2/policy-approvals", get(approval_routes::list_approvals))
        .route(
            "/v2/policy-approvals/{id}",
            get(approval_routes::get_approval),
        )
        .route(
            "/v2/policy-approvals/{id}/decisions",
            post(approval_routes::decide),
        )
        .route("/v2/policies", get(approval_routes::list_policies))
        .route("/v2/policies/{id}", get(approval_routes::get_policy))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(
            state.faults.clone(),
            faults::inject,
        ))
        // Outside fault injection, so injected errors count as what the client received.
        .layer(middleware::from_fn_with_state(
            counters.clone(),
            count_request,
        ));
    Router::new()
        .nest("/_emulator", control::router())
        .merge(dfns)
        .layer(Extension(counters))
        .layer(middleware::from_fn_with_state(state.clone(), emulated_date))
        .with_state(state)
}

async fn not_found() -> Response {
    EmuError::not_found("route not found").into_response()
}

async fn method_not_allowed() -> Response {
    EmuError::new(405, "method not allowed on this route").into_response()
}

/// Stamps every answer with the emulated clock, so a client's skew (and countdowns) follow
/// the emulated time.
async fn emulated_date(State(state): State<EmuState>, req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let now: std::time::SystemTime = state.clock.now().into();
    if let Ok(v) = HeaderValue::from_str(&httpdate::fmt_http_date(now)) {
        resp.headers_mut().insert(header::DATE, v);
    }
    resp
}

/// Requests and response body bytes of one `METHOD route-template` (or of all of them).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RouteCount {
    pub requests: u64,
    pub bytes: u64,
}

/// What clients cost the emulator on the Dfns routes, per route template: the measure of a
/// dashboard's polling. Read by `GET /_emulator/stats`, reset by `DELETE /_emulator/stats`.
#[derive(Debug, Default)]
pub struct RequestCounters {
    routes: Mutex<BTreeMap<String, RouteCount>>,
}

impl RequestCounters {
    pub fn record(&self, route: String, bytes: u64) {
        let mut routes = lock(&self.routes);
        let c = routes.entry(route).or_default();
        c.requests += 1;
        c.bytes += bytes;
    }

    /// `{"total": {requests, bytes}, "routes": {"GET /payouts": {requests, bytes}, ...}}`.
    pub fn snapshot(&self) -> serde_json::Value {
        let routes = lock(&self.routes).clone();
        let total = routes
            .values()
            .fold(RouteCount::default(), |acc, c| RouteCount {
                requests: acc.requests + c.requests,
                bytes: acc.bytes + c.bytes,
            });
        serde_json::json!({ "total": total, "routes": routes })
    }

    pub fn reset(&self) {
        lock(&self.routes).clear();
    }
}

/// Counts one Dfns-route request under its route template. Bytes come from the body's exact
/// size (JSON answers are one buffer), else from `Content-Length`, else 0 (a stream).
async fn count_request(
    State(counters): State<Arc<RequestCounters>>,
    req: Request,
    next: Next,
) -> Response {
    let template = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("(unmatched)", |m| m.as_str())
        .to_owned();
    let route = format!("{} {template}", req.method());
    let resp = next.run(req).await;
    let bytes = resp.body().size_hint().exact().or_else(|| {
        resp.headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
    });
    counters.record(route, bytes.unwrap_or(0));
    resp
}
