//! The book keeps settled approvals as JSON and pending ones whole, and answers the same
//! either way.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::*;
use crate::emulator::approvals::rules::{Caller, Refusal};

const A: &str = "us-aaaaa-aaaaa-aaaaaaaaaaaaaaaa";
const B: &str = "us-bbbbb-bbbbb-bbbbbbbbbbbbbbbb";

fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

fn approval(n: u32, initiator: &str, status: &str, decisions: Value) -> Approval {
    serde_json::from_value(json!({
        "id": format!("ap-{n}"), "initiatorId": initiator, "status": status,
        "activity": {"kind": "Wallets:Sign", "transferRequest": {
            "id": format!("xfr-{n}"), "walletId": "wa-1",
            "requestBody": {"kind": "Erc20", "to": "0x12", "amount": "5"},
            "status": "Pending", "dateRequested": "2027-01-15T08:00:00.000Z"}},
        "expirationDate": "2027-01-15T11:00:00.000Z",
        "dateCreated": "2027-01-15T08:00:00.000Z",
        "policyEvaluations": [{"policyId": "plc-1", "triggered": true, "reason": "above",
                               "context": {"limit": 5000}}],
        "decisions": decisions
    }))
    .unwrap()
}

/// Policy `plc-1`: one group of A and B; approvals 0 (Approved by B), 1 (Denied by A),
/// 2 (Pending), of payouts `pyt-0`…`pyt-2`.
fn book() -> (Book, Vec<Approval>) {
    let mut b = Book::default();
    b.add_policy(
        serde_json::from_value(json!({
            "id": "plc-1", "name": "p", "activityKind": "Wallets:Sign", "status": "Active",
            "rule": {"kind": "AlwaysTrigger"},
            "action": {"kind": "RequestApproval", "approvalGroups": [
                {"quorum": 1, "approvers": {"userId": {"in": [A, B]}}}]}
        }))
        .unwrap(),
    );
    let decision = |who: &str, value: &str| {
        json!([{"userId": who, "date": "2027-01-15T08:05:00.000Z", "reason": null,
                "value": value}])
    };
    let all = vec![
        approval(0, A, "Approved", decision(B, "Approved")),
        approval(1, B, "Denied", decision(A, "Denied")),
        approval(2, A, "Pending", json!([])),
    ];
    for (i, a) in all.iter().enumerate() {
        b.insert(a.clone(), &format!("pyt-{i}"));
    }
    (b, all)
}

fn frozen(b: &Book, pos: usize) -> bool {
    matches!(b.approvals[pos], Entry::Frozen(_))
}

fn ids(items: &[Approval]) -> Vec<&str> {
    items.iter().map(|a| a.id.as_str()).collect()
}

#[test]
fn settled_approvals_are_kept_as_json_and_read_back_whole() {
    let (b, all) = book();
    assert!(frozen(&b, 0) && frozen(&b, 1) && !frozen(&b, 2));
    for a in &all {
        assert_eq!(b.get(&a.id).as_ref(), Some(a));
    }
    assert_eq!(b.of_payout("pyt-1").as_ref(), Some(&all[1]));
    assert_eq!(
        (b.pending_of("pyt-0"), b.pending_of("pyt-2")),
        (None, Some(2))
    );
    assert_eq!(b.pending_positions(), [2]);
}

#[test]
fn lists_frozen_and_live_alike() {
    let (b, _) = book();
    let list = |f: ApprovalFilter| b.list(&f, None, 10).0;
    assert_eq!(
        ids(&list(ApprovalFilter::default())),
        ["ap-2", "ap-1", "ap-0"]
    );
    let status = |s| ApprovalFilter {
        status: Some(s),
        ..Default::default()
    };
    assert_eq!(ids(&list(status(ApprovalStatus::Denied))), ["ap-1"]);
    assert_eq!(ids(&list(status(ApprovalStatus::Pending))), ["ap-2"]);
    let initiator = ApprovalFilter {
        initiator_id: Some(A.into()),
        ..Default::default()
    };
    assert_eq!(ids(&list(initiator)), ["ap-2", "ap-0"]);
    // Members who have not decided: A on 0 and 2, B on 1 and 2.
    let approver = |u: &str| ApprovalFilter {
        approver_id: Some(u.into()),
        ..Default::default()
    };
    assert_eq!(ids(&list(approver(A))), ["ap-2", "ap-0"]);
    assert_eq!(ids(&list(approver(B))), ["ap-2", "ap-1"]);
    let (page, next) = b.list(&ApprovalFilter::default(), None, 2);
    assert_eq!((ids(&page), next), (vec!["ap-2", "ap-1"], Some(1)));
    assert_eq!(
        ids(&b.list(&ApprovalFilter::default(), next, 2).0),
        ["ap-0"]
    );
}

#[test]
fn a_decision_settles_and_freezes_a_pending_approval() {
    let (mut b, _) = book();
    let b_caller = Caller {
        user_id: B,
        service_account: false,
    };
    assert_eq!(
        b.decide_at(0, b_caller, DecisionValue::Approved, None, t0()),
        Err(Refusal::NotPending(ApprovalStatus::Approved))
    );
    assert!(frozen(&b, 0));
    b.decide_at(2, b_caller, DecisionValue::Approved, None, t0())
        .unwrap();
    assert!(frozen(&b, 2));
    assert_eq!(b.at(2).unwrap().status, ApprovalStatus::Approved);
    assert_eq!(b.pending_of("pyt-2"), None);
    assert!(b.pending_positions().is_empty());
}

#[test]
fn a_change_through_at_mut_is_kept_once_done() {
    let (mut b, _) = book();
    let a = b.at_mut(2).unwrap();
    a.status = ApprovalStatus::Expired;
    b.done(2);
    assert!(frozen(&b, 2));
    assert_eq!(b.get("ap-2").unwrap().status, ApprovalStatus::Expired);
    // A frozen one read back for a change stays whole until done.
    assert!(b.at_mut(0).is_some());
    assert!(!frozen(&b, 0));
    b.done(0);
    assert!(frozen(&b, 0));
}
