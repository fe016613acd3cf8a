//! The dashboard's payouts give back what they were given, frozen or not, and the board built
//! from them is the board built from the whole payouts.

use std::borrow::Cow;
use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::*;
use crate::app::board::fixture::{self, ME};
use crate::app::board::{self, BoardOptions, Filter, Sort};
use crate::app::names::Names;
use crate::dfns::model::{ExecutionStatus, PayoutStatus};
use crate::emulator::seed;
use crate::emulator::world::ListFilter;

fn finished(id: &str) -> Payout {
    fixture::payout(id, ExecutionStatus::Completed)
}

#[test]
fn finished_payouts_are_frozen_and_the_others_kept_whole() {
    let mut ps = Payouts::default();
    assert!(ps.upsert(finished("pyt-done"), 1));
    assert!(ps.upsert(fixture::awaiting("pyt-open"), 1));
    let mut odd = finished("pyt-odd");
    odd.extra.insert("newMember".into(), serde_json::json!(1));
    assert!(ps.upsert(odd.clone(), 1));
    assert_eq!(ps.len(), 3);
    // The one with a member this build does not know stays whole, so it is shown and kept.
    assert_eq!(ps.frozen_count(), 1);
    assert_eq!(ps.get(0).as_deref(), Some(&finished("pyt-done")));
    assert_eq!(ps.get(1).as_deref(), Some(&fixture::awaiting("pyt-open")));
    assert_eq!(ps.get(2).as_deref(), Some(&odd));
    assert!(matches!(ps.get(0), Some(Cow::Owned(_))), "thawed on demand");
    assert!(matches!(ps.get(1), Some(Cow::Borrowed(_))));
    assert_eq!(
        (
            ps.position("pyt-done"),
            ps.position("pyt-odd"),
            ps.position("x")
        ),
        (Some(0), Some(2), None)
    );
    assert_eq!(ps.id(1), Some("pyt-open"));
}

#[test]
fn an_older_read_never_overwrites_a_newer_one() {
    let mut ps = Payouts::default();
    ps.upsert(fixture::awaiting("pyt-a"), 5);
    assert!(!ps.upsert(finished("pyt-a"), 4), "older generation");
    assert!(!ps.upsert(fixture::awaiting("pyt-a"), 6), "unchanged");
    assert!(ps.upsert(finished("pyt-a"), 6));
    assert_eq!((ps.len(), ps.frozen_count()), (1, 1));
    assert_eq!(
        ps.get(0).map(|p| p.status.clone()),
        Some(PayoutStatus::Completed)
    );
    // A frozen payout read again unchanged is no change; changed, it is replaced.
    assert!(!ps.upsert(finished("pyt-a"), 7));
    let mut later = finished("pyt-a");
    later.data.transaction_hash = Some("0xfeed".into());
    assert!(ps.upsert(later.clone(), 8));
    assert_eq!(ps.get(0).as_deref(), Some(&later));
}

#[test]
fn payouts_in_view_are_lent_not_thawed() {
    let mut ps = Payouts::default();
    for i in 0..5 {
        ps.upsert(finished(&format!("pyt-{i}")), 1);
    }
    ps.keep_thawed([1, 3, 9]);
    assert!(matches!(ps.get(1), Some(Cow::Borrowed(_))));
    // The same rows again (as every tick asks): the copies stay where they are.
    let at = |ps: &Payouts| match ps.get(1) {
        Some(Cow::Borrowed(p)) => p as *const Payout,
        _ => std::ptr::null(),
    };
    let before = at(&ps);
    ps.keep_thawed([3, 1, 1, 9]);
    assert_eq!(at(&ps), before);
    assert!(matches!(ps.get(3), Some(Cow::Borrowed(_))));
    assert!(matches!(ps.get(2), Some(Cow::Owned(_))));
    ps.keep_thawed([2]);
    assert!(
        matches!(ps.get(1), Some(Cow::Owned(_))),
        "out of view: dropped"
    );
    assert!(matches!(ps.get(2), Some(Cow::Borrowed(_))));
    // A change to a payout in view is never hidden by its old copy.
    let mut changed = finished("pyt-2");
    changed.data.status_reason = Some("late".into());
    ps.upsert(changed.clone(), 2);
    assert_eq!(ps.get(2).as_deref(), Some(&changed));
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_750_000_000, 0).unwrap()
}

/// Every payout of a seeded org, as the poller would read them.
fn seeded(history: usize) -> Vec<Payout> {
    let world = seed::org(7, history, now()).unwrap().world;
    let (all, _) = world.list(&ListFilter::default(), None, usize::MAX);
    all
}

