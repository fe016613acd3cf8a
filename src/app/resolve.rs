//! An action whose outcome was unknown (a timeout, a reset, a 5xx after it may have reached
//! the server), resolved by the re-read that follows it: did it go through? One wording and
//! one audit line for both front ends — the dashboard (`update/resolve.rs`) and the CLI
//! (`cli/confirm.rs`, `cli/approve.rs`) — from the same pure functions.
//!
//! The evidence is the server's own record, never a guess from timing: a confirm went through
//! when the payout carries `dateConfirmed` or has moved past `AwaitingPayoutConfirmation` to a
//! state only a confirm leads to; a cancel when it is `Canceled`; an approve or deny when the
//! approval records my decision; a create when a payout with its externalId exists. Anything
//! else that the re-read cannot tell apart is said as such ("cannot tell"), not rounded to
//! either side.

use crate::app::effect::{AuditEvent, AuditPhase};
use crate::dfns::model::{
    Approval, ApprovalStatus, DecisionValue, ExecutionStatus, Payout, PayoutStatus,
};

/// What the re-read says about the action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The server applied it.
    WentThrough,
    /// The server did not apply it: trying again is safe.
    DidNotGoThrough,
    /// The re-read cannot tell (another payout answered, or a state both sides lead to).
    CannotTell,
}

impl Verdict {
    pub fn words(self) -> &'static str {
        match self {
            Verdict::WentThrough => "went through",
            Verdict::DidNotGoThrough => "did not go through",
            Verdict::CannotTell => "cannot be told from the re-read",
        }
    }
}

/// How an unknown outcome ended, as the re-read shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// `confirm`, `cancel`, `approve`, `deny`, `create` (the audit log's action names).
    pub action: &'static str,
    /// What was acted on, as the sentence names it: a payout id, "ap-… for pyt-…", or the
    /// create's externalId.
    pub subject: String,
    /// The payout, for the audit line (empty when a create made none).
    pub payout_id: String,
    /// The create's externalId, for the audit line.
    pub external_id: Option<String>,
    pub verdict: Verdict,
    /// The state that shows it: "now SubmittingPayoutTransfer", "still Pending", …
    pub state: String,
}

impl Resolution {
    /// "confirm of pyt-… went through: now SubmittingPayoutTransfer" — the one sentence the
    /// dialog, the flash, the event log, the CLI and the audit line all say. Raw server text:
    /// the caller shows it through the sanitizer (`ui::text`, `dfns::text::shown`).
    pub fn sentence(&self) -> String {
        format!(
            "{} of {} {}: {}",
            self.action,
            self.subject,
            self.verdict.words(),
            self.state
        )
    }

    /// The audit line of the resolution (phase `resolution`), written by both front ends.
    pub fn audit_event(&self) -> AuditEvent {
        AuditEvent {
            action: self.action,
            phase: AuditPhase::Resolution,
            payout_id: self.payout_id.clone(),
            external_id: self.external_id.clone(),
            echo: None,
            http_status: None,
            message: Some(self.sentence()),
        }
    }
}

/// A state only a confirm leads to (the transfer was submitted, or held for approval).
fn after_confirm(e: &ExecutionStatus) -> bool {
    matches!(
        e,
        ExecutionStatus::SubmittingPayoutTransfer
            | ExecutionStatus::PendingPolicyApproval
            | ExecutionStatus::DepositProcessing
            | ExecutionStatus::DisbursementPending
            | ExecutionStatus::Completed
    )
}

/// A confirm or cancel of payout `asked`, as payout `p` (its re-read) shows it.
pub fn payout_action(action: &'static str, asked: &str, p: &Payout) -> Resolution {
    let exec = p.execution_status();
    let waiting = p.status == PayoutStatus::Processing
        && *exec == ExecutionStatus::AwaitingPayoutConfirmation;
    let (verdict, state) = if p.id != asked {
        (
            Verdict::CannotTell,
            format!("the re-read answered another payout ({})", p.id),
        )
    } else if waiting {
        (Verdict::DidNotGoThrough, format!("still {exec}"))
    } else {
        let done = match action {
            "cancel" => p.status == PayoutStatus::Canceled || p.data.date_canceled.is_some(),
            _ => p.data.date_confirmed.is_some() || after_confirm(exec),
        };
        // Failed, Rejected, Expired or an unknown status without the action's own mark:
        // either side leads there.
        let verdict = if done {
            Verdict::WentThrough
        } else if matches!(exec, ExecutionStatus::Expired | ExecutionStatus::Canceled) {
            Verdict::DidNotGoThrough
        } else {
            Verdict::CannotTell
        };
        (verdict, format!("now {exec}"))
    };
    Resolution {
        action,
        subject: asked.to_owned(),
        payout_id: asked.to_owned(),
        external_id: None,
        verdict,
        state,
    }
}

