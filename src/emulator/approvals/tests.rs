//! The decision rules by example (every refusal of docs/reference/policy-approvals.md §3)
//! and by property.

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use serde_json::{Value, json};

use super::rules::{self, Caller, Refusal};
use crate::dfns::model::{Approval, ApprovalStatus, DecisionValue, Policy};

const A: &str = "us-aaaaa-aaaaa-aaaaaaaaaaaaaaaa";
const B: &str = "us-bbbbb-bbbbb-bbbbbbbbbbbbbbbb";
const C: &str = "us-ccccc-ccccc-cccccccccccccccc";
const USERS: [&str; 4] = [A, B, C, "us-ddddd-ddddd-dddddddddddddddd"];

fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

fn policy(id: &str, groups: Value) -> Policy {
    serde_json::from_value(json!({
        "id": id, "name": id, "activityKind": "Wallets:Sign", "status": "Active",
        "rule": {"kind": "AlwaysTrigger"},
        "action": {"kind": "RequestApproval", "approvalGroups": groups}
    }))
    .unwrap()
}

fn approval(initiator: &str, policy_ids: &[&str]) -> Approval {
    let evaluations: Vec<Value> = policy_ids
        .iter()
        .map(|id| json!({"policyId": id, "triggered": true, "reason": "Policy always triggers."}))
        .collect();
    serde_json::from_value(json!({
        "id": "ap-aaaaa-bbbbb-cccccccccccccccc", "initiatorId": initiator, "status": "Pending",
        "activity": {"kind": "Wallets:Sign"},
        "expirationDate": "2027-01-15T11:00:00.000Z",
        "policyEvaluations": evaluations, "decisions": []
    }))
    .unwrap()
}

fn person(user_id: &str) -> Caller<'_> {
    Caller {
        user_id,
        service_account: false,
    }
}

fn decide(
    a: &mut Approval,
    ps: &[Policy],
    who: Caller<'_>,
    v: DecisionValue,
) -> Result<(), Refusal> {
    let groups = rules::groups_of(a, ps);
    rules::decide(a, &groups, who, v, None, t0(), &|_| false)
}

#[test]
fn quorum_one_initiator_denies_the_other_approves() {
    let ps = [policy(
        "plc-1",
        json!([{"quorum": 1, "approvers": {"userId": {"in": [A, B]}}}]),
    )];
    let mut a = approval(A, &["plc-1"]);
    assert_eq!(
        decide(&mut a, &ps, person(A), DecisionValue::Approved),
        Err(Refusal::InitiatorCannotApprove)
    );
    assert_eq!(Refusal::InitiatorCannotApprove.status(), 403);
    assert_eq!(
        decide(&mut a, &ps, person(C), DecisionValue::Denied),
        Err(Refusal::NotAnApprover)
    );
    assert!(a.decisions.is_empty());
    decide(&mut a, &ps, person(B), DecisionValue::Approved).unwrap();
    assert_eq!(a.status, ApprovalStatus::Approved);
    assert!(a.date_resolved.is_some());
    assert_eq!(
        decide(&mut a, &ps, person(A), DecisionValue::Denied),
        Err(Refusal::NotPending(ApprovalStatus::Approved))
    );

    let mut a = approval(A, &["plc-1"]);
    decide(&mut a, &ps, person(A), DecisionValue::Denied).unwrap();
    assert_eq!(a.status, ApprovalStatus::Denied);
}

#[test]
fn every_group_of_every_policy_needs_its_quorum_and_users_decide_once() {
    let ps = [
        policy(
            "plc-1",
            json!([
                {"quorum": 2, "approvers": {"userId": {"in": [A, B, C]}}, "initiatorCanApprove": true},
                {"quorum": 1, "approvers": {}}
            ]),
        ),
        policy(
            "plc-2",
            json!([{"quorum": 1, "approvers": {"userId": {"in": [C]}}}]),
        ),
    ];
    let mut a = approval(A, &["plc-1", "plc-2"]);
    decide(&mut a, &ps, person(B), DecisionValue::Approved).unwrap();
    assert_eq!(a.status, ApprovalStatus::Pending);
    assert_eq!(
        decide(&mut a, &ps, person(B), DecisionValue::Approved),
        Err(Refusal::AlreadyDecided(DecisionValue::Approved))
    );
    assert_eq!(
        Refusal::AlreadyDecided(DecisionValue::Approved).status(),
        409
    );
    // The initiator's approval counts where initiatorCanApprove is set.
    decide(&mut a, &ps, person(A), DecisionValue::Approved).unwrap();
    assert_eq!(a.status, ApprovalStatus::Pending, "plc-2 still needs C");
    decide(&mut a, &ps, person(C), DecisionValue::Approved).unwrap();
    assert_eq!(a.status, ApprovalStatus::Approved);
}

