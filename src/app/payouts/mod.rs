//! Every payout the dashboard has seen, in arrival order, kept small: the few that can still
//! change whole, every finished one frozen (`dfns::compact`, ~400 bytes against ~2.2 KB).
//! History is almost all finished, and a jump host is shared: ten engineers on a busy org
//! must not hold gigabytes for rows nobody looks at.
//!
//! Positions never change (the board and the selection index into them). The board reads
//! every payout through a [`Glance`], frozen or not; a screen needs whole payouts only for
//! the rows it shows, which [`Payouts::get`] thaws — from the copies [`Payouts::keep_thawed`]
//! made for the rows in view, so a frame thaws nothing.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;

use crate::dfns::compact::{self, FrozenPayout, Glance, Symbols};
use crate::dfns::model::Payout;

#[derive(Debug, Clone, PartialEq)]
enum Kept {
    /// Can still change (or could not be frozen exactly).
    Whole(Box<Payout>),
    Frozen(FrozenPayout),
}

impl Kept {
    fn id(&self) -> &str {
        match self {
            Kept::Whole(p) => &p.id,
            Kept::Frozen(f) => f.id(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Slot {
    kept: Kept,
    /// The generation of the read it came from: an older read never overwrites a newer one.
    generation: u64,
}

/// One payout, as the board reads it.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    Whole(&'a Payout),
    /// Finished (only finished payouts are frozen), read in place.
    Frozen(&'a FrozenPayout, &'a Symbols),
}

impl<'a> Entry<'a> {
    pub fn glance(&self) -> Glance<'a> {
        match *self {
            Entry::Whole(p) => Glance::from(p),
            Entry::Frozen(f, symbols) => f.glance(symbols),
        }
    }

    /// The top-level status, verbatim.
    pub fn status(&self) -> &'a str {
        match *self {
            Entry::Whole(p) => p.status.as_str(),
            Entry::Frozen(f, symbols) => f.status().map_or("", |s| symbols.get(s)),
        }
    }

    /// When it finished (`dateFinalized`, else `dateCreated`), in milliseconds: the order of
    /// the finished history, read without building a glance (100 000 of them per rebuild).
    pub fn finished_ms(&self) -> Option<i64> {
        match *self {
            Entry::Whole(p) => p
                .date_finalized
                .as_ref()
                .and_then(|t| t.instant())
                .or_else(|| p.date_created.instant())
                .map(|t| t.timestamp_millis()),
            Entry::Frozen(f, _) => f.finished_ms(),
        }
    }
}

/// The slots in chunks of a fixed size: a `Vec` doubles as it grows, and at 100 000 payouts
/// of 160 bytes its spare capacity was ~5 MB (and each doubling left the old block behind in
/// the heap); chunks waste at most one chunk. Twenty lines, so no crate for it.
#[derive(Debug, Clone, Default)]
struct Slots {
    chunks: Vec<Vec<Slot>>,
    len: usize,
}

/// Slots per chunk (~160 KB).
const CHUNK: usize = 1024;

impl Slots {
    fn len(&self) -> usize {
        self.len
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn get(&self, i: usize) -> Option<&Slot> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    fn get_mut(&mut self, i: usize) -> Option<&mut Slot> {
        self.chunks.get_mut(i / CHUNK)?.get_mut(i % CHUNK)
    }

    fn push(&mut self, slot: Slot) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < CHUNK => last.push(slot),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(slot);
                self.chunks.push(chunk);
            }
        }
        self.len += 1;
    }
}

#[derive(Debug, Clone, Default)]
pub struct Payouts {
    slots: Slots,
    /// Positions, hashed by the id their payout holds (no second copy of the id).
    index: HashTable<u32>,
    hasher: RandomState,
    symbols: Symbols,
    /// Whole copies of frozen payouts on screen, made outside rendering.
    thawed: HashMap<usize, Payout>,
}

impl PartialEq for Payouts {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && (0..self.len()).all(|i| self.get(i) == other.get(i))
    }
}

