//! The world's side of policy approvals: what a Confirm opens, what a decision does to the
//! payout, and the transfer as `GET /wallets/{id}/transfers/{id}` shows it.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::World;
use super::balance::debit;
use crate::dfns::model::{Approval, DecisionRequest, Payout, Requester, TransferRequest};
use crate::emulator::approvals::rules::Caller;
use crate::emulator::approvals::{EmuTransfer, TransferView, settle};
use crate::emulator::error::EmuError;
use crate::emulator::lifecycle::Event;

impl World {
    /// After a Confirm was accepted: the transfer, the policies' verdict, the approval.
    pub(super) fn after_confirm(&mut self, pos: usize, now: DateTime<Utc>) {
        let Some(t) = self.store.tracked_mut(pos) else {
            return;
        };
        let p = &t.payout;
        let Some(wallet) = self
            .wallet_by_id
            .get(&p.wallet_id)
            .map(|&i| self.wallets[i].wallet.clone())
        else {
            return;
        };
        let initiator = initiator(&t.payout);
        let confirmed = settle::on_confirm(
            t,
            self.book.policies(),
            &wallet,
            &initiator,
            &mut self.rng,
            now,
        );
        let payout_id = t.payout.id.clone();
        self.transfers.insert(confirmed.transfer.id.into(), pos);
        if let Some(a) = confirmed.approval {
            self.book.insert(a, &payout_id);
            self.stats.approvals_opened += 1;
        }
        self.store.settle(pos);
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
        let approval = self
            .book
            .at(pos)
            .ok_or_else(|| EmuError::new(500, "approval unreadable"))?;
        let payout = approval
            .transfer_request()
            .and_then(|t| self.transfers.get(t.id.as_str()).copied());
        if let Some(ppos) = payout
            && let Some(t) = self.store.tracked_mut(ppos)
        {
            let event = settle::apply_outcome(t, &approval, now);
            if event == Some(Event::TransferSubmitted) {
                debit(&mut self.wallets, &self.wallet_by_id, &t.payout);
            }
            self.store.settle(ppos);
        }
        Ok(approval)
    }

    /// `GET /wallets/{walletId}/transfers/{transferId}`: read from its payout (and approval).
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
        let payout = self
            .transfers
            .get(transfer_id)
            .and_then(|&pos| self.store.payout(pos))
            .filter(|p| p.wallet_id == wallet_id)
            .ok_or_else(not_found)?;
        let approval = self.book.of_payout(&payout.id);
        let transfer = EmuTransfer {
            id: transfer_id.to_owned(),
            wallet_id: payout.wallet_id.clone(),
            payout_id: payout.id.clone(),
            requester: initiator(&payout),
            // The Confirm created the transfer: its instant is the payout's dateConfirmed.
            date_requested: payout
                .data
                .date_confirmed
                .clone()
                .unwrap_or_else(|| payout.date_created.clone()),
            approval_id: approval.as_ref().map(|a| a.id.clone()),
        };
        Ok(TransferView {
            transfer: &transfer,
            payout: &payout,
            approval: approval.as_ref(),
        }
        .build())
    }
}

/// Who confirmed a payout, hence initiated its transfer: its requester (the lifecycle lets
/// no one else confirm).
fn initiator(p: &Payout) -> Requester {
    p.requester.clone().unwrap_or_else(|| Requester {
        user_id: String::new(),
        token_id: None,
        extra: Default::default(),
    })
}
