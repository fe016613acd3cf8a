//! The user-action flow's pure parts (docs/reference/auth-and-signing.md §3): the body serialized once, the
//! challenge request bound to it, the credential choice, and the signed assertion.

use serde::Serialize;

use crate::dfns::error::ApiError;
use crate::dfns::model::{
    AllowCredential, CredentialAssertion, FirstFactor, UserActionChallenge, UserActionInit,
    UserActionSign,
};
use crate::dfns::signing::{self, PrivateKey};

/// A request body serialized exactly once: these bytes are both signed (as
/// `userActionPayload`) and sent, so the two cannot drift apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedBody {
    bytes: Vec<u8>,
}

impl SignedBody {
    pub fn new<B: Serialize>(body: &B) -> Result<SignedBody, ApiError> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| ApiError::Signing(format!("cannot serialize the request body: {e}")))?;
        Ok(SignedBody { bytes })
    }

    /// A payload given as raw bytes (the empty payload that proves a credential).
    pub fn from_raw(bytes: Vec<u8>) -> SignedBody {
        SignedBody { bytes }
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The challenge request for this body on `method path` (path without query).
    pub fn init(&self, method: &str, path: &str) -> UserActionInit {
        UserActionInit {
            // serde_json writes UTF-8, so this never replaces anything.
            user_action_payload: String::from_utf8_lossy(&self.bytes).into_owned(),
            user_action_http_method: method.to_owned(),
            user_action_http_path: path.split('?').next().unwrap_or(path).to_owned(),
            user_action_server_kind: Some("Api".to_owned()),
        }
    }
}

/// Which key credential signs: the configured one, which must be on offer, or the only one
/// offered (docs/reference/auth-and-signing.md §5.3).
pub fn choose_credential(
    configured: Option<&str>,
    offered: &[AllowCredential],
) -> Result<String, ApiError> {
    let ids: Vec<&str> = offered.iter().map(|c| c.id.as_str()).collect();
    match configured {
        Some(cred) if ids.contains(&cred) => Ok(cred.to_owned()),
        Some(cred) => Err(ApiError::Credential(format!(
            "credential '{cred}' is not among this token's key credentials ({}); check DFNS_CRED_ID or 'cred_id' in the profile",
            list(&ids)
        ))),
        None => match ids.as_slice() {
            [only] => Ok((*only).to_owned()),
            [] => Err(ApiError::Credential(
                "the API offers no key credential for this token: it cannot sign user actions (use a service account or PAT with a key credential)".to_owned(),
            )),
            many => Err(ApiError::Credential(format!(
                "this token has {} key credentials ({}); set DFNS_CRED_ID or 'cred_id' in the profile to pick one",
                many.len(),
                list(many)
            ))),
        },
    }
}

fn list(ids: &[&str]) -> String {
    if ids.is_empty() {
        "none".to_owned()
    } else {
        ids.join(", ")
    }
}

/// Signs the challenge and builds the `POST /auth/action` body.
pub fn assertion(
    challenge: &UserActionChallenge,
    cred_id: String,
    key: &PrivateKey,
) -> Result<UserActionSign, ApiError> {
    let signed = signing::sign_challenge(key, &challenge.challenge)
        .map_err(|e| ApiError::Signing(e.to_string()))?;
    Ok(UserActionSign {
        challenge_identifier: challenge.challenge_identifier.clone(),
        first_factor: FirstFactor {
            kind: "Key".to_owned(),
            credential_assertion: CredentialAssertion {
                cred_id,
                client_data: signing::b64url(&signed.client_data),
                signature: signing::b64url(&signed.signature),
                algorithm: None,
            },
        },
        second_factor: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dfns::model::{AllowCredentials, PayoutAction};

    fn cred(id: &str) -> AllowCredential {
        AllowCredential {
            kind: "public-key".into(),
            id: id.into(),
            extra: Default::default(),
        }
    }

    #[test]
    fn the_signed_payload_is_the_sent_body() {
        let body = SignedBody::new(&PayoutAction::Cancel).unwrap();
        let init = body.init("POST", "/payouts/pyt-a/action?x=1");
        assert_eq!(init.user_action_payload.as_bytes(), body.bytes());
        assert_eq!(body.bytes(), br#"{"action":"Cancel"}"#);
        assert_eq!(init.user_action_http_path, "/payouts/pyt-a/action");
        assert_eq!(init.user_action_http_method, "POST");
        assert_eq!(init.user_action_server_kind.as_deref(), Some("Api"));
    }

    #[test]
    fn non_ascii_bodies_are_signed_as_sent() {
        let body = SignedBody::new(&serde_json::json!({"externalId": "facture-été-№1"})).unwrap();
        assert_eq!(
            body.init("POST", "/payouts").user_action_payload.as_bytes(),
            body.bytes()
        );
    }

    #[test]
    fn credential_choice() {
        assert_eq!(choose_credential(None, &[cred("a")]).unwrap(), "a");
        assert_eq!(
            choose_credential(Some("b"), &[cred("a"), cred("b")]).unwrap(),
            "b"
        );
        let e = choose_credential(Some("c"), &[cred("a")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("'c' is not among") && e.contains("(a)"), "{e}");
        let e = choose_credential(None, &[cred("a"), cred("b")])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("2 key credentials") && e.contains("DFNS_CRED_ID"),
            "{e}"
        );
        assert!(choose_credential(None, &[]).is_err());
    }

    #[test]
    fn assertion_matches_the_reference_vector() {
        // docs/reference/auth-and-signing.md §6: Ed25519 key with seed 1..32, the challenge and the expected values.
        let key = PrivateKey::from_pem(
            "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g\n-----END PRIVATE KEY-----\n",
        )
        .unwrap();
        let challenge = UserActionChallenge {
            challenge: "Y2gtZmljdDEtZGVtbzItMDAwMDAwMDAwMDAwMDAwMQ".into(),
            challenge_identifier: "eyJ…demo-chid".into(),
            allow_credentials: AllowCredentials {
                key: vec![cred("Y2ktZmljdDEtZGVtbzItMDAwMDAwMDAwMDAwMDAwMg")],
                ..Default::default()
            },
            supported_credential_kinds: vec![],
            user_verification: None,
            attestation: None,
            external_authentication_url: None,
            rp: None,
        };
        let cred_id = choose_credential(None, &challenge.allow_credentials.key).unwrap();
        let sign = assertion(&challenge, cred_id, &key).unwrap();
        assert_eq!(
            serde_json::to_string(&sign).unwrap(),
            r#"{"challengeIdentifier":"eyJ…demo-chid","firstFactor":{"kind":"Key","credentialAssertion":{"credId":"Y2ktZmljdDEtZGVtbzItMDAwMDAwMDAwMDAwMDAwMg","clientData":"eyJ0eXBlIjoia2V5LmdldCIsImNoYWxsZW5nZSI6IlkyZ3RabWxqZERFdFpHVnRiekl0TURBd01EQXdNREF3TURBd01EQXdNUSJ9","signature":"WWGyoqRAwkpDbt47CaCmwFNSBkfIJWcINeffrJC9GJZcgF4v9bn3ie3RtOglGjf7gP0lkYKZIknd5YPwsK-hDQ"}}}"#
        );
    }
}
