//! How an amount and its token read — one wording everywhere: the confirm dialog, the table,
//! the detail pane, alerts, the new-payout form and every command.
//!
//! Decimals are never guessed: when they are unknown (or the amount does not parse) the
//! base units are shown as such, with the reason.

use crate::dfns::amount::format_human;
use crate::dfns::model::{PayoutAsset, WalletAsset};
use crate::dfns::text;

/// A payout whose token names neither a symbol nor an address.
pub const UNKNOWN_TOKEN: &str = "(unknown token)";

/// `0x3c49…3359`: the first 6 and last 4 characters of anything longer than 12 — enough to
/// recognise a token address in a narrow place (the deposit address is always shown whole).
pub fn short_address(addr: &str) -> String {
    let n = addr.chars().count();
    if n <= 12 {
        return addr.to_owned();
    }
    let head: String = addr.chars().take(6).collect();
    let tail: String = addr.chars().skip(n - 4).collect();
    format!("{head}…{tail}")
}

/// The token's name for people: its symbol, else its contract or mint shortened, else
/// [`UNKNOWN_TOKEN`]. Server text, sanitized.
pub fn token(asset: &PayoutAsset) -> String {
    match (asset.symbol(), asset.token_address()) {
        (Some(s), _) if !s.is_empty() => text::escape(s).into_owned(),
        (_, Some(a)) => text::escape(&short_address(a)).into_owned(),
        _ => UNKNOWN_TOKEN.to_owned(),
    }
}

/// `base` units of a token with `decimals` as people read them, with the token:
/// "1,000.00 USDC"; unknown decimals or an amount that does not read:
/// "1000000000 base units of USDC (decimals unknown)".
pub fn amount_of(base: &str, decimals: Option<u8>, token: &str) -> String {
    match decimals.map(|d| format_human(base, d)) {
        Some(Ok(h)) => format!("{h} {token}"),
        Some(Err(_)) => format!(
            "{} base units of {token} (not a valid amount)",
            text::escape(base)
        ),
        None => format!(
            "{} base units of {token} (decimals unknown)",
            text::escape(base)
        ),
    }
}

/// A wallet holding's token name, by the same rule as [`token`].
pub fn wallet_token(a: &WalletAsset) -> String {
    match (a.symbol.as_deref(), a.token_address()) {
        (Some(s), _) if !s.is_empty() => text::escape(s).into_owned(),
        (_, Some(addr)) => text::escape(&short_address(addr)).into_owned(),
        _ => UNKNOWN_TOKEN.to_owned(),
    }
}

/// A fiat figure of a quote (a JSON number, informational) as people read it, to the cent
/// and grouped by the same rule as token amounts: 1250.5, "USD" → "1,250.50 USD". The
/// currency is server text, sanitized.
pub fn fiat(value: f64, currency: &str) -> String {
    let currency = text::escape(currency);
    let sign = if value < 0.0 { "-" } else { "" };
    let cents = format!("{:.2}", value.abs()).replace('.', "");
    match format_human(&cents, 2) {
        Ok(h) => format!("{sign}{h} {currency}"),
        // Not a finite number: said as it is.
        Err(_) => format!("{value} {currency}"),
    }
}

/// [`amount_of`] for a payout's asset.
pub fn amount(asset: &PayoutAsset) -> String {
    amount_of(&asset.amount, asset.decimals(), &token(asset))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::board::fixture::awaiting;

    #[test]
    fn one_wording_for_amounts_and_tokens() {
        let mut p = awaiting("pyt-1");
        assert_eq!(amount(&p.asset), "1,000.00 USDC");
        if let Some(m) = p.asset.metadata.as_mut() {
            m.symbol = None;
        }
        assert_eq!(token(&p.asset), "0x3c49…3359");
        assert_eq!(amount(&p.asset), "1,000.00 0x3c49…3359");
        p.asset.metadata = None;
        assert_eq!(
            amount(&p.asset),
            "1000000000 base units of 0x3c49…3359 (decimals unknown)"
        );
        p.asset.contract = None;
        assert_eq!(token(&p.asset), UNKNOWN_TOKEN);
        assert_eq!(
            amount_of("12x", Some(6), "USDC"),
            "12x base units of USDC (not a valid amount)"
        );
    }

    #[test]
    fn fiat_figures_read_like_amounts() {
        assert_eq!(fiat(1250.5, "USD"), "1,250.50 USD");
        assert_eq!(fiat(985.5, "USD"), "985.50 USD");
        assert_eq!(fiat(1_234_567.891, "EUR"), "1,234,567.89 EUR");
        assert_eq!(fiat(0.0, "USD"), "0.00 USD");
        assert_eq!(fiat(0.005, "USD"), "0.01 USD");
        assert_eq!(fiat(-3.0, "USD"), "-3.00 USD");
        assert_eq!(fiat(f64::INFINITY, "USD"), "inf USD");
        assert_eq!(fiat(1.0, "US\u{1b}[2J"), "1.00 US\\u{1b}[2J");
    }

    #[test]
    fn token_text_is_sanitized() {
        let mut p = awaiting("pyt-1");
        if let Some(m) = p.asset.metadata.as_mut() {
            m.symbol = Some("USDC\u{1b}]52;c;eA==\u{7}".into());
        }
        assert_eq!(token(&p.asset), "USDC\\u{1b}]52;c;eA==\\u{7}");
    }

    #[test]
    fn short_addresses_keep_six_and_four() {
        assert_eq!(
            short_address("0x3c499c542cef5e3811e1192ce70d8cc03d5c3359"),
            "0x3c49…3359"
        );
        assert_eq!(short_address("short"), "short");
    }
}
