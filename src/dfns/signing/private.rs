//! Private keys: load from any PEM form Dfns users have, sign, export, generate.

use std::fmt;

use ed25519_dalek::Signer as _;
use pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _, LineEnding, PrivateKeyInfo};
use rsa::pkcs1::DecodeRsaPrivateKey as _;
use rsa::signature::{RandomizedSigner as _, SignatureEncoding as _};
use sha2::Sha256;

use super::pem::{self, OID_EC, OID_ED25519, OID_P256, OID_RSA, OID_SECP256K1};
use super::{KeyAlgorithm, KeyError, PublicKey, PublicKeyInner};
use crate::dfns::secret::Secret;

const RSA_GENERATED_BITS: usize = 2048;

/// A user-action signing key. `Debug` names only the algorithm.
#[derive(Clone)]
pub struct PrivateKey {
    inner: Inner,
}

#[derive(Clone)]
enum Inner {
    Ed25519(ed25519_dalek::SigningKey),
    P256(p256::ecdsa::SigningKey),
    Secp256k1(k256::ecdsa::SigningKey),
    Rsa(Box<rsa::RsaPrivateKey>),
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("algorithm", &self.algorithm())
            .finish_non_exhaustive()
    }
}

impl PrivateKey {
    /// Loads `PRIVATE KEY` (PKCS#8), `EC PRIVATE KEY` (SEC1) or `RSA PRIVATE KEY` (PKCS#1).
    pub fn from_pem(pem_text: &str) -> Result<PrivateKey, KeyError> {
        let block = pem::first_block(pem_text)?;
        let inner = match block.label.as_str() {
            "PRIVATE KEY" => from_pkcs8(&block.der)?,
            "EC PRIVATE KEY" => from_sec1(&block.der)?,
            "RSA PRIVATE KEY" => rsa::RsaPrivateKey::from_pkcs1_der(&block.der)
                .map(|k| Inner::Rsa(Box::new(k)))
                .map_err(|_| KeyError::Malformed {
                    algorithm: "RSA",
                    format: "PKCS#1",
                })?,
            "PUBLIC KEY" | "RSA PUBLIC KEY" => {
                return Err(KeyError::NotAPrivateKey {
                    label: block.label.clone(),
                });
            }
            _ => {
                return Err(KeyError::UnsupportedLabel {
                    label: block.label.clone(),
                    expected: "PRIVATE KEY, EC PRIVATE KEY, RSA PRIVATE KEY",
                });
            }
        };
        Ok(PrivateKey { inner })
    }

    pub fn algorithm(&self) -> KeyAlgorithm {
        match &self.inner {
            Inner::Ed25519(_) => KeyAlgorithm::Ed25519,
            Inner::P256(_) => KeyAlgorithm::P256,
            Inner::Secp256k1(_) => KeyAlgorithm::Secp256k1,
            Inner::Rsa(_) => KeyAlgorithm::Rsa,
        }
    }

    /// Signs `message` as Dfns expects: Ed25519 raw 64 bytes; ECDSA over SHA-256 as DER with
    /// low S (RFC 6979, so deterministic); RSA PKCS#1 v1.5 over SHA-256.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        let algorithm = self.algorithm();
        match &self.inner {
            Inner::Ed25519(k) => Ok(k.sign(message).to_bytes().to_vec()),
            Inner::P256(k) => {
                let sig: p256::ecdsa::Signature = k
                    .try_sign(message)
                    .map_err(|_| KeyError::Sign { algorithm })?;
                // p256 does not normalize; some verifiers (and k256) reject high S.
                Ok(sig
                    .normalize_s()
                    .unwrap_or(sig)
                    .to_der()
                    .as_bytes()
                    .to_vec())
            }
            Inner::Secp256k1(k) => {
                let sig: k256::ecdsa::Signature = k
                    .try_sign(message)
                    .map_err(|_| KeyError::Sign { algorithm })?;
                Ok(sig
                    .normalize_s()
                    .unwrap_or(sig)
                    .to_der()
                    .as_bytes()
                    .to_vec())
            }
            Inner::Rsa(k) => {
                // PKCS#1 v1.5 is deterministic; the RNG only blinds the private operation
                // against timing attacks, the signature bytes are the same.
                let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(k.as_ref().clone());
                let sig = signer
                    .try_sign_with_rng(&mut rand::rngs::OsRng, message)
                    .map_err(|_| KeyError::Sign { algorithm })?;
                Ok(sig.to_vec())
            }
        }
    }

    pub fn public_key(&self) -> PublicKey {
        let inner = match &self.inner {
            Inner::Ed25519(k) => PublicKeyInner::Ed25519(k.verifying_key()),
            Inner::P256(k) => PublicKeyInner::P256(*k.verifying_key()),
            Inner::Secp256k1(k) => PublicKeyInner::Secp256k1(*k.verifying_key()),
            Inner::Rsa(k) => PublicKeyInner::Rsa(Box::new(k.to_public_key())),
        };
        PublicKey::from_inner(inner)
    }

    /// Unencrypted PKCS#8 `PRIVATE KEY` PEM with LF line endings (Ed25519 in the v1 form,
    /// without the public key, which every tool reads).
    pub fn to_pkcs8_pem(&self) -> Result<Secret, KeyError> {
        let algorithm = self.algorithm();
        let encoded = match &self.inner {
            Inner::Ed25519(k) => ed25519_dalek::pkcs8::KeypairBytes {
                secret_key: k.to_bytes(),
                public_key: None,
            }
            .to_pkcs8_pem(LineEnding::LF),
            Inner::P256(k) => k.to_pkcs8_pem(LineEnding::LF),
            Inner::Secp256k1(k) => k.to_pkcs8_pem(LineEnding::LF),
            Inner::Rsa(k) => k.to_pkcs8_pem(LineEnding::LF),
        };
        let pem = encoded.map_err(|_| KeyError::Encode {
            algorithm,
            format: "PKCS#8 PEM",
        })?;
        Ok(Secret::new(pem.as_str()))
    }

    /// A fresh key from `rng` (RSA: 2048 bits). Deterministic for a seeded RNG, which the
    /// emulator relies on for reproducible fixtures.
    pub fn generate<R: rand::CryptoRng + rand::RngCore>(
        algorithm: KeyAlgorithm,
        rng: &mut R,
    ) -> Result<PrivateKey, KeyError> {
        let inner = match algorithm {
            KeyAlgorithm::Ed25519 => Inner::Ed25519(ed25519_dalek::SigningKey::generate(rng)),
            KeyAlgorithm::P256 => Inner::P256(p256::ecdsa::SigningKey::random(rng)),
            KeyAlgorithm::Secp256k1 => Inner::Secp256k1(k256::ecdsa::SigningKey::random(rng)),
            KeyAlgorithm::Rsa => rsa::RsaPrivateKey::new(rng, RSA_GENERATED_BITS)
                .map(|k| Inner::Rsa(Box::new(k)))
                .map_err(|_| KeyError::Generate { algorithm })?,
        };
        Ok(PrivateKey { inner })
    }
}

