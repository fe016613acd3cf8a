//! Every transition and every refusal of the state machine.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::*;
use crate::dfns::model::{AssetKind, ExecutionStatus as E, PayoutStatus as S, PayoutTransfer};

const ME: &str = "us-aaaaa-aaaaa-aaaaaaaaaaaaaaaa";
const OTHER: &str = "us-bbbbb-bbbbb-bbbbbbbbbbbbbbbb";

fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

fn plan() -> Plan {
    Plan {
        to_instructions: Duration::seconds(5),
        to_address: Duration::seconds(10),
        provider_failure: None,
        borderless_payout_id: "0b7c4e2a-1f3d-4a5b-a6c7-d8e9f0a1b2c3".into(),
        deposit_address: "0x1234567890abcdef1234567890abcdef12345678".into(),
        to_submitted: Duration::seconds(5),
        policy_rejection: None,
        transfer_id: "xfr-aaaaa-bbbbb-cccccccccccccccc".into(),
        tx_hash: format!("0x{}", "ab".repeat(32)),
        submit_failure: None,
        to_deposit_confirmed: Duration::seconds(30),
        deposit_failure: None,
        to_disbursed: Duration::seconds(60),
    }
}

fn tracked(plan: Plan) -> Tracked {
    let payout = serde_json::from_value(json!({
        "id": "pyt-aaaaa-bbbbb-cccccccccccccccc",
        "walletId": "wa-aaaaa-bbbbb-cccccccccccccccc",
        "fiatCurrency": "USD",
        "asset": {"kind": "Erc20", "amount": "25000000",
                  "contract": "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359", "network": "Polygon",
                  "metadata": {"symbol": "USDC", "decimals": 6, "verified": true}},
        "status": "Processing",
        "requester": {"userId": ME},
        "dateCreated": "2027-01-15T08:00:00.000Z",
        "provider": "Borderless",
        "data": {"borderlessAccountId": "acct", "paymentInstructionsId": "pi",
                 "paymentPurpose": "salary payment", "country": "US",
                 "executionStatus": "Initializing"}
    }))
    .unwrap();
    Tracked {
        payout,
        plan,
        since: t0(),
    }
}

fn transfer(t: &Tracked) -> PayoutTransfer {
    PayoutTransfer {
        kind: t.payout.asset.kind.clone(),
        amount: t.payout.asset.amount.clone(),
        contract: t.payout.asset.contract.clone(),
        mint: t.payout.asset.mint.clone(),
        to: t.plan.deposit_address.clone(),
    }
}

fn awaiting(plan: Plan) -> Tracked {
    let mut t = tracked(plan);
    t.advance(t0() + Duration::seconds(15));
    assert_eq!(t.payout.execution_status(), &E::AwaitingPayoutConfirmation);
    t
}

#[test]
fn happy_path_sets_every_date_at_its_instant() {
    let mut t = tracked(plan());
    assert!(t.advance(t0() + Duration::seconds(4)).is_empty());
    assert_eq!(
        t.advance(t0() + Duration::seconds(5)),
        vec![Event::InstructionsRequested]
    );
    assert!(t.payout.data.borderless_payout_id.is_some());
    assert!(t.payout.data.deposit_address.is_none());
    assert_eq!(
        t.advance(t0() + Duration::seconds(15)),
        vec![Event::AddressReady]
    );
    assert_eq!(
        t.payout.data.deposit_address.as_deref(),
        Some("0x1234567890abcdef1234567890abcdef12345678")
    );

    let at = t0() + Duration::seconds(100);
    let tr = transfer(&t);
    confirm(&mut t, ME, "wa-aaaaa-bbbbb-cccccccccccccccc", &tr, at).unwrap();
    assert_eq!(t.payout.execution_status(), &E::SubmittingPayoutTransfer);
    assert_eq!(
        t.payout.data.date_confirmed.as_ref().unwrap().instant(),
        Some(at)
    );
    assert_eq!(
        t.payout.data.transfer_id.as_deref(),
        Some("xfr-aaaaa-bbbbb-cccccccccccccccc")
    );

    let events = t.advance(at + Duration::hours(1));
    assert_eq!(
        events,
        vec![
            Event::TransferSubmitted,
            Event::DepositConfirmed,
            Event::Disbursed
        ]
    );
    assert_eq!(t.payout.status, S::Completed);
    assert_eq!(t.payout.execution_status(), &E::Completed);
    assert!(t.payout.data.transaction_hash.is_some());
    assert_eq!(
        t.payout
            .data
            .date_deposit_confirmed
            .as_ref()
            .unwrap()
            .instant(),
        Some(at + Duration::seconds(35))
    );
    assert_eq!(
        t.payout.date_finalized.as_ref().unwrap().instant(),
        Some(at + Duration::seconds(95))
    );
    assert_eq!(t.payout.data.date_payout_confirmed, t.payout.date_finalized);
    assert!(t.is_finished());
    assert!(t.advance(at + Duration::days(9)).is_empty());
}

