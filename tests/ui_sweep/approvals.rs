//! The approvals side of the sweep: the state with the seed's approvals and policy known,
//! every approve and deny stage for a payout, and a hostile approval and policy.

use serde_json::{Value, json};

use payouts_tui::app::approval::{Asked, DecisionEcho, Me, check_decision};
use payouts_tui::app::state::{AppState, DecideStage, Dialog, Mode};
use payouts_tui::dfns::model::{Approval, DecisionValue, Policy};

/// The state with these approvals and policies known, as the poller would leave it.
pub fn with_approvals(mut s: AppState, approvals: &[Approval], policies: &[Policy]) -> AppState {
    for p in policies {
        s.approvals.policies.insert(p.id.clone(), p.clone());
    }
    for a in approvals {
        s.approvals.upsert(a.clone(), 0, super::now());
    }
    if let Some(me) = s.me.clone() {
        s.approvals.refresh_awaiting(Some(&Me::new(&me, None)));
    }
    s.rebuild();
    s
}

/// Every approve and deny stage for the payout at `index` (the shown ones only when the
/// guard lets `me` decide it).
pub fn decide_modes(s: &AppState, index: usize, me: &str) -> Vec<(Mode, bool, bool)> {
    let p = s.payouts.get(index).unwrap();
    let p = &*p;
    let mut out = Vec::new();
    let decision = |value: DecisionValue| -> Option<Box<DecisionEcho>> {
        let k = s.approvals.of(p)?;
        let policies = s.approvals.policies_of(&k.approval);
        let me = Me::new(me, None);
        check_decision(
            Asked::Payout(&p.id),
            &k.approval,
            p,
            &policies,
            &me,
            &value,
            None,
        )
        .ok()
        .map(Box::new)
    };
    let approval_id = s.approvals.of(p).map(|k| k.approval.id.clone());
    let mut approve = vec![
        DecideStage::Verifying,
        DecideStage::Refused("refused ".repeat(40)),
        DecideStage::Unknown("unknown ".repeat(40)),
    ];
    if let Some(e) = decision(DecisionValue::Approved) {
        approve.extend([
            DecideStage::Ready(e.clone()),
            DecideStage::Checking(e.clone()),
            DecideStage::Sending(e.clone()),
            DecideStage::Done(e, "Approved".into()),
        ]);
    }
    for stage in approve {
        out.push((
            Mode::Dialog(Dialog::Approve {
                op: 3,
                index,
                approval_id: approval_id.clone(),
                stage,
                typed: "1a".into(),
            }),
            false,
            false,
        ));
    }
    let mut deny = vec![DecideStage::Verifying];
    if let Some(e) = decision(DecisionValue::Denied) {
        deny.extend([
            DecideStage::Ready(e.clone()),
            DecideStage::Ask(e.clone()),
            DecideStage::Sending(e.clone()),
            DecideStage::Done(e, "Denied".into()),
        ]);
    }
    for stage in deny {
        out.push((
            Mode::Dialog(Dialog::Deny {
                op: 4,
                index,
                approval_id: approval_id.clone(),
                stage,
                reason: "wrong beneficiary ü漢字".into(),
            }),
            false,
            false,
        ));
    }
    out
}

/// The approval holding the hostile payout's transfer (`transferId` is `f[14]`), every text
/// field of it server-chosen.
pub fn hostile_approval(f: &[String; 16]) -> Value {
    json!({
        "id": format!("ap-{}", f[0]), "initiatorId": f[8], "status": "Pending",
        "expirationDate": f[2], "dateCreated": f[12], "dateUpdated": f[12],
        "activity": {"kind": "Wallets:Sign", "transferRequest": {
            "id": f[14], "walletId": f[1], "network": f[5],
            "requestBody": {"kind": f[3], "contract": f[4], "to": f[11], "amount": "1000000"},
            "status": "Pending"}},
        "policyEvaluations": [{"policyId": format!("plc-{}", f[9]), "triggered": true,
            "reason": f[13]}],
        "decisions": [{"userId": f[15], "date": f[12], "reason": f[10], "value": "Approved"}]
    })
}

pub fn hostile_policy(f: &[String; 16]) -> Value {
    json!({
        "id": format!("plc-{}", f[9]), "name": f[6], "activityKind": "Wallets:Sign",
        "status": "Active", "rule": {"kind": "AlwaysTrigger"},
        "action": {"kind": "RequestApproval", "approvalGroups": [
            {"name": f[7], "quorum": 2, "approvers": {"userId": {"in": [f[8], f[15]]}}}]}
    })
}
