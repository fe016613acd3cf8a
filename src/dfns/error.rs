//! Errors of the API client: what went wrong, the HTTP status and the Dfns message when the
//! server answered, and whether a retry can help. Never a secret.

use std::time::Duration;

use serde_json::Value;

use super::model::ErrorEnvelope;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The server answered with a non-success status.
    #[error("{status} {}: {message}", reason(*status))]
    Http {
        status: u16,
        /// The Dfns `error.message` (or the body's text when it was not the envelope).
        message: String,
        code: Option<String>,
        /// Boxed: errors travel through every `Result` of the client and should stay small.
        details: Option<Box<Value>>,
        retry_after: Option<Duration>,
    },
    /// A state-changing request timed out or lost its connection after it may have reached
    /// the server. It is never retried: re-read the resource to learn what happened.
    #[error(
        "outcome unknown: {0}; the request may have reached the server, re-read before retrying"
    )]
    OutcomeUnknown(String),
    #[error("timed out: {0}")]
    Timeout(String),
    #[error("cannot connect to {host}: {detail}")]
    Connect { host: String, detail: String },
    #[error("network error: {0}")]
    Network(String),
    /// A 2xx answer whose body is not what the reference says.
    #[error("malformed {what} from the API: {detail}")]
    Malformed { what: &'static str, detail: String },
    #[error("request signing failed: {0}")]
    Signing(String),
    #[error(
        "no signing key configured: state-changing requests need DFNS_PRIVATE_KEY(_FILE) or 'private_key' in the profile"
    )]
    NoSigner,
    #[error("{0}")]
    Credential(String),
    #[error("invalid API URL '{0}': expected an absolute http(s) URL such as https://api.dfns.io")]
    InvalidUrl(String),
    #[error("paging did not end: {0}")]
    Paging(String),
    /// A read answered with a redirect; none is ever followed.
    #[error(
        "the API answered {status} (a redirect to {location}); redirects are never followed: check the API URL"
    )]
    Redirect { status: u16, location: String },
    /// An answer over the client's size cap.
    #[error("the API's answer is larger than {limit}; it was not read")]
    TooLarge { limit: String },
    /// `http://` to a host that is not loopback: tokens and signed requests in clear text.
    #[error(
        "refusing plain http:// for '{0}': the token would travel unencrypted; use https://, or opt in with --allow-insecure-http or 'allow_insecure_http = true' in the profile"
    )]
    InsecureUrl(String),
    /// A signed request answered 202: accepted, but a policy holds it until its approvers
    /// decide (the official TypeScript SDK's `PolicyPendingError`). Not a failure: nothing to
    /// retry, the payout moves on once the approval is decided.
    #[error("accepted, held for policy approval{}", approval_id.as_deref().map(|a| format!(" ({a})")).unwrap_or_default())]
    PolicyPending { approval_id: Option<String> },
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "HTTP error",
    }
}

/// What an error means for the user: the one classification behind the CLI's exit codes and
/// the dashboard's outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// The API said no (4xx other than 429): nothing happened.
    Refused,
    /// The API could not be reached, kept failing, or sent something unreadable: nothing was
    /// changed by us; asking again later may work.
    Unavailable,
    /// A state-changing request may or may not have been applied: re-read, never re-send.
    OutcomeUnknown,
    /// Local setup: no key, a bad URL, a credential problem.
    Config,
    /// Accepted, and held by a policy until its approvers decide (HTTP 202).
    Held,
}

impl ApiError {
    pub fn class(&self) -> Class {
        match self {
            ApiError::Http { status, .. } if *status == 429 || *status >= 500 => Class::Unavailable,
            ApiError::Http { .. } => Class::Refused,
            ApiError::OutcomeUnknown(_) => Class::OutcomeUnknown,
            ApiError::Timeout(_)
            | ApiError::Connect { .. }
            | ApiError::Network(_)
            | ApiError::Malformed { .. }
            | ApiError::Paging(_)
            | ApiError::Redirect { .. }
            | ApiError::TooLarge { .. } => Class::Unavailable,
            ApiError::NoSigner
            | ApiError::Credential(_)
            | ApiError::Signing(_)
            | ApiError::InvalidUrl(_)
            | ApiError::InsecureUrl(_) => Class::Config,
            ApiError::PolicyPending { .. } => Class::Held,
        }
    }

    /// The error as the final answer to a state-changing request: a 5xx does not prove the
    /// request was not applied (a gateway can fail after the API acted), so its outcome is
    /// unknown — re-read, never re-send.
    pub fn for_mutation(self) -> ApiError {
        match self {
            ApiError::Http {
                status, message, ..
            } if status >= 500 => ApiError::OutcomeUnknown(format!(
                "the API answered {status} {}: {message}",
                reason(status)
            )),
            e => e,
        }
    }

    /// What the user can do about it, when there is something to say beyond the error
    /// itself — the one wording of the CLI's `hint:` line and the dashboard's status line.
    /// `profile` names the configuration profile in use, when known.
    pub fn next_step(&self, profile: Option<&str>) -> Option<String> {
        let token = match profile {
            Some(p) => format!("the token of profile '{p}'"),
            None => "the profile's token".to_owned(),
        };
        match (self.status(), self.class()) {
            (Some(401), _) => Some(format!(
                "the token was rejected: check DFNS_AUTH_TOKEN or {token}"
            )),
            (Some(403), _) => Some(
                "the token lacks a permission for this (see the message): ask an admin to grant it"
                    .into(),
            ),
            (Some(404), _) => Some("no such resource: check the id".into()),
            (Some(429), _) => Some("rate limited: try again later".into()),
            (Some(s), _) if s >= 500 => Some("the API is failing: try again later".into()),
            (_, Class::OutcomeUnknown) => {
                Some("re-read before doing anything else: the request may have been applied".into())
            }
            _ => match self {
                ApiError::Connect { .. } | ApiError::Timeout(_) | ApiError::Network(_) => Some(
                    "check the network and the API URL (DFNS_API_URL, --api-url or the profile)"
                        .into(),
                ),
                ApiError::Redirect { .. } | ApiError::InvalidUrl(_) | ApiError::InsecureUrl(_) => {
                    Some("check the API URL (DFNS_API_URL, --api-url or the profile)".into())
                }
                _ => None,
            },
        }
    }

