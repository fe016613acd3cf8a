//! Approvals, policies and transfers: the composed reference example round-trips exactly,
//! the older shape is read, unknown kinds and values are kept verbatim.

use serde_json::{Value, json};

use super::*;

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn the_reference_approval_round_trips_exactly() {
    let v = fixture(include_str!(
        "../../../tests/fixtures/approval_pending.json"
    ));
    let a: Approval = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(serde_json::to_value(&a).unwrap(), v);
    assert_eq!(a.status, ApprovalStatus::Pending);
    assert_eq!(a.activity.kind(), WALLETS_SIGN);
    let t = a.transfer_request().unwrap();
    assert_eq!(t.id, "xfr-20g4k-nsdpo-mg6arrifgvid4orn");
    assert_eq!(t.request_body.kind, AssetKind::Erc20);
    assert_eq!(t.request_body.amount.as_deref(), Some("1000000000"));
    assert_eq!(t.decimals(), Some(6));
    assert_eq!(t.symbol(), Some("USDC"));
    assert_eq!(t.approval_id.as_deref(), Some(a.id.as_str()));
    assert_eq!(
        a.triggered_policy_ids(),
        vec!["plc-1s9k4-b2q5o-8m1f0e6a7c3d9b2e"]
    );
    assert!(a.decision_of("us-6b58p-r53sr-rlrd3l5cj3uc4ome").is_none());
}

#[test]
fn the_older_shape_is_read_and_written_back_in_the_sdk_shape() {
    let v = fixture(include_str!("../../../tests/fixtures/approval_legacy.json"));
    let a: Approval = serde_json::from_value(v).unwrap();
    assert_eq!(a.policy_evaluations.len(), 2);
    assert!(a.policy_evaluations[0].triggered);
    assert!(!a.policy_evaluations[1].triggered);
    assert_eq!(a.triggered_policy_ids(), vec!["plc-a"]);
    let d = &a.decisions[0];
    assert_eq!(d.value, DecisionValue::Approved);
    assert_eq!(
        d.date.as_ref().unwrap().as_str(),
        "2023-05-08T19:24:33.000Z"
    );
    assert_eq!(d.reason, None);
    // Another activity kind is kept verbatim, kind and all.
    assert_eq!(a.activity.kind(), "Policies:Modify");
    assert!(a.transfer_request().is_none());
    let out = serde_json::to_value(&a).unwrap();
    assert_eq!(out["activity"]["changeRequest"]["operationKind"], "Update");
    assert_eq!(out["policyEvaluations"][0]["triggered"], true);
    assert_eq!(out["decisions"][0]["date"], "2023-05-08T19:24:33.000Z");
    assert_eq!(out["decisions"][0]["reason"], Value::Null);
    assert!(out.get("evaluatedPolicies").is_none());
}

#[test]
fn unknown_statuses_kinds_and_fields_survive() {
    let v = json!({
        "id": "ap-1", "initiatorId": "us-1", "status": "AutoApproved",
        "activity": {"kind": "Wallets:Sign", "swapRequest": {"id": "sw-1"}},
        "policyEvaluations": [], "decisions": [], "dateUpdated": "2026-01-01T00:00:00.000Z",
        "somethingNew": {"a": 1}
    });
    let a: Approval = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(a.status, ApprovalStatus::Other("AutoApproved".into()));
    assert!(!a.status.is_final());
    assert!(a.transfer_request().is_none());
    assert_eq!(serde_json::to_value(&a).unwrap(), v);
    // An activity without a kind is not an approval this version can read.
    let bad = json!({"id": "ap-2", "initiatorId": "us-1", "status": "Pending", "activity": {}});
    assert!(serde_json::from_value::<Approval>(bad).is_err());
}

#[test]
fn the_reference_policy_round_trips_and_names_its_approvers() {
    let v = fixture(include_str!(
        "../../../tests/fixtures/policy_request_approval.json"
    ));
    let p: Policy = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(serde_json::to_value(&p).unwrap(), v);
    assert_eq!(p.rule.kind, PolicyRuleKind::TransactionAmountLimit);
    let g = &p.approval_groups()[0];
    assert_eq!(g.quorum, 2);
    assert!(!g.initiator_can_approve());
    assert_eq!(
        g.approvers.scope(),
        ApproverScope::Users(&["us-1".to_owned(), "us-2".to_owned(), "us-3".to_owned()])
    );
    assert_eq!(
        p.action.auto_reject_timeout.as_ref().unwrap().as_u64(),
        Some(60)
    );
}

#[test]
fn approver_scopes() {
    let any: Approvers = serde_json::from_value(json!({})).unwrap();
    assert_eq!(any.scope(), ApproverScope::Anyone);
    let odd: Approvers = serde_json::from_value(json!({"role": {"in": ["x"]}})).unwrap();
    assert_eq!(odd.scope(), ApproverScope::Unknown);
    // A group without `approvers` is unreadable, never "anyone".
    let g = serde_json::from_value::<ApprovalGroup>(json!({"quorum": 1}));
    assert!(g.is_err());
    // Block and NoAction policies have no groups to satisfy.
    let block: Policy = serde_json::from_value(json!({
        "id": "plc-b", "name": "no", "activityKind": "Wallets:Sign", "status": "Active",
        "rule": {"kind": "AlwaysTrigger"}, "action": {"kind": "Block"}
    }))
    .unwrap();
    assert!(block.approval_groups().is_empty());
}

#[test]
fn decision_bodies_and_list_queries() {
    let body = DecisionRequest {
        value: DecisionValue::Denied,
        reason: Some("wrong beneficiary".into()),
    };
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"value":"Denied","reason":"wrong beneficiary"}"#
    );
    let bare = DecisionRequest {
        value: DecisionValue::Approved,
        reason: None,
    };
    assert_eq!(
        serde_json::to_string(&bare).unwrap(),
        r#"{"value":"Approved"}"#
    );
    let q = ListApprovalsQuery {
        limit: Some(20),
        pagination_token: Some("t".into()),
        status: Some(ApprovalStatus::Pending),
        initiator_id: Some("us-1".into()),
        approver_id: Some("us-2".into()),
    };
    assert_eq!(
        q.to_pairs(),
        vec![
            ("limit", "20".to_owned()),
            ("paginationToken", "t".to_owned()),
            ("status", "Pending".to_owned()),
            ("initiatorId", "us-1".to_owned()),
            ("approverId", "us-2".to_owned()),
        ]
    );
}
