//! Policy approvals arriving (the poller's `status=Pending` listing, single re-reads), the
//! re-read of a held payout's approval when it is selected, and the two approval alerts:
//! a new approval awaiting me, and one expiring within the hour.

use chrono::{DateTime, Utc};

use crate::app::approval::{Me, Stance};
use crate::app::board::{Group, Row};
use crate::app::countdown::{self, Urgency};
use crate::app::effect::Effect;
use crate::app::msg::ApprovalBatch;
use crate::app::state::{AppState, Level};
use crate::dfns::model::{Approval, ExecutionStatus, PayoutStatus};

use super::data::{alert, describe};

/// A selected held payout's approval is read again when its copy is older than this (ours:
/// enough that moving the selection over a few held payouts costs a read each, not one per
/// key press).
const REREAD_AFTER_SECS: i64 = 2;

/// Payout indices in the "Awaiting my approval" group, as listed.
fn awaiting_rows(s: &AppState) -> Vec<usize> {
    let mut out = Vec::new();
    let mut in_group = false;
    for row in &s.board.rows {
        match row {
            Row::Header { group, .. } => in_group = *group == Group::AwaitingMyApproval,
            Row::Item(i) if in_group => out.push(*i),
            Row::Item(_) => {}
        }
    }
    out
}

/// Recomputes who awaits me; regroups the board when that changed.
pub fn refresh(s: &mut AppState) {
    let me = s.me.clone();
    let decider = me.as_deref().map(|user_id| Me {
        user_id,
        service_account: s.service_account,
    });
    if s.approvals.refresh_awaiting(decider.as_ref()) {
        s.rebuild();
    }
}

/// An `Effect::ReadApproval`, noting the read as under way.
pub fn read_approval(
    s: &mut AppState,
    transfer_id: &str,
    wallet_id: &str,
    approval_id: Option<String>,
) -> Effect {
    s.approvals.reading.insert(transfer_id.to_owned());
    Effect::ReadApproval {
        transfer_id: transfer_id.to_owned(),
        wallet_id: wallet_id.to_owned(),
        approval_id,
    }
}

pub fn polled(s: &mut AppState, batch: ApprovalBatch) -> Vec<Effect> {
    if let Some(why) = batch.unavailable {
        s.approvals.unavailable = Some(why);
    }
    for p in batch.policies {
        s.approvals.policies.insert(p.id.clone(), p);
    }
    for a in batch.approvals {
        s.approvals.upsert(a, batch.generation, s.now);
    }
    refresh(s);
    if !s.approvals.listed {
        // What already awaited me at start-up is on screen; only what arrives later rings.
        s.approvals.listed = true;
        let ids: Vec<String> = awaiting_rows(s)
            .into_iter()
            .filter_map(|i| s.approvals.of(&*s.payouts.get(i)?))
            .map(|k| k.approval.id.clone())
            .collect();
        s.approvals.alerted_new.extend(ids);
        return vec![];
    }
    announce_new(s)
}

/// A new approval I may approve rings once. (Deny-only ones are my own held transfers: I
/// caused the hold, so it is no news — our choice.)
pub fn announce_new(s: &mut AppState) -> Vec<Effect> {
    if !s.approvals.listed || !s.fresh.initial_load_done {
        return vec![];
    }
    let Some(me) = s.me.clone() else {
        return vec![];
    };
    let me = Me {
        user_id: &me,
        service_account: s.service_account,
    };
    let mut fx = Vec::new();
    for i in awaiting_rows(s) {
        let Some(p) = s.payouts.get(i) else {
            continue;
        };
        let Some(k) = s.approvals.of(&p) else {
            continue;
        };
        if s.approvals.stance(&k.approval, &me) != Stance::CanApprove {
            continue;
        }
        let aid = k.approval.id.clone();
        if s.approvals.alerted_new.insert(aid.clone()) {
            let text = format!(
                "approval {aid} awaits you: payout {} of {}",
                p.id,
                describe(&p)
            );
            s.flash(Level::Warn, text.clone());
            fx.extend(alert(s, text));
        }
    }
    fx
}

/// An approval awaiting me expires within the hour: say so once.
pub fn tick(s: &mut AppState, now: DateTime<Utc>) -> Vec<Effect> {
    let mut due = Vec::new();
    for i in awaiting_rows(s) {
        let Some(p) = s.payouts.get(i) else {
            continue;
        };
        let Some(k) = s.approvals.of(&p) else {
            continue;
        };
        let Some(at) = k
            .approval
            .expiration_date
            .as_ref()
            .and_then(|t| t.instant())
        else {
            continue;
        };
        let left = countdown::until(at, now, s.skew);
        if countdown::urgency(left) <= Urgency::Soon
            && left > chrono::Duration::zero()
            && !s.approvals.alerted_soon.contains(&k.approval.id)
        {
            let text = format!(
                "approval {} for payout {} expires in {}: {}",
                k.approval.id,
                p.id,
                countdown::format_left(left, false),
                describe(&p)
            );
            due.push((k.approval.id.clone(), text));
        }
    }
    let mut fx = Vec::new();
    for (id, text) in due {
        s.approvals.alerted_soon.insert(id);
        fx.extend(alert(s, text));
    }
    fx
}

pub fn read(
    s: &mut AppState,
    transfer_id: String,
    generation: u64,
    result: Result<Box<Approval>, String>,
) -> Vec<Effect> {
    s.approvals.reading.remove(&transfer_id);
    match result {
        Ok(a) => {
            s.approvals.upsert(*a, generation, s.now);
            refresh(s);
            announce_new(s)
        }
        Err(e) => {
            s.approvals.errors.insert(transfer_id, e);
            vec![]
        }
    }
}

/// The selection moved to a held payout: read its approval again (the poller lists only
/// Pending ones, and another approver may have just decided).
pub fn on_select(s: &mut AppState) -> Vec<Effect> {
    let Some(p) = s.selected_payout() else {
        return vec![];
    };
    let held = p.status == PayoutStatus::Processing
        && *p.execution_status() == ExecutionStatus::PendingPolicyApproval;
    let Some(transfer_id) = p.data.transfer_id.clone().filter(|_| held) else {
        return vec![];
    };
    if s.approvals.reading.contains(&transfer_id) {
        return vec![];
    }
    let known = s.approvals.of(&p);
    if known.is_some_and(|k| (s.now - k.read_at).num_seconds() < REREAD_AFTER_SECS) {
        return vec![];
    }
    let approval_id = known.map(|k| k.approval.id.clone());
    let wallet_id = p.wallet_id.clone();
    vec![read_approval(s, &transfer_id, &wallet_id, approval_id)]
}
