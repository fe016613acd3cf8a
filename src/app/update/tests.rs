//! `update` as a pure function: messages in, state and effects out. No terminal, no network,
//! no clock.

use super::update;
use crate::app::action::Action;
use crate::app::board::Group;
use crate::app::board::fixture::{self, DEPOSIT, ME, OTHER, at};
use crate::app::effect::{AuditPhase, Effect, Lookup};
use crate::app::msg::{ActionOutcome, Msg, PollBatch, TextKey};
use crate::app::state::{AppState, CancelStage, ConfirmStage, Dialog, Mode, Settings};
use crate::dfns::model::{ExecutionStatus, Payout, PayoutAction, PayoutStatus};

const NOW: &str = "2025-03-02T08:00:00.000Z"; // 20 h after the fixtures' dateCreated

fn batch(generation: u64, payouts: Vec<Payout>, initial: bool) -> Msg {
    Msg::Polled(PollBatch {
        generation,
        payouts,
        malformed: 0,
        cycle_done: true,
        initial_load_done: initial,
        held: Default::default(),
    })
}

fn other(id: &str) -> Payout {
    let mut p = fixture::awaiting(id);
    if let Some(r) = &mut p.requester {
        r.user_id = OTHER.into();
    }
    p
}

/// A board with: mine awaiting (a1), someone else's awaiting (o1), in flight (f1), completed (d1).
fn state() -> AppState {
    let mut s = AppState::new(Settings::default(), Some(ME.into()), at(NOW));
    update(
        &mut s,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    let payouts = vec![
        fixture::awaiting("pyt-a1"),
        other("pyt-o1"),
        fixture::payout("pyt-f1", ExecutionStatus::DepositProcessing),
        fixture::payout("pyt-d1", ExecutionStatus::Completed),
    ];
    update(&mut s, batch(1, payouts, true));
    s
}

fn select(s: &mut AppState, id: &str) {
    s.selected = s.payouts.position(id);
}

fn text(s: &mut AppState, t: &str) -> Vec<Effect> {
    t.chars()
        .flat_map(|c| update(s, Msg::Text(TextKey::Char(c))))
        .collect()
}

#[test]
fn a_poll_fills_the_board_and_selects_the_first_row() {
    let s = state();
    assert_eq!(s.payouts.len(), 4);
    assert_eq!(s.board.count(Group::NeedsMe), 1);
    assert_eq!(s.board.count(Group::AwaitingOther), 1);
    assert_eq!(
        s.selected_payout().map(|p| p.id.clone()).as_deref(),
        Some("pyt-a1")
    );
    assert!(s.fresh.initial_load_done && s.fresh.last_ok.is_some());
}

#[test]
fn an_older_read_never_overwrites_a_newer_one() {
    let mut s = state();
    let newer = fixture::payout("pyt-a1", ExecutionStatus::SubmittingPayoutTransfer);
    update(&mut s, batch(5, vec![newer], false));
    update(&mut s, batch(3, vec![fixture::awaiting("pyt-a1")], false));
    assert_eq!(
        s.payouts
            .get(s.payouts.position("pyt-a1").unwrap())
            .map(|p| p.execution_status().clone()),
        Some(ExecutionStatus::SubmittingPayoutTransfer)
    );
}

#[test]
fn moving_around() {
    let mut s = state();
    update(&mut s, Msg::Input(Action::Down));
    assert_eq!(s.selected_payout().unwrap().id, "pyt-o1");
    update(&mut s, Msg::Input(Action::Bottom));
    assert_eq!(s.selected_payout().unwrap().id, "pyt-d1");
    update(&mut s, Msg::Input(Action::Top));
    assert_eq!(s.selected_payout().unwrap().id, "pyt-a1");
    update(&mut s, Msg::Input(Action::NextGroup));
    assert_eq!(s.selected_payout().unwrap().id, "pyt-o1");
    update(&mut s, Msg::Input(Action::Up));
    assert_eq!(s.selected_payout().unwrap().id, "pyt-a1");
}

#[test]
fn the_whole_confirm_flow_sends_exactly_once() {
    let mut s = state();
    select(&mut s, "pyt-a1");
    let fx = update(&mut s, Msg::Input(Action::Confirm));
    let op = match (&s.mode, fx.as_slice()) {
        (
            Mode::Dialog(Dialog::Confirm {
                op,
                stage: ConfirmStage::Verifying,
                ..
            }),
            [Effect::Reverify { op: o, id }],
        ) => {
            assert_eq!((op, id.as_str()), (o, "pyt-a1"));
            *op
        }
        other => panic!("{other:?}"),
    };
    assert!(
        update(
            &mut s,
            Msg::Reverified {
                op,
                result: Ok(Box::new(fixture::awaiting("pyt-a1")))
            }
        )
        .is_empty()
    );
    assert!(
        matches!(&s.mode, Mode::Dialog(Dialog::Confirm { stage: ConfirmStage::Ready(e), .. }) if e.deposit_address == DEPOSIT)
    );

    // Enter alone, or the wrong characters, never send.
    assert!(update(&mut s, Msg::Text(TextKey::Enter)).is_empty());
    text(&mut s, "1234");
    assert!(update(&mut s, Msg::Text(TextKey::Enter)).is_empty());
    assert!(s.flash.as_ref().unwrap().text.contains("nothing was sent"));

    let last4 = &DEPOSIT[DEPOSIT.len() - 4..];
    text(&mut s, last4);
    let fx = update(&mut s, Msg::Text(TextKey::Enter));
    assert!(
        matches!(fx.as_slice(), [Effect::Reverify { op: o, .. }] if *o == op),
        "{fx:?}"
    );
    let fx = update(
        &mut s,
        Msg::Reverified {
            op,
            result: Ok(Box::new(fixture::awaiting("pyt-a1"))),
        },
    );
    match fx.as_slice() {
        [
            Effect::SendConfirm {
                op: o,
                echo,
                attempt: a,
            },
        ] => {
            assert_eq!(a.phase, AuditPhase::Attempt);
            assert_eq!(*o, op);
            match echo.body() {
                PayoutAction::Confirm { transfer, .. } => assert_eq!(transfer.to, DEPOSIT),
                other => panic!("{other:?}"),
            }
        }
        other => panic!("{other:?}"),
    }
    // While sending, keys do nothing.
    assert!(update(&mut s, Msg::Text(TextKey::Enter)).is_empty());
    let fx = update(
        &mut s,
        Msg::ActionDone {
            op,
            outcome: ActionOutcome::Ok,
        },
    );
    assert!(
        matches!(fx.as_slice(), [Effect::Audit(a), Effect::Reread { .. }, Effect::PollNow] if a.phase == AuditPhase::Outcome && a.http_status == Some(200))
    );
    assert!(matches!(
        &s.mode,
        Mode::Dialog(Dialog::Confirm {
            stage: ConfirmStage::Sent(_),
            ..
        })
    ));
    // The key that closes the result is not swallowed: `G` also goes to the bottom.
    let before = s.selected;
    update(&mut s, Msg::Text(TextKey::Char('G')));
    assert_eq!(s.mode, Mode::Board);
    assert_ne!(
        s.selected, before,
        "the closing key also acted on the board"
    );
}

#[test]
fn a_payout_that_changed_since_it_was_shown_is_refused() {
    let mut s = state();
    select(&mut s, "pyt-a1");
    update(&mut s, Msg::Input(Action::Confirm));
    let op = s.next_op - 1;
    update(
        &mut s,
        Msg::Reverified {
            op,
            result: Ok(Box::new(fixture::awaiting("pyt-a1"))),
        },
    );
    text(&mut s, &DEPOSIT[DEPOSIT.len() - 4..]);
    update(&mut s, Msg::Text(TextKey::Enter));
    let mut changed = fixture::awaiting("pyt-a1");
    changed.data.deposit_address = Some("0xdeadbeefdeadbeefdeadbeefdeadbeef12345678".into());
    let fx = update(
        &mut s,
        Msg::Reverified {
            op,
            result: Ok(Box::new(changed)),
        },
    );
    assert!(fx.is_empty(), "nothing is sent: {fx:?}");
    assert!(
        matches!(&s.mode, Mode::Dialog(Dialog::Confirm { stage: ConfirmStage::Refused(r), .. }) if r.contains("nothing was sent"))
    );
}

#[test]
fn a_stale_reverify_is_ignored() {
    let mut s = state();
    select(&mut s, "pyt-a1");
    update(&mut s, Msg::Input(Action::Confirm));
    let op = s.next_op - 1;
    assert!(
        update(
            &mut s,
            Msg::Reverified {
                op: op + 100,
                result: Ok(Box::new(fixture::awaiting("pyt-a1")))
            }
        )
        .is_empty()
    );
    assert!(matches!(
        &s.mode,
        Mode::Dialog(Dialog::Confirm {
            stage: ConfirmStage::Verifying,
            ..
        })
    ));
}

#[test]
fn an_unknown_outcome_rereads_and_never_resends() {
    let mut s = state();
    select(&mut s, "pyt-a1");
    update(&mut s, Msg::Input(Action::Confirm));
    let op = s.next_op - 1;
    update(
        &mut s,
        Msg::Reverified {
            op,
            result: Ok(Box::new(fixture::awaiting("pyt-a1"))),
        },
    );
    text(&mut s, &DEPOSIT[DEPOSIT.len() - 4..]);
    update(&mut s, Msg::Text(TextKey::Enter));
    update(
        &mut s,
        Msg::Reverified {
            op,
            result: Ok(Box::new(fixture::awaiting("pyt-a1"))),
        },
    );
    let fx = update(
        &mut s,
        Msg::ActionDone {
            op,
            outcome: ActionOutcome::Unknown("timed out".into()),
        },
    );
    assert!(
        fx.iter().any(
            |e| matches!(e, Effect::Resolve { lookup: Lookup::Payout { id }, .. } if id == "pyt-a1")
        ),
        "{fx:?}"
    );
    assert!(!fx.iter().any(|e| matches!(e, Effect::SendConfirm { .. })));
    assert!(
        matches!(&s.mode, Mode::Dialog(Dialog::Confirm { stage: ConfirmStage::Unknown(m), .. }) if m.contains("not re-sending"))
    );
}

#[test]
fn someone_elses_or_a_finished_payout_cannot_be_confirmed() {
    let mut s = state();
    for id in ["pyt-o1", "pyt-f1", "pyt-d1"] {
        select(&mut s, id);
        assert!(update(&mut s, Msg::Input(Action::Confirm)).is_empty());
        assert_eq!(s.mode, Mode::Board);
        assert!(s.flash.is_some());
    }
    select(&mut s, "pyt-o1");
    update(&mut s, Msg::Input(Action::Confirm));
    assert!(s.flash.as_ref().unwrap().text.contains("not you"));
}

#[test]
fn read_only_disables_the_dangerous_keys() {
    let mut s = state();
    s.settings.read_only = Some("read-only (flag --read-only)".into());
    select(&mut s, "pyt-a1");
    for a in [Action::Confirm, Action::CancelPayout, Action::NewPayout] {
        assert!(update(&mut s, Msg::Input(a)).is_empty());
        assert_eq!(s.mode, Mode::Board);
        assert!(s.flash.as_ref().unwrap().text.contains("read-only"));
    }
}

#[test]
fn cancel_takes_y_and_anything_else_closes() {
    let mut s = state();
    select(&mut s, "pyt-a1");
    update(&mut s, Msg::Input(Action::CancelPayout));
    assert!(update(&mut s, Msg::Text(TextKey::Char('n'))).is_empty());
    assert_eq!(s.mode, Mode::Board);

    update(&mut s, Msg::Input(Action::CancelPayout));
    let op = s.next_op - 1;
    let fx = update(&mut s, Msg::Text(TextKey::Char('y')));
    assert!(matches!(fx.as_slice(), [Effect::Reverify { .. }]));
    let fx = update(
        &mut s,
        Msg::Reverified {
            op,
            result: Ok(Box::new(fixture::awaiting("pyt-a1"))),
        },
    );
    assert!(
        matches!(fx.as_slice(), [Effect::SendCancel { id, attempt, .. }] if id == "pyt-a1" && attempt.phase == AuditPhase::Attempt),
        "{fx:?}"
    );
    let fx = update(
        &mut s,
        Msg::ActionDone {
            op,
            outcome: ActionOutcome::Refused {
                status: Some(400),
                message: "payout is not awaiting confirmation".into(),
            },
        },
    );
    assert!(matches!(fx.first(), Some(Effect::Audit(a)) if a.http_status == Some(400)));
    assert!(
        matches!(&s.mode, Mode::Dialog(Dialog::Cancel { stage: CancelStage::Refused(r), .. }) if r.contains("not awaiting"))
    );
}

#[test]
fn cancel_is_refused_when_the_reread_says_it_moved_on() {
    let mut s = state();
    select(&mut s, "pyt-a1");
    update(&mut s, Msg::Input(Action::CancelPayout));
    let op = s.next_op - 1;
    update(&mut s, Msg::Text(TextKey::Char('y')));
    let moved = fixture::payout("pyt-a1", ExecutionStatus::SubmittingPayoutTransfer);
    assert!(
        update(
            &mut s,
            Msg::Reverified {
                op,
                result: Ok(Box::new(moved))
            }
        )
        .is_empty()
    );
    assert!(matches!(
        &s.mode,
        Mode::Dialog(Dialog::Cancel {
            stage: CancelStage::Refused(_),
            ..
        })
    ));
}

#[test]
fn quitting_while_sending_needs_a_second_press() {
    let mut s = state();
    select(&mut s, "pyt-a1");
    update(&mut s, Msg::Input(Action::CancelPayout));
    let op = s.next_op - 1;
    update(&mut s, Msg::Text(TextKey::Char('y')));
    update(
        &mut s,
        Msg::Reverified {
            op,
            result: Ok(Box::new(fixture::awaiting("pyt-a1"))),
        },
    );
    assert!(update(&mut s, Msg::Input(Action::Quit)).is_empty());
    assert!(!s.quit);
    assert!(update(&mut s, Msg::Input(Action::Quit)).is_empty());
    assert!(s.quit);
    assert!(s.quit);
}

#[test]
fn filter_typing_filters_live_and_esc_clears() {
    let mut s = state();
    update(&mut s, Msg::Input(Action::Filter));
    text(&mut s, "pyt-o1");
    assert_eq!(s.board.item_rows().count(), 1);
    update(&mut s, Msg::Text(TextKey::Enter));
    assert_eq!(s.mode, Mode::Board);
    assert_eq!(s.board.item_rows().count(), 1);
    update(&mut s, Msg::Input(Action::Back));
    assert_eq!(s.board.item_rows().count(), 4);
}

#[test]
fn new_work_that_needs_me_rings_once_but_not_at_start_up() {
    let mut s = state();
    let fx = update(&mut s, batch(2, vec![fixture::awaiting("pyt-a2")], false));
    assert_eq!(fx.iter().filter(|e| matches!(e, Effect::Bell)).count(), 1);
    assert!(fx.iter().any(
        |e| matches!(e, Effect::Notify(t) if t.contains("pyt-a2") && t.contains("1,000.00 USDC"))
    ));
    assert!(update(&mut s, batch(3, vec![fixture::awaiting("pyt-a2")], false)).is_empty());
}

#[test]
fn my_payout_expiring_or_held_by_a_policy_alerts() {
    let mut s = state();
    let mut expired = fixture::awaiting("pyt-a1");
    expired.status = PayoutStatus::Expired;
    expired.data.execution_status = ExecutionStatus::Expired;
    let fx = update(&mut s, batch(5, vec![expired.clone()], false));
    assert!(
        fx.iter().any(|e| matches!(e, Effect::Notify(t) if t.contains("pyt-a1 expired") && t.contains("1,000.00 USDC"))),
        "{fx:?}"
    );
    assert!(s.flash.as_ref().is_some_and(|f| f.text.contains("expired")));
    // Once: the same state again says nothing.
    assert!(update(&mut s, batch(6, vec![expired], false)).is_empty());
    let mut held = fixture::awaiting("pyt-a2");
    update(&mut s, batch(7, vec![held.clone()], false));
    held.data.execution_status = ExecutionStatus::PendingPolicyApproval;
    let fx = update(&mut s, batch(8, vec![held], false));
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Notify(t) if t.contains("held by a policy"))),
        "{fx:?}"
    );
}

