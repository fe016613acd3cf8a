//! The seeded transfer policy, and how each seeded approval was decided (by whom, when),
//! through the same evaluation and decision rules the server applies.

use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use serde_json::json;

use crate::dfns::model::{
    Approval, ApprovalStatus, DecisionValue, Policy, Requester, Timestamp, Wallet,
};
use crate::emulator::approvals::rules::{self, Caller};
use crate::emulator::approvals::settle::{self, Confirmed};
use crate::emulator::ids;
use crate::emulator::lifecycle::Tracked;
use crate::emulator::world::EmuWallet;

/// Minutes before an approval expires. The reference reads `autoRejectTimeout` as minutes;
/// 3 h (under the payout's own 4 h submission window) means an undecided approval, not the
/// payout's window, ends a hold: the payout is then Rejected, not Expired (a choice; the
/// reference leaves the interaction open).
pub const AUTO_REJECT_MINUTES: u64 = 180;

/// The seed the interface contract fixes (tests rely on it): `Wallets:Sign`, `TransactionAmountLimit` 5,000 USD, `RequestApproval`
/// with one group (quorum 1, `operator` and `operator2`, `initiatorCanApprove: false`)
/// filtering the wallets that have a policy. The principals are service accounts, so the
/// group also sets `serviceAccountsCanApprove` (the emulated org has that feature enabled).
pub(super) fn transfer_policy(
    rng: &mut StdRng,
    approvers: [&str; 2],
    wallets: &[EmuWallet],
    now: DateTime<Utc>,
) -> Result<Policy, String> {
    let filtered: Vec<&str> = wallets
        .iter()
        .filter(|w| w.policy)
        .map(|w| w.wallet.id.as_str())
        .collect();
    let created = Timestamp::from_datetime(now - Duration::days(90));
    serde_json::from_value(json!({
        "id": ids::dfns_id(rng, "plc"),
        "name": "Transfers above 5,000 USD need a second operator",
        "status": "Active",
        "activityKind": "Wallets:Sign",
        "rule": {"kind": "TransactionAmountLimit", "configuration": {"limit": 5000, "currency": "USD"}},
        "action": {
            "kind": "RequestApproval",
            "autoRejectTimeout": AUTO_REJECT_MINUTES,
            "approvalGroups": [{
                "name": "Operators",
                "quorum": 1,
                "approvers": {"userId": {"in": approvers}},
                "initiatorCanApprove": false,
                "serviceAccountsCanApprove": true
            }]
        },
        "filters": {"walletId": {"in": filtered}},
        "dateCreated": created,
        "dateUpdated": created
    }))
    .map_err(|e| format!("seed policy: {e}"))
}

/// How a seeded approval ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    /// The other operator approves.
    ApproveByOther,
    /// The other operator denies.
    DenyByOther,
    /// The initiator denies (cancels) their own transfer.
    DenyByInitiator,
    /// Nobody decides: Pending until it expires.
    Undecided,
}

/// When after the hold, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Script {
    pub after: Duration,
    pub verdict: Verdict,
}

impl Script {
    pub fn approved() -> Script {
        Script {
            after: Duration::minutes(2),
            verdict: Verdict::ApproveByOther,
        }
    }

    pub fn undecided() -> Script {
        Script {
            after: Duration::zero(),
            verdict: Verdict::Undecided,
        }
    }
}

/// Who takes part in a seeded decision.
pub(super) struct Parties<'a> {
    pub initiator: &'a Requester,
    pub other: &'a str,
}

/// A seeded Confirm at `at`: the policies' verdict, then the scripted decision, then the
/// payout lived on to `now`.
#[allow(clippy::too_many_arguments)]
pub(super) fn confirm_and_live(
    t: &mut Tracked,
    policies: &[Policy],
    wallet: &Wallet,
    parties: &Parties<'_>,
    script: Script,
    rng: &mut StdRng,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Confirmed {
    let mut c = settle::on_confirm(t, policies, wallet, parties.initiator, rng, at);
    let Some(approval) = c.approval.as_mut() else {
        t.advance(now);
        return c;
    };
    let decide_at = at + script.after;
    let decision = match script.verdict {
        Verdict::ApproveByOther => Some((parties.other, DecisionValue::Approved, None)),
        Verdict::DenyByOther => Some((
            parties.other,
            DecisionValue::Denied,
            Some("above this month's treasury budget".to_owned()),
        )),
        Verdict::DenyByInitiator => Some((
            parties.initiator.user_id.as_str(),
            DecisionValue::Denied,
            Some("created by mistake".to_owned()),
        )),
        Verdict::Undecided => None,
    };
    if let Some((user, value, reason)) = decision.filter(|_| decide_at <= now) {
        settle::advance_held(t, approval, decide_at);
        if approval.status == ApprovalStatus::Pending {
            decide(t, approval, policies, user, value, reason, decide_at);
        }
    }
    settle::advance_held(t, approval, now);
    c
}

fn decide(
    t: &mut Tracked,
    approval: &mut Approval,
    policies: &[Policy],
    user: &str,
    value: DecisionValue,
    reason: Option<String>,
    at: DateTime<Utc>,
) {
    let groups = rules::groups_of(approval, policies);
    let caller = Caller {
        user_id: user,
        service_account: true,
    };
    // Every seeded principal is a service account.
    if rules::decide(approval, &groups, caller, value, reason, at, &|_| true).is_ok() {
        settle::apply_outcome(t, approval, at);
    }
}
