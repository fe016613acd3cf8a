//! Amounts in the filter: the amount as the row shows it, searched without allocating.

use std::cmp::Ordering;

use crate::dfns::amount::{MAX_BASE_UNITS, MAX_DECIMALS, compare_base};

/// The amount as displayed (`format_human`, e.g. "12,500.00") and without separators
/// ("12500.00"). When the decimals are unknown or the amount is not valid, the row shows the
/// raw base units, so those are searched instead.
/// `core` is the needle's digits without zeros at either end (see `term::Kind::Text`).
pub(super) fn amount_matches(
    amount: &str,
    decimals: Option<u8>,
    needle: &str,
    core: &[u8],
) -> bool {
    if !bytes_contain(amount.as_bytes(), core) {
        return false;
    }
    let needle = needle.as_bytes();
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
pub(in crate::app::board) fn display_amount(
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
