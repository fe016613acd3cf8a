//! Every error we can trigger: right variant, and neither Debug nor Display quotes key material.

use base64::Engine as _;

use super::super::*;
use super::{body_lines, key};

fn pem(label: &str, der: &[u8]) -> String {
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

fn der_of(pem_text: &str) -> Vec<u8> {
    let body: String = body_lines(pem_text).concat();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

/// Replaces the first occurrence of `from` in `der` by `to` (same length keeps DER valid).
fn patch(der: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = der.windows(from.len()).position(|w| w == from).unwrap();
    [&der[..at], to, &der[at + from.len()..]].concat()
}

const P256_OID: &[u8] = &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
// prime192v1 (1.2.840.10045.3.1.1): same encoded length as P-256, so the DER stays valid.
const P192_OID: &[u8] = &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x01];

/// Asserts the error variant and that nothing of `input`'s PEM body shows in the messages.
fn assert_redacted(input: &str, err: &KeyError) {
    let shown = format!("{err} {err:?}");
    for line in body_lines(input) {
        for window in line.as_bytes().windows(12) {
            let w = std::str::from_utf8(window).unwrap();
            assert!(
                !shown.contains(w),
                "error {shown:?} quotes key material {w:?}"
            );
        }
    }
}

fn private_err(input: &str) -> KeyError {
    let err = PrivateKey::from_pem(input).unwrap_err();
    assert_redacted(input, &err);
    err
}

fn public_err(input: &str) -> KeyError {
    let err = PublicKey::from_pem(input).unwrap_err();
    assert_redacted(input, &err);
    err
}

#[test]
fn private_key_debug_names_only_the_algorithm() {
    for algorithm in KeyAlgorithm::ALL {
        let key = key(algorithm);
        assert_eq!(
            format!("{key:?}"),
            format!("PrivateKey {{ algorithm: {algorithm:?}, .. }}")
        );
        let pem = key.to_pkcs8_pem().unwrap();
        assert_eq!(format!("{pem:?} {pem}"), "Secret(<redacted>) <redacted>");
        assert_eq!(
            format!("{:?}", key.public_key()),
            format!("PublicKey {{ algorithm: {algorithm:?}, .. }}")
        );
    }
}

#[test]
fn armor_errors() {
    let good = key(KeyAlgorithm::Ed25519).to_pkcs8_pem().unwrap();
    let good = good.expose();
    assert_eq!(private_err("just some text"), KeyError::NoPem);
    assert_eq!(private_err(""), KeyError::NoPem);

    let truncated = good.replace("-----END PRIVATE KEY-----", "");
    assert!(matches!(
        private_err(&truncated),
        KeyError::MalformedPem { .. }
    ));
    let mislabelled = good.replace("END PRIVATE KEY", "END PUBLIC KEY");
    assert!(matches!(
        private_err(&mislabelled),
        KeyError::MalformedPem { .. }
    ));
    let lines = body_lines(good);
    let bad_base64 = good.replace(
        &lines[0],
        &format!("{}!{}", &lines[0][..10], &lines[0][11..]),
    );
    assert!(
        matches!(private_err(&bad_base64), KeyError::MalformedPem { label, .. } if label == "PRIVATE KEY")
    );

    let cert = good.replace("PRIVATE KEY", "CERTIFICATE");
    let err = private_err(&cert);
    assert!(matches!(&err, KeyError::UnsupportedLabel { label, .. } if label == "CERTIFICATE"));
    assert!(err.to_string().contains("\"CERTIFICATE\""));
    assert!(matches!(
        public_err(&cert),
        KeyError::UnsupportedLabel { .. }
    ));
}

#[test]
fn encrypted_keys_get_openssl_advice() {
    let good = key(KeyAlgorithm::P256).to_pkcs8_pem().unwrap();
    let encrypted = good
        .expose()
        .replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY");
    let err = private_err(&encrypted);
    assert_eq!(
        err,
        KeyError::Encrypted {
            label: "ENCRYPTED PRIVATE KEY".into()
        }
    );
    assert!(err.to_string().contains("openssl pkey -in"));

    let body = body_lines(good.expose()).join("\n");
    let legacy = format!(
        "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n{body}\n-----END EC PRIVATE KEY-----\n"
    );
    assert_eq!(
        private_err(&legacy),
        KeyError::Encrypted {
            label: "EC PRIVATE KEY".into()
        }
    );
}

#[test]
fn public_and_private_keys_are_not_confused() {
    let key = key(KeyAlgorithm::Secp256k1);
    let spki = key.public_key().to_spki_pem();
    assert_eq!(
        private_err(&spki),
        KeyError::NotAPrivateKey {
            label: "PUBLIC KEY".into()
        }
    );
    let private = key.to_pkcs8_pem().unwrap();
    let err = public_err(private.expose());
    assert_eq!(
        err,
        KeyError::NotAPublicKey {
            label: "PRIVATE KEY".into()
        }
    );
    assert!(err.to_string().contains("-pubout"));
}

#[test]
fn unknown_algorithm_and_curve_oids_are_named() {
    // X25519 (1.3.101.110) is an Ed25519 PKCS#8 with one OID byte changed.
    let ed = der_of(key(KeyAlgorithm::Ed25519).to_pkcs8_pem().unwrap().expose());
    let x25519 = pem(
        "PRIVATE KEY",
        &patch(
            &ed,
            &[0x06, 0x03, 0x2b, 0x65, 0x70],
            &[0x06, 0x03, 0x2b, 0x65, 0x6e],
        ),
    );
    let err = private_err(&x25519);
    assert_eq!(
        err,
        KeyError::UnsupportedAlgorithm {
            oid: "1.3.101.110".into()
        }
    );
    assert!(err.to_string().contains("1.3.101.110"));

    let p256 = der_of(key(KeyAlgorithm::P256).to_pkcs8_pem().unwrap().expose());
    let p192 = pem("PRIVATE KEY", &patch(&p256, P256_OID, P192_OID));
    assert_eq!(
        private_err(&p192),
        KeyError::UnsupportedCurve {
            oid: "1.2.840.10045.3.1.1".into()
        }
    );

    let spki = der_of(&key(KeyAlgorithm::P256).public_key().to_spki_pem());
    let p192_public = pem("PUBLIC KEY", &patch(&spki, P256_OID, P192_OID));
    assert_eq!(
        public_err(&p192_public),
        KeyError::UnsupportedCurve {
            oid: "1.2.840.10045.3.1.1".into()
        }
    );
}

#[test]
fn sec1_curve_parameters_are_checked() {
    let secret = [0x11u8; 32];
    let sec1 = |params: &[u8]| {
        let mut body = vec![0x02, 0x01, 0x01, 0x04, 0x20];
        body.extend_from_slice(&secret);
        body.extend_from_slice(params);
        let mut der = vec![0x30, u8::try_from(body.len()).unwrap()];
        der.extend_from_slice(&body);
        pem("EC PRIVATE KEY", &der)
    };
    let named = |oid: &[u8]| [&[0xa0, u8::try_from(oid.len()).unwrap()], oid].concat();

    assert_eq!(
        PrivateKey::from_pem(&sec1(&named(P256_OID)))
            .unwrap()
            .algorithm(),
        KeyAlgorithm::P256
    );
    let k1: &[u8] = &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a];
    assert_eq!(
        PrivateKey::from_pem(&sec1(&named(k1))).unwrap().algorithm(),
        KeyAlgorithm::Secp256k1
    );

    let p384: &[u8] = &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22];
    assert_eq!(
        private_err(&sec1(&named(p384))),
        KeyError::UnsupportedCurve {
            oid: "1.3.132.0.34".into()
        }
    );
    assert!(matches!(
        private_err(&sec1(&[])),
        KeyError::MissingCurve { .. }
    ));
    // No parameters and a public key that fits neither curve (a bare 0x04 point).
    let bogus_public = [0xa1, 0x04, 0x03, 0x02, 0x00, 0x04];
    assert!(matches!(
        private_err(&sec1(&bogus_public)),
        KeyError::MissingCurve { .. }
    ));
    let explicit = named(&[0x30, 0x03, 0x02, 0x01, 0x01]);
    let err = private_err(&sec1(&explicit));
    assert!(matches!(err, KeyError::MissingCurve { .. }));
    assert!(err.to_string().contains("named_curve"));
    // Garbage inside a well-formed armor.
    let garbage = pem("EC PRIVATE KEY", &[0x30, 0x03, 0x02, 0x01]);
    assert_eq!(
        private_err(&garbage),
        KeyError::Malformed {
            algorithm: "EC",
            format: "SEC1"
        }
    );
}

