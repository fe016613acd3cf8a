//! The emulator's error answers: always the Dfns envelope `{"error":{id,status,message,details?}}`,
//! for refusals, unknown routes and framework rejections alike (the TS SDK parses every
//! non-2xx body as JSON).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};

/// A refusal with its HTTP status and Dfns-style message.
#[derive(Debug, Clone, PartialEq)]
pub struct EmuError {
    pub status: u16,
    pub message: String,
    pub details: Option<Value>,
}

impl EmuError {
    pub fn new(status: u16, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            details: None,
        }
    }

    pub fn with_details(mut self, details: Value) -> Self {
        self.details = Some(details);
        self
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, message)
    }

    /// 400 naming the offending field, in `details.field` too.
    pub fn field(field: &str, problem: impl std::fmt::Display) -> Self {
        Self::new(400, format!("{field}: {problem}")).with_details(json!({ "field": field }))
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(404, message)
    }

    pub fn body(&self) -> Value {
        // The id is a support reference in the real API; a counter is enough here.
        static NEXT: AtomicU64 = AtomicU64::new(1_000_000);
        let mut error = json!({
            "id": NEXT.fetch_add(1, Ordering::Relaxed).to_string(),
            "status": self.status,
            "message": self.message,
        });
        if let (Some(d), Some(obj)) = (&self.details, error.as_object_mut()) {
            obj.insert("details".into(), d.clone());
        }
        json!({ "error": error })
    }
}

impl std::fmt::Display for EmuError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status, self.message)
    }
}

impl IntoResponse for EmuError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, axum::Json(self.body())).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_has_status_message_and_details() {
        let e = EmuError::field("limit", "must be an integer from 1 to 50");
        let b = e.body();
        assert_eq!(b["error"]["status"], 400);
        assert_eq!(
            b["error"]["message"],
            "limit: must be an integer from 1 to 50"
        );
        assert_eq!(b["error"]["details"]["field"], "limit");
        assert!(b["error"]["id"].is_string());
    }
}
