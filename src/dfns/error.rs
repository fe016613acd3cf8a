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

impl ApiError {
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

    /// Whether asking again later may succeed (429, 5xx, network). Says nothing about whether
    /// it is *safe* to repeat a state-changing request: see [`ApiError::OutcomeUnknown`].
    pub fn retryable(&self) -> bool {
        match self {
            ApiError::Http { status, .. } => *status == 429 || *status >= 500,
            ApiError::Timeout(_)
            | ApiError::Connect { .. }
            | ApiError::Network(_)
            | ApiError::OutcomeUnknown(_) => true,
            _ => false,
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
        match self {
            ApiError::Http { status, .. } => *status == 429 || *status >= 500,
            ApiError::Timeout(_) | ApiError::Connect { .. } | ApiError::Network(_) => true,
            _ => false,
        }
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
        let message = if message.trim().is_empty() {
            reason(status).to_owned()
        } else {
            message
        };
        ApiError::Http {
            status,
            message,
            code,
            details,
            retry_after,
        }
    }
}

/// A body shown in an error: control characters removed (no terminal escapes from the
/// network), cut to a readable length.
pub fn printable(body: &str) -> String {
    const MAX: usize = 200;
    let clean: String = body
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
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
        assert!(!e.retryable());
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
        assert_eq!(e.dfns_message(), Some("<html>bad [2Jgateway</html>"));
        assert!(e.retryable() && e.is_unavailable());
        let e = ApiError::from_response(500, "", None);
        assert_eq!(e.dfns_message(), Some("Internal Server Error"));
    }

    #[test]
    fn rate_limit_carries_retry_after() {
        let e = ApiError::from_response(429, "{}", Some(Duration::from_secs(3)));
        assert!(e.retryable());
        assert_eq!(e.retry_after(), Some(Duration::from_secs(3)));
    }
}
