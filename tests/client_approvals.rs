//! Policy approvals through the API client against the emulator over real HTTP: the seed,
//! the listing filters, a Confirm that opens an approval, every decision rule, expiry, and
//! the payout driven by the outcome.

mod common;

use chrono::Duration;
use common::{client, create_body, emulator};
use payouts_tui::dfns::client::Client;
use payouts_tui::dfns::error::ApiError;
use payouts_tui::dfns::model::{
    Approval, ApprovalStatus, DecisionRequest, DecisionValue, ExecutionStatus, ListApprovalsQuery,
    ListPayoutsQuery, ListPoliciesQuery, Payout, PayoutAction, PayoutStatus, PayoutTransfer,
    PolicyRuleKind, TransferStatus,
};
use payouts_tui::emulator::Running;

fn status_of(e: &ApiError) -> u16 {
    e.status()
        .unwrap_or_else(|| panic!("expected an HTTP error, got {e}"))
}

fn decision(value: DecisionValue, reason: Option<&str>) -> DecisionRequest {
    DecisionRequest {
        value,
        reason: reason.map(str::to_owned),
    }
}

async fn all_payouts(c: &Client) -> Vec<Payout> {
    c.list_all_payouts(&ListPayoutsQuery::default())
        .await
        .unwrap()
        .items
}

/// The held payouts of `name`, with their approvals (found the exact way: the transfer).
async fn held_of(emu: &Running, name: &str) -> Vec<(Payout, Approval)> {
    let c = client(emu, "operator");
    let me = &emu.principal(name).unwrap().user_id;
    let mut out = Vec::new();
    for p in all_payouts(&c).await {
        if p.execution_status() != &ExecutionStatus::PendingPolicyApproval
            || p.requester_id() != Some(me.as_str())
        {
            continue;
        }
        let xfr = p
            .data
            .transfer_id
            .clone()
            .expect("held payouts carry data.transferId");
        let t = c.get_transfer(&p.wallet_id, &xfr).await.unwrap();
        let a = c
            .get_approval(t.approval_id.as_deref().unwrap())
            .await
            .unwrap();
        out.push((p, a));
    }
    out
}

#[tokio::test]
async fn the_seed_has_the_policy_and_a_pending_approval_per_held_payout() {
    let emu = emulator().await;
    let c = client(&emu, "viewer");
    let policies = c
        .list_all_policies(&ListPoliciesQuery::default())
        .await
        .unwrap()
        .items;
    assert_eq!(policies.len(), 1);
    let p = &policies[0];
    assert_eq!(p.activity_kind, "Wallets:Sign");
    assert_eq!(p.rule.kind, PolicyRuleKind::TransactionAmountLimit);
    assert_eq!(p.rule.configuration.as_ref().unwrap()["limit"], 5000);
    let g = &p.approval_groups()[0];
    assert_eq!(g.quorum, 1);
    assert!(!g.initiator_can_approve());
    let approvers = &g.approvers.user_id.as_ref().unwrap().values;
    for name in ["operator", "operator2"] {
        assert!(
            approvers.contains(&emu.principal(name).unwrap().user_id),
            "{name}"
        );
    }
    assert_eq!(approvers.len(), 2);
    let filtered = &p
        .filters
        .as_ref()
        .unwrap()
        .wallet_id
        .as_ref()
        .unwrap()
        .values;
    let policy_wallets: Vec<&String> = emu
        .wallets
        .iter()
        .filter(|w| w.tags.iter().any(|t| t.contains("policy")))
        .map(|w| &w.id)
        .collect();
    assert_eq!(filtered.iter().collect::<Vec<_>>(), policy_wallets);
    assert_eq!(c.get_policy(&p.id).await.unwrap(), *p);

    for name in ["operator", "operator2"] {
        let held = held_of(&emu, name).await;
        assert!(!held.is_empty(), "{name} has no held payout");
        for (payout, a) in held {
            assert_eq!(a.status, ApprovalStatus::Pending, "{}", payout.id);
            assert_eq!(a.initiator_id, payout.requester_id().unwrap());
            let t = a.transfer_request().unwrap();
            assert_eq!(Some(t.id.as_str()), payout.data.transfer_id.as_deref());
            assert_eq!(t.request_body.to, payout.data.deposit_address);
            assert_eq!(
                t.request_body.amount.as_deref(),
                Some(payout.asset.amount.as_str())
            );
            assert!(a.expiration_date.is_some());
            let e = &a.policy_evaluations[0];
            assert!(e.triggered && e.policy_id == p.id);
            assert!(
                e.reason.contains("is above limit (USD 5,000.00)."),
                "{}",
                e.reason
            );
        }
    }
    // Every status is seeded.
    for s in ApprovalStatus::KNOWN {
        let q = ListApprovalsQuery {
            status: Some(s.clone()),
            ..Default::default()
        };
        let items = c.list_all_approvals(&q).await.unwrap().items;
        assert!(!items.is_empty(), "no {s} approval seeded");
        assert!(items.iter().all(|a| &a.status == s));
    }
}

