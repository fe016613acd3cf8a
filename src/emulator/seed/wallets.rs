//! The seeded wallets: five networks holding the reference's stablecoins; two of them are
//! filtered by the transfer policy (tagged so).

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand::rngs::StdRng;

use crate::dfns::model::{
    KeyCurve, KeyScheme, Network, SigningKey, Timestamp, Wallet, WalletAsset, WalletAssetKind,
    WalletStatus,
};
use crate::emulator::catalog;
use crate::emulator::ids;
use crate::emulator::world::EmuWallet;

pub(super) fn wallets(rng: &mut StdRng, now: DateTime<Utc>) -> Vec<EmuWallet> {
    // (name, network, has a transfer policy, holdings as (symbol, whole units))
    type Spec<'a> = (&'a str, Network, bool, &'a [(&'a str, &'a str)]);
    let specs: [Spec; 6] = [
        (
            "Treasury Polygon",
            Network::Polygon,
            false,
            &[("USDC", "2450000"), ("USDT", "810000")],
        ),
        (
            "Ops Ethereum",
            Network::Ethereum,
            true,
            &[("USDC", "1200000"), ("USDT", "350000"), ("PYUSD", "90000")],
        ),
        ("Payroll Base", Network::Base, false, &[("USDC", "640000")]),
        (
            "Vendors Arbitrum",
            Network::ArbitrumOne,
            false,
            &[("USDC", "415000")],
        ),
        (
            "Payouts Solana",
            Network::Solana,
            false,
            &[("USDC", "980000"), ("USDT", "120000"), ("PYUSD", "45000")],
        ),
        (
            "Reserve Polygon",
            Network::Polygon,
            true,
            &[("USDC", "5000000")],
        ),
    ];
    specs
        .iter()
        .map(|(name, network, policy, holdings)| {
            let solana = catalog::is_solana(network);
            let (native_symbol, native_decimals) = catalog::native(network);
            let mut assets = vec![WalletAsset {
                kind: WalletAssetKind::Native,
                contract: None,
                mint: None,
                symbol: Some(native_symbol.into()),
                decimals: native_decimals,
                verified: Some(true),
                balance: format!(
                    "{}{}",
                    rng.gen_range(2..40),
                    "0".repeat(native_decimals as usize)
                ),
                quotes: None,
                extra: Default::default(),
            }];
            for (symbol, whole) in *holdings {
                if let Some(t) = catalog::tokens()
                    .iter()
                    .find(|t| &t.network == network && t.symbol == *symbol)
                {
                    assets.push(WalletAsset {
                        kind: if solana {
                            WalletAssetKind::from_wire(t.kind.as_str())
                        } else {
                            WalletAssetKind::Erc20
                        },
                        contract: (!solana).then(|| t.address.to_owned()),
                        mint: solana.then(|| t.address.to_owned()),
                        symbol: Some(t.symbol.into()),
                        decimals: t.decimals,
                        verified: Some(true),
                        balance: format!("{whole}{}", "0".repeat(t.decimals as usize)),
                        quotes: None,
                        extra: Default::default(),
                    });
                }
            }
            let (scheme, curve) = if solana {
                (KeyScheme::EdDsa, KeyCurve::Ed25519)
            } else {
                (KeyScheme::Ecdsa, KeyCurve::Secp256k1)
            };
            EmuWallet {
                wallet: Wallet {
                    id: ids::dfns_id(rng, "wa"),
                    network: network.clone(),
                    address: Some(if solana {
                        ids::solana_address(rng)
                    } else {
                        ids::evm_address(rng)
                    }),
                    signing_key: SigningKey {
                        id: ids::dfns_id(rng, "key"),
                        scheme,
                        curve,
                        public_key: ids::evm_tx_hash(rng)[2..].to_owned(),
                        delegated_to: None,
                        extra: Default::default(),
                    },
                    status: WalletStatus::Active,
                    date_created: Timestamp::from_datetime(
                        now - Duration::days(rng.gen_range(120..400)),
                    ),
                    date_deleted: None,
                    name: Some((*name).into()),
                    custodial: true,
                    external_id: None,
                    tags: if *policy {
                        vec!["policy:transfer-approval".into()]
                    } else {
                        vec![]
                    },
                    validator_id: None,
                    extra: Default::default(),
                },
                assets,
                policy: *policy,
            }
        })
        .collect()
}
