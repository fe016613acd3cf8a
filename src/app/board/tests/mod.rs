//! Board tests: grouping, headers, the finished section, navigation; filter, sort and
//! properties in the submodules.

mod filter;
mod props;
mod sort;

use std::collections::HashSet;

use proptest::prelude::*;

use super::fixture::{ME, OTHER, awaiting, payout};
use super::*;
use crate::dfns::model::{AssetMetadata, Extra, Network, Requester, Timestamp};

use ExecutionStatus as E;

fn unbounded(sort: Sort) -> BoardOptions {
    BoardOptions {
        finished_limit: usize::MAX,
        finished_collapsed: false,
        sort,
    }
}

fn all() -> Filter {
    Filter::new("")
}

/// Payout ids of the item rows, in order, with the group each sits under.
fn listed(payouts: &[Payout], board: &Board) -> Vec<(Group, String)> {
    board
        .item_rows()
        .map(|(r, i)| (board.group_at(r).unwrap(), payouts[i].id.clone()))
        .collect()
}

fn ids_in(payouts: &[Payout], board: &Board, group: Group) -> Vec<String> {
    listed(payouts, board)
        .into_iter()
        .filter(|(g, _)| *g == group)
        .map(|(_, id)| id)
        .collect()
}

fn headers(board: &Board) -> Vec<(Group, usize, usize, bool)> {
    board
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Header {
                group,
                count,
                shown,
                collapsed,
            } => Some((*group, *count, *shown, *collapsed)),
            Row::Item(_) => None,
        })
        .collect()
}

fn with_requester(mut p: Payout, who: Option<&str>) -> Payout {
    p.requester = who.map(|u| Requester {
        user_id: u.into(),
        token_id: None,
        extra: Extra::new(),
    });
    p
}

fn with_created(mut p: Payout, created: &str) -> Payout {
    p.date_created = Timestamp::parse(created);
    p
}

fn with_amount(mut p: Payout, amount: &str, decimals: Option<u8>) -> Payout {
    p.asset.amount = amount.into();
    p.asset.metadata = decimals.map(|d| AssetMetadata {
        name: None,
        symbol: Some("TOK".into()),
        decimals: d,
        verified: None,
        extra: Extra::new(),
    });
    p
}

fn confirmed_at(mut p: Payout, at: &str) -> Payout {
    p.data.date_confirmed = Some(Timestamp::parse(at));
    p
}

fn finished(id: &str, created: &str, finalized: Option<&str>) -> Payout {
    let mut p = with_created(payout(id, E::Completed), created);
    p.date_finalized = finalized.map(Timestamp::parse);
    p
}

#[test]
fn grouping_table() {
    let other_status = |s: &str| {
        let mut p = awaiting("x");
        p.status = PayoutStatus::Other(s.into());
        p
    };
    let cases: Vec<(Payout, Option<&str>, Group)> = vec![
        (awaiting("a"), Some(ME), Group::NeedsMe),
        (
            with_requester(awaiting("a"), Some(OTHER)),
            Some(ME),
            Group::AwaitingOther,
        ),
        // Requester or my id unknown: the operator sees it; the server decides.
        (
            with_requester(awaiting("a"), None),
            Some(ME),
            Group::NeedsMe,
        ),
        (
            with_requester(awaiting("a"), Some(OTHER)),
            None,
            Group::NeedsMe,
        ),
        (awaiting("a"), None, Group::NeedsMe),
        (
            payout("a", E::PendingPolicyApproval),
            Some(ME),
            Group::PendingPolicy,
        ),
        (
            with_requester(payout("a", E::PendingPolicyApproval), Some(OTHER)),
            Some(ME),
            Group::PendingPolicy,
        ),
        (payout("a", E::Initializing), Some(ME), Group::InFlight),
        (
            payout("a", E::AwaitingPayoutInstructions),
            Some(ME),
            Group::InFlight,
        ),
        (
            payout("a", E::SubmittingPayoutTransfer),
            Some(ME),
            Group::InFlight,
        ),
        (payout("a", E::DepositProcessing), Some(ME), Group::InFlight),
        (
            payout("a", E::DisbursementPending),
            Some(ME),
            Group::InFlight,
        ),
        (
            payout("a", E::Other("Paused".into())),
            Some(ME),
            Group::InFlight,
        ),
        (payout("a", E::Completed), Some(ME), Group::Finished),
        (payout("a", E::Failed), Some(ME), Group::Finished),
        (payout("a", E::Rejected), Some(ME), Group::Finished),
        (payout("a", E::Expired), Some(ME), Group::Finished),
        (payout("a", E::Canceled), Some(ME), Group::Finished),
        (other_status("OnHold"), Some(ME), Group::Unknown),
    ];
    for (p, me, want) in cases {
        assert_eq!(
            group_of(&p, me),
            want,
            "{} / {} requester {:?} me {me:?}",
            p.status,
            p.execution_status(),
            p.requester_id()
        );
    }
}

