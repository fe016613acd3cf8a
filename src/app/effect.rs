//! What `update` asks the edges to do. Each effect runs as a task that answers with a `Msg`.

use chrono::{DateTime, Utc};

use super::safety::Echo;
use crate::dfns::model::{CreatePayoutRequest, DecisionRequest, QuoteRequest};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditPhase {
    Attempt,
    Outcome,
    /// An unknown outcome, resolved by the re-read that followed it (`app::resolve`).
    Resolution,
}

/// One line of the audit log (written by the edges; never holds a secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub action: &'static str,
    pub phase: AuditPhase,
    /// Empty for a create attempt (the id is not known yet); see `external_id`.
    pub payout_id: String,
    /// The create's idempotency key (None for confirm and cancel).
    pub external_id: Option<String>,
    pub echo: Option<Echo>,
    pub http_status: Option<u16>,
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Poll now (the `r` key, or after an action).
    PollNow,
    /// The first load is in: give the memory it passed through (pages of whole payouts,
    /// now kept compactly) back to the system.
    ReleaseMemory,
    /// Re-read one payout for the money guard → `Msg::Reverified`.
    Reverify {
        op: u64,
        id: String,
    },
    /// Re-read one payout into the board → `Msg::Polled`.
    Reread {
        id: String,
    },
    /// One signed Confirm with exactly this echo's body → `Msg::ActionDone`, sent only once
    /// `attempt` is in the audit log. Never retried.
    SendConfirm {
        op: u64,
        echo: Echo,
        attempt: AuditEvent,
    },
    /// One signed Cancel → `Msg::ActionDone`, sent only once `attempt` is audited. Never
    /// retried.
    SendCancel {
        op: u64,
        id: String,
        attempt: AuditEvent,
    },
    /// Re-read the approval holding a transfer → `Msg::ApprovalRead`: by its id when known,
    /// else through the wallet's transfer (`approvalId`).
    ReadApproval {
        transfer_id: String,
        wallet_id: String,
        approval_id: Option<String>,
    },
    /// Re-read a held payout, its approval (by id when known, else through the payout's
    /// transfer) and the policies it names that are not in `known_policies`, for the approve
    /// and deny guard → `Msg::DecisionReverified`.
    ReverifyDecision {
        op: u64,
        payout_id: String,
        approval_id: Option<String>,
        known_policies: Vec<String>,
    },
    /// One signed decision on `approval_id` → `Msg::Decided`, sent only once `attempt` is in
    /// the audit log. Never retried.
    SendDecision {
        op: u64,
        approval_id: String,
        body: DecisionRequest,
        attempt: AuditEvent,
    },
    /// Wallets and their payout balances for the new-payout form → `Msg::WalletsLoaded`.
    LoadWallets {
        op: u64,
    },
    /// Unsigned, informational → `Msg::Quoted`.
    Quote {
        op: u64,
        req: QuoteRequest,
    },
    /// One signed create (with its externalId) → `Msg::Created`, sent only once `attempt` is
    /// audited. Never retried by itself.
    Create {
        op: u64,
        req: CreatePayoutRequest,
        attempt: AuditEvent,
    },
    /// Re-read what an action whose outcome is unknown acted on → `Msg::Resolved`: what the
    /// read shows is what happened (`app::resolve`).
    Resolve {
        op: u64,
        lookup: Lookup,
    },
    Audit(AuditEvent),
    /// OSC 52: put text on the user's clipboard, over SSH too.
    Copy(String),
    Bell,
    /// OSC 9 desktop notification.
    Notify(String),
}

/// What to re-read to learn how an action with an unknown outcome ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// A confirm or cancel: the payout.
    Payout { id: String },
    /// An approve or deny: the approval (by id) and its payout; policies not in `known` are
    /// read too, as for the guard.
    Decision {
        payout_id: String,
        approval_id: String,
        known_policies: Vec<String>,
    },
    /// A create: the payout of wallet `wallet_id` carrying `external_id`, among those
    /// created since `since` (by the server's clock, a margin before the create was first
    /// sent).
    ExternalId {
        wallet_id: String,
        external_id: String,
        since: DateTime<Utc>,
    },
}
