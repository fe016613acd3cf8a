//! User-action signing bodies (docs/reference/auth-and-signing.md §3) and the error envelope (docs/reference/payouts-api.md §15.1).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::payout::Extra;

/// `POST /auth/action/init` body. `user_action_payload` is the exact serialized body of the
/// request to be signed (`""` when there is none); the path carries no query string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserActionInit {
    pub user_action_payload: String,
    pub user_action_http_method: String,
    pub user_action_http_path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_action_server_kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowCredential {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: String,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AllowCredentials {
    #[serde(default)]
    pub key: Vec<AllowCredential>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_protected_key: Option<Vec<Value>>,
    #[serde(default)]
    pub webauthn: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupportedCredentialKind {
    pub kind: String,
    pub factor: String,
    pub requires_second_factor: bool,
}

/// `POST /auth/action/init` answer. Only `challenge`, `challengeIdentifier` and
/// `allowCredentials.key` matter to a key signer; the rest is optional on input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserActionChallenge {
    pub challenge: String,
    pub challenge_identifier: String,
    #[serde(default)]
    pub allow_credentials: AllowCredentials,
    #[serde(default)]
    pub supported_credential_kinds: Vec<SupportedCredentialKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_verification: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_authentication_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rp: Option<Value>,
}

/// `credentialAssertion` of a Key credential: base64url (no padding) of the exact clientData
/// bytes and of the signature. `algorithm` is omitted, never `null` (docs/reference/auth-and-signing.md §3.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialAssertion {
    pub cred_id: String,
    pub client_data: String,
    pub signature: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FirstFactor {
    pub kind: String,
    pub credential_assertion: CredentialAssertion,
}

/// `POST /auth/action` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserActionSign {
    pub challenge_identifier: String,
    pub first_factor: FirstFactor,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_factor: Option<Value>,
}

/// `POST /auth/action` answer: a single-use token for `X-DFNS-USERACTION`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserActionToken {
    pub user_action: String,
}

impl std::fmt::Debug for UserActionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UserActionToken(<redacted>)")
    }
}

/// `{"error": {...}}`, the envelope of every Dfns error answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default)]
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Value>,
}
