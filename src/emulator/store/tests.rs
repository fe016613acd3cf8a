//! Frozen payouts give back exactly what was frozen; the store lists, filters and changes
//! frozen and live payouts alike.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::*;
use crate::dfns::compact::tests::{bare, payout};
use crate::dfns::model::{ExecutionStatus, PayoutStatus, Provider};
use crate::emulator::seed;

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
fn a_slot_stays_small() {
    // Text pointer, 9 ends, 6 dates, 16 symbols; its own text is one allocation (~240 bytes
    // for a seeded payout). A live slot is a pointer to its `Tracked` (~1.5 KB).
    assert!(std::mem::size_of::<Slot>() <= 136);
}
