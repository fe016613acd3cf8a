//! "Who am I": the caller's identity read from its own bearer token.
//!
//! A Dfns token is a JWT whose payload carries `https://custom/app_metadata` with `userId`,
//! `orgId` and `tokenKind` (docs/reference/auth-and-signing.md §5.4). The client only reads its own claim;
//! it does not (and cannot) check the signature. A token that is not a JWT, or lacks the
//! claim, yields `None`: "unknown requester", and the server decides.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use serde::Deserialize;

/// The claim's name in the token payload.
pub const APP_METADATA_CLAIM: &str = "https://custom/app_metadata";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenClaims {
    pub user_id: Option<String>,
    pub org_id: Option<String>,
    pub token_kind: Option<String>,
    pub subject: Option<String>,
    pub issuer: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
}

#[derive(Deserialize)]
struct RawPayload {
    #[serde(rename = "https://custom/app_metadata", default)]
    app_metadata: Option<RawAppMetadata>,
    #[serde(default)]
    sub: Option<String>,
    #[serde(default)]
    iss: Option<String>,
    #[serde(default)]
    exp: Option<i64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawAppMetadata {
    #[serde(default)]
    user_id: Option<String>,
    #[serde(default)]
    org_id: Option<String>,
    #[serde(default)]
    tenant_id: Option<String>,
    #[serde(default)]
    token_kind: Option<String>,
}

impl TokenClaims {
    /// Decodes the middle segment of `token`. Never returns or logs any part of the token.
    pub fn from_token(token: &str) -> Option<TokenClaims> {
        let mut parts = token.trim().split('.');
        let (_header, payload) = (parts.next()?, parts.next()?);
        // Tolerate padding, which some encoders leave in.
        let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
        let raw: RawPayload = serde_json::from_slice(&bytes).ok()?;
        let meta = raw.app_metadata;
        Some(TokenClaims {
            user_id: meta.as_ref().and_then(|m| m.user_id.clone()),
            org_id: meta
                .as_ref()
                .and_then(|m| m.org_id.clone().or_else(|| m.tenant_id.clone())),
            token_kind: meta.as_ref().and_then(|m| m.token_kind.clone()),
            subject: raw.sub,
            issuer: raw.iss,
            expires_at: raw.exp.and_then(|s| DateTime::from_timestamp(s, 0)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(payload: &str) -> String {
        format!(
            "{}.{}.sig",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#),
            URL_SAFE_NO_PAD.encode(payload)
        )
    }

    #[test]
    fn reads_the_app_metadata_claim() {
        let t = jwt(
            r#"{"sub":"us-1","exp":1900000000,"https://custom/app_metadata":{"userId":"us-6b58p-r53sr-rlrd3l5cj3uc4ome","orgId":"or-1","tokenKind":"ServiceAccount"}}"#,
        );
        let c = TokenClaims::from_token(&t).unwrap();
        assert_eq!(
            c.user_id.as_deref(),
            Some("us-6b58p-r53sr-rlrd3l5cj3uc4ome")
        );
        assert_eq!(c.org_id.as_deref(), Some("or-1"));
        assert_eq!(c.token_kind.as_deref(), Some("ServiceAccount"));
        assert_eq!(c.expires_at.unwrap().timestamp(), 1_900_000_000);
    }

    #[test]
    fn reference_fake_jwt_has_org_but_no_user() {
        // docs/reference/auth-and-signing.md §6.1's token: orgId only.
        let t = "eyJhbGciOiJub25lIn0.eyJodHRwczovL2N1c3RvbS9hcHBfbWV0YWRhdGEiOnsib3JnSWQiOiJvci1kZW1vMC1kZW1vMC0wMDAwMDAwMDAwMDAwMDAwIn19.sig";
        let c = TokenClaims::from_token(t).unwrap();
        assert_eq!(c.org_id.as_deref(), Some("or-demo0-demo0-0000000000000000"));
        assert_eq!(c.user_id, None);
    }

    #[test]
    fn opaque_tokens_are_unknown() {
        assert_eq!(TokenClaims::from_token("not-a-jwt"), None);
        assert_eq!(TokenClaims::from_token("a.!!!.c"), None);
        assert_eq!(TokenClaims::from_token(&jwt("[1,2]")), None);
    }
}
