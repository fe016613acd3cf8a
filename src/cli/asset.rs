//! `--token` / `--contract` / `--mint` → the exact asset of a quote or create, with the
//! decimals the amount is converted with. The wallet's own holdings (`GET
//! /wallets/{id}/assets`, on the wallet's network) are the only source: decimals are never
//! guessed and never taken from a float.

use crate::dfns::amount::{self, AmountError};
use crate::dfns::model::{
    AssetKind, Network, PayoutAssetInput, WalletAsset, WalletAssetKind, WalletAssets,
};
use crate::dfns::text::shown;

use super::args::AssetArgs;

/// The asset chosen, before the amount is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picked {
    pub kind: AssetKind,
    pub contract: Option<String>,
    pub mint: Option<String>,
    pub symbol: String,
    pub decimals: u8,
    pub network: Network,
}

impl Picked {
    /// The request asset for `human` (e.g. "1,000.50") in base units.
    pub fn input(&self, human: &str) -> Result<PayoutAssetInput, AmountError> {
        Ok(PayoutAssetInput {
            kind: self.kind.clone(),
            amount: amount::parse_human(
                human,
                self.decimals,
                &crate::dfns::text::escape(&self.symbol),
            )?,
            contract: self.contract.clone(),
            mint: self.mint.clone(),
        })
    }

    pub fn address(&self) -> &str {
        self.contract
            .as_deref()
            .or(self.mint.as_deref())
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssetError {
    #[error("name the token with --token SYMBOL, --contract ADDR or --mint ADDR; {holds}")]
    Missing { holds: String },
    #[error("wallet {wallet} on {network} holds no payout token '{wanted}'; {holds}")]
    NotHeld {
        wallet: String,
        network: String,
        wanted: String,
        holds: String,
    },
    #[error(
        "'{wanted}' is ambiguous on wallet {wallet}: {matches}; pick one with --contract or --mint"
    )]
    Ambiguous {
        wallet: String,
        wanted: String,
        matches: String,
    },
}

fn kind_of(a: &WalletAsset) -> Option<AssetKind> {
    match a.kind {
        WalletAssetKind::Erc20 => Some(AssetKind::Erc20),
        WalletAssetKind::Spl => Some(AssetKind::Spl),
        WalletAssetKind::Spl2022 => Some(AssetKind::Spl2022),
        _ => None,
    }
}

fn describe(a: &WalletAsset) -> String {
    format!(
        "{} ({} {})",
        shown(a.symbol.as_deref().unwrap_or("?")),
        shown(a.kind.as_str()),
        shown(a.token_address().unwrap_or("?"))
    )
}

/// "it holds: USDC (Erc20 0x…), USDT (…)" — what the user can pick from.
fn holdings(w: &WalletAssets) -> String {
    let list: Vec<String> = w
        .assets
        .iter()
        .filter(|a| a.is_payout_asset())
        .map(describe)
        .collect();
    if list.is_empty() {
        format!(
            "wallet {} on {} holds no ERC-20 or SPL token",
            shown(&w.wallet_id),
            shown(w.network.as_str())
        )
    } else {
        format!("it holds: {}", list.join(", "))
    }
}

