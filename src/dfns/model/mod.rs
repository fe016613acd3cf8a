//! Wire types of the Dfns payouts API, with the exact JSON names of the reference
//! (docs/reference/payouts-api.md), and of the policy approvals that can hold a payout's
//! transfer (docs/reference/policy-approvals.md: `approval`, `policy`, `transfer`). See
//! `open_enum` for how unknown enum values are kept, and `timestamp` for why dates stay
//! strings.

mod approval;
mod auth;
mod enums;
mod list;
mod network;
pub(crate) mod open_enum;
mod payout;
mod policy;
mod timestamp;
mod transfer;
mod user;
mod wallet;

pub use approval::*;
pub use auth::*;
pub use enums::*;
pub use list::*;
pub use network::Network;
pub use payout::*;
pub use policy::*;
pub use timestamp::Timestamp;
pub use transfer::*;
pub use user::*;
pub use wallet::*;

#[cfg(test)]
mod approval_tests;
#[cfg(test)]
mod tests;