#[tokio::test]
async fn listing_filters_and_pages_in_both_spellings() {
    let emu = emulator().await;
    let c = client(&emu, "viewer");
    let all = c
        .list_all_approvals(&ListApprovalsQuery {
            limit: Some(2),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(all.malformed.is_empty());
    let mut ids: Vec<&str> = all.items.iter().map(|a| a.id.as_str()).collect();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n);
    assert_eq!(n, emu.state.world_now().0.book.count());

    let op = &emu.principal("operator").unwrap().user_id;
    let op2 = &emu.principal("operator2").unwrap().user_id;
    let by_op = c
        .list_all_approvals(&ListApprovalsQuery {
            initiator_id: Some(op.clone()),
            ..Default::default()
        })
        .await
        .unwrap()
        .items;
    assert!(!by_op.is_empty() && by_op.iter().all(|a| &a.initiator_id == op));
    // "Awaiting me": pending ones where operator2 is an approver and has not decided.
    let awaiting = c
        .list_all_approvals(&ListApprovalsQuery {
            status: Some(ApprovalStatus::Pending),
            approver_id: Some(op2.clone()),
            ..Default::default()
        })
        .await
        .unwrap()
        .items;
    assert!(awaiting.iter().any(|a| &a.initiator_id == op));
    assert!(awaiting.iter().all(|a| a.decision_of(op2).is_none()));

    // The Python SDK passes its TypedDict keys through: snake_case is accepted too.
    let viewer = emu.principal("viewer").unwrap();
    let raw = reqwest::Client::new()
        .get(format!(
            "{}/v2/policy-approvals?initiator_id={op}&status=Pending&limit=1",
            emu.url()
        ))
        .bearer_auth(viewer.token.expose())
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 200);
    let v: serde_json::Value = serde_json::from_slice(&raw.bytes().await.unwrap()).unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 1);
    assert_eq!(v["items"][0]["initiatorId"], op.as_str());
    let token = v["nextPageToken"].as_str().unwrap();
    let next = reqwest::Client::new()
        .get(format!(
            "{}/v2/policy-approvals?initiator_id={op}&status=Pending&limit=1&pagination_token={token}",
            emu.url()
        ))
        .bearer_auth(viewer.token.expose())
        .send()
        .await
        .unwrap();
    let w: serde_json::Value = serde_json::from_slice(&next.bytes().await.unwrap()).unwrap();
    assert_ne!(w["items"][0]["id"], v["items"][0]["id"]);

    let bad = c
        .list_approvals(&ListApprovalsQuery {
            status: Some(ApprovalStatus::Other("Maybe".into())),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(status_of(&bad), 400);
}

#[tokio::test]
async fn operator2_approves_and_the_transfer_goes_out() {
    let emu = emulator().await;
    let (payout, a) = held_of(&emu, "operator").await.remove(0);
    let op2 = client(&emu, "operator2");
    let done = op2
        .decide_approval(&a.id, &decision(DecisionValue::Approved, None))
        .await
        .unwrap();
    assert_eq!(done.status, ApprovalStatus::Approved);
    assert_eq!(done.decisions.len(), 1);
    assert_eq!(
        done.decisions[0].user_id,
        emu.principal("operator2").unwrap().user_id
    );
    assert!(done.date_resolved.is_some());
    assert_eq!(op2.get_approval(&a.id).await.unwrap(), done);

    let now = op2.get_payout(&payout.id).await.unwrap();
    assert_eq!(now.status, PayoutStatus::Processing);
    assert_eq!(now.execution_status(), &ExecutionStatus::DepositProcessing);
    assert!(now.data.transaction_hash.is_some());
    let t = op2
        .get_transfer(
            &payout.wallet_id,
            payout.data.transfer_id.as_deref().unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(t.status, TransferStatus::Broadcasted);
    assert_eq!(t.date_policy_resolved, done.date_resolved);
    assert_eq!(emu.state.world_now().0.stats.decisions, 1);

    // Settled: no second decision, by anyone.
    let again = client(&emu, "operator")
        .decide_approval(&a.id, &decision(DecisionValue::Denied, None))
        .await
        .unwrap_err();
    assert_eq!(status_of(&again), 400);
    assert!(again.to_string().contains("not pending"), "{again}");
}

#[tokio::test]
async fn the_initiator_may_deny_but_not_approve() {
    let emu = emulator().await;
    let (payout, a) = held_of(&emu, "operator").await.remove(0);
    let op = client(&emu, "operator");
    let e = op
        .decide_approval(&a.id, &decision(DecisionValue::Approved, None))
        .await
        .unwrap_err();
    assert_eq!(status_of(&e), 403);
    assert!(e.to_string().contains("initiator"), "{e}");
    assert_eq!(
        op.get_approval(&a.id).await.unwrap().status,
        ApprovalStatus::Pending
    );

    let done = op
        .decide_approval(
            &a.id,
            &decision(DecisionValue::Denied, Some("wrong beneficiary")),
        )
        .await
        .unwrap();
    assert_eq!(done.status, ApprovalStatus::Denied);
    assert_eq!(
        done.decisions[0].reason.as_deref(),
        Some("wrong beneficiary")
    );
    let now = op.get_payout(&payout.id).await.unwrap();
    assert_eq!(now.status, PayoutStatus::Rejected);
    assert_eq!(now.execution_status(), &ExecutionStatus::Rejected);
    let why = now.data.status_reason.clone().unwrap();
    assert!(
        why.contains("denied") && why.contains("wrong beneficiary"),
        "{why}"
    );
    assert!(now.date_finalized.is_some());
    let t = op
        .get_transfer(
            &payout.wallet_id,
            payout.data.transfer_id.as_deref().unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(t.status, TransferStatus::Rejected);
}

#[tokio::test]
async fn who_may_read_and_who_may_decide() {
    let emu = emulator().await;
    let (payout, a) = held_of(&emu, "operator").await.remove(0);
    let viewer = client(&emu, "viewer");
    assert_eq!(viewer.get_approval(&a.id).await.unwrap().id, a.id);
    let e = viewer
        .decide_approval(&a.id, &decision(DecisionValue::Approved, None))
        .await
        .unwrap_err();
    assert_eq!(status_of(&e), 403);
    assert!(e.to_string().contains("Policies:Approvals:Approve"), "{e}");
    let e = viewer
        .get_transfer(
            &payout.wallet_id,
            payout.data.transfer_id.as_deref().unwrap(),
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&e), 403);
    assert!(e.to_string().contains("Wallets:Transfers:Read"), "{e}");

    let op2 = client(&emu, "operator2");
    let e = op2
        .decide_approval(
            "ap-nosuc-happr-oval000000000000",
            &decision(DecisionValue::Approved, None),
        )
        .await
        .unwrap_err();
    assert_eq!(status_of(&e), 404);
    let e = op2.get_approval("not-an-id").await.unwrap_err();
    assert_eq!(status_of(&e), 400);
    let e = op2
        .get_transfer(&payout.wallet_id, "xfr-nosuc-htran-sfer000000000000")
        .await
        .unwrap_err();
    assert_eq!(status_of(&e), 404);

    // The decision is a signed route: without a user action it is refused, and nothing changes.
    let raw = reqwest::Client::new()
        .post(format!(
            "{}/v2/policy-approvals/{}/decisions",
            emu.url(),
            a.id
        ))
        .bearer_auth(emu.principal("operator2").unwrap().token.expose())
        .header("content-type", "application/json")
        .body(r#"{"value":"Approved"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 403);
    assert_eq!(
        op2.get_approval(&a.id).await.unwrap().status,
        ApprovalStatus::Pending
    );
}

/// Confirms `p` as `c` (it must await confirmation).
async fn confirm(c: &Client, p: &Payout) {
    let body = PayoutAction::Confirm {
        wallet_id: p.wallet_id.clone(),
        transfer: PayoutTransfer {
            kind: p.asset.kind.clone(),
            amount: p.asset.amount.clone(),
            contract: p.asset.contract.clone(),
            mint: p.asset.mint.clone(),
            to: p.data.deposit_address.clone().unwrap(),
        },
    };
    c.payout_action(&p.id, &body).await.unwrap();
}

#[tokio::test]
async fn a_confirm_above_the_limit_opens_an_approval_that_expires() {
    let emu = emulator().await;
    let op = client(&emu, "operator");
    // The Reserve Polygon wallet has the policy and holds the same USDC as the first wallet.
    let reserve = emu.wallets[5].id.clone();
    assert!(emu.wallets[5].tags.iter().any(|t| t.contains("policy")));
    let mut big = create_body(&emu, 6_000, None);
    big.wallet_id = reserve.clone();
    let mut small = create_body(&emu, 100, None);
    small.wallet_id = reserve;
    let big = op.create_payout(&big).await.unwrap();
    let small = op.create_payout(&small).await.unwrap();
    emu.advance(Duration::seconds(60));
    for p in [&big, &small] {
        confirm(&op, &op.get_payout(&p.id).await.unwrap()).await;
    }
    let held = op.get_payout(&big.id).await.unwrap();
    assert_eq!(
        held.execution_status(),
        &ExecutionStatus::PendingPolicyApproval
    );
    let t = op
        .get_transfer(&held.wallet_id, held.data.transfer_id.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!(t.status, TransferStatus::Pending);
    let a = op
        .get_approval(t.approval_id.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!(
        a.policy_evaluations[0].reason,
        "Transfer amount (USD 6,000.00) is above limit (USD 5,000.00)."
    );
    let created = a.date_created.as_ref().unwrap().instant().unwrap();
    let expires = a.expiration_date.as_ref().unwrap().instant().unwrap();
    assert_eq!(expires - created, Duration::minutes(180));

    // Below the limit: evaluated, not triggered, not held.
    let passed = op.get_payout(&small.id).await.unwrap();
    assert_ne!(
        passed.execution_status(),
        &ExecutionStatus::PendingPolicyApproval
    );
    let t = op
        .get_transfer(
            &passed.wallet_id,
            passed.data.transfer_id.as_deref().unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(t.approval_id, None);

    // Nobody decides: at its expiration date the approval expires and the payout is rejected.
    emu.advance(Duration::minutes(181));
    let a = op.get_approval(&a.id).await.unwrap();
    assert_eq!(a.status, ApprovalStatus::Expired);
    assert_eq!(a.date_resolved, a.expiration_date);
    let gone = op.get_payout(&big.id).await.unwrap();
    assert_eq!(gone.status, PayoutStatus::Rejected);
    assert!(gone.data.status_reason.unwrap().contains("expired"));
    let e = client(&emu, "operator2")
        .decide_approval(&a.id, &decision(DecisionValue::Approved, None))
        .await
        .unwrap_err();
    assert_eq!(status_of(&e), 400);
}
