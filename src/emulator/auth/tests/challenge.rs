//! `/auth/action/init` and `/auth/action`.

use serde_json::{Value, json};

use super::*;
use crate::dfns::signing::client_data;
use crate::emulator::auth::MSG_BAD_CHALLENGE;

const PAYLOAD: &str = r#"{"walletId":"wa-1","externalId":"x"}"#;

#[test]
fn every_algorithm_completes_the_flow_and_the_token_opens_the_route() {
    let mut fx = Fixture::new();
    for alg in KeyAlgorithm::ALL {
        let token = fx.sign(OPERATOR, alg, "POST", "/payouts", PAYLOAD);
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3, "{alg}: JWT-shaped");
        fx.auth
            .consume_user_action(
                OPERATOR,
                Some(&token),
                "POST",
                "/payouts",
                PAYLOAD.as_bytes(),
                fx.now,
            )
            .unwrap_or_else(|e| panic!("{alg}: {e}"));
    }
}

/// Completes the pending init of `OPERATOR` (Ed25519) with the given clientData bytes,
/// clientData encoding and signature.
fn complete_with(
    fx: &mut Fixture,
    identifier: &str,
    client_data_b64: &str,
    signature: &[u8],
) -> Result<crate::dfns::model::UserActionToken, EmuError> {
    let body = complete_body(
        identifier,
        &cred_id(OPERATOR, KeyAlgorithm::Ed25519),
        client_data_b64,
        &b64url(signature),
    );
    fx.auth.complete(OPERATOR, &body, fx.now, &mut fx.rng)
}

