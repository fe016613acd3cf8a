//! The guard before an approve or deny is signed: the approval and the held payout, as just
//! re-read, must be the ones asked for, linked to each other, Pending and held, decidable by
//! me, with a transfer that is the payout's own and goes to a valid deposit address. What it
//! returns is what the prompt shows.

use std::fmt;

use super::{GroupProgress, Me, Stance, my_stance, quorum_progress};
use crate::app::safety::{Echo, Refusal, echo_of};
use crate::dfns::model::{
    Approval, DecisionValue, ExecutionStatus, Payout, PayoutStatus, Policy, TransferRequest,
};
use crate::dfns::text::shown;

/// What was asked for: the id the user typed (an approval's, or the held payout's), or —
/// the dashboard, which knows both — the pair, each of which the answers must be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked<'a> {
    Approval(&'a str),
    Payout(&'a str),
    Both { approval: &'a str, payout: &'a str },
}

impl<'a> Asked<'a> {
    /// The id to name in a message: the one typed, or the approval's.
    pub fn id(&self) -> &'a str {
        match *self {
            Asked::Approval(id) | Asked::Payout(id) => id,
            Asked::Both { approval, .. } => approval,
        }
    }
}

/// What the approve and deny prompts show, all from the server's objects as re-read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionEcho {
    pub approval_id: String,
    pub transfer_id: String,
    /// The payout's transfer: amount, token, network, the full deposit address; approving is
    /// armed by its last 4 characters (`Echo::arms`).
    pub transfer: Echo,
    pub initiator_id: String,
    /// The triggered policies' reasons (server text: shown through the sanitizer).
    pub reasons: Vec<String>,
    pub progress: Vec<GroupProgress>,
    pub expiration_date: Option<String>,
    pub stance: Stance,
}

/// Why nothing is signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionRefusal {
    /// The server answered with another approval (or payout) than the one asked for.
    Wrong {
        what: &'static str,
        asked: String,
        got: String,
    },
    /// The approval holds something else than a wallet transfer.
    NotATransfer { kind: String },
    /// The approval's transfer is not this payout's.
    NotThisPayout {
        transfer_id: String,
        payout_id: String,
        payout_transfer: Option<String>,
    },
    /// I may not record this decision.
    MayNot(String),
    PayoutNotHeld {
        execution_status: String,
        status: String,
    },
    /// The deposit address, amount or token cannot be shown exactly (the money guard's).
    Transfer(Refusal),
    /// The held transfer differs from the payout in a field that decides where money goes.
    Mismatch {
        field: &'static str,
        transfer: String,
        payout: String,
    },
    /// Something changed since it was shown.
    Changed(&'static str),
}

impl fmt::Display for DecisionRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecisionRefusal::Wrong { what, asked, got } => write!(
                f,
                "asked the API for {what} {} and it answered with {}: refusing to decide on \
                 something you did not choose",
                shown(asked),
                shown(got)
            ),
            DecisionRefusal::NotATransfer { kind } => write!(
                f,
                "the approval holds a {} activity, not a wallet transfer: decide it in the Dfns \
                 dashboard",
                shown(kind)
            ),
            DecisionRefusal::NotThisPayout {
                transfer_id,
                payout_id,
                payout_transfer,
            } => write!(
                f,
                "the approval holds transfer {}, but payout {} carries {}",
                shown(transfer_id),
                shown(payout_id),
                payout_transfer.as_deref().map_or_else(
                    || "no transfer id".to_owned(),
                    |t| format!("transfer {}", shown(t))
                )
            ),
            DecisionRefusal::MayNot(why) => f.write_str(why),
            DecisionRefusal::PayoutNotHeld {
                execution_status,
                status,
            } => write!(
                f,
                "the payout is not held for policy approval (now {} · {})",
                shown(status),
                shown(execution_status)
            ),
            DecisionRefusal::Transfer(r) => {
                // The money guard's sentences end with their own "nothing was sent".
                let s = r.to_string();
                f.write_str(s.strip_suffix("; nothing was sent").unwrap_or(&s))
            }
            DecisionRefusal::Mismatch {
                field,
                transfer,
                payout,
            } => write!(
                f,
                "the transfer held for approval does not match the payout: its {field} is {} \
                 where the payout's is {}",
                shown(transfer),
                shown(payout)
            ),
            DecisionRefusal::Changed(what) => write!(
                f,
                "the {what} changed since it was shown: look again before deciding"
            ),
        }?;
        f.write_str("; nothing was sent")
    }
}

