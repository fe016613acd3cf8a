//! The `/` filter: what to keep on the board, typed like k9s's.
//!
//! The text is split on whitespace into terms; a payout is kept when every term matches, so
//! "usdc polygon" narrows. A term is one of:
//! - free text: a case-insensitive substring of any field a row shows (id, external id,
//!   deposit address, status, execution status, network, token, requester, wallet), of the
//!   wallet's name or the requester's alias (`app::names`), or of the amount as shown
//!   ("12,500") or without separators ("12500");
//! - `status:`, `exec:`, `net:`, `token:`, `requester:`, `wallet:` + text: a substring of
//!   that field only (`status:fail`, `net:poly`); `wallet:` also of the wallet's name,
//!   `requester:` of the requester's alias; an empty value matches all;
//! - `me`: payouts I requested;
//! - `amount>N`, `amount>=N`, `amount<N`, `amount<=N`, `amount=N`: the amount in token
//!   units ("1,000.5" reads as 1000.5), compared exactly; a payout whose decimals are
//!   unknown has no comparable amount and does not match.
//!
//! A leading `!` inverts the whole filter. Matching allocates nothing for ASCII text, which is
//! all the API sends in practice, so a rebuild over 100 000 payouts stays cheap.

mod amount;
mod term;

use amount::amount_matches;
#[cfg(test)]
pub(super) use amount::display_amount;
use term::{Field, Kind, Term};

use super::sort::AmountKey;
use crate::app::names::Names;
use crate::app::payouts::Entry;
use crate::dfns::compact::{Glance, Symbols};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    text: String,
    terms: Vec<Term>,
    invert: bool,
}

impl Filter {
    /// Prepare `text` once: `!` prefix, terms, lower case.
    pub fn new(text: &str) -> Filter {
        let trimmed = text.trim_start();
        let (invert, rest) = match trimmed.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        Filter {
            text: text.to_owned(),
            terms: rest.split_whitespace().map(Term::parse).collect(),
            invert,
        }
    }

    /// The text as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when the filter lets everything through (no terms; a lone "!" excludes nothing).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether the payout (a `&Payout` or a [`Glance`]) passes, when my user id is unknown
    /// (`me` then matches nothing).
    pub fn matches<'a>(&self, p: impl Into<Glance<'a>>) -> bool {
        self.matches_for(p, None)
    }

    /// Whether the payout passes; `me` is my user id.
    pub fn matches_for<'a>(&self, p: impl Into<Glance<'a>>, me: Option<&str>) -> bool {
        self.matches_named(p, me, &Names::default())
    }

    /// Whether the payout passes; `me` is my user id, `names` the wallets' names and the
    /// users' aliases.
    pub fn matches_named<'a>(
        &self,
        p: impl Into<Glance<'a>>,
        me: Option<&str>,
        names: &Names,
    ) -> bool {
        if self.terms.is_empty() {
            return true;
        }
        let g = p.into();
        self.terms.iter().all(|t| term_matches(t, &g, me, names)) != self.invert
    }

    /// Ready for payouts frozen against `symbols` (None: no frozen payouts); `me` is my user
    /// id, `names` the wallets' names and users' aliases. Each text or field term is decided
    /// once per interned string — the string itself, or the name of the id it is.
    pub fn prepare<'a>(
        &'a self,
        symbols: Option<&'a Symbols>,
        me: Option<&'a str>,
        names: &'a Names,
    ) -> Prepared<'a> {
        let hits = match symbols {
            Some(table) if !self.terms.is_empty() => self
                .terms
                .iter()
                .map(|t| {
                    let field = match &t.kind {
                        Kind::Text { .. } => None,
                        Kind::Field(f) => Some(*f),
                        Kind::Me | Kind::Amount(..) => return Vec::new(),
                    };
                    table
                        .strings()
                        .map(|s| {
                            contains_ci(s, &t.lower) || name_matches(names, field, s, &t.lower)
                        })
                        .collect()
                })
                .collect(),
            _ => Vec::new(),
        };
        Prepared {
            filter: self,
            symbols,
            me,
            names,
            hits,
        }
    }
}

/// A filter made ready for one store: each term decided once for every interned string, so
/// a frozen payout's shared fields are matched by looking up its symbols, and only its own
/// strings (id, external id, deposit address) and amount are searched as text.
pub struct Prepared<'a> {
    filter: &'a Filter,
    symbols: Option<&'a Symbols>,
    me: Option<&'a str>,
    names: &'a Names,
    /// Per term: whether symbol slot `i`, or the name of the id it is, contains it (text and
    /// field terms).
    hits: Vec<Vec<bool>>,
}

