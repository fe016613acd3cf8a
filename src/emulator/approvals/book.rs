//! The store of policies and approvals. Approvals in creation order; a settled one is kept
//! as its JSON ([`FrozenApproval`]) and read back when listed or read, a pending one whole.
//! Every change goes through [`Book::at_mut`] (or [`Book::decide_at`]) and ends with
//! [`Book::done`], which freezes the approval once settled.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::frozen::FrozenApproval;
use super::{ApprovalFilter, rules};
use crate::dfns::model::{
    Approval, ApprovalGroup, ApprovalStatus, DecisionValue, Policy, PolicyStatus,
};

/// One approval in the book; see [`Book::seal`].
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Live(Box<Approval>),
    Frozen(FrozenApproval),
}

impl Entry {
    fn id(&self) -> &str {
        match self {
            Entry::Live(a) => &a.id,
            Entry::Frozen(f) => &f.id,
        }
    }

    fn status(&self) -> &ApprovalStatus {
        match self {
            Entry::Live(a) => &a.status,
            Entry::Frozen(f) => &f.status,
        }
    }
}

#[derive(Debug, Default)]
pub struct Book {
    policies: Vec<Policy>,
    /// Creation order; never reordered or removed, so a position is a stable page cursor.
    approvals: Vec<Entry>,
    by_id: HashMap<String, usize>,
    by_payout: HashMap<String, usize>,
    pending: BTreeSet<usize>,
    /// User ids of service accounts (their approvals count only where a group allows it).
    pub service_accounts: HashSet<String>,
}

/// The approval at `pos` for a change: a frozen one is read back (and kept whole until
/// [`Book::done`]).
fn entry_mut(approvals: &mut [Entry], pos: usize) -> Option<&mut Approval> {
    let entry = approvals.get_mut(pos)?;
    if let Entry::Frozen(f) = entry {
        *entry = Entry::Live(Box::new(f.thaw()?));
    }
    match entry {
        Entry::Live(a) => Some(a),
        Entry::Frozen(_) => None,
    }
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

    /// `a` as the book keeps it: as JSON once settled, else whole (see [`Book::push`]).
    pub fn seal(a: Approval) -> Entry {
        if a.status != ApprovalStatus::Pending
            && let Some(f) = FrozenApproval::freeze(&a)
        {
            return Entry::Frozen(f);
        }
        Entry::Live(Box::new(a))
    }

    /// Records a sealed approval of `payout_id`'s transfer (creation order).
    pub fn push(&mut self, entry: Entry, payout_id: &str) {
        let pos = self.approvals.len();
        self.by_id.insert(entry.id().to_owned(), pos);
        self.by_payout.insert(payout_id.to_owned(), pos);
        if entry.status() == &ApprovalStatus::Pending {
            self.pending.insert(pos);
        }
        self.approvals.push(entry);
    }

    /// Records an approval of `payout_id`'s transfer.
    pub fn insert(&mut self, approval: Approval, payout_id: &str) {
        self.push(Self::seal(approval), payout_id);
    }

    pub fn get(&self, id: &str) -> Option<Approval> {
        self.at(*self.by_id.get(id)?)
    }

    /// The approval at `pos`.
    pub fn at(&self, pos: usize) -> Option<Approval> {
        match self.approvals.get(pos)? {
            Entry::Live(a) => Some((**a).clone()),
            Entry::Frozen(f) => f.thaw(),
        }
    }

    pub fn count(&self) -> usize {
        self.approvals.len()
    }

    /// The approval of a payout.
    pub fn of_payout(&self, payout_id: &str) -> Option<Approval> {
        self.at(*self.by_payout.get(payout_id)?)
    }

    /// The position of a payout's approval while it is Pending.
    pub fn pending_of(&self, payout_id: &str) -> Option<usize> {
        let &pos = self.by_payout.get(payout_id)?;
        self.pending.contains(&pos).then_some(pos)
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The approval at `pos` for a change; [`Book::done`] must follow.
    pub fn at_mut(&mut self, pos: usize) -> Option<&mut Approval> {
        entry_mut(&mut self.approvals, pos)
    }

    /// After a change at `pos`: once settled, the approval leaves the pending set and is
    /// kept as JSON.
    pub fn done(&mut self, pos: usize) {
        let Some(Entry::Live(a)) = self.approvals.get(pos) else {
            return;
        };
        if a.status == ApprovalStatus::Pending {
            return;
        }
        self.pending.remove(&pos);
        if let Some(f) = FrozenApproval::freeze(a) {
            self.approvals[pos] = Entry::Frozen(f);
        }
    }

    /// Positions of the approvals still Pending.
    pub fn pending_positions(&self) -> Vec<usize> {
        self.pending.iter().copied().collect()
    }

    /// Applies one decision to the approval at `pos` by the rules (nothing on refusal), then
    /// [`Book::done`].
    pub fn decide_at(
        &mut self,
        pos: usize,
        caller: rules::Caller<'_>,
        value: DecisionValue,
        reason: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<(), rules::Refusal> {
        let approval = match self.approvals.get_mut(pos) {
            Some(Entry::Live(a)) => a,
            // Settled: the rules refuse it before anything else (`rules::check`).
            Some(Entry::Frozen(f)) => return Err(rules::Refusal::NotPending(f.status.clone())),
            None => return Err(rules::Refusal::NotAnApprover),
        };
        let groups = rules::groups_of(approval, &self.policies);
        let service_accounts = &self.service_accounts;
        let result = rules::decide(approval, &groups, caller, value, reason, now, &|u| {
            service_accounts.contains(u)
        });
        self.done(pos);
        result
    }

    /// The approval groups of each triggered policy (see [`rules::groups_of`]).
    pub fn groups_of(&self, approval: &Approval) -> Vec<Option<&[ApprovalGroup]>> {
        rules::groups_of(approval, &self.policies)
    }

    /// Newest first, from position `before` (exclusive) down, as `World::list` pages payouts.
    /// The status and initiator filters never read a frozen approval back.
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
            let entry = &self.approvals[pos];
            let (status, initiator) = match entry {
                Entry::Live(a) => (&a.status, a.initiator_id.as_str()),
                Entry::Frozen(f) => (&f.status, &*f.initiator_id),
            };
            if filter.status.as_ref().is_some_and(|s| status != s)
                || filter
                    .initiator_id
                    .as_deref()
                    .is_some_and(|i| initiator != i)
            {
                continue;
            }
            let a = match entry {
                Entry::Live(a) => Cow::Borrowed(&**a),
                Entry::Frozen(f) => match f.thaw() {
                    Some(a) => Cow::Owned(a),
                    None => continue,
                },
            };
            if filter
                .approver_id
                .as_ref()
                .is_some_and(|u| !rules::potential_approver(&a, &self.groups_of(&a), u))
            {
                continue;
            }
            if items.len() == limit {
                return (items, last);
            }
            items.push(a.into_owned());
            last = Some(pos);
        }
        (items, None)
    }
}

#[cfg(test)]
#[path = "book_tests.rs"]
mod tests;
