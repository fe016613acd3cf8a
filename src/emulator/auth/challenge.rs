//! `POST /auth/action/init` and `POST /auth/action` (docs/reference/auth-and-signing.md §3.2–3.7, §7.2–7.3).

use std::time::Instant;

use serde_json::{Map, Value, json};

use super::token::{ISSUER, jwt_shaped, random_b64url};
use super::{Auth, Binding, Grant, MAX_OUTSTANDING, MSG_BAD_CHALLENGE, Session, expired, too_many};
use crate::dfns::model::{
    AllowCredential, AllowCredentials, SupportedCredentialKind, UserActionChallenge,
    UserActionToken,
};
use crate::dfns::signing::b64url_decode;
use crate::emulator::error::EmuError;

/// `userActionHttpMethod` enum of the OpenAPI spec.
const METHODS: [&str; 4] = ["POST", "PUT", "DELETE", "GET"];
/// `credentialAssertion.algorithm` values that mean the SHA-256 the emulator verifies with.
const ALGORITHMS: [&str; 3] = ["SHA256", "SHA-256", "RSA-SHA256"];

const ASSERTION: &str = "firstFactor.credentialAssertion";

impl Auth {
    /// `POST /auth/action/init`: validates the body, stores a signing session bound to
    /// {caller, method, path, payload} and answers the full challenge object.
    pub fn init(
        &mut self,
        principal_user_id: &str,
        body: &[u8],
        now: Instant,
        rng: &mut impl rand::RngCore,
    ) -> Result<UserActionChallenge, EmuError> {
        let obj = parse_object(body)?;
        let payload = required_str(&obj, "userActionPayload", "userActionPayload")?;
        let method = required_str(&obj, "userActionHttpMethod", "userActionHttpMethod")?;
        if !METHODS.contains(&method) {
            return Err(EmuError::field(
                "userActionHttpMethod",
                format!(
                    "{method:?} is not one of {}; use the uppercase method of the request to sign",
                    METHODS.join(", ")
                ),
            ));
        }
        let path = required_str(&obj, "userActionHttpPath", "userActionHttpPath")?;
        if !path.starts_with('/') {
            return Err(EmuError::field(
                "userActionHttpPath",
                "must be the request path starting with `/`, e.g. /payouts",
            ));
        }
        if path.contains('?') {
            return Err(EmuError::field(
                "userActionHttpPath",
                "must not contain a query string; sign the path only",
            ));
        }
        match obj.get("userActionServerKind") {
            None | Some(Value::Null) => {}
            Some(Value::String(kind)) if kind == "Api" => {}
            Some(_) => {
                return Err(EmuError::field(
                    "userActionServerKind",
                    "must be \"Api\" when present",
                ));
            }
        }

        let principal = self.known_principal(principal_user_id)?;
        if principal.credentials.is_empty() {
            return Err(EmuError::new(
                401,
                "User does not have a credential that can be used to sign this action; \
                 register a Key credential for it first",
            ));
        }
        let key = principal
            .credentials
            .iter()
            .map(|c| AllowCredential {
                kind: "public-key".to_owned(),
                id: c.cred_id.clone(),
                extra: Default::default(),
            })
            .collect();
        let binding = Binding {
            user_id: principal.user_id.clone(),
            method: method.to_owned(),
            path: path.to_owned(),
            payload: payload.to_owned(),
        };

        if self.sessions.len() >= MAX_OUTSTANDING {
            self.sweep(now);
            if self.sessions.len() >= MAX_OUTSTANDING {
                return Err(too_many("user-action challenges"));
            }
        }
        let challenge = random_b64url(rng);
        let identifier = jwt_shaped(
            &json!({ "iss": ISSUER, "sub": binding.user_id, "purpose": "UserActionChallenge" }),
            rng,
        );
        self.sessions.insert(
            identifier.clone(),
            Session {
                binding,
                challenge: challenge.clone(),
                issued: now,
                consumed: false,
            },
        );
        Ok(UserActionChallenge {
            challenge,
            challenge_identifier: identifier,
            allow_credentials: AllowCredentials {
                key,
                password_protected_key: Some(Vec::new()),
                webauthn: Vec::new(),
            },
            supported_credential_kinds: vec![SupportedCredentialKind {
                kind: "Key".to_owned(),
                factor: "first".to_owned(),
                requires_second_factor: false,
            }],
            user_verification: Some("required".to_owned()),
            attestation: Some("none".to_owned()),
            external_authentication_url: Some(String::new()),
            rp: None,
        })
    }

    /// `POST /auth/action`: checks the session and the Key assertion, consumes the session
    /// and mints a single-use user-action token carrying the session's binding.
    pub fn complete(
        &mut self,
        principal_user_id: &str,
        body: &[u8],
        now: Instant,
        rng: &mut impl rand::RngCore,
    ) -> Result<UserActionToken, EmuError> {
        let obj = parse_object(body)?;
        let identifier = required_str(&obj, "challengeIdentifier", "challengeIdentifier")?;
        let binding = self.verify_assertion(principal_user_id, identifier, &obj, now)?;

        if self.grants.len() >= MAX_OUTSTANDING {
            self.sweep(now);
            if self.grants.len() >= MAX_OUTSTANDING {
                return Err(too_many("user-action tokens"));
            }
        }
        if let Some(session) = self.sessions.get_mut(identifier) {
            session.consumed = true;
        }
        let token = jwt_shaped(
            &json!({ "iss": ISSUER, "sub": binding.user_id, "purpose": "UserAction" }),
            rng,
        );
        self.grants.insert(
            token.clone(),
            Grant {
                binding,
                issued: now,
                used: false,
            },
        );
        Ok(UserActionToken { user_action: token })
    }

