//! No size and no content crashes the dashboard, and no server string reaches a cell raw.
//!
//! - The sweep draws every overlay (board, focused detail, raw JSON, help, filter, every
//!   confirm, cancel, approve and deny stage, the new-payout form at each step) at terminal
//!   sizes from 1×1 to 250×80 — a coarse grid plus the edges where layouts switch — with
//!   every seeded payout of the demo org selected in turn (its approvals and policy known),
//!   hyperlinks on.
//! - The property test fills every displayed field of a payout with arbitrary Unicode (wide,
//!   combining, emoji, RTL, controls, bidi and zero-width characters) — and of the approval
//!   holding it (policy reason and name, group name, decision reason, ids, dates) — and draws
//!   it in every overlay: zero panics, no hidden character in any cell, and any escape sequence in a cell
//!   is an OSC 8 link riding on one visible character, inside the buffer.

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use serde_json::{Value, json};

use payouts_tui::app::new_payout::{Field, NewPayout, Recipient, Step, WalletChoice};
use payouts_tui::app::state::{AppState, CancelStage, ConfirmStage, Dialog, Mode, Settings};
use payouts_tui::app::{resolve, safety};
use payouts_tui::dfns::model::{Approval, Payout, Policy, QuoteResponse};
use payouts_tui::dfns::text::is_hidden;
use payouts_tui::emulator::approvals::ApprovalFilter;
use payouts_tui::emulator::{seed, world::ListFilter};
use payouts_tui::ui;

#[path = "ui_sweep/approvals.rs"]
mod approvals;
use approvals::{hostile_approval, hostile_policy, with_approvals};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-24T12:00:00Z")
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_else(|e| panic!("{e}"))
}

struct Demo {
    payouts: Vec<Payout>,
    approvals: Vec<Approval>,
    policies: Vec<Policy>,
    me: String,
    wallets: Vec<WalletChoice>,
}

fn demo() -> Demo {
    let org = seed::org(1, 0, now()).unwrap_or_else(|e| panic!("seed: {e}"));
    let (payouts, _) = org.world.list(&ListFilter::default(), None, 10_000);
    let wallets = org
        .world
        .wallets()
        .iter()
        .map(|w| WalletChoice {
            wallet: w.wallet.clone(),
            assets: w.assets.clone(),
        })
        .collect();
    let (approvals, _) = org
        .world
        .book
        .list(&ApprovalFilter::default(), None, 10_000);
    Demo {
        payouts,
        approvals,
        policies: org.world.book.policies().to_vec(),
        me: org.principals[0].principal.user_id.clone(),
        wallets,
    }
}

fn state(payouts: &[Payout], me: &str, w: u16, h: u16) -> AppState {
    let settings = Settings {
        hyperlinks: true,
        ..Settings::default()
    };
    let mut s = AppState::new(settings, Some(me.to_owned()), now());
    for p in payouts {
        s.upsert(p.clone(), 0);
    }
    s.fresh.last_ok = Some(now());
    s.fresh.initial_load_done = true;
    s.width = w;
    s.height = h;
    s.rebuild();
    s.clamp_scroll();
    s
}

fn draw(s: &AppState, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| panic!("{e}"));
    t.draw(|f| ui::render(s, f))
        .unwrap_or_else(|e| panic!("{e}"));
    t.backend().buffer().clone()
}

