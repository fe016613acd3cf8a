//! Round trips for all four algorithms, PEM forms and leniency, tampering, curve confusion.

use p256::elliptic_curve::ops::Neg as _;
use pkcs8::LineEnding;
use rsa::pkcs1::{EncodeRsaPrivateKey as _, EncodeRsaPublicKey as _};

use super::super::*;
use super::{generate, key};

const MESSAGE: &[u8] = br#"{"type":"key.get","challenge":"Y2gtcm91bmQtdHJpcA"}"#;

#[test]
fn every_algorithm_signs_and_verifies_and_rejects_tampering() {
    for algorithm in KeyAlgorithm::ALL {
        let key = key(algorithm);
        assert_eq!(key.algorithm(), algorithm);
        let public = key.public_key();
        assert_eq!(public.algorithm(), algorithm);
        let sig = key.sign(MESSAGE).unwrap();
        public.verify(MESSAGE, &sig).unwrap();

        let mut message = MESSAGE.to_vec();
        message[10] ^= 1;
        let mismatch = Err(VerifyError::Mismatch { algorithm });
        assert_eq!(
            public.verify(&message, &sig),
            mismatch,
            "{algorithm}: tampered message"
        );

        let mut bad_sig = sig.clone();
        let last = bad_sig.len() - 1;
        bad_sig[last] ^= 1;
        assert!(
            public.verify(MESSAGE, &bad_sig).is_err(),
            "{algorithm}: tampered signature"
        );
        assert!(
            public.verify(MESSAGE, &[]).is_err(),
            "{algorithm}: empty signature"
        );
    }
}

#[test]
fn signature_shapes_match_what_dfns_expects() {
    assert_eq!(key(KeyAlgorithm::Ed25519).sign(MESSAGE).unwrap().len(), 64);
    assert_eq!(key(KeyAlgorithm::Rsa).sign(MESSAGE).unwrap().len(), 256);
    for algorithm in [KeyAlgorithm::P256, KeyAlgorithm::Secp256k1] {
        let sig = key(algorithm).sign(MESSAGE).unwrap();
        assert_eq!(sig[0], 0x30, "{algorithm}: DER SEQUENCE");
        assert_eq!(usize::from(sig[1]), sig.len() - 2);
        // RFC 6979: deterministic.
        assert_eq!(sig, key(algorithm).sign(MESSAGE).unwrap());
    }
    // RSA PKCS#1 v1.5 is deterministic too, despite the blinding RNG.
    assert_eq!(
        key(KeyAlgorithm::Rsa).sign(MESSAGE).unwrap(),
        key(KeyAlgorithm::Rsa).sign(MESSAGE).unwrap()
    );
}

#[test]
fn ecdsa_signatures_are_low_s_and_high_s_ones_still_verify() {
    for i in 0..16u8 {
        let message = [MESSAGE, &[i]].concat();
        let der = key(KeyAlgorithm::P256).sign(&message).unwrap();
        let sig = p256::ecdsa::Signature::from_der(&der).unwrap();
        assert!(
            sig.normalize_s().is_none(),
            "P-256 signature {i} has high S"
        );
        let (r, s) = sig.split_scalars();
        let high = p256::ecdsa::Signature::from_scalars(r, s.neg()).unwrap();
        let public = key(KeyAlgorithm::P256).public_key();
        public.verify(&message, high.to_der().as_bytes()).unwrap();

        let der = key(KeyAlgorithm::Secp256k1).sign(&message).unwrap();
        let sig = k256::ecdsa::Signature::from_der(&der).unwrap();
        assert!(
            sig.normalize_s().is_none(),
            "secp256k1 signature {i} has high S"
        );
        let (r, s) = sig.split_scalars();
        let high = k256::ecdsa::Signature::from_scalars(r, s.neg()).unwrap();
        let public = key(KeyAlgorithm::Secp256k1).public_key();
        public.verify(&message, high.to_der().as_bytes()).unwrap();
    }
}

#[test]
fn a_p256_signature_does_not_verify_under_a_secp256k1_key_and_vice_versa() {
    let p256_sig = key(KeyAlgorithm::P256).sign(MESSAGE).unwrap();
    let k256_public = key(KeyAlgorithm::Secp256k1).public_key();
    assert_eq!(
        k256_public.verify(MESSAGE, &p256_sig),
        Err(VerifyError::Mismatch {
            algorithm: KeyAlgorithm::Secp256k1
        })
    );
    let k256_sig = key(KeyAlgorithm::Secp256k1).sign(MESSAGE).unwrap();
    let p256_public = key(KeyAlgorithm::P256).public_key();
    assert_eq!(
        p256_public.verify(MESSAGE, &k256_sig),
        Err(VerifyError::Mismatch {
            algorithm: KeyAlgorithm::P256
        })
    );
    // Wrong shapes across algorithm families are encoding errors, not panics.
    let ed_sig = key(KeyAlgorithm::Ed25519).sign(MESSAGE).unwrap();
    assert!(matches!(
        p256_public.verify(MESSAGE, &ed_sig),
        Err(VerifyError::Encoding { .. })
    ));
    let ed_public = key(KeyAlgorithm::Ed25519).public_key();
    assert_eq!(
        ed_public.verify(MESSAGE, &p256_sig),
        Err(VerifyError::Encoding {
            algorithm: KeyAlgorithm::Ed25519,
            expected: "64 raw bytes R||S",
            len: p256_sig.len()
        })
    );
    assert!(
        key(KeyAlgorithm::Rsa)
            .public_key()
            .verify(MESSAGE, &ed_sig)
            .is_err()
    );
}

