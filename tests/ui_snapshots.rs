//! Snapshots of the dashboard drawn by `ui::render` on ratatui's `TestBackend`, from a state
//! with a fixed clock (2026-11-24T12:00:00Z, no skew) and a fixed set of payouts read from JSON
//! literals (`ui_snapshots/fixtures.rs`). Style checks the text cannot show (urgency colours,
//! NO_COLOR, the selected row) and the no-panic sweep live in `ui_snapshots/styles.rs`.
//!
//! Update the snapshots with `INSTA_UPDATE=always cargo test --offline --test ui_snapshots`,
//! then read the `.snap` files under `tests/snapshots/`.

#[path = "ui_snapshots/approvals.rs"]
mod approvals;
#[path = "ui_snapshots/fixtures.rs"]
mod fixtures;
#[path = "ui_snapshots/styles.rs"]
mod styles;
#[path = "ui_snapshots/views.rs"]
mod views;

use chrono::Duration;
use ratatui::style::{Color, Modifier};

use payouts_tui::app::state::{CancelStage, ConfirmStage, Dialog, Flash, Level, Mode, Settings};

use fixtures::*;

#[test]
fn board_80x24() {
    let s = state(80, 24);
    let t = draw(&s, 80, 24);
    let screen = text_of(&t);
    assert!(screen.contains("▸ Needs my confirmation (5)"), "{screen}");
    // LEFT says which window it counts, even at 80 columns.
    for must in ["!! confirm  ~7m 00s", "   submit   ~2h 30m"] {
        assert!(screen.contains(must), "missing {must:?}:\n{screen}");
    }
    insta::assert_snapshot!("board_80x24", t.backend());
}

