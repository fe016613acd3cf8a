//! `/auth/action/init`: the answer's shape and the body checks.

use serde_json::{Value, json};

use super::*;

const PAYLOAD: &str = r#"{"walletId":"wa-1"}"#;

#[test]
fn init_answers_the_full_challenge_object_the_sdks_read() {
    let mut fx = Fixture::new();
    let body = init_body("POST", "/payouts", PAYLOAD);
    let c = fx.auth.init(OPERATOR, &body, fx.now, &mut fx.rng).unwrap();
    let wire = serde_json::to_value(&c).unwrap();
    assert_eq!(wire["userVerification"], "required");
    assert_eq!(wire["attestation"], "none");
    assert_eq!(wire["externalAuthenticationUrl"], "");
    assert_eq!(
        wire["supportedCredentialKinds"],
        json!([{"kind": "Key", "factor": "first", "requiresSecondFactor": false}])
    );
    let ids: Vec<Value> = KeyAlgorithm::ALL
        .iter()
        .map(|a| json!({"type": "public-key", "id": cred_id(OPERATOR, *a)}))
        .collect();
    assert_eq!(
        wire["allowCredentials"],
        json!({"key": ids, "passwordProtectedKey": [], "webauthn": []})
    );
    // 32 random bytes, base64url without padding; identifier JWT-shaped and not the challenge.
    assert_eq!(c.challenge.len(), 43);
    assert_eq!(
        crate::dfns::signing::b64url_decode(&c.challenge)
            .unwrap()
            .len(),
        32
    );
    assert_eq!(c.challenge_identifier.split('.').count(), 3);
    // A second init gets a fresh challenge and identifier.
    let d = fx.auth.init(OPERATOR, &body, fx.now, &mut fx.rng).unwrap();
    assert_ne!(c.challenge, d.challenge);
    assert_ne!(c.challenge_identifier, d.challenge_identifier);
}

#[test]
fn init_validates_its_body_and_the_caller() {
    let mut fx = Fixture::new();
    let mut field_of = |body: Value| {
        let body = serde_json::to_vec(&body).unwrap();
        let r = fx.auth.init(OPERATOR, &body, fx.now, &mut fx.rng);
        let e = r.expect_err("init should refuse");
        assert_eq!(e.status, 400, "{e}");
        e.details.map(|d| d["field"].clone()).unwrap_or(Value::Null)
    };
    let ok = json!({"userActionPayload": "", "userActionHttpMethod": "POST", "userActionHttpPath": "/payouts"});
    let with = |k: &str, v: Value| {
        let mut b = ok.clone();
        b[k] = v;
        b
    };
    assert_eq!(
        field_of(with("userActionHttpMethod", json!("post"))),
        "userActionHttpMethod"
    );
    assert_eq!(
        field_of(with("userActionHttpMethod", json!("PATCH"))),
        "userActionHttpMethod"
    );
    assert_eq!(
        field_of(with("userActionHttpPath", json!("payouts"))),
        "userActionHttpPath"
    );
    assert_eq!(
        field_of(with("userActionHttpPath", json!(""))),
        "userActionHttpPath"
    );
    assert_eq!(
        field_of(with("userActionHttpPath", json!("/payouts?limit=1"))),
        "userActionHttpPath"
    );
    assert_eq!(
        field_of(with("userActionPayload", json!({"a": 1}))),
        "userActionPayload"
    );
    assert_eq!(
        field_of(with("userActionServerKind", json!("Staff"))),
        "userActionServerKind"
    );
    let mut missing = ok.clone();
    missing.as_object_mut().unwrap().remove("userActionPayload");
    assert_eq!(field_of(missing), "userActionPayload");
    assert_eq!(field_of(json!(["not", "an", "object"])), Value::Null);

    // Every method of the enum, empty payload and absent server kind are fine.
    for method in ["POST", "PUT", "DELETE", "GET"] {
        let body = serde_json::to_vec(&with("userActionHttpMethod", json!(method))).unwrap();
        fx.auth.init(OPERATOR, &body, fx.now, &mut fx.rng).unwrap();
    }
    // Not JSON at all.
    refused!(
        fx,
        fx.auth
            .init(OPERATOR, b"userActionPayload=", fx.now, &mut fx.rng),
        400
    );
    // A caller without credentials cannot sign; an unknown caller is not authenticated.
    let body = init_body("POST", "/payouts", "");
    let e = refused!(fx, fx.auth.init(VIEWER, &body, fx.now, &mut fx.rng), 401);
    assert!(
        e.message
            .starts_with("User does not have a credential that can be used")
    );
    refused!(
        fx,
        fx.auth.init("us-nobody", &body, fx.now, &mut fx.rng),
        401
    );
}
