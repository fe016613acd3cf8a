//! Policies and the approvals they open; the wallet transfers of confirmed payouts.
//!
//! A Confirm creates the payout's transfer (`xfr-…`, `data.transferId`) and evaluates the
//! `Wallets:Sign` policies against it ([`evaluate`]). A triggered `RequestApproval` opens one
//! approval (`ap-…`) for the activity, however many policies triggered, and holds the payout
//! in PendingPolicyApproval; its approvers decide by the rules of [`rules`]; the outcome
//! drives the payout ([`settle`]). The pure parts are [`evaluate`], [`rules`] and
//! [`settle`]; [`Book`] is the store (settled approvals kept as JSON, [`FrozenApproval`]).

mod book;
pub mod evaluate;
mod frozen;
pub mod rules;
pub mod settle;
#[cfg(test)]
mod tests;

use crate::dfns::model::{ApprovalStatus, Requester, Timestamp};

pub use book::{Book, Entry};
pub use frozen::FrozenApproval;
pub use settle::{TransferView, on_confirm};

/// A payout's transfer; the world reads it from the payout (it keeps no copy), its status
/// derived from the payout when read.
#[derive(Debug, Clone, PartialEq)]
pub struct EmuTransfer {
    pub id: String,
    pub wallet_id: String,
    pub payout_id: String,
    pub requester: Requester,
    pub date_requested: Timestamp,
    pub approval_id: Option<String>,
}

/// The filter of `GET /v2/policy-approvals`.
#[derive(Debug, Clone, Default)]
pub struct ApprovalFilter {
    pub status: Option<ApprovalStatus>,
    pub initiator_id: Option<String>,
    /// Members of a group of a triggered policy who have not decided yet.
    pub approver_id: Option<String>,
}
