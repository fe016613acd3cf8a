//! One term of the filter, parsed once when the filter is typed.

use std::cmp::Ordering;

use crate::app::board::sort::AmountKey;
use crate::dfns::compact::Glance;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Term {
    /// Lower-cased: the whole term for free text, the value for a field term.
    pub lower: String,
    pub kind: Kind,
    /// For a term without letters, its searcher, built once.
    pub caseless: Caseless,
}

/// A substring searcher for a term without letters (digits and punctuation read the same in
/// any case, and no lower-casing turns other text into them), built once: every payout's own
/// strings are scanned with it, where a case-insensitive scan compares byte by byte. Not part
/// of what a term says: it follows `lower`, so every two are equal.
#[derive(Debug, Clone, Default)]
pub(super) struct Caseless(Option<memchr::memmem::Finder<'static>>);

impl PartialEq for Caseless {
    fn eq(&self, _: &Caseless) -> bool {
        true
    }
}

impl Eq for Caseless {}

impl Caseless {
    fn for_term(lower: &str) -> Caseless {
        let plain = !lower.is_empty()
            && lower.is_ascii()
            && !lower.bytes().any(|b| b.is_ascii_alphabetic());
        Caseless(plain.then(|| memchr::memmem::Finder::new(lower.as_bytes()).into_owned()))
    }

    /// Whether `hay` contains the term, when this searcher can tell.
    pub(super) fn find_in(&self, hay: &str) -> Option<bool> {
        self.0.as_ref().map(|f| f.find(hay.as_bytes()).is_some())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    /// Any field the row shows.
    Text {
        /// Only digits, ',' and '.': the only terms that can occur in an amount.
        amount_like: bool,
        /// The term's digits without separators or zeros at either end: any amount whose
        /// display contains the term has these in its base units (the display only adds
        /// separators, a leading "0." and zeros), so most amounts are refused unformatted.
        amount_core: Vec<u8>,
    },
    /// One field (`status:…`).
    Field(Field),
    /// `me`: payouts I requested.
    Me,
    /// `amount>…` and the like.
    Amount(Cmp, Limit),
}

/// The fields a term can name, with the word typed before the colon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Status,
    Exec,
    Net,
    Token,
    Requester,
    Wallet,
}

impl Field {
    pub(super) const ALL: [(&'static str, Field); 6] = [
        ("status:", Field::Status),
        ("exec:", Field::Exec),
        ("net:", Field::Net),
        ("token:", Field::Token),
        ("requester:", Field::Requester),
        ("wallet:", Field::Wallet),
    ];

    pub(super) fn of<'a>(self, g: &Glance<'a>) -> Option<&'a str> {
        match self {
            Field::Status => Some(g.status),
            Field::Exec => Some(g.execution_status),
            Field::Net => Some(g.network),
            Field::Token => g.symbol,
            Field::Requester => g.requester,
            Field::Wallet => Some(g.wallet_id),
        }
    }

    /// Its place in `FrozenPayout::searched().shared` (status, execution status, network,
    /// token symbol, requester, wallet).
    pub(super) fn searched_slot(self) -> usize {
        match self {
            Field::Status => 0,
            Field::Exec => 1,
            Field::Net => 2,
            Field::Token => 3,
            Field::Requester => 4,
            Field::Wallet => 5,
        }
    }
}

/// The comparison of an amount term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cmp {
    Above,
    AtLeast,
    Below,
    AtMost,
    Equal,
}

impl Cmp {
    /// `amount.cmp(limit)` satisfies this comparison.
    pub(super) fn holds(self, o: Ordering) -> bool {
        match self {
            Cmp::Above => o.is_gt(),
            Cmp::AtLeast => o.is_ge(),
            Cmp::Below => o.is_lt(),
            Cmp::AtMost => o.is_le(),
            Cmp::Equal => o.is_eq(),
        }
    }
}

/// An amount in token units as typed ("1,000.5"), as digits and decimals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Limit {
    digits: String,
    decimals: u8,
}

impl Limit {
    fn parse(s: &str) -> Option<Limit> {
        let plain: String = s.chars().filter(|&c| c != ',').collect();
        let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) {
            return None;
        }
        let decimals = u8::try_from(frac.len()).ok()?;
        let digits = format!("{}{frac}", if int.is_empty() { "0" } else { int });
        AmountKey::new(&digits, decimals)?;
        Some(Limit { digits, decimals })
    }

    pub(super) fn key(&self) -> AmountKey<'_> {
        // `parse` checked that this key exists; a zero is only a fallback.
        match AmountKey::new(&self.digits, self.decimals) {
            Some(k) => k,
            None => AmountKey::zero(),
        }
    }
}

impl Term {
    fn new(lower: String, kind: Kind) -> Term {
        let caseless = Caseless::for_term(&lower);
        Term {
            lower,
            kind,
            caseless,
        }
    }

    pub(super) fn parse(typed: &str) -> Term {
        let lower = typed.to_lowercase();
        if lower == "me" {
            return Term::new(lower, Kind::Me);
        }
        for (word, field) in Field::ALL {
            if let Some(value) = lower.strip_prefix(word) {
                return Term::new(value.to_owned(), Kind::Field(field));
            }
        }
        if let Some(rest) = lower.strip_prefix("amount") {
            let ops = [
                (">=", Cmp::AtLeast),
                ("<=", Cmp::AtMost),
                (">", Cmp::Above),
                ("<", Cmp::Below),
                ("=", Cmp::Equal),
            ];
            let parsed = ops.into_iter().find_map(|(op, cmp)| {
                let limit = Limit::parse(rest.strip_prefix(op)?)?;
                Some(Kind::Amount(cmp, limit))
            });
            if let Some(kind) = parsed {
                return Term::new(lower, kind);
            }
        }
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
        Term::new(
            lower,
            Kind::Text {
                amount_like,
                amount_core,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Caseless;

    proptest! {
        /// The searcher built for a term without letters finds exactly what the
        /// case-insensitive scan finds, in any text.
        #[test]
        fn a_term_without_letters_is_found_as_the_caseless_scan_finds_it(
            hay in "\\PC{0,40}",
            needle in "[0-9,.:/_-]{1,4}",
        ) {
            let found = Caseless::for_term(&needle).find_in(&hay);
            prop_assert_eq!(found, Some(super::super::contains_ci(&hay, &needle)));
        }
    }

    #[test]
    fn a_term_with_letters_has_no_searcher() {
        assert_eq!(Caseless::for_term("usdc").find_in("USDC"), None);
        assert_eq!(Caseless::for_term("").find_in("x"), None);
        assert_eq!(Caseless::for_term("12,5").find_in("12,500"), Some(true));
    }
}
