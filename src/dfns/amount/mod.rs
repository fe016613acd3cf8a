//! Exact conversion between Dfns base-unit token amounts and human decimals.
//!
//! Dfns sends token amounts as strings of base-10 digits in the token's minimum denomination
//! (`^\d+$`): `"1000000000"` with 6 decimals is 1000 USDC. Everything here is digit-string
//! arithmetic — no floats, no bigint — so a displayed amount is always exactly the wire amount.
//!
//! Choices:
//! - The largest accepted base-unit amount is 2^256 *inclusive* ([`MAX_BASE_UNITS`]). On-chain
//!   balances top out at 2^256 - 1; accepting one more costs nothing (the server is the authority)
//!   and makes the message "more than 2^256 base units" literally true.
//! - `parse_human` accepts `,` only as correct thousands separators (`1,000,000.50`) whose first
//!   group has no leading zero, so a European decimal comma like `0,5` is refused rather than
//!   misread. Underscores (`1_000`), `+`, exponents, hex, inner spaces and a bare trailing dot
//!   (`5.`, possibly a truncated paste) are refused as "not a number".
//! - Fraction digits beyond the token's decimals are fine when they are zeros (the value is still
//!   exact); only non-zero ones are "too many decimals".

use std::cmp::Ordering;

/// Largest number of decimals a token may declare.
pub const MAX_DECIMALS: u8 = 36;

/// 2^256 as decimal digits: the largest accepted base-unit amount (inclusive).
pub const MAX_BASE_UNITS: &str =
    "115792089237316195423570985008687907853269984665640564039457584007913129639936";

/// How much of an offending input an error quotes, so a pasted blob cannot flood the screen.
const QUOTE_MAX_CHARS: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("amount is empty: enter a number such as 1000 or 1,000.50")]
    Empty,
    /// The trimmed input, shortened to ~40 characters; `{:?}` escapes control characters.
    #[error("not a number: {0:?}")]
    NotANumber(String),
    #[error("amount must not be negative: {0:?}")]
    Negative(String),
    #[error("amount must be greater than zero")]
    Zero,
    #[error("too many decimals for {symbol} ({decimals})")]
    TooManyDecimals { symbol: String, decimals: u8 },
    #[error("amount too large (more than 2^256 base units)")]
    TooLarge,
    #[error("token decimals {0} out of range (0..=36): the token metadata looks wrong")]
    DecimalsOutOfRange(u8),
    #[error(
        "bad thousands grouping in {0:?}: commas must separate groups of 3 digits \
         (1,000,000.50) and \".\" is the decimal point; or leave the commas out"
    )]
    BadGrouping(String),
}

/// Check a wire amount: `^\d+$` and at most [`MAX_BASE_UNITS`]. Leading zeros are allowed.
pub fn validate_base_units(s: &str) -> Result<(), AmountError> {
    canonical_base_units(s).map(|_| ())
}

/// Validate a wire amount and return it without leading zeros (`"0"` for zero).
pub fn canonical_base_units(s: &str) -> Result<String, AmountError> {
    if s.is_empty() {
        return Err(AmountError::Empty);
    }
    if let Some(rest) = s.strip_prefix('-')
        && is_digits(rest)
    {
        return Err(AmountError::Negative(quote(s)));
    }
    if !is_digits(s) {
        return Err(AmountError::NotANumber(quote(s)));
    }
    let digits = strip_leading_zeros(s);
    if compare_base(digits, MAX_BASE_UNITS) == Ordering::Greater {
        return Err(AmountError::TooLarge);
    }
    Ok(digits.to_owned())
}

/// Base units -> exact plain decimal: no separators, no leading zeros, trailing fraction zeros
/// trimmed. `("1500000", 6)` -> `"1.5"`, `("0", 6)` -> `"0"`.
pub fn to_human(base: &str, decimals: u8) -> Result<String, AmountError> {
    let (int, frac) = split_human(base, decimals)?;
    Ok(if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    })
}

/// Base units -> display form: `,` thousands separators, fraction trimmed of trailing zeros but
/// padded to at least `min(2, decimals)` digits. `("1000000000", 6)` -> `"1,000.00"`.
pub fn format_human(base: &str, decimals: u8) -> Result<String, AmountError> {
    let (int, mut frac) = split_human(base, decimals)?;
    let min_frac = usize::from(decimals.min(2));
    while frac.len() < min_frac {
        frac.push('0');
    }
    let grouped = group_thousands(&int);
    Ok(if frac.is_empty() {
        grouped
    } else {
        format!("{grouped}.{frac}")
    })
}

