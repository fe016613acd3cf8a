//! What tokens are worth in fiat: the informational quotes of `POST /payouts/quote` and the
//! USD values of `GET /wallets/{id}/assets?netWorth=true`. Fiat numbers are JSON numbers on the wire;
//! they are computed in integer cents and only turned into numbers at the end.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::dfns::model::{
    Quote, QuoteOffer, QuoteRequest, QuoteResponse, Timestamp, WalletAssetKind,
};
use crate::emulator::catalog::{self, Token};
use crate::emulator::error::EmuError;
use crate::emulator::world::EmuWallet;

/// Base units of a 1:1 USD stablecoin → USD cents (None when beyond u128).
fn usd_cents(base: &str, decimals: u8) -> Option<u128> {
    let v: u128 = base.parse().ok()?;
    let shift = u32::from(decimals).checked_sub(2);
    Some(match shift {
        Some(s) => v / 10u128.checked_pow(s)?,
        None => v.checked_mul(10u128.pow(2 - u32::from(decimals)))?,
    })
}

pub fn answer(
    req: &QuoteRequest,
    token: &Token,
    now: DateTime<Utc>,
) -> Result<QuoteResponse, EmuError> {
    let (num, den) = catalog::fiat_per_usd(&req.fiat_currency).ok_or_else(|| {
        EmuError::field(
            "fiatCurrency",
            format!("{} is not supported by Borderless", req.fiat_currency),
        )
    })?;
    let usd = usd_cents(&req.asset.amount, token.decimals)
        .ok_or_else(|| EmuError::field("asset.amount", "too large for a quote"))?;
    let gross = usd.saturating_mul(u128::from(num)) / u128::from(den);
    // 0.5 % plus a fixed 1 USD, in the target currency.
    let fees = gross * 5 / 1000 + 100 * u128::from(num) / u128::from(den);
    let net = gross.saturating_sub(fees);
    Ok(QuoteResponse {
        provider: req.provider.clone(),
        asset: token.payout_asset(&req.asset),
        timestamp: Timestamp::from_datetime(now),
        quotes: vec![Quote {
            quote_id: None,
            offer: QuoteOffer {
                fiat_currency: req.fiat_currency.clone(),
                amount: net as f64 / 100.0,
                fees: fees as f64 / 100.0,
            },
        }],
        extra: Default::default(),
    })
}

/// `GET /wallets/{id}/assets`, with USD values when `netWorth=true`.
pub fn wallet_assets(w: &EmuWallet, net_worth: bool) -> Value {
    let mut total = 0.0f64;
    let assets: Vec<Value> = w
        .assets
        .iter()
        .map(|a| {
            let mut v = serde_json::to_value(a).unwrap_or(Value::Null);
            if net_worth {
                let usd_each = match (&a.kind, a.symbol.as_deref()) {
                    (WalletAssetKind::Native, Some("POL")) => 0.5,
                    (WalletAssetKind::Native, Some("SOL")) => 150.0,
                    (WalletAssetKind::Native, _) => 3000.0,
                    _ => 1.0,
                };
                let units =
                    a.balance.parse::<f64>().unwrap_or(0.0) / 10f64.powi(i32::from(a.decimals));
                let usd = (units * usd_each * 100.0).round() / 100.0;
                total += usd;
                if let Some(o) = v.as_object_mut() {
                    o.insert("quotes".into(), json!({ "USD": usd }));
                }
            }
            v
        })
        .collect();
    let mut out = json!({ "walletId": w.wallet.id, "network": w.wallet.network, "assets": assets });
    if net_worth && let Some(o) = out.as_object_mut() {
        o.insert(
            "netWorth".into(),
            json!({ "USD": (total * 100.0).round() / 100.0 }),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_are_exact() {
        assert_eq!(usd_cents("1000000000", 6), Some(100_000));
        assert_eq!(usd_cents("1", 6), Some(0));
        assert_eq!(usd_cents("5", 0), Some(500));
        assert_eq!(usd_cents(&"9".repeat(60), 6), None);
    }
}