#[test]
fn unknown_statuses_are_kept_verbatim() {
    let mut odd = awaiting("odd");
    odd.status = PayoutStatus::Other("OnHold".into());
    let weird_exec = payout("weird", E::Other("Paused".into()));
    let payouts = vec![odd, weird_exec];
    let board = build(&payouts, Some(ME), &all(), &unbounded(Sort::default()));
    assert_eq!(ids_in(&payouts, &board, Group::Unknown), ["odd"]);
    assert_eq!(ids_in(&payouts, &board, Group::InFlight), ["weird"]);
    // The filter sees the verbatim values.
    assert!(Filter::new("onhold").matches(&payouts[0]));
    assert!(Filter::new("paused").matches(&payouts[1]));
}

#[test]
fn group_titles_and_order() {
    let titles: Vec<_> = Group::ALL.iter().map(|g| g.title()).collect();
    assert_eq!(
        titles,
        [
            "Needs my confirmation",
            "Awaiting my approval",
            "Awaiting another user",
            "Pending policy approval",
            "In flight",
            "Unknown status",
            "Finished",
        ]
    );
    assert!(Group::ALL.windows(2).all(|w| w[0] < w[1]));
    assert!(Group::ALL.iter().enumerate().all(|(i, g)| g.index() == i));
}

#[test]
fn needs_me_header_is_always_shown_and_empty_groups_are_not() {
    let payouts = vec![payout("f", E::Completed)];
    let board = build(&payouts, Some(ME), &all(), &BoardOptions::default());
    assert_eq!(
        headers(&board),
        [
            (Group::NeedsMe, 0, 0, false),
            (Group::Finished, 1, 1, false)
        ]
    );
    let empty = build(&Vec::new(), None, &all(), &BoardOptions::default());
    assert_eq!(
        empty.rows,
        [Row::Header {
            group: Group::NeedsMe,
            count: 0,
            shown: 0,
            collapsed: false
        }]
    );
    assert_eq!(empty.counts, [0; 7]);
}