#[test]
fn under_an_hour_left_alerts_once() {
    let mut s = state();
    let fx = update(&mut s, Msg::Tick(at("2025-03-02T11:30:00.000Z")));
    assert!(fx.iter().any(
        |e| matches!(e, Effect::Notify(t) if t.contains("pyt-a1") && t.contains("expires in"))
    ));
    let fx = update(&mut s, Msg::Tick(at("2025-03-02T11:31:00.000Z")));
    assert!(fx.is_empty());
}

#[test]
fn poll_failures_keep_the_data_and_show_the_error() {
    let mut s = state();
    update(
        &mut s,
        Msg::PollFailed {
            error: "503 Service Unavailable: down".into(),
            next_step: Some("the API is failing: try again later".into()),
            retry_in: std::time::Duration::from_secs(10),
        },
    );
    assert_eq!(
        s.fresh.retry_at,
        Some(s.now + chrono::Duration::seconds(10))
    );
    assert!(s.fresh.next_step.is_some());
    assert_eq!(s.payouts.len(), 4);
    assert_eq!(s.fresh.failures, 1);
    assert!(s.fresh.last_error.as_deref().unwrap().contains("503"));
    update(&mut s, batch(9, vec![], false));
    assert_eq!(s.fresh.failures, 0);
    assert_eq!(s.fresh.last_error, None);
}

