//! `update` for policy approvals: the listing fills "Awaiting my approval" and rings for new
//! ones, and the approve (`a`) and deny (`d`) flows go through the guard and send once —
//! refused for an initiator approving, in read-only mode, on a swapped or changed answer
//! (`flows.rs`).

mod flows;

use serde_json::json;

use super::update;
use crate::app::action::Action;
use crate::app::board::Group;
use crate::app::board::fixture::{self, DEPOSIT, ME, OTHER, USDC_POLYGON, at};
use crate::app::effect::{AuditPhase, Effect};
use crate::app::msg::{ActionOutcome, ApprovalBatch, DecisionRead, Msg, PollBatch, TextKey};
use crate::app::state::{AppState, DecideStage, Dialog, Mode, Settings};
use crate::dfns::model::{Approval, DecisionValue, ExecutionStatus, Payout, Policy};

const NOW: &str = "2025-03-02T08:00:00.000Z";
pub(super) const POLICY: &str = "plc-aaaaa-bbbbb-cccccccccccccccc";

/// A payout of `requester` held by the policy, its transfer `xfr-<id>`.
pub(super) fn held(id: &str, requester: &str) -> Payout {
    let mut p = fixture::payout(id, ExecutionStatus::PendingPolicyApproval);
    p.data.transfer_id = Some(format!("xfr-{id}"));
    if let Some(r) = &mut p.requester {
        r.user_id = requester.into();
    }
    p
}

/// The Pending approval holding `held(id, initiator)`'s transfer, `ap-<id>`.
pub(super) fn approval(id: &str, initiator: &str, status: &str) -> Approval {
    serde_json::from_value(json!({
        "id": format!("ap-{id}"), "initiatorId": initiator, "status": status,
        "expirationDate": "2025-03-02T10:30:00.000Z",
        "dateCreated": "2025-03-02T07:30:00.000Z", "dateUpdated": "2025-03-02T07:30:00.000Z",
        "activity": {"kind": "Wallets:Sign", "transferRequest": {
            "id": format!("xfr-{id}"), "walletId": "wa-5pfuu-9euek-h0odgb6snva8ph3k",
            "network": "Polygon", "requester": {"userId": initiator},
            "requestBody": {"kind": "Erc20", "contract": USDC_POLYGON, "to": DEPOSIT,
                            "amount": "1000000000"},
            "status": "Pending", "approvalId": format!("ap-{id}")}},
        "policyEvaluations": [{"policyId": POLICY, "triggered": true,
            "reason": "Transfer amount (USD 1,000.00) is above limit (USD 500.00)."}],
        "decisions": []
    }))
    .unwrap()
}

pub(super) fn policy() -> Policy {
    serde_json::from_value(json!({
        "id": POLICY, "name": "Large transfers", "activityKind": "Wallets:Sign",
        "status": "Active",
        "rule": {"kind": "TransactionAmountLimit", "configuration": {"limit": 500, "currency": "USD"}},
        "action": {"kind": "RequestApproval", "autoRejectTimeout": 180, "approvalGroups": [
            {"name": "Operators", "quorum": 1, "approvers": {"userId": {"in": [ME, OTHER]}},
             "initiatorCanApprove": false}]}
    }))
    .unwrap()
}

pub(super) fn listing(generation: u64, approvals: Vec<Approval>) -> Msg {
    Msg::ApprovalsPolled(ApprovalBatch {
        generation,
        approvals,
        policies: vec![policy()],
        unavailable: None,
    })
}