#[test]
fn pkcs8_and_spki_pem_round_trip_for_every_algorithm() {
    for algorithm in KeyAlgorithm::ALL {
        let key = key(algorithm);
        let pem = key.to_pkcs8_pem().unwrap();
        assert!(pem.expose().starts_with("-----BEGIN PRIVATE KEY-----\n"));
        let reloaded = PrivateKey::from_pem(pem.expose()).unwrap();
        assert_eq!(reloaded.algorithm(), algorithm);
        assert_eq!(reloaded.public_key(), key.public_key());
        let spki = key.public_key().to_spki_pem();
        assert!(spki.starts_with("-----BEGIN PUBLIC KEY-----\n"));
        assert_eq!(PublicKey::from_pem(&spki).unwrap(), key.public_key());
        // Cross-check: a signature by the reloaded key verifies under the original public key.
        key.public_key()
            .verify(MESSAGE, &reloaded.sign(MESSAGE).unwrap())
            .unwrap();
    }
}

#[test]
fn traditional_pem_forms_load() {
    let mut rng = <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(99);
    let p = p256::SecretKey::random(&mut rng);
    let key = PrivateKey::from_pem(&p.to_sec1_pem(LineEnding::LF).unwrap()).unwrap();
    assert_eq!(key.algorithm(), KeyAlgorithm::P256);
    assert_eq!(
        key.public_key().to_spki_der(),
        p.public_key().to_public_key_der_vec()
    );

    let k = k256::SecretKey::random(&mut rng);
    let key = PrivateKey::from_pem(&k.to_sec1_pem(LineEnding::LF).unwrap()).unwrap();
    assert_eq!(key.algorithm(), KeyAlgorithm::Secp256k1);
    assert_eq!(
        key.public_key().to_spki_der(),
        k.public_key().to_public_key_der_vec()
    );

    let rsa = key_rsa();
    let key = PrivateKey::from_pem(&rsa.to_pkcs1_pem(LineEnding::LF).unwrap()).unwrap();
    assert_eq!(key.algorithm(), KeyAlgorithm::Rsa);
    let pkcs1_public = rsa.to_public_key().to_pkcs1_pem(LineEnding::LF).unwrap();
    assert!(pkcs1_public.starts_with("-----BEGIN RSA PUBLIC KEY-----"));
    assert_eq!(
        PublicKey::from_pem(&pkcs1_public).unwrap(),
        key.public_key()
    );
}

fn key_rsa() -> rsa::RsaPrivateKey {
    use pkcs8::DecodePrivateKey as _;
    let pem = key(KeyAlgorithm::Rsa).to_pkcs8_pem().unwrap();
    rsa::RsaPrivateKey::from_pkcs8_pem(pem.expose()).unwrap()
}

trait SpkiVec {
    fn to_public_key_der_vec(&self) -> Vec<u8>;
}

impl<T: pkcs8::EncodePublicKey> SpkiVec for T {
    fn to_public_key_der_vec(&self) -> Vec<u8> {
        self.to_public_key_der().unwrap().as_bytes().to_vec()
    }
}

#[test]
fn pem_whitespace_crlf_escapes_and_ec_parameters_are_tolerated() {
    let pem = key(KeyAlgorithm::P256).to_pkcs8_pem().unwrap();
    let pem = pem.expose();
    let expected = key(KeyAlgorithm::P256).public_key();
    let indented: String = pem.lines().map(|l| format!("    {l}  \n")).collect();
    let variants = [
        format!("\n\n  {pem}\n\n"),
        pem.replace('\n', "\r\n"),
        indented,
        pem.trim().replace('\n', "\\n"),
        format!(
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n{pem}"
        ),
    ];
    for text in &variants {
        assert_eq!(
            PrivateKey::from_pem(text).unwrap().public_key(),
            expected,
            "{text:?}"
        );
    }
}

#[test]
fn generation_is_reproducible_from_a_seed() {
    for algorithm in KeyAlgorithm::ALL {
        let a = generate(algorithm, 42);
        let b = generate(algorithm, 42);
        let c = generate(algorithm, 43);
        assert_eq!(a.public_key(), b.public_key(), "{algorithm}");
        assert_ne!(a.public_key(), c.public_key(), "{algorithm}");
    }
}
