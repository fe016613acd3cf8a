//! The HTTP face of the emulator: shared state, the router, and the middleware every answer
//! passes through (the emulated `Date`, the error envelope on unknown routes).

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use rand::rngs::StdRng;

use crate::emulator::auth::{Auth, Permission, Principal};
use crate::emulator::clock::Clock;
use crate::emulator::error::EmuError;
use crate::emulator::faults::{self, Faults};
use crate::emulator::world::World;
use crate::emulator::{control, handlers};

/// Everything the handlers share. Each lock is held for one short, synchronous step.
pub struct Shared {
    pub world: Mutex<World>,
    pub auth: Mutex<AuthState>,
    pub clock: Clock,
    pub faults: Arc<Faults>,
    pub started: Instant,
}

pub struct AuthState {
    pub auth: Auth,
    pub rng: StdRng,
}

pub type AppState = Arc<Shared>;

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

/// The whole emulator: Dfns routes (behind fault injection) and the control routes.
pub fn router(state: AppState) -> Router {
    let dfns = Router::new()
        .route("/auth/action/init", post(handlers::auth_init))
        .route("/auth/action", post(handlers::auth_complete))
        .route("/payouts/quote", post(handlers::quote))
        .route("/payouts", post(handlers::create).get(handlers::list))
        .route("/payouts/{id}", get(handlers::get_payout))
        .route("/payouts/{id}/action", post(handlers::action))
        .route("/wallets", get(handlers::list_wallets))
        .route("/wallets/{id}", get(handlers::get_wallet))
        .route("/wallets/{id}/assets", get(handlers::wallet_assets))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(
            state.faults.clone(),
            faults::inject,
        ));
    Router::new()
        .nest("/_emulator", control::router())
        .merge(dfns)
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
async fn emulated_date(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let now: std::time::SystemTime = state.clock.now().into();
    if let Ok(v) = HeaderValue::from_str(&httpdate::fmt_http_date(now)) {
        resp.headers_mut().insert(header::DATE, v);
    }
    resp
}
