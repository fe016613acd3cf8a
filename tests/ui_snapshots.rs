//! Snapshots of the dashboard drawn by `ui::render` on ratatui's `TestBackend`, from a state
//! with a fixed clock (2026-11-24T12:00:00Z, no skew) and a fixed set of payouts read from JSON
//! literals, plus checks on the styled buffer for what the text alone cannot show: urgency
//! colours, the NO_COLOR promise, the selected row.

use chrono::{DateTime, Duration, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use serde_json::{Value, json};

use payouts_tui::app::safety;
use payouts_tui::app::state::{
    AppState, CancelStage, ConfirmStage, Dialog, Flash, Level, Mode, Settings,
};
use payouts_tui::dfns::model::Payout;
use payouts_tui::ui;

const ME: &str = "us-6b58p-r53sr-rlrd3l5cj3uc4ome";
const OTHER: &str = "us-9xk2m-aa7q1-pq83nd02kd8snv1w";
const USDC_POLYGON: &str = "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359";
const USDT_ETHEREUM: &str = "0xdac17f958d2ee523a2206206994597c13d831ec7";
const USDC_BASE: &str = "0x833589fcd6e7b6e0b2e86aeb9d5f2e0ddc1c7b2f";
const USDC_ARBITRUM: &str = "0xaf88d065e77c8cc2239327c5edb3a432268e5831";
const USDC_SOLANA: &str = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-24T12:00:00Z")
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_else(|e| panic!("fixed clock: {e}"))
}

