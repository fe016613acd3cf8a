//! Wallet balances as payouts spend them: digit-string arithmetic, floored at zero.

use std::collections::HashMap;

use super::EmuWallet;
use crate::dfns::amount;
use crate::dfns::model::WalletAsset;

/// Where the balance of `token` sits among a wallet's assets (EVM hex compares in any case).
fn asset_position(assets: &[WalletAsset], token: Option<&str>) -> Option<usize> {
    let token = token?;
    assets.iter().position(|a| {
        a.token_address()
            .is_some_and(|t| t.eq_ignore_ascii_case(token))
    })
}

pub(super) fn has_balance(
    wallet: Option<&EmuWallet>,
    token: Option<&str>,
    amount_base: &str,
) -> bool {
    wallet
        .and_then(|w| Some(&w.assets[asset_position(&w.assets, token)?]))
        .is_some_and(|a| amount::compare_base(&a.balance, amount_base).is_ge())
}

/// Takes the payout's amount off its wallet's balance of its token: the transfer went out.
pub(super) fn debit(
    wallets: &mut [EmuWallet],
    index: &HashMap<String, usize>,
    p: &crate::dfns::model::Payout,
) {
    let Some(&i) = index.get(&p.wallet_id) else {
        return;
    };
    if let Some(pos) = asset_position(&wallets[i].assets, p.asset.token_address()) {
        let a = &mut wallets[i].assets[pos];
        a.balance = subtract(&a.balance, &p.asset.amount);
    }
}

/// `a - b` on digit strings, floored at zero.
fn subtract(a: &str, b: &str) -> String {
    if amount::compare_base(a, b).is_le() {
        return "0".into();
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = 0i32;
    for i in 0..a.len() {
        let da = (a[a.len() - 1 - i] - b'0') as i32;
        let db = if i < b.len() {
            (b[b.len() - 1 - i] - b'0') as i32
        } else {
            0
        };
        let mut d = da - db - borrow;
        borrow = (d < 0) as i32;
        if d < 0 {
            d += 10;
        }
        out.push(b'0' + d as u8);
    }
    while out.len() > 1 && out.last() == Some(&b'0') {
        out.pop();
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_else(|_| "0".into())
}

#[cfg(test)]
mod tests {
    use super::subtract;

    #[test]
    fn subtracts_digit_strings() {
        assert_eq!(subtract("1000", "1"), "999");
        assert_eq!(subtract("1000", "1000"), "0");
        assert_eq!(subtract("5", "7"), "0");
        assert_eq!(
            subtract("123456789012345678901234567890", "1"),
            "123456789012345678901234567889"
        );
    }
}