/// An approve or deny (`value`) by `me` of approval `approval_id` holding payout
/// `payout_id`, as approval `a` (its re-read) shows it: my decision is recorded or not.
pub fn decision(
    value: &DecisionValue,
    approval_id: &str,
    payout_id: &str,
    me: &str,
    a: &Approval,
) -> Resolution {
    let action = match value {
        DecisionValue::Approved => "approve",
        _ => "deny",
    };
    let pending = a.status == ApprovalStatus::Pending;
    let (verdict, state) = if a.id != approval_id {
        (
            Verdict::CannotTell,
            format!("the re-read answered another approval ({})", a.id),
        )
    } else {
        match a.decision_of(me) {
            Some(d) if d.value == *value => (
                Verdict::WentThrough,
                format!("the approval is now {}", a.status),
            ),
            Some(d) => (
                Verdict::CannotTell,
                format!(
                    "your decision is recorded as {}; the approval is {}",
                    d.value, a.status
                ),
            ),
            None if pending => (
                Verdict::DidNotGoThrough,
                "no decision of yours; the approval is still Pending".to_owned(),
            ),
            None => (
                Verdict::DidNotGoThrough,
                format!("no decision of yours; the approval is now {}", a.status),
            ),
        }
    };
    Resolution {
        action,
        subject: format!("{approval_id} for {payout_id}"),
        payout_id: payout_id.to_owned(),
        external_id: None,
        verdict,
        state,
    }
}

/// A create with `external_id`: `found` is the payout that carries it, or None when none
/// does among every payout made since the create was first sent.
pub fn create(external_id: &str, found: Option<&Payout>) -> Resolution {
    let (verdict, state, payout_id) = match found {
        Some(p) if p.external_id.as_deref() == Some(external_id) => (
            Verdict::WentThrough,
            format!("payout {} is {}", p.id, p.execution_status()),
            p.id.clone(),
        ),
        Some(p) => (
            Verdict::CannotTell,
            format!("the look-up answered another payout ({})", p.id),
            String::new(),
        ),
        None => (
            Verdict::DidNotGoThrough,
            "no payout carries this externalId".to_owned(),
            String::new(),
        ),
    };
    Resolution {
        action: "create",
        subject: external_id.to_owned(),
        payout_id,
        external_id: Some(external_id.to_owned()),
        verdict,
        state,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::board::fixture;

    #[test]
    fn a_confirm_is_read_from_the_payouts_own_record() {
        let waiting = fixture::awaiting("pyt-a1");
        let r = payout_action("confirm", "pyt-a1", &waiting);
        assert_eq!(r.verdict, Verdict::DidNotGoThrough);
        assert_eq!(
            r.sentence(),
            "confirm of pyt-a1 did not go through: still AwaitingPayoutConfirmation"
        );
        let moved = fixture::payout("pyt-a1", ExecutionStatus::SubmittingPayoutTransfer);
        let r = payout_action("confirm", "pyt-a1", &moved);
        assert_eq!(
            r.sentence(),
            "confirm of pyt-a1 went through: now SubmittingPayoutTransfer"
        );
        // Expired without a confirm: it did not; Failed without `dateConfirmed`: either.
        let expired = fixture::payout("pyt-a1", ExecutionStatus::Expired);
        assert_eq!(
            payout_action("confirm", "pyt-a1", &expired).verdict,
            Verdict::DidNotGoThrough
        );
        let mut failed = fixture::payout("pyt-a1", ExecutionStatus::Failed);
        failed.data.date_confirmed = None;
        assert_eq!(
            payout_action("confirm", "pyt-a1", &failed).verdict,
            Verdict::CannotTell
        );
        // Another payout's answer proves nothing.
        let r = payout_action("confirm", "pyt-a1", &fixture::awaiting("pyt-zz"));
        assert_eq!(r.verdict, Verdict::CannotTell);
        assert!(r.state.contains("pyt-zz"), "{r:?}");
    }

    #[test]
    fn a_cancel_went_through_only_when_canceled() {
        let canceled = fixture::payout("pyt-a1", ExecutionStatus::Canceled);
        let r = payout_action("cancel", "pyt-a1", &canceled);
        assert_eq!(r.sentence(), "cancel of pyt-a1 went through: now Canceled");
        let moved = fixture::payout("pyt-a1", ExecutionStatus::SubmittingPayoutTransfer);
        assert_eq!(
            payout_action("cancel", "pyt-a1", &moved).verdict,
            Verdict::CannotTell
        );
    }

    #[test]
    fn the_audit_line_carries_the_sentence() {
        let r = payout_action("confirm", "pyt-a1", &fixture::awaiting("pyt-a1"));
        let e = r.audit_event();
        assert_eq!(e.phase, AuditPhase::Resolution);
        assert_eq!((e.action, e.payout_id.as_str()), ("confirm", "pyt-a1"));
        assert_eq!(e.message.as_deref(), Some(r.sentence().as_str()));
        assert_eq!(e.http_status, None);
    }

    #[test]
    fn a_create_is_found_by_its_external_id_or_not() {
        let mut p = fixture::payout("pyt-n1", ExecutionStatus::Initializing);
        p.external_id = Some("ext-1".into());
        assert_eq!(
            create("ext-1", Some(&p)).sentence(),
            "create of ext-1 went through: payout pyt-n1 is Initializing"
        );
        assert_eq!(create("ext-1", Some(&p)).payout_id, "pyt-n1");
        let r = create("ext-1", None);
        assert_eq!(r.verdict, Verdict::DidNotGoThrough);
        assert_eq!(r.external_id.as_deref(), Some("ext-1"));
    }
}
