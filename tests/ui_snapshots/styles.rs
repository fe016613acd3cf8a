//! Checks on the styled buffer that the text snapshots cannot show (urgency colours and
//! modifiers, NO_COLOR, the 16-colour palette, the selected row), that no size panics, and
//! the frame cost.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use payouts_tui::app::state::{CancelStage, ConfirmStage, Dialog, Flash, Level, Mode, Settings};
use payouts_tui::ui;

use crate::fixtures::*;

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
        let (x, y) = find(buf, "!! confirm  ~7m 00s").unwrap_or_else(|| panic!("{}", text_of(&t)));
        let digits = &buf[(x + 13, y)];
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
        let (x, y) = find(buf, "!! confirm      ~0s").unwrap_or_else(|| panic!("{}", text_of(&t)));
        assert!(
            buf[(x + 17, y)].modifier.contains(Modifier::REVERSED),
            "color={color}"
        );
        // Under an hour: "!" and yellow.
        let (x, y) = find(buf, "~42m").unwrap_or_else(|| panic!("{}", text_of(&t)));
        assert_eq!(
            buf[(x + 1, y)].fg,
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

/// The 16 basic ANSI colours, and the terminal's default.
const BASIC: [Color; 17] = [
    Color::Reset,
    Color::Black,
    Color::Red,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::Gray,
    Color::DarkGray,
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightCyan,
    Color::White,
];

/// Only the 16 basic ANSI colours (no RGB, no 256-colour index): 16-colour terminals and
/// user palettes render them as intended. Every cell of the board and of every overlay.
#[test]
fn colour_mode_uses_only_the_sixteen_basic_colours() {
    let mut s = state(200, 50);
    s.fresh.last_error = Some("timeout".into());
    s.fresh.malformed = 3;
    s.detail_focused = true;
    s.unread = 2;
    let mut seen = std::collections::HashSet::new();
    let mut check = |buf: &Buffer, what: &str| {
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                let c = &buf[(x, y)];
                for col in [c.fg, c.bg] {
                    assert!(
                        BASIC.contains(&col),
                        "{what}: cell ({x},{y}) {:?} has {col:?}",
                        c.symbol()
                    );
                    seen.insert(format!("{col:?}"));
                }
            }
        }
    };
    check(draw(&s, 200, 50).backend().buffer(), "board");
    for level in [Level::Info, Level::Warn, Level::Error] {
        s.flash = Some(Flash {
            text: "a flash".into(),
            level,
            until: now(),
        });
        check(draw(&s, 200, 50).backend().buffer(), "flash");
    }
    s.flash = None;
    for mode in [Mode::Help, Mode::Log, Mode::Filter { input: "po".into() }] {
        s.mode = mode;
        check(draw(&s, 200, 50).backend().buffer(), "overlay");
    }
    open_confirm(&mut s, "5678");
    check(draw(&s, 200, 50).backend().buffer(), "confirm");
    let mut ro = state_with(
        Settings {
            read_only: Some("--read-only".into()),
            ..settings()
        },
        80,
        24,
    );
    check(draw(&ro, 80, 24).backend().buffer(), "read-only");
    ro.mode = Mode::Help;
    check(draw(&ro, 80, 24).backend().buffer(), "read-only help");
    // Colour is really on in this mode (the check above is not vacuous).
    assert!(seen.contains("Red") && seen.contains("Yellow"), "{seen:?}");
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
                draw(&s, h.max(1), w.clamp(1, 60));
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