#[test]
fn service_accounts_approve_only_where_allowed_and_expiry() {
    let ps = [policy("plc-1", json!([{"quorum": 1, "approvers": {}}]))];
    let mut a = approval(A, &["plc-1"]);
    let robot = Caller {
        user_id: B,
        service_account: true,
    };
    let groups = rules::groups_of(&a, &ps);
    assert_eq!(
        rules::decide(
            &mut a,
            &groups,
            robot,
            DecisionValue::Approved,
            None,
            t0(),
            &|_| true
        ),
        Err(Refusal::ServiceAccountCannotApprove)
    );
    assert!(rules::potential_approver(&a, &groups, B));
    // Expiry: not before its date, then Expired, then nothing more.
    assert!(!rules::expire_if_due(&mut a, t0()));
    let due = a
        .expiration_date
        .as_ref()
        .and_then(|d| d.instant())
        .unwrap();
    assert!(rules::expire_if_due(&mut a, due + Duration::seconds(1)));
    assert_eq!(a.status, ApprovalStatus::Expired);
    assert_eq!(a.date_resolved, a.expiration_date);
    assert!(!rules::potential_approver(&a, &groups, C) || a.status == ApprovalStatus::Expired);
}

fn groups_strategy() -> impl Strategy<Value = Vec<Value>> {
    let group = (
        0u32..3,
        prop::option::of(prop::collection::vec(0usize..4, 0..4)),
        any::<bool>(),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(quorum, members, ica, sca)| {
            let approvers = match members {
                None => json!({}),
                Some(m) => {
                    json!({"userId": {"in": m.iter().map(|&i| USERS[i]).collect::<Vec<_>>()}})
                }
            };
            json!({"quorum": quorum, "approvers": approvers, "initiatorCanApprove": ica,
                   "serviceAccountsCanApprove": sca})
        });
    prop::collection::vec(group, 1..3)
}

proptest! {
    /// Whatever is attempted, in any order: refusals change nothing; a user decides at most
    /// once and only as a member; the initiator's approval only through a group that allows
    /// it; a denial settles at once; the approval is Approved exactly when every quorum is
    /// met; a settled approval never changes again.
    #[test]
    fn decisions_keep_every_rule(
        g1 in groups_strategy(),
        g2 in prop::option::of(groups_strategy()),
        initiator in 0usize..4,
        robots in prop::collection::vec(any::<bool>(), 4),
        attempts in prop::collection::vec((0usize..4, any::<bool>()), 0..10),
    ) {
        let mut ps = vec![policy("plc-1", Value::Array(g1))];
        if let Some(g) = g2 {
            ps.push(policy("plc-2", Value::Array(g)));
        }
        let ids: Vec<&str> = ps.iter().map(|p| p.id.as_str()).collect();
        let mut a = approval(USERS[initiator], &ids);
        let is_robot = |u: &str| USERS.iter().position(|x| *x == u).is_some_and(|i| robots[i]);
        for (who, approve) in attempts {
            let caller = Caller { user_id: USERS[who], service_account: robots[who] };
            let value = if approve { DecisionValue::Approved } else { DecisionValue::Denied };
            let before = a.clone();
            let groups = rules::groups_of(&a, &ps);
            let r = rules::decide(&mut a, &groups, caller, value.clone(), None, t0(), &is_robot);
            match r {
                Err(refusal) => {
                    prop_assert_eq!(&a, &before);
                    if before.status != ApprovalStatus::Pending {
                        prop_assert_eq!(refusal, Refusal::NotPending(before.status.clone()));
                    }
                }
                Ok(()) => {
                    prop_assert_eq!(before.status.clone(), ApprovalStatus::Pending);
                    prop_assert!(before.decision_of(USERS[who]).is_none());
                    let all: Vec<_> = groups.iter().flatten().flat_map(|g| g.iter()).collect();
                    prop_assert!(all.iter().any(|g| rules::is_member(g, USERS[who])));
                    if approve {
                        prop_assert!(all.iter().any(|g| rules::approval_counts(g, USERS[initiator], caller)));
                    }
                    prop_assert_eq!(a.decisions.len(), before.decisions.len() + 1);
                    let expected = if !approve {
                        ApprovalStatus::Denied
                    } else if rules::quorum_met(&a, &groups, &is_robot) {
                        ApprovalStatus::Approved
                    } else {
                        ApprovalStatus::Pending
                    };
                    prop_assert_eq!(&a.status, &expected);
                    prop_assert_eq!(a.date_resolved.is_some(), expected != ApprovalStatus::Pending);
                }
            }
            let mut users: Vec<&str> = a.decisions.iter().map(|d| d.user_id.as_str()).collect();
            users.sort_unstable();
            users.dedup();
            prop_assert_eq!(users.len(), a.decisions.len());
        }
    }
}
