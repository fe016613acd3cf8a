//! Test payouts for the app core's unit tests (board, countdown, safety).

use chrono::{DateTime, Utc};

use crate::dfns::model::{
    AssetKind, AssetMetadata, ExecutionStatus, Extra, Network, Payout, PayoutAsset, PayoutData,
    PayoutStatus, Provider, Requester, Timestamp,
};

pub const ME: &str = "us-me000-00000-000000000000000";
pub const OTHER: &str = "us-other-00000-000000000000000";
pub const DEPOSIT: &str = "0x1234567890abcdef1234567890abcdef12345678";
pub const USDC_POLYGON: &str = "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359";

pub fn at(s: &str) -> DateTime<Utc> {
    Timestamp::parse(s)
        .instant()
        .unwrap_or_else(|| panic!("bad test timestamp {s}"))
}

/// The top-level status the reference pairs with `exec` (docs/reference/payouts-api.md §10.2).
pub fn status_for(exec: &ExecutionStatus) -> PayoutStatus {
    match exec {
        ExecutionStatus::Completed => PayoutStatus::Completed,
        ExecutionStatus::Rejected => PayoutStatus::Rejected,
        ExecutionStatus::Failed => PayoutStatus::Failed,
        ExecutionStatus::Expired => PayoutStatus::Expired,
        ExecutionStatus::Canceled => PayoutStatus::Canceled,
        _ => PayoutStatus::Processing,
    }
}

/// 1,000.00 USDC on Polygon requested by [`ME`], created 2025-03-01T12:01:00Z, with a deposit
/// address once the payout has reached AwaitingPayoutConfirmation.
pub fn payout(id: &str, exec: ExecutionStatus) -> Payout {
    let has_address = !matches!(
        exec,
        ExecutionStatus::Initializing | ExecutionStatus::AwaitingPayoutInstructions
    );
    Payout {
        id: id.to_owned(),
        wallet_id: "wa-5pfuu-9euek-h0odgb6snva8ph3k".into(),
        fiat_currency: "USD".into(),
        asset: PayoutAsset {
            kind: AssetKind::Erc20,
            amount: "1000000000".into(),
            contract: Some(USDC_POLYGON.into()),
            mint: None,
            network: Network::Polygon,
            metadata: Some(AssetMetadata {
                name: Some("USD Coin".into()),
                symbol: Some("USDC".into()),
                decimals: 6,
                verified: Some(true),
                extra: Extra::new(),
            }),
            extra: Extra::new(),
        },
        external_id: Some(format!("invoice-{id}")),
        status: status_for(&exec),
        requester: Some(Requester {
            user_id: ME.into(),
            token_id: Some("to-202a0-cdo33-o65mbt6q758lvvnt".into()),
            extra: Extra::new(),
        }),
        date_created: Timestamp::parse("2025-03-01T12:01:00.000Z"),
        date_finalized: None,
        provider: Provider::Borderless,
        data: PayoutData {
            borderless_account_id: Some("acct-123".into()),
            payment_instructions_id: Some("pi-456".into()),
            payment_purpose: None,
            country: Some("US".into()),
            execution_status: exec,
            status_reason: None,
            borderless_payout_id: Some("bl-789".into()),
            deposit_address: has_address.then(|| DEPOSIT.into()),
            transfer_id: None,
            transaction_hash: None,
            date_confirmed: None,
            date_canceled: None,
            date_deposit_confirmed: None,
            date_payout_confirmed: None,
            extra: Extra::new(),
        },
        extra: Extra::new(),
    }
}

/// A payout awaiting confirmation by [`ME`]: the one case a confirm may go through.
pub fn awaiting(id: &str) -> Payout {
    payout(id, ExecutionStatus::AwaitingPayoutConfirmation)
}