/// A held payout whose approval I may still decide moves to "Awaiting my approval", mine or
/// another's; the others stay under "Pending policy approval".
#[test]
fn held_payouts_awaiting_my_approval_have_their_own_group() {
    let mut mine = payout("p1", E::PendingPolicyApproval);
    mine.data.transfer_id = Some("xfr-1".into());
    let mut theirs = with_requester(payout("p2", E::PendingPolicyApproval), Some(OTHER));
    theirs.data.transfer_id = Some("xfr-2".into());
    let mut undecidable = payout("p3", E::PendingPolicyApproval);
    undecidable.data.transfer_id = Some("xfr-3".into());
    // A transfer id in the set, but the payout is no longer held: it moved on.
    let mut moved = payout("i1", E::DepositProcessing);
    moved.data.transfer_id = Some("xfr-4".into());
    let payouts = vec![mine, theirs, undecidable, moved];
    let awaiting: HashSet<String> = ["xfr-1", "xfr-2", "xfr-4"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let board = build_for(
        &payouts,
        Some(ME),
        &awaiting,
        &all(),
        &BoardOptions::default(),
    );
    assert_eq!(board.counts, [0, 2, 0, 1, 1, 0, 0]);
    assert_eq!(
        listed(&payouts, &board),
        [
            (Group::AwaitingMyApproval, "p1".to_owned()),
            (Group::AwaitingMyApproval, "p2".to_owned()),
            (Group::PendingPolicy, "p3".to_owned()),
            (Group::InFlight, "i1".to_owned()),
        ]
    );
    assert_eq!(
        group_for(&payouts[0], Some(ME), &HashSet::new()),
        Group::PendingPolicy
    );
}

#[test]
fn headers_count_after_the_filter() {
    let payouts = vec![
        awaiting("a1"),
        awaiting("a2"),
        with_requester(awaiting("o1"), Some(OTHER)),
        payout("p1", E::PendingPolicyApproval),
        payout("i1", E::DepositProcessing),
        payout("i2", E::Initializing),
        payout("f1", E::Completed),
    ];
    let board = build(&payouts, Some(ME), &all(), &BoardOptions::default());
    assert_eq!(board.counts, [2, 0, 1, 1, 2, 0, 1]);
    assert_eq!(
        headers(&board),
        [
            (Group::NeedsMe, 2, 2, false),
            (Group::AwaitingOther, 1, 1, false),
            (Group::PendingPolicy, 1, 1, false),
            (Group::InFlight, 2, 2, false),
            (Group::Finished, 1, 1, false),
        ]
    );
    assert_eq!(board.rows.len(), 5 + payouts.len());

    let board = build(
        &payouts,
        Some(ME),
        &Filter::new("a1"),
        &BoardOptions::default(),
    );
    assert_eq!(board.counts, [1, 0, 0, 0, 0, 0, 0]);
    assert_eq!(
        listed(&payouts, &board),
        [(Group::NeedsMe, "a1".to_owned())]
    );
    assert_eq!(board.count(Group::NeedsMe), 1);
}

#[test]
fn finished_is_newest_first_bounded_and_collapsible() {
    let payouts = vec![
        finished("f1", "2025-01-01T00:00:00Z", Some("2025-01-05T00:00:00Z")),
        // Created later but finalized earlier.
        finished("f2", "2025-01-03T00:00:00Z", Some("2025-01-04T00:00:00Z")),
        // No dateFinalized: its dateCreated stands in.
        finished("f3", "2025-01-06T00:00:00Z", None),
        finished("f4", "whenever", None),
        awaiting("a"),
    ];
    // The chosen sort does not apply to Finished.
    for sort in Sort::ALL {
        let board = build(&payouts, Some(ME), &all(), &unbounded(sort));
        assert_eq!(
            ids_in(&payouts, &board, Group::Finished),
            ["f3", "f1", "f2", "f4"]
        );
    }
    let opts = BoardOptions {
        finished_limit: 2,
        ..unbounded(Sort::by(SortKey::Created).reversed())
    };
    let board = build(&payouts, Some(ME), &all(), &opts);
    assert_eq!(ids_in(&payouts, &board, Group::Finished), ["f3", "f1"]);
    assert_eq!(
        headers(&board).last(),
        Some(&(Group::Finished, 4, 2, false))
    );
    assert_eq!(board.count(Group::Finished), 4);

    let zero = BoardOptions {
        finished_limit: 0,
        ..opts
    };
    let board = build(&payouts, Some(ME), &all(), &zero);
    assert_eq!(
        headers(&board).last(),
        Some(&(Group::Finished, 4, 0, false))
    );

    let collapsed = BoardOptions {
        finished_collapsed: true,
        ..unbounded(Sort::default())
    };
    let board = build(&payouts, Some(ME), &all(), &collapsed);
    assert_eq!(headers(&board).last(), Some(&(Group::Finished, 4, 0, true)));
    assert!(matches!(board.rows.last(), Some(Row::Header { .. })));
    assert_eq!(
        ids_in(&payouts, &board, Group::Finished),
        Vec::<String>::new()
    );
}

#[test]
fn navigation_helpers() {
    let payouts = vec![
        payout("f", E::Completed),
        awaiting("a"),
        payout("i", E::DepositProcessing),
    ];
    let board = build(&payouts, Some(ME), &all(), &BoardOptions::default());
    // 0 NeedsMe, 1 a, 2 InFlight, 3 i, 4 Finished, 5 f
    assert_eq!(
        board.item_rows().collect::<Vec<_>>(),
        [(1, 1), (3, 2), (5, 0)]
    );
    assert_eq!(board.row_of(2), Some(3));
    assert_eq!(board.row_of(0), Some(5));
    assert_eq!(board.row_of(9), None);
    assert_eq!(board.next_header(0), Some(2));
    assert_eq!(board.next_header(1), Some(2));
    assert_eq!(board.next_header(3), Some(4));
    assert_eq!(board.next_header(4), Some(0));
    assert_eq!(board.next_header(99), Some(0));
    assert_eq!(Board::default().next_header(0), None);
    assert_eq!(board.group_at(0), Some(Group::NeedsMe));
    assert_eq!(board.group_at(3), Some(Group::InFlight));
    assert_eq!(board.group_at(5), Some(Group::Finished));
    assert_eq!(board.group_at(6), None);
}

/// The summary's figures: totals whatever the filter, the first deadline (needs-me first),
/// and failed / rejected / expired payouts counted from any instant by their end.
#[test]
fn the_board_keeps_the_summary_figures() {
    let ended = |id: &str, exec: ExecutionStatus, at: &str| {
        let mut p = payout(id, exec);
        p.date_finalized = Some(crate::dfns::model::Timestamp::parse(at));
        p
    };
    let mut soon = awaiting("pyt-soon");
    soon.date_created = crate::dfns::model::Timestamp::parse("2025-03-01T00:00:00.000Z");
    let theirs = with_requester(awaiting("pyt-theirs"), Some(OTHER));
    let mut earlier = theirs.clone();
    earlier.id = "pyt-theirs-earlier".into();
    earlier.date_created = crate::dfns::model::Timestamp::parse("2025-02-01T00:00:00.000Z");
    let payouts = vec![
        ended(
            "pyt-f1",
            ExecutionStatus::Failed,
            "2025-03-01T10:00:00.000Z",
        ),
        ended(
            "pyt-f2",
            ExecutionStatus::Failed,
            "2025-02-01T10:00:00.000Z",
        ),
        ended(
            "pyt-r1",
            ExecutionStatus::Rejected,
            "2025-03-01T11:00:00.000Z",
        ),
        ended(
            "pyt-e1",
            ExecutionStatus::Expired,
            "2025-03-01T12:00:00.000Z",
        ),
        ended(
            "pyt-c1",
            ExecutionStatus::Completed,
            "2025-03-01T12:00:00.000Z",
        ),
        awaiting("pyt-later"),
        soon,
        earlier,
        theirs,
    ];
    let b = build(
        &payouts,
        Some(ME),
        &Filter::new("pyt-c1"),
        &BoardOptions::default(),
    );
    assert_eq!(b.totals[Group::Finished.index()], 5);
    assert_eq!(b.totals[Group::NeedsMe.index()], 2);
    assert_eq!(b.totals[Group::AwaitingOther.index()], 2);
    assert_eq!(
        b.counts.iter().sum::<usize>(),
        1,
        "the filter narrows the rows only"
    );
    // Mine comes first even though another user's runs out earlier.
    assert_eq!(b.next_deadline, Some(6));
    let ms = |s: &str| super::fixture::at(s).timestamp_millis();
    let since = ms("2025-03-01T10:30:00Z");
    assert_eq!(
        [0, 1, 2].map(|k| b.ended_since(k, since)),
        [0, 1, 1],
        "f1 ended before"
    );
    assert_eq!(
        [0, 1, 2].map(|k| b.ended_since(k, ms("2025-01-01T00:00:00Z"))),
        [2, 1, 1]
    );
    assert_eq!(b.ended_since(3, 0), 0);
    // With nothing of mine, the earliest of all.
    let b = build(
        &payouts[7..],
        Some(ME),
        &Filter::new(""),
        &BoardOptions::default(),
    );
    assert_eq!(b.next_deadline, Some(0));
}
