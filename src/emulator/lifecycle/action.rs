//! Confirm and Cancel: every refusal of the reference (docs/reference/payouts-api.md §8.4, §15.4) as a pure check.
//! Message texts are the reference's suggestions; the real API's are undocumented.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::Tracked;
use crate::dfns::model::{ExecutionStatus, PayoutStatus, PayoutTransfer, Timestamp};
use crate::emulator::error::EmuError;

fn check_actionable(t: &Tracked, caller_user_id: &str) -> Result<(), EmuError> {
    // Only the requester may act — checked first, so a stranger learns nothing of the state.
    if t.payout.requester_id() != Some(caller_user_id) {
        return Err(EmuError::new(
            403,
            "only the payout requester can perform this action",
        ));
    }
    match t.payout.execution_status() {
        ExecutionStatus::AwaitingPayoutConfirmation => Ok(()),
        ExecutionStatus::Expired => Err(EmuError::bad_request("payout has expired")),
        other => Err(EmuError::bad_request("payout is not awaiting confirmation")
            .with_details(json!({ "executionStatus": other.as_str() }))),
    }
}

/// Confirm: the echoed transfer must equal the payout's, field by field, byte for byte.
/// Address comparison is exact (case-sensitive): the reference leaves the EVM rule open
/// (open question 10), and exact is what a client echoing the server's string satisfies.
pub fn confirm(
    t: &mut Tracked,
    caller_user_id: &str,
    wallet_id: &str,
    transfer: &PayoutTransfer,
    now: DateTime<Utc>,
) -> Result<(), EmuError> {
    check_actionable(t, caller_user_id)?;
    let p = &t.payout;
    let mismatch = |field: &str| {
        EmuError::bad_request("transfer does not match payout")
            .with_details(json!({ "field": field }))
    };
    if wallet_id != p.wallet_id {
        return Err(mismatch("walletId"));
    }
    if transfer.kind != p.asset.kind {
        return Err(mismatch("transfer.kind"));
    }
    if transfer.amount != p.asset.amount {
        return Err(mismatch("transfer.amount"));
    }
    if transfer.contract != p.asset.contract {
        return Err(mismatch("transfer.contract"));
    }
    if transfer.mint != p.asset.mint {
        return Err(mismatch("transfer.mint"));
    }
    if p.data.deposit_address.as_deref() != Some(transfer.to.as_str()) {
        return Err(EmuError::bad_request(
            "transfer destination does not match payout deposit address",
        )
        .with_details(json!({ "field": "transfer.to" })));
    }
    let data = &mut t.payout.data;
    data.execution_status = ExecutionStatus::SubmittingPayoutTransfer;
    data.date_confirmed = Some(Timestamp::from_datetime(now));
    data.transfer_id = Some(t.plan.transfer_id.clone());
    t.since = now;
    Ok(())
}

/// Cancel: only while awaiting confirmation.
pub fn cancel(t: &mut Tracked, caller_user_id: &str, now: DateTime<Utc>) -> Result<(), EmuError> {
    check_actionable(t, caller_user_id)?;
    t.payout.data.date_canceled = Some(Timestamp::from_datetime(now));
    t.finish(PayoutStatus::Canceled, ExecutionStatus::Canceled, None, now);
    Ok(())
}
