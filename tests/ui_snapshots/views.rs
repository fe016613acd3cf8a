//! Ways of looking at the board: the sort picker and the sorted column's mark.

use payouts_tui::app::action::Action;
use payouts_tui::app::msg::{Msg, TextKey};
use payouts_tui::app::state::Mode;
use payouts_tui::app::update;

use super::fixtures::*;

/// Snapshots go with the others, in `tests/snapshots/`.
fn snap(name: &str, t: &ratatui::Terminal<ratatui::backend::TestBackend>) {
    insta::with_settings!({snapshot_path => "../snapshots"}, {
        insta::assert_snapshot!(name.to_owned(), t.backend());
    });
}

#[test]
fn sort_picker_and_the_sorted_column() {
    let mut s = state(120, 40);
    // The default order marks LEFT and says its direction.
    let screen = text_of(&draw(&s, 120, 40));
    assert!(screen.contains("LEFT▲"), "{screen}");
    assert!(
        screen.contains("sort: deadline ▲ soonest first"),
        "{screen}"
    );

    update(&mut s, Msg::Input(Action::Sort));
    update(&mut s, Msg::Text(TextKey::Down));
    update(&mut s, Msg::Text(TextKey::Down));
    assert_eq!(s.mode, Mode::SortPick { cursor: 2 });
    let t = draw(&s, 120, 40);
    let screen = text_of(&t);
    for must in [
        "Sort by",
        "  deadline ▲ soonest first  (now)",
        "▶ amount   ▼ largest first",
        "Enter sorts as shown · s sorts the other way · Esc closes",
    ] {
        assert!(screen.contains(must), "missing {must:?}:\n{screen}");
    }
    snap("sort_picker_120x40", &t);

    // `s` in the picker: amount, the other way.
    update(&mut s, Msg::Text(TextKey::Char('s')));
    assert_eq!(s.mode, Mode::Board);
    s.flash = None;
    let t = draw(&s, 120, 40);
    let screen = text_of(&t);
    assert!(screen.contains("AMOUNT▲"), "{screen}");
    assert!(!screen.contains("LEFT▲"), "{screen}");
    assert!(screen.contains("sort: amount ▲ smallest first"), "{screen}");
    snap("sorted_by_amount_ascending_120x40", &t);
}

#[test]
fn full_screen_detail_at_80x24() {
    let mut s = state(80, 24);
    select(&mut s, "pyt-s7b2t-m1tt1-ng0n0w5x4c3v2b1n");
    update(&mut s, Msg::Input(Action::ZoomDetail));
    let t = draw(&s, 80, 24);
    let screen = text_of(&t);
    // No table: its column titles are gone; the detail says how to get back.
    assert!(!screen.contains("STATUS"), "{screen}");
    assert!(screen.contains("z/Esc: back"), "{screen}");
    snap("detail_zoomed_80x24", &t);
    // Scrolled with the moving keys.
    update(&mut s, Msg::Input(Action::PageDown));
    assert!(s.detail_scroll > 0);
    snap("detail_zoomed_scrolled_80x24", &draw(&s, 80, 24));
    update(&mut s, Msg::Input(Action::Back));
    assert!(text_of(&draw(&s, 80, 24)).contains("STATUS"));
    // Where the pane is narrow the id keeps its place in the title, the zoom key gives way.
    let mut s = state(140, 40);
    select(&mut s, "pyt-s7b2t-m1tt1-ng0n0w5x4c3v2b1n");
    let screen = text_of(&draw(&s, 140, 40));
    assert!(
        screen.contains(" pyt-s7b2t-m1tt1-ng0n0w5x4c3v2b1n ") && !screen.contains("z: full"),
        "{screen}"
    );
}
