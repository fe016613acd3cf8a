//! The payout state machine, pure: (payout, plan, now) → the next state. No clock reads, no
//! randomness here — the random parts (delays, outcomes, addresses) are drawn once, at
//! creation, into a [`Plan`], so a seed reproduces a whole run.
//!
//! Paths (docs/reference/payouts-api.md §10.3, the transition graph):
//! Initializing → AwaitingPayoutInstructions → AwaitingPayoutConfirmation
//!   --Confirm--> SubmittingPayoutTransfer → DepositProcessing → DisbursementPending → Completed;
//! a Confirm whose transfer a policy holds goes to PendingPolicyApproval instead, and leaves it
//! only by the approval's outcome (see `policy`): approved → DepositProcessing, denied or
//! expired → Rejected; a blocking policy → Rejected at once.
//! AwaitingPayoutConfirmation --Cancel--> Canceled; provider or chain error → Failed
//! (statusReason); 24 h after creation without confirmation, or 4 h after confirmation
//! without a submitted transfer → Expired.

mod action;
mod plan;
mod policy;

#[cfg(test)]
mod tests;

use chrono::{DateTime, Duration, Utc};

use crate::dfns::model::{ExecutionStatus, Payout, PayoutStatus, Timestamp};

pub use action::{cancel, confirm};
pub use plan::Plan;
pub use policy::{hold, reject, release};

/// The confirm window. Anchored on `dateCreated`, the conservative reading of docs/reference/payouts-api.md §10.5 (the real
/// anchor may be the arrival of the deposit address; the reference leaves it open).
pub fn confirm_window() -> Duration {
    Duration::hours(24)
}

/// From confirmation to a submitted transfer.
pub fn submit_window() -> Duration {
    Duration::hours(4)
}

/// A payout with its future, and when it entered its current state.
#[derive(Debug, Clone, PartialEq)]
pub struct Tracked {
    pub payout: Payout,
    pub plan: Plan,
    pub since: DateTime<Utc>,
}

/// What happened to a payout, for the world's side effects (balances, counters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    InstructionsRequested,
    AddressReady,
    ProviderFailed,
    Expired,
    /// The transfer left the wallet (debit the balance).
    TransferSubmitted,
    PolicyRejected,
    SubmitFailed,
    DepositConfirmed,
    DepositFailed,
    Disbursed,
}

impl Tracked {
    pub fn created_at(&self) -> DateTime<Utc> {
        self.payout.date_created.instant().unwrap_or(self.since)
    }

    fn confirmed_at(&self) -> DateTime<Utc> {
        self.payout
            .data
            .date_confirmed
            .as_ref()
            .and_then(Timestamp::instant)
            .unwrap_or(self.since)
    }

    /// The next scheduled transition, if any.
    pub fn next_event(&self) -> Option<(DateTime<Utc>, Event)> {
        use ExecutionStatus as E;
        let p = &self.plan;
        let confirm_deadline = self.created_at() + confirm_window();
        let submit_deadline = self.confirmed_at() + submit_window();
        let earliest = |at: DateTime<Utc>, ev: Event, deadline: DateTime<Utc>| {
            if at < deadline {
                (at, ev)
            } else {
                (deadline, Event::Expired)
            }
        };
        Some(match self.payout.execution_status() {
            E::Initializing => earliest(
                self.since + p.to_instructions,
                Event::InstructionsRequested,
                confirm_deadline,
            ),
            E::AwaitingPayoutInstructions => {
                let ev = if p.provider_failure.is_some() {
                    Event::ProviderFailed
                } else {
                    Event::AddressReady
                };
                earliest(self.since + p.to_address, ev, confirm_deadline)
            }
            E::AwaitingPayoutConfirmation => (confirm_deadline, Event::Expired),
            E::SubmittingPayoutTransfer => {
                let ev = if p.submit_failure.is_some() {
                    Event::SubmitFailed
                } else {
                    Event::TransferSubmitted
                };
                earliest(self.since + p.to_submitted, ev, submit_deadline)
            }
            // Only the approval moves it on (`policy::release` / `policy::reject`); its own
            // 4 h submission window still runs. The reference leaves open which of the two
            // ends a long hold; the emulator's approvals time out first (see the seed).
            E::PendingPolicyApproval => (submit_deadline, Event::Expired),
            E::DepositProcessing => {
                let ev = if p.deposit_failure.is_some() {
                    Event::DepositFailed
                } else {
                    Event::DepositConfirmed
                };
                (self.since + p.to_deposit_confirmed, ev)
            }
            E::DisbursementPending => (self.since + p.to_disbursed, Event::Disbursed),
            // Finished, or a state this version does not know: nothing is scheduled.
            _ => return None,
        })
    }