#[test]
fn malformed_key_bodies_name_the_algorithm_and_format() {
    let ed = der_of(key(KeyAlgorithm::Ed25519).to_pkcs8_pem().unwrap().expose());
    // Truncate the 32-byte seed to 31 bytes, fixing up the three enclosing lengths.
    let mut short = ed.clone();
    short.pop();
    short[1] -= 1; // outer SEQUENCE
    short[13] -= 1; // OCTET STRING wrapper
    short[15] -= 1; // inner OCTET STRING
    let err = private_err(&pem("PRIVATE KEY", &short));
    assert_eq!(
        err,
        KeyError::Malformed {
            algorithm: "Ed25519",
            format: "PKCS#8"
        }
    );

    let rsa = private_err(&pem("RSA PRIVATE KEY", &[0x30, 0x00]));
    assert_eq!(
        rsa,
        KeyError::Malformed {
            algorithm: "RSA",
            format: "PKCS#1"
        }
    );
    let rsa_pub = public_err(&pem("RSA PUBLIC KEY", &[0x30, 0x00]));
    assert_eq!(
        rsa_pub,
        KeyError::Malformed {
            algorithm: "RSA",
            format: "PKCS#1"
        }
    );
    let spki = public_err(&pem("PUBLIC KEY", &[0x30, 0x00]));
    assert_eq!(
        spki,
        KeyError::Malformed {
            algorithm: "public",
            format: "SPKI"
        }
    );
}

#[test]
fn verify_and_decode_errors_say_what_was_expected() {
    let public = key(KeyAlgorithm::P256).public_key();
    let err = public.verify(b"m", &[0x01, 0x02]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the signature is not a valid ECDSA P-256 signature encoding (expected ASN.1 DER SEQUENCE { r, s }, got 2 bytes)"
    );
    let err = b64url_decode("ab$d").unwrap_err();
    assert_eq!(err, DecodeError::InvalidByte { offset: 2 });
    assert!(!format!("{err} {err:?}").contains('$'));
}