/// A Borderless payout as the API sends it; `exec` decides the top-level status unless
/// `status` overrides it.
fn payout(id: &str, exec: &str, created: &str) -> Value {
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

fn asset(
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

fn fixtures() -> Vec<Payout> {
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

fn settings() -> Settings {
    Settings {
        profile: "prod".into(),
        api_host: "api.dfns.io".into(),
        finished_limit: 4,
        ..Settings::default()
    }
}

fn state_with(settings: Settings, w: u16, h: u16) -> AppState {
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

fn state(w: u16, h: u16) -> AppState {
    state_with(settings(), w, h)
}

fn draw(s: &AppState, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| panic!("{e}"));
    t.draw(|f| ui::render(s, f))
        .unwrap_or_else(|e| panic!("{e}"));
    t
}

fn text_of(t: &Terminal<TestBackend>) -> String {
    t.backend().to_string()
}

/// The (x, y) where `needle` starts on screen.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
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

fn select(s: &mut AppState, id: &str) {
    s.selected = s.index.get(id).copied();
    s.clamp_scroll();
}

#[test]
fn board_80x24() {
    let s = state(80, 24);
    let t = draw(&s, 80, 24);
    let screen = text_of(&t);
    assert!(screen.contains("▸ Needs my confirmation (5)"), "{screen}");
    insta::assert_snapshot!("board_80x24", t.backend());
}

#[test]
fn board_200x50() {
    let mut s = state(200, 50);
    s.fresh.malformed = 2;
    s.fresh.polling = true;
    let t = draw(&s, 200, 50);
    let screen = text_of(&t);
    for must in [
        "Paused",
        "OnHold",
        "▸ Finished (4/5)",
        "▸ Unknown status (1)",
        "2 unreadable items",
        "⟳",
        "time left to confirm: !! ~7m 00s (deadline 2026-11-24T12:07:00Z, approximate: anchored on dateCreated)",
        "0x1234 5678 90ab cdef 1234 5678 90ab cdef 1234 5678",
        "units",
    ] {
        assert!(screen.contains(must), "missing {must:?}:\n{screen}");
    }
    insta::assert_snapshot!("board_200x50", t.backend());
}

#[test]
fn detail_of_a_finished_and_an_unknown_payout() {
    let mut s = state(200, 50);
    select(&mut s, "pyt-unk02-stat0-onhold0000000002");
    insta::assert_snapshot!("detail_unknown_status_200x50", draw(&s, 200, 50).backend());
    select(&mut s, "pyt-s0l4n-a5p1l-d3p0s1tpr0c3ss1n");
    insta::assert_snapshot!(
        "detail_solana_in_flight_200x50",
        draw(&s, 200, 50).backend()
    );
}

#[test]
fn collapsed_finished_group() {
    let mut s = state(120, 40);
    s.finished_collapsed = true;
    s.rebuild();
    let t = draw(&s, 120, 40);
    assert!(
        text_of(&t).contains("▸ Finished (5) [collapsed · f expands]"),
        "{}",
        text_of(&t)
    );
    insta::assert_snapshot!("board_finished_collapsed_120x40", t.backend());
}

fn open_confirm(s: &mut AppState, typed: &str) {
    let id = "pyt-4ihii-9lonb-tmhjo9bor4odmb5h";
    select(s, id);
    let index = s.index[id];
    let echo = safety::check_confirm(&s.payouts[index], Some(ME), None)
        .unwrap_or_else(|r| panic!("fixture must be confirmable: {r}"));
    s.mode = Mode::Dialog(Dialog::Confirm {
        op: 1,
        index,
        stage: ConfirmStage::Ready(echo),
        typed: typed.into(),
    });
}

#[test]
fn confirm_dialog_ready() {
    let mut s = state(80, 24);
    open_confirm(&mut s, "56");
    let t = draw(&s, 80, 24);
    let screen = text_of(&t);
    for must in [
        "1,000.00 USDC",
        "0x1234 5678 90ab cdef 1234 5678 90ab cdef 1234 5678",
        "[56__]",
        "Enter sends · Esc closes",
        "Polygon",
        "wa-5pfuu-9euek-h0odgb6snva8ph3k",
        USDC_POLYGON,
    ] {
        assert!(screen.contains(must), "missing {must:?}:\n{screen}");
    }
    insta::assert_snapshot!("confirm_ready_80x24", t.backend());

    open_confirm(&mut s, "5678");
    let t = draw(&s, 80, 24);
    assert!(text_of(&t).contains("ARMED ✓"), "{}", text_of(&t));
    insta::assert_snapshot!("confirm_armed_80x24", t.backend());
}

#[test]
fn dialog_stages() {
    let mut s = state(80, 24);
    open_confirm(&mut s, "");
    let Mode::Dialog(Dialog::Confirm {
        index,
        stage: ConfirmStage::Ready(echo),
        ..
    }) = s.mode.clone()
    else {
        panic!("dialog not open");
    };
    let confirm = |stage| {
        Mode::Dialog(Dialog::Confirm {
            op: 1,
            index,
            stage,
            typed: String::new(),
        })
    };
    let cancel = |stage| {
        Mode::Dialog(Dialog::Cancel {
            op: 2,
            index,
            stage,
        })
    };
    let cases = [
        ("confirm_verifying", confirm(ConfirmStage::Verifying), "re-reading payout pyt-4ihii-9lonb-tmhjo9bor4odmb5h from the API…"),
        ("confirm_checking", confirm(ConfirmStage::Checking(echo.clone())), "re-reading once more before sending…"),
        ("confirm_sending", confirm(ConfirmStage::Sending(echo.clone())), "sending…"),
        ("confirm_sent", confirm(ConfirmStage::Sent(echo.clone())), "confirmed ✓ 1,000.00 USDC on Polygon"),
        (
            "confirm_refused",
            confirm(ConfirmStage::Refused("the payout is no longer awaiting confirmation (it is Expired); nothing was sent".into())),
            "no longer awaiting confirmation",
        ),
        ("confirm_unknown", confirm(ConfirmStage::Unknown("confirm of pyt-4ihii-9lonb-tmhjo9bor4odmb5h: outcome unknown (timed out after 30s); re-reading, not re-sending".into())), "Do not confirm again"),
        ("cancel_ask", cancel(CancelStage::Ask), "Press y to cancel it, any other key to keep it."),
        ("cancel_sent", cancel(CancelStage::Sent), "canceled ✓ pyt-4ihii-9lonb-tmhjo9bor4odmb5h"),
    ];
    for (name, mode, must) in cases {
        s.mode = mode;
        let t = draw(&s, 80, 24);
        assert!(
            text_of(&t).contains(must),
            "{name}: missing {must:?}:\n{}",
            text_of(&t)
        );
        insta::assert_snapshot!(format!("dialog_{name}_80x24"), t.backend());
    }
}

#[test]
fn help_overlay() {
    let mut s = state(80, 24);
    s.mode = Mode::Help;
    let t = draw(&s, 80, 24);
    let screen = text_of(&t);
    println!("{screen}");
    for info in payouts_tui::app::action::ACTIONS {
        assert!(
            screen.contains(info.description),
            "help lacks {:?}:\n{screen}",
            info.description
        );
    }
    insta::assert_snapshot!("help_80x24", t.backend());

    let mut s = state_with(
        Settings {
            read_only: Some("profile 'prod' is read-only".into()),
            ..settings()
        },
        80,
        24,
    );
    s.mode = Mode::Help;
    let t = draw(&s, 80, 24);
    assert!(
        text_of(&t).contains("disabled: profile 'prod' is read-only"),
        "{}",
        text_of(&t)
    );
    insta::assert_snapshot!("help_read_only_80x24", t.backend());
}

#[test]
fn filter_mode() {
    let mut s = state(80, 24);
    s.mode = Mode::Filter {
        input: "usdc polygon".into(),
    };
    s.filter = payouts_tui::app::board::Filter::new("usdc polygon");
    s.rebuild();
    let t = draw(&s, 80, 24);
    let screen = text_of(&t);
    assert!(screen.contains("/ usdc polygon▏"), "{screen}");
    assert!(!screen.contains("USDT"), "{screen}");
    insta::assert_snapshot!("filter_80x24", t.backend());
}

#[test]
fn read_only_hint_bar() {
    let s = state_with(
        Settings {
            read_only: Some("--read-only".into()),
            ..settings()
        },
        80,
        24,
    );
    let t = draw(&s, 80, 24);
    let buf = t.backend().buffer();
    let last = buf.area.height - 1;
    let (x, y) =
        find(buf, "disabled (read-only): c confirm").unwrap_or_else(|| panic!("{}", text_of(&t)));
    assert_eq!(y, last);
    assert!(buf[(x, y)].modifier.contains(Modifier::DIM));
    assert!(text_of(&t).contains("READ-ONLY"));
    insta::assert_snapshot!("read_only_80x24", t.backend());
}

#[test]
fn stale_status_bar() {
    let mut s = state(80, 24);
    s.fresh.last_ok = Some(now() - Duration::minutes(5));
    s.fresh.failures = 3;
    s.fresh.last_error =
        Some("connection refused (api.dfns.io:443): check the network or --api-url".into());
    let t = draw(&s, 80, 24);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "STALE · updated 5m ago · poll failing (3×)")
        .unwrap_or_else(|| panic!("{}", text_of(&t)));
    assert_eq!(y, 0);
    assert_eq!(buf[(x, y)].fg, Color::Red);
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    // The last good data stays on screen.
    assert!(text_of(&t).contains("pyt-4ihii…mb5h"));
    insta::assert_snapshot!("stale_80x24", t.backend());
    let t = draw(&s, 200, 50);
    assert!(
        text_of(&t)
            .contains("connection refused (api.dfns.io:443): check the network or --api-url")
    );
}

#[test]
fn flash_replaces_the_hints() {
    let mut s = state(80, 24);
    s.flash = Some(Flash {
        text: "confirm is disabled: --read-only".into(),
        level: Level::Warn,
        until: now(),
    });
    let t = draw(&s, 80, 24);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "confirm is disabled").unwrap_or_else(|| panic!("{}", text_of(&t)));
    assert_eq!(y, 23);
    assert_eq!(buf[(x, y)].fg, Color::Yellow);
}

#[test]
fn too_small_40x10() {
    let s = state(40, 10);
    let t = draw(&s, 40, 10);
    let screen = text_of(&t).replace(['"', '\n', ' '], "");
    assert!(
        screen.contains("terminaltoosmall:needatleast60×15,have40×10"),
        "{}",
        text_of(&t)
    );
    insta::assert_snapshot!("too_small_40x10", t.backend());
}

#[test]
fn raw_json_view() {
    let mut s = state(200, 50);
    s.raw_json = true;
    s.detail_focused = true;
    let t = draw(&s, 200, 50);
    let screen = text_of(&t);
    assert!(
        screen.contains(r#""id": "pyt-zz91a-88dke-mq0vbn3xw7ye2rt5","#),
        "{screen}"
    );
    assert!(
        screen.contains(r#""dateCreated": "2026-11-23T11:50:00.000Z""#),
        "{screen}"
    );
    // Focus shows as a thick border, with or without colour.
    assert!(screen.contains('┏'), "{screen}");
    insta::assert_snapshot!("raw_json_200x50", t.backend());
}

#[test]
fn countdown_under_ten_minutes_is_red_with_colour_and_bold_without() {
    for color in [true, false] {
        let s = state_with(
            Settings {
                color,
                ..settings()
            },
            80,
            24,
        );
        let t = draw(&s, 80, 24);
        let buf = t.backend().buffer();
        let (x, y) = find(buf, "!! ~7m 00s").unwrap_or_else(|| panic!("{}", text_of(&t)));
        let digits = &buf[(x + 4, y)];
        assert!(
            digits.modifier.contains(Modifier::BOLD),
            "color={color}: {digits:?}"
        );
        assert_eq!(
            digits.fg,
            if color { Color::Red } else { Color::Reset },
            "color={color}"
        );
        // Overdue: "0s" reversed.
        let (x, y) = find(buf, "!! ~0s").unwrap_or_else(|| panic!("{}", text_of(&t)));
        assert!(
            buf[(x + 4, y)].modifier.contains(Modifier::REVERSED),
            "color={color}"
        );
        // Under an hour: "!" and yellow.
        let (x, y) = find(buf, "!     ~42m").unwrap_or_else(|| panic!("{}", text_of(&t)));
        assert_eq!(
            buf[(x + 7, y)].fg,
            if color { Color::Yellow } else { Color::Reset }
        );
    }
}

#[test]
fn selected_row_is_reversed_and_rows_that_need_me_are_bold() {
    let s = state(80, 24);
    let t = draw(&s, 80, 24);
    let buf = t.backend().buffer();
    let selected = s
        .selected_payout()
        .map(|p| ui::short_id(&p.id))
        .unwrap_or_default();
    let (x, y) = find(buf, &selected).unwrap_or_else(|| panic!("{}", text_of(&t)));
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    let (x, y) = find(buf, "pyt-b3m9x…p3a6").unwrap_or_else(|| panic!("{}", text_of(&t)));
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    assert!(!buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

/// Every cell's colours, for the NO_COLOR check.
fn assert_no_colour(buf: &Buffer, what: &str) {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            assert!(
                c.fg == Color::Reset && c.bg == Color::Reset,
                "{what}: cell ({x},{y}) {:?} has fg {:?} bg {:?}",
                c.symbol(),
                c.fg,
                c.bg
            );
        }
    }
}

#[test]
fn no_color_sets_no_colour_anywhere() {
    let base = Settings {
        color: false,
        ..settings()
    };
    let mut s = state_with(base.clone(), 80, 24);
    s.fresh.last_error = Some("timeout".into());
    s.fresh.malformed = 1;
    s.flash = Some(Flash {
        text: "confirm refused".into(),
        level: Level::Error,
        until: now(),
    });
    assert_no_colour(draw(&s, 80, 24).backend().buffer(), "board");
    s.mode = Mode::Help;
    assert_no_colour(draw(&s, 80, 24).backend().buffer(), "help");
    open_confirm(&mut s, "5678");
    assert_no_colour(draw(&s, 80, 24).backend().buffer(), "confirm");
    s.mode = Mode::Dialog(Dialog::Confirm {
        op: 1,
        index: 0,
        stage: ConfirmStage::Refused("no".into()),
        typed: String::new(),
    });
    assert_no_colour(draw(&s, 80, 24).backend().buffer(), "refused");
    let mut s = state_with(
        Settings {
            read_only: Some("--read-only".into()),
            ..base
        },
        200,
        50,
    );
    s.detail_focused = true;
    assert_no_colour(draw(&s, 200, 50).backend().buffer(), "read-only wide");
}

#[test]
fn odd_sizes_never_panic() {
    let mut modes = vec![
        Mode::Board,
        Mode::Help,
        Mode::Filter {
            input: "ü漢字/".into(),
        },
    ];
    let mut s = state(80, 24);
    open_confirm(&mut s, "5");
    modes.push(s.mode.clone());
    modes.push(Mode::Dialog(Dialog::Cancel {
        op: 1,
        index: 0,
        stage: CancelStage::Ask,
    }));
    let widths: Vec<u16> = (1..=250)
        .filter(|w| w % 7 == 0 || *w < 4 || (58..=62).contains(w) || *w >= 248)
        .collect();
    let heights: Vec<u16> = (1..=60)
        .filter(|h| h % 5 == 0 || *h < 4 || (13..=17).contains(h))
        .collect();
    for (i, mode) in modes.into_iter().enumerate() {
        for &w in &widths {
            for &h in &heights {
                let mut s = state(w, h);
                s.mode = mode.clone();
                s.raw_json = i % 2 == 1;
                s.flash = (i == 2).then(|| Flash {
                    text: "x".repeat(300),
                    level: Level::Error,
                    until: now(),
                });
                draw(&s, w, h);
                // The state's size and the terminal's may disagree for a frame.
                draw(&s, h.max(1), w.min(60).max(1));
            }
        }
    }
}

#[test]
fn explorer_links() {
    use payouts_tui::dfns::model::Network;
    assert_eq!(
        ui::explorer_url(&Network::Polygon, "0xabc").as_deref(),
        Some("https://polygonscan.com/tx/0xabc")
    );
    assert_eq!(ui::explorer_url(&Network::from_wire("Tron"), "0xabc"), None);
}

/// Frame cost with 10 000 payouts at 200×50; run with
/// `cargo test --release --test ui_snapshots -- --ignored --nocapture`.
#[test]
#[ignore = "timing; run in release"]
fn render_cost_with_ten_thousand_payouts() {
    let base = fixtures();
    let mut s = AppState::new(
        Settings {
            finished_limit: 200,
            ..settings()
        },
        Some(ME.to_owned()),
        now(),
    );
    for i in 0..10_000usize {
        let mut p = base[i % base.len()].clone();
        p.id = format!("pyt-{:05}-aaaaa-bbbbbbbbbbbbbbbb", i);
        s.upsert(p, 0);
    }
    s.width = 200;
    s.height = 50;
    s.rebuild();
    let mut t = Terminal::new(TestBackend::new(200, 50)).unwrap_or_else(|e| panic!("{e}"));
    let n = 200u32;
    let start = std::time::Instant::now();
    for k in 0..n {
        s.now = now() + Duration::seconds(i64::from(k));
        t.draw(|f| ui::render(&s, f))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let per = start.elapsed() / n;
    println!("render + diff at 200x50 with 10 000 payouts: {per:?} per frame");
}