    /// Applies every transition due by `now`, each dated at its own instant.
    pub fn advance(&mut self, now: DateTime<Utc>) -> Vec<Event> {
        let mut events = Vec::new();
        while let Some((at, ev)) = self.next_event() {
            if at > now {
                break;
            }
            self.apply(&ev, at);
            events.push(ev);
        }
        events
    }

    fn apply(&mut self, ev: &Event, at: DateTime<Utc>) {
        use ExecutionStatus as E;
        let stamp = Timestamp::from_datetime(at);
        let data = &mut self.payout.data;
        match ev {
            Event::InstructionsRequested => {
                data.execution_status = E::AwaitingPayoutInstructions;
                data.borderless_payout_id = Some(self.plan.borderless_payout_id.clone());
            }
            Event::AddressReady => {
                data.execution_status = E::AwaitingPayoutConfirmation;
                data.deposit_address = Some(self.plan.deposit_address.clone());
            }
            Event::TransferSubmitted => {
                data.execution_status = E::DepositProcessing;
                data.transaction_hash = Some(self.plan.tx_hash.clone());
            }
            Event::DepositConfirmed => {
                data.execution_status = E::DisbursementPending;
                data.date_deposit_confirmed = Some(stamp);
            }
            Event::Disbursed => {
                data.date_payout_confirmed = Some(stamp.clone());
                self.finish(PayoutStatus::Completed, E::Completed, None, at);
            }
            Event::Expired => {
                let reason = if matches!(
                    self.payout.data.execution_status,
                    E::SubmittingPayoutTransfer | E::PendingPolicyApproval
                ) {
                    "transfer not submitted within 4 hours of confirmation"
                } else {
                    "payout not confirmed within 24 hours"
                };
                self.finish(
                    PayoutStatus::Expired,
                    E::Expired,
                    Some(reason.to_owned()),
                    at,
                );
            }
            Event::ProviderFailed => {
                let reason = self.plan.provider_failure.clone();
                self.finish(PayoutStatus::Failed, E::Failed, reason, at);
            }
            Event::SubmitFailed => {
                let reason = self.plan.submit_failure.clone();
                self.finish(PayoutStatus::Failed, E::Failed, reason, at);
            }
            Event::DepositFailed => {
                let reason = self.plan.deposit_failure.clone();
                self.finish(PayoutStatus::Failed, E::Failed, reason, at);
            }
            Event::PolicyRejected => {
                let reason = Some(
                    self.plan
                        .policy_rejection
                        .clone()
                        .unwrap_or_else(|| "transfer rejected by a policy".to_owned()),
                );
                self.finish(PayoutStatus::Rejected, E::Rejected, reason, at);
            }
        }
        self.since = at;
    }

    /// Moves to a terminal status: `dateFinalized` set, `statusReason` where there is one.
    fn finish(
        &mut self,
        status: PayoutStatus,
        exec: ExecutionStatus,
        reason: Option<String>,
        at: DateTime<Utc>,
    ) {
        self.payout.status = status;
        self.payout.data.execution_status = exec;
        if reason.is_some() {
            self.payout.data.status_reason = reason;
        }
        self.payout.date_finalized = Some(Timestamp::from_datetime(at));
        self.since = at;
    }

    pub fn is_finished(&self) -> bool {
        self.next_event().is_none()
    }
}
