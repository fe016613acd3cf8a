//! A payout's transfer held by a policy: held at confirmation, then released or rejected by
//! the approval's outcome (or rejected at once by a blocking policy).

use chrono::{DateTime, Utc};

use super::{Event, Tracked};
use crate::dfns::model::ExecutionStatus;

/// A Confirm whose transfer triggered a `RequestApproval` policy: PendingPolicyApproval.
pub fn hold(t: &mut Tracked, at: DateTime<Utc>) {
    t.payout.data.execution_status = ExecutionStatus::PendingPolicyApproval;
    t.since = at;
}

/// The approval was granted: the transfer goes out now (or fails, when the wallet cannot
/// fund it). Returns what happened; nothing when the payout is not held.
pub fn release(t: &mut Tracked, at: DateTime<Utc>) -> Option<Event> {
    if t.payout.execution_status() != &ExecutionStatus::PendingPolicyApproval {
        return None;
    }
    let ev = if t.plan.submit_failure.is_some() {
        Event::SubmitFailed
    } else {
        Event::TransferSubmitted
    };
    t.apply(&ev, at);
    Some(ev)
}

/// A policy rejected the transfer (blocked, denied or expired): Rejected with `reason`.
/// Nothing when the payout is already finished.
pub fn reject(t: &mut Tracked, reason: String, at: DateTime<Utc>) -> Option<Event> {
    if t.is_finished() {
        return None;
    }
    t.plan.policy_rejection = Some(reason);
    t.apply(&Event::PolicyRejected, at);
    Some(Event::PolicyRejected)
}
