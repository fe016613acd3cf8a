//! Working the queue: after an action goes through and the payout moves to another group,
//! the cursor stays at the same position in the group it left.

use super::update;
use crate::app::action::Action;
use crate::app::board::Group;
use crate::app::board::fixture::{self, ME, at};
use crate::app::msg::{ActionOutcome, Msg, PollBatch, TextKey};
use crate::app::state::{AppState, Mode, Settings};
use crate::dfns::model::{ExecutionStatus, Payout, PayoutStatus, Timestamp};

/// Mine awaiting confirmation, created a minute apart: the deadline sort lists them in
/// this order.
fn awaiting(id: &str, minute: u32) -> Payout {
    let mut p = fixture::awaiting(id);
    p.date_created = Timestamp::parse(format!("2025-03-01T12:{minute:02}:00.000Z"));
    p
}

fn batch(generation: u64, payouts: Vec<Payout>) -> Msg {
    Msg::Polled(PollBatch {
        generation,
        payouts,
        malformed: 0,
        cycle_done: true,
        initial_load_done: true,
        held: Default::default(),
    })
}

/// Needs me: q1, q2, q3; in flight: f1.
fn state() -> AppState {
    let mut s = AppState::new(
        Settings::default(),
        Some(ME.into()),
        at("2025-03-02T08:00:00.000Z"),
    );
    update(
        &mut s,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    let payouts = vec![
        awaiting("pyt-q1", 1),
        awaiting("pyt-q2", 2),
        awaiting("pyt-q3", 3),
        fixture::payout("pyt-f1", ExecutionStatus::DepositProcessing),
    ];
    update(&mut s, batch(1, payouts));
    s
}

fn selected(s: &AppState) -> String {
    s.selected_payout()
        .map(|p| p.id.clone())
        .unwrap_or_default()
}

fn queue(s: &AppState) -> Vec<String> {
    s.board
        .item_rows()
        .filter(|(_, i)| s.group_of(*i) == Some(Group::NeedsMe))
        .filter_map(|(_, i)| s.payouts.id(i).map(str::to_owned))
        .collect()
}

/// `x`, `y`, the re-read, and the API's yes: the cancel of the selected payout went through.
fn cancel_selected(s: &mut AppState) -> String {
    let id = selected(s);
    update(s, Msg::Input(Action::CancelPayout));
    let op = s.next_op - 1;
    update(s, Msg::Text(TextKey::Char('y')));
    let reread = s
        .payouts
        .get(s.payouts.position(&id).unwrap())
        .unwrap()
        .into_owned();
    update(
        s,
        Msg::Reverified {
            op,
            result: Ok(Box::new(reread)),
        },
    );
    update(
        s,
        Msg::ActionDone {
            op,
            outcome: ActionOutcome::Ok,
        },
    );
    id
}

fn canceled(id: &str, minute: u32) -> Payout {
    let mut p = awaiting(id, minute);
    p.status = PayoutStatus::Canceled;
    p.data.execution_status = ExecutionStatus::Canceled;
    p
}

#[test]
fn after_a_cancel_the_cursor_goes_to_the_next_payout_of_the_group() {
    let mut s = state();
    assert_eq!(queue(&s), ["pyt-q1", "pyt-q2", "pyt-q3"]);
    update(&mut s, Msg::Input(Action::Down));
    assert_eq!(selected(&s), "pyt-q2");
    let id = cancel_selected(&mut s);
    // The result is on screen; any key closes it. Still on q2 until the re-read moves it.
    update(&mut s, Msg::Text(TextKey::Char(' ')));
    assert_eq!(s.mode, Mode::Board);
    assert_eq!(selected(&s), "pyt-q2");
    update(&mut s, batch(2, vec![canceled(&id, 2)]));
    assert_eq!(queue(&s), ["pyt-q1", "pyt-q3"]);
    assert_eq!(
        selected(&s),
        "pyt-q3",
        "the cursor followed the payout out of its group"
    );
    assert_eq!(s.keep_place, None);
    // A later move of the canceled payout's neighbours does not pull the cursor again.
    let mut q3 = awaiting("pyt-q3", 3);
    q3.data.execution_status = ExecutionStatus::SubmittingPayoutTransfer;
    update(&mut s, batch(3, vec![q3]));
    assert_eq!(
        selected(&s),
        "pyt-q3",
        "only the payout acted on moves the cursor"
    );
}

#[test]
fn the_last_of_the_group_leaves_the_cursor_on_the_new_last() {
    let mut s = state();
    update(&mut s, Msg::Input(Action::Down));
    update(&mut s, Msg::Input(Action::Down));
    assert_eq!(selected(&s), "pyt-q3");
    let id = cancel_selected(&mut s);
    // The re-read may come while the result is still open: the board behind moves.
    update(&mut s, batch(2, vec![canceled(&id, 3)]));
    assert_eq!(selected(&s), "pyt-q2");
    update(&mut s, Msg::Text(TextKey::Char(' ')));
    assert_eq!(selected(&s), "pyt-q2");
}

#[test]
fn the_only_one_of_the_group_leaves_the_cursor_on_what_follows() {
    let mut s = state();
    for (i, id) in ["pyt-q1", "pyt-q2"].into_iter().enumerate() {
        update(&mut s, batch(2 + i as u64, vec![canceled(id, 1)]));
    }
    assert_eq!(queue(&s), ["pyt-q3"]);
    update(&mut s, Msg::Input(Action::Top));
    let id = cancel_selected(&mut s);
    update(&mut s, Msg::Text(TextKey::Char(' ')));
    update(&mut s, batch(9, vec![canceled(&id, 3)]));
    assert!(queue(&s).is_empty());
    // The next row on the board: the in-flight payout, not the canceled one in Finished.
    assert_eq!(selected(&s), "pyt-f1");
}

#[test]
fn a_confirm_keeps_the_place_too_and_moving_by_hand_forgets_it() {
    let mut s = state();
    update(&mut s, Msg::Input(Action::Top));
    // A confirm that went through (the dialog at the sending stage, then the API's yes).
    let index = s.payouts.position("pyt-q1").unwrap();
    update(&mut s, Msg::Input(Action::Confirm));
    let op = s.next_op - 1;
    let echo =
        crate::app::safety::check_confirm("pyt-q1", &s.payouts.get(index).unwrap(), Some(ME), None)
            .unwrap_or_else(|r| panic!("{r}"));
    s.mode = Mode::Dialog(crate::app::state::Dialog::Confirm {
        op,
        index,
        stage: crate::app::state::ConfirmStage::Sending(echo),
        typed: String::new(),
    });
    update(
        &mut s,
        Msg::ActionDone {
            op,
            outcome: ActionOutcome::Ok,
        },
    );
    assert_eq!(s.keep_place, Some(index));
    let mut moved = awaiting("pyt-q1", 1);
    moved.data.execution_status = ExecutionStatus::SubmittingPayoutTransfer;
    update(&mut s, batch(2, vec![moved.clone()]));
    assert_eq!(selected(&s), "pyt-q2");

    // Refused: nothing moves, nothing is kept.
    let mut s = state();
    update(&mut s, Msg::Input(Action::CancelPayout));
    let op = s.next_op - 1;
    update(&mut s, Msg::Text(TextKey::Char('y')));
    let reread = awaiting("pyt-q1", 1);
    update(
        &mut s,
        Msg::Reverified {
            op,
            result: Ok(Box::new(reread)),
        },
    );
    update(
        &mut s,
        Msg::ActionDone {
            op,
            outcome: ActionOutcome::Refused {
                status: Some(400),
                message: "no".into(),
            },
        },
    );
    assert_eq!(s.keep_place, None);

    // Went through, but the operator moved on before the re-read: the cursor stays theirs.
    let mut s = state();
    let id = cancel_selected(&mut s);
    update(&mut s, Msg::Text(TextKey::Char('j')));
    assert_eq!(selected(&s), "pyt-q2");
    update(&mut s, Msg::Input(Action::Down));
    assert_eq!(selected(&s), "pyt-q3");
    update(&mut s, batch(2, vec![canceled(&id, 1)]));
    assert_eq!(selected(&s), "pyt-q3");
}
