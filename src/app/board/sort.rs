//! Sort orders within a group. Keys are computed once per payout, then the (key, index) pairs
//! are sorted, so a sort over 100 000 payouts does no repeated parsing. The payout index is the
//! last element of every key: the order is total and the same on every rebuild.
//!
//! Nothing here reads the clock: urgency is the deadline *instant*, which orders payouts the
//! same way as the time left does at any `now`.

use std::cmp::{Ordering, Reverse};

use chrono::{DateTime, Utc};

use super::Source;
use crate::app::countdown;
use crate::app::payouts::Entry;
use crate::dfns::compact::Glance;

/// What a group's rows are sorted by: one column of the table each. The direction is
/// [`Sort`]'s; each key has the direction an operator reaches for first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// The deadline (payouts without one after, newest first among them).
    #[default]
    Urgency,
    /// When the payout was made.
    Created,
    /// The human amount, compared exactly across decimals; unknown decimals last.
    Amount,
    /// The network's name, then urgency.
    Network,
}

impl SortKey {
    /// The picker's order.
    pub const ALL: [SortKey; 4] = [
        SortKey::Urgency,
        SortKey::Created,
        SortKey::Amount,
        SortKey::Network,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Urgency => "deadline",
            SortKey::Created => "created",
            SortKey::Amount => "amount",
            SortKey::Network => "network",
        }
    }

    /// The direction picking the key gives: soonest deadline, newest, largest, A to Z.
    pub const fn descending_first(self) -> bool {
        matches!(self, SortKey::Created | SortKey::Amount)
    }

    /// What the order means, in the operator's words.
    pub fn words(self, descending: bool) -> &'static str {
        match (self, descending) {
            (SortKey::Urgency, false) => "soonest first",
            (SortKey::Urgency, true) => "latest first",
            (SortKey::Created, true) => "newest first",
            (SortKey::Created, false) => "oldest first",
            (SortKey::Amount, true) => "largest first",
            (SortKey::Amount, false) => "smallest first",
            (SortKey::Network, false) => "A to Z",
            (SortKey::Network, true) => "Z to A",
        }
    }
}

/// A sort order: the key and its direction. Payouts the key knows nothing about (no
/// deadline, no date, unknown decimals) stay last in both directions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Sort::by(SortKey::default())
    }
}

impl Sort {
    /// Every order: each key both ways.
    pub const ALL: [Sort; 8] = [
        Sort::by(SortKey::Urgency),
        Sort::by(SortKey::Urgency).reversed(),
        Sort::by(SortKey::Created),
        Sort::by(SortKey::Created).reversed(),
        Sort::by(SortKey::Amount),
        Sort::by(SortKey::Amount).reversed(),
        Sort::by(SortKey::Network),
        Sort::by(SortKey::Network).reversed(),
    ];

    /// `key` in its first direction ([`SortKey::descending_first`]).
    pub const fn by(key: SortKey) -> Sort {
        Sort {
            key,
            descending: key.descending_first(),
        }
    }

    pub const fn reversed(self) -> Sort {
        Sort {
            key: self.key,
            descending: !self.descending,
        }
    }

    /// What the sort picker's row for `key` offers while `self` is in use: this order for
    /// its own key, else the key's first direction. Enter sorts so, `s` the other way.
    pub fn offered(self, key: SortKey) -> Sort {
        if self.key == key { self } else { Sort::by(key) }
    }

    /// ▲ ascending, ▼ descending: the table header's mark on the sorted column.
    pub fn arrow(self) -> &'static str {
        if self.descending { "▼" } else { "▲" }
    }

    /// "deadline ▲ soonest first": the status bar's and the picker's words.
    pub fn describe(self) -> String {
        format!(
            "{} {} {}",
            self.key.label(),
            self.arrow(),
            self.key.words(self.descending)
        )
    }
}

/// Sort payout indices `ids` (into `payouts`) by `sort`. Ties on the key fall back to a
/// fixed order whichever the direction (newest first; by urgency within a network).
pub(super) fn sort_indices<S: Source + ?Sized>(payouts: &S, ids: &mut [usize], sort: Sort) {
    let entry = |i: usize| payouts.entry(i);
    let desc = sort.descending;
    match sort.key {
        SortKey::Urgency => by_cached_key(ids, desc, |i| {
            let e = entry(i)?;
            let (missing, d, newest) = urgency_key(&e);
            Some((missing, d, newest))
        }),
        SortKey::Created => by_cached_key(ids, desc, |i| {
            let c = entry(i)?.glance().created;
            Some((c.is_none(), c, ()))
        }),
        SortKey::Amount => by_cached_key(ids, desc, |i| {
            let g = entry(i)?.glance();
            let a = AmountKey::of(g);
            Some((a.is_none(), a, Reverse(g.created)))
        }),
        SortKey::Network => by_cached_key(ids, desc, |i| {
            let e = entry(i)?;
            Some((false, e.glance().network, urgency_key(&e)))
        }),
    }
}

