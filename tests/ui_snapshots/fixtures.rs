//! The fixed world the UI snapshots draw: a clock at 2026-11-24T12:00:00Z (no skew) and
//! payouts read from JSON literals, one per situation the board must show.

use chrono::{DateTime, Duration, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use serde_json::{Value, json};

use payouts_tui::app::safety;
use payouts_tui::app::state::{AppState, ConfirmStage, Dialog, Mode, Settings};
use payouts_tui::dfns::model::Payout;
use payouts_tui::ui;

pub const ME: &str = "us-6b58p-r53sr-rlrd3l5cj3uc4ome";
pub const OTHER: &str = "us-9xk2m-aa7q1-pq83nd02kd8snv1w";
pub const USDC_POLYGON: &str = "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359";
pub const USDT_ETHEREUM: &str = "0xdac17f958d2ee523a2206206994597c13d831ec7";
pub const USDC_BASE: &str = "0x833589fcd6e7b6e0b2e86aeb9d5f2e0ddc1c7b2f";
pub const USDC_ARBITRUM: &str = "0xaf88d065e77c8cc2239327c5edb3a432268e5831";
pub const USDC_SOLANA: &str = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v";

pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-24T12:00:00Z")
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_else(|e| panic!("fixed clock: {e}"))
}

/// A Borderless payout as the API sends it; `exec` decides the top-level status unless
/// `status` overrides it.
pub fn payout(id: &str, exec: &str, created: &str) -> Value {
    let status = match exec {
        "Completed" | "Failed" | "Rejected" | "Expired" | "Canceled" => exec,
        _ => "Processing",
    };
    json!({
        "id": id,
        "walletId": "wa-5pfuu-9euek-h0odgb6snva8ph3k",
        "fiatCurrency": "USD",
        "asset": {
            "kind": "Erc20", "amount": "1000000000", "contract": USDC_POLYGON, "network": "Polygon",
            "metadata": {"name": "USD Coin", "symbol": "USDC", "decimals": 6, "verified": true}
        },
        "status": status,
        "requester": {"userId": ME, "tokenId": "to-202a0-cdo33-o65mbt6q758lvvnt"},
        "dateCreated": created,
        "provider": "Borderless",
        "data": {
            "borderlessAccountId": "acct-123",
            "paymentInstructionsId": "pi-456",
            "paymentPurpose": "salary payment",
            "country": "US",
            "executionStatus": exec,
            "borderlessPayoutId": "bl-789",
            "depositAddress": "0x1234567890abcdef1234567890abcdef12345678"
        }
    })
}

pub fn asset(
    kind: &str,
    amount: &str,
    token: &str,
    network: &str,
    symbol: &str,
    decimals: u8,
) -> Value {
    let key = if kind == "Erc20" { "contract" } else { "mint" };
    json!({
        "kind": kind, "amount": amount, key: token, "network": network,
        "metadata": {"symbol": symbol, "decimals": decimals}
    })
}

