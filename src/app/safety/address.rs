//! Is a deposit address one that money may go to? Checked before anything is signed: an
//! address the operator cannot read exactly (hidden characters, a shape its network never
//! uses) is refused, not sent.
//!
//! The reference gives no format per network; these are the networks' own address formats.

use crate::dfns::model::{AssetKind, Network};
use crate::dfns::text::{has_hidden, shown};

/// Which shape an address must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressRule {
    /// `0x` + 40 hex digits (any case: mixed case is only the EIP-55 checksum).
    Evm,
    /// Base58, 32–44 characters (a 32-byte public key).
    Solana,
    /// Any other network: printable ASCII, no spaces.
    Printable,
}

impl AddressRule {
    /// The token kind decides first (ERC-20 lives on EVM chains, SPL on Solana); the network
    /// name covers kinds this version does not know.
    pub fn of(kind: &AssetKind, network: &Network) -> AddressRule {
        match kind {
            AssetKind::Erc20 => AddressRule::Evm,
            AssetKind::Spl | AssetKind::Spl2022 => AddressRule::Solana,
            _ if network.as_str().starts_with("Solana") => AddressRule::Solana,
            _ if is_evm(network) => AddressRule::Evm,
            _ => AddressRule::Printable,
        }
    }
}

/// The EVM networks payouts run on (and their test networks).
fn is_evm(network: &Network) -> bool {
    const EVM: [&str; 8] = [
        "Ethereum",
        "Polygon",
        "Base",
        "Arbitrum",
        "Optimism",
        "AvalancheC",
        "Bsc",
        "Celo",
    ];
    let n = network.as_str();
    EVM.iter().any(|p| n.starts_with(p)) && !n.starts_with("EthereumClassic")
}

const BASE58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Why `addr` is not a valid address for a `kind` token on `network`, or None when it is.
pub fn address_problem(kind: &AssetKind, network: &Network, addr: &str) -> Option<String> {
    if has_hidden(addr) {
        return Some(format!(
            "it contains invisible or control characters ({}), which would be sent as they are",
            shown(addr)
        ));
    }
    let n = addr.chars().count();
    match AddressRule::of(kind, network) {
        AddressRule::Evm => {
            let hex = addr.strip_prefix("0x").unwrap_or("");
            (!(addr.starts_with("0x")
                && hex.len() == 40
                && hex.chars().all(|c| c.is_ascii_hexdigit())))
            .then(|| {
                format!(
                    "'{}' is not an EVM address (0x and 40 hex digits) for {}",
                    shown(&cut(addr)),
                    shown(network.as_str())
                )
            })
        }
        AddressRule::Solana => {
            (!((32..=44).contains(&n) && addr.chars().all(|c| BASE58.contains(c)))).then(|| {
                format!(
                    "'{}' is not a Solana address (32 to 44 base58 characters)",
                    shown(&cut(addr))
                )
            })
        }
        AddressRule::Printable => {
            (n == 0 || n > 128 || !addr.chars().all(|c| c.is_ascii_graphic())).then(|| {
                format!(
                    "'{}' is not an address of {} (printable ASCII without spaces, at most 128)",
                    shown(&cut(addr)),
                    shown(network.as_str())
                )
            })
        }
    }
}

/// At most 60 characters of a refused address in a message.
fn cut(addr: &str) -> String {
    if addr.chars().count() <= 60 {
        addr.to_owned()
    } else {
        let head: String = addr.chars().take(60).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(kind: AssetKind, net: Network, a: &str) -> Option<String> {
        address_problem(&kind, &net, a)
    }

    #[test]
    fn evm_addresses_are_0x_and_40_hex_in_any_case() {
        let ok = "0x1234567890abcdefABCDEF1234567890abcdef12";
        assert_eq!(problem(AssetKind::Erc20, Network::Polygon, ok), None);
        for bad in [
            "1234567890abcdefABCDEF1234567890abcdef12",
            "0x1234567890abcdefABCDEF1234567890abcdef1",
            "0x1234567890abcdefABCDEF1234567890abcdef123",
            "0x1234567890abcdefABCDEF1234567890abcdefg2",
            "0x1234567890abcdef\u{200b}ABCDEF1234567890abcdef12",
            "0x1234567890abcdefABCDEF1234567890abcdef12 ",
            "",
        ] {
            assert!(
                problem(AssetKind::Erc20, Network::Polygon, bad).is_some(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn solana_addresses_are_base58_of_32_to_44() {
        let ok = "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV";
        assert_eq!(problem(AssetKind::Spl, Network::Solana, ok), None);
        for bad in [
            "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLt0", // 0 is not base58
            "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtVl", // nor l
            "short",
            &"A".repeat(45),
        ] {
            assert!(
                problem(AssetKind::Spl2022, Network::Solana, bad).is_some(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn other_networks_need_printable_ascii_without_spaces() {
        let kind = AssetKind::from_wire("Trc20");
        let net = Network::from_wire("Tron");
        assert_eq!(problem(kind.clone(), net.clone(), "TXYZ123abc"), None);
        for bad in ["", "a b", "é", &"x".repeat(129), "a\u{7}"] {
            assert!(problem(kind.clone(), net.clone(), bad).is_some(), "{bad:?}");
        }
        // An unknown kind on an EVM network still gets the EVM rule.
        assert!(problem(kind.clone(), Network::Ethereum, "TXYZ123abc").is_some());
    }

    #[test]
    fn hidden_characters_are_named_visibly() {
        let why = problem(
            AssetKind::Erc20,
            Network::Polygon,
            "0x12\u{200b}34567890abcdefABCDEF1234567890abcdef",
        )
        .unwrap();
        assert!(why.contains("\\u{200b}"), "{why}");
    }
}
