//! Bearer tokens, permissions, minting and redaction.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

use super::*;
use crate::emulator::auth::MSG_BAD_BEARER;

#[test]
fn bearer_tokens_map_to_their_principal_in_any_scheme_case() {
    let fx = Fixture::new();
    for p in fx.auth.principals() {
        for header in [
            format!("Bearer {}", p.token),
            format!("bearer {}", p.token),
            format!("BEARER  {} ", p.token),
        ] {
            let found = fx.auth.authenticate(Some(&header)).unwrap();
            assert_eq!(found.user_id, p.user_id);
        }
    }
    assert_eq!(
        fx.auth.principal_by_name("operator2").unwrap().user_id,
        OPERATOR2
    );
}

#[test]
fn missing_malformed_or_unknown_bearer_is_401() {
    let fx = Fixture::new();
    let token = fx.auth.principals()[0].token.clone();
    let truncated = format!("Bearer {}", &token[..token.len() - 1]);
    let cases = [
        None,
        Some(""),
        Some("Bearer"),
        Some("Bearer "),
        Some(token.as_str()), // no scheme
        Some("Basic dXNlcjpwYXNz"),
        Some("Bearer garbage"),
        Some(truncated.as_str()),
    ];
    for header in cases {
        let e = refused!(fx, fx.auth.authenticate(header), 401);
        assert_eq!(e.message, MSG_BAD_BEARER);
    }
    let wrong_scheme = format!("Token {token}");
    refused!(fx, fx.auth.authenticate(Some(&wrong_scheme)), 401);
}

#[test]
fn permission_refusal_uses_the_dfns_wording() {
    let fx = Fixture::new();
    let viewer = fx.auth.principal_by_user_id(VIEWER).unwrap();
    Auth::authorize(viewer, Permission::PayoutsRead).unwrap();
    let e = refused!(fx, Auth::authorize(viewer, Permission::PayoutsWrite), 403);
    assert_eq!(
        e.message,
        format!("ServiceAccount {VIEWER} is not authorized to perform operation (Payouts:Write)")
    );
    let operator = fx.auth.principal_by_user_id(OPERATOR).unwrap();
    for p in Permission::ALL {
        Auth::authorize(operator, p).unwrap();
    }
    let names: Vec<&str> = Permission::ALL.iter().map(|p| p.as_str()).collect();
    assert_eq!(
        names,
        [
            "Payouts:Read",
            "Payouts:Create",
            "Payouts:Write",
            "Wallets:Read",
            "Wallets:Transfers:Read",
            "Policies:Read",
            "Policies:Approvals:Read",
            "Policies:Approvals:Approve",
            "Auth:Users:Read",
        ]
    );
}

fn decode_segment(segment: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(segment).unwrap()).unwrap()
}

#[test]
fn minted_tokens_carry_the_app_metadata_claim() {
    let mut rng = StdRng::seed_from_u64(1);
    let token = mint_token(
        ORG,
        OPERATOR,
        "to-abc",
        "ServiceAccount",
        1_700_000_000,
        &mut rng,
    );
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    assert_eq!(decode_segment(parts[0])["typ"], "JWT");
    let payload = decode_segment(parts[1]);
    let meta = &payload["https://custom/app_metadata"];
    assert_eq!(meta["orgId"], ORG);
    assert_eq!(meta["userId"], OPERATOR);
    assert_eq!(meta["tokenKind"], "ServiceAccount");
    assert_eq!(payload["sub"], OPERATOR);
    assert_eq!(payload["iat"], 1_700_000_000);
    assert!(payload["exp"].as_i64().unwrap() > 4_000_000_000);
    assert_eq!(URL_SAFE_NO_PAD.decode(parts[2]).unwrap().len(), 32);
    // Same inputs, fresh randomness → a different token.
    let again = mint_token(
        ORG,
        OPERATOR,
        "to-abc",
        "ServiceAccount",
        1_700_000_000,
        &mut rng,
    );
    assert_ne!(token, again);
    assert_eq!(
        token.rsplit_once('.').unwrap().0,
        again.rsplit_once('.').unwrap().0
    );
}

#[test]
fn debug_output_redacts_the_bearer_token() {
    let fx = Fixture::new();
    for p in fx.auth.principals() {
        let debug = format!("{p:?}");
        assert!(!debug.contains(&p.token), "{debug}");
        assert!(debug.contains(&p.user_id));
    }
}