impl std::error::Error for DecisionRefusal {}

/// Whether `me` may send `value` on `approval` for `payout` (both as just re-read after
/// asking for `asked`). With `shown`, also that nothing changed since it was shown.
pub fn check_decision(
    asked: Asked<'_>,
    approval: &Approval,
    payout: &Payout,
    policies: &[Policy],
    me: &Me<'_>,
    value: &DecisionValue,
    shown_before: Option<&DecisionEcho>,
) -> Result<DecisionEcho, DecisionRefusal> {
    let wrong = |what, asked: &str, got: &str| DecisionRefusal::Wrong {
        what,
        asked: asked.to_owned(),
        got: got.to_owned(),
    };
    let (asked_approval, asked_payout) = match asked {
        Asked::Approval(id) => (Some(id), None),
        Asked::Payout(id) => (None, Some(id)),
        Asked::Both { approval, payout } => (Some(approval), Some(payout)),
    };
    if let Some(id) = asked_approval.filter(|id| approval.id != *id) {
        return Err(wrong("approval", id, &approval.id));
    }
    if let Some(id) = asked_payout.filter(|id| payout.id != *id) {
        return Err(wrong("payout", id, &payout.id));
    }
    let t = approval
        .transfer_request()
        .ok_or_else(|| DecisionRefusal::NotATransfer {
            kind: approval.activity.kind().to_owned(),
        })?;
    if payout.data.transfer_id.as_deref() != Some(t.id.as_str()) {
        return Err(DecisionRefusal::NotThisPayout {
            transfer_id: t.id.clone(),
            payout_id: payout.id.clone(),
            payout_transfer: payout.data.transfer_id.clone(),
        });
    }
    let stance = my_stance(approval, policies, me);
    stance.allows(value).map_err(DecisionRefusal::MayNot)?;
    let held = payout.status == PayoutStatus::Processing
        && *payout.execution_status() == ExecutionStatus::PendingPolicyApproval;
    if !held {
        return Err(DecisionRefusal::PayoutNotHeld {
            execution_status: payout.execution_status().as_str().to_owned(),
            status: payout.status.as_str().to_owned(),
        });
    }
    let transfer = echo_of(payout).map_err(DecisionRefusal::Transfer)?;
    same_transfer(t, payout)?;
    let echo = DecisionEcho {
        approval_id: approval.id.clone(),
        transfer_id: t.id.clone(),
        transfer,
        initiator_id: approval.initiator_id.clone(),
        reasons: approval
            .policy_evaluations
            .iter()
            .filter(|e| e.triggered)
            .map(|e| e.reason.clone())
            .collect(),
        progress: quorum_progress(approval, policies, Some(me.user_id)),
        expiration_date: approval
            .expiration_date
            .as_ref()
            .map(|d| d.as_str().to_owned()),
        stance,
    };
    if let Some(before) = shown_before {
        if before.approval_id != echo.approval_id || before.transfer_id != echo.transfer_id {
            return Err(DecisionRefusal::Changed("approval"));
        }
        if before.transfer != echo.transfer {
            return Err(DecisionRefusal::Changed("transfer"));
        }
    }
    Ok(echo)
}

/// The held transfer must move the payout's amount of the payout's token from the payout's
/// wallet to its deposit address, byte for byte.
fn same_transfer(t: &TransferRequest, p: &Payout) -> Result<(), DecisionRefusal> {
    let b = &t.request_body;
    let checks: [(&'static str, Option<&str>, Option<&str>); 6] = [
        (
            "wallet",
            Some(t.wallet_id.as_str()),
            Some(p.wallet_id.as_str()),
        ),
        ("kind", Some(b.kind.as_str()), Some(p.asset.kind.as_str())),
        (
            "amount (base units)",
            b.amount.as_deref(),
            Some(p.asset.amount.as_str()),
        ),
        (
            "token contract",
            b.contract.as_deref(),
            p.asset.contract.as_deref(),
        ),
        ("token mint", b.mint.as_deref(), p.asset.mint.as_deref()),
        (
            "destination",
            b.to.as_deref(),
            p.data.deposit_address.as_deref(),
        ),
    ];
    for (field, transfer, payout) in checks {
        if transfer != payout {
            return Err(DecisionRefusal::Mismatch {
                field,
                transfer: transfer.unwrap_or("(none)").to_owned(),
                payout: payout.unwrap_or("(none)").to_owned(),
            });
        }
    }
    Ok(())
}
