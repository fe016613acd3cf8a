//! A frozen payout gives back exactly what was frozen, or refuses to freeze.

use serde_json::{Value, json};

use super::*;
use crate::dfns::model::Payout;

pub(crate) fn payout(v: Value) -> Payout {
    serde_json::from_value(v).unwrap()
}

/// Every optional member present, an unknown network and status, `verified: false`.
pub(crate) fn full() -> Value {
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
pub(crate) fn bare() -> Value {
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
    // A date more than ~24 days after the creation does not fit its 32-bit offset.
    let mut late = full();
    late["dateFinalized"] = json!("2027-03-15T09:00:00.000Z");
    assert!(refused(late, &mut symbols));
    let mut long = bare();
    long["externalId"] = json!("x".repeat(70_000));
    assert!(refused(long, &mut symbols));
}

#[test]
fn a_frozen_payout_glances_like_the_whole_one() {
    for v in [full(), bare()] {
        let p = payout(v);
        let mut symbols = Symbols::default();
        let f = FrozenPayout::freeze(&p, &mut symbols).expect("freezable");
        assert_eq!(f.glance(&symbols), Glance::from(&p));
    }
}

#[test]
fn a_frozen_payout_stays_small() {
    // Text pointer, 9 ends, 6 dates, 16 symbols; its own text is one allocation (~220 bytes
    // for a seeded payout), where a `Payout` is 1 208 bytes and ~20 more allocations.
    assert!(std::mem::size_of::<FrozenPayout>() <= 136);
}
