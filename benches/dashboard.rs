//! The dashboard's hot paths: board rebuild (group + filter + sort) at 100 000 payouts, kept
//! as the dashboard keeps them (`app::payouts`: finished ones frozen), and one frame at 200×50
//! with 10 000 payouts loaded (board built and rows in view thawed beforehand, as in the loop).
//! Run: `cargo bench --bench dashboard`.

use std::sync::OnceLock;

use payouts_tui::app::board::{self, BoardOptions, Filter};
use payouts_tui::app::payouts::Payouts;
use payouts_tui::app::state::{AppState, Settings};
use payouts_tui::dfns::model::Payout;
use payouts_tui::emulator::seed;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

fn payouts(n: usize) -> Vec<Payout> {
    let now = chrono::Utc::now();
    let org = seed::org(1, n, now).unwrap_or_else(|e| panic!("seed: {e}"));
    let w = org.world;
    let mut out = Vec::with_capacity(w.payout_count());
    let (mut before, filter) = (None, Default::default());
    loop {
        let (items, last) = w.list(&filter, before, 50);
        out.extend(items);
        match last {
            Some(l) => before = Some(l),
            None => break out,
        }
    }
}

fn big() -> &'static (Vec<Payout>, Option<String>) {
    static P: OnceLock<(Vec<Payout>, Option<String>)> = OnceLock::new();
    P.get_or_init(|| {
        let p = payouts(100_000);
        let me = p.iter().find_map(|p| p.requester_id().map(str::to_owned));
        (p, me)
    })
}

/// The 100 000 payouts as the dashboard keeps them.
fn kept() -> &'static Payouts {
    static K: OnceLock<Payouts> = OnceLock::new();
    K.get_or_init(|| {
        let mut k = Payouts::default();
        for p in &big().0 {
            k.upsert(p.clone(), 0);
        }
        k
    })
}

#[divan::bench(args = ["", "usdc", "!completed", "12,500"])]
fn rebuild_100k(bencher: divan::Bencher, filter: &str) {
    let (_, me) = big();
    let p = kept();
    let f = Filter::new(filter);
    let opts = BoardOptions::default();
    bencher.bench(|| board::build(divan::black_box(p), me.as_deref(), &f, &opts));
}

#[divan::bench]
fn frame_200x50_10k(bencher: divan::Bencher) {
    let (p, me) = big();
    let mut state = AppState::new(Settings::default(), me.clone(), chrono::Utc::now());
    for x in p.iter().take(10_000) {
        state.upsert(x.clone(), 0);
    }
    state.width = 200;
    state.height = 50;
    state.rebuild();
    state.keep_view();
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap_or_else(|e| panic!("{e}"));
    bencher.bench_local(|| {
        term.draw(|f| payouts_tui::ui::render(&state, f))
            .map(|_| ())
            .unwrap_or(());
    });
}
