//! The stance, the quorum progress and the decision guard, by example and by property.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;
use crate::dfns::model::Payout;

const OP: &str = "us-opera-tor00-0000000000000001";
const OP2: &str = "us-opera-tor00-0000000000000002";
const VIEWER: &str = "us-viewe-r0000-0000000000000003";
const ADDR: &str = "0x1234567890abcdef1234567890abcdef12345678";

fn policy(groups: Value) -> Policy {
    serde_json::from_value(json!({
        "id": "plc-aaaaa-bbbbb-cccccccccccccccc", "name": "Large transfers",
        "activityKind": "Wallets:Sign", "status": "Active",
        "rule": {"kind": "TransactionAmountLimit", "configuration": {"limit": 5000, "currency": "USD"}},
        "action": {"kind": "RequestApproval", "autoRejectTimeout": 180, "approvalGroups": groups}
    }))
    .unwrap()
}

fn seeded_policy() -> Policy {
    policy(json!([{"name": "Operators", "quorum": 1,
        "approvers": {"userId": {"in": [OP, OP2]}},
        "initiatorCanApprove": false, "serviceAccountsCanApprove": true}]))
}

fn approval(status: &str, initiator: &str, decisions: Value) -> Approval {
    serde_json::from_value(json!({
        "id": "ap-aaaaa-bbbbb-cccccccccccccccc", "initiatorId": initiator, "status": status,
        "expirationDate": "2026-11-02T13:00:00.000Z",
        "dateCreated": "2026-11-02T10:00:00.000Z", "dateUpdated": "2026-11-02T10:00:00.000Z",
        "activity": {"kind": "Wallets:Sign", "transferRequest": {
            "id": "xfr-aaaaa-bbbbb-cccccccccccccccc", "walletId": "wa-aaaaa-bbbbb-cccccccccccccccc",
            "network": "Polygon", "requester": {"userId": initiator},
            "requestBody": {"kind": "Erc20", "contract": "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359",
                            "to": ADDR, "amount": "48000000000"},
            "metadata": {"asset": {"symbol": "USDC", "decimals": 6, "quotes": {"USD": 48000}}},
            "status": "Pending", "approvalId": "ap-aaaaa-bbbbb-cccccccccccccccc"}},
        "policyEvaluations": [{"policyId": "plc-aaaaa-bbbbb-cccccccccccccccc", "triggered": true,
            "reason": "Transfer amount (USD 48,000.00) is above limit (USD 5,000.00)."}],
        "decisions": decisions
    }))
    .unwrap()
}

fn payout(exec: &str, to: &str) -> Payout {
    serde_json::from_value(json!({
        "id": "pyt-aaaaa-bbbbb-cccccccccccccccc", "walletId": "wa-aaaaa-bbbbb-cccccccccccccccc",
        "fiatCurrency": "USD",
        "asset": {"kind": "Erc20", "amount": "48000000000",
                  "contract": "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359", "network": "Polygon",
                  "metadata": {"symbol": "USDC", "decimals": 6}},
        "status": "Processing", "requester": {"userId": OP},
        "dateCreated": "2026-11-02T09:00:00.000Z", "provider": "Borderless",
        "data": {"executionStatus": exec, "depositAddress": to,
                 "transferId": "xfr-aaaaa-bbbbb-cccccccccccccccc"}
    }))
    .unwrap()
}

fn sa(user: &str) -> Me<'_> {
    Me::new(user, Some("ServiceAccount"))
}

#[test]
fn the_initiator_may_only_deny_another_operator_may_approve() {
    let a = approval("Pending", OP, json!([]));
    let ps = [seeded_policy()];
    let mine = my_stance(&a, &ps, &sa(OP));
    let Stance::CanDenyOnly(why) = &mine else {
        panic!("{mine:?}")
    };
    assert!(why.contains("initiatorCanApprove"), "{why}");
    assert!(mine.allows(&DecisionValue::Denied).is_ok());
    assert!(mine.allows(&DecisionValue::Approved).is_err());
    assert_eq!(my_stance(&a, &ps, &sa(OP2)), Stance::CanApprove);
    let Stance::No(why) = my_stance(&a, &ps, &sa(VIEWER)) else {
        panic!()
    };
    assert!(
        why.contains("not an approver") && why.contains(OP2),
        "{why}"
    );
}

