//! Unit tests of the auth core, with real generated keys and the signing module's
//! `sign_challenge` playing the client.

/// `refused!(fx, expr, status)`: evaluates `expr` (which may borrow `fx` mutably) before
/// handing the result to [`Fixture::refused`].
macro_rules! refused {
    ($fx:ident, $result:expr, $status:expr) => {{
        let result = $result;
        $fx.refused(result, $status)
    }};
}

mod bearer;
mod challenge;
mod init;
mod user_action;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use rand::SeedableRng as _;
use rand::rngs::StdRng;
use serde_json::json;

use super::{Auth, AuthConfig, Credential, Permission, Principal, mint_token};
use crate::dfns::signing::{KeyAlgorithm, PrivateKey, b64url, sign_challenge};
use crate::emulator::error::EmuError;

const ORG: &str = "or-test0-test0-0000000000000000";

/// One key per algorithm, shared across tests because RSA generation is slow.
fn key(algorithm: KeyAlgorithm) -> &'static PrivateKey {
    static KEYS: [OnceLock<PrivateKey>; 4] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let index = KeyAlgorithm::ALL
        .iter()
        .position(|a| *a == algorithm)
        .unwrap();
    KEYS[index].get_or_init(|| {
        let mut rng = StdRng::seed_from_u64(100 + index as u64);
        PrivateKey::generate(algorithm, &mut rng).unwrap()
    })
}

fn cred_id(user: &str, algorithm: KeyAlgorithm) -> String {
    b64url(format!("ci-{user}-{algorithm}").as_bytes())
}

/// A principal holding one credential per algorithm in `algorithms`.
fn principal(
    name: &str,
    user_id: &str,
    algorithms: &[KeyAlgorithm],
    permissions: &[Permission],
    rng: &mut StdRng,
) -> Principal {
    let token_id = format!("to-{name}");
    Principal {
        name: name.to_owned(),
        user_id: user_id.to_owned(),
        token: mint_token(
            ORG,
            user_id,
            &token_id,
            "ServiceAccount",
            1_700_000_000,
            rng,
        ),
        token_id,
        org_id: ORG.to_owned(),
        kind: "ServiceAccount".to_owned(),
        permissions: permissions.to_vec(),
        credentials: algorithms
            .iter()
            .map(|a| Credential {
                cred_id: cred_id(user_id, *a),
                public_key: key(*a).public_key(),
            })
            .collect(),
    }
}

const OPERATOR: &str = "us-oper1-oper1-0000000000000001";
const OPERATOR2: &str = "us-oper2-oper2-0000000000000002";
const VIEWER: &str = "us-view1-view1-0000000000000003";

struct Fixture {
    auth: Auth,
    rng: StdRng,
    now: Instant,
    /// Every bearer and user-action token seen so far: no error may contain one.
    secrets: Vec<String>,
}

impl Fixture {
    fn new() -> Self {
        Self::with_config(AuthConfig::default())
    }

    /// `operator` holds a key of every algorithm; `operator2` a P-256 key; `viewer` none.
    fn with_config(config: AuthConfig) -> Self {
        let mut rng = StdRng::seed_from_u64(42);
        let principals = vec![
            principal(
                "operator",
                OPERATOR,
                &KeyAlgorithm::ALL,
                &Permission::ALL,
                &mut rng,
            ),
            principal(
                "operator2",
                OPERATOR2,
                &[KeyAlgorithm::P256],
                &Permission::ALL,
                &mut rng,
            ),
            principal("viewer", VIEWER, &[], &[Permission::PayoutsRead], &mut rng),
        ];
        let secrets = principals.iter().map(|p| p.token.clone()).collect();
        Fixture {
            auth: Auth::new(config, principals),
            rng,
            now: Instant::now(),
            secrets,
        }
    }

    fn later(&self, secs: u64) -> Instant {
        self.now + Duration::from_secs(secs)
    }

    /// Asserts `result` is a refusal with `status` that leaks no token; returns it.
    #[track_caller]
    fn refused<T>(&self, result: Result<T, EmuError>, status: u16) -> EmuError {
        let Err(err) = result else {
            panic!("expected a {status} refusal, got success");
        };
        assert_eq!(err.status, status, "{err} {:?}", err.details);
        let text = format!("{err} {:?} {}", err.details, err.body());
        for secret in &self.secrets {
            assert!(
                !text.contains(secret.as_str()),
                "error leaks a token: {text}"
            );
        }
        err
    }

    fn init(&mut self, user: &str, method: &str, path: &str, payload: &str) -> (String, String) {
        let body = init_body(method, path, payload);
        let c = self
            .auth
            .init(user, &body, self.now, &mut self.rng)
            .unwrap();
        (c.challenge, c.challenge_identifier)
    }

    /// The whole TS-style flow; returns the user-action token.
    fn sign(
        &mut self,
        user: &str,
        alg: KeyAlgorithm,
        method: &str,
        path: &str,
        payload: &str,
    ) -> String {
        let (challenge, identifier) = self.init(user, method, path, payload);
        let a = sign_challenge(key(alg), &challenge).unwrap();
        let body = complete_body(
            &identifier,
            &cred_id(user, alg),
            &a.client_data_b64url(),
            &a.signature_b64url(),
        );
        let token = self
            .auth
            .complete(user, &body, self.now, &mut self.rng)
            .unwrap()
            .user_action;
        self.secrets.push(token.clone());
        token
    }
}

fn init_body(method: &str, path: &str, payload: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "userActionPayload": payload,
        "userActionHttpMethod": method,
        "userActionHttpPath": path,
        "userActionServerKind": "Api",
    }))
    .unwrap()
}

fn complete_body(identifier: &str, cred_id: &str, client_data: &str, signature: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "challengeIdentifier": identifier,
        "firstFactor": {
            "kind": "Key",
            "credentialAssertion": {
                "credId": cred_id,
                "clientData": client_data,
                "signature": signature,
            },
        },
    }))
    .unwrap()
}

/// clientData the way the Python SDK builds it.
fn python_client_data(challenge: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "type": "key.get",
        "challenge": challenge,
        "origin": "https://app.dfns.io",
        "crossOrigin": false,
    }))
    .unwrap()
}
