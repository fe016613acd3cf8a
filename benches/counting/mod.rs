//! A global allocator that counts the bytes and blocks in use, for the memory benches.
//!
//! The figure is what the program asked for (`Layout::size`), not what the allocator rounded
//! it up to, nor the resident set: it is the same on every run and every machine, where RSS
//! moves with the allocator's arenas and the neighbours. glibc adds about 16 bytes of header
//! and rounding per block, hence the block count beside the bytes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

pub struct Counting;

static BYTES: AtomicUsize = AtomicUsize::new(0);
static BLOCKS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to `System` unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            BYTES.fetch_add(layout.size(), Relaxed);
            BLOCKS.fetch_add(1, Relaxed);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            BYTES.fetch_add(layout.size(), Relaxed);
            BLOCKS.fetch_add(1, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) };
        BYTES.fetch_sub(layout.size(), Relaxed);
        BLOCKS.fetch_sub(1, Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            BYTES.fetch_add(new_size, Relaxed);
            BYTES.fetch_sub(layout.size(), Relaxed);
        }
        p
    }
}

/// Bytes and blocks in use now.
#[derive(Debug, Clone, Copy)]
pub struct Usage {
    pub bytes: usize,
    pub blocks: usize,
}

pub fn usage() -> Usage {
    Usage {
        bytes: BYTES.load(Relaxed),
        blocks: BLOCKS.load(Relaxed),
    }
}

impl Usage {
    /// What was added since `before` (zero if less is in use now).
    pub fn since(self, before: Usage) -> Usage {
        Usage {
            bytes: self.bytes.saturating_sub(before.bytes),
            blocks: self.blocks.saturating_sub(before.blocks),
        }
    }
}

/// The history sizes to measure: 1 000, 10 000 and 100 000, or only 1 000 when the bench is
/// run as a test (`cargo test --benches`, which passes `--test`).
pub fn sizes() -> &'static [usize] {
    if std::env::args().any(|a| a == "--test") {
        &[1_000]
    } else {
        &[1_000, 10_000, 100_000]
    }
}

/// One line of the table the memory benches print.
pub fn row(history: usize, payouts: usize, used: Usage) {
    let per = |x: usize| x as f64 / payouts.max(1) as f64;
    println!(
        "| {history} | {payouts} | {:.1} MB | {:.0} | {:.1} |",
        used.bytes as f64 / 1e6,
        per(used.bytes),
        per(used.blocks),
    );
}

pub fn header(what: &str) {
    println!("| --history | payouts | {what} | bytes / payout | blocks / payout |");
    println!("|---|---|---|---|---|");
}