/// Held payouts: theirs (h1, I may approve) and mine (h2, deny only), both listed.
pub(super) fn state_with(settings: Settings) -> AppState {
    let mut s = AppState::new(settings, Some(ME.into()), at(NOW));
    update(
        &mut s,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    let payouts = vec![
        fixture::awaiting("pyt-a1"),
        held("pyt-h1", OTHER),
        held("pyt-h2", ME),
    ];
    update(
        &mut s,
        Msg::Polled(PollBatch {
            generation: 1,
            payouts,
            malformed: 0,
            cycle_done: true,
            initial_load_done: true,
            held: Default::default(),
        }),
    );
    let first = vec![
        approval("pyt-h1", OTHER, "Pending"),
        approval("pyt-h2", ME, "Pending"),
    ];
    assert!(
        update(&mut s, listing(2, first)).is_empty(),
        "no alert at start"
    );
    s
}

pub(super) fn state() -> AppState {
    state_with(Settings::default())
}

pub(super) fn select(s: &mut AppState, id: &str) {
    s.selected = s.payouts.position(id);
}

pub(super) fn text(s: &mut AppState, t: &str) -> Vec<Effect> {
    t.chars()
        .flat_map(|c| update(s, Msg::Text(TextKey::Char(c))))
        .collect()
}

pub(super) fn read(generation: u64, a: Approval, p: Payout) -> Msg {
    Msg::DecisionReverified {
        op: 0,
        result: Ok(Box::new(DecisionRead {
            generation,
            approval: a,
            payout: p,
            policies: vec![],
        })),
    }
}

pub(super) fn with_op(msg: Msg, op: u64) -> Msg {
    match msg {
        Msg::DecisionReverified { result, .. } => Msg::DecisionReverified { op, result },
        other => other,
    }
}

pub(super) fn stage(s: &AppState) -> DecideStage {
    match &s.mode {
        Mode::Dialog(Dialog::Approve { stage, .. } | Dialog::Deny { stage, .. }) => stage.clone(),
        other => panic!("no decision dialog: {other:?}"),
    }
}

#[test]
fn held_payouts_i_can_decide_are_grouped_and_a_new_one_rings() {
    let mut s = state_with(Settings {
        bell: true,
        notify: true,
        ..Settings::default()
    });
    assert_eq!(s.board.count(Group::AwaitingMyApproval), 2);
    assert_eq!(s.board.count(Group::PendingPolicy), 0);
    // A new held payout of someone else's, then its approval: one alert, once.
    update(
        &mut s,
        Msg::Polled(PollBatch {
            generation: 3,
            payouts: vec![held("pyt-h3", OTHER)],
            malformed: 0,
            cycle_done: true,
            initial_load_done: false,
            held: Default::default(),
        }),
    );
    assert_eq!(s.board.count(Group::PendingPolicy), 1);
    let all = vec![
        approval("pyt-h1", OTHER, "Pending"),
        approval("pyt-h2", ME, "Pending"),
        approval("pyt-h3", OTHER, "Pending"),
    ];
    let fx = update(&mut s, listing(4, all.clone()));
    assert!(
        matches!(fx.as_slice(), [Effect::Bell, Effect::Notify(t)] if t.contains("ap-pyt-h3 awaits you")),
        "{fx:?}"
    );
    assert_eq!(s.board.count(Group::AwaitingMyApproval), 3);
    assert!(update(&mut s, listing(5, all)).is_empty(), "rings once");
    // Decided elsewhere: it leaves my group.
    let fx = update(
        &mut s,
        Msg::ApprovalRead {
            transfer_id: "xfr-pyt-h3".into(),
            generation: 6,
            result: Ok(Box::new(approval("pyt-h3", OTHER, "Denied"))),
        },
    );
    assert!(fx.is_empty());
    assert_eq!(s.board.count(Group::AwaitingMyApproval), 2);
    // An older read never overwrites a newer one.
    update(
        &mut s,
        listing(5, vec![approval("pyt-h3", OTHER, "Pending")]),
    );
    assert_eq!(s.board.count(Group::AwaitingMyApproval), 2);
}

#[test]
fn an_approval_expiring_within_the_hour_rings_once() {
    let mut s = state_with(Settings {
        bell: true,
        notify: false,
        ..Settings::default()
    });
    assert!(update(&mut s, Msg::Tick(at("2025-03-02T09:00:00Z"))).is_empty());
    let fx = update(&mut s, Msg::Tick(at("2025-03-02T09:31:00Z")));
    assert_eq!(fx, vec![Effect::Bell, Effect::Bell], "both of my group");
    assert!(update(&mut s, Msg::Tick(at("2025-03-02T09:32:00Z"))).is_empty());
}

#[test]
fn selecting_a_held_payout_re_reads_its_approval_once_at_a_time() {
    let mut s = state();
    select(&mut s, "pyt-a1");
    let fx = update(&mut s, Msg::Input(Action::Down));
    assert_eq!(
        s.selected_payout().map(|p| p.id.clone()).as_deref(),
        Some("pyt-h1")
    );
    // Just listed: fresh enough.
    assert!(fx.is_empty(), "{fx:?}");
    update(&mut s, Msg::Tick(at("2025-03-02T08:00:05Z")));
    update(&mut s, Msg::Input(Action::Up));
    let fx = update(&mut s, Msg::Input(Action::Down));
    assert!(
        matches!(fx.as_slice(), [Effect::ReadApproval { transfer_id, approval_id: Some(a), .. }]
            if transfer_id == "xfr-pyt-h1" && a == "ap-pyt-h1"),
        "{fx:?}"
    );
    update(&mut s, Msg::Input(Action::Up));
    assert!(
        update(&mut s, Msg::Input(Action::Down)).is_empty(),
        "in flight"
    );
}

#[test]
fn closing_the_filter_on_a_held_payout_re_reads_its_approval() {
    let mut s = state();
    update(&mut s, Msg::Tick(at("2025-03-02T08:00:05Z")));
    update(&mut s, Msg::Input(Action::Filter));
    assert!(text(&mut s, "pyt-h1").is_empty(), "nothing while typing");
    let fx = update(&mut s, Msg::Text(TextKey::Enter));
    assert_eq!(
        s.selected_payout().map(|p| p.id.clone()).as_deref(),
        Some("pyt-h1")
    );
    assert!(
        matches!(fx.as_slice(), [Effect::ReadApproval { transfer_id, .. }] if transfer_id == "xfr-pyt-h1"),
        "{fx:?}"
    );
}
