//! The audit log: one JSON line per action attempt and outcome (and the resolution of an
//! unknown outcome, `app::resolve`), from the dashboard or the CLI, appended to
//! `audit.jsonl` in the XDG state dir. Never a token, a key or a user-action token — only
//! what the user saw and what the API said.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use serde_json::{Value, json};

use crate::app::effect::{AuditEvent, AuditPhase};

#[derive(Debug, Clone)]
pub struct AuditLog {
    path: PathBuf,
    profile: String,
    api_host: String,
    user_id: Option<String>,
}

impl AuditLog {
    pub fn new(path: PathBuf, profile: &str, api_host: &str, user_id: Option<&str>) -> AuditLog {
        AuditLog {
            path,
            profile: profile.to_owned(),
            api_host: api_host.to_owned(),
            user_id: user_id.map(str::to_owned),
        }
    }

    /// `audit.jsonl` in the state dir (`PAYOUTS_TUI_AUDIT` overrides, for tests and ops
    /// teams that collect it elsewhere).
    pub fn default_path() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("PAYOUTS_TUI_AUDIT") {
            return Some(PathBuf::from(p));
        }
        crate::config::state_dir().map(|d| d.join("audit.jsonl"))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn line(&self, e: &AuditEvent) -> Value {
        let transfer = e.echo.as_ref().map(|x| {
            json!({
                "walletId": x.wallet_id,
                "kind": x.kind.as_str(),
                "amount": x.amount_base,
                "humanAmount": x.human_amount,
                "symbol": x.symbol,
                "network": x.network,
                "contract": x.contract,
                "mint": x.mint,
                "to": x.deposit_address,
            })
        });
        json!({
            "time": Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
            "profile": self.profile,
            "apiHost": self.api_host,
            "userId": self.user_id,
            "payoutId": e.payout_id,
            "externalId": e.external_id,
            "action": e.action,
            "phase": match e.phase {
                AuditPhase::Attempt => "attempt",
                AuditPhase::Outcome => "outcome",
                AuditPhase::Resolution => "resolution",
            },
            "transfer": transfer,
            "httpStatus": e.http_status,
            "message": e.message,
        })
    }

    /// Appends one line with a single `write` on an `O_APPEND` file: concurrent writers
    /// (two dashboards, a cron job) never interleave within a line.
    pub fn record(&self, e: &AuditEvent) -> std::io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut line = serde_json::to_vec(&self.line(e)).map_err(std::io::Error::other)?;
        line.push(b'\n');
        let mut f = crate::files::open_private_append(&self.path)?;
        f.write_all(&line)
    }
}

/// Writes the attempt line of a state-changing request — the one rule of both front ends:
/// when it cannot be written (no audit location, or the write fails), nothing may be sent,
/// and the error says why and what to fix.
pub fn attempt(log: Option<&AuditLog>, event: &AuditEvent) -> Result<(), String> {
    let Some(log) = log else {
        return Err(
            "no audit log location (no state directory; set PAYOUTS_TUI_AUDIT): nothing was sent"
                .to_owned(),
        );
    };
    log.record(event).map_err(|e| {
        format!(
            "cannot write the audit log {}: {e}; nothing was sent (fix the file or its directory, or set PAYOUTS_TUI_AUDIT)",
            log.path().display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> AuditEvent {
        AuditEvent {
            action: "confirm",
            phase: AuditPhase::Attempt,
            payout_id: "pyt-1".into(),
            external_id: None,
            echo: None,
            http_status: None,
            message: None,
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_or_shared_writable_audit_file_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        std::fs::write(&target, "").unwrap();
        let link = dir.path().join("audit.jsonl");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let log = AuditLog::new(link, "p", "h", None);
        let err = attempt(Some(&log), &event()).unwrap_err();
        assert!(
            err.contains("symlink") && err.contains("nothing was sent"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "");

        let open = dir.path().join("open.jsonl");
        std::fs::write(&open, "").unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o666)).unwrap();
        let log = AuditLog::new(open.clone(), "p", "h", None);
        let err = attempt(Some(&log), &event()).unwrap_err();
        assert!(err.contains("writable by group or others"), "{err}");

        let fresh = dir.path().join("fresh.jsonl");
        attempt(
            Some(&AuditLog::new(fresh.clone(), "p", "h", None)),
            &event(),
        )
        .unwrap();
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn no_location_means_nothing_is_sent() {
        let err = attempt(None, &event()).unwrap_err();
        assert!(err.contains("PAYOUTS_TUI_AUDIT") && err.contains("nothing was sent"));
    }

    #[test]
    fn appends_one_json_line_per_event() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::new(
            dir.path().join("a/audit.jsonl"),
            "prod",
            "api.dfns.io",
            Some("us-1"),
        );
        let e = AuditEvent {
            action: "cancel",
            phase: AuditPhase::Attempt,
            payout_id: "pyt-1".into(),
            external_id: None,
            echo: None,
            http_status: None,
            message: None,
        };
        log.record(&e).unwrap();
        log.record(&AuditEvent {
            phase: AuditPhase::Outcome,
            http_status: Some(200),
            ..e
        })
        .unwrap();
        let text = std::fs::read_to_string(log.path()).unwrap();
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["phase"], "attempt");
        assert_eq!(lines[1]["httpStatus"], 200);
        assert_eq!(lines[1]["profile"], "prod");
        assert_eq!(lines[1]["userId"], "us-1");
    }
}
