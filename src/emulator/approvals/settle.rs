//! From a Confirm to the transfer and its approval, and from the approval's outcome back to
//! the payout: pure apart from the ids drawn from the RNG the caller passes.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use serde_json::{Map, json};

use super::EmuTransfer;
use super::evaluate::{self, TransferFacts, Verdict};
use super::rules;
use crate::dfns::model::{
    Activity, Approval, ApprovalStatus, DecisionValue, ExecutionStatus, Payout, Policy,
    PolicyActionKind, Requester, Timestamp, TransferAssetMetadata, TransferMetadata,
    TransferRequest, TransferRequestBody, TransferStatus, Wallet, WalletsSignActivity,
};
use crate::emulator::ids;
use crate::emulator::lifecycle::{self, Event, Tracked};

/// The payout's value in USD cents. Every token the emulator knows is a USD stablecoin, so
/// its quote is 1 USD per unit (a choice: the reference gives no prices).
pub fn usd_cents(p: &Payout) -> Option<u128> {
    let decimals = u32::from(p.asset.decimals()?);
    let base: u128 = p.asset.amount.parse().ok()?;
    Some(match decimals.checked_sub(2) {
        Some(shift) => base / 10u128.checked_pow(shift)?,
        None => base.checked_mul(10u128.pow(2 - decimals))?,
    })
}

/// A transfer as the API shows it, its status derived from its payout (and approval).
pub struct TransferView<'a> {
    pub transfer: &'a EmuTransfer,
    pub payout: &'a Payout,
    pub approval: Option<&'a Approval>,
}

impl TransferView<'_> {
    pub fn status(&self) -> TransferStatus {
        use ExecutionStatus as E;
        let d = &self.payout.data;
        match self.payout.execution_status() {
            E::PendingPolicyApproval => TransferStatus::Pending,
            E::SubmittingPayoutTransfer => TransferStatus::Executing,
            E::DepositProcessing => TransferStatus::Broadcasted,
            E::DisbursementPending | E::Completed => TransferStatus::Confirmed,
            E::Rejected => TransferStatus::Rejected,
            // On-chain and confirmed, then refused by the provider: the transfer itself went.
            E::Failed if d.transaction_hash.is_some() => TransferStatus::Confirmed,
            E::Expired if self.approval.is_some() => TransferStatus::Rejected,
            _ => TransferStatus::Failed,
        }
    }

    pub fn build(&self) -> TransferRequest {
        let (t, p) = (self.transfer, self.payout);
        let status = self.status();
        let quotes = usd_cents(p).map(|c| {
            let mut m = Map::new();
            m.insert("USD".into(), json!(c as f64 / 100.0));
            m
        });
        let reason = matches!(status, TransferStatus::Rejected | TransferStatus::Failed)
            .then(|| p.data.status_reason.clone())
            .flatten();
        TransferRequest {
            id: t.id.clone(),
            wallet_id: t.wallet_id.clone(),
            network: Some(p.asset.network.clone()),
            requester: Some(t.requester.clone()),
            request_body: TransferRequestBody {
                kind: p.asset.kind.clone(),
                to: p.data.deposit_address.clone(),
                amount: Some(p.asset.amount.clone()),
                contract: p.asset.contract.clone(),
                mint: p.asset.mint.clone(),
                external_id: None,
                extra: Default::default(),
            },
            metadata: Some(TransferMetadata {
                asset: Some(TransferAssetMetadata {
                    symbol: p.asset.symbol().map(str::to_owned),
                    decimals: p.asset.decimals(),
                    verified: p.asset.metadata.as_ref().and_then(|m| m.verified),
                    quotes,
                    extra: Default::default(),
                }),
                extra: Default::default(),
            }),
            status,
            reason,
            tx_hash: p.data.transaction_hash.clone(),
            fee: None,
            date_requested: Some(t.date_requested.clone()),
            date_policy_resolved: self.approval.and_then(|a| a.date_resolved.clone()),
            date_broadcasted: None,
            date_confirmed: p.data.date_deposit_confirmed.clone(),
            approval_id: t.approval_id.clone(),
            external_id: None,
            extra: Default::default(),
        }
    }
}

/// What a Confirm left behind besides the payout's new state.
pub struct Confirmed {
    pub transfer: EmuTransfer,
    pub approval: Option<Approval>,
}

