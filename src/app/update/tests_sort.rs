//! The sort picker (`s`): choose a key, Enter sorts as shown, `s` sorts the other way.

use super::update;
use crate::app::action::Action;
use crate::app::board::fixture::{self, ME, at};
use crate::app::board::{Sort, SortKey};
use crate::app::msg::{Msg, PollBatch, TextKey};
use crate::app::state::{AppState, Mode, Settings};
use crate::dfns::model::Payout;

fn state() -> AppState {
    let mut s = AppState::new(
        Settings::default(),
        Some(ME.into()),
        at("2025-03-02T08:00:00.000Z"),
    );
    let mut payouts: Vec<Payout> = Vec::new();
    for (id, created, amount) in [
        ("pyt-a", "2025-03-01T10:00:00.000Z", "5"),
        ("pyt-b", "2025-03-01T12:00:00.000Z", "7"),
        ("pyt-c", "2025-03-01T11:00:00.000Z", "6"),
    ] {
        let mut p = fixture::awaiting(id);
        p.date_created = crate::dfns::model::Timestamp::parse(created);
        p.asset.amount = amount.into();
        payouts.push(p);
    }
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

fn order(s: &AppState) -> Vec<String> {
    s.board
        .item_rows()
        .filter_map(|(_, i)| s.payouts.get(i).map(|p| p.id.clone()))
        .collect()
}

fn key(s: &mut AppState, k: TextKey) {
    update(s, Msg::Text(k));
}

#[test]
fn s_opens_the_picker_on_the_order_in_use_and_enter_sorts_by_the_chosen_key() {
    let mut s = state();
    assert_eq!(order(&s), ["pyt-a", "pyt-c", "pyt-b"]);
    update(&mut s, Msg::Input(Action::Sort));
    assert_eq!(s.mode, Mode::SortPick { cursor: 0 });
    // Down twice: amount; Enter sorts it its first way, largest first.
    key(&mut s, TextKey::Down);
    key(&mut s, TextKey::Char('j'));
    assert_eq!(s.mode, Mode::SortPick { cursor: 2 });
    key(&mut s, TextKey::Enter);
    assert_eq!(s.mode, Mode::Board);
    assert_eq!(s.sort, Sort::by(SortKey::Amount));
    assert_eq!(order(&s), ["pyt-b", "pyt-c", "pyt-a"]);
    assert_eq!(
        s.flash.as_ref().map(|f| f.text.as_str()),
        Some("sorted by amount ▼ largest first")
    );
    // The picker reopens on amount; Enter keeps the order, `s` reverses it.
    update(&mut s, Msg::Input(Action::Sort));
    assert_eq!(s.mode, Mode::SortPick { cursor: 2 });
    key(&mut s, TextKey::Enter);
    assert_eq!(s.sort, Sort::by(SortKey::Amount));
    update(&mut s, Msg::Input(Action::Sort));
    key(&mut s, TextKey::Char('s'));
    assert_eq!(s.sort, Sort::by(SortKey::Amount).reversed());
    assert_eq!(order(&s), ["pyt-a", "pyt-c", "pyt-b"]);
    // `s s` reverses again; Esc closes without a change; k wraps to the last key.
    update(&mut s, Msg::Input(Action::Sort));
    key(&mut s, TextKey::Char('s'));
    assert_eq!(s.sort, Sort::by(SortKey::Amount));
    update(&mut s, Msg::Input(Action::Sort));
    key(&mut s, TextKey::Char('k'));
    key(&mut s, TextKey::Esc);
    assert_eq!(
        (s.mode.clone(), s.sort),
        (Mode::Board, Sort::by(SortKey::Amount))
    );
    update(&mut s, Msg::Input(Action::Sort));
    for _ in 0..3 {
        key(&mut s, TextKey::Up);
    }
    assert_eq!(s.mode, Mode::SortPick { cursor: 3 });
    // Other letters do nothing in the picker; Ctrl-C still quits.
    key(&mut s, TextKey::Char('c'));
    assert_eq!(s.mode, Mode::SortPick { cursor: 3 });
    update(&mut s, Msg::Input(Action::Quit));
    assert!(s.quit);
}