fn quote() -> QuoteResponse {
    serde_json::from_str(include_str!("fixtures/quote_guide.json"))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The new-payout form at every step, filled as a user would have filled it.
fn forms(wallets: &[WalletChoice]) -> Vec<NewPayout> {
    let steps = vec![
        Step::LoadingWallets,
        Step::PickWallet,
        Step::PickAsset,
        Step::Amount,
        Step::PickRecipient,
        Step::Details(Field::Fiat),
        Step::Details(Field::Instructions),
        Step::Quoting,
        Step::Quoted,
        Step::PickPurpose,
        Step::Review,
        Step::Creating,
        Step::Created("pyt-abcde-fghij-klmnopqrstuvwxyz".into()),
        Step::Unknown("outcome unknown: timed out".into()),
        Step::Failed("400 Bad Request: amount too small".into()),
    ];
    steps
        .into_iter()
        .map(|step| {
            let mut f = NewPayout::new(9, "payouts-tui-20261124-abcdefgh".into());
            f.wallets = wallets.to_vec();
            f.wallet = wallets.len().saturating_sub(1);
            f.amount = "1,250.50".into();
            f.base_units = Some("1250500000".into());
            f.account = "bacc-1".into();
            f.instructions = "pi-1".into();
            f.error = Some("a problem to show".into());
            f.quote = Some(Box::new(quote()));
            // A saved recipient's name is config text: any character may be in it.
            f.recipients = vec![Recipient {
                name: "r\u{1b}[2J\u{202e}漢字 ".repeat(8),
                bank_account_id: "bacc-1".into(),
                payment_instructions_id: "pi-1".into(),
                purpose: None,
                country: Some("DE".into()),
                fiat: None,
            }];
            f.recipient = 1;
            f.step = step;
            f
        })
        .collect()
}

/// Every overlay for the payout at `index`.
fn modes(s: &AppState, index: usize, me: &str, forms: &[NewPayout]) -> Vec<(Mode, bool, bool)> {
    // (mode, detail focused, raw json)
    let mut out = vec![
        (Mode::Board, false, false),
        (Mode::Board, true, false),
        (Mode::Board, true, true),
        (Mode::Help, false, false),
        (Mode::Log, false, false),
        (Mode::SortPick { cursor: 3 }, false, false),
        (
            Mode::Filter {
                input: "ü漢字/".into(),
            },
            false,
            false,
        ),
    ];
    let p = s.payouts.get(index).unwrap();
    let p = &*p;
    let echo = safety::check_confirm(&p.id, p, Some(me), None).ok();
    let confirm = |stage| {
        Mode::Dialog(Dialog::Confirm {
            op: 1,
            index,
            stage,
            typed: "12".into(),
        })
    };
    out.push((confirm(ConfirmStage::Verifying), false, false));
    out.push((
        confirm(ConfirmStage::Refused("refused ".repeat(40))),
        false,
        false,
    ));
    out.push((
        confirm(ConfirmStage::Unknown("unknown ".repeat(40))),
        false,
        false,
    ));
    // The re-read's sentence carries the payout's own (hostile) id and status.
    let resolved = resolve::payout_action("confirm", "pyt-asked", p);
    out.push((confirm(ConfirmStage::Resolved(resolved)), false, false));
    out.push((
        Mode::Dialog(Dialog::Cancel {
            op: 2,
            index,
            stage: CancelStage::Resolved(resolve::payout_action("cancel", &p.id, p)),
        }),
        false,
        false,
    ));
    if let Some(e) = echo {
        for stage in [
            ConfirmStage::Ready(e.clone()),
            ConfirmStage::Checking(e.clone()),
            ConfirmStage::Sending(e.clone()),
            ConfirmStage::Sent(e),
        ] {
            out.push((confirm(stage), false, false));
        }
    }
    for stage in [
        CancelStage::Ask,
        CancelStage::Checking,
        CancelStage::Sending,
        CancelStage::Sent,
        CancelStage::Refused("no".into()),
        CancelStage::Unknown("?".into()),
    ] {
        out.push((
            Mode::Dialog(Dialog::Cancel {
                op: 2,
                index,
                stage,
            }),
            false,
            false,
        ));
    }
    out.extend(approvals::decide_modes(s, index, me));
    for f in forms {
        out.push((Mode::NewPayout(Box::new(f.clone())), false, false));
    }
    out
}

fn sizes() -> Vec<(u16, u16)> {
    let widths: [u16; 28] = [
        1, 2, 3, 4, 7, 12, 20, 33, 47, 59, 60, 61, 69, 70, 72, 79, 80, 81, 99, 105, 120, 139, 140,
        141, 170, 171, 200, 250,
    ];
    let heights: [u16; 16] = [1, 2, 3, 4, 7, 10, 14, 15, 16, 17, 20, 24, 30, 35, 50, 80];
    let mut out = Vec::new();
    for &w in &widths {
        for &h in &heights {
            out.push((w, h));
        }
    }
    out
}

/// Every cell is visible text: no hidden character, no escape sequence (the hash link is
/// written by the terminal edge over the frame, at the cell `ui::hyperlink` names).
fn assert_cells_clean(buf: &Buffer, what: &str) {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            assert!(
                !sym.chars().any(is_hidden),
                "{what}: hidden character in cell ({x},{y}): {sym:?}"
            );
        }
    }
}

/// The link, when there is one, names cells inside the buffer that show exactly its text.
fn assert_link_in_place(s: &AppState, buf: &Buffer, what: &str) {
    if let Some(l) = ui::hyperlink(s, buf) {
        for (k, c) in l.text.chars().enumerate() {
            let x = l.x + u16::try_from(k).unwrap_or(u16::MAX);
            assert!(
                x < buf.area.width && l.y < buf.area.height,
                "{what}: link outside"
            );
            assert_eq!(buf[(x, l.y)].symbol(), c.to_string(), "{what}");
        }
        assert!(!l.url.chars().any(is_hidden), "{what}");
    }
}