pub(super) fn newest_finished<S: Source + ?Sized>(payouts: &S, ids: &mut Vec<usize>, limit: usize) {
    let mut keyed: Vec<_> = ids
        .iter()
        .map(|&i| {
            let at = payouts.entry(i).and_then(|e| e.finished_ms());
            (Reverse(at), i)
        })
        .collect();
    if limit == 0 {
        keyed.clear();
    } else if limit < keyed.len() {
        keyed.select_nth_unstable(limit - 1);
        keyed.truncate(limit);
    }
    keyed.sort_unstable();
    ids.clear();
    ids.extend(keyed.into_iter().map(|(_, i)| i));
}

/// Sorts `ids` by a key computed once per payout: `(missing, value, then)`. A payout
/// missing the key (or missing itself) goes last in both directions, `value` is reversed
/// when `descending`, `then` breaks its ties the same way in both, and the payout index
/// last, so the order is total.
fn by_cached_key<K: Ord, T: Ord>(
    ids: &mut [usize],
    descending: bool,
    key: impl Fn(usize) -> Option<(bool, K, T)>,
) {
    let mut keyed: Vec<_> = ids.iter().map(|&i| (key(i), i)).collect();
    keyed.sort_unstable_by(|(a, i), (b, j)| {
        let by_key = match (a, b) {
            (Some(a), Some(b)) => {
                let value = a.1.cmp(&b.1);
                let value = if descending { value.reverse() } else { value };
                a.0.cmp(&b.0).then(value).then_with(|| a.2.cmp(&b.2))
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        by_key.then(i.cmp(j))
    });
    for (slot, (_, i)) in ids.iter_mut().zip(keyed) {
        *slot = i;
    }
}

type Instant = Option<DateTime<Utc>>;

/// Soonest deadline first, then the ones without (a frozen payout is finished: none).
fn urgency_key(e: &Entry<'_>) -> (bool, Instant, Reverse<Instant>) {
    let d = match e {
        Entry::Whole(p) => countdown::deadline(p).map(|d| d.at),
        Entry::Frozen(..) => None,
    };
    (d.is_none(), d, Reverse(e.glance().created))
}

#[derive(Debug, Clone, Copy)]
pub(super) struct AmountKey<'a> {
    digits: &'a [u8],
    decimals: u8,
}

impl<'a> AmountKey<'a> {
    /// Zero.
    pub(super) fn zero() -> AmountKey<'static> {
        AmountKey {
            digits: b"0",
            decimals: 0,
        }
    }

    /// None when the decimals are unknown or the amount is not digits.
    pub(super) fn of(g: Glance<'a>) -> Option<AmountKey<'a>> {
        AmountKey::new(g.amount, g.decimals?)
    }

    pub(super) fn new(amount: &'a str, decimals: u8) -> Option<AmountKey<'a>> {
        if amount.is_empty() || !amount.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let t = amount.trim_start_matches('0');
        let digits = if t.is_empty() { "0" } else { t }.as_bytes();
        Some(AmountKey { digits, decimals })
    }

    fn is_zero(&self) -> bool {
        self.digits == b"0"
    }

    /// Power of ten of the leading digit.
    fn top_place(&self) -> isize {
        // Lengths are bounded by the payload size; isize cannot overflow here.
        self.digits.len() as isize - 1 - isize::from(self.decimals)
    }
}

impl Ord for AmountKey<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.is_zero(), other.is_zero()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
        self.top_place().cmp(&other.top_place()).then_with(|| {
            // Same leading place: digit i of both has the same weight; missing digits are 0.
            let len = self.digits.len().max(other.digits.len());
            (0..len)
                .map(|i| {
                    let a = self.digits.get(i).copied().unwrap_or(b'0');
                    let b = other.digits.get(i).copied().unwrap_or(b'0');
                    a.cmp(&b)
                })
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        })
    }
}

impl PartialOrd for AmountKey<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for AmountKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for AmountKey<'_> {}
