//! What `update` asks the edges to do. Each effect runs as a task that answers with a `Msg`.

use super::safety::Echo;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditPhase {
    Attempt,
    Outcome,
}

/// One line of the audit log (written by the edges; never holds a secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub action: &'static str,
    pub phase: AuditPhase,
    pub payout_id: String,
    pub echo: Option<Echo>,
    pub http_status: Option<u16>,
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Poll now (the `r` key, or after an action).
    PollNow,
    /// Re-read one payout for the money guard → `Msg::Reverified`.
    Reverify {
        op: u64,
        id: String,
    },
    /// Re-read one payout into the board → `Msg::Polled`.
    Reread {
        id: String,
    },
    /// One signed Confirm with exactly this echo's body → `Msg::ActionDone`. Never retried.
    SendConfirm {
        op: u64,
        echo: Echo,
    },
    /// One signed Cancel → `Msg::ActionDone`. Never retried.
    SendCancel {
        op: u64,
        id: String,
    },
    Audit(AuditEvent),
    /// OSC 52: put text on the user's clipboard, over SSH too.
    Copy(String),
    Bell,
    /// OSC 9 desktop notification.
    Notify(String),
    Quit,
}
