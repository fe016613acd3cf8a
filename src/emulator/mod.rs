//! A wire-compatible emulator of the Dfns payouts API: a real HTTP server that enforces the
//! reference's rules (auth, user-action signatures, permissions, lifecycle, expiry,
//! idempotency) and moves payouts through their life on its own clock. It backs
//! `payouts-tui demo`, every test, and `payouts-tui emulator` for anyone integrating Dfns
//! payouts. Depends on `dfns::{model, signing}` only.

pub mod approval_routes;
pub mod approvals;
pub mod auth;
pub mod catalog;
pub mod clock;
pub mod control;
pub mod credentials;
pub mod error;
pub mod faults;
pub mod handlers;
pub mod ids;
pub mod lifecycle;
pub mod prices;
pub mod query;
pub mod seed;
pub mod server;
pub mod store;
pub mod validate;
pub mod world;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::SeedableRng;
use rand::rngs::StdRng;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::dfns::model::Wallet;
use crate::dfns::secret::Secret;
use auth::{Auth, AuthConfig};
use faults::{FaultSpec, Faults};
use server::{AuthState, EmuState, Shared};

#[derive(Debug, Clone)]
pub struct Options {
    pub listen: SocketAddr,
    /// Emulated seconds per real second.
    pub speed: f64,
    pub seed: u64,
    /// Extra finished payouts, for scale tests.
    pub history: usize,
    pub faults: FaultSpec,
    /// Compare the signed payload with the body byte for byte.
    pub strict_body: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            speed: 1.0,
            seed: 1,
            history: 0,
            faults: FaultSpec::default(),
            strict_body: false,
        }
    }
}

/// What a client needs to act as one of the seeded principals.
#[derive(Debug, Clone)]
pub struct PrincipalCredentials {
    pub name: String,
    pub user_id: String,
    pub token: Secret,
    pub cred_id: String,
    pub private_key_pem: Secret,
}

/// A running emulator. Dropping it stops the server.
pub struct Running {
    pub addr: SocketAddr,
    pub principals: Vec<PrincipalCredentials>,
    pub wallets: Vec<Wallet>,
    pub state: EmuState,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Running {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn principal(&self, name: &str) -> Option<&PrincipalCredentials> {
        self.principals.iter().find(|p| p.name == name)
    }

    /// Moves the emulated clock forward (the control route does the same over HTTP).
    pub fn advance(&self, by: chrono::Duration) {
        self.state.clock.advance(by);
    }

    /// Stops accepting, finishes in-flight requests, and waits for the server to end.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Builds the seeded state (no I/O).
pub fn build_state(
    opts: &Options,
) -> Result<(EmuState, Vec<PrincipalCredentials>, Vec<Wallet>), String> {
    opts.faults.validate()?;
    let now = chrono::Utc::now();
    let org = seed::org(opts.seed, opts.history, now)?;
    let mut creds = Vec::new();
    for k in &org.principals {
        let pem = k.key.to_pkcs8_pem().map_err(|e| e.to_string())?;
        creds.push(PrincipalCredentials {
            name: k.principal.name.clone(),
            user_id: k.principal.user_id.clone(),
            token: Secret::new(k.principal.token.clone()),
            cred_id: k
                .principal
                .credentials
                .first()
                .map(|c| c.cred_id.clone())
                .unwrap_or_default(),
            private_key_pem: pem,
        });
    }
    let wallets = org
        .world
        .wallets()
        .iter()
        .map(|w| w.wallet.clone())
        .collect();
    let principals = org.principals.into_iter().map(|k| k.principal).collect();
    let auth = Auth::new(
        AuthConfig {
            challenge_ttl: Duration::from_secs(300),
            user_action_ttl: Duration::from_secs(300),
            strict_body: opts.strict_body,
        },
        principals,
    );
    let state = Arc::new(Shared {
        world: Mutex::new(org.world),
        auth: Mutex::new(AuthState {
            auth,
            rng: StdRng::seed_from_u64(opts.seed ^ 0x5eed),
        }),
        clock: clock::Clock::new(now, opts.speed),
        faults: Faults::new(opts.faults.clone(), opts.seed),
    });
    Ok((state, creds, wallets))
}

/// Binds `opts.listen` and serves in a background task.
pub async fn serve(opts: Options) -> Result<Running, String> {
    let (state, principals, wallets) = build_state(&opts)?;
    let listener = tokio::net::TcpListener::bind(opts.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", opts.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let app = server::router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "emulator server stopped");
        }
    });
    Ok(Running {
        addr,
        principals,
        wallets,
        state,
        shutdown: Some(tx),
        task: Some(task),
    })
}