impl Prepared<'_> {
    pub fn matches(&self, e: &Entry<'_>) -> bool {
        let f = self.filter;
        if f.terms.is_empty() {
            return true;
        }
        match *e {
            Entry::Frozen(frozen, table)
                if self.symbols.is_some_and(|mine| std::ptr::eq(mine, table)) =>
            {
                let s = frozen.searched();
                let hit = |hits: &Vec<bool>, sym: Option<crate::dfns::compact::Sym>| {
                    sym.is_some_and(|sym| hits.get(Symbols::slot(sym)).copied().unwrap_or(false))
                };
                let all = f
                    .terms
                    .iter()
                    .zip(&self.hits)
                    .all(|(t, hits)| match &t.kind {
                        Kind::Text {
                            amount_like,
                            amount_core,
                        } => {
                            // Cheapest first: symbol lookups, the amount (refused on its
                            // digits), then the own strings' text.
                            s.shared.iter().any(|&sym| hit(hits, sym))
                                || (*amount_like
                                    && amount_matches(s.amount, s.decimals, &t.lower, amount_core))
                                || s.own.iter().flatten().any(|hay| own_contains(t, hay))
                        }
                        Kind::Field(field) => {
                            t.lower.is_empty() || hit(hits, s.shared[field.searched_slot()])
                        }
                        Kind::Me => {
                            let requester = s.shared[Field::Requester.searched_slot()];
                            self.me
                                .is_some_and(|me| requester.is_some_and(|r| table.get(r) == me))
                        }
                        Kind::Amount(cmp, limit) => amount_key(s.amount, s.decimals)
                            .is_some_and(|a| cmp.holds(a.cmp(&limit.key()))),
                    });
                all != f.invert
            }
            _ => f.matches_named(e.glance(), self.me, self.names),
        }
    }
}

fn amount_key(amount: &str, decimals: Option<u8>) -> Option<AmountKey<'_>> {
    AmountKey::new(amount, decimals?)
}

/// One term against a payout's glance. The fields free text is looked for in are the ones
/// [`FrozenPayout::searched`](crate::dfns::compact::FrozenPayout::searched) names (a test
/// builds the board both ways and compares).
fn term_matches(t: &Term, p: &Glance<'_>, me: Option<&str>, names: &Names) -> bool {
    match &t.kind {
        Kind::Text {
            amount_like,
            amount_core,
        } => {
            let own = [Some(p.id), p.external_id, p.deposit_address];
            // The fields a frozen payout shares as symbols: matched by name too, as
            // `Filter::prepare` decides per symbol.
            let shared = [
                Some(p.status),
                Some(p.execution_status),
                Some(p.network),
                p.symbol,
                p.requester,
                Some(p.wallet_id),
            ];
            own.into_iter().flatten().any(|hay| own_contains(t, hay))
                || shared.into_iter().flatten().any(|hay| {
                    contains_ci(hay, &t.lower) || name_matches(names, None, hay, &t.lower)
                })
                || (*amount_like && amount_matches(p.amount, p.decimals, &t.lower, amount_core))
        }
        Kind::Field(field) => {
            t.lower.is_empty()
                || field.of(p).is_some_and(|hay| {
                    contains_ci(hay, &t.lower) || name_matches(names, Some(*field), hay, &t.lower)
                })
        }
        Kind::Me => me.is_some_and(|me| p.requester == Some(me)),
        Kind::Amount(cmp, limit) => {
            amount_key(p.amount, p.decimals).is_some_and(|a| cmp.holds(a.cmp(&limit.key())))
        }
    }
}

/// Whether the name `id` goes by contains `needle` (lower-case): a wallet's name for
/// `wallet:`, a user's alias for `requester:`, either for free text (`field` None); other
/// fields have no names.
fn name_matches(names: &Names, field: Option<Field>, id: &str, needle: &str) -> bool {
    let wallet = || names.wallet(id).is_some_and(|n| contains_ci(n, needle));
    let user = || names.user(id).is_some_and(|n| contains_ci(n, needle));
    match field {
        None => wallet() || user(),
        Some(Field::Wallet) => wallet(),
        Some(Field::Requester) => user(),
        Some(_) => false,
    }
}

/// Free text `t` in a payout's own string (id, external id, deposit address).
fn own_contains(t: &Term, hay: &str) -> bool {
    t.caseless
        .find_in(hay)
        .unwrap_or_else(|| contains_ci(hay, &t.lower))
}

/// `needle` is already lower-case and not empty.
fn contains_ci(hay: &str, needle: &str) -> bool {
    if needle.is_ascii() {
        if contains_ascii_ci(hay.as_bytes(), needle.as_bytes()) {
            return true;
        }
        // A few non-ASCII letters lower-case to ASCII (the Kelvin sign to 'k'); only then is
        // the slow path needed.
        if hay.is_ascii() {
            return false;
        }
    }
    // Rare: non-ASCII text, where lower-casing can change lengths. Allocating is fine here.
    hay.to_lowercase().contains(needle)
}

/// ASCII case-insensitive substring search; `needle` is lower-case. Scans for the first byte
/// (either case) and compares the rest only there: this runs for every field of every payout.
fn contains_ascii_ci(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    if needle.len() > hay.len() {
        return false;
    }
    let upper = first.to_ascii_uppercase();
    let last_start = hay.len() - needle.len();
    memchr::memchr2_iter(first, upper, &hay[..=last_start])
        .any(|i| hay[i + 1..i + needle.len()].eq_ignore_ascii_case(rest))
}
