//! Wire types of the Dfns payouts API, with the exact JSON names of the reference
//! (docs/reference/payouts-api.md). See `open_enum` for how unknown enum values
//! are kept, and `timestamp` for why dates stay strings.

mod auth;
mod enums;
mod list;
mod network;
pub(crate) mod open_enum;
mod payout;
mod timestamp;
mod wallet;

pub use auth::*;
pub use enums::*;
pub use list::*;
pub use network::Network;
pub use payout::*;
pub use timestamp::Timestamp;
pub use wallet::*;

#[cfg(test)]
mod tests;
