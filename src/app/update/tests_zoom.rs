//! The full-screen detail (`z`): the detail over the whole body, scrolled with the moving
//! keys; `z` or Esc returns to the board where it was.

use super::update;
use crate::app::action::Action;
use crate::app::board::fixture::{self, ME, at};
use crate::app::msg::{Msg, PollBatch};
use crate::app::state::{AppState, Settings};
use crate::dfns::model::ExecutionStatus;

fn state() -> AppState {
    let mut s = AppState::new(
        Settings::default(),
        Some(ME.into()),
        at("2025-03-02T08:00:00.000Z"),
    );
    update(
        &mut s,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    let payouts = vec![
        fixture::awaiting("pyt-a1"),
        fixture::awaiting("pyt-a2"),
        fixture::payout("pyt-f1", ExecutionStatus::DepositProcessing),
    ];
    update(
        &mut s,
        Msg::Polled(PollBatch {
            generation: 1,
            payouts,
            malformed: 0,
            cycle_done: true,
            initial_load_done: true,
            held: Default::default(),
        }),
    );
    s
}

#[test]
fn z_zooms_the_detail_the_moving_keys_scroll_it_and_esc_returns() {
    let mut s = state();
    let selected = s.selected;
    assert_eq!(s.screen_layout().detail.height, 8);
    update(&mut s, Msg::Input(Action::ZoomDetail));
    assert!(s.detail_zoomed && s.detail_focused);
    let l = s.screen_layout();
    assert_eq!((l.table.height, l.detail.height), (0, 21));
    // The moving keys scroll the detail; a page is the zoomed pane's (21 less its border).
    update(&mut s, Msg::Input(Action::Down));
    update(&mut s, Msg::Input(Action::PageDown));
    assert_eq!((s.detail_scroll, s.selected), (20, selected));
    update(&mut s, Msg::Input(Action::Top));
    assert_eq!(s.detail_scroll, 0);
    // Esc returns to the board, the same payout selected, keys moving the board again.
    update(&mut s, Msg::Input(Action::Back));
    assert!(!s.detail_zoomed && !s.detail_focused);
    assert_eq!(s.selected, selected);
    assert_eq!(s.screen_layout(), s.layout());
    update(&mut s, Msg::Input(Action::Down));
    assert_ne!(s.selected, selected);
    // `z` toggles back as well.
    update(&mut s, Msg::Input(Action::ZoomDetail));
    update(&mut s, Msg::Input(Action::ZoomDetail));
    assert!(!s.detail_zoomed && !s.detail_focused);
}