/// After `lifecycle::confirm` succeeded: creates the transfer, evaluates the policies, and
/// holds (RequestApproval) or rejects (Block) the payout, or lets it go on.
pub fn on_confirm(
    t: &mut Tracked,
    policies: &[Policy],
    wallet: &Wallet,
    initiator: &Requester,
    rng: &mut impl Rng,
    now: DateTime<Utc>,
) -> Confirmed {
    let p = &t.payout;
    let mut transfer = EmuTransfer {
        id: p
            .data
            .transfer_id
            .clone()
            .unwrap_or_else(|| ids::dfns_id(rng, "xfr")),
        wallet_id: p.wallet_id.clone(),
        payout_id: p.id.clone(),
        requester: initiator.clone(),
        date_requested: Timestamp::from_datetime(now),
        approval_id: None,
    };
    let to = p.data.deposit_address.clone().unwrap_or_default();
    let facts = TransferFacts {
        wallet,
        to: &to,
        usd_cents: usd_cents(p),
    };
    let evaluation = evaluate::evaluate(policies, &facts);
    let approval = match evaluation.verdict {
        Verdict::Pass => None,
        Verdict::Block { policy_id, reason } => {
            let name = policies
                .iter()
                .find(|x| x.id == policy_id)
                .map_or(policy_id.as_str(), |x| x.name.as_str());
            lifecycle::reject(
                t,
                format!("transfer blocked by policy '{name}': {reason}"),
                now,
            );
            None
        }
        Verdict::Approval => {
            let id = ids::dfns_id(rng, "ap");
            transfer.approval_id = Some(id.clone());
            let expiration = timeout(policies, &evaluation.evaluations).map(|d| now + d);
            lifecycle::hold(t, now);
            let mut request = TransferView {
                transfer: &transfer,
                payout: &t.payout,
                approval: None,
            }
            .build();
            request.status = TransferStatus::Pending;
            let stamp = Timestamp::from_datetime(now);
            Some(Approval {
                id,
                initiator_id: initiator.user_id.clone(),
                activity: Activity::WalletsSign(Box::new(WalletsSignActivity {
                    transfer_request: Some(request),
                    extra: Default::default(),
                })),
                status: ApprovalStatus::Pending,
                expiration_date: expiration.map(Timestamp::from_datetime),
                date_created: Some(stamp.clone()),
                date_updated: Some(stamp),
                date_resolved: None,
                policy_evaluations: evaluation.evaluations,
                decisions: Vec::new(),
                extra: Default::default(),
            })
        }
    };
    Confirmed { transfer, approval }
}

/// The shortest `autoRejectTimeout` of the triggered approval policies, read as minutes (the
/// reference's reading; one guide reads it as seconds). None when none sets one.
fn timeout(
    policies: &[Policy],
    evaluations: &[crate::dfns::model::PolicyEvaluation],
) -> Option<Duration> {
    evaluations
        .iter()
        .filter(|e| e.triggered)
        .filter_map(|e| policies.iter().find(|p| p.id == e.policy_id))
        .filter(|p| p.action.kind == PolicyActionKind::RequestApproval)
        .filter_map(|p| p.action.auto_reject_timeout.as_ref()?.as_f64())
        .filter(|m| m.is_finite() && *m >= 0.0)
        .map(|m| Duration::milliseconds((m.min(1e9) * 60_000.0) as i64))
        .min()
}

/// Drives a held payout by its approval's outcome (nothing while it is Pending).
pub fn apply_outcome(t: &mut Tracked, approval: &Approval, at: DateTime<Utc>) -> Option<Event> {
    match approval.status {
        ApprovalStatus::Approved => lifecycle::release(t, at),
        ApprovalStatus::Denied => {
            let denial = approval
                .decisions
                .iter()
                .find(|d| d.value == DecisionValue::Denied);
            let mut why = "transfer rejected by policy approval: denied".to_owned();
            if let Some(d) = denial {
                why.push_str(&format!(" by {}", d.user_id));
                if let Some(r) = d.reason.as_deref().filter(|r| !r.is_empty()) {
                    why.push_str(&format!(" ({r})"));
                }
            }
            lifecycle::reject(t, why, at)
        }
        ApprovalStatus::Expired => lifecycle::reject(
            t,
            "transfer rejected by policy approval: the approval expired before its quorum was met"
                .to_owned(),
            at,
        ),
        _ => None,
    }
}

/// Moves a held payout and its pending approval together to `now`: the approval expires at
/// its `expirationDate` (rejecting the payout then), and when the payout's own submission
/// window closes first, the approval expires with it.
pub fn advance_held(t: &mut Tracked, approval: &mut Approval, now: DateTime<Utc>) -> Vec<Event> {
    let mut events = Vec::new();
    let due = approval
        .expiration_date
        .as_ref()
        .and_then(Timestamp::instant)
        .filter(|at| *at <= now);
    if let Some(at) = due {
        events.extend(t.advance(at));
        if rules::expire_if_due(approval, at) {
            events.extend(apply_outcome(t, approval, at));
        }
    }
    events.extend(t.advance(now));
    if t.payout.execution_status() != &ExecutionStatus::PendingPolicyApproval
        && approval.status == ApprovalStatus::Pending
    {
        let at = t
            .payout
            .date_finalized
            .clone()
            .unwrap_or_else(|| Timestamp::from_datetime(now));
        rules::expire_at(approval, at);
    }
    events
}
