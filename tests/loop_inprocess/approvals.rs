//! Policy approvals through the real loop: `operator2` filters to `operator`'s held payout
//! and approves it (the approval is Approved on the server, the payout moves on);
//! `operator` is refused approving their own with the reason, and denies it (the payout
//! ends Rejected). One signed decision each, audited before and after.

use payouts_tui::dfns::client::Client;
use payouts_tui::dfns::model::{Approval, ListPayoutsQuery, Payout};

use super::*;

/// `operator`'s seeded held payout (approval pending).
const HELD: &str = "treasury-eth-1102";
const DECISIONS: &str = "POST /v2/policy-approvals/{id}/decisions";

async fn held_payout(client: &Client) -> Payout {
    client
        .list_all_payouts(&ListPayoutsQuery::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .items
        .into_iter()
        .find(|p| p.external_id.as_deref() == Some(HELD))
        .unwrap_or_else(|| panic!("the seed holds {HELD}"))
}

/// The approval holding `p`'s transfer, as the server has it now.
async fn approval_of(client: &Client, p: &Payout) -> Approval {
    let transfer = p.data.transfer_id.as_deref().unwrap_or_default();
    let t = client
        .get_transfer(&p.wallet_id, transfer)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    client
        .get_approval(t.approval_id.as_deref().unwrap_or_default())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Filters the board to the held payout and waits until its approval is in the detail pane.
async fn filter_to_held(d: &mut Dash, id: &str) {
    d.key('/');
    d.typed(HELD);
    d.enter();
    d.wait_until("the held payout selected with its approval", |s| {
        board::selected_id(s).as_deref() == Some(id) && s.contains("approval       Pending")
    })
    .await;
}

fn audited(d: &Dash, action: &str) -> Vec<String> {
    d.audit_lines()
        .iter()
        .filter(|l| l["action"] == action)
        .map(|l| {
            format!(
                "{} {} {}",
                l["phase"].as_str().unwrap_or(""),
                l["payoutId"].as_str().unwrap_or(""),
                l["httpStatus"]
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operator2_approves_operators_held_payout_through_the_real_loop() {
    let emu = common::emulator().await;
    let op = common::client(&emu, "operator");
    let p = held_payout(&op).await;
    assert_eq!(p.execution_status().as_str(), "PendingPolicyApproval");
    let mut d = Dash::start(&emu, "operator2", 120, 40).await;
    d.wait_for("Awaiting my approval").await;
    filter_to_held(&mut d, &p.id).await;
    d.wait_for("may approve or deny").await;
    d.key('a');
    let screen = d.wait_for("type the last 4 characters").await;
    assert!(screen.contains("Approve · sends money"), "{screen}");
    assert!(screen.contains("is above limit"), "{screen}");
    let code = board::last4(p.data.deposit_address.as_deref().unwrap_or_default());
    d.typed(&code);
    d.wait_for("ARMED").await;
    d.enter();
    d.wait_for("approved ✓").await;
    assert_eq!(served(&emu, DECISIONS).await, 1);
    let a = approval_of(&op, &p).await;
    assert_eq!(a.status.as_str(), "Approved");
    let after = op.get_payout(&p.id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(after.execution_status().as_str(), "PendingPolicyApproval");
    let id = &p.id;
    assert_eq!(
        audited(&d, "approve"),
        [format!("attempt {id} null"), format!("outcome {id} 200")]
    );
    // The board follows: no longer awaiting my approval.
    d.key(' ');
    d.wait_until("the payout moved on", |s| {
        board::row_of(s, id).is_some_and(|r| r.group.as_deref() != Some("Awaiting my approval"))
    })
    .await;
    d.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operator_may_only_deny_their_own_and_the_payout_ends_rejected() {
    let emu = common::emulator().await;
    let op = common::client(&emu, "operator");
    let p = held_payout(&op).await;
    let mut d = Dash::start(&emu, "operator", 120, 40).await;
    filter_to_held(&mut d, &p.id).await;
    d.wait_for("may only deny").await;
    d.key('a');
    let screen = d.wait_for("cannot approve").await;
    assert!(screen.contains("you initiated this transfer"), "{screen}");
    assert_eq!(served(&emu, DECISIONS).await, 0);
    d.key('d');
    d.wait_for("reason (optional").await;
    d.typed("created by mistake");
    d.enter();
    d.wait_for("Press y to deny it").await;
    d.key('y');
    d.wait_for("denied ✓").await;
    assert_eq!(served(&emu, DECISIONS).await, 1);
    let a = approval_of(&op, &p).await;
    assert_eq!(a.status.as_str(), "Denied");
    assert_eq!(
        a.decisions.first().and_then(|x| x.reason.as_deref()),
        Some("created by mistake")
    );
    let after = op.get_payout(&p.id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after.status.as_str(), "Rejected");
    let id = &p.id;
    assert_eq!(
        audited(&d, "deny"),
        [format!("attempt {id} null"), format!("outcome {id} 200")]
    );
    assert!(
        audited(&d, "approve").is_empty(),
        "a refused approve is not audited"
    );
    d.quit().await;
}
