//! Wallet objects a payouts tool needs (docs/reference/payouts-api.md §13).

use serde::{Deserialize, Serialize};
use serde_json::Map;

use super::enums::{KeyCurve, KeyScheme, WalletStatus};
use super::network::Network;
use super::open_enum::open_enum;
use super::payout::Extra;
use super::timestamp::Timestamp;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SigningKey {
    pub id: String,
    pub scheme: KeyScheme,
    pub curve: KeyCurve,
    pub public_key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegated_to: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /wallets/{id}` and list item. `network` may also be a key-only value such as
/// `KeyECDSA`, kept as `Network::Other`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Wallet {
    pub id: String,
    pub network: Network,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    pub signing_key: SigningKey,
    pub status: WalletStatus,
    pub date_created: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_deleted: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub custodial: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validator_id: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

open_enum! {
    /// Kinds of wallet assets; payouts use only Erc20, Spl and Spl2022.
    pub enum WalletAssetKind {
        Native = "Native",
        Erc20 = "Erc20",
        Trc20 = "Trc20",
        Snip2 = "Snip2",
        Erc7984 = "Erc7984",
        Spl = "Spl",
        Spl2022 = "Spl2022",
        Asa = "Asa",
        Aip21 = "Aip21",
        Cis2 = "Cis2",
        Cis7 = "Cis7",
        Hts = "Hts",
        Trc10 = "Trc10",
        Iou = "Iou",
        Cip56 = "Cip56",
        Coin = "Coin",
        LockedCoin = "LockedCoin",
        Xls33 = "Xls33",
        Asset = "Asset",
        Sep41 = "Sep41",
        Tep74 = "Tep74",
    }
}

/// One balance of `GET /wallets/{id}/assets`. Kind-specific identifiers other than
/// `contract`/`mint` stay in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WalletAsset {
    pub kind: WalletAssetKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    pub decimals: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    /// Base units, digits only.
    pub balance: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotes: Option<Map<String, serde_json::Value>>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl WalletAsset {
    /// Can this balance fund a payout (an ERC-20 or SPL token)?
    pub fn is_payout_asset(&self) -> bool {
        matches!(
            self.kind,
            WalletAssetKind::Erc20 | WalletAssetKind::Spl | WalletAssetKind::Spl2022
        )
    }

    pub fn token_address(&self) -> Option<&str> {
        self.contract.as_deref().or(self.mint.as_deref())
    }
}

/// `GET /wallets/{id}/assets` answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WalletAssets {
    pub wallet_id: String,
    pub network: Network,
    pub assets: Vec<WalletAsset>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub net_worth: Option<Map<String, serde_json::Value>>,
    #[serde(flatten)]
    pub extra: Extra,
}