#[test]
fn copy_puts_the_deposit_address_on_the_clipboard() {
    let mut s = state();
    select(&mut s, "pyt-a1");
    assert_eq!(
        update(&mut s, Msg::Input(Action::Copy)),
        vec![Effect::Copy(DEPOSIT.into())]
    );
    select(&mut s, "pyt-d1");
    assert_eq!(
        s.selected_payout().map(|p| p.status.clone()),
        Some(PayoutStatus::Completed)
    );
    assert_eq!(
        update(&mut s, Msg::Input(Action::Copy)),
        vec![Effect::Copy(DEPOSIT.into())]
    );
}

#[test]
fn an_address_with_hidden_characters_is_not_copied() {
    let mut s = state();
    select(&mut s, "pyt-a1");
    let mut p = s.selected_payout().unwrap().into_owned();
    p.data.deposit_address = Some(format!("{}\u{200b}", &DEPOSIT[..41]));
    s.upsert(p, u64::MAX);
    let fx = update(&mut s, Msg::Input(Action::Copy));
    assert!(fx.is_empty(), "{fx:?}");
    let flash = s.flash.as_ref().map(|f| f.text.clone()).unwrap_or_default();
    assert!(
        flash.starts_with("not copied") && flash.contains("\\u{200b}"),
        "{flash}"
    );
}

