//! Public keys: load SPKI or PKCS#1 PEM, export SPKI, verify Dfns user-action signatures.

use std::fmt;

use pkcs8::{DecodePublicKey as _, EncodePublicKey as _, LineEnding, SubjectPublicKeyInfoRef};
use rsa::pkcs1::DecodeRsaPublicKey as _;
use rsa::signature::Verifier as _;
use sha2::Sha256;

use super::pem::{self, OID_EC, OID_ED25519, OID_P256, OID_RSA, OID_SECP256K1};
use super::{KeyAlgorithm, KeyError, VerifyError};

/// The public half of a signing key, as registered with Dfns.
#[derive(Clone)]
pub struct PublicKey {
    inner: PublicKeyInner,
}

#[derive(Clone)]
pub(super) enum PublicKeyInner {
    Ed25519(ed25519_dalek::VerifyingKey),
    P256(p256::ecdsa::VerifyingKey),
    Secp256k1(k256::ecdsa::VerifyingKey),
    Rsa(Box<rsa::RsaPublicKey>),
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("algorithm", &self.algorithm())
            .finish_non_exhaustive()
    }
}

/// Two keys are equal when their SPKI encodings are.
impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.to_spki_der() == other.to_spki_der()
    }
}

impl Eq for PublicKey {}

impl PublicKey {
    pub(super) fn from_inner(inner: PublicKeyInner) -> Self {
        Self { inner }
    }

    /// Loads SPKI `PUBLIC KEY` (Ed25519, P-256, secp256k1, RSA) or PKCS#1 `RSA PUBLIC KEY`.
    pub fn from_pem(pem_text: &str) -> Result<PublicKey, KeyError> {
        let block = pem::first_block(pem_text)?;
        let inner = match block.label.as_str() {
            "PUBLIC KEY" => from_spki(&block.der)?,
            "RSA PUBLIC KEY" => rsa::RsaPublicKey::from_pkcs1_der(&block.der)
                .map(|k| PublicKeyInner::Rsa(Box::new(k)))
                .map_err(|_| KeyError::Malformed {
                    algorithm: "RSA",
                    format: "PKCS#1",
                })?,
            label if label.contains("PRIVATE KEY") => {
                return Err(KeyError::NotAPublicKey {
                    label: block.label.clone(),
                });
            }
            _ => {
                return Err(KeyError::UnsupportedLabel {
                    label: block.label.clone(),
                    expected: "PUBLIC KEY, RSA PUBLIC KEY",
                });
            }
        };
        Ok(PublicKey { inner })
    }

    pub fn algorithm(&self) -> KeyAlgorithm {
        match &self.inner {
            PublicKeyInner::Ed25519(_) => KeyAlgorithm::Ed25519,
            PublicKeyInner::P256(_) => KeyAlgorithm::P256,
            PublicKeyInner::Secp256k1(_) => KeyAlgorithm::Secp256k1,
            PublicKeyInner::Rsa(_) => KeyAlgorithm::Rsa,
        }
    }

    /// DER `SubjectPublicKeyInfo`. Encoding a key we already hold cannot fail in practice;
    /// an empty vector would only ever compare unequal.
    pub fn to_spki_der(&self) -> Vec<u8> {
        let doc = match &self.inner {
            PublicKeyInner::Ed25519(k) => k.to_public_key_der(),
            PublicKeyInner::P256(k) => k.to_public_key_der(),
            PublicKeyInner::Secp256k1(k) => k.to_public_key_der(),
            PublicKeyInner::Rsa(k) => k.to_public_key_der(),
        };
        doc.map(|d| d.as_bytes().to_vec()).unwrap_or_default()
    }

    /// SPKI `-----BEGIN PUBLIC KEY-----` PEM with LF line endings, the form Dfns registers.
    pub fn to_spki_pem(&self) -> String {
        let pem = match &self.inner {
            PublicKeyInner::Ed25519(k) => k.to_public_key_pem(LineEnding::LF),
            PublicKeyInner::P256(k) => k.to_public_key_pem(LineEnding::LF),
            PublicKeyInner::Secp256k1(k) => k.to_public_key_pem(LineEnding::LF),
            PublicKeyInner::Rsa(k) => k.to_public_key_pem(LineEnding::LF),
        };
        pem.unwrap_or_default()
    }

