//! Errors of key loading, signing and verification. They carry labels, OIDs and algorithm
//! names only: never PEM text, key bytes or the library error that might quote them.

use super::KeyAlgorithm;

/// Loading, exporting, generating a key, or signing with it failed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyError {
    #[error(
        "no PEM block found; expected a key file starting with `-----BEGIN PRIVATE KEY-----`, \
         `-----BEGIN EC PRIVATE KEY-----`, `-----BEGIN RSA PRIVATE KEY-----` or `-----BEGIN PUBLIC KEY-----`"
    )]
    NoPem,
    #[error(
        "the PEM block labelled {label:?} is malformed ({reason}); re-export it, e.g. `openssl pkey -in key.pem -out fixed.pem`"
    )]
    MalformedPem { label: String, reason: &'static str },
    #[error(
        "the private key is encrypted ({label:?}); decrypt it to an unencrypted PKCS#8 file first: \
         `openssl pkey -in encrypted.pem -out key.pem && chmod 600 key.pem`"
    )]
    Encrypted { label: String },
    #[error("unsupported PEM label {label:?}; expected one of: {expected}")]
    UnsupportedLabel {
        label: String,
        expected: &'static str,
    },
    #[error(
        "this is a public key ({label:?}) but a private key is needed; use the private key file \
         whose public half was registered with Dfns"
    )]
    NotAPrivateKey { label: String },
    #[error(
        "this is a private key ({label:?}) but a public key is needed; export it with `openssl pkey -in key.pem -pubout`"
    )]
    NotAPublicKey { label: String },
    #[error(
        "unsupported key algorithm OID {oid}; Dfns keys are Ed25519 (1.3.101.112), EC (1.2.840.10045.2.1) or RSA (1.2.840.113549.1.1.1)"
    )]
    UnsupportedAlgorithm { oid: String },
    #[error(
        "unsupported elliptic curve OID {oid}; use P-256 (1.2.840.10045.3.1.7) or secp256k1 (1.3.132.0.10)"
    )]
    UnsupportedCurve { oid: String },
    #[error(
        "the EC key does not name its curve ({detail}); re-export it with a named curve: \
         `openssl pkey -in key.pem -out key-pkcs8.pem` or `openssl ec -in key.pem -param_enc named_curve`"
    )]
    MissingCurve { detail: &'static str },
    #[error(
        "could not decode the {algorithm} key from its {format} encoding; check the file or regenerate the key"
    )]
    Malformed {
        algorithm: &'static str,
        format: &'static str,
    },
    #[error("could not encode the {algorithm} key as {format}")]
    Encode {
        algorithm: KeyAlgorithm,
        format: &'static str,
    },
    #[error("could not generate a new {algorithm} key")]
    Generate { algorithm: KeyAlgorithm },
    #[error("signing with the {algorithm} key failed")]
    Sign { algorithm: KeyAlgorithm },
}

/// A signature did not verify, or could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VerifyError {
    #[error(
        "the signature is not a valid {algorithm} signature encoding (expected {expected}, got {len} bytes)"
    )]
    Encoding {
        algorithm: KeyAlgorithm,
        expected: &'static str,
        len: usize,
    },
    #[error("the signature does not verify under the {algorithm} public key")]
    Mismatch { algorithm: KeyAlgorithm },
}

/// Base64url input could not be decoded.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error(
        "invalid base64url: unexpected character at offset {offset} (alphabet is A-Z a-z 0-9 - _)"
    )]
    InvalidByte { offset: usize },
    #[error("invalid base64url: {len} characters cannot be a complete encoding")]
    InvalidLength { len: usize },
    #[error("invalid base64url: the last character carries bits that must be zero")]
    InvalidLastSymbol,
    #[error("invalid base64url: misplaced `=` padding")]
    InvalidPadding,
}

impl From<base64::DecodeError> for DecodeError {
    fn from(err: base64::DecodeError) -> Self {
        match err {
            base64::DecodeError::InvalidByte(offset, _) => Self::InvalidByte { offset },
            base64::DecodeError::InvalidLength(len) => Self::InvalidLength { len },
            base64::DecodeError::InvalidLastSymbol(_, _) => Self::InvalidLastSymbol,
            base64::DecodeError::InvalidPadding => Self::InvalidPadding,
        }
    }
}