#[test]
fn the_group_header_above_the_selection_stays_in_view() {
    let mut s = state();
    // Too small a terminal scrolls; back to a normal size the first header shows again.
    update(
        &mut s,
        Msg::Resize {
            width: 60,
            height: 15,
        },
    );
    update(&mut s, Msg::Input(Action::Bottom));
    update(
        &mut s,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    update(&mut s, Msg::Input(Action::Top));
    assert_eq!(s.scroll, 0);
    assert_eq!(s.selected_payout().unwrap().id, "pyt-a1");
    update(&mut s, Msg::Input(Action::NextGroup));
    update(&mut s, Msg::Input(Action::Up));
    assert_eq!(s.scroll, 0, "the header of the first group is row 0");
}

#[test]
fn the_focused_detail_pane_scrolls_and_resets_on_a_new_selection() {
    let mut s = state();
    update(&mut s, Msg::Input(Action::FocusDetail));
    update(&mut s, Msg::Input(Action::Down));
    update(&mut s, Msg::Input(Action::Down));
    assert_eq!(
        (s.detail_scroll, s.selected_payout().unwrap().id.as_str()),
        (2, "pyt-a1")
    );
    update(&mut s, Msg::Input(Action::Up));
    assert_eq!(s.detail_scroll, 1);
    update(&mut s, Msg::Input(Action::FocusDetail));
    update(&mut s, Msg::Input(Action::Down));
    assert_eq!(
        (s.detail_scroll, s.selected_payout().unwrap().id.as_str()),
        (0, "pyt-o1")
    );
}

#[test]
fn messages_that_arrive_together_all_reach_the_event_log() {
    let mut s = state();
    let a = fixture::awaiting("pyt-a2");
    let b = fixture::awaiting("pyt-a3");
    update(&mut s, batch(2, vec![a, b], false));
    // Two alerts in one batch: the flash shows the last, the log keeps both.
    let texts: Vec<&str> = s.log.iter().map(|e| e.text.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("pyt-a2")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("pyt-a3")), "{texts:?}");
    assert_eq!(s.unread, 2);
    update(&mut s, Msg::Input(Action::Log));
    assert_eq!(s.mode, Mode::Log);
    assert_eq!(s.unread, 0);
    update(&mut s, Msg::Input(Action::Back));
    assert_eq!(s.mode, Mode::Board);
}

