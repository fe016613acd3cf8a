//! The pure core of the dashboard: state as plain data, `update(state, msg) -> effects`,
//! and the logic it needs (board, countdowns, the money guard). No tokio, no ratatui, no
//! reqwest, no clock reads: time arrives as `Msg::Tick(now)`.

pub mod action;
pub mod approval;
pub mod board;
pub mod countdown;
pub mod display;
pub mod effect;
pub mod layout;
pub mod msg;
pub mod names;
pub mod new_payout;
pub mod payouts;
pub mod resolve;
pub mod safety;
pub mod state;
pub mod term;
pub mod update;

pub use update::update;
