//! The world's side of policy approvals: what a Confirm opens, what a decision does to the
//! payout, and the transfer as `GET /wallets/{id}/transfers/{id}` shows it.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::World;
use super::balance::debit;
use crate::dfns::model::{Approval, DecisionRequest, Requester, TransferRequest};
use crate::emulator::approvals::rules::Caller;
use crate::emulator::approvals::{self as book, settle};
use crate::emulator::error::EmuError;
use crate::emulator::lifecycle::Event;

impl World {
    /// After a Confirm was accepted: the transfer, the policies' verdict, the approval.
    pub(super) fn after_confirm(&mut self, pos: usize, now: DateTime<Utc>) {
        let p = &self.payouts[pos].payout;
        let Some(wallet) = self.wallet(&p.wallet_id).map(|w| w.wallet.clone()) else {
            return;
        };
        // The confirmer is the requester (the lifecycle checked it): the initiator.
        let initiator = p.requester.clone().unwrap_or_else(|| Requester {
            user_id: String::new(),
            token_id: None,
            extra: Default::default(),
        });
        let confirmed = settle::on_confirm(
            &mut self.payouts[pos],
            self.book.policies(),
            &wallet,
            &initiator,
            &mut self.rng,
            now,
        );
        let payout_id = self.payouts[pos].payout.id.clone();
        self.book.insert_transfer(confirmed.transfer);
        if let Some(a) = confirmed.approval {
            self.book.insert(a, &payout_id);
            self.stats.approvals_opened += 1;
        }
        if self.payouts[pos].is_finished() {
            self.active.remove(&pos);
        }
    }

    /// `POST /v2/policy-approvals/{id}/decisions`: the rules, then the payout follows the
    /// outcome. Answers the approval as it now stands.
    pub fn decide(
        &mut self,
        caller: Caller<'_>,
        id: &str,
        req: DecisionRequest,
        now: DateTime<Utc>,
    ) -> Result<Approval, EmuError> {
        let pos = self.book.position(id).ok_or_else(|| {
            EmuError::not_found("approval not found").with_details(json!({ "approvalId": id }))
        })?;
        if let Err(r) = self.book.decide_at(pos, caller, req.value, req.reason, now) {
            self.stats.refusals += 1;
            return Err(EmuError::new(r.status(), r.message(caller.user_id))
                .with_details(json!({ "approvalId": id })));
        }
        self.stats.decisions += 1;
        let approval = self.book.at_mut(pos).clone();
        self.book.done(pos);
        let payout = self
            .book
            .payout_of(pos)
            .and_then(|pid| self.by_id.get(pid).copied());
        if let Some(ppos) = payout {
            let event = settle::apply_outcome(&mut self.payouts[ppos], &approval, now);
            if event == Some(Event::TransferSubmitted) {
                let p = &self.payouts[ppos].payout;
                debit(
                    &mut self.wallets,
                    &self.wallet_by_id,
                    &p.wallet_id,
                    p.asset.token_address(),
                    &p.asset.amount,
                );
            }
            if self.payouts[ppos].is_finished() {
                self.active.remove(&ppos);
            }
        }
        Ok(approval)
    }

    /// `GET /wallets/{walletId}/transfers/{transferId}`.
    pub fn transfer(
        &self,
        wallet_id: &str,
        transfer_id: &str,
    ) -> Result<TransferRequest, EmuError> {
        self.wallet_or_404(wallet_id)?;
        let not_found = || {
            EmuError::not_found("transfer not found")
                .with_details(json!({ "walletId": wallet_id, "transferId": transfer_id }))
        };
        let t = self
            .book
            .transfer(transfer_id)
            .filter(|t| t.wallet_id == wallet_id)
            .ok_or_else(not_found)?;
        let payout = self.get(&t.payout_id).ok_or_else(not_found)?;
        Ok(book::transfer_of(&self.book, t, payout))
    }
}
