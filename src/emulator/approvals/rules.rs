//! The decision rules of an approval (docs/reference/policy-approvals.md §3), pure: who may
//! decide, what one decision does, when the approval settles, when it expires.
//!
//! - Only a member of a group of a triggered `RequestApproval` policy decides; once.
//! - The initiator may deny (to cancel) but approves only through a group that sets
//!   `initiatorCanApprove`; a service account approves only through a group that sets
//!   `serviceAccountsCanApprove` (the emulated org has that feature enabled).
//! - One `Denied` settles the approval as Denied at once. It is Approved when every group of
//!   every triggered policy counts at least its quorum of approvals; one approval counts for
//!   every group in which it may count.
//!
//! Status codes where the reference documents none (its §9): 400 not pending, 403 not an
//! approver / initiator or service account approving, 409 already decided.

use chrono::{DateTime, Utc};

use crate::dfns::model::{
    Approval, ApprovalGroup, ApprovalStatus, ApproverScope, Decision, DecisionValue, Policy,
    Timestamp,
};

/// Who is deciding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caller<'a> {
    pub user_id: &'a str,
    pub service_account: bool,
}

/// Why a decision is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotPending(ApprovalStatus),
    NotAnApprover,
    AlreadyDecided(DecisionValue),
    InitiatorCannotApprove,
    ServiceAccountCannotApprove,
}

impl Refusal {
    pub fn status(&self) -> u16 {
        match self {
            Refusal::NotPending(_) => 400,
            Refusal::AlreadyDecided(_) => 409,
            Refusal::NotAnApprover
            | Refusal::InitiatorCannotApprove
            | Refusal::ServiceAccountCannotApprove => 403,
        }
    }

    pub fn message(&self, user_id: &str) -> String {
        match self {
            Refusal::NotPending(s) => format!("approval is not pending (it is {s})"),
            Refusal::NotAnApprover => {
                format!("user {user_id} is not in an approval group of this approval's policies")
            }
            Refusal::AlreadyDecided(v) => {
                format!("user {user_id} has already decided on this approval ({v})")
            }
            Refusal::InitiatorCannotApprove => "the initiator of an activity cannot approve it \
                (initiatorCanApprove is not set on the approval group); the initiator may deny it"
                .to_owned(),
            Refusal::ServiceAccountCannotApprove => "service accounts cannot approve in this \
                approval group (serviceAccountsCanApprove is not set); they may deny"
                .to_owned(),
        }
    }
}

/// The groups of `approval`: one list per triggered policy. A triggered policy missing from
/// `policies` gives `None`: its quorum can never be shown to be met.
pub fn groups_of<'p>(
    approval: &Approval,
    policies: &'p [Policy],
) -> Vec<Option<&'p [ApprovalGroup]>> {
    approval
        .triggered_policy_ids()
        .into_iter()
        .map(|id| {
            policies
                .iter()
                .find(|p| p.id == id)
                .map(Policy::approval_groups)
        })
        .collect()
}

pub fn is_member(group: &ApprovalGroup, user_id: &str) -> bool {
    match group.approvers.scope() {
        ApproverScope::Anyone => true,
        ApproverScope::Users(ids) => ids.iter().any(|u| u == user_id),
        ApproverScope::Unknown => false,
    }
}

/// Whether an approval by `caller` counts toward `group`'s quorum.
pub fn approval_counts(group: &ApprovalGroup, initiator_id: &str, caller: Caller<'_>) -> bool {
    is_member(group, caller.user_id)
        && (caller.user_id != initiator_id || group.initiator_can_approve())
        && (!caller.service_account || group.service_accounts_can_approve == Some(true))
}

fn all_groups<'p>(
    groups: &[Option<&'p [ApprovalGroup]>],
) -> impl Iterator<Item = &'p ApprovalGroup> {
    groups.iter().flatten().flat_map(|g| g.iter())
}

/// Whether `user_id` belongs to a group and has not decided yet (the `approverId` filter).
pub fn potential_approver(
    approval: &Approval,
    groups: &[Option<&[ApprovalGroup]>],
    user_id: &str,
) -> bool {
    approval.decision_of(user_id).is_none() && all_groups(groups).any(|g| is_member(g, user_id))
}

