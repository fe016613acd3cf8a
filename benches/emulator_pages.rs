//! Server-side cost of `GET /payouts?limit=50` pages with 100 000 payouts seeded: the store
//! scan plus JSON encoding of the page, at the first, middle and last page, and a filtered
//! page. Run: `cargo bench --bench emulator_pages`.

use std::sync::OnceLock;

use payouts_tui::dfns::model::{ListResponse, PayoutStatus};
use payouts_tui::emulator::query::token_for;
use payouts_tui::emulator::seed;
use payouts_tui::emulator::world::{ListFilter, World};

fn main() {
    divan::main();
}

const HISTORY: usize = 100_000;

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let now = chrono::Utc::now();
        seed::org(1, HISTORY, now)
            .map(|o| o.world)
            .unwrap_or_else(|e| panic!("seed: {e}"))
    })
}

fn page(w: &World, filter: &ListFilter, before: Option<usize>) -> usize {
    let (items, last) = w.list(filter, before, 50);
    let body = ListResponse {
        items,
        next_page_token: last.map(token_for),
    };
    serde_json::to_vec(&body).map(|v| v.len()).unwrap_or(0)
}

#[divan::bench(args = ["first", "middle", "last"])]
fn page_of_50(bencher: divan::Bencher, at: &str) {
    let w = world();
    let n = w.payout_count();
    let before = match at {
        "first" => None,
        "middle" => Some(n / 2),
        _ => Some(50),
    };
    let filter = ListFilter::default();
    bencher.bench(|| page(w, &filter, divan::black_box(before)));
}

/// A rare status: the scan may walk the whole store to fill a page.
#[divan::bench]
fn filtered_page_rare_status(bencher: divan::Bencher) {
    let w = world();
    let filter = ListFilter {
        status: vec![PayoutStatus::Rejected],
        ..Default::default()
    };
    bencher.bench(|| page(w, &filter, None));
}

/// Every page, first to last: the whole pagination (linear in the number of pages).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn paginate_everything(bencher: divan::Bencher) {
    let w = world();
    let filter = ListFilter::default();
    bencher.bench(|| {
        let mut before = None;
        let mut pages = 0;
        loop {
            let (_, last) = w.list(&filter, before, 50);
            pages += 1;
            match last {
                Some(l) => before = Some(l),
                None => break pages,
            }
        }
    });
}
