//! A finished payout kept in few bytes: its own strings in one allocation, the strings it
//! shares with thousands of others interned, its dates as milliseconds. Both stores of
//! history use it — the emulator's and the dashboard's — because both hold tens of thousands
//! of payouts that will never change again, and both must give each back field for field.

mod frozen;
mod glance;
mod symbols;
#[cfg(test)]
pub(crate) mod tests;

pub use frozen::{FrozenPayout, Searched};
pub use glance::Glance;
pub use symbols::{Sym, Symbols};

use super::model::Payout;

/// [`FrozenPayout::freeze`], checked in debug builds (every test) to thaw to the same JSON.
pub fn freeze(p: &Payout, symbols: &mut Symbols) -> Option<FrozenPayout> {
    let f = FrozenPayout::freeze(p, symbols)?;
    debug_assert_eq!(
        serde_json::to_string(&f.thaw(symbols)).ok(),
        serde_json::to_string(p).ok(),
        "a frozen payout thaws to the JSON it was frozen from"
    );
    Some(f)
}