#[test]
fn the_board_is_the_same_built_from_frozen_payouts() {
    let whole = seeded(2_000);
    let mut ps = Payouts::default();
    for p in whole.iter().cloned() {
        ps.upsert(p, 1);
    }
    assert!(ps.frozen_count() >= 2_000, "{}", ps.frozen_count());
    let me = whole
        .iter()
        .find_map(|p| p.requester_id().map(str::to_owned));
    let some_address = whole
        .iter()
        .rev()
        .find_map(|p| p.data.deposit_address.clone())
        .unwrap();
    let filters = [
        "",
        "usdc",
        "!completed",
        "failed polygon",
        "1,000",
        &some_address[..12],
        ME,
        "status:fail",
        "exec:await",
        "net:poly token:usd",
        "requester:us-",
        "wallet:wa-",
        "me",
        "!me completed",
        "amount>1000",
        "amount<=15.75",
        "amount=0",
    ];
    for text in filters {
        for sort in Sort::ALL {
            let opts = BoardOptions {
                finished_limit: 5_000,
                finished_collapsed: false,
                sort,
            };
            let f = Filter::new(text);
            let a = board::build_for(&whole, me.as_deref(), &HashSet::new(), &f, &opts);
            let b = board::build_for(&ps, me.as_deref(), &HashSet::new(), &f, &opts);
            assert_eq!(a, b, "filter {text:?}, sort {sort:?}");
        }
    }

    // With names: a wallet's name and a user's alias match the same way, frozen or whole.
    let wallet_id = whole[0].wallet_id.clone();
    let mut names = Names::with_aliases(me.clone().map(|me| (me, "Alice Ops".to_owned())));
    names.learn_wallets(&[crate::app::names::wallet(&wallet_id, Some("Treasury Main"))]);
    let opts = BoardOptions {
        finished_limit: 5_000,
        ..BoardOptions::default()
    };
    let count = |board: &board::Board| board.counts.iter().sum::<usize>();
    let with_wallet = whole.iter().filter(|p| p.wallet_id == wallet_id).count();
    let mine = whole
        .iter()
        .filter(|p| p.requester_id() == me.as_deref())
        .count();
    // (filter, how many it keeps; free text may also meet the word in a payout's own text)
    for (text, expected, exact) in [
        ("wallet:treasury", with_wallet, true),
        ("treasury", with_wallet, false),
        ("!wallet:TREASURY", whole.len() - with_wallet, true),
        ("requester:alice", mine, true),
        ("alice", mine, false),
        ("wallet:alice", 0, true),
        ("requester:treasury", 0, true),
        ("alice treasury", 0, false),
        ("status:alice", 0, true),
    ] {
        let f = Filter::new(text);
        for sort in Sort::ALL {
            let opts = BoardOptions { sort, ..opts };
            let a = board::build_named(&whole, me.as_deref(), &HashSet::new(), &names, &f, &opts);
            let b = board::build_named(&ps, me.as_deref(), &HashSet::new(), &names, &f, &opts);
            assert_eq!(a, b, "filter {text:?} with names, sort {sort:?}");
            if exact {
                assert_eq!(count(&b), expected, "filter {text:?}");
            } else {
                assert!(count(&b) >= expected, "filter {text:?}");
            }
        }
        // Without the names, a field term finds no such wallet or user.
        let plain = board::build_for(&ps, me.as_deref(), &HashSet::new(), &f, &opts);
        if text.starts_with("wallet:") || text.starts_with("requester:") {
            assert_eq!(count(&plain), 0, "filter {text:?} without names");
        }
    }
    assert!(with_wallet > 0 && mine > 0);
}

#[test]
fn positions_hold_across_chunks() {
    let mut ps = Payouts::default();
    let n = 2 * CHUNK + 7;
    for i in 0..n {
        let p = if i % 3 == 0 {
            fixture::awaiting(&format!("pyt-{i}"))
        } else {
            finished(&format!("pyt-{i}"))
        };
        assert!(ps.upsert(p, 1));
    }
    assert_eq!(ps.len(), n);
    for i in [0, CHUNK - 1, CHUNK, 2 * CHUNK, n - 1] {
        let id = format!("pyt-{i}");
        assert_eq!(ps.position(&id), Some(i));
        assert_eq!(ps.id(i), Some(id.as_str()));
        assert_eq!(ps.get(i).map(|p| p.id.clone()), Some(id));
    }
    assert_eq!(ps.get(n), None);
    // CHUNK + 2 is a multiple of 3 (1 026): it was waiting, and finishes.
    let i = CHUNK + 2;
    assert!(
        ps.upsert(finished(&format!("pyt-{i}")), 2),
        "replaced in its chunk"
    );
    assert_eq!(ps.position(&format!("pyt-{i}")), Some(i));
    assert_eq!((ps.len(), ps.frozen_count()), (n, n - n.div_ceil(3) + 1));
}
