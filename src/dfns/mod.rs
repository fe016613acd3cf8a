//! The Dfns payouts API: wire model, amounts, user-action signing, the HTTP client.
//! Imports nothing else of this crate, so it could be lifted out as its own library.

pub mod amount;
pub mod client;
pub mod compact;
pub mod error;
pub mod model;
pub mod secret;
pub mod signing;
pub mod text;
pub mod token;