#[test]
fn every_overlay_at_every_size_with_every_seeded_payout_selected() {
    let d = demo();
    assert!(d.payouts.len() >= 50, "{}", d.payouts.len());
    let forms = forms(&d.wallets);
    let sizes = sizes();
    let base = with_approvals(state(&d.payouts, &d.me, 80, 24), &d.approvals, &d.policies);
    assert!(
        base.approvals.awaiting_me.len() >= 2,
        "the seed holds payouts awaiting approval"
    );
    let n = base.payouts.len();
    let mut draws = 0usize;
    let mut one = |index: usize,
                   w: u16,
                   h: u16,
                   m: usize,
                   (mode, focused, raw): &(Mode, bool, bool),
                   zoomed: bool| {
        let mut s = base.clone();
        s.detail_zoomed = zoomed;
        if zoomed {
            // Scrolled some way, past the end for the short ones.
            s.detail_scroll = u16::try_from(index % 7 * 6).unwrap_or(0);
        }
        s.width = w;
        s.height = h;
        s.selected = Some(index);
        s.clamp_scroll();
        s.mode = mode.clone();
        s.detail_focused = *focused;
        s.raw_json = *raw;
        let buf = draw(&s, w, h);
        let what = format!("{w}x{h} mode {m} payout {index} zoomed {zoomed}");
        assert_cells_clean(&buf, &what);
        assert_link_in_place(&s, &buf, &what);
        draws += 1;
    };
    // Every (size, overlay) pair once, the selected payout rotating through the seed.
    let all_modes: Vec<_> = (0..n).map(|i| modes(&base, i, &d.me, &forms)).collect();
    for (k, &(w, h)) in sizes.iter().enumerate() {
        for m in 0..all_modes.iter().map(Vec::len).max().unwrap_or(0) {
            let index = (k * 31 + m * 7) % n;
            if let Some(mode) = all_modes[index].get(m) {
                one(index, w, h, m, mode, false);
            }
        }
        // The full-screen detail (`z`), fields and raw JSON, scrolled or not, under every
        // overlay that can open over it.
        for (m, zoomed_mode) in all_modes[k % n].iter().enumerate() {
            one(k % n, w, h, m, zoomed_mode, true);
        }
    }
    // Every approve and deny stage of the payouts awaiting my approval (one of another
    // user's, one of mine), at every size: the dialogs and the "too small" rule.
    let awaiting: Vec<usize> = (0..n)
        .filter(|&i| {
            base.payouts
                .get(i)
                .unwrap()
                .data
                .transfer_id
                .as_ref()
                .is_some_and(|t| base.approvals.awaiting_me.contains(t))
        })
        .collect();
    let theirs = awaiting
        .iter()
        .find(|&&i| base.payouts.get(i).unwrap().requester_id() != Some(d.me.as_str()));
    let mine = awaiting
        .iter()
        .find(|&&i| base.payouts.get(i).unwrap().requester_id() == Some(d.me.as_str()));
    for &index in theirs.into_iter().chain(mine) {
        let decide: Vec<(usize, &(Mode, bool, bool))> = all_modes[index]
            .iter()
            .enumerate()
            .filter(|(_, (m, _, _))| {
                matches!(
                    m,
                    Mode::Dialog(Dialog::Approve { .. } | Dialog::Deny { .. })
                )
            })
            .collect();
        assert!(decide.len() >= 8, "{index}: {}", decide.len());
        for &(w, h) in &sizes {
            for &(m, mode) in &decide {
                one(index, w, h, m, mode, false);
            }
        }
    }
    // Every payout in the board, detail and raw views at the widths where the detail pane's
    // link once wrote outside the buffer.
    for (index, modes) in all_modes.iter().enumerate() {
        for w in [105, 140, 141, 170, 171, 200] {
            for h in [24, 50] {
                for (m, mode) in modes.iter().enumerate().take(3) {
                    one(index, w, h, m, mode, false);
                    one(index, w, h, m, mode, true);
                }
            }
        }
    }
    assert!(draws > 5_000, "{draws}");
}