#[test]
fn python_style_client_data_and_padded_base64_are_accepted() {
    let mut fx = Fixture::new();
    for alg in KeyAlgorithm::ALL {
        let (challenge, identifier) = fx.init(OPERATOR, "POST", "/payouts", PAYLOAD);
        let data = python_client_data(&challenge);
        assert!(
            String::from_utf8_lossy(&data)
                .ends_with(r#""origin":"https://app.dfns.io","crossOrigin":false}"#)
        );
        let sig = key(alg).sign(&data).unwrap();
        let body = complete_body(
            &identifier,
            &cred_id(OPERATOR, alg),
            &b64url(&data),
            &b64url(&sig),
        );
        fx.auth
            .complete(OPERATOR, &body, fx.now, &mut fx.rng)
            .unwrap_or_else(|e| panic!("{alg}: {e}"));
    }

    // Go v2 marshals a map: keys sorted, crossOrigin without origin.
    let (challenge, identifier) = fx.init(OPERATOR, "POST", "/payouts", PAYLOAD);
    let data = serde_json::to_vec(
        &json!({"challenge": challenge, "crossOrigin": false, "type": "key.get"}),
    )
    .unwrap();
    assert!(data.starts_with(br#"{"challenge":"#));
    let sig = key(KeyAlgorithm::Ed25519).sign(&data).unwrap();
    complete_with(&mut fx, &identifier, &b64url(&data), &sig).unwrap();

    // Padded base64url of clientData and signature (what a re-padding encoder emits).
    let (challenge, identifier) = fx.init(OPERATOR, "POST", "/payouts", PAYLOAD);
    let data = client_data(&challenge);
    assert_ne!(
        data.len() % 3,
        0,
        "the test needs an encoding that takes padding"
    );
    let sig = key(KeyAlgorithm::Ed25519).sign(&data).unwrap();
    let pad = |s: String| {
        let n = (4 - s.len() % 4) % 4;
        s + &"=".repeat(n)
    };
    let body = complete_body(
        &identifier,
        &cred_id(OPERATOR, KeyAlgorithm::Ed25519),
        &pad(b64url(&data)),
        &pad(b64url(&sig)),
    );
    assert!(String::from_utf8_lossy(&body).contains("=\""));
    fx.auth
        .complete(OPERATOR, &body, fx.now, &mut fx.rng)
        .unwrap();
}

#[test]
fn bad_assertions_are_refused_with_401_and_leave_the_challenge_usable() {
    let mut fx = Fixture::new();
    let (challenge, identifier) = fx.init(OPERATOR, "POST", "/payouts", PAYLOAD);
    let ed = key(KeyAlgorithm::Ed25519);
    let good = client_data(&challenge);

    // Signed by another key than the credential's.
    let other = key(KeyAlgorithm::Secp256k1).sign(&good).unwrap();
    let r = complete_with(&mut fx, &identifier, &b64url(&good), &other);
    refused!(fx, r, 401);
    let other_ed = {
        let mut rng = StdRng::seed_from_u64(9);
        PrivateKey::generate(KeyAlgorithm::Ed25519, &mut rng).unwrap()
    };
    let r = complete_with(
        &mut fx,
        &identifier,
        &b64url(&good),
        &other_ed.sign(&good).unwrap(),
    );
    let e = refused!(fx, r, 401);
    assert_eq!(e.message, "the credential assertion signature is not valid");

    // clientData changed after signing (extra field): the signature no longer covers it.
    let sig = ed.sign(&good).unwrap();
    let tampered = format!(r#"{{"type":"key.get","challenge":"{challenge}","origin":"x"}}"#);
    let r = complete_with(&mut fx, &identifier, &b64url(tampered.as_bytes()), &sig);
    refused!(fx, r, 401);

    // Properly signed, but over the wrong challenge or the wrong type.
    let wrong_challenge = client_data("Y2gtbm90LXRoZS1vbmU");
    let r = complete_with(
        &mut fx,
        &identifier,
        &b64url(&wrong_challenge),
        &ed.sign(&wrong_challenge).unwrap(),
    );
    let e = refused!(fx, r, 401);
    assert!(e.message.contains("clientData.challenge"), "{e}");
    let wrong_type = format!(r#"{{"type":"webauthn.get","challenge":"{challenge}"}}"#).into_bytes();
    let r = complete_with(
        &mut fx,
        &identifier,
        &b64url(&wrong_type),
        &ed.sign(&wrong_type).unwrap(),
    );
    let e = refused!(fx, r, 401);
    assert!(e.message.contains("key.get"), "{e}");

    // A credId the caller does not hold (operator2's) → 401.
    let body = complete_body(
        &identifier,
        &cred_id(OPERATOR2, KeyAlgorithm::P256),
        &b64url(&good),
        &b64url(&sig),
    );
    let e = refused!(
        fx,
        fx.auth.complete(OPERATOR, &body, fx.now, &mut fx.rng),
        401
    );
    assert_eq!(e.message, "credential not found for this user");

    // Not base64url / not JSON → 400 naming the field.
    let e = refused!(fx, complete_with(&mut fx, &identifier, "***", &sig), 400);
    assert_eq!(
        e.details.unwrap()["field"],
        "firstFactor.credentialAssertion.clientData"
    );
    let e = refused!(
        fx,
        complete_with(&mut fx, &identifier, &b64url(b"not json"), &sig),
        400
    );
    assert_eq!(
        e.details.unwrap()["field"],
        "firstFactor.credentialAssertion.clientData"
    );

    // None of the refusals consumed the challenge: the right assertion still works.
    complete_with(&mut fx, &identifier, &b64url(&good), &sig).unwrap();
}

#[test]
fn challenge_sessions_are_single_use_expiring_and_per_user() {
    let mut fx = Fixture::new();
    let ed = key(KeyAlgorithm::Ed25519);

    // Reused after success.
    let (challenge, identifier) = fx.init(OPERATOR, "POST", "/payouts", PAYLOAD);
    let data = client_data(&challenge);
    let sig = ed.sign(&data).unwrap();
    complete_with(&mut fx, &identifier, &b64url(&data), &sig).unwrap();
    let e = refused!(
        fx,
        complete_with(&mut fx, &identifier, &b64url(&data), &sig),
        400
    );
    assert_eq!(e.message, MSG_BAD_CHALLENGE);

    // Expired: exactly at the TTL it is refused, just before it is accepted.
    let (challenge, identifier) = fx.init(OPERATOR, "POST", "/payouts", PAYLOAD);
    let data = client_data(&challenge);
    let body = complete_body(
        &identifier,
        &cred_id(OPERATOR, KeyAlgorithm::Ed25519),
        &b64url(&data),
        &b64url(&ed.sign(&data).unwrap()),
    );
    let at_ttl = fx.later(300);
    let e = refused!(
        fx,
        fx.auth.complete(OPERATOR, &body, at_ttl, &mut fx.rng),
        400
    );
    assert_eq!(e.message, MSG_BAD_CHALLENGE);
    let just_before = fx.later(299);
    fx.auth
        .complete(OPERATOR, &body, just_before, &mut fx.rng)
        .unwrap();

    // Another principal's challenge, completed with that principal's own valid key.
    let (challenge, identifier) = fx.init(OPERATOR2, "POST", "/payouts", PAYLOAD);
    let data = client_data(&challenge);
    let body = complete_body(
        &identifier,
        &cred_id(OPERATOR, KeyAlgorithm::Ed25519),
        &b64url(&data),
        &b64url(&ed.sign(&data).unwrap()),
    );
    let e = refused!(
        fx,
        fx.auth.complete(OPERATOR, &body, fx.now, &mut fx.rng),
        400
    );
    assert_eq!(e.message, MSG_BAD_CHALLENGE);

    // Unknown identifier.
    let body = complete_body("eyJ.eyJ.nope", "c", "e30", "AA");
    let e = refused!(
        fx,
        fx.auth.complete(OPERATOR, &body, fx.now, &mut fx.rng),
        400
    );
    assert_eq!(e.message, MSG_BAD_CHALLENGE);
}

#[test]
fn assertion_shape_kind_and_algorithm_are_checked() {
    let mut fx = Fixture::new();
    let (challenge, identifier) = fx.init(OPERATOR, "POST", "/payouts", PAYLOAD);
    let a = sign_challenge(key(KeyAlgorithm::P256), &challenge).unwrap();
    let assertion = |algorithm: Value| {
        json!({
            "credId": cred_id(OPERATOR, KeyAlgorithm::P256),
            "clientData": a.client_data_b64url(),
            "signature": a.signature_b64url(),
            "algorithm": algorithm,
        })
    };
    let body = |kind: &str, algorithm: Value| {
        serde_json::to_vec(&json!({
            "challengeIdentifier": identifier,
            "firstFactor": {"kind": kind, "credentialAssertion": assertion(algorithm)},
        }))
        .unwrap()
    };

    let e = refused!(
        fx,
        fx.auth
            .complete(OPERATOR, &body("Fido2", Value::Null), fx.now, &mut fx.rng),
        400
    );
    assert_eq!(e.details.unwrap()["field"], "firstFactor.kind");
    let e = refused!(
        fx,
        fx.auth
            .complete(OPERATOR, &body("Key", json!("SHA512")), fx.now, &mut fx.rng),
        400
    );
    assert_eq!(
        e.details.unwrap()["field"],
        "firstFactor.credentialAssertion.algorithm"
    );
    let e = refused!(
        fx,
        fx.auth.complete(
            OPERATOR,
            br#"{"challengeIdentifier":1}"#,
            fx.now,
            &mut fx.rng
        ),
        400
    );
    assert_eq!(e.details.unwrap()["field"], "challengeIdentifier");
    refused!(
        fx,
        fx.auth.complete(OPERATOR, b"[]", fx.now, &mut fx.rng),
        400
    );

    // The refusals above consumed nothing: "SHA256" (what TS Fast-Auth sends) succeeds once.
    fx.auth
        .complete(OPERATOR, &body("Key", json!("SHA256")), fx.now, &mut fx.rng)
        .unwrap();
    refused!(
        fx,
        fx.auth
            .complete(OPERATOR, &body("Key", json!("SHA256")), fx.now, &mut fx.rng),
        400
    );

    // The other documented spellings, and an explicit null, each on a fresh RSA challenge.
    for algorithm in [json!("SHA-256"), json!("RSA-SHA256"), Value::Null] {
        let (challenge, identifier) = fx.init(OPERATOR, "POST", "/payouts", PAYLOAD);
        let a = sign_challenge(key(KeyAlgorithm::Rsa), &challenge).unwrap();
        let mut body = serde_json::from_slice::<Value>(&complete_body(
            &identifier,
            &cred_id(OPERATOR, KeyAlgorithm::Rsa),
            &a.client_data_b64url(),
            &a.signature_b64url(),
        ))
        .unwrap();
        body["firstFactor"]["credentialAssertion"]["algorithm"] = algorithm.clone();
        let body = serde_json::to_vec(&body).unwrap();
        fx.auth
            .complete(OPERATOR, &body, fx.now, &mut fx.rng)
            .unwrap_or_else(|e| panic!("{algorithm}: {e}"));
    }
}
