//! Frozen payouts give back exactly what was frozen; the store lists, filters and changes
//! frozen and live payouts alike.

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::*;
use crate::dfns::model::{ExecutionStatus, PayoutStatus, Provider};
use crate::emulator::seed;

fn payout(v: Value) -> Payout {
    serde_json::from_value(v).unwrap()
}

/// Every optional member present, an unknown network and status, `verified: false`.
fn full() -> Value {
    json!({
        "id": "pyt-aaaaa-bbbbb-cccccccccccccccc",
        "walletId": "wa-aaaaa-bbbbb-cccccccccccccccc",
        "fiatCurrency": "EUR",
        "asset": {"kind": "Erc20", "amount": "25000000",
                  "contract": "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359", "network": "FutureNet",
                  "metadata": {"name": "USD Coin", "symbol": "USDC", "decimals": 6,
                               "verified": false}},
        "externalId": "",
        "status": "Vanished",
        "requester": {"userId": "us-1", "tokenId": "to-1"},
        "dateCreated": "2027-01-15T08:00:00.123Z",
        "dateFinalized": "2027-01-15T09:00:00.000Z",
        "provider": "Borderless",
        "data": {"borderlessAccountId": "acct", "paymentInstructionsId": "pi",
                 "paymentPurpose": "salary payment", "country": "DE",
                 "executionStatus": "Failed", "statusReason": "no ✓ reason",
                 "borderlessPayoutId": "0b7c4e2a-1f3d-4a5b-a6c7-d8e9f0a1b2c3",
                 "depositAddress": "0x1234567890abcdef1234567890abcdef12345678",
                 "transferId": "xfr-aaaaa-bbbbb-cccccccccccccccc",
                 "transactionHash": "0xabab",
                 "dateConfirmed": "2027-01-15T08:10:00.000Z",
                 "dateCanceled": "2027-01-15T08:20:00.000Z",
                 "dateDepositConfirmed": "2027-01-15T08:30:00.000Z",
                 "datePayoutConfirmed": "2027-01-15T08:40:00.000Z"}
    })
}

/// Only the required members.
fn bare() -> Value {
    json!({
        "id": "pyt-b", "walletId": "wa-b", "fiatCurrency": "USD",
        "asset": {"kind": "Spl", "amount": "1", "network": "Solana"},
        "status": "Canceled", "dateCreated": "2027-01-15T08:00:00.000Z",
        "provider": "CircleMint", "data": {"executionStatus": "Canceled"}
    })
}

fn round_trip(v: Value) {
    let p = payout(v.clone());
    let mut symbols = Symbols::default();
    let f = FrozenPayout::freeze(&p, &mut symbols).expect("freezable");
    let back = f.thaw(&symbols);
    assert_eq!(back, p);
    assert_eq!(serde_json::to_value(&back).unwrap(), v);
}

#[test]
fn thaws_to_the_same_payout() {
    round_trip(full());
    round_trip(bare());
    let mut no_token = full();
    no_token["requester"] = json!({"userId": "us-1"});
    no_token["asset"]["metadata"] = json!({"decimals": 18});
    round_trip(no_token);
}

