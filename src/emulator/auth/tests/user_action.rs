//! `X-DFNS-USERACTION` on signed routes.

use super::*;
use crate::emulator::auth::{MSG_BAD_USER_ACTION, MSG_USER_ACTION_USED};

const ED: KeyAlgorithm = KeyAlgorithm::Ed25519;
const PAYLOAD: &str =
    r#"{"action":"Confirm","walletId":"wa-1","transfer":{"kind":"Erc20","amount":"25"}}"#;
const PATH: &str = "/payouts/pyt-1/action";

fn consume(
    fx: &mut Fixture,
    user: &str,
    token: Option<&str>,
    method: &str,
    path: &str,
    body: &[u8],
) -> Result<(), EmuError> {
    fx.auth
        .consume_user_action(user, token, method, path, body, fx.now)
}

fn reason(e: &EmuError) -> String {
    e.details
        .as_ref()
        .map(|d| d["reason"].to_string())
        .unwrap_or_default()
}

#[test]
fn a_token_is_single_use() {
    let mut fx = Fixture::new();
    let token = fx.sign(OPERATOR, ED, "POST", PATH, PAYLOAD);
    consume(
        &mut fx,
        OPERATOR,
        Some(&token),
        "POST",
        PATH,
        PAYLOAD.as_bytes(),
    )
    .unwrap();
    let e = refused!(
        fx,
        consume(
            &mut fx,
            OPERATOR,
            Some(&token),
            "POST",
            PATH,
            PAYLOAD.as_bytes()
        ),
        400
    );
    assert_eq!(e.message, MSG_USER_ACTION_USED);
}

#[test]
fn the_token_is_bound_to_method_path_body_and_user_and_survives_refusals() {
    let mut fx = Fixture::new();
    let token = fx.sign(OPERATOR, ED, "POST", PATH, PAYLOAD);
    let t = Some(token.as_str());

    let e = refused!(
        fx,
        consume(&mut fx, OPERATOR, t, "PUT", PATH, PAYLOAD.as_bytes()),
        403
    );
    assert_eq!(e.message, MSG_BAD_USER_ACTION);
    assert_eq!(reason(&e), "\"method mismatch\"");
    let e = refused!(
        fx,
        consume(
            &mut fx,
            OPERATOR,
            t,
            "POST",
            "/payouts/pyt-2/action",
            PAYLOAD.as_bytes()
        ),
        403
    );
    assert_eq!(reason(&e), "\"path mismatch\"");
    assert_eq!(e.details.unwrap()["signedPath"], PATH);
    let other = PAYLOAD.replace("25", "26");
    let e = refused!(
        fx,
        consume(&mut fx, OPERATOR, t, "POST", PATH, other.as_bytes()),
        403
    );
    assert_eq!(reason(&e), "\"body mismatch\"");
    refused!(fx, consume(&mut fx, OPERATOR, t, "POST", PATH, b""), 403);
    let e = refused!(
        fx,
        consume(&mut fx, OPERATOR2, t, "POST", PATH, PAYLOAD.as_bytes()),
        403
    );
    assert!(reason(&e).contains("another user"), "{e:?}");

    // None of those consumed it.
    consume(&mut fx, OPERATOR, t, "POST", PATH, PAYLOAD.as_bytes()).unwrap();
}

#[test]
fn json_equal_bodies_pass_by_default_and_fail_in_strict_mode() {
    // Python (httpx < 0.28) spacing, another key order, and \u escapes for non-ASCII.
    let signed =
        r#"{"walletId":"wa-1","asset":{"kind":"Erc20","amount":"25"},"externalId":"caf\u00e9"}"#;
    let sent = "{\"asset\": {\"amount\": \"25\", \"kind\": \"Erc20\"},\n \"externalId\": \"café\", \"walletId\": \"wa-1\"}";

    let mut fx = Fixture::new();
    let token = fx.sign(OPERATOR, ED, "POST", "/payouts", signed);
    consume(
        &mut fx,
        OPERATOR,
        Some(&token),
        "POST",
        "/payouts",
        sent.as_bytes(),
    )
    .unwrap();

    let mut strict = Fixture::with_config(AuthConfig {
        strict_body: true,
        ..AuthConfig::default()
    });
    let token = strict.sign(OPERATOR, ED, "POST", "/payouts", signed);
    let e = refused!(
        strict,
        consume(
            &mut strict,
            OPERATOR,
            Some(&token),
            "POST",
            "/payouts",
            sent.as_bytes()
        ),
        403
    );
    assert_eq!(reason(&e), "\"body mismatch\"");
    consume(
        &mut strict,
        OPERATOR,
        Some(&token),
        "POST",
        "/payouts",
        signed.as_bytes(),
    )
    .unwrap();
}

