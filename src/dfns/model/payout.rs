//! The Payout object and the bodies of the payout routes (docs/reference/payouts-api.md §4–§11).
//!
//! Optional fields are omitted when absent and accept `null` on input. Fields this build does
//! not know are kept in `extra` and written back, so `list --output json` and the raw-JSON
//! view show exactly what the API sent.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::enums::{AssetKind, ExecutionStatus, PaymentPurpose, PayoutStatus, Provider};
use super::network::Network;
use super::timestamp::Timestamp;

/// Unknown JSON members, preserved in order.
pub type Extra = Map<String, Value>;

/// `asset.metadata` (docs/reference/payouts-api.md §11.2). `decimals` is required when metadata is present.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssetMetadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    pub decimals: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The asset of a quote or a payout (docs/reference/payouts-api.md §11.2): the request shape plus `network` and `metadata`.
/// Kept flat rather than as a tagged union so an unknown `kind` still parses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PayoutAsset {
    pub kind: AssetKind,
    /// Base units, digits only (see `dfns::amount`).
    pub amount: String,
    /// ERC-20 contract (kind `Erc20`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
    /// SPL / Token-2022 mint (kind `Spl`, `Spl2022`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mint: Option<String>,
    pub network: Network,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<AssetMetadata>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl PayoutAsset {
    /// The contract or mint, whichever the kind uses.
    pub fn token_address(&self) -> Option<&str> {
        self.contract.as_deref().or(self.mint.as_deref())
    }

    pub fn symbol(&self) -> Option<&str> {
        self.metadata.as_ref().and_then(|m| m.symbol.as_deref())
    }

    pub fn decimals(&self) -> Option<u8> {
        self.metadata.as_ref().map(|m| m.decimals)
    }
}

/// The asset in a quote or create request (docs/reference/payouts-api.md §11.1): `{kind, amount, contract|mint}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PayoutAssetInput {
    pub kind: AssetKind,
    pub amount: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mint: Option<String>,
}

/// `requester`: the user (and token) that created the payout (docs/reference/payouts-api.md §9.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Requester {
    pub user_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_id: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Provider-specific `data` (docs/reference/payouts-api.md §9.2, Borderless). The Borderless fields are optional here only
/// because another provider (CircleMint) has an undocumented shape; for Borderless the API
/// always sends them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PayoutData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub borderless_account_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_instructions_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_purpose: Option<PaymentPurpose>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    pub execution_status: ExecutionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub borderless_payout_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deposit_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_hash: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_confirmed: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_canceled: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_deposit_confirmed: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_payout_confirmed: Option<Timestamp>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The Payout object (docs/reference/payouts-api.md §9): answer of create and get, item of list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Payout {
    pub id: String,
    pub wallet_id: String,
    pub fiat_currency: String,
    pub asset: PayoutAsset,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    pub status: PayoutStatus,
    /// Required by the schema, yet the guide's own create example omits it: accepted as
    /// absent, which the dashboard treats as "requester unknown" (the server decides).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester: Option<Requester>,
    pub date_created: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_finalized: Option<Timestamp>,
    pub provider: Provider,
    pub data: PayoutData,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Payout {
    pub fn execution_status(&self) -> &ExecutionStatus {
        &self.data.execution_status
    }

    pub fn requester_id(&self) -> Option<&str> {
        self.requester.as_ref().map(|r| r.user_id.as_str())
    }
}

/// `POST /payouts/quote` body (docs/reference/payouts-api.md §4). Not user-action signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteRequest {
    pub wallet_id: String,
    pub asset: PayoutAssetInput,
    pub fiat_currency: String,
    pub provider: Provider,
    pub country: String,
}

/// One provider offer. Fiat amounts are JSON numbers on the wire (informational only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteOffer {
    pub fiat_currency: String,
    /// Net fiat the recipient receives after fees.
    pub amount: f64,
    pub fees: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_id: Option<String>,
    pub offer: QuoteOffer,
}

/// `POST /payouts/quote` answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteResponse {
    pub provider: Provider,
    pub asset: PayoutAsset,
    pub timestamp: Timestamp,
    pub quotes: Vec<Quote>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `POST /payouts` body (docs/reference/payouts-api.md §5). Note `country` and the Borderless ids are top-level here but
/// live under `data` in the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatePayoutRequest {
    pub wallet_id: String,
    pub asset: PayoutAssetInput,
    pub fiat_currency: String,
    pub provider: Provider,
    pub country: String,
    pub borderless_account_id: String,
    pub payment_instructions_id: String,
    pub payment_purpose: PaymentPurpose,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
}

/// The confirm `transfer`: the asset input plus the deposit address (docs/reference/payouts-api.md §8.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PayoutTransfer {
    pub kind: AssetKind,
    pub amount: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mint: Option<String>,
    pub to: String,
}

/// `POST /payouts/{id}/action` body: a union on `action`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action")]
pub enum PayoutAction {
    #[serde(rename_all = "camelCase")]
    Confirm {
        wallet_id: String,
        transfer: PayoutTransfer,
    },
    Cancel,
}

/// The action answer: an empty object; the new state is read back with GET.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PayoutActionResponse {
    #[serde(flatten)]
    pub extra: Extra,
}
