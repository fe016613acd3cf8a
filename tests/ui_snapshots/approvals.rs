//! Snapshots of policy approvals on the dashboard: the "Awaiting my approval" group, the
//! detail pane's approval section (mine: deny only, with the reason; another's: approve or
//! deny, a group's quorum half met), and the approve and deny dialogs at each stage.

use serde_json::json;

use payouts_tui::app::approval::{Asked, DecisionEcho, Me, check_decision};
use payouts_tui::app::state::{AppState, DecideStage, Dialog, Mode};
use payouts_tui::dfns::model::{Approval, DecisionValue, Payout, Policy};

use crate::fixtures::*;

/// Held by the policy, mine (in the base fixtures).
pub const MINE: &str = "pyt-p0l1c-y2h3o-l4d5e6f7g8h9i0j1";
/// Held by the policy, requested by another user (added here).
pub const THEIRS: &str = "pyt-h0ld2-0ther-aaaaaaaaaaaaaaaa";
const THIRD: &str = "us-th1rd-aaaaa-aaaaaaaaaaaaaaaa";
const POLICY: &str = "plc-4q3ht-ab6u2-pr8fc1sr0s1mls8f";

/// Snapshots go with the others, in `tests/snapshots/`.
fn snap(name: &str, t: &ratatui::Terminal<ratatui::backend::TestBackend>) {
    insta::with_settings!({snapshot_path => "../snapshots"}, {
        insta::assert_snapshot!(name.to_owned(), t.backend());
    });
}

fn policy() -> Policy {
    serde_json::from_value(json!({
        "id": POLICY, "name": "Transfers above 500 USD need a second operator",
        "activityKind": "Wallets:Sign", "status": "Active",
        "rule": {"kind": "TransactionAmountLimit", "configuration": {"limit": 500, "currency": "USD"}},
        "action": {"kind": "RequestApproval", "autoRejectTimeout": 180, "approvalGroups": [
            {"name": "Operators", "quorum": 1, "approvers": {"userId": {"in": [ME, OTHER]}},
             "initiatorCanApprove": false},
            {"name": "Treasury", "quorum": 2, "approvers": {"userId": {"in": [ME, THIRD]}}}]}
    }))
    .unwrap_or_else(|e| panic!("{e}"))
}

fn approval(id: &str, p: &Payout, initiator: &str, decisions: serde_json::Value) -> Approval {
    let transfer = p.data.transfer_id.clone().unwrap_or_default();
    serde_json::from_value(json!({
        "id": id, "initiatorId": initiator, "status": "Pending",
        "expirationDate": "2026-11-24T12:42:00.000Z",
        "dateCreated": "2026-11-24T10:30:00.000Z", "dateUpdated": "2026-11-24T11:05:00.000Z",
        "activity": {"kind": "Wallets:Sign", "transferRequest": {
            "id": transfer, "walletId": p.wallet_id, "network": "Polygon",
            "requester": {"userId": initiator},
            "requestBody": {"kind": "Erc20", "contract": USDC_POLYGON,
                            "to": p.data.deposit_address, "amount": p.asset.amount},
            "status": "Pending", "approvalId": id}},
        "policyEvaluations": [{"policyId": POLICY, "triggered": true,
            "reason": "Transfer amount (USD 2,500.00) is above limit (USD 500.00)."}],
        "decisions": decisions
    }))
    .unwrap_or_else(|e| panic!("{e}"))
}

fn theirs() -> Payout {
    let mut p = payout(THEIRS, "PendingPolicyApproval", "2026-11-24T09:40:00.000Z");
    p["requester"]["userId"] = json!(OTHER);
    p["data"]["dateConfirmed"] = json!("2026-11-24T10:29:00.000Z");
    p["data"]["transferId"] = json!("xfr-h0ld2-0ther-bbbbbbbbbbbbbbbb");
    p["asset"]["amount"] = json!("2500000000");
    p["externalId"] = json!("vendor-9021");
    serde_json::from_value(p).unwrap_or_else(|e| panic!("{e}"))
}

/// The fixtures plus another user's held payout, both approvals and their policy.
pub fn with_approvals(w: u16, h: u16) -> AppState {
    let mut s = state(w, h);
    s.upsert(theirs(), 0);
    s.approvals.policies.insert(POLICY.into(), policy());
    let mine = s
        .payouts
        .get(s.payouts.position(MINE).unwrap())
        .unwrap()
        .into_owned();
    s.approvals.upsert(
        approval("ap-m1n3a-pprov-a1000000000000001", &mine, ME, json!([])),
        0,
        now(),
    );
    let decided = json!([{"userId": THIRD, "date": "2026-11-24T11:05:00.000Z",
        "reason": "checked the invoice", "value": "Approved"}]);
    s.approvals.upsert(
        approval(
            "ap-th31r-appro-va1000000000000002",
            &theirs(),
            OTHER,
            decided,
        ),
        0,
        now(),
    );
    let me = Me::new(ME, None);
    s.approvals.refresh_awaiting(Some(&me));
    s.rebuild();
    s
}

fn echo(s: &AppState, id: &str, value: DecisionValue) -> DecisionEcho {
    let p = s.payouts.get(s.payouts.position(id).unwrap()).unwrap();
    let p = &*p;
    let k = s
        .approvals
        .of(p)
        .unwrap_or_else(|| panic!("no approval for {id}"));
    let policies = s.approvals.policies_of(&k.approval);
    check_decision(
        Asked::Payout(id),
        &k.approval,
        p,
        &policies,
        &Me::new(ME, None),
        &value,
        None,
    )
    .unwrap_or_else(|r| panic!("fixture must be decidable: {r}"))
}

