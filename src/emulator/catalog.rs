//! The stablecoins the emulator supports for payouts, per network (the reference's seed
//! table, docs/reference/payouts-api.md §11.3 — well-known public token addresses, not from Dfns docs), and fiat rates for
//! quotes.

use crate::dfns::model::{AssetKind, AssetMetadata, Network, PayoutAsset, PayoutAssetInput};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub network: Network,
    pub symbol: &'static str,
    pub name: &'static str,
    pub kind: AssetKind,
    /// Contract (Erc20) or mint (Spl, Spl2022).
    pub address: &'static str,
    pub decimals: u8,
}

impl Token {
    /// The request's asset as the API answers it: with `network` and `metadata` added.
    pub fn payout_asset(&self, input: &PayoutAssetInput) -> PayoutAsset {
        PayoutAsset {
            kind: input.kind.clone(),
            amount: input.amount.clone(),
            contract: input.contract.clone(),
            mint: input.mint.clone(),
            network: self.network.clone(),
            metadata: Some(AssetMetadata {
                name: Some(self.name.to_owned()),
                symbol: Some(self.symbol.to_owned()),
                decimals: self.decimals,
                verified: Some(true),
                extra: Default::default(),
            }),
            extra: Default::default(),
        }
    }
}

/// The table, built once (seeding 100 000 payouts looks it up several times each).
pub fn tokens() -> &'static [Token] {
    static TOKENS: std::sync::LazyLock<Vec<Token>> = std::sync::LazyLock::new(build_tokens);
    &TOKENS
}

fn build_tokens() -> Vec<Token> {
    use AssetKind::{Erc20, Spl, Spl2022};
    use Network::{ArbitrumOne, Base, Ethereum, Polygon, Solana};
    let t = |network, symbol, name, kind, address| Token {
        network,
        symbol,
        name,
        kind,
        address,
        decimals: 6,
    };
    vec![
        t(
            Polygon,
            "USDC",
            "USD Coin",
            Erc20,
            "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359",
        ),
        t(
            Polygon,
            "USDT",
            "Tether USD",
            Erc20,
            "0xc2132d05d31c914a87c6611c10748aeb04b58e8f",
        ),
        t(
            Ethereum,
            "USDC",
            "USD Coin",
            Erc20,
            "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48",
        ),
        t(
            Ethereum,
            "USDT",
            "Tether USD",
            Erc20,
            "0xdac17f958d2ee523a2206206994597c13d831ec7",
        ),
        t(
            Ethereum,
            "PYUSD",
            "PayPal USD",
            Erc20,
            "0x6c3ea9036406852006290770bedfcaba0e23a0e8",
        ),
        t(
            Base,
            "USDC",
            "USD Coin",
            Erc20,
            "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913",
        ),
        t(
            ArbitrumOne,
            "USDC",
            "USD Coin",
            Erc20,
            "0xaf88d065e77c8cc2239327c5edb3a432268e5831",
        ),
        t(
            Solana,
            "USDC",
            "USD Coin",
            Spl,
            "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
        ),
        t(
            Solana,
            "USDT",
            "Tether USD",
            Spl,
            "Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB",
        ),
        t(
            Solana,
            "PYUSD",
            "PayPal USD",
            Spl2022,
            "2b1kV6DkPAnxd5ixfnxCpjxmKwqjjaYmCZfHsFu24GXo",
        ),
    ]
}

/// The token at `address` on `network`. EVM addresses compare case-insensitively (they are
/// hex; checksummed spellings are common), Solana mints exactly (base58 is case-sensitive).
pub fn find(network: &Network, address: &str) -> Option<&'static Token> {
    tokens().iter().find(|t| {
        &t.network == network
            && if t.kind == AssetKind::Erc20 {
                t.address.eq_ignore_ascii_case(address)
            } else {
                t.address == address
            }
    })
}

/// Native asset of a network, for wallet balances.
pub fn native(network: &Network) -> (&'static str, u8) {
    match network {
        Network::Polygon => ("POL", 18),
        Network::Solana => ("SOL", 9),
        _ => ("ETH", 18),
    }
}

pub fn is_solana(network: &Network) -> bool {
    matches!(network, Network::Solana | Network::SolanaDevnet)
}

/// Units of fiat per USD, for informational quotes.
pub fn fiat_per_usd(currency: &str) -> Option<(u64, u64)> {
    // (numerator, denominator) so quotes stay integer arithmetic until the JSON number.
    Some(match currency {
        "USD" => (1, 1),
        "EUR" => (92, 100),
        "GBP" => (79, 100),
        "MXN" => (1710, 100),
        "BRL" => (540, 100),
        "COP" => (4000, 1),
        "ARS" => (900, 1),
        "CLP" => (940, 1),
        "PEN" => (375, 100),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_by_address() {
        let t = find(
            &Network::Polygon,
            "0x3C499C542CEF5E3811E1192CE70D8CC03D5C3359",
        )
        .unwrap();
        assert_eq!(t.symbol, "USDC");
        assert!(
            find(
                &Network::Ethereum,
                "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359"
            )
            .is_none()
        );
        assert!(
            find(
                &Network::Solana,
                "epjfwdd5aufqssqem2qn1xzybapc8g4wegGkZwyTDt1v"
            )
            .is_none()
        );
        assert_eq!(tokens().len(), 10);
    }
}