fn from_pkcs8(der: &[u8]) -> Result<Inner, KeyError> {
    let info = PrivateKeyInfo::try_from(der).map_err(|_| KeyError::Malformed {
        algorithm: "private",
        format: "PKCS#8",
    })?;
    let oid = info.algorithm.oid;
    if oid == OID_ED25519 {
        ed25519_dalek::SigningKey::from_pkcs8_der(der)
            .map(Inner::Ed25519)
            .map_err(|_| KeyError::Malformed {
                algorithm: "Ed25519",
                format: "PKCS#8",
            })
    } else if oid == OID_EC {
        let curve = info
            .algorithm
            .parameters_oid()
            .map_err(|_| KeyError::MissingCurve {
                detail: "PKCS#8 EC key without a named-curve parameter",
            })?;
        if curve == OID_P256 {
            p256::ecdsa::SigningKey::from_pkcs8_der(der)
                .map(Inner::P256)
                .map_err(|_| KeyError::Malformed {
                    algorithm: "ECDSA P-256",
                    format: "PKCS#8",
                })
        } else if curve == OID_SECP256K1 {
            k256::ecdsa::SigningKey::from_pkcs8_der(der)
                .map(Inner::Secp256k1)
                .map_err(|_| KeyError::Malformed {
                    algorithm: "ECDSA secp256k1",
                    format: "PKCS#8",
                })
        } else {
            Err(KeyError::UnsupportedCurve {
                oid: curve.to_string(),
            })
        }
    } else if oid == OID_RSA {
        rsa::RsaPrivateKey::from_pkcs8_der(der)
            .map(|k| Inner::Rsa(Box::new(k)))
            .map_err(|_| KeyError::Malformed {
                algorithm: "RSA",
                format: "PKCS#8",
            })
    } else {
        Err(KeyError::UnsupportedAlgorithm {
            oid: oid.to_string(),
        })
    }
}

fn from_sec1(der: &[u8]) -> Result<Inner, KeyError> {
    let curve = pem::sec1_curve(der)?;
    let p256 = || {
        p256::SecretKey::from_sec1_der(der)
            .map(|k| Inner::P256(k.into()))
            .map_err(|_| KeyError::Malformed {
                algorithm: "ECDSA P-256",
                format: "SEC1",
            })
    };
    let k256 = || {
        k256::SecretKey::from_sec1_der(der)
            .map(|k| Inner::Secp256k1(k.into()))
            .map_err(|_| KeyError::Malformed {
                algorithm: "ECDSA secp256k1",
                format: "SEC1",
            })
    };
    match curve.named {
        Some(oid) if oid == OID_P256 => p256(),
        Some(oid) if oid == OID_SECP256K1 => k256(),
        Some(oid) => Err(KeyError::UnsupportedCurve {
            oid: oid.to_string(),
        }),
        // No parameters: the embedded public key must match the secret on exactly the right
        // curve (the decoders check it), so trying both is unambiguous.
        None if curve.has_public_key => {
            p256()
                .or_else(|_| k256())
                .map_err(|_| KeyError::MissingCurve {
                    detail: "no parameters, and the public key fits neither P-256 nor secp256k1",
                })
        }
        None => Err(KeyError::MissingCurve {
            detail: "SEC1 key without parameters or public key",
        }),
    }
}
