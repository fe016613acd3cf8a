//! payouts-tui: a terminal dashboard, scriptable CLI and wire-compatible emulator for
//! Dfns stablecoin-to-fiat payouts.
//!
//! `dfns` is the API layer (wire model, exact amounts, user-action signing, HTTP client) and
//! imports nothing else of ours. `config` resolves profiles and secrets. The binary in
//! `main.rs` only parses the command line and hands over to these modules.

pub mod app;
pub mod audit;
pub mod cli;
pub mod config;
pub mod dfns;
pub mod emulator;
pub mod files;
pub mod logging;
pub mod tui;
pub mod ui;
