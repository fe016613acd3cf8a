//! Bytes the dashboard keeps per payout: an `AppState` loaded through its public API with
//! every payout of an emulated org (`upsert`, page by page as the poller does, then
//! `rebuild`), counted by a global allocator (`counting`). The figure is the allocator's,
//! not RSS, so it is the same on every run; the pages come from the emulator's store, built
//! before counting starts, so only what the dashboard keeps is counted.
//! Run: `cargo bench --bench board_memory`.

mod counting;

use chrono::{DateTime, Utc};
use payouts_tui::app::state::{AppState, Settings};
use payouts_tui::emulator::seed;
use payouts_tui::emulator::world::{ListFilter, World};

#[global_allocator]
static ALLOC: counting::Counting = counting::Counting;

fn main() {
    counting::header("dashboard state");
    for &n in counting::sizes() {
        let (payouts, used) = measure(n);
        counting::row(n, payouts, used);
    }
}

/// A fixed instant, so every run seeds the same org.
fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_750_000_000, 0).unwrap_or_default()
}

fn measure(history: usize) -> (usize, counting::Usage) {
    let world = seed::org(1, history, now())
        .unwrap_or_else(|e| panic!("seed: {e}"))
        .world;
    let me = first_requester(&world);
    let before = counting::usage();
    let mut state = AppState::new(Settings::default(), me, now());
    let (mut cursor, filter) = (None, ListFilter::default());
    loop {
        let (items, last) = world.list(&filter, cursor, 50);
        for p in items {
            state.upsert(p, 1);
        }
        match last {
            Some(l) => cursor = Some(l),
            None => break,
        }
    }
    state.rebuild();
    let used = counting::usage().since(before);
    let payouts = state.payouts.len();
    drop(state);
    (payouts, used)
}

fn first_requester(world: &World) -> Option<String> {
    let (items, _) = world.list(&ListFilter::default(), None, 1);
    items
        .first()
        .and_then(|p| p.requester_id().map(str::to_owned))
}