/// Why `caller` may not record `value` now, if so.
pub fn check(
    approval: &Approval,
    groups: &[Option<&[ApprovalGroup]>],
    caller: Caller<'_>,
    value: &DecisionValue,
) -> Result<(), Refusal> {
    if approval.status != ApprovalStatus::Pending {
        return Err(Refusal::NotPending(approval.status.clone()));
    }
    let mine: Vec<&ApprovalGroup> = all_groups(groups)
        .filter(|g| is_member(g, caller.user_id))
        .collect();
    if mine.is_empty() {
        return Err(Refusal::NotAnApprover);
    }
    if let Some(d) = approval.decision_of(caller.user_id) {
        return Err(Refusal::AlreadyDecided(d.value.clone()));
    }
    if *value == DecisionValue::Approved
        && !mine
            .iter()
            .any(|g| approval_counts(g, &approval.initiator_id, caller))
    {
        let initiator_blocked = caller.user_id == approval.initiator_id
            && !mine.iter().any(|g| g.initiator_can_approve());
        return Err(if initiator_blocked {
            Refusal::InitiatorCannotApprove
        } else {
            Refusal::ServiceAccountCannotApprove
        });
    }
    Ok(())
}

/// Whether every group of every triggered policy has its quorum of counting approvals.
/// `service_account` tells, for a user id, whether it is a service account.
pub fn quorum_met(
    approval: &Approval,
    groups: &[Option<&[ApprovalGroup]>],
    service_account: &dyn Fn(&str) -> bool,
) -> bool {
    groups.iter().all(|policy| match policy {
        None => false,
        Some(gs) => gs.iter().all(|g| {
            let n = approval
                .decisions
                .iter()
                .filter(|d| d.value == DecisionValue::Approved)
                .filter(|d| {
                    let who = Caller {
                        user_id: &d.user_id,
                        service_account: service_account(&d.user_id),
                    };
                    approval_counts(g, &approval.initiator_id, who)
                })
                .count();
            u32::try_from(n).unwrap_or(u32::MAX) >= g.quorum
        }),
    })
}

/// Records `caller`'s decision and settles the approval when it can: Denied at once,
/// Approved once every quorum is met. Refused attempts change nothing.
pub fn decide(
    approval: &mut Approval,
    groups: &[Option<&[ApprovalGroup]>],
    caller: Caller<'_>,
    value: DecisionValue,
    reason: Option<String>,
    now: DateTime<Utc>,
    service_account: &dyn Fn(&str) -> bool,
) -> Result<(), Refusal> {
    check(approval, groups, caller, &value)?;
    let stamp = Timestamp::from_datetime(now);
    approval.decisions.push(Decision {
        user_id: caller.user_id.to_owned(),
        date: Some(stamp.clone()),
        reason,
        value: value.clone(),
        extra: Default::default(),
    });
    approval.date_updated = Some(stamp.clone());
    let settled = match value {
        DecisionValue::Denied => Some(ApprovalStatus::Denied),
        _ if quorum_met(approval, groups, service_account) => Some(ApprovalStatus::Approved),
        _ => None,
    };
    if let Some(status) = settled {
        approval.status = status;
        approval.date_resolved = Some(stamp);
    }
    Ok(())
}

/// Expires a pending approval whose `expirationDate` is due by `now`; true when it did.
pub fn expire_if_due(approval: &mut Approval, now: DateTime<Utc>) -> bool {
    let due = approval
        .expiration_date
        .as_ref()
        .and_then(Timestamp::instant)
        .is_some_and(|at| at <= now);
    if approval.status == ApprovalStatus::Pending && due {
        expire_at(
            approval,
            approval
                .expiration_date
                .clone()
                .unwrap_or_else(|| Timestamp::from_datetime(now)),
        );
        true
    } else {
        false
    }
}

/// Sets a pending approval Expired at `at` (its timeout, or the payout's own expiry).
pub fn expire_at(approval: &mut Approval, at: Timestamp) {
    if approval.status == ApprovalStatus::Pending {
        approval.status = ApprovalStatus::Expired;
        approval.date_updated = Some(at.clone());
        approval.date_resolved = Some(at);
    }
}
