//! Dfns user-action signing: keys in the PEM forms Dfns users hold, the `clientData` that is
//! signed, the signature formats Dfns expects, and the verifier the emulator uses.
//! See docs/reference/auth-and-signing.md §3.4–3.7 and §6 (the worked Ed25519 vector).
//!
//! Imports nothing of this crate except [`crate::dfns::secret`].

mod error;
mod pem;
mod private;
mod public;
#[cfg(test)]
mod tests;

use std::fmt;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

pub use error::{DecodeError, KeyError, VerifyError};
pub use private::PrivateKey;
pub use public::PublicKey;
use public::PublicKeyInner;

/// The signature algorithms Dfns accepts for Key credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyAlgorithm {
    Ed25519,
    P256,
    Secp256k1,
    Rsa,
}

impl KeyAlgorithm {
    pub const ALL: [KeyAlgorithm; 4] = [Self::Ed25519, Self::P256, Self::Secp256k1, Self::Rsa];
}

impl fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Ed25519 => "Ed25519",
            Self::P256 => "ECDSA P-256",
            Self::Secp256k1 => "ECDSA secp256k1",
            Self::Rsa => "RSA",
        })
    }
}

/// The exact bytes the official TS signer signs: `{"type":"key.get","challenge":"<C>"}`,
/// compact, in this key order. The challenge is used verbatim (never decoded) and escaped
/// as JSON; built by hand so the order does not depend on serde_json's `preserve_order`.
pub fn client_data(challenge: &str) -> Vec<u8> {
    let challenge = serde_json::Value::String(challenge.to_owned());
    format!(r#"{{"type":"key.get","challenge":{challenge}}}"#).into_bytes()
}

/// RFC 4648 §5 base64url without padding, as every Dfns SDK emits.
pub fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes base64url with or without `=` padding (the official TS code re-pads, so both
/// reach the server).
pub fn b64url_decode(s: &str) -> Result<Vec<u8>, DecodeError> {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &alphabet::URL_SAFE,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    Ok(LENIENT.decode(s.trim())?)
}

/// A signed `clientData`, ready for `firstFactor.credentialAssertion`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assertion {
    pub client_data: Vec<u8>,
    pub signature: Vec<u8>,
}

impl Assertion {
    /// `credentialAssertion.clientData` on the wire.
    pub fn client_data_b64url(&self) -> String {
        b64url(&self.client_data)
    }

    /// `credentialAssertion.signature` on the wire.
    pub fn signature_b64url(&self) -> String {
        b64url(&self.signature)
    }
}

/// Builds [`client_data`] for `challenge` and signs those exact bytes with `key`.
pub fn sign_challenge(key: &PrivateKey, challenge: &str) -> Result<Assertion, KeyError> {
    let client_data = client_data(challenge);
    let signature = key.sign(&client_data)?;
    Ok(Assertion {
        client_data,
        signature,
    })
}