    /// The HTTP status when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The Dfns message when the server answered with one.
    pub fn dfns_message(&self) -> Option<&str> {
        match self {
            ApiError::Http { message, .. } => Some(message),
            _ => None,
        }
    }

    /// The server's `Retry-After`, when it sent one.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ApiError::Http { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// True when the server could not be reached or kept failing (exit code 3 in the CLI).
    pub fn is_unavailable(&self) -> bool {
        self.class() == Class::Unavailable
    }

    /// Builds the error for a non-success answer from its status and body text.
    pub fn from_response(status: u16, body: &str, retry_after: Option<Duration>) -> ApiError {
        let (message, code, details) = match serde_json::from_str::<ErrorEnvelope>(body) {
            Ok(env) => (
                env.error.message,
                env.error.code,
                env.error.details.map(Box::new),
            ),
            Err(_) => match serde_json::from_str::<Value>(body) {
                // Some gateways answer `{"message": "..."}` (the SDKs accept it too).
                Ok(Value::Object(m)) => (
                    m.get("message")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                        .unwrap_or_else(|| printable(body)),
                    None,
                    None,
                ),
                _ => (printable(body), None, None),
            },
        };
        // The message reaches terminals, logs and the audit log: sanitized and bounded here,
        // once, for every front end.
        let message = if message.trim().is_empty() {
            reason(status).to_owned()
        } else {
            printable(&message)
        };
        let code = code.map(|c| printable(&c));
        ApiError::Http {
            status,
            message,
            code,
            details,
            retry_after,
        }
    }
}

/// Server text shown in an error: hidden characters made visible (`text::escape`: no
/// terminal escapes from the network), cut to a readable length.
pub fn printable(body: &str) -> String {
    const MAX: usize = 300;
    let clean = super::text::escape(body.trim());
    let clean = clean.trim();
    if clean.chars().count() > MAX {
        let cut: String = clean.chars().take(MAX).collect();
        format!("{cut}…")
    } else {
        clean.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_message_from_the_envelope() {
        let e = ApiError::from_response(
            409,
            r#"{"error":{"id":"1","status":409,"message":"Conflicting payout with same externalId","details":{"duplicate":{"id":"pyt-a"}}}}"#,
            None,
        );
        assert_eq!(e.status(), Some(409));
        assert_eq!(
            e.dfns_message(),
            Some("Conflicting payout with same externalId")
        );
        assert_eq!(
            e.to_string(),
            "409 Conflict: Conflicting payout with same externalId"
        );
        assert_eq!(e.class(), Class::Refused);
        match e {
            ApiError::Http { details, .. } => {
                assert_eq!(details.unwrap()["duplicate"]["id"], "pyt-a")
            }
            _ => unreachable!(),
        }
    }

    #[test]
    fn falls_back_to_top_level_message_then_text() {
        let e = ApiError::from_response(401, r#"{"message":"Not Authorized."}"#, None);
        assert_eq!(e.dfns_message(), Some("Not Authorized."));
        let e = ApiError::from_response(502, "<html>bad\u{1b}[2Jgateway</html>", None);
        assert_eq!(e.dfns_message(), Some("<html>bad\\u{1b}[2Jgateway</html>"));
        assert!(e.is_unavailable());
        let e = ApiError::from_response(500, "", None);
        assert_eq!(e.dfns_message(), Some("Internal Server Error"));
    }

    #[test]
    fn a_server_error_after_a_mutation_leaves_the_outcome_unknown() {
        for status in [500, 502, 503, 504] {
            let e = ApiError::from_response(status, r#"{"error":{"message":"Bad Gateway"}}"#, None);
            assert_eq!(e.class(), Class::Unavailable);
            let m = e.for_mutation();
            assert_eq!(m.class(), Class::OutcomeUnknown, "{status}");
            assert!(m.to_string().contains("Bad Gateway"), "{m}");
        }
        for status in [400, 403, 409, 429] {
            let e = ApiError::from_response(status, "{}", None).for_mutation();
            assert_eq!(e.status(), Some(status));
        }
    }

    #[test]
    fn messages_of_both_envelope_shapes_are_sanitized_and_bounded() {
        for body in [
            r#"{"error":{"message":"no\u001b]0;pwned\u0007 \u202eway","code":"x\u001b"}}"#,
            r#"{"message":"no\u001b]0;pwned\u0007 \u202eway"}"#,
        ] {
            let e = ApiError::from_response(400, body, None);
            let shown = e.to_string();
            assert!(!super::super::text::has_hidden(&shown), "{shown:?}");
            assert!(
                shown.contains("no\\u{1b}]0;pwned\\u{7} \\u{202e}way"),
                "{shown}"
            );
        }
        let long = format!(r#"{{"message":"{}"}}"#, "x".repeat(100_000));
        let e = ApiError::from_response(400, &long, None);
        assert!(e.to_string().chars().count() < 400);
    }

    #[test]
    fn rate_limit_carries_retry_after() {
        let e = ApiError::from_response(429, "{}", Some(Duration::from_secs(3)));
        assert_eq!(e.class(), Class::Unavailable);
        assert_eq!(e.retry_after(), Some(Duration::from_secs(3)));
    }
}
