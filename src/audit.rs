//! The audit log: one JSON line per action attempt and outcome, from the dashboard or the
//! CLI, appended to `audit.jsonl` in the XDG state dir. Never a token, a key or a
//! user-action token — only what the user saw and what the API said.

use std::fs::OpenOptions;
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
            "phase": match e.phase { AuditPhase::Attempt => "attempt", AuditPhase::Outcome => "outcome" },
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
        let mut opts = OpenOptions::new();
        opts.create(true).append(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&self.path)?;
        f.write_all(&line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
