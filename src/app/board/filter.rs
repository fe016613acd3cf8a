//! The `/` filter: case-insensitive substring search over what a row shows.
//!
//! The text is split on whitespace into terms; a payout matches when every term occurs in at
//! least one of its fields (so "usdc polygon" narrows). A leading `!` inverts the whole filter.
//! Matching allocates nothing for ASCII text, which is all the API sends in practice, so a
//! rebuild over 100 000 payouts stays cheap; the amount is rendered into a stack buffer.

use std::cmp::Ordering;

use crate::app::payouts::Entry;
use crate::dfns::amount::{MAX_BASE_UNITS, MAX_DECIMALS, compare_base};
use crate::dfns::compact::{Glance, Symbols};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    text: String,
    terms: Vec<Term>,
    invert: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    /// Lower-cased.
    lower: String,
    /// Only digits, ',' and '.': the only terms that can occur in an amount.
    amount_like: bool,
    /// The term's digits without separators or zeros at either end: any amount whose
    /// display contains the term has these in its base units (the display only adds
    /// separators, a leading "0." and zeros), so most amounts are refused unformatted.
    amount_core: Vec<u8>,
}

impl Filter {
    /// Prepare `text` once: `!` prefix, terms, lower case.
    pub fn new(text: &str) -> Filter {
        let trimmed = text.trim_start();
        let (invert, rest) = match trimmed.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let terms = rest
            .split_whitespace()
            .map(|t| {
                let lower = t.to_lowercase();
                let amount_like = lower.bytes().any(|b| b.is_ascii_digit())
                    && lower
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.');
                let digits: Vec<u8> = lower.bytes().filter(u8::is_ascii_digit).collect();
                let start = digits
                    .iter()
                    .position(|&b| b != b'0')
                    .unwrap_or(digits.len());
                let end = digits
                    .iter()
                    .rposition(|&b| b != b'0')
                    .map_or(start, |e| e + 1);
                let amount_core = digits[start..end].to_vec();
                Term {
                    lower,
                    amount_like,
                    amount_core,
                }
            })
            .collect();
        Filter {
            text: text.to_owned(),
            terms,
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

    /// Whether the payout (a `&Payout` or a [`Glance`]) passes.
    pub fn matches<'a>(&self, p: impl Into<Glance<'a>>) -> bool {
        if self.terms.is_empty() {
            return true;
        }
        let g = p.into();
        self.terms.iter().all(|t| term_matches(t, &g)) != self.invert
    }
}

/// A filter made ready for one store: each term decided once for every interned string, so
/// a frozen payout's shared fields are matched by looking up its symbols, and only its own
/// strings (id, external id, deposit address) and amount are searched as text.
pub struct Prepared<'a> {
    filter: &'a Filter,
    symbols: Option<&'a Symbols>,
    /// Per term: whether symbol slot `i` contains it.
    hits: Vec<Vec<bool>>,
}

impl Filter {
    /// Ready for payouts frozen against `symbols` (None: no frozen payouts).
    pub fn prepare<'a>(&'a self, symbols: Option<&'a Symbols>) -> Prepared<'a> {
        let hits = match symbols {
            Some(table) if !self.terms.is_empty() => self
                .terms
                .iter()
                .map(|t| table.strings().map(|s| contains_ci(s, &t.lower)).collect())
                .collect(),
            _ => Vec::new(),
        };
        Prepared {
            filter: self,
            symbols,
            hits,
        }
    }
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
                let all = f.terms.iter().zip(&self.hits).all(|(t, hits)| {
                    s.own.iter().flatten().any(|hay| contains_ci(hay, &t.lower))
                        || s.shared
                            .iter()
                            .flatten()
                            .any(|&sym| hits.get(Symbols::slot(sym)).copied().unwrap_or(false))
                        || (t.amount_like && amount_matches(s.amount, s.decimals, t))
                });
                all != f.invert
            }
            _ => f.matches(e.glance()),
        }
    }
}

