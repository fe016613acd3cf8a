//! Interned strings: each distinct value kept once and named by a 4-byte [`Sym`]. For the
//! fields a finished payout shares with thousands of others (wallet, network, token, status,
//! requester, reasons), never for its own ids.

use std::collections::HashMap;
use std::num::NonZeroU32;

/// An interned string; `Option<Sym>` is 4 bytes too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sym(NonZeroU32);

#[derive(Debug, Clone, Default)]
pub struct Symbols {
    strings: Vec<Box<str>>,
    index: HashMap<Box<str>, Sym>,
}

impl Symbols {
    /// The symbol of `s`, added when new; None only past 4 billion distinct strings.
    pub fn intern(&mut self, s: &str) -> Option<Sym> {
        if let Some(&sym) = self.index.get(s) {
            return Some(sym);
        }
        let sym = Sym(NonZeroU32::new(
            u32::try_from(self.strings.len()).ok()?.checked_add(1)?,
        )?);
        self.strings.push(s.into());
        self.index.insert(s.into(), sym);
        Some(sym)
    }

    /// The symbol of `s` if it was ever interned (looks, never adds).
    pub fn find(&self, s: &str) -> Option<Sym> {
        self.index.get(s).copied()
    }

    /// The string of `sym` (empty for a symbol of another table).
    pub fn get(&self, sym: Sym) -> &str {
        let i = sym.0.get() as usize - 1;
        self.strings.get(i).map_or("", |s| s)
    }

    /// Each symbol's position, from 0 to `len() - 1`: for tables indexed by symbol.
    pub fn slot(sym: Sym) -> usize {
        sym.0.get() as usize - 1
    }

    /// Every string, in symbol order (see [`Symbols::slot`]).
    pub fn strings(&self) -> impl Iterator<Item = &str> {
        self.strings.iter().map(|s| &**s)
    }

    pub fn len(&self) -> usize {
        self.strings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_once_and_gives_back_the_text() {
        let mut s = Symbols::default();
        let a = s.intern("USDC").unwrap();
        let b = s.intern("Polygon").unwrap();
        assert_eq!(s.intern("USDC"), Some(a));
        assert_ne!(a, b);
        assert_eq!((s.get(a), s.get(b)), ("USDC", "Polygon"));
        assert_eq!(s.find("Polygon"), Some(b));
        assert_eq!(s.find("Base"), None);
        assert_eq!(s.len(), 2);
        assert_eq!(s.intern(""), Some(Sym(NonZeroU32::new(3).unwrap())));
        assert_eq!(s.get(Sym(NonZeroU32::new(99).unwrap())), "");
    }
}
