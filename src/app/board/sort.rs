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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Soonest deadline first (payouts without one after), then newest.
    #[default]
    Urgency,
    Newest,
    Oldest,
    /// Largest human amount first, compared exactly across decimals; unknown decimals last.
    AmountDesc,
    /// By network name, then urgency.
    Network,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [
        SortKey::Urgency,
        SortKey::Newest,
        SortKey::Oldest,
        SortKey::AmountDesc,
        SortKey::Network,
    ];

    /// The next order, cycling (the `s` key).
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Urgency => SortKey::Newest,
            SortKey::Newest => SortKey::Oldest,
            SortKey::Oldest => SortKey::AmountDesc,
            SortKey::AmountDesc => SortKey::Network,
            SortKey::Network => SortKey::Urgency,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Urgency => "deadline",
            SortKey::Newest => "newest",
            SortKey::Oldest => "oldest",
            SortKey::AmountDesc => "amount",
            SortKey::Network => "network",
        }
    }
}

/// Sort payout indices `ids` (into `payouts`) by `key`.
pub(super) fn sort_indices<S: Source + ?Sized>(payouts: &S, ids: &mut [usize], key: SortKey) {
    let entry = |i: usize| payouts.entry(i);
    match key {
        SortKey::Urgency => by_cached_key(ids, |i| entry(i).map(|e| urgency_key(&e))),
        SortKey::Newest => {
            by_cached_key(ids, |i| Reverse(entry(i).and_then(|e| e.glance().created)))
        }
        SortKey::Oldest => by_cached_key(ids, |i| {
            let c = entry(i).and_then(|e| e.glance().created);
            (c.is_none(), c)
        }),
        SortKey::AmountDesc => by_cached_key(ids, |i| {
            entry(i).map(|e| {
                let g = e.glance();
                (Reverse(AmountKey::of(g)), Reverse(g.created))
            })
        }),
        SortKey::Network => by_cached_key(ids, |i| {
            entry(i).map(|e| (e.glance().network, urgency_key(&e)))
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

fn by_cached_key<K: Ord>(ids: &mut [usize], key: impl Fn(usize) -> K) {
    let mut keyed: Vec<(K, usize)> = ids.iter().map(|&i| (key(i), i)).collect();
    keyed.sort_unstable();
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