#[test]
fn decided_settled_unreadable_and_service_account_cases() {
    let ps = [seeded_policy()];
    let decided = approval(
        "Pending",
        OP,
        json!([{"userId": OP2, "date": "2026-11-02T10:05:00.000Z", "reason": null, "value": "Approved"}]),
    );
    let Stance::No(why) = my_stance(&decided, &ps, &sa(OP2)) else {
        panic!()
    };
    assert!(
        why.contains("already decided (Approved on 2026-11-02T10:05:00.000Z)"),
        "{why}"
    );
    let settled = approval("Approved", OP, json!([]));
    assert!(matches!(my_stance(&settled, &ps, &sa(OP2)), Stance::No(w) if w.contains("Approved")));
    // The policy could not be read: membership cannot be told.
    let Stance::No(why) = my_stance(&approval("Pending", OP, json!([])), &[], &sa(OP2)) else {
        panic!()
    };
    assert!(why.contains("could not be read"), "{why}");
    // A service account where the group does not allow it: deny only.
    let strict = policy(json!([{"quorum": 1, "approvers": {}}]));
    let a = approval("Pending", OP, json!([]));
    assert!(
        matches!(my_stance(&a, std::slice::from_ref(&strict), &sa(OP2)), Stance::CanDenyOnly(w) if w.contains("serviceAccountsCanApprove"))
    );
    // A person (not a service account) approves in an "anyone" group.
    assert_eq!(
        my_stance(&a, &[strict], &Me::new(VIEWER, Some("Pat"))),
        Stance::CanApprove
    );
}

#[test]
fn quorum_progress_counts_members_but_not_the_initiator() {
    let ps = [policy(json!([
        {"name": "Treasury", "quorum": 2, "approvers": {"userId": {"in": [OP, OP2, VIEWER]}}},
        {"quorum": 1, "approvers": {}, "initiatorCanApprove": true}
    ]))];
    let a = approval(
        "Pending",
        OP,
        json!([
            {"userId": OP, "date": null, "reason": null, "value": "Approved"},
            {"userId": OP2, "date": null, "reason": null, "value": "Approved"}
        ]),
    );
    let g = quorum_progress(&a, &ps, Some(VIEWER));
    assert_eq!((g[0].approved, g[0].quorum, g[0].met()), (1, 2, false));
    assert_eq!(g[0].group, "Treasury");
    assert_eq!((g[1].approved, g[1].quorum, g[1].met()), (2, 1, true));
    assert_eq!(g[1].group, "group 2");
    assert!(g[0].member && g[1].member);
    assert_eq!(quorum_summary(&g), "1/2 + 2/1");
    assert_eq!(quorum_summary(&[]), "?");
}

#[test]
fn the_guard_shows_the_transfer_and_refuses_what_it_must() {
    let ps = [seeded_policy()];
    let a = approval("Pending", OP, json!([]));
    let p = payout("PendingPolicyApproval", ADDR);
    let asked = Asked::Payout(&p.id);
    let e = check_decision(asked, &a, &p, &ps, &sa(OP2), &DecisionValue::Approved, None).unwrap();
    assert_eq!(e.transfer.deposit_address, ADDR);
    assert_eq!(e.transfer.human_amount, "48,000.00");
    assert!(e.transfer.arms("5678"));
    assert_eq!(
        e.reasons,
        vec!["Transfer amount (USD 48,000.00) is above limit (USD 5,000.00)."]
    );
    assert_eq!(quorum_summary(&e.progress), "0/1");

    let refused = |a: &Approval, p: &Payout, me: &Me<'_>, v: DecisionValue| {
        check_decision(Asked::Approval(&a.id), a, p, &ps, me, &v, None)
            .unwrap_err()
            .to_string()
    };
    // The initiator: deny yes, approve no (with the reason).
    assert!(
        check_decision(
            Asked::Approval(&a.id),
            &a,
            &p,
            &ps,
            &sa(OP),
            &DecisionValue::Denied,
            None
        )
        .is_ok()
    );
    let why = refused(&a, &p, &sa(OP), DecisionValue::Approved);
    assert!(
        why.contains("initiatorCanApprove") && why.ends_with("nothing was sent"),
        "{why}"
    );
    // Another approval id than asked.
    let e = check_decision(
        Asked::Approval("ap-other-00000-0000000000000000"),
        &a,
        &p,
        &ps,
        &sa(OP2),
        &DecisionValue::Approved,
        None,
    );
    assert!(matches!(e, Err(DecisionRefusal::Wrong { .. })));
    // A payout no longer held.
    let moved = payout("DepositProcessing", ADDR);
    assert!(refused(&a, &moved, &sa(OP2), DecisionValue::Approved).contains("not held"));
    // A hidden character in the deposit address, or another destination than the transfer's.
    let hidden = payout(
        "PendingPolicyApproval",
        "0x1234567890abcdef1234567890abcdef1234\u{202e}5678",
    );
    assert!(
        refused(&a, &hidden, &sa(OP2), DecisionValue::Approved).contains("not safe to send to")
    );
    let other = payout(
        "PendingPolicyApproval",
        "0x9999567890abcdef1234567890abcdef12345678",
    );
    assert!(refused(&a, &other, &sa(OP2), DecisionValue::Approved).contains("destination"));
    // The transfer changed between the prompt and the send.
    let shown = check_decision(
        Asked::Approval(&a.id),
        &a,
        &p,
        &ps,
        &sa(OP2),
        &DecisionValue::Approved,
        None,
    )
    .unwrap();
    let mut bigger = p.clone();
    bigger.asset.amount = "48000000001".into();
    let mut a2 = a.clone();
    if let crate::dfns::model::Activity::WalletsSign(w) = &mut a2.activity {
        w.transfer_request.as_mut().unwrap().request_body.amount = Some("48000000001".into());
    }
    let e = check_decision(
        Asked::Approval(&a.id),
        &a2,
        &bigger,
        &ps,
        &sa(OP2),
        &DecisionValue::Approved,
        Some(&shown),
    );
    assert_eq!(e, Err(DecisionRefusal::Changed("transfer")));
}