#[test]
fn the_transaction_hash_is_whole_and_linked_at_the_widths_that_crashed() {
    let d = demo();
    let base = state(&d.payouts, &d.me, 80, 24);
    let index = (0..base.payouts.len())
        .find(|&i| base.payouts.get(i).unwrap().data.transaction_hash.is_some())
        .unwrap_or_else(|| panic!("the seed has a payout with a transaction hash"));
    let hash = base
        .payouts
        .get(index)
        .unwrap()
        .data
        .transaction_hash
        .clone()
        .unwrap_or_default();
    // Stacked (under 140 columns) the pane is wide enough for the hash on its row; beside the
    // board it wraps to a row of its own or is cut, and only a whole hash gets a link.
    for w in [90u16, 105, 120, 139, 140, 170, 171, 250] {
        let mut s = base.clone();
        s.width = w;
        s.height = 50;
        s.selected = Some(index);
        s.clamp_scroll();
        // Below 140 columns the pane sits under the table: scroll it to the hash.
        s.detail_scroll = if w < 140 { 8 } else { 0 };
        let buf = draw(&s, w, 50);
        assert_cells_clean(&buf, &format!("{w}"));
        if w >= 140 {
            // Wrapped onto a row of its own, or cut: linked only where it stands whole.
            assert_link_in_place(&s, &buf, &format!("{w}"));
            continue;
        }
        let link = ui::hyperlink(&s, &buf)
            .unwrap_or_else(|| panic!("{w}: hash {hash} not whole on screen"));
        assert_eq!(link.text, hash);
        assert!(link.url.ends_with(&hash), "{}", link.url);
        assert_link_in_place(&s, &buf, &format!("{w}"));
    }
}

/// Arbitrary text: anything, with the characters that matter drawn often.
fn nasty() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        4 => ".{0,12}",
        1 => Just("\u{1b}]52;c;ZXZpbA==\u{7}".to_owned()),
        1 => Just("\u{1b}]0;title\u{1b}\\".to_owned()),
        1 => Just("\u{9b}2J\u{7f}".to_owned()),
        1 => Just("\u{202e}\u{2066}\u{200b}\u{feff}\u{61c}".to_owned()),
        1 => Just("漢字👍🏽👨‍👩‍👧e\u{301}\u{301}".to_owned()),
        1 => Just("مرحبا עברית".to_owned()),
        1 => Just("\t\n\r".to_owned()),
    ];
    proptest::collection::vec(pieces, 0..5).prop_map(|v| v.concat())
}

fn hostile_payout(f: &[String; 16]) -> Value {
    json!({
        "id": format!("pyt-{}", f[0]),
        "walletId": f[1],
        "fiatCurrency": f[2],
        "asset": {
            "kind": f[3], "amount": "1000000", "contract": f[4], "network": f[5],
            "metadata": {"name": f[6], "symbol": f[7], "decimals": 6}
        },
        "status": "Processing",
        "requester": {"userId": f[8]},
        "dateCreated": "2026-11-24T11:00:00Z",
        "provider": f[9],
        "externalId": f[10],
        "data": {
            "executionStatus": "AwaitingPayoutConfirmation",
            "depositAddress": f[11],
            "transactionHash": f[12],
            "statusReason": f[13],
            "borderlessAccountId": f[14],
            "paymentInstructionsId": f[15],
            "country": f[15],
            "transferId": f[14],
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn arbitrary_unicode_in_every_field_never_panics_or_reaches_a_cell_raw(
        fields in proptest::array::uniform16(nasty()),
        size in prop_oneof![Just((80u16, 24u16)), Just((171, 50)), Just((61, 15)), Just((250, 80)), (1u16..200, 1u16..60)],
    ) {
        let Ok(p) = serde_json::from_value::<Payout>(hostile_payout(&fields)) else {
            // Fields the model refuses never reach the screen.
            return Ok(());
        };
        let me = fields[8].clone();
        let (w, h) = size;
        let base = match (
            serde_json::from_value::<Approval>(hostile_approval(&fields)),
            serde_json::from_value::<Policy>(hostile_policy(&fields)),
        ) {
            (Ok(a), Ok(pol)) => with_approvals(state(&[p], &me, w, h), &[a], &[pol]),
            _ => state(&[p], &me, w, h),
        };
        let form = {
            let mut f = NewPayout::new(3, fields[10].clone());
            f.amount = fields[1].clone();
            f.account = fields[14].clone();
            f.error = Some(fields[13].clone());
            // The quote's currency and token are server text too.
            let mut q = quote();
            if let Some(o) = q.quotes.first_mut() {
                o.offer.fiat_currency = fields[2].clone();
            }
            if let Some(m) = q.asset.metadata.as_mut() {
                m.symbol = Some(fields[7].clone());
            }
            f.quote = Some(Box::new(q));
            f.step = Step::Review;
            f
        };
        for (m, (mode, focused, raw)) in modes(&base, 0, &me, &[form]).into_iter().enumerate() {
            let mut s = base.clone();
            s.selected = Some(0);
            s.mode = mode;
            s.detail_focused = focused;
            s.raw_json = raw;
            let buf = draw(&s, w, h);
            let what = format!("{w}x{h} mode {m}");
            assert_cells_clean(&buf, &what);
            assert_link_in_place(&s, &buf, &what);
        }
    }
}