    /// Every check of `/auth/action` that does not change state; returns the binding to grant.
    fn verify_assertion(
        &self,
        principal_user_id: &str,
        identifier: &str,
        obj: &Map<String, Value>,
        now: Instant,
    ) -> Result<Binding, EmuError> {
        let invalid = |reason: &str| {
            EmuError::new(400, MSG_BAD_CHALLENGE).with_details(json!({ "reason": reason }))
        };
        let session = self.sessions.get(identifier).ok_or_else(|| {
            invalid("unknown challengeIdentifier; call /auth/action/init for a new challenge")
        })?;
        if session.consumed {
            return Err(invalid(
                "this challenge was already used; call /auth/action/init again",
            ));
        }
        if expired(session.issued, self.config.challenge_ttl, now) {
            return Err(invalid(
                "this challenge has expired; call /auth/action/init again",
            ));
        }
        if session.binding.user_id != principal_user_id {
            return Err(invalid("this challenge was issued to another user"));
        }

        let first = obj
            .get("firstFactor")
            .and_then(Value::as_object)
            .ok_or_else(|| EmuError::field("firstFactor", "is required and must be an object"))?;
        let kind = required_str(first, "firstFactor.kind", "kind")?;
        if kind != "Key" {
            return Err(EmuError::field(
                "firstFactor.kind",
                format!("{kind:?} is not supported by the emulator; only \"Key\" credentials are"),
            ));
        }
        let assertion = first
            .get("credentialAssertion")
            .and_then(Value::as_object)
            .ok_or_else(|| EmuError::field(ASSERTION, "is required and must be an object"))?;
        let cred_id = required_str(assertion, &format!("{ASSERTION}.credId"), "credId")?;
        let client_data =
            required_str(assertion, &format!("{ASSERTION}.clientData"), "clientData")?;
        let signature = required_str(assertion, &format!("{ASSERTION}.signature"), "signature")?;
        check_algorithm(assertion.get("algorithm"))?;

        let principal = self.known_principal(principal_user_id)?;
        let credential = principal.credential(cred_id).ok_or_else(|| {
            EmuError::new(401, "credential not found for this user").with_details(json!({
                "credId": cred_id,
                "reason": "use one of the ids in allowCredentials.key of the init answer",
            }))
        })?;

        let client_data_bytes = b64url_decode(client_data).map_err(|_| {
            EmuError::field(
                format!("{ASSERTION}.clientData").as_str(),
                "is not base64url",
            )
        })?;
        let parsed: Value = serde_json::from_slice(&client_data_bytes).map_err(|_| {
            EmuError::field(
                format!("{ASSERTION}.clientData").as_str(),
                "does not decode to a JSON object",
            )
        })?;
        if parsed.get("type").and_then(Value::as_str) != Some("key.get") {
            return Err(EmuError::new(401, "clientData.type must be \"key.get\""));
        }
        if parsed.get("challenge").and_then(Value::as_str) != Some(session.challenge.as_str()) {
            return Err(EmuError::new(
                401,
                "clientData.challenge does not match the challenge issued for this challengeIdentifier; \
                 sign the challenge string verbatim",
            ));
        }
        let signature_bytes = b64url_decode(signature).map_err(|_| {
            EmuError::field(
                format!("{ASSERTION}.signature").as_str(),
                "is not base64url",
            )
        })?;
        credential
            .public_key
            .verify(&client_data_bytes, &signature_bytes)
            .map_err(|e| {
                EmuError::new(401, "the credential assertion signature is not valid")
                    .with_details(json!({ "reason": e.to_string() }))
            })?;
        Ok(session.binding.clone())
    }
}

/// `algorithm` is optional; when given it must name the SHA-256 digest we verify with.
fn check_algorithm(algorithm: Option<&Value>) -> Result<(), EmuError> {
    match algorithm {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(a)) if ALGORITHMS.contains(&a.as_str()) => Ok(()),
        Some(_) => Err(EmuError::field(
            &format!("{ASSERTION}.algorithm"),
            format!(
                "must be one of {} or omitted; the emulator verifies ECDSA and RSA with SHA-256",
                ALGORITHMS.join(", ")
            ),
        )),
    }
}

/// The request body as a JSON object, or a 400 saying what it is instead.
pub(super) fn parse_object(body: &[u8]) -> Result<Map<String, Value>, EmuError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(EmuError::bad_request(
            "the request body must be a JSON object",
        )),
        Err(e) => Err(EmuError::bad_request(format!(
            "the request body is not valid JSON ({e}); send a JSON object with Content-Type: application/json"
        ))),
    }
}

/// A required string field; `name` is its full path for the error, `key` its key in `obj`.
fn required_str<'a>(
    obj: &'a Map<String, Value>,
    name: &str,
    key: &str,
) -> Result<&'a str, EmuError> {
    obj.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| EmuError::field(name, "is required and must be a string"))
}