/// The dashboard knows both ids: an answer about another approval, or about another payout,
/// refuses — whichever of the two a proxy swapped.
#[test]
fn asked_for_both_the_answers_must_be_about_both() {
    let ps = [seeded_policy()];
    let a = approval("Pending", OP, json!([]));
    let p = payout("PendingPolicyApproval", ADDR);
    let both = |approval, payout| Asked::Both { approval, payout };
    let check =
        |asked| check_decision(asked, &a, &p, &ps, &sa(OP2), &DecisionValue::Approved, None);
    assert!(check(both(&a.id, &p.id)).is_ok());
    let Err(DecisionRefusal::Wrong { what, .. }) =
        check(both("ap-other-00000-0000000000000000", &p.id))
    else {
        panic!("another approval accepted")
    };
    assert_eq!(what, "approval");
    let Err(DecisionRefusal::Wrong { what, .. }) =
        check(both(&a.id, "pyt-other-00000-000000000000000"))
    else {
        panic!("another payout accepted")
    };
    assert_eq!(what, "payout");
    assert_eq!(both(&a.id, &p.id).id(), a.id);
}

fn group_strategy() -> impl Strategy<Value = Value> {
    (
        0u32..3,
        prop::option::of(prop::collection::vec(0usize..4, 0..4)),
        any::<bool>(),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(quorum, members, ica, sca)| {
            let users = [OP, OP2, VIEWER, "us-other-00000-0000000000000004"];
            let approvers = match members {
                None => json!({}),
                Some(m) => {
                    json!({"userId": {"in": m.iter().map(|&i| users[i]).collect::<Vec<_>>()}})
                }
            };
            let mut g =
                json!({"quorum": quorum, "approvers": approvers, "initiatorCanApprove": ica});
            if let Some(s) = sca {
                g["serviceAccountsCanApprove"] = json!(s);
            }
            g
        })
}

proptest! {
    /// Approving is offered only to a member of a triggered group who has not decided, whose
    /// approval counts somewhere; denying to any such member; nothing once settled.
    #[test]
    fn the_stance_follows_the_reference_rule(
        groups in prop::collection::vec(group_strategy(), 1..3),
        me in 0usize..4,
        initiator in 0usize..4,
        service_account in any::<bool>(),
        decided in prop::option::of(any::<bool>()),
        pending in any::<bool>(),
    ) {
        let users = [OP, OP2, VIEWER, "us-other-00000-0000000000000004"];
        let p = policy(Value::Array(groups));
        let decisions = match decided {
            None => json!([]),
            Some(v) => json!([{"userId": users[me], "date": null, "reason": null,
                               "value": if v { "Approved" } else { "Denied" }}]),
        };
        let a = approval(if pending { "Pending" } else { "Denied" }, users[initiator], decisions);
        let who = Me { user_id: users[me], service_account };
        let s = my_stance(&a, std::slice::from_ref(&p), &who);
        let mine: Vec<&ApprovalGroup> = p.approval_groups().iter().filter(|g| is_member(g, users[me])).collect();
        let may_decide = pending && decided.is_none() && !mine.is_empty();
        prop_assert_eq!(s.can_decide(), may_decide);
        let counts_somewhere = mine.iter().any(|g| {
            (me != initiator || g.initiator_can_approve())
                && (!service_account || g.service_accounts_can_approve == Some(true))
        });
        prop_assert_eq!(s == Stance::CanApprove, may_decide && counts_somewhere);
        prop_assert_eq!(s.allows(&DecisionValue::Denied).is_ok(), may_decide);
    }
}
