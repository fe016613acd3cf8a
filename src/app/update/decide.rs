//! Approve (`a`) and deny (`d`) the policy approval holding a payout's transfer: confirm's
//! sequence (ARCHITECTURE.md "Money safety") with the approval guard.
//!
//! Open with a local check → re-read the approval and the payout → the guard
//! (`app::approval::check_decision`) → show → approve: type the deposit address's last 4
//! characters; deny: an optional reason, then `y` → re-read again, must equal what was shown
//! → one signed decision carrying its audit attempt (`Effect::SendDecision`) → audit the
//! outcome → re-read the payout and the approval.

use crate::app::action::Action;
use crate::app::approval::{Asked, Me, check_decision};
use crate::app::effect::{AuditPhase, Effect, Lookup};
use crate::app::msg::{ActionOutcome, DecisionRead};
use crate::app::state::{AppState, DecideStage, Dialog, Level, Mode};
use crate::dfns::model::{Approval, DecisionRequest, DecisionValue, ExecutionStatus, PayoutStatus};

use super::approvals::{read_approval, refresh};
use super::dialogs::event;

fn verb(value: &DecisionValue) -> &'static str {
    match value {
        DecisionValue::Approved => "approve",
        _ => "deny",
    }
}

/// Why `a`/`d` cannot start on payout `index`, from what is already known (the server is
/// asked anyway before anything is signed).
fn local_refusal(s: &AppState, index: usize, value: &DecisionValue) -> Option<String> {
    let p = s.payouts.get(index)?;
    let held = p.status == PayoutStatus::Processing
        && *p.execution_status() == ExecutionStatus::PendingPolicyApproval;
    if !held {
        return Some(format!(
            "{} is not held for policy approval (it is {} / {}): nothing to {}",
            p.id,
            p.status,
            p.execution_status(),
            verb(value)
        ));
    }
    if p.data.transfer_id.is_none() {
        return Some(format!(
            "{} carries no transfer id, so its approval cannot be found",
            p.id
        ));
    }
    let Some(me) = s.decider() else {
        return Some(
            "your user id is unknown (the token names none; set PAYOUTS_TUI_USER_ID or user_id \
             in the profile), so whether you may decide cannot be told; nothing was sent"
                .to_owned(),
        );
    };
    // Refused here only on a complete picture: with a policy unread, the re-read reads it.
    let known = s.approvals.of(&p)?;
    let policies = s.approvals.policies_of(&known.approval);
    if policies.len() < known.approval.triggered_policy_ids().len() {
        return None;
    }
    let stance = s.approvals.stance(&known.approval, &me);
    // The selected payout's: no id, so the reason fits the one-line flash (the detail pane
    // shows it whole).
    stance
        .allows(value)
        .err()
        .map(|why| format!("cannot {}: {why}", verb(value)))
}

/// `a` or `d` on the selected payout.
pub fn open(s: &mut AppState, value: DecisionValue) -> Vec<Effect> {
    let Some(index) = s.selected else {
        s.flash(Level::Warn, "no payout selected");
        return vec![];
    };
    if let Some(why) = local_refusal(s, index, &value) {
        s.flash(Level::Warn, why);
        return vec![];
    }
    let Some(p) = s.payouts.get(index) else {
        return vec![];
    };
    let payout_id = p.id.clone();
    let approval_id = s.approvals.of(&p).map(|k| k.approval.id.clone());
    let op = s.next_op();
    s.mode = Mode::Dialog(match value {
        DecisionValue::Approved => Dialog::Approve {
            op,
            index,
            approval_id: approval_id.clone(),
            stage: DecideStage::Verifying,
            typed: String::new(),
        },
        _ => Dialog::Deny {
            op,
            index,
            approval_id: approval_id.clone(),
            stage: DecideStage::Verifying,
            reason: String::new(),
        },
    });
    vec![reverify(s, op, payout_id, approval_id)]
}