#[test]
fn the_group_and_the_detail_pane_of_held_payouts() {
    let mut s = with_approvals(200, 50);
    select(&mut s, THEIRS);
    let t = draw(&s, 200, 50);
    let screen = text_of(&t);
    for must in [
        "▸ Awaiting my approval (2)",
        "Pending · quorum 0/1 + 1/2",
        "may approve or deny",
        "a approves, d denies",
        "Transfer amount (USD 2,500.00) is above limit (USD 500.00).",
        "1/2 approvals (Treasury, policy Transfers above 500 USD need a",
        "us-th1rd-aaaaa-aaaaaaaaaaaaaaaa Approved",
        "2026-11-24T11:05:00.000Z: checked the invoice",
        "42m (2026-11-24T12:42:00.000Z): then the payout is rejected",
    ] {
        assert!(screen.contains(must), "missing {must:?}:\n{screen}");
    }
    snap("detail_awaiting_my_approval_200x50", &t);

    select(&mut s, MINE);
    let t = draw(&s, 200, 50);
    let screen = text_of(&t);
    assert!(screen.contains("may only deny"), "{screen}");
    assert!(screen.contains("— d denies"), "{screen}");
    assert!(screen.contains("initiatorCanApprove"), "{screen}");
    snap("detail_my_held_payout_deny_only_200x50", &t);
}

#[test]
fn approve_dialog_stages() {
    let mut s = with_approvals(120, 40);
    select(&mut s, THEIRS);
    let index = s.payouts.position(THEIRS).unwrap();
    let e = Box::new(echo(&s, THEIRS, DecisionValue::Approved));
    let approve = |stage, typed: &str| {
        Mode::Dialog(Dialog::Approve {
            op: 1,
            index,
            approval_id: Some(e.approval_id.clone()),
            stage,
            typed: typed.into(),
        })
    };
    let cases = [
        (
            "verifying",
            approve(DecideStage::Verifying, ""),
            "re-reading the approval and payout",
        ),
        (
            "ready",
            approve(DecideStage::Ready(e.clone()), "56"),
            "[56__]",
        ),
        (
            "armed",
            approve(DecideStage::Ready(e.clone()), "5678"),
            "ARMED ✓ Enter approves",
        ),
        (
            "sending",
            approve(DecideStage::Sending(e.clone()), ""),
            "sending…",
        ),
        (
            "done",
            approve(DecideStage::Done(e.clone(), "Approved".into()), ""),
            "the transfer goes out",
        ),
    ];
    for (name, mode, must) in cases {
        s.mode = mode;
        let t = draw(&s, 120, 40);
        let screen = text_of(&t);
        assert!(screen.contains(must), "{name}: missing {must:?}:\n{screen}");
        snap(&format!("approve_{name}_120x40"), &t);
    }
    // Ready shows everything the decision rests on.
    s.mode = approve(DecideStage::Ready(e.clone()), "");
    let screen = text_of(&draw(&s, 120, 40));
    for must in [
        "2,500.00 USDC",
        "Polygon",
        USDC_POLYGON,
        "0x1234 5678 90ab cdef 1234 5678 90ab cdef 1234 5678",
        "Transfer amount (USD 2,500.00) is above limit (USD 500.00).",
        "0/1 approvals (Operators, policy Transfers above 500 USD need a",
        &format!("{OTHER} (another user)"),
        "42m left · 2026-11-24T12:42:00.000Z",
        "type the last 4 characters of the deposit address to arm: [____]",
    ] {
        assert!(screen.contains(must), "missing {must:?}:\n{screen}");
    }
    // Too small to show it whole: it says so, and shows no prompt.
    s.width = 80;
    s.height = 20;
    let t = draw(&s, 80, 20);
    let screen = text_of(&t);
    assert!(screen.contains("terminal too small"), "{screen}");
    assert!(!screen.contains("to arm"), "{screen}");
    snap("approve_too_small_80x20", &t);
}

#[test]
fn deny_dialog_stages() {
    let mut s = with_approvals(120, 40);
    select(&mut s, MINE);
    let index = s.payouts.position(MINE).unwrap();
    let e = Box::new(echo(&s, MINE, DecisionValue::Denied));
    let deny = |stage, reason: &str| {
        Mode::Dialog(Dialog::Deny {
            op: 2,
            index,
            approval_id: Some(e.approval_id.clone()),
            stage,
            reason: reason.into(),
        })
    };
    let cases = [
        (
            "reason",
            deny(DecideStage::Ready(e.clone()), "created by mistake"),
            "reason (optional, shown to the other approvers): created by mistake▏",
        ),
        (
            "ask",
            deny(DecideStage::Ask(e.clone()), "created by mistake"),
            "Press y to deny it, any other key to keep it.",
        ),
        (
            "done",
            deny(DecideStage::Done(e.clone(), "Denied".into()), ""),
            "denied ✓ approval ap-m1n3a-pprov-a1000000000000001 is now Denied",
        ),
        (
            "refused",
            deny(
                DecideStage::Refused(
                    "the approval is Approved, no longer Pending; nothing was sent".into(),
                ),
                "",
            ),
            "no longer Pending",
        ),
    ];
    for (name, mode, must) in cases {
        s.mode = mode;
        let t = draw(&s, 120, 40);
        let screen = text_of(&t);
        assert!(screen.contains(must), "{name}: missing {must:?}:\n{screen}");
        snap(&format!("deny_{name}_120x40"), &t);
    }
}
