use super::*;

#[test]
fn sort_by_urgency_soonest_deadline_first_then_newest() {
    let payouts = vec![
        // Confirm deadline = created + 24h.
        with_created(
            payout("c-late", E::AwaitingPayoutInstructions),
            "2025-03-01T12:00:00Z",
        ),
        with_created(payout("c-early", E::Initializing), "2025-03-01T08:00:00Z"),
        // Submit deadline = confirmed + 4h: 2025-03-01T10:00 — the soonest.
        confirmed_at(
            with_created(
                payout("s", E::SubmittingPayoutTransfer),
                "2025-02-28T01:00:00Z",
            ),
            "2025-03-01T06:00:00Z",
        ),
        // No deadline: after all that have one, newest first.
        with_created(
            payout("n-old", E::DepositProcessing),
            "2025-01-01T00:00:00Z",
        ),
        with_created(
            payout("n-new", E::DepositProcessing),
            "2025-02-01T00:00:00Z",
        ),
        // Submitting without dateConfirmed: no deadline either.
        with_created(
            payout("n-mid", E::SubmittingPayoutTransfer),
            "2025-01-15T00:00:00Z",
        ),
        with_created(payout("n-undated", E::DisbursementPending), "later"),
    ];
    let board = build(&payouts, Some(ME), &all(), &unbounded(Sort::default()));
    assert_eq!(
        ids_in(&payouts, &board, Group::InFlight),
        [
            "s",
            "c-early",
            "c-late",
            "n-new",
            "n-mid",
            "n-old",
            "n-undated"
        ]
    );
}

#[test]
fn sort_by_time_amount_and_network() {
    let payouts = vec![
        with_amount(
            with_created(awaiting("a"), "2025-03-01T10:00:00Z"),
            "5000000",
            Some(6),
        ),
        with_amount(
            with_created(awaiting("b"), "2025-03-01T12:00:00Z"),
            "7",
            Some(0),
        ),
        // 6.5 with 18 decimals: between 5 and 7.
        with_amount(
            with_created(awaiting("c"), "2025-03-01T11:00:00Z"),
            "6500000000000000000",
            Some(18),
        ),
        with_amount(with_created(awaiting("d"), "bad date"), "9", None),
        with_amount(
            with_created(awaiting("e"), "2025-03-01T09:00:00Z"),
            "0007000",
            Some(3),
        ),
    ];
    let order = |sort| {
        ids_in(
            &payouts,
            &build(&payouts, Some(ME), &all(), &unbounded(sort)),
            Group::NeedsMe,
        )
    };
    assert_eq!(order(Sort::by(SortKey::Created)), ["b", "c", "a", "e", "d"]);
    assert_eq!(
        order(Sort::by(SortKey::Created).reversed()),
        ["e", "a", "c", "b", "d"]
    );
    // b (7) and e (7.000) tie on value: newest first. Unknown decimals last.
    assert_eq!(order(Sort::by(SortKey::Amount)), ["b", "e", "c", "a", "d"]);

    let mut by_net = payouts.clone();
    by_net[0].asset.network = Network::Base;
    by_net[3].asset.network = Network::Ethereum;
    let board = build(
        &by_net,
        Some(ME),
        &all(),
        &unbounded(Sort::by(SortKey::Network)),
    );
    // Base, Ethereum, then Polygon by deadline (= creation order + 24h), undated last.
    assert_eq!(
        ids_in(&by_net, &board, Group::NeedsMe),
        ["a", "d", "e", "c", "b"]
    );
}

#[test]
fn every_key_sorts_both_ways_and_what_it_lacks_stays_last() {
    let payouts = vec![
        with_amount(
            with_created(awaiting("a"), "2025-03-01T10:00:00Z"),
            "5",
            Some(0),
        ),
        with_amount(
            with_created(awaiting("b"), "2025-03-01T12:00:00Z"),
            "7",
            Some(0),
        ),
        with_amount(
            with_created(awaiting("c"), "2025-03-01T11:00:00Z"),
            "6",
            Some(0),
        ),
        with_amount(with_created(awaiting("d"), "bad date"), "9", None),
    ];
    let order = |sort| {
        ids_in(
            &payouts,
            &build(&payouts, Some(ME), &all(), &unbounded(sort)),
            Group::NeedsMe,
        )
    };
    // Deadline = created + 24 h: soonest first, latest first; undated last both ways.
    assert_eq!(order(Sort::default()), ["a", "c", "b", "d"]);
    assert_eq!(order(Sort::default().reversed()), ["b", "c", "a", "d"]);
    assert_eq!(order(Sort::by(SortKey::Amount)), ["b", "c", "a", "d"]);
    assert_eq!(
        order(Sort::by(SortKey::Amount).reversed()),
        ["a", "c", "b", "d"]
    );
    assert_eq!(order(Sort::by(SortKey::Created)), ["b", "c", "a", "d"]);
    // Every order is a different one, and each says which way it goes.
    let words: HashSet<_> = Sort::ALL.iter().map(|s| s.describe()).collect();
    assert_eq!(words.len(), Sort::ALL.len());
    assert_eq!(Sort::default().describe(), "deadline ▲ soonest first");
    assert_eq!(
        Sort::by(SortKey::Created).describe(),
        "created ▼ newest first"
    );
}