pub(super) fn reverify(
    s: &AppState,
    op: u64,
    payout_id: String,
    approval_id: Option<String>,
) -> Effect {
    Effect::ReverifyDecision {
        op,
        payout_id,
        approval_id,
        known_policies: known_policies(s),
    }
}

/// The policies already read (a re-read need not ask for them again), sorted.
fn known_policies(s: &AppState) -> Vec<String> {
    let mut known: Vec<String> = s.approvals.policies.keys().cloned().collect();
    known.sort();
    known
}

/// What the open dialog asked, for the guard.
struct Pending {
    index: usize,
    value: DecisionValue,
    approval_id: Option<String>,
    reason: Option<String>,
    stage: DecideStage,
}

fn pending(s: &AppState, op: u64) -> Option<Pending> {
    match &s.mode {
        Mode::Dialog(Dialog::Approve {
            op: o,
            index,
            approval_id,
            stage,
            ..
        }) if *o == op => Some(Pending {
            index: *index,
            value: DecisionValue::Approved,
            approval_id: approval_id.clone(),
            reason: None,
            stage: stage.clone(),
        }),
        Mode::Dialog(Dialog::Deny {
            op: o,
            index,
            approval_id,
            stage,
            reason,
        }) if *o == op => Some(Pending {
            index: *index,
            value: DecisionValue::Denied,
            approval_id: approval_id.clone(),
            reason: Some(reason.trim().to_owned()).filter(|r| !r.is_empty()),
            stage: stage.clone(),
        }),
        _ => None,
    }
}

fn set_stage(s: &mut AppState, stage: DecideStage) {
    if let Mode::Dialog(Dialog::Approve { stage: st, .. } | Dialog::Deny { stage: st, .. }) =
        &mut s.mode
    {
        *st = stage;
    }
}

/// The approval and the payout, as re-read: the guard decides what the dialog shows, or
/// (after arming) whether the one signed decision goes out.
pub fn reverified(
    s: &mut AppState,
    op: u64,
    result: Result<Box<DecisionRead>, String>,
) -> Vec<Effect> {
    let Some(asked) = pending(s, op) else {
        return vec![];
    };
    if !matches!(
        asked.stage,
        DecideStage::Verifying | DecideStage::Checking(_)
    ) {
        return vec![];
    }
    let read = match result {
        Ok(r) => r,
        Err(e) => {
            set_stage(
                s,
                DecideStage::Refused(format!(
                    "could not re-read the approval and the payout: {e}; nothing was sent"
                )),
            );
            return vec![];
        }
    };
    // What was read is the freshest there is: the board and the detail pane show it too.
    let DecisionRead {
        generation,
        approval,
        payout,
        policies,
    } = *read;
    for p in policies {
        s.approvals.policies.insert(p.id.clone(), p);
    }
    s.approvals.upsert(approval.clone(), generation, s.now);
    if s.upsert(payout.clone(), generation) {
        s.rebuild();
    }
    refresh(s);
    let Some(asked_payout) = s.payouts.get(asked.index).map(|p| p.id.clone()) else {
        return vec![];
    };
    let Some(me_id) = s.me.clone() else {
        set_stage(
            s,
            DecideStage::Refused("your user id is unknown; nothing was sent".to_owned()),
        );
        return vec![];
    };
    let me = Me {
        user_id: &me_id,
        service_account: s.service_account,
    };
    let policies = s.approvals.policies_of(&approval);
    let shown = asked.stage.echo().cloned();
    let (approval_id, payout_id) = match &shown {
        Some(e) => (Some(e.approval_id.as_str()), e.transfer.payout_id.as_str()),
        None => (asked.approval_id.as_deref(), asked_payout.as_str()),
    };
    let question = match approval_id {
        Some(a) => Asked::Both {
            approval: a,
            payout: payout_id,
        },
        None => Asked::Payout(payout_id),
    };
    let checked = check_decision(
        question,
        &approval,
        &payout,
        &policies,
        &me,
        &asked.value,
        shown.as_ref(),
    );
    let echo = match checked {
        Ok(e) => Box::new(e),
        Err(r) => {
            set_stage(s, DecideStage::Refused(r.to_string()));
            return vec![];
        }
    };
    if shown.is_none() {
        set_stage(s, DecideStage::Ready(echo));
        return vec![];
    }
    let action = verb(&asked.value);
    let note = format!("approval {} {}", echo.approval_id, asked.value);
    let attempt = event(
        action,
        AuditPhase::Attempt,
        &echo.transfer.payout_id,
        Some(&echo.transfer),
        None,
        Some(note),
    );
    let effect = Effect::SendDecision {
        op,
        approval_id: echo.approval_id.clone(),
        body: DecisionRequest {
            value: asked.value,
            reason: asked.reason,
        },
        attempt,
    };
    set_stage(s, DecideStage::Sending(echo));
    vec![effect]
}