/// Human decimal -> canonical base-unit digits (no leading zeros) for a token with `decimals`;
/// `symbol` only names the token in the too-many-decimals message. See the module docs for
/// what is accepted.
pub fn parse_human(input: &str, decimals: u8, symbol: &str) -> Result<String, AmountError> {
    check_decimals(decimals)?;
    let s = input.trim();
    if s.is_empty() {
        return Err(AmountError::Empty);
    }
    if let Some(rest) = s.strip_prefix('-') {
        // Name the sign only when the rest is a number, so "-abc" stays "not a number".
        return Err(match split_number(rest, s) {
            Ok(_) => AmountError::Negative(quote(s)),
            Err(e) => e,
        });
    }
    let (int, frac) = split_number(s, s)?;
    let frac = frac.trim_end_matches('0');
    let places = usize::from(decimals);
    if frac.len() > places {
        let symbol = if symbol.is_empty() {
            "this token"
        } else {
            symbol
        };
        return Err(AmountError::TooManyDecimals {
            symbol: symbol.to_owned(),
            decimals,
        });
    }
    let mut digits = String::with_capacity(int.len() + places);
    digits.push_str(strip_leading_zeros(&int));
    digits.push_str(frac);
    digits.extend(std::iter::repeat_n('0', places - frac.len()));
    let digits = strip_leading_zeros(&digits);
    if digits == "0" {
        return Err(AmountError::Zero);
    }
    if compare_base(digits, MAX_BASE_UNITS) == Ordering::Greater {
        return Err(AmountError::TooLarge);
    }
    Ok(digits.to_owned())
}

/// Numeric comparison of two digit strings, ignoring leading zeros. Meant for valid amounts;
/// other input is compared by length then bytes, which is total and never panics.
pub fn compare_base(a: &str, b: &str) -> Ordering {
    let (a, b) = (strip_leading_zeros(a), strip_leading_zeros(b));
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn check_decimals(decimals: u8) -> Result<(), AmountError> {
    if decimals > MAX_DECIMALS {
        return Err(AmountError::DecimalsOutOfRange(decimals));
    }
    Ok(())
}

/// Validated base units -> (integer part without leading zeros, fraction without trailing zeros).
fn split_human(base: &str, decimals: u8) -> Result<(String, String), AmountError> {
    check_decimals(decimals)?;
    let digits = canonical_base_units(base)?;
    let places = usize::from(decimals);
    // Left-pad so there is at least one integer digit in front of the fraction.
    let padded = if digits.len() <= places {
        let mut p = "0".repeat(places + 1 - digits.len());
        p.push_str(&digits);
        p
    } else {
        digits
    };
    let (int, frac) = padded.split_at(padded.len() - places);
    Ok((int.to_owned(), frac.trim_end_matches('0').to_owned()))
}

/// Syntax of a non-negative human number -> (integer digits without commas, fraction digits).
/// `whole` is the full trimmed input, quoted in errors.
fn split_number(s: &str, whole: &str) -> Result<(String, String), AmountError> {
    let not_a_number = || AmountError::NotANumber(quote(whole));
    if !s
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return Err(not_a_number());
    }
    let (int, frac) = match s.split_once('.') {
        Some((_, f)) if f.contains('.') => return Err(not_a_number()),
        // A bare "." or a trailing "5." is refused: it may be a truncated paste.
        Some((_, "")) => return Err(not_a_number()),
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    if int.is_empty() && frac.is_empty() {
        return Err(not_a_number());
    }
    if frac.contains(',') {
        return Err(AmountError::BadGrouping(quote(whole)));
    }
    if !int.contains(',') {
        return Ok((int.to_owned(), frac.to_owned()));
    }
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or_default();
    let first_ok = (1..=3).contains(&first.len()) && !first.starts_with('0');
    if !first_ok || groups.any(|g| g.len() != 3) {
        return Err(AmountError::BadGrouping(quote(whole)));
    }
    Ok((int.replace(',', ""), frac.to_owned()))
}

fn group_thousands(int: &str) -> String {
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Drop leading zeros, keeping one for zero itself (and leaving "" as "").
fn strip_leading_zeros(s: &str) -> &str {
    let t = s.trim_start_matches('0');
    if t.is_empty() && !s.is_empty() {
        "0"
    } else {
        t
    }
}

fn quote(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(QUOTE_MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests;
