//! The wallet transfer a payout's Confirm creates
//! (`GET /wallets/{walletId}/transfers/{transferId}`), the same object an approval embeds as
//! `activity.transferRequest` (docs/reference/policy-approvals.md §2.1).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::enums::AssetKind;
use super::network::Network;
use super::open_enum::open_enum;
use super::payout::{Extra, Requester};
use super::timestamp::Timestamp;

open_enum! {
    /// Transfer `status`; `Rejected` means a policy approval rejected it.
    pub enum TransferStatus {
        Pending = "Pending",
        Executing = "Executing",
        Broadcasted = "Broadcasted",
        Confirmed = "Confirmed",
        Failed = "Failed",
        Rejected = "Rejected",
    }
}

/// `requestBody` of a transfer. Payouts send `Erc20` (`contract`) or `Spl`/`Spl2022`
/// (`mint`); other kinds (Native, NFTs, …) keep their own fields in `extra`, and an unknown
/// kind is kept verbatim in `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferRequestBody {
    pub kind: AssetKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Base units, digits only (absent for kinds that move one token id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl TransferRequestBody {
    /// The contract or mint, whichever the kind uses.
    pub fn token_address(&self) -> Option<&str> {
        self.contract.as_deref().or(self.mint.as_deref())
    }
}

/// `metadata.asset` of a transfer: what the token is, and its USD price in `quotes.USD`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferAssetMetadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotes: Option<Map<String, Value>>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferMetadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asset: Option<TransferAssetMetadata>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A wallet transfer (TS/GO `TransferRequest`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransferRequest {
    pub id: String,
    pub wallet_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Network>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester: Option<Requester>,
    pub request_body: TransferRequestBody,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<TransferMetadata>,
    pub status: TransferStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tx_hash: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Value>,
    /// Required by the SDK types; tolerated when absent, as no client decision rests on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_requested: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_policy_resolved: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_broadcasted: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_confirmed: Option<Timestamp>,
    /// The approval holding this transfer, when it triggered a policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl TransferRequest {
    pub fn asset_metadata(&self) -> Option<&TransferAssetMetadata> {
        self.metadata.as_ref().and_then(|m| m.asset.as_ref())
    }

    pub fn symbol(&self) -> Option<&str> {
        self.asset_metadata().and_then(|a| a.symbol.as_deref())
    }

    pub fn decimals(&self) -> Option<u8> {
        self.asset_metadata().and_then(|a| a.decimals)
    }

    pub fn requester_id(&self) -> Option<&str> {
        self.requester.as_ref().map(|r| r.user_id.as_str())
    }
}
