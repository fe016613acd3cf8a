//! The CLI's side of the audit log: an attempt line before a state-changing request, an
//! outcome line after it, a resolution line when the re-read after an unknown outcome tells
//! what happened — the same lines the dashboard writes.

use crate::app::effect::{AuditEvent, AuditPhase};
use crate::app::resolve::Resolution;
use crate::app::safety::Echo;
use crate::audit::{self, AuditLog};
use crate::dfns::error::ApiError;
use crate::dfns::text;

use super::Exit;

pub struct Trail {
    log: Option<AuditLog>,
    action: &'static str,
    /// The create's idempotency key, on both of its lines.
    external_id: Option<String>,
}

impl Trail {
    pub fn new(log: Option<AuditLog>, action: &'static str) -> Trail {
        Trail {
            log,
            action,
            external_id: None,
        }
    }

    pub fn with_external_id(self, external_id: &str) -> Trail {
        Trail {
            external_id: Some(external_id.to_owned()),
            ..self
        }
    }

    /// Writes the attempt line. A money action that cannot be audited is not sent (the rule
    /// of `audit::attempt`, shared with the dashboard).
    pub fn attempt(
        &self,
        payout_id: &str,
        echo: Option<&Echo>,
        message: Option<String>,
    ) -> Result<(), Exit> {
        let event = AuditEvent {
            action: self.action,
            phase: AuditPhase::Attempt,
            payout_id: payout_id.to_owned(),
            external_id: self.external_id.clone(),
            echo: echo.cloned(),
            http_status: None,
            message,
        };
        audit::attempt(self.log.as_ref(), &event).map_err(|why| {
            eprintln!("error: cannot {}: {why}", self.action);
            Exit::Usage
        })
    }

    /// Says how an unknown outcome resolved (the one sentence, through the sanitizer) and
    /// writes its audit line (`Resolution::audit_event`, the dashboard's too).
    pub fn resolved(&self, r: &Resolution) {
        eprintln!("{}", text::shown(&r.sentence()));
        self.record(&r.audit_event());
    }

    fn record(&self, event: &AuditEvent) {
        let Some(log) = &self.log else {
            return;
        };
        if let Err(e) = log.record(event) {
            eprintln!(
                "warning: cannot write the audit log {}: {e}",
                log.path().display()
            );
        }
    }

    /// Writes the outcome line: HTTP 200 on success, else the status and Dfns message (or the
    /// error text when the server did not answer). A failure to write is only warned about:
    /// the request has already gone.
    pub fn outcome<T>(
        &self,
        payout_id: &str,
        echo: Option<&Echo>,
        result: &Result<T, ApiError>,
        note: Option<String>,
    ) {
        let (http_status, message) = match result {
            Ok(_) => (Some(200), note),
            Err(e) => (
                e.status(),
                Some(
                    e.dfns_message()
                        .map(str::to_owned)
                        .unwrap_or_else(|| e.to_string()),
                ),
            ),
        };
        let event = AuditEvent {
            action: self.action,
            phase: AuditPhase::Outcome,
            payout_id: payout_id.to_owned(),
            external_id: self.external_id.clone(),
            echo: echo.cloned(),
            http_status,
            message,
        };
        self.record(&event);
    }
}