    /// Verifies a Dfns user-action signature over `message` (the raw clientData bytes).
    /// ECDSA signatures are normalized to low S first, because OpenSSL and Node emit
    /// high-S signatures half of the time and k256 would reject them.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), VerifyError> {
        let algorithm = self.algorithm();
        let mismatch = || VerifyError::Mismatch { algorithm };
        let encoding = |expected| VerifyError::Encoding {
            algorithm,
            expected,
            len: signature.len(),
        };
        match &self.inner {
            PublicKeyInner::Ed25519(k) => {
                let bytes: &[u8; 64] = signature
                    .try_into()
                    .map_err(|_| encoding("64 raw bytes R||S"))?;
                let sig = ed25519_dalek::Signature::from_bytes(bytes);
                k.verify_strict(message, &sig).map_err(|_| mismatch())
            }
            PublicKeyInner::P256(k) => {
                let sig = p256::ecdsa::Signature::from_der(signature)
                    .map_err(|_| encoding("ASN.1 DER SEQUENCE { r, s }"))?;
                let sig = sig.normalize_s().unwrap_or(sig);
                k.verify(message, &sig).map_err(|_| mismatch())
            }
            PublicKeyInner::Secp256k1(k) => {
                let sig = k256::ecdsa::Signature::from_der(signature)
                    .map_err(|_| encoding("ASN.1 DER SEQUENCE { r, s }"))?;
                let sig = sig.normalize_s().unwrap_or(sig);
                k.verify(message, &sig).map_err(|_| mismatch())
            }
            PublicKeyInner::Rsa(k) => {
                let sig = rsa::pkcs1v15::Signature::try_from(signature)
                    .map_err(|_| encoding("PKCS#1 v1.5 signature bytes"))?;
                rsa::pkcs1v15::VerifyingKey::<Sha256>::new(k.as_ref().clone())
                    .verify(message, &sig)
                    .map_err(|_| mismatch())
            }
        }
    }
}

fn from_spki(der: &[u8]) -> Result<PublicKeyInner, KeyError> {
    let info = SubjectPublicKeyInfoRef::try_from(der).map_err(|_| KeyError::Malformed {
        algorithm: "public",
        format: "SPKI",
    })?;
    let oid = info.algorithm.oid;
    if oid == OID_ED25519 {
        ed25519_dalek::VerifyingKey::from_public_key_der(der)
            .map(PublicKeyInner::Ed25519)
            .map_err(|_| KeyError::Malformed {
                algorithm: "Ed25519",
                format: "SPKI",
            })
    } else if oid == OID_EC {
        let curve = info
            .algorithm
            .parameters_oid()
            .map_err(|_| KeyError::MissingCurve {
                detail: "SPKI EC key without a named-curve parameter",
            })?;
        if curve == OID_P256 {
            p256::ecdsa::VerifyingKey::from_public_key_der(der)
                .map(PublicKeyInner::P256)
                .map_err(|_| KeyError::Malformed {
                    algorithm: "ECDSA P-256",
                    format: "SPKI",
                })
        } else if curve == OID_SECP256K1 {
            k256::ecdsa::VerifyingKey::from_public_key_der(der)
                .map(PublicKeyInner::Secp256k1)
                .map_err(|_| KeyError::Malformed {
                    algorithm: "ECDSA secp256k1",
                    format: "SPKI",
                })
        } else {
            Err(KeyError::UnsupportedCurve {
                oid: curve.to_string(),
            })
        }
    } else if oid == OID_RSA {
        rsa::RsaPublicKey::from_public_key_der(der)
            .map(|k| PublicKeyInner::Rsa(Box::new(k)))
            .map_err(|_| KeyError::Malformed {
                algorithm: "RSA",
                format: "SPKI",
            })
    } else {
        Err(KeyError::UnsupportedAlgorithm {
            oid: oid.to_string(),
        })
    }
}
