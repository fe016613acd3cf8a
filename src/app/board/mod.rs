//! The board: payouts grouped by what each needs, filtered and sorted into rows.
//!
//! A board is a list of rows that index into the caller's payout slice; it is rebuilt when the
//! data, the filter or the sort change, and never per tick — nothing here depends on `now`.
//! Group order is the order of attention: what needs me (to confirm, then to approve), what
//! waits on others, what a policy holds, what is moving, what we cannot classify, and the
//! finished history last.

mod filter;
mod sort;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod tests;

pub use filter::Filter;
pub use sort::{Sort, SortKey};

use std::cmp::Reverse;
use std::collections::HashSet;

use crate::app::countdown;
use crate::app::names::Names;
use crate::app::payouts::{Entry, Payouts};
use crate::dfns::compact::Symbols;
use crate::dfns::model::{ExecutionStatus, Payout, PayoutStatus};

/// A section of the board, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    NeedsMe,
    /// Held by a policy, and I may still decide its approval (approve, or deny only).
    AwaitingMyApproval,
    AwaitingOther,
    PendingPolicy,
    InFlight,
    /// A top-level status this build does not know; shown verbatim, never dropped.
    Unknown,
    Finished,
}

impl Group {
    pub const ALL: [Group; 7] = [
        Group::NeedsMe,
        Group::AwaitingMyApproval,
        Group::AwaitingOther,
        Group::PendingPolicy,
        Group::InFlight,
        Group::Unknown,
        Group::Finished,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Group::NeedsMe => "Needs my confirmation",
            Group::AwaitingMyApproval => "Awaiting my approval",
            Group::AwaitingOther => "Awaiting another user",
            Group::PendingPolicy => "Pending policy approval",
            Group::InFlight => "In flight",
            Group::Unknown => "Unknown status",
            Group::Finished => "Finished",
        }
    }

    /// The group's name in the one-line summary, which must fit 80 columns with all of them.
    pub fn short(self) -> &'static str {
        match self {
            Group::NeedsMe => "me",
            Group::AwaitingMyApproval => "approve",
            Group::AwaitingOther => "others",
            Group::PendingPolicy => "policy",
            Group::InFlight => "moving",
            Group::Unknown => "unknown",
            Group::Finished => "done",
        }
    }

    /// [`Group::short`] cut further, for the narrowest summary line.
    pub fn tiny(self) -> &'static str {
        match self {
            Group::NeedsMe => "me",
            Group::AwaitingMyApproval => "appr",
            Group::AwaitingOther => "oth",
            Group::PendingPolicy => "pol",
            Group::InFlight => "mov",
            Group::Unknown => "unk",
            Group::Finished => "done",
        }
    }

    /// Position in [`Group::ALL`] and in [`Board::counts`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Which group `p` belongs to; `me` is my user id from the token claim (None = unknown).
///
/// Awaiting confirmation goes to "needs me" unless we *know* someone else requested it: when
/// my id or the requester is unknown the operator still sees it, and the server decides.
pub fn group_of(p: &Payout, me: Option<&str>) -> Group {
    match &p.status {
        PayoutStatus::Processing => match p.execution_status() {
            ExecutionStatus::AwaitingPayoutConfirmation => match (me, p.requester_id()) {
                (Some(me), Some(requester)) if requester != me => Group::AwaitingOther,
                _ => Group::NeedsMe,
            },
            ExecutionStatus::PendingPolicyApproval => Group::PendingPolicy,
            _ => Group::InFlight,
        },
        PayoutStatus::Completed
        | PayoutStatus::Failed
        | PayoutStatus::Rejected
        | PayoutStatus::Expired
        | PayoutStatus::Canceled => Group::Finished,
        PayoutStatus::Other(_) => Group::Unknown,
    }
}

/// The group of a board entry: a frozen payout is a finished one (only those are frozen).
pub fn group_of_entry(e: &Entry<'_>, me: Option<&str>, awaiting: &HashSet<String>) -> Group {
    match e {
        Entry::Whole(p) => group_for(p, me, awaiting),
        Entry::Frozen(..) => Group::Finished,
    }
}