/// The first sweep's pages regroup the board only when the payouts grew by a quarter, and at
/// the end: one regroup per page read every payout each time (quadratic at 100 000).
#[test]
fn the_first_load_regroups_the_board_a_few_times_not_per_page() {
    let mut s = state();
    s.fresh.initial_load_done = false;
    let start = s.payouts.len();
    let mut builds = std::collections::BTreeSet::new();
    let pages = 200;
    for page in 0..pages {
        let payouts = (0..50)
            .map(|k| fixture::payout(&format!("pyt-h{page}-{k}"), ExecutionStatus::Completed))
            .collect();
        let last = page + 1 == pages;
        update(
            &mut s,
            Msg::Polled(PollBatch {
                generation: 9,
                payouts,
                malformed: 0,
                cycle_done: last,
                initial_load_done: last,
                held: Default::default(),
            }),
        );
        builds.insert(s.board.payouts_read());
        // The board always shows something, and never more than it was built from.
        assert!(s.board.counts.iter().sum::<usize>() <= s.payouts.len());
    }
    assert_eq!(s.payouts.len(), start + pages * 50);
    assert_eq!(s.board.payouts_read(), s.payouts.len(), "built at the end");
    assert_eq!(
        s.board.totals.iter().sum::<usize>(),
        s.payouts.len(),
        "every payout counted"
    );
    assert!(
        builds.len() <= 25,
        "{} regroups for {pages} pages",
        builds.len()
    );
}