#[test]
fn expires_24h_after_creation_without_confirmation() {
    let mut t = awaiting(plan());
    let created = t.created_at();
    assert!(
        t.advance(created + Duration::hours(24) - Duration::seconds(1))
            .is_empty()
    );
    assert_eq!(
        t.advance(created + Duration::hours(24)),
        vec![Event::Expired]
    );
    assert_eq!(t.payout.status, S::Expired);
    assert_eq!(
        t.payout.data.status_reason.as_deref(),
        Some("payout not confirmed within 24 hours")
    );
    let tr = transfer(&t);
    let e = confirm(
        &mut t,
        ME,
        "wa-aaaaa-bbbbb-cccccccccccccccc",
        &tr,
        created + Duration::hours(25),
    )
    .unwrap_err();
    assert_eq!((e.status, e.message.as_str()), (400, "payout has expired"));
}

#[test]
fn expiry_applies_even_before_an_address_arrives() {
    let mut p = plan();
    p.to_address = Duration::hours(30);
    let mut t = tracked(p);
    assert_eq!(
        t.advance(t0() + Duration::days(2)),
        vec![Event::InstructionsRequested, Event::Expired]
    );
    assert_eq!(t.payout.status, S::Expired);
}

#[test]
fn a_held_transfer_expires_4h_after_confirmation_when_nobody_decides() {
    let mut t = awaiting(plan());
    let at = t0() + Duration::seconds(20);
    let tr = transfer(&t);
    confirm(&mut t, ME, "wa-aaaaa-bbbbb-cccccccccccccccc", &tr, at).unwrap();
    hold(&mut t, at);
    assert_eq!(t.payout.execution_status(), &E::PendingPolicyApproval);
    // Nothing moves a held payout but the approval, until its submission window closes.
    assert_eq!(t.advance(at + Duration::hours(3)), vec![]);
    assert_eq!(t.advance(at + Duration::hours(4)), vec![Event::Expired]);
    assert_eq!(
        t.payout.data.status_reason.as_deref(),
        Some("transfer not submitted within 4 hours of confirmation")
    );
}

#[test]
fn the_approval_releases_or_rejects_a_held_transfer() {
    let held = || {
        let mut t = awaiting(plan());
        let at = t0() + Duration::seconds(20);
        let tr = transfer(&t);
        confirm(&mut t, ME, "wa-aaaaa-bbbbb-cccccccccccccccc", &tr, at).unwrap();
        hold(&mut t, at);
        (t, at + Duration::minutes(5))
    };
    let (mut t, at) = held();
    assert_eq!(release(&mut t, at), Some(Event::TransferSubmitted));
    assert_eq!(t.payout.execution_status(), &E::DepositProcessing);
    assert!(t.payout.data.transaction_hash.is_some());
    // Released once: a second release does nothing.
    assert_eq!(release(&mut t, at), None);

    let (mut t, at) = held();
    t.plan.submit_failure = Some("insufficient balance".into());
    assert_eq!(release(&mut t, at), Some(Event::SubmitFailed));
    assert_eq!(t.payout.status, S::Failed);

    let (mut t, at) = held();
    let reason = "transfer rejected by policy approval: denied".to_owned();
    assert_eq!(
        reject(&mut t, reason.clone(), at),
        Some(Event::PolicyRejected)
    );
    assert_eq!(t.payout.status, S::Rejected);
    assert_eq!(t.payout.execution_status(), &E::Rejected);
    assert_eq!(
        t.payout.data.status_reason.as_deref(),
        Some(reason.as_str())
    );
    assert!(t.payout.date_finalized.is_some());
    assert_eq!(reject(&mut t, "again".into(), at), None);
}

#[test]
fn failures_carry_a_status_reason() {
    let mut p = plan();
    p.provider_failure = Some("bank says no".into());
    let mut t = tracked(p);
    assert_eq!(
        t.advance(t0() + Duration::minutes(1)),
        vec![Event::InstructionsRequested, Event::ProviderFailed]
    );
    assert_eq!(
        (
            t.payout.status.clone(),
            t.payout.data.status_reason.as_deref()
        ),
        (S::Failed, Some("bank says no"))
    );
    assert!(t.payout.date_finalized.is_some());

    let mut p = plan();
    p.deposit_failure = Some("chain reorg".into());
    let mut t = awaiting(p);
    let tr = transfer(&t);
    confirm(
        &mut t,
        ME,
        "wa-aaaaa-bbbbb-cccccccccccccccc",
        &tr,
        t0() + Duration::seconds(20),
    )
    .unwrap();
    t.advance(t0() + Duration::hours(1));
    assert_eq!(
        (
            t.payout.status.clone(),
            t.payout.data.status_reason.as_deref()
        ),
        (S::Failed, Some("chain reorg"))
    );

    let mut t = awaiting(plan());
    t.plan.submit_failure = Some("insufficient balance".into());
    let tr = transfer(&t);
    confirm(
        &mut t,
        ME,
        "wa-aaaaa-bbbbb-cccccccccccccccc",
        &tr,
        t0() + Duration::seconds(20),
    )
    .unwrap();
    assert_eq!(
        t.advance(t0() + Duration::hours(1)),
        vec![Event::SubmitFailed]
    );
    assert_eq!(t.payout.status, S::Failed);
}