/// What a board is built from: the dashboard's [`Payouts`], or a slice (tests, benches).
pub trait Source {
    fn count(&self) -> usize;
    fn entry(&self, i: usize) -> Option<Entry<'_>>;
    /// The symbols frozen entries are interned in, if any.
    fn symbols(&self) -> Option<&Symbols> {
        None
    }
}

impl Source for [Payout] {
    fn count(&self) -> usize {
        self.len()
    }
    fn entry(&self, i: usize) -> Option<Entry<'_>> {
        self.get(i).map(Entry::Whole)
    }
}

impl Source for Vec<Payout> {
    fn count(&self) -> usize {
        self.len()
    }
    fn entry(&self, i: usize) -> Option<Entry<'_>> {
        self.as_slice().entry(i)
    }
}

impl Source for Payouts {
    fn count(&self) -> usize {
        self.len()
    }
    fn entry(&self, i: usize) -> Option<Entry<'_>> {
        Payouts::entry(self, i)
    }
    fn symbols(&self) -> Option<&Symbols> {
        Some(Payouts::symbols(self))
    }
}

/// [`group_of`], with the held payouts whose approval I may still decide (`awaiting`: their
/// transfer ids) in "Awaiting my approval" — whoever requested them.
pub fn group_for(p: &Payout, me: Option<&str>, awaiting: &HashSet<String>) -> Group {
    match group_of(p, me) {
        Group::PendingPolicy
            if p.data
                .transfer_id
                .as_deref()
                .is_some_and(|t| awaiting.contains(t)) =>
        {
            Group::AwaitingMyApproval
        }
        g => g,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// `count` = payouts in the group after the filter; `shown` = item rows listed under it
    /// (fewer when Finished is bounded, 0 when collapsed).
    Header {
        group: Group,
        count: usize,
        shown: usize,
        collapsed: bool,
    },
    /// Index into the payouts slice the board was built from.
    Item(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoardOptions {
    /// Show at most this many finished rows (the newest).
    pub finished_limit: usize,
    pub finished_collapsed: bool,
    pub sort: Sort,
}

impl Default for BoardOptions {
    fn default() -> Self {
        BoardOptions {
            finished_limit: 200,
            finished_collapsed: false,
            sort: Sort::default(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Board {
    pub rows: Vec<Row>,
    /// Per group (see [`Group::index`]), after the filter.
    pub counts: [usize; 7],
    /// Per group, whatever the filter: the summary line's figures.
    pub totals: [usize; 7],
    /// The payout whose deadline comes first: among those that need me, else among all.
    pub next_deadline: Option<usize>,
    /// When each failed, rejected and expired payout ended (milliseconds, ascending), so
    /// "how many in the last 24 h" is a binary search at any `now`.
    pub ended: [Vec<i64>; 3],
}

/// The endings the summary counts, in [`Board::ended`] order.
pub const ENDED: [PayoutStatus; 3] = [
    PayoutStatus::Failed,
    PayoutStatus::Rejected,
    PayoutStatus::Expired,
];

/// Group, filter and sort `payouts` into rows.
///
/// Empty groups are left out except "Needs my confirmation", which always shows (count 0 tells
/// the operator nothing needs them). Within a group rows follow `opts.sort`; Finished is always
/// newest first and bounded by `finished_limit`, and shows only its header when collapsed.
pub fn build<S: Source + ?Sized>(
    payouts: &S,
    me: Option<&str>,
    filter: &Filter,
    opts: &BoardOptions,
) -> Board {
    build_for(payouts, me, &HashSet::new(), filter, opts)
}

/// [`build`], with the held payouts awaiting my approval (their transfer ids) in their group.
pub fn build_for<S: Source + ?Sized>(
    payouts: &S,
    me: Option<&str>,
    awaiting: &HashSet<String>,
    filter: &Filter,
    opts: &BoardOptions,
) -> Board {
    build_named(payouts, me, awaiting, &Names::default(), filter, opts)
}

/// [`build_for`], the filter also matching wallets' names and users' aliases (`names`).
pub fn build_named<S: Source + ?Sized>(
    payouts: &S,
    me: Option<&str>,
    awaiting: &HashSet<String>,
    names: &Names,
    filter: &Filter,
    opts: &BoardOptions,
) -> Board {
    let mut groups: [Vec<usize>; 7] = Default::default();
    let mut totals = [0; 7];
    let mut ended: [Vec<i64>; 3] = Default::default();
    // (deadline, needs me?, index) of the first deadline.
    let mut next: Option<(chrono::DateTime<chrono::Utc>, bool, usize)> = None;
    let check = !filter.is_empty();
    let filter = filter.prepare(payouts.symbols(), me, names);
    for i in 0..payouts.count() {
        let Some(e) = payouts.entry(i) else { continue };
        let group = group_of_entry(&e, me, awaiting);
        totals[group.index()] += 1;
        if group == Group::Finished {
            let status = e.status();
            if let Some(k) = ENDED.iter().position(|s| s.as_str() == status)
                && let Some(at) = e.finished_ms()
            {
                ended[k].push(at);
            }
        } else if let Entry::Whole(p) = e
            && let Some(d) = countdown::deadline(p)
        {
            let mine = group == Group::NeedsMe;
            // Needs-me first, then the earliest.
            if next.is_none_or(|(at, was_mine, _)| (mine, Reverse(d.at)) > (was_mine, Reverse(at)))
            {
                next = Some((d.at, mine, i));
            }
        }
        if check && !filter.matches(&e) {
            continue;
        }
        groups[group.index()].push(i);
    }
    for v in &mut ended {
        v.sort_unstable();
    }
    let counts = groups.each_ref().map(Vec::len);

    let mut rows = Vec::new();
    for (group, mut ids) in Group::ALL.into_iter().zip(groups) {
        let count = ids.len();
        if count == 0 && group != Group::NeedsMe {
            continue;
        }
        let mut collapsed = false;
        if group == Group::Finished {
            collapsed = opts.finished_collapsed;
            let limit = if collapsed { 0 } else { opts.finished_limit };
            sort::newest_finished(payouts, &mut ids, limit);
        } else {
            sort::sort_indices(payouts, &mut ids, opts.sort);
        }
        rows.reserve(ids.len() + 1);
        rows.push(Row::Header {
            group,
            count,
            shown: ids.len(),
            collapsed,
        });
        rows.extend(ids.into_iter().map(Row::Item));
    }
    Board {
        rows,
        counts,
        totals,
        next_deadline: next.map(|(_, _, i)| i),
        ended,
    }
}

impl Board {
    pub fn count(&self, group: Group) -> usize {
        self.counts[group.index()]
    }

    /// `(row index, payout index)` of every item row, in display order.
    pub fn item_rows(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.rows
            .iter()
            .enumerate()
            .filter_map(|(r, row)| match row {
                Row::Item(i) => Some((r, *i)),
                Row::Header { .. } => None,
            })
    }

    /// How many payouts it was built from (every payout is in one group's total).
    pub fn payouts_read(&self) -> usize {
        self.totals.iter().sum()
    }

    /// How many payouts ended with `ENDED[k]` at or after `since` (milliseconds).
    pub fn ended_since(&self, k: usize, since: i64) -> usize {
        self.ended
            .get(k)
            .map_or(0, |v| v.len() - v.partition_point(|&at| at < since))
    }

    /// The row showing payout `payout_index`, if it is listed.
    pub fn row_of(&self, payout_index: usize) -> Option<usize> {
        self.rows
            .iter()
            .position(|row| *row == Row::Item(payout_index))
    }

    /// The first header after `from_row`, wrapping to the first header of the board (`Tab`).
    /// None only for a board without headers (the default, empty board).
    pub fn next_header(&self, from_row: usize) -> Option<usize> {
        let is_header = |r: &usize| matches!(self.rows.get(*r), Some(Row::Header { .. }));
        (from_row.saturating_add(1)..self.rows.len())
            .find(is_header)
            .or_else(|| (0..self.rows.len()).find(is_header))
    }

    /// The group a row belongs to (its own header or the nearest header above it). The
    /// tests' view of the board; the dashboard keeps each payout's group itself.
    #[cfg(test)]
    pub fn group_at(&self, row: usize) -> Option<Group> {
        self.rows.get(..=row)?.iter().rev().find_map(|r| match r {
            Row::Header { group, .. } => Some(*group),
            Row::Item(_) => None,
        })
    }
}