impl Payouts {
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The table the frozen payouts' shared strings are interned in.
    pub fn symbols(&self) -> &Symbols {
        &self.symbols
    }

    /// How many are kept frozen.
    pub fn frozen_count(&self) -> usize {
        self.slots
            .chunks
            .iter()
            .flatten()
            .filter(|s| matches!(s.kept, Kept::Frozen(_)))
            .count()
    }

    /// The payout at `i`, whole: borrowed unless it is frozen and not in view.
    pub fn get(&self, i: usize) -> Option<Cow<'_, Payout>> {
        Some(match &self.slots.get(i)?.kept {
            Kept::Whole(p) => Cow::Borrowed(&**p),
            Kept::Frozen(f) => match self.thawed.get(&i) {
                Some(p) => Cow::Borrowed(p),
                None => Cow::Owned(f.thaw(&self.symbols)),
            },
        })
    }

    /// The payout at `i` for the board.
    pub fn entry(&self, i: usize) -> Option<Entry<'_>> {
        Some(match &self.slots.get(i)?.kept {
            Kept::Whole(p) => Entry::Whole(p),
            Kept::Frozen(f) => Entry::Frozen(f, &self.symbols),
        })
    }

    pub fn id(&self, i: usize) -> Option<&str> {
        self.slots.get(i).map(|s| s.kept.id())
    }

    /// The position of the payout `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(id);
        self.index
            .find(hash, |&i| self.id(i as usize) == Some(id))
            .map(|&i| i as usize)
    }

    /// Inserts or replaces a payout, unless a read of a later generation already holds it.
    /// Returns whether anything changed.
    pub fn upsert(&mut self, p: Payout, generation: u64) -> bool {
        let kept = self.keep(p);
        let id = kept.id();
        if let Some(i) = self.position(id) {
            let Some(slot) = self.slots.get_mut(i) else {
                return false;
            };
            if generation < slot.generation || slot.kept == kept {
                return false;
            }
            *slot = Slot { kept, generation };
            self.thawed.remove(&i);
            return true;
        }
        // Past 4 billion payouts the index would wrap; refuse rather than mislead.
        let Ok(pos) = u32::try_from(self.slots.len()) else {
            return false;
        };
        let hash = self.hasher.hash_one(id);
        let (slots, hasher) = (&self.slots, &self.hasher);
        self.index.insert_unique(hash, pos, |&i| {
            hasher.hash_one(slots.get(i as usize).map_or("", |s| s.kept.id()))
        });
        self.slots.push(Slot { kept, generation });
        true
    }

    /// Frozen when finished and freezable (a finished payout with members this build does
    /// not know stays whole, so they are shown and written back).
    fn keep(&mut self, p: Payout) -> Kept {
        if p.status.is_terminal()
            && let Some(f) = compact::freeze(&p, &mut self.symbols)
        {
            return Kept::Frozen(f);
        }
        Kept::Whole(Box::new(p))
    }

    /// Keeps whole copies of the frozen payouts at `positions` (the rows in view and the
    /// selection) and drops the others, so rendering them thaws nothing. Called after every
    /// message (the 1 Hz tick too): when the same rows are in view, it changes nothing.
    pub fn keep_thawed(&mut self, positions: impl IntoIterator<Item = usize>) {
        let mut wanted: Vec<usize> = positions
            .into_iter()
            .filter(|&i| matches!(self.slots.get(i), Some(s) if matches!(s.kept, Kept::Frozen(_))))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        if wanted.len() == self.thawed.len() && wanted.iter().all(|i| self.thawed.contains_key(i)) {
            return;
        }
        let mut keep = HashMap::with_capacity(wanted.len());
        for i in wanted {
            let Some(Slot {
                kept: Kept::Frozen(f),
                ..
            }) = self.slots.get(i)
            else {
                continue;
            };
            let p = self
                .thawed
                .remove(&i)
                .unwrap_or_else(|| f.thaw(&self.symbols));
            keep.insert(i, p);
        }
        self.thawed = keep;
    }
}

#[cfg(test)]
mod tests;
