//! The payouts of the emulated org, in creation order: the few that can still change as a
//! [`Tracked`] (payout and plan), every finished one as a [`FrozenPayout`] (~400 bytes
//! against ~3 KB), given back as a `Payout` when read. History is almost all finished.
//!
//! Positions never change (nothing is reordered or removed), so a position is a stable page
//! cursor. Every change to a payout goes through [`Store::tracked_mut`] (which thaws a frozen
//! one) and ends with [`Store::settle`] (which freezes it again once finished).

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};

use crate::dfns::compact::freeze;
pub use crate::dfns::compact::{FrozenPayout, Sym, Symbols};
use crate::dfns::model::{Payout, Timestamp};
use crate::emulator::lifecycle::{Plan, Tracked};
use crate::emulator::world::ListFilter;

/// One payout in the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Slot {
    /// Can still change (or could not be frozen).
    Live(Box<Tracked>),
    /// Finished, kept compactly.
    Frozen(FrozenPayout),
}

impl Slot {
    pub fn id(&self) -> &str {
        match self {
            Slot::Live(t) => &t.payout.id,
            Slot::Frozen(f) => f.id(),
        }
    }

    pub fn transfer_id(&self) -> Option<&str> {
        match self {
            Slot::Live(t) => t.payout.data.transfer_id.as_deref(),
            Slot::Frozen(f) => f.transfer_id(),
        }
    }
}

#[derive(Debug, Default)]
pub struct Store {
    slots: Vec<Slot>,
    by_id: HashMap<Box<str>, usize>,
    /// Positions of the payouts that can still change.
    active: BTreeSet<usize>,
    symbols: Symbols,
}

impl Store {
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub fn active_count(&self) -> usize {
        self.active.len()
    }

    /// How many payouts are kept compactly.
    pub fn frozen_count(&self) -> usize {
        self.slots
            .iter()
            .filter(|s| matches!(s, Slot::Frozen(_)))
            .count()
    }

    /// Room for `additional` more payouts, exactly (seeding knows how many).
    pub fn reserve(&mut self, additional: usize) {
        self.slots.reserve_exact(additional);
        self.by_id.reserve(additional);
    }

    /// `t` as the store keeps it: frozen when finished (and freezable), else live.
    pub fn seal(&mut self, t: Tracked) -> Slot {
        if t.is_finished()
            && let Some(f) = freeze(&t.payout, &mut self.symbols)
        {
            return Slot::Frozen(f);
        }
        Slot::Live(Box::new(t))
    }

    /// Appends a payout (creation order); answers its position.
    pub fn push(&mut self, slot: Slot) -> usize {
        let pos = self.slots.len();
        self.by_id.insert(slot.id().into(), pos);
        if let Slot::Live(t) = &slot
            && !t.is_finished()
        {
            self.active.insert(pos);
        }
        self.slots.push(slot);
        pos
    }

