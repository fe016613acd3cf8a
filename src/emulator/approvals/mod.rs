//! Policies and the approvals they open; the wallet transfers of confirmed payouts.
//!
//! A Confirm creates the payout's transfer (`xfr-…`, `data.transferId`) and evaluates the
//! `Wallets:Sign` policies against it ([`evaluate`]). A triggered `RequestApproval` opens one
//! approval (`ap-…`) for the activity, however many policies triggered, and holds the payout
//! in PendingPolicyApproval; its approvers decide by the rules of [`rules`]; the outcome
//! drives the payout ([`settle`]). The pure parts are [`evaluate`], [`rules`] and
//! [`settle`]; [`Book`] is the store.

pub mod evaluate;
pub mod rules;
pub mod settle;
#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};

use crate::dfns::model::{
    Approval, ApprovalGroup, ApprovalStatus, DecisionValue, Policy, PolicyStatus, Requester,
    Timestamp,
};

pub use settle::{TransferView, on_confirm};

/// A payout's transfer; the world reads it from the payout (it keeps no copy), its status
/// derived from the payout when read.
#[derive(Debug, Clone, PartialEq)]
pub struct EmuTransfer {
    pub id: String,
    pub wallet_id: String,
    pub payout_id: String,
    pub requester: Requester,
    pub date_requested: Timestamp,
    pub approval_id: Option<String>,
}

/// The filter of `GET /v2/policy-approvals`.
#[derive(Debug, Clone, Default)]
pub struct ApprovalFilter {
    pub status: Option<ApprovalStatus>,
    pub initiator_id: Option<String>,
    /// Members of a group of a triggered policy who have not decided yet.
    pub approver_id: Option<String>,
}

#[derive(Debug, Default)]
pub struct Book {
    policies: Vec<Policy>,
    /// Creation order; never reordered or removed, so a position is a stable page cursor.
    approvals: Vec<Approval>,
    by_id: HashMap<String, usize>,
    by_payout: HashMap<String, usize>,
    pending: BTreeSet<usize>,
    /// User ids of service accounts (their approvals count only where a group allows it).
    pub service_accounts: HashSet<String>,
}

impl Book {
    pub fn add_policy(&mut self, p: Policy) {
        self.policies.push(p);
    }

    pub fn policies(&self) -> &[Policy] {
        &self.policies
    }

    pub fn policy(&self, id: &str) -> Option<&Policy> {
        self.policies.iter().find(|p| p.id == id)
    }

    /// Policies in creation order, `status` filtered, from position `start`.
    pub fn list_policies(
        &self,
        status: Option<&PolicyStatus>,
        start: usize,
        limit: usize,
    ) -> (Vec<Policy>, Option<usize>) {
        let matching: Vec<&Policy> = self
            .policies
            .iter()
            .filter(|p| status.is_none_or(|s| &p.status == s))
            .collect();
        let items: Vec<Policy> = matching
            .iter()
            .skip(start)
            .take(limit)
            .map(|p| (*p).clone())
            .collect();
        let next = (start + items.len() < matching.len()).then_some(start + items.len());
        (items, next)
    }

    /// Records an approval of `payout_id`'s transfer.
    pub fn insert(&mut self, approval: Approval, payout_id: &str) {
        let pos = self.approvals.len();
        self.by_id.insert(approval.id.clone(), pos);
        self.by_payout.insert(payout_id.to_owned(), pos);
        if approval.status == ApprovalStatus::Pending {
            self.pending.insert(pos);
        }
        self.approvals.push(approval);
    }

    pub fn get(&self, id: &str) -> Option<&Approval> {
        self.by_id.get(id).map(|&i| &self.approvals[i])
    }

    pub fn count(&self) -> usize {
        self.approvals.len()
    }

    /// The approval of a payout, with its position.
    pub fn of_payout(&self, payout_id: &str) -> Option<(usize, &Approval)> {
        self.by_payout
            .get(payout_id)
            .map(|&i| (i, &self.approvals[i]))
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The approval at `pos` for a change; `done()` must follow when it may have settled.
    pub fn at_mut(&mut self, pos: usize) -> &mut Approval {
        &mut self.approvals[pos]
    }

    /// Drops `pos` from the pending set once it is no longer Pending.
    pub fn done(&mut self, pos: usize) {
        if self.approvals[pos].status != ApprovalStatus::Pending {
            self.pending.remove(&pos);
        }
    }

    /// Positions of the approvals still Pending.
    pub fn pending_positions(&self) -> Vec<usize> {
        self.pending.iter().copied().collect()
    }

    /// Applies one decision to the approval at `pos` by the rules (nothing on refusal); the
    /// caller then calls [`Book::done`].
    pub fn decide_at(
        &mut self,
        pos: usize,
        caller: rules::Caller<'_>,
        value: DecisionValue,
        reason: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<(), rules::Refusal> {
        let groups = rules::groups_of(&self.approvals[pos], &self.policies);
        let service_accounts = &self.service_accounts;
        rules::decide(
            &mut self.approvals[pos],
            &groups,
            caller,
            value,
            reason,
            now,
            &|u| service_accounts.contains(u),
        )
    }

    /// The approval groups of each triggered policy (see [`rules::groups_of`]).
    pub fn groups_of(&self, approval: &Approval) -> Vec<Option<&[ApprovalGroup]>> {
        rules::groups_of(approval, &self.policies)
    }

    /// Newest first, from position `before` (exclusive) down, as `World::list` pages payouts.
    pub fn list(
        &self,
        filter: &ApprovalFilter,
        before: Option<usize>,
        limit: usize,
    ) -> (Vec<Approval>, Option<usize>) {
        let end = before
            .unwrap_or(self.approvals.len())
            .min(self.approvals.len());
        let mut items = Vec::with_capacity(limit.min(end));
        let mut last = None;
        for pos in (0..end).rev() {
            let a = &self.approvals[pos];
            if filter.status.as_ref().is_some_and(|s| &a.status != s)
                || filter
                    .initiator_id
                    .as_ref()
                    .is_some_and(|i| &a.initiator_id != i)
                || filter
                    .approver_id
                    .as_ref()
                    .is_some_and(|u| !rules::potential_approver(a, &self.groups_of(a), u))
            {
                continue;
            }
            if items.len() == limit {
                return (items, last);
            }
            items.push(a.clone());
            last = Some(pos);
        }
        (items, None)
    }
}