/// A sweep cut short by an error still shows every payout it read.
#[test]
fn a_failed_sweep_leaves_nothing_off_the_board() {
    let mut s = state();
    s.fresh.initial_load_done = false;
    for page in 0..3 {
        let payouts = (0..50)
            .map(|k| fixture::payout(&format!("pyt-f{page}-{k}"), ExecutionStatus::Failed))
            .collect();
        update(
            &mut s,
            Msg::Polled(PollBatch {
                generation: 9,
                payouts,
                malformed: 0,
                cycle_done: false,
                initial_load_done: false,
                held: Default::default(),
            }),
        );
    }
    update(
        &mut s,
        Msg::PollFailed {
            error: "reset".into(),
            next_step: None,
            retry_in: std::time::Duration::from_secs(5),
        },
    );
    assert_eq!(s.board.totals.iter().sum::<usize>(), s.payouts.len());
}

#[test]
fn names_start_from_the_aliases_and_learn_wallet_names_as_they_are_read() {
    let settings = Settings {
        aliases: vec![(OTHER.to_owned(), "alice".to_owned())],
        ..Settings::default()
    };
    let mut s = AppState::new(settings, Some(ME.into()), at(NOW));
    assert_eq!(s.names.user(OTHER), Some("alice"));
    let wallet = |name: &str| -> crate::dfns::model::Wallet {
        serde_json::from_value(serde_json::json!({
            "id": "wa-1", "network": "Polygon", "status": "Active", "custodial": true,
            "dateCreated": "2025-01-01T00:00:00.000Z", "tags": [], "name": name,
            "signingKey": {"id": "k", "scheme": "ECDSA", "curve": "secp256k1", "publicKey": "ab"}
        }))
        .unwrap()
    };
    assert!(update(&mut s, Msg::WalletsNamed(vec![wallet("Treasury")])).is_empty());
    assert_eq!(s.names.wallet("wa-1"), Some("Treasury"));
    // The form's wallet list (read later) renames it.
    update(&mut s, Msg::Input(Action::NewPayout));
    let op = s.next_op - 1;
    update(
        &mut s,
        Msg::WalletsLoaded {
            op,
            result: Ok(vec![crate::app::new_payout::WalletChoice {
                wallet: wallet("Treasury 2"),
                assets: vec![],
            }]),
        },
    );
    assert_eq!(s.names.wallet("wa-1"), Some("Treasury 2"));
}

#[test]
fn wallet_names_learned_later_refilter_the_board() {
    let mut s = state();
    text(&mut s, "");
    update(&mut s, Msg::Input(Action::Filter));
    text(&mut s, "wallet:treas");
    update(&mut s, Msg::Text(TextKey::Enter));
    assert_eq!(s.board.counts.iter().sum::<usize>(), 0);
    let wallet_id = s.payouts.get(0).unwrap().wallet_id.clone();
    update(
        &mut s,
        Msg::WalletsNamed(vec![crate::app::names::wallet(
            &wallet_id,
            Some("Treasury"),
        )]),
    );
    let expected = (0..s.payouts.len())
        .filter(|&i| s.payouts.get(i).unwrap().wallet_id == wallet_id)
        .count();
    assert!(expected > 0);
    assert_eq!(s.board.counts.iter().sum::<usize>(), expected);
}