#[test]
fn board_200x50() {
    let mut s = state(200, 50);
    select(&mut s, "pyt-4ihii-9lonb-tmhjo9bor4odmb5h");
    s.fresh.malformed = 2;
    s.fresh.polling = true;
    // A poll running for a while shows the ⟳ (a quick one never draws it).
    s.fresh.poll_started = Some(s.now - chrono::Duration::seconds(3));
    let t = draw(&s, 200, 50);
    let screen = text_of(&t);
    for must in [
        "Paused",
        "OnHold",
        "▸ Finished (4/5)",
        "▸ Unknown status (1)",
        "2 unreadable items",
        "⟳",
        "time left to confirm: !! ~7m 00s (deadline 2026-11-24T12:07:00Z,",
        "anchored on dateCreated)",
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
    // The re-read after an unknown outcome: the payout moved on.
    let mut moved = s.payouts.get(index).unwrap().into_owned();
    moved.data.execution_status =
        payouts_tui::dfns::model::ExecutionStatus::SubmittingPayoutTransfer;
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
        (
            "confirm_resolved",
            confirm(ConfirmStage::Resolved(payouts_tui::app::resolve::payout_action(
                "confirm",
                "pyt-4ihii-9lonb-tmhjo9bor4odmb5h",
                &moved,
            ))),
            "Went through",
        ),
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
    // Tall enough for one column: every description whole on its row.
    let mut s = state(120, 40);
    s.mode = Mode::Help;
    let screen = text_of(&draw(&s, 120, 40));
    for info in payouts_tui::app::action::ACTIONS {
        assert!(
            screen.contains(info.description),
            "help lacks {:?}:\n{screen}",
            info.description
        );
    }
    // The LEFT column's words and markers are explained under the keys.
    for must in [
        "In the LEFT column",
        "time left to confirm or cancel (24 h from creation)",
        "time left for Dfns to submit (4 h from the confirm)",
        "approximate (the API sends no deadline)",
        "under 1 h left",
        "under 10 min left; 0s: past it, the server decides",
    ] {
        assert!(screen.contains(must), "help lacks {must:?}:\n{screen}");
    }
    // At 80×24 two columns of about equal height, descriptions wrapped under themselves;
    // everything fits (the snapshot shows it).
    let mut s = state(80, 24);
    s.mode = Mode::Help;
    let t = draw(&s, 80, 24);
    assert!(!text_of(&t).contains("more below"), "{}", text_of(&t));
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
    // Every dangerous action says it is disabled (the reason may wrap under it).
    let dangerous = payouts_tui::app::action::ACTIONS
        .iter()
        .filter(|i| i.dangerous)
        .count();
    assert_eq!(
        text_of(&t).matches("disabled:").count(),
        dangerous,
        "{}",
        text_of(&t)
    );
    s.width = 200;
    s.height = 50;
    let t = draw(&s, 200, 50);
    assert_eq!(
        text_of(&t)
            .matches("disabled: profile 'prod' is read-only")
            .count(),
        dangerous,
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
    let ro = Settings {
        read_only: Some("--read-only".into()),
        ..settings()
    };
    // Narrow: the disabled keys in short form, still dimmed and marked; `? help` stays.
    let s = state_with(ro.clone(), 80, 24);
    let t = draw(&s, 80, 24);
    let buf = t.backend().buffer();
    let (x, y) =
        find(buf, "c x a d n disabled (read-only)").unwrap_or_else(|| panic!("{}", text_of(&t)));
    assert_eq!(y, 23);
    assert!(buf[(x, y)].modifier.contains(Modifier::DIM));
    assert!(find(buf, "? help").is_some_and(|(_, y)| y == 23));
    assert!(find(buf, "c confirm").is_none(), "{}", text_of(&t));
    assert!(text_of(&t).contains("READ-ONLY"));
    insta::assert_snapshot!("read_only_80x24", t.backend());
    // Wide: spelled out.
    let s = state_with(ro, 200, 50);
    let t = draw(&s, 200, 50);
    let buf = t.backend().buffer();
    let (x, y) = find(
        buf,
        "disabled (read-only): c confirm  x cancel  a approve  d deny  n new",
    )
    .unwrap_or_else(|| panic!("{}", text_of(&t)));
    assert_eq!(y, 49);
    assert!(buf[(x, y)].modifier.contains(Modifier::DIM));
}

/// An action the API refused with 403 this session: off in the hint bar and the help, with
/// the server's words; the others untouched; no READ-ONLY badge.
#[test]
fn an_action_refused_with_403_shows_disabled_with_why() {
    use payouts_tui::app::action::Action;
    let mut s = state(200, 50);
    s.learn_refusal(
        Action::NewPayout,
        Some(403),
        "Missing permission Wallets:Read",
    );
    s.flash = None;
    let t = draw(&s, 200, 50);
    let buf = t.backend().buffer();
    let (x, y) =
        find(buf, "disabled (not permitted): n new").unwrap_or_else(|| panic!("{}", text_of(&t)));
    assert_eq!(y, 49);
    assert!(buf[(x, y)].modifier.contains(Modifier::DIM));
    assert!(find(buf, "c confirm").is_some_and(|(_, y)| y == 49));
    assert!(!text_of(&t).contains("READ-ONLY"));
    s.mode = Mode::Help;
    let screen = text_of(&draw(&s, 200, 50));
    assert!(
        screen.contains(
            "new payout (quote, create)  disabled: the API refused it (403): Missing permission Wallets:Read"
        ),
        "{screen}"
    );
    assert_eq!(screen.matches("disabled:").count(), 1, "{screen}");
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
    let (x, y) = find(buf, "STALE · poll failing (3×) · updated 5m ago")
        .unwrap_or_else(|| panic!("{}", text_of(&t)));
    assert_eq!(y, 0);
    assert_eq!(buf[(x, y)].fg, Color::Red);
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    // The last good data stays on screen.
    assert!(text_of(&t).contains("pyt-4ihii…mb5h"));
    insta::assert_snapshot!("stale_80x24", t.backend());
    s.width = 200;
    s.height = 50;
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

/// The new-payout form's quote and review: gross, fees, net and rate, fiat figures grouped
/// like token amounts.
#[test]
fn new_payout_quote_and_review() {
    use payouts_tui::app::new_payout::{NewPayout, Step, WalletChoice};
    use payouts_tui::dfns::model::QuoteResponse;
    let wallet = serde_json::from_value(serde_json::json!({
        "id": "wa-5pfuu-9euek-h0odgb6snva8ph3k", "network": "Polygon", "status": "Active",
        "custodial": true, "dateCreated": "2025-01-01T00:00:00.000Z", "tags": [],
        "name": "Treasury", "signingKey": {"id": "key-1", "scheme": "ECDSA",
        "curve": "secp256k1", "publicKey": "ab"}
    }))
    .unwrap_or_else(|e| panic!("{e}"));
    let asset = serde_json::from_value(serde_json::json!({
        "kind": "Erc20", "contract": USDC_POLYGON, "symbol": "USDC", "decimals": 6,
        "balance": "90000000000"
    }))
    .unwrap_or_else(|e| panic!("{e}"));
    let quote: QuoteResponse = serde_json::from_value(serde_json::json!({
        "provider": "Borderless",
        "asset": {"kind": "Erc20", "amount": "48000000000", "contract": USDC_POLYGON,
                  "network": "Polygon", "metadata": {"symbol": "USDC", "decimals": 6}},
        "timestamp": "2026-11-24T12:00:00.000Z",
        "quotes": [{"offer": {"fiatCurrency": "EUR", "amount": 43680.0, "fees": 480.0}}]
    }))
    .unwrap_or_else(|e| panic!("{e}"));
    let mut f = NewPayout::new(1, "payouts-tui-20261124-120000-1".into());
    f.wallets = vec![WalletChoice {
        wallet,
        assets: vec![asset],
    }];
    f.amount = "48,000".into();
    f.base_units = Some("48000000000".into());
    f.fiat = "EUR".into();
    f.country = "DE".into();
    f.account = "bacc-7".into();
    f.instructions = "pi-9".into();
    f.quote = Some(Box::new(quote));
    let mut s = state(80, 24);
    for (name, step) in [
        ("new_payout_quoted_80x24", Step::Quoted),
        ("new_payout_review_80x24", Step::Review),
    ] {
        f.step = step;
        s.mode = Mode::NewPayout(Box::new(f.clone()));
        let t = draw(&s, 80, 24);
        let screen = text_of(&t);
        for must in [
            "48,000.00 USDC",
            "gross       44,160.00 EUR before fees",
            "fees        480.00 EUR",
            "net         43,680.00 EUR to the recipient",
            "rate        1 USDC = 0.9200 EUR before fees, 0.9100 after",
        ] {
            assert!(screen.contains(must), "{name}: missing {must:?}:\n{screen}");
        }
        insta::assert_snapshot!(name, t.backend());
    }
    // Saved recipients: the picker at the details step, a name from config shown
    // sanitized; once picked, the review names it.
    use payouts_tui::app::new_payout::Recipient;
    f.recipients = vec![
        Recipient {
            name: "acme payroll".into(),
            bank_account_id: "bacc-7".into(),
            payment_instructions_id: "pi-9".into(),
            purpose: None,
            country: Some("DE".into()),
            fiat: Some("EUR".into()),
        },
        Recipient {
            name: "evil\u{1b}]52;c;eA==\u{7}".into(),
            bank_account_id: "bacc-8".into(),
            payment_instructions_id: "pi-8".into(),
            purpose: Some(payouts_tui::dfns::model::PaymentPurpose::SalaryPayment),
            country: None,
            fiat: None,
        },
    ];
    // A wallet a known policy covers is marked in the wallet step; the policy's name is
    // server text, shown sanitized.
    let policy: payouts_tui::dfns::model::Policy = serde_json::from_value(serde_json::json!({
        "id": "plc-1", "name": "Large\u{1b}[31m transfers", "activityKind": "Wallets:Sign",
        "status": "Active", "rule": {"kind": "AlwaysTrigger"},
        "action": {"kind": "RequestApproval", "approvalGroups": [{"quorum": 1, "approvers": {}}]},
        "filters": {"walletId": {"in": ["wa-5pfuu-9euek-h0odgb6snva8ph3k"]}}
    }))
    .unwrap_or_else(|e| panic!("{e}"));
    s.approvals.policies.insert(policy.id.clone(), policy);
    f.step = Step::PickWallet;
    s.mode = Mode::NewPayout(Box::new(f.clone()));
    let t = draw(&s, 80, 24);
    let screen = text_of(&t);
    assert!(
        screen.contains("· policy: Large\\u{1b}[31m transfers"),
        "{screen}"
    );
    insta::assert_snapshot!("new_payout_wallet_policy_80x24", t.backend());
    s.approvals.policies.clear();
    f.recipient = 1;
    f.step = Step::PickRecipient;
    s.mode = Mode::NewPayout(Box::new(f.clone()));
    let t = draw(&s, 80, 24);
    let screen = text_of(&t);
    for must in [
        "type the bank details by hand",
        "▶ acme payroll · account bacc-7 · instructions pi-9 · DE EUR",
        "evil\\u{1b}]52;c;eA==\\u{7} · account bacc-8",
        "↑/↓ choose · Enter fills the details · Esc back",
    ] {
        assert!(screen.contains(must), "missing {must:?}:\n{screen}");
    }
    insta::assert_snapshot!("new_payout_recipients_80x24", t.backend());
    f.step = Step::Review;
    s.mode = Mode::NewPayout(Box::new(f));
    let screen = text_of(&draw(&s, 80, 24));
    assert!(screen.contains("acme payroll (saved)"), "{screen}");
}

/// Names instead of ids: the REQUESTER column shows the profile's alias of another user's id,
/// the detail pane the wallet's and the user's names with their ids kept visible. Both are
/// text from outside, shown sanitized.
#[test]
fn names_in_the_board_and_the_detail() {
    let settings = Settings {
        aliases: vec![(OTHER.to_owned(), "alice\u{1b}[2J".to_owned())],
        ..fixtures::settings()
    };
    let mut s = state_with(settings, 250, 50);
    let wallets: Vec<payouts_tui::dfns::model::Wallet> = ["wa-5pfuu-9euek-h0odgb6snva8ph3k"]
        .iter()
        .map(|id| {
            serde_json::from_value(serde_json::json!({
                "id": id, "network": "Polygon", "status": "Active", "custodial": true,
                "dateCreated": "2025-01-01T00:00:00.000Z", "tags": [], "name": "Treasury",
                "signingKey": {"id": "key-1", "scheme": "ECDSA", "curve": "secp256k1", "publicKey": "ab"}
            }))
            .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    payouts_tui::app::update(&mut s, payouts_tui::app::msg::Msg::WalletsNamed(wallets));
    select(&mut s, "pyt-q8w2e-r4t6y-u1i3o5p7a9s2d4f6");
    let t = draw(&s, 250, 50);
    let screen = text_of(&t);
    for must in [
        "REQUESTER",
        "alice\\u{1b}[2J",
        &format!("requester      alice\\u{{1b}}[2J ({OTHER}) (another user"),
    ] {
        assert!(screen.contains(must), "missing {must:?}:\n{screen}");
    }
    assert!(!screen.contains('\u{1b}'), "a raw escape in a cell");
    select(&mut s, "pyt-4ihii-9lonb-tmhjo9bor4odmb5h");
    let t = draw(&s, 250, 50);
    let screen = text_of(&t);
    assert!(
        screen.contains("wallet         Treasury (wa-5pfuu-9euek-h0odgb6snva8ph3k)"),
        "{screen}"
    );
    insta::assert_snapshot!("names_250x50", t.backend());
}

/// The summary line (the screen's second row) names every group with its count at 120×35 and
/// 80×24, whatever the filter, and says the first deadline and the last day's failures.
#[test]
fn the_summary_names_every_group_with_its_count() {
    use payouts_tui::app::board::{Filter, Group};
    for (w, h) in [(120u16, 35u16), (80, 24)] {
        let mut s = state(w, h);
        // A filter narrows the board, never the summary.
        s.filter = Filter::new("pyt-zz91a");
        s.rebuild();
        let t = draw(&s, w, h);
        let row: String = (0..w)
            .map(|x| t.backend().buffer()[(x, 1)].symbol().to_owned())
            .collect();
        let words: Vec<&str> = row.split_whitespace().collect();
        for g in Group::ALL {
            let n = s.board.totals[g.index()];
            if g == Group::Unknown && n == 0 {
                continue;
            }
            let name = if w >= 120 { g.short() } else { g.tiny() };
            let at = words
                .iter()
                .position(|x| *x == name)
                .unwrap_or_else(|| panic!("{w}x{h}: no {name:?} in {row:?}"));
            assert_eq!(
                words.get(at + 1),
                Some(&n.to_string().as_str()),
                "{w}x{h}: {row}"
            );
        }
        assert!(s.board.totals.iter().sum::<usize>() > s.board.counts.iter().sum::<usize>());
        assert!(row.contains("next"), "{row}");
        assert!(row.contains("24"), "{row}");
        assert!(!row.trim_end().ends_with('…'), "{row}");
    }
}