/// How the one decision ended: report it, audit it, re-read the payout and the approval.
pub fn decided(
    s: &mut AppState,
    op: u64,
    outcome: ActionOutcome,
    generation: u64,
    approval: Option<Box<Approval>>,
) -> Vec<Effect> {
    let Some(asked) = pending(s, op) else {
        return vec![];
    };
    let DecideStage::Sending(echo) = asked.stage else {
        return vec![];
    };
    let action = verb(&asked.value);
    let now_status = approval.as_ref().map(|a| a.status.as_str().to_owned());
    if outcome == ActionOutcome::Ok {
        // Decided, it leaves "Awaiting my approval" (now, or when re-read): the cursor
        // stays where it was.
        s.keep_place = Some(asked.index);
    }
    if let Some(a) = approval {
        s.approvals.upsert(*a, generation, s.now);
        refresh(s);
    }
    let (id, aid) = (&echo.transfer.payout_id, &echo.approval_id);
    let (status, message, level, text) = match &outcome {
        ActionOutcome::Ok => (
            Some(200),
            now_status
                .as_ref()
                .map(|st| format!("approval {aid} is now {st}")),
            Level::Info,
            format!(
                "{action} of {aid} for {id} recorded: the approval is now {}",
                now_status.as_deref().unwrap_or("?")
            ),
        ),
        ActionOutcome::Refused { status, message } => (
            *status,
            Some(message.clone()),
            Level::Error,
            format!("{action} of {aid} for {id} refused: {message}"),
        ),
        ActionOutcome::Unknown(m) => (
            None,
            Some(m.clone()),
            Level::Error,
            format!(
                "{action} of {aid} for {id}: outcome unknown ({m}); re-reading, not re-sending"
            ),
        ),
    };
    let audit = Effect::Audit(event(
        action,
        AuditPhase::Outcome,
        id,
        Some(&echo.transfer),
        status,
        message,
    ));
    let fx = if let ActionOutcome::Unknown(_) = outcome {
        // Never re-sent: the re-read of the approval and the payout tells whether my
        // decision was recorded (`update/resolve.rs`).
        let lookup = Lookup::Decision {
            payout_id: id.clone(),
            approval_id: aid.clone(),
            known_policies: known_policies(s),
        };
        vec![
            audit,
            super::resolve::watch(s, op, action, Some(asked.index), lookup),
        ]
    } else {
        vec![
            audit,
            Effect::Reread { id: id.clone() },
            read_approval(
                s,
                &echo.transfer_id,
                &echo.transfer.wallet_id,
                Some(aid.clone()),
            ),
            Effect::PollNow,
        ]
    };
    let stage = match outcome {
        ActionOutcome::Ok => DecideStage::Done(echo, now_status.unwrap_or_else(|| "?".into())),
        ActionOutcome::Refused { .. } => DecideStage::Refused(text.clone()),
        ActionOutcome::Unknown(_) => DecideStage::Unknown(text.clone()),
    };
    set_stage(s, stage);
    s.flash(level, text);
    if let ActionOutcome::Refused { status, message } = &outcome {
        let key = match asked.value {
            DecisionValue::Approved => Action::Approve,
            _ => Action::Deny,
        };
        s.learn_refusal(key, *status, message);
    }
    fx
}
