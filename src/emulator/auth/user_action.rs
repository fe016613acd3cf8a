//! The `X-DFNS-USERACTION` check on signed routes (docs/reference/auth-and-signing.md §3.8, §7.4).

use std::time::Instant;

use serde_json::{Value, json};

use super::{Auth, MSG_BAD_USER_ACTION, MSG_USER_ACTION_USED, expired};
use crate::emulator::error::EmuError;

impl Auth {
    /// Checks the user-action token of a signed request against what was signed: same
    /// caller, method, path (without query) and body; consumes it on success only.
    ///
    /// Body comparison: by default the signed payload and the body must parse to equal JSON
    /// values (the Python SDK re-serializes the body with other separators, and sends `{}`
    /// while signing `""`); when either is not JSON, bytes are compared. With
    /// `strict_body`, bytes are always compared.
    pub fn consume_user_action(
        &mut self,
        principal_user_id: &str,
        header: Option<&str>,
        method: &str,
        path: &str,
        body: &[u8],
        now: Instant,
    ) -> Result<(), EmuError> {
        let refuse = |details: Value| EmuError::new(403, MSG_BAD_USER_ACTION).with_details(details);
        let reason = |reason: &str| refuse(json!({ "reason": reason }));

        let token = header
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| reason("the X-DFNS-USERACTION header is missing; sign this request via /auth/action/init and /auth/action"))?;
        let ttl = self.config.user_action_ttl;
        let strict = self.config.strict_body;
        let grant = self
            .grants
            .get_mut(token)
            .ok_or_else(|| reason("unknown user action token"))?;
        let bound = &grant.binding;
        if bound.user_id != principal_user_id {
            return Err(reason("the user action token was issued to another user"));
        }
        if grant.used {
            return Err(
                EmuError::new(400, MSG_USER_ACTION_USED).with_details(json!({
                    "reason": "a user action token is single-use; sign each request anew",
                })),
            );
        }
        if expired(grant.issued, ttl, now) {
            return Err(reason(
                "the user action token has expired; sign the request again",
            ));
        }
        if bound.method != method {
            return Err(refuse(json!({
                "reason": "method mismatch",
                "signedMethod": bound.method,
                "requestMethod": method,
            })));
        }
        if bound.path != path {
            return Err(refuse(json!({
                "reason": "path mismatch",
                "signedPath": bound.path,
                "requestPath": path,
            })));
        }
        if !body_matches(&bound.payload, body, strict) {
            let how = if strict {
                "byte for byte (strict mode)"
            } else {
                "as JSON"
            };
            return Err(refuse(json!({
                "reason": "body mismatch",
                "hint": format!("the request body must equal the signed userActionPayload {how}"),
            })));
        }
        grant.used = true;
        Ok(())
    }
}

/// Whether `body` is what `payload` promised (see [`Auth::consume_user_action`]).
fn body_matches(payload: &str, body: &[u8], strict: bool) -> bool {
    if strict {
        return payload.as_bytes() == body;
    }
    if payload.is_empty() {
        return is_empty_body(body);
    }
    match (
        serde_json::from_str::<Value>(payload),
        serde_json::from_slice::<Value>(body),
    ) {
        // serde_json's map equality ignores key order, also with `preserve_order`.
        (Ok(signed), Ok(sent)) => signed == sent,
        _ => payload.as_bytes() == body,
    }
}

/// No body, whitespace, or `{}` (what Python sends for an empty dict while signing `""`).
fn is_empty_body(body: &[u8]) -> bool {
    if body.iter().all(u8::is_ascii_whitespace) {
        return true;
    }
    matches!(serde_json::from_slice::<Value>(body), Ok(Value::Object(m)) if m.is_empty())
}