#[test]
fn an_empty_payload_matches_an_empty_or_empty_object_body() {
    let mut fx = Fixture::new();
    for body in [&b""[..], b"{}", b" { }\n"] {
        let token = fx.sign(OPERATOR, ED, "DELETE", "/payouts/pyt-1", "");
        consume(
            &mut fx,
            OPERATOR,
            Some(&token),
            "DELETE",
            "/payouts/pyt-1",
            body,
        )
        .unwrap_or_else(|e| panic!("{:?}: {e}", String::from_utf8_lossy(body)));
    }
    let token = fx.sign(OPERATOR, ED, "DELETE", "/payouts/pyt-1", "");
    refused!(
        fx,
        consume(
            &mut fx,
            OPERATOR,
            Some(&token),
            "DELETE",
            "/payouts/pyt-1",
            b"{\"a\":1}"
        ),
        403
    );
    refused!(
        fx,
        consume(
            &mut fx,
            OPERATOR,
            Some(&token),
            "DELETE",
            "/payouts/pyt-1",
            b"[]"
        ),
        403
    );

    // Strict mode: "" matches only an empty body.
    let mut strict = Fixture::with_config(AuthConfig {
        strict_body: true,
        ..AuthConfig::default()
    });
    let token = strict.sign(OPERATOR, ED, "DELETE", "/payouts/pyt-1", "");
    refused!(
        strict,
        consume(
            &mut strict,
            OPERATOR,
            Some(&token),
            "DELETE",
            "/payouts/pyt-1",
            b"{}"
        ),
        403
    );
    consume(
        &mut strict,
        OPERATOR,
        Some(&token),
        "DELETE",
        "/payouts/pyt-1",
        b"",
    )
    .unwrap();
}

#[test]
fn non_json_payloads_are_compared_byte_for_byte() {
    let mut fx = Fixture::new();
    let token = fx.sign(OPERATOR, ED, "PUT", "/payouts/pyt-1", "name=a&b=c");
    refused!(
        fx,
        consume(
            &mut fx,
            OPERATOR,
            Some(&token),
            "PUT",
            "/payouts/pyt-1",
            b"name=a&b=c "
        ),
        403
    );
    consume(
        &mut fx,
        OPERATOR,
        Some(&token),
        "PUT",
        "/payouts/pyt-1",
        b"name=a&b=c",
    )
    .unwrap();
}

#[test]
fn missing_unknown_and_expired_tokens_are_403() {
    let mut fx = Fixture::new();
    for header in [None, Some(""), Some("   ")] {
        let e = refused!(
            fx,
            consume(&mut fx, OPERATOR, header, "POST", PATH, PAYLOAD.as_bytes()),
            403
        );
        assert!(reason(&e).contains("missing"), "{e:?}");
    }
    let e = refused!(
        fx,
        consume(
            &mut fx,
            OPERATOR,
            Some("eyJ.eyJ.forged"),
            "POST",
            PATH,
            PAYLOAD.as_bytes()
        ),
        403
    );
    assert!(reason(&e).contains("unknown"), "{e:?}");

    let token = fx.sign(OPERATOR, ED, "POST", PATH, PAYLOAD);
    let at_ttl = fx.later(300);
    let r = fx.auth.consume_user_action(
        OPERATOR,
        Some(&token),
        "POST",
        PATH,
        PAYLOAD.as_bytes(),
        at_ttl,
    );
    let e = refused!(fx, r, 403);
    assert!(reason(&e).contains("expired"), "{e:?}");
    // Just before the TTL it is still good; surrounding whitespace in the header is tolerated.
    let padded = format!(" {token} ");
    let r = fx.auth.consume_user_action(
        OPERATOR,
        Some(&padded),
        "POST",
        PATH,
        PAYLOAD.as_bytes(),
        fx.later(299),
    );
    r.unwrap();
}

#[test]
fn sweep_drops_expired_challenges_and_tokens_only() {
    let mut fx = Fixture::with_config(AuthConfig {
        challenge_ttl: Duration::from_secs(60),
        user_action_ttl: Duration::from_secs(120),
        strict_body: false,
    });
    let _pending = fx.init(OPERATOR, "POST", "/payouts", "");
    let token = fx.sign(OPERATOR, ED, "POST", "/payouts", "");
    assert_eq!(fx.auth.outstanding(), (2, 1));

    fx.auth.sweep(fx.later(59));
    assert_eq!(fx.auth.outstanding(), (2, 1));
    fx.auth.sweep(fx.later(60));
    assert_eq!(fx.auth.outstanding(), (0, 1));
    // The token, used or not, stays until its own TTL.
    consume(&mut fx, OPERATOR, Some(&token), "POST", "/payouts", b"").unwrap();
    fx.auth.sweep(fx.later(119));
    assert_eq!(fx.auth.outstanding(), (0, 1));
    fx.auth.sweep(fx.later(120));
    assert_eq!(fx.auth.outstanding(), (0, 0));
    // Once forgotten, the token is simply unknown.
    let e = refused!(
        fx,
        consume(&mut fx, OPERATOR, Some(&token), "POST", "/payouts", b""),
        403
    );
    assert!(reason(&e).contains("unknown"), "{e:?}");
}
