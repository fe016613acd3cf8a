//! The policy approvals the dashboard knows, keyed by the transfer each one holds (a held
//! payout's `data.transferId`), the policies they name, and what follows from them: which
//! held payouts I can still decide ("Awaiting my approval"). Plain data; `update` fills it
//! from the poller's `status=Pending` listing and from re-reads of a selected or acted-on
//! payout's approval.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use crate::app::approval::{Me, Stance, my_stance};
use crate::dfns::model::{Approval, ApprovalStatus, Payout, Policy};

/// One approval as last read.
#[derive(Debug, Clone, PartialEq)]
pub struct Known {
    pub approval: Approval,
    /// The generation of the read that brought it (an older read never overwrites it).
    pub generation: u64,
    /// When it was read, by the local clock as last ticked.
    pub read_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Approvals {
    /// By transfer id.
    pub by_transfer: HashMap<String, Known>,
    /// The triggered policies read so far, by id (read once; they name groups and quorums).
    pub policies: HashMap<String, Policy>,
    /// Transfer ids of the Pending approvals I may still decide (approve, or deny only).
    pub awaiting_me: HashSet<String>,
    /// Transfer ids whose approval is being read now (a selection does not ask twice).
    pub reading: HashSet<String>,
    /// Why the last read of a transfer's approval failed, by transfer id.
    pub errors: HashMap<String, String>,
    /// Why approvals cannot be listed at all (a 403 without `Policies:Approvals:Read`).
    pub unavailable: Option<String>,
    /// The first listing arrived: from then on, a new approval awaiting me is announced.
    pub listed: bool,
    /// Approval ids already announced as awaiting me / as expiring within the hour.
    pub alerted_new: HashSet<String>,
    pub alerted_soon: HashSet<String>,
}

impl Approvals {
    /// The approval holding `p`'s transfer, if known.
    pub fn of(&self, p: &Payout) -> Option<&Known> {
        p.data
            .transfer_id
            .as_deref()
            .and_then(|t| self.by_transfer.get(t))
    }

    /// Inserts or replaces an approval, unless a newer read already holds it, or it holds no
    /// wallet transfer (nothing of a payout). Returns whether anything changed.
    pub fn upsert(&mut self, approval: Approval, generation: u64, now: DateTime<Utc>) -> bool {
        let Some(transfer_id) = approval.transfer_request().map(|t| t.id.clone()) else {
            return false;
        };
        self.errors.remove(&transfer_id);
        match self.by_transfer.get_mut(&transfer_id) {
            Some(k) if generation < k.generation => false,
            Some(k) => {
                k.read_at = now;
                k.generation = generation;
                if k.approval == approval {
                    return false;
                }
                k.approval = approval;
                true
            }
            None => {
                self.by_transfer.insert(
                    transfer_id,
                    Known {
                        approval,
                        generation,
                        read_at: now,
                    },
                );
                true
            }
        }
    }

    /// The policies `approval` names that are known (the stance needs every one of them).
    pub fn policies_of(&self, approval: &Approval) -> Vec<Policy> {
        approval
            .triggered_policy_ids()
            .into_iter()
            .filter_map(|id| self.policies.get(id).cloned())
            .collect()
    }

    /// What `me` may do with `approval`, from the policies known.
    pub fn stance(&self, approval: &Approval, me: &Me<'_>) -> Stance {
        my_stance(approval, &self.policies_of(approval), me)
    }

    /// Recomputes [`Approvals::awaiting_me`]; returns whether it changed (the board then
    /// regroups). Deny-only approvals count (the initiator may still cancel), as in
    /// `payouts-tui approvals --mine`.
    pub fn refresh_awaiting(&mut self, me: Option<&Me<'_>>) -> bool {
        let now: HashSet<String> = match me {
            None => HashSet::new(),
            Some(me) => self
                .by_transfer
                .iter()
                .filter(|(_, k)| k.approval.status == ApprovalStatus::Pending)
                .filter(|(_, k)| self.stance(&k.approval, me).can_decide())
                .map(|(t, _)| t.clone())
                .collect(),
        };
        if now == self.awaiting_me {
            return false;
        }
        self.awaiting_me = now;
        true
    }
}
