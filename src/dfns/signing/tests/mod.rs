//! Unit tests of the signing module. Cross-implementation checks against the `openssl`
//! command line live in tests/signing_openssl.rs.

mod errors;
mod keys;
mod vectors;

use std::sync::OnceLock;

use rand::SeedableRng as _;
use rand::rngs::StdRng;

use super::{KeyAlgorithm, PrivateKey};

/// One generated key per algorithm, shared because RSA generation is slow.
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
    KEYS[index].get_or_init(|| generate(algorithm, 7 + index as u64))
}

fn generate(algorithm: KeyAlgorithm, seed: u64) -> PrivateKey {
    PrivateKey::generate(algorithm, &mut StdRng::seed_from_u64(seed)).unwrap()
}

/// The base64 body lines of a PEM text, i.e. what must never leak into messages.
fn body_lines(pem: &str) -> Vec<String> {
    pem.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("-----"))
        .map(str::to_owned)
        .collect()
}