#[test]
fn refuses_what_it_could_not_give_back() {
    let mut symbols = Symbols::default();
    let refused =
        |v: Value, symbols: &mut Symbols| FrozenPayout::freeze(&payout(v), symbols).is_none();
    let mut extra = bare();
    extra["data"]["newField"] = json!(1);
    assert!(refused(extra, &mut symbols));
    let mut extra = full();
    extra["requester"]["kind"] = json!("User");
    assert!(refused(extra, &mut symbols));
    for odd in [
        "2027-01-15T08:00:00Z",
        "2027-01-15T08:00:00.000+00:00",
        "yesterday",
    ] {
        let mut v = bare();
        v["dateCreated"] = json!(odd);
        assert!(refused(v, &mut symbols), "{odd}");
    }
    let mut long = bare();
    long["externalId"] = json!("x".repeat(70_000));
    assert!(refused(long, &mut symbols));
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

#[test]
fn seeded_history_is_frozen_and_reads_back_whole() {
    let world = seed::org(3, 300, now()).unwrap().world;
    let n = world.payout_count();
    assert_eq!(world.frozen_count() + world.active_count(), n);
    assert!(world.frozen_count() >= 300);
    let (all, next) = world.list(&ListFilter::default(), None, n);
    assert_eq!((all.len(), next), (n, None));
    for p in &all {
        assert_eq!(world.get(&p.id).as_ref(), Some(p));
        assert!(!p.id.is_empty() && p.requester.is_some());
    }
}

/// A store of four payouts: frozen ones on two wallets, one live.
fn store() -> Store {
    let mut s = Store::default();
    for (i, (wallet, status)) in [
        ("wa-1", "Completed"),
        ("wa-2", "Failed"),
        ("wa-1", "Expired"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut v = bare();
        v["id"] = json!(format!("pyt-{i}"));
        v["walletId"] = json!(wallet);
        v["status"] = json!(status);
        let p = payout(v);
        let slot = s.seal(Tracked {
            payout: p,
            plan: Plan::spent(),
            since: now(),
        });
        assert!(matches!(slot, Slot::Frozen(_)));
        s.push(slot);
    }
    let mut live = bare();
    live["id"] = json!("pyt-live");
    live["walletId"] = json!("wa-1");
    live["status"] = json!("Processing");
    live["data"]["executionStatus"] = json!("Initializing");
    s.insert(Tracked {
        payout: payout(live),
        plan: Plan::spent(),
        since: now(),
    });
    s
}

fn ids(page: &(Vec<Payout>, Option<usize>)) -> Vec<&str> {
    page.0.iter().map(|p| p.id.as_str()).collect()
}

#[test]
fn lists_and_filters_frozen_and_live_alike() {
    let s = store();
    assert_eq!((s.len(), s.active_count(), s.frozen_count()), (4, 1, 3));
    let all = ListFilter::default();
    assert_eq!(
        ids(&s.list(&all, None, 10)),
        ["pyt-live", "pyt-2", "pyt-1", "pyt-0"]
    );
    let page = s.list(&all, None, 2);
    assert_eq!((ids(&page), page.1), (vec!["pyt-live", "pyt-2"], Some(2)));
    assert_eq!(ids(&s.list(&all, page.1, 2)), ["pyt-1", "pyt-0"]);

    let wallet = |w: &str| ListFilter {
        wallet_id: Some(w.into()),
        ..Default::default()
    };
    assert_eq!(
        ids(&s.list(&wallet("wa-1"), None, 10)),
        ["pyt-live", "pyt-2", "pyt-0"]
    );
    assert!(s.list(&wallet("wa-never"), None, 10).0.is_empty());
    let status = ListFilter {
        status: vec![PayoutStatus::Failed, PayoutStatus::Processing],
        ..Default::default()
    };
    assert_eq!(ids(&s.list(&status, None, 10)), ["pyt-live", "pyt-1"]);
    let rejected = ListFilter {
        status: vec![PayoutStatus::Rejected],
        ..Default::default()
    };
    assert!(s.list(&rejected, None, 10).0.is_empty());
    let provider = |p: Provider| ListFilter {
        provider: vec![p],
        ..Default::default()
    };
    assert_eq!(s.list(&provider(Provider::CircleMint), None, 10).0.len(), 4);
    assert!(
        s.list(&provider(Provider::Borderless), None, 10)
            .0
            .is_empty()
    );
}

#[test]
fn a_frozen_payout_thaws_for_a_change_and_freezes_again() {
    let mut s = store();
    let before = s.payout(1).unwrap();
    let t = s.tracked_mut(1).unwrap();
    assert_eq!(t.payout, before);
    assert!(t.is_finished());
    assert_eq!(t.advance(now() + Duration::days(400)), vec![]);
    assert!(matches!(s.slot(1), Some(Slot::Live(_))));
    s.settle(1);
    assert!(matches!(s.slot(1), Some(Slot::Frozen(_))));
    assert_eq!(s.payout(1).unwrap(), before);
    assert_eq!(s.position("pyt-1"), Some(1));
    assert_eq!(s.active_count(), 1);
}

#[test]
fn a_live_payout_freezes_when_it_finishes() {
    let mut s = store();
    let t = s.tracked_mut(3).unwrap();
    t.payout.status = PayoutStatus::Canceled;
    t.payout.data.execution_status = ExecutionStatus::Canceled;
    s.settle(3);
    assert_eq!((s.active_count(), s.frozen_count()), (0, 4));
    assert_eq!(s.payout(3).unwrap().status, PayoutStatus::Canceled);
}

#[test]
fn a_frozen_payout_stays_small() {
    // Text pointer, 9 ends, 6 dates, 16 symbols; its own text is one allocation (~240 bytes
    // for a seeded payout). A live slot is a pointer to its `Tracked` (~1.5 KB).
    assert!(std::mem::size_of::<FrozenPayout>() <= 152);
    assert!(std::mem::size_of::<Slot>() <= 152);
}