pub fn fixtures() -> Vec<Payout> {
    let mut v = Vec::new();

    // Needs me: 7 minutes left (created 23h 53m ago).
    let mut p = payout(
        "pyt-4ihii-9lonb-tmhjo9bor4odmb5h",
        "AwaitingPayoutConfirmation",
        "2026-11-23T12:07:00.000Z",
    );
    p["externalId"] = json!("invoice-2026-0412");
    v.push(p);
    // Needs me: 42 minutes left, on Base.
    let mut p = payout(
        "pyt-b3m9x-q2w7e-k5t8y1u4i7o0p3a6",
        "AwaitingPayoutConfirmation",
        "2026-11-23T12:42:00.000Z",
    );
    p["asset"] = asset("Erc20", "15750000", USDC_BASE, "Base", "USDC", 6);
    p["externalId"] = json!("refund-88231");
    p["data"]["depositAddress"] = json!("0xabcdef0123456789abcdef0123456789abcd9f3e");
    v.push(p);
    // Needs me: hours left, a large USDT payout on Ethereum.
    let mut p = payout(
        "pyt-7qk2d-0fmwz-c8r1n5x2ab6ptq3e",
        "AwaitingPayoutConfirmation",
        "2026-11-24T00:48:00.000Z",
    );
    p["asset"] = asset(
        "Erc20",
        "250000500000",
        USDT_ETHEREUM,
        "Ethereum",
        "USDT",
        6,
    );
    p["externalId"] = json!("payroll-2026-11");
    p["data"]["depositAddress"] = json!("0x9f8e7d6c5b4a39281706f5e4d3c2b1a098765432");
    v.push(p);
    // Needs me by our estimate overdue (the server has not expired it yet).
    let mut p = payout(
        "pyt-zz91a-88dke-mq0vbn3xw7ye2rt5",
        "AwaitingPayoutConfirmation",
        "2026-11-23T11:50:00.000Z",
    );
    p["asset"]["amount"] = json!("500000000");
    v.push(p);
    // Awaiting confirmation with no requester in the body: shown as needing me, requester "?".
    let mut p = payout(
        "pyt-n0req-aaaaa-bbbbbbbbbbbbbbbb",
        "AwaitingPayoutConfirmation",
        "2026-11-24T09:15:00.000Z",
    );
    p.as_object_mut().map(|o| o.remove("requester"));
    p["asset"]["amount"] = json!("42000000");
    v.push(p);
    // Awaiting another user.
    let mut p = payout(
        "pyt-q8w2e-r4t6y-u1i3o5p7a9s2d4f6",
        "AwaitingPayoutConfirmation",
        "2026-11-24T06:30:00.000Z",
    );
    p["requester"]["userId"] = json!(OTHER);
    p["asset"] = asset(
        "Erc20",
        "9999990000",
        USDC_ARBITRUM,
        "ArbitrumOne",
        "USDC",
        6,
    );
    p["externalId"] = json!("vendor-7781");
    v.push(p);
    // Pending policy approval, 2h 30m left to submit.
    let mut p = payout(
        "pyt-p0l1c-y2h3o-l4d5e6f7g8h9i0j1",
        "PendingPolicyApproval",
        "2026-11-24T10:20:00.000Z",
    );
    p["data"]["dateConfirmed"] = json!("2026-11-24T10:30:00.000Z");
    p["data"]["transferId"] = json!("xfr-6uim5-dsrcl-9p8ol6bq1q8ggsfo");
    p["asset"]["amount"] = json!("2500000000");
    v.push(p);
    // In flight: submitting, 5 minutes left to submit.
    let mut p = payout(
        "pyt-s7b2t-m1tt1-ng0n0w5x4c3v2b1n",
        "SubmittingPayoutTransfer",
        "2026-11-24T07:55:00.000Z",
    );
    p["data"]["dateConfirmed"] = json!("2026-11-24T08:05:00.000Z");
    p["data"]["transferId"] = json!("xfr-4kd82-mzn3a-0qpwl7vb2xk9e1ru");
    v.push(p);
    // In flight: on-chain deposit processing on Solana (SPL, mint).
    let mut p = payout(
        "pyt-s0l4n-a5p1l-d3p0s1tpr0c3ss1n",
        "DepositProcessing",
        "2026-11-24T11:02:00.000Z",
    );
    p["asset"] = asset("Spl", "320000000", USDC_SOLANA, "Solana", "USDC", 6);
    p["data"]["depositAddress"] = json!("7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV");
    p["data"]["dateConfirmed"] = json!("2026-11-24T11:10:00.000Z");
    p["data"]["transferId"] = json!("xfr-sol01-abcde-fghijklmnopqrstu");
    p["data"]["transactionHash"] =
        json!("5VfYmGC9L2VTBqv8xR1yZ3kW7uN4eP6sD2hJ9aQ5cF8mK1tL3oB7nX4vE2iU6wS9");
    v.push(p);
    // In flight: disbursement pending, decimals unknown (no metadata).
    let mut p = payout(
        "pyt-d1sbu-rs3m3-ntp3nd1ng0000001",
        "DisbursementPending",
        "2026-11-24T05:00:00.000Z",
    );
    p["asset"].as_object_mut().map(|o| o.remove("metadata"));
    p["data"]["dateConfirmed"] = json!("2026-11-24T05:10:00.000Z");
    p["data"]["dateDepositConfirmed"] = json!("2026-11-24T05:40:12.345Z");
    p["data"]["transactionHash"] =
        json!("0x5e1f3c2b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f");
    v.push(p);
    // An execution status this build does not know, top-level still Processing.
    let mut p = payout(
        "pyt-unk01-exec0-paused0000000001",
        "Paused",
        "2026-11-24T09:00:00.000Z",
    );
    p["data"]["statusReason"] = json!("provider maintenance window");
    v.push(p);
    // A top-level status this build does not know.
    let mut p = payout(
        "pyt-unk02-stat0-onhold0000000002",
        "AwaitingPayoutConfirmation",
        "2026-11-24T08:00:00.000Z",
    );
    p["status"] = json!("OnHold");
    v.push(p);
    // Finished, one of each kind.
    for (id, exec, created, fin) in [
        (
            "pyt-f1n01-c0mpl-eted000000000001",
            "Completed",
            "2026-11-22T10:00:00.000Z",
            "2026-11-22T14:30:00.000Z",
        ),
        (
            "pyt-f1n02-fa1le-d000000000000002",
            "Failed",
            "2026-11-21T10:00:00.000Z",
            "2026-11-21T11:00:00.000Z",
        ),
        (
            "pyt-f1n03-rejec-ted0000000000003",
            "Rejected",
            "2026-11-20T10:00:00.000Z",
            "2026-11-20T10:45:00.000Z",
        ),
        (
            "pyt-f1n04-exp1r-ed00000000000004",
            "Expired",
            "2026-11-19T10:00:00.000Z",
            "2026-11-20T10:00:00.000Z",
        ),
        (
            "pyt-f1n05-canc3-led0000000000005",
            "Canceled",
            "2026-11-18T10:00:00.000Z",
            "2026-11-18T12:00:00.000Z",
        ),
    ] {
        let mut p = payout(id, exec, created);
        p["dateFinalized"] = json!(fin);
        match exec {
            "Completed" => {
                p["data"]["dateConfirmed"] = json!("2026-11-22T10:20:00.000Z");
                p["data"]["datePayoutConfirmed"] = json!("2026-11-22T14:30:00.000Z");
            }
            "Failed" => p["data"]["statusReason"] = json!("bank account closed"),
            "Rejected" => p["data"]["statusReason"] = json!("policy: amount above daily limit"),
            "Canceled" => p["data"]["dateCanceled"] = json!(fin),
            _ => {}
        }
        v.push(p);
    }
    v.into_iter()
        .map(|p| serde_json::from_value(p).unwrap_or_else(|e| panic!("fixture payout: {e}")))
        .collect()
}

