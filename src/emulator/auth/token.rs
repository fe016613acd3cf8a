//! JWT-shaped opaque strings: bearer tokens, challenge identifiers, user-action tokens.
//! The third segment is 32 random bytes, not a signature: the emulator recognises its tokens
//! by lookup, and clients only ever decode the payload (TS SDK `authToken.js`, our
//! `dfns::token`).

use serde_json::{Value, json};

use crate::dfns::signing::b64url;

/// Issuer claim of every emulator-minted token.
pub(super) const ISSUER: &str = "auth.dfns.io";
/// Bearer tokens of the seeded org never expire in practice (year 2100).
const FAR_FUTURE_UNIX: i64 = 4_102_444_800;

/// A bearer token: `b64url(header).b64url(payload).b64url(32 random bytes)`. The payload has
/// `iss`, `sub` (the user id), `aud`, `iat`, `exp` (year 2100), `jti` (the token id) and the
/// `https://custom/app_metadata` claim `{userId, orgId, tokenKind, tokenId}` the SDKs read.
pub fn mint_token(
    org_id: &str,
    user_id: &str,
    token_id: &str,
    token_kind: &str,
    issued_at_unix: i64,
    rng: &mut impl rand::RngCore,
) -> String {
    let payload = json!({
        "iss": ISSUER,
        "aud": "dfns:auth:user",
        "sub": user_id,
        "jti": token_id,
        "iat": issued_at_unix,
        "exp": FAR_FUTURE_UNIX.max(issued_at_unix),
        "https://custom/app_metadata": {
            "userId": user_id,
            "orgId": org_id,
            "tokenKind": token_kind,
            "tokenId": token_id,
        },
    });
    jwt_shaped(&payload, rng)
}

/// `header.payload.random` with the emulator's fixed header.
pub(super) fn jwt_shaped(payload: &Value, rng: &mut impl rand::RngCore) -> String {
    let header = json!({ "typ": "JWT", "alg": "EdDSA" });
    format!(
        "{}.{}.{}",
        b64url(header.to_string().as_bytes()),
        b64url(payload.to_string().as_bytes()),
        random_b64url(rng)
    )
}

/// 32 random bytes as unpadded base64url (43 characters).
pub(super) fn random_b64url(rng: &mut impl rand::RngCore) -> String {
    let mut bytes = [0u8; 32];
    rng.fill_bytes(&mut bytes);
    b64url(&bytes)
}

/// Compares two secrets without an early exit on the first differing byte.
pub(super) fn same_secret(expected: &str, presented: &str) -> bool {
    let (a, b) = (expected.as_bytes(), presented.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