/// The fields a term is looked for in; [`FrozenPayout::searched`](crate::dfns::compact::FrozenPayout::searched)
/// names the same ones (a test builds the board both ways and compares).
fn term_matches(t: &Term, p: &Glance<'_>) -> bool {
    let text_fields = [
        Some(p.id),
        p.external_id,
        p.deposit_address,
        Some(p.status),
        Some(p.execution_status),
        Some(p.network),
        p.symbol,
        p.requester,
        Some(p.wallet_id),
    ];
    if text_fields
        .into_iter()
        .flatten()
        .any(|hay| contains_ci(hay, &t.lower))
    {
        return true;
    }
    t.amount_like && amount_matches(p.amount, p.decimals, t)
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

/// The amount as displayed (`format_human`, e.g. "12,500.00") and without separators
/// ("12500.00"). When the decimals are unknown or the amount is not valid, the row shows the
/// raw base units, so those are searched instead.
fn amount_matches(amount: &str, decimals: Option<u8>, t: &Term) -> bool {
    if !bytes_contain(amount.as_bytes(), &t.amount_core) {
        return false;
    }
    let needle = t.lower.as_bytes();
    let mut buf = [0u8; DISPLAY_MAX];
    let shown = decimals.and_then(|d| display_amount(amount, d, &mut buf));
    let Some(len) = shown else {
        return bytes_contain(amount.as_bytes(), needle);
    };
    let shown = &buf[..len];
    if bytes_contain(shown, needle) {
        return true;
    }
    let mut plain = [0u8; DISPLAY_MAX];
    let mut n = 0;
    for &b in shown.iter().filter(|&&b| b != b',') {
        plain[n] = b;
        n += 1;
    }
    bytes_contain(&plain[..n], needle)
}

fn bytes_contain(hay: &[u8], needle: &[u8]) -> bool {
    // Amounts are short: a plain scan beats a searcher's set-up.
    needle.is_empty()
        || (needle.len() <= hay.len() && hay.windows(needle.len()).any(|w| w == needle))
}

/// Longest display: 78 integer digits + 25 commas + "." + 36 fraction digits = 140.
const DISPLAY_MAX: usize = 160;

/// `format_human(base, decimals)` written into `out` without allocating; None where
/// `format_human` would fail. Kept equal to it by a property test.
pub(super) fn display_amount(
    base: &str,
    decimals: u8,
    out: &mut [u8; DISPLAY_MAX],
) -> Option<usize> {
    if decimals > MAX_DECIMALS || base.is_empty() || !base.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let trimmed = base.trim_start_matches('0');
    let digits = if trimmed.is_empty() { "0" } else { trimmed }.as_bytes();
    if compare_base_bytes(digits) == Ordering::Greater {
        return None;
    }
    let places = usize::from(decimals);
    // Integer part (at least "0") and fraction (trailing zeros trimmed, padded to min(2, d)).
    let (int, frac): (&[u8], &[u8]) = if digits.len() > places {
        digits.split_at(digits.len() - places)
    } else {
        (b"0", digits)
    };
    let lead_zeros = places.saturating_sub(digits.len());
    let frac_sig = {
        let mut end = frac.len();
        while end > 0 && frac[end - 1] == b'0' {
            end -= 1;
        }
        &frac[..end]
    };
    let mut n = 0;
    let mut push = |b: u8| {
        // Bounded by DISPLAY_MAX (see there); a longer result is refused below, not a panic.
        if let Some(slot) = out.get_mut(n) {
            *slot = b;
        }
        n += 1;
    };
    for (i, &b) in int.iter().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            push(b',');
        }
        push(b);
    }
    let frac_len = if frac_sig.is_empty() {
        0
    } else {
        lead_zeros + frac_sig.len()
    };
    let shown_frac = frac_len.max(places.min(2));
    if shown_frac > 0 {
        push(b'.');
        for i in 0..shown_frac {
            // Zeros before the significant digits, the digits, then padding zeros.
            let b = i
                .checked_sub(lead_zeros)
                .and_then(|j| frac_sig.get(j))
                .copied()
                .unwrap_or(b'0');
            push(b);
        }
    }
    (n <= DISPLAY_MAX).then_some(n)
}

fn compare_base_bytes(digits: &[u8]) -> Ordering {
    // Digits are ASCII, so the str view is free.
    match std::str::from_utf8(digits) {
        Ok(s) => compare_base(s, MAX_BASE_UNITS),
        Err(_) => Ordering::Greater,
    }
}