/// Chooses the asset named by `args` among the wallet's holdings.
///
/// `--token` matches the symbol without regard to case; `--contract` matches an ERC-20
/// address without regard to case (EVM addresses are hex); `--mint` matches exactly (base58
/// is case-sensitive).
pub fn pick(w: &WalletAssets, args: &AssetArgs) -> Result<Picked, AssetError> {
    let payout_assets = || w.assets.iter().filter(|a| kind_of(a).is_some());
    let (wanted, found): (String, Vec<&WalletAsset>) =
        match (&args.token, &args.contract, &args.mint) {
            (Some(sym), _, _) => (
                sym.clone(),
                payout_assets()
                    .filter(|a| {
                        a.symbol
                            .as_deref()
                            .is_some_and(|s| s.eq_ignore_ascii_case(sym.trim()))
                    })
                    .collect(),
            ),
            (None, Some(c), _) => (
                c.clone(),
                payout_assets()
                    .filter(|a| a.kind == WalletAssetKind::Erc20)
                    .filter(|a| {
                        a.contract
                            .as_deref()
                            .is_some_and(|x| x.eq_ignore_ascii_case(c.trim()))
                    })
                    .collect(),
            ),
            (None, None, Some(m)) => (
                m.clone(),
                payout_assets()
                    .filter(|a| a.mint.as_deref() == Some(m.trim()))
                    .collect(),
            ),
            (None, None, None) => return Err(AssetError::Missing { holds: holdings(w) }),
        };
    match found.as_slice() {
        [one] => Ok(Picked {
            kind: kind_of(one).unwrap_or(AssetKind::Erc20),
            contract: one
                .contract
                .clone()
                .filter(|_| one.kind == WalletAssetKind::Erc20),
            mint: one
                .mint
                .clone()
                .filter(|_| one.kind != WalletAssetKind::Erc20),
            symbol: one
                .symbol
                .clone()
                .unwrap_or_else(|| one.token_address().unwrap_or_default().to_owned()),
            decimals: one.decimals,
            network: w.network.clone(),
        }),
        [] => Err(AssetError::NotHeld {
            wallet: shown(&w.wallet_id).to_string(),
            network: shown(w.network.as_str()).to_string(),
            wanted,
            holds: holdings(w),
        }),
        many => Err(AssetError::Ambiguous {
            wallet: shown(&w.wallet_id).to_string(),
            wanted,
            matches: many
                .iter()
                .map(|a| describe(a))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset(kind: &str, sym: &str, addr: &str, decimals: u8) -> WalletAsset {
        let kind = WalletAssetKind::from_wire(kind);
        let evm = kind == WalletAssetKind::Erc20;
        WalletAsset {
            contract: (evm && !addr.is_empty()).then(|| addr.to_owned()),
            mint: (!evm && !addr.is_empty()).then(|| addr.to_owned()),
            kind,
            symbol: Some(sym.into()),
            decimals,
            verified: Some(true),
            balance: "1".into(),
            quotes: None,
            extra: Default::default(),
        }
    }

    fn polygon() -> WalletAssets {
        WalletAssets {
            wallet_id: "wa-1".into(),
            network: Network::Polygon,
            assets: vec![
                asset("Native", "POL", "", 18),
                asset(
                    "Erc20",
                    "USDC",
                    "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359",
                    6,
                ),
                asset(
                    "Erc20",
                    "USDT",
                    "0xc2132D05D31c914a87C6611C10748AEb04B58e8F",
                    6,
                ),
            ],
            net_worth: None,
            extra: Default::default(),
        }
    }

    fn by(token: Option<&str>, contract: Option<&str>, mint: Option<&str>) -> AssetArgs {
        AssetArgs {
            token: token.map(Into::into),
            contract: contract.map(Into::into),
            mint: mint.map(Into::into),
        }
    }

    #[test]
    fn symbol_matches_without_case_and_converts_exactly() {
        let p = pick(&polygon(), &by(Some("usdc"), None, None)).unwrap();
        assert_eq!(p.symbol, "USDC");
        assert_eq!(p.decimals, 6);
        assert_eq!(p.kind, AssetKind::Erc20);
        let input = p.input("1,250.5").unwrap();
        assert_eq!(input.amount, "1250500000");
        assert_eq!(
            input.contract.as_deref(),
            Some("0x3c499c542cef5e3811e1192ce70d8cc03d5c3359")
        );
        assert_eq!(input.mint, None);
        assert_eq!(
            p.input("1.2345678").unwrap_err().to_string(),
            "too many decimals for USDC (6)"
        );
    }

    #[test]
    fn contract_matches_any_case_and_native_is_never_picked() {
        let p = pick(
            &polygon(),
            &by(
                None,
                Some("0xC2132D05D31C914A87C6611C10748AEB04B58E8F"),
                None,
            ),
        )
        .unwrap();
        assert_eq!(p.symbol, "USDT");
        // The wallet's own spelling is what is sent.
        assert_eq!(
            p.contract.as_deref(),
            Some("0xc2132D05D31c914a87C6611C10748AEb04B58e8F")
        );
        let e = pick(&polygon(), &by(Some("POL"), None, None)).unwrap_err();
        assert!(
            e.to_string()
                .contains("holds no payout token 'POL'; it holds: USDC (Erc20 0x3c49")
        );
    }

    #[test]
    fn absent_and_ambiguous_name_the_holdings() {
        let e = pick(&polygon(), &by(None, None, None)).unwrap_err();
        assert!(e.to_string().starts_with("name the token with --token"));
        assert!(e.to_string().contains("USDT (Erc20"));
        let mut w = polygon();
        w.assets.push(asset("Erc20", "usdc", "0xother", 18));
        let e = pick(&w, &by(Some("USDC"), None, None)).unwrap_err();
        assert!(matches!(e, AssetError::Ambiguous { .. }), "{e}");
        assert!(e.to_string().contains("0xother"));
    }

    #[test]
    fn mint_is_case_sensitive_and_keeps_the_spl_kind() {
        let w = WalletAssets {
            wallet_id: "wa-2".into(),
            network: Network::Solana,
            assets: vec![asset(
                "Spl2022",
                "PYUSD",
                "2b1kV6DkPAnxd5ixfnxCpjxmKwqjjaYmCZfHsFu24GXo",
                6,
            )],
            net_worth: None,
            extra: Default::default(),
        };
        let p = pick(
            &w,
            &by(
                None,
                None,
                Some("2b1kV6DkPAnxd5ixfnxCpjxmKwqjjaYmCZfHsFu24GXo"),
            ),
        )
        .unwrap();
        assert_eq!(p.kind, AssetKind::Spl2022);
        assert_eq!(p.contract, None);
        assert!(
            pick(
                &w,
                &by(
                    None,
                    None,
                    Some("2B1KV6DKPANXD5IXFNXCPJXMKWQJJAYMCZFHSFU24GXO")
                )
            )
            .is_err()
        );
        // A contract on a Solana wallet matches nothing.
        assert!(
            pick(
                &w,
                &by(
                    None,
                    Some("2b1kV6DkPAnxd5ixfnxCpjxmKwqjjaYmCZfHsFu24GXo"),
                    None
                )
            )
            .is_err()
        );
    }
}