    pub fn insert(&mut self, t: Tracked) -> usize {
        let slot = self.seal(t);
        self.push(slot)
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn slot(&self, pos: usize) -> Option<&Slot> {
        self.slots.get(pos)
    }

    /// The payout at `pos`, as the API shows it.
    pub fn payout(&self, pos: usize) -> Option<Payout> {
        Some(match self.slots.get(pos)? {
            Slot::Live(t) => t.payout.clone(),
            Slot::Frozen(f) => f.thaw(&self.symbols),
        })
    }

    /// The payout at `pos`, for a change; a frozen one is thawed first (its plan is spent:
    /// a finished payout schedules nothing and refuses every action). [`Store::settle`]
    /// must follow.
    pub fn tracked_mut(&mut self, pos: usize) -> Option<&mut Tracked> {
        let slot = self.slots.get_mut(pos)?;
        if let Slot::Frozen(f) = slot {
            let payout = f.thaw(&self.symbols);
            let since = payout
                .date_finalized
                .as_ref()
                .and_then(Timestamp::instant)
                .or_else(|| payout.date_created.instant())
                .unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
            *slot = Slot::Live(Box::new(Tracked {
                payout,
                plan: Plan::spent(),
                since,
            }));
        }
        match slot {
            Slot::Live(t) => Some(t),
            Slot::Frozen(_) => None,
        }
    }

    /// After a change to the payout at `pos`: once finished, it leaves the active set and is
    /// kept compactly.
    pub fn settle(&mut self, pos: usize) {
        let Some(Slot::Live(t)) = self.slots.get(pos) else {
            return;
        };
        if !t.is_finished() {
            return;
        }
        self.active.remove(&pos);
        if let Some(f) = freeze(&t.payout, &mut self.symbols) {
            self.slots[pos] = Slot::Frozen(f);
        }
    }

    /// Runs `f` on every active payout, then settles the ones it finished.
    pub fn update_active(&mut self, mut f: impl FnMut(&mut Tracked)) {
        let mut finished = Vec::new();
        for &pos in &self.active {
            if let Some(Slot::Live(t)) = self.slots.get_mut(pos) {
                f(t);
                if t.is_finished() {
                    finished.push(pos);
                }
            }
        }
        for pos in finished {
            self.settle(pos);
        }
    }

    /// Newest first, from position `before` (exclusive) down; returns the page and the cursor
    /// of its last item when more may follow.
    pub fn list(
        &self,
        filter: &ListFilter,
        before: Option<usize>,
        limit: usize,
    ) -> (Vec<Payout>, Option<usize>) {
        let matcher = Matcher::new(filter, &self.symbols);
        let end = before.unwrap_or(self.slots.len()).min(self.slots.len());
        let mut items = Vec::with_capacity(limit.min(end));
        let mut last = None;
        for pos in (0..end).rev() {
            let slot = &self.slots[pos];
            if !matcher.matches(slot) {
                continue;
            }
            if items.len() == limit {
                // One more match exists: the page is full and a next page follows.
                return (items, last);
            }
            items.push(match slot {
                Slot::Live(t) => t.payout.clone(),
                Slot::Frozen(f) => f.thaw(&self.symbols),
            });
            last = Some(pos);
        }
        (items, None)
    }
}

/// A [`ListFilter`] with its strings looked up once, so a frozen payout is matched by
/// symbol without being thawed. A string never interned matches no frozen payout.
struct Matcher<'a> {
    filter: &'a ListFilter,
    wallet: Option<Option<Sym>>,
    status: Vec<Option<Sym>>,
    provider: Vec<Option<Sym>>,
}

impl<'a> Matcher<'a> {
    fn new(filter: &'a ListFilter, symbols: &Symbols) -> Self {
        Matcher {
            filter,
            wallet: filter.wallet_id.as_deref().map(|w| symbols.find(w)),
            status: filter
                .status
                .iter()
                .map(|s| symbols.find(s.as_str()))
                .collect(),
            provider: filter
                .provider
                .iter()
                .map(|p| symbols.find(p.as_str()))
                .collect(),
        }
    }

    fn matches(&self, slot: &Slot) -> bool {
        let f = self.filter;
        match slot {
            Slot::Live(t) => {
                let p = &t.payout;
                f.wallet_id.as_ref().is_none_or(|w| w == &p.wallet_id)
                    && (f.status.is_empty() || f.status.contains(&p.status))
                    && (f.provider.is_empty() || f.provider.contains(&p.provider))
            }
            Slot::Frozen(x) => {
                let one_of = |wanted: &[Option<Sym>], have: Option<Sym>| {
                    wanted.is_empty() || (have.is_some() && wanted.contains(&have))
                };
                self.wallet.is_none_or(|w| w.is_some() && w == x.wallet())
                    && one_of(&self.status, x.status())
                    && one_of(&self.provider, x.provider())
            }
        }
    }
}