#[test]
fn cancel_only_while_awaiting_and_only_by_the_requester() {
    let mut t = awaiting(plan());
    let e = cancel(&mut t, OTHER, t0() + Duration::seconds(20)).unwrap_err();
    assert_eq!(
        (e.status, e.message.as_str()),
        (403, "only the payout requester can perform this action")
    );
    let at = t0() + Duration::seconds(20);
    cancel(&mut t, ME, at).unwrap();
    assert_eq!(t.payout.status, S::Canceled);
    assert_eq!(
        t.payout.data.date_canceled.as_ref().unwrap().instant(),
        Some(at)
    );
    assert_eq!(
        t.payout.date_finalized.as_ref().unwrap().instant(),
        Some(at)
    );
    let e = cancel(&mut t, ME, at).unwrap_err();
    assert_eq!(
        (e.status, e.message.as_str()),
        (400, "payout is not awaiting confirmation")
    );

    let mut early = tracked(plan());
    let e = cancel(&mut early, ME, t0()).unwrap_err();
    assert_eq!(e.status, 400);
}

#[test]
fn confirm_refusals() {
    let wallet = "wa-aaaaa-bbbbb-cccccccccccccccc";
    let at = t0() + Duration::seconds(20);
    let base = awaiting(plan());
    type Mutate = Box<dyn Fn(&mut PayoutTransfer, &mut String)>;
    let cases: Vec<(&str, Mutate, &str)> = vec![
        (
            "wrong address",
            Box::new(|tr, _| tr.to = "0x0000000000000000000000000000000000000bad".into()),
            "transfer destination does not match payout deposit address",
        ),
        (
            "address case",
            Box::new(|tr, _| tr.to = tr.to.to_uppercase()),
            "transfer destination does not match payout deposit address",
        ),
        (
            "wrong amount",
            Box::new(|tr, _| tr.amount = "25000001".into()),
            "transfer does not match payout",
        ),
        (
            "wrong kind",
            Box::new(|tr, _| tr.kind = AssetKind::Spl),
            "transfer does not match payout",
        ),
        (
            "wrong contract",
            Box::new(|tr, _| {
                tr.contract = Some("0xc2132d05d31c914a87c6611c10748aeb04b58e8f".into())
            }),
            "transfer does not match payout",
        ),
        (
            "mint instead",
            Box::new(|tr, _| tr.mint = Some("EPjF".into())),
            "transfer does not match payout",
        ),
        (
            "wrong wallet",
            Box::new(|_, w| *w = "wa-zzzzz-zzzzz-zzzzzzzzzzzzzzzz".into()),
            "transfer does not match payout",
        ),
    ];
    for (name, mutate, message) in cases {
        let mut t = base.clone();
        let mut tr = transfer(&t);
        let mut w = wallet.to_string();
        mutate(&mut tr, &mut w);
        let e = confirm(&mut t, ME, &w, &tr, at).unwrap_err();
        assert_eq!((e.status, e.message.as_str()), (400, message), "{name}");
        assert_eq!(t, base, "{name}: a refusal changes nothing");
    }
    let mut t = base.clone();
    let tr = transfer(&t);
    assert_eq!(
        confirm(&mut t, OTHER, wallet, &tr, at).unwrap_err().status,
        403
    );
    confirm(&mut t, ME, wallet, &tr, at).unwrap();
    let twice = confirm(&mut t, ME, wallet, &tr, at).unwrap_err();
    assert_eq!(
        (twice.status, twice.message.as_str()),
        (400, "payout is not awaiting confirmation")
    );
    assert_eq!(
        twice.details.unwrap()["executionStatus"],
        "SubmittingPayoutTransfer"
    );

    let mut early = tracked(plan());
    let tr = transfer(&early);
    assert_eq!(
        confirm(&mut early, ME, wallet, &tr, t0())
            .unwrap_err()
            .message,
        "payout is not awaiting confirmation"
    );
}

#[test]
fn unknown_states_are_left_alone() {
    let mut t = tracked(plan());
    t.payout.data.execution_status = E::Other("OnHold".into());
    assert!(t.advance(t0() + Duration::days(3)).is_empty());
    assert!(t.is_finished());
}