pub fn settings() -> Settings {
    Settings {
        profile: "prod".into(),
        api_host: "api.dfns.io".into(),
        finished_limit: 4,
        ..Settings::default()
    }
}

pub fn state_with(settings: Settings, w: u16, h: u16) -> AppState {
    let mut s = AppState::new(settings, Some(ME.to_owned()), now());
    for p in fixtures() {
        s.upsert(p, 0);
    }
    s.fresh.last_ok = Some(now() - Duration::seconds(4));
    s.fresh.initial_load_done = true;
    s.width = w;
    s.height = h;
    s.rebuild();
    s.clamp_scroll();
    s
}

pub fn state(w: u16, h: u16) -> AppState {
    state_with(settings(), w, h)
}

pub fn draw(s: &AppState, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| panic!("{e}"));
    t.draw(|f| ui::render(s, f))
        .unwrap_or_else(|e| panic!("{e}"));
    t
}

pub fn text_of(t: &Terminal<TestBackend>) -> String {
    t.backend().to_string()
}

/// The (x, y) where `needle` starts on screen.
pub fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let w = buf.area.width;
    for y in 0..buf.area.height {
        let row: Vec<&str> = (0..w).map(|x| buf[(x, y)].symbol()).collect();
        let line: String = row.concat();
        if let Some(byte) = line.find(needle) {
            // Cells are one symbol each here (no wide characters in these lines).
            let x = line[..byte].chars().count();
            return Some((u16::try_from(x).unwrap_or(0), y));
        }
    }
    None
}

pub fn select(s: &mut AppState, id: &str) {
    s.selected = s.payouts.position(id);
    s.clamp_scroll();
}

pub fn open_confirm(s: &mut AppState, typed: &str) {
    let id = "pyt-4ihii-9lonb-tmhjo9bor4odmb5h";
    select(s, id);
    let index = s.payouts.position(id).unwrap();
    let echo = safety::check_confirm(
        &s.payouts.get(index).unwrap().id,
        &s.payouts.get(index).unwrap(),
        Some(ME),
        None,
    )
    .unwrap_or_else(|r| panic!("fixture must be confirmable: {r}"));
    s.mode = Mode::Dialog(Dialog::Confirm {
        op: 1,
        index,
        stage: ConfirmStage::Ready(echo),
        typed: typed.into(),
    });
}
