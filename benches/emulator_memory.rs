//! Bytes the emulator keeps per payout: the world `seed::org` builds with `--history N`
//! (payouts, their transfers and approvals, the indexes), counted by a global allocator
//! (`counting`). The figure is the allocator's, not RSS, so it is the same on every run;
//! `scripts/scale.sh` gives the resident set of the real process.
//! Run: `cargo bench --bench emulator_memory`.

mod counting;

use chrono::DateTime;
use payouts_tui::emulator::seed;

#[global_allocator]
static ALLOC: counting::Counting = counting::Counting;

fn main() {
    counting::header("emulator world");
    let now = DateTime::from_timestamp(1_750_000_000, 0).unwrap_or_default();
    for &n in counting::sizes() {
        let before = counting::usage();
        let org = seed::org(1, n, now).unwrap_or_else(|e| panic!("seed: {e}"));
        let used = counting::usage().since(before);
        counting::row(n, org.world.payout_count(), used);
    }
}
