//! `y`: what the message says it did, with and without a multiplexer that may drop OSC 52.

use super::update;
use crate::app::action::Action;
use crate::app::board::fixture::{self, DEPOSIT, ME, at};
use crate::app::effect::Effect;
use crate::app::msg::{Msg, PollBatch};
use crate::app::state::{AppState, Level, Settings};
use crate::app::term::Multiplexer;

fn state(multiplexer: Option<Multiplexer>) -> AppState {
    let settings = Settings {
        multiplexer,
        ..Settings::default()
    };
    let mut s = AppState::new(settings, Some(ME.into()), at("2025-03-02T08:00:00.000Z"));
    update(
        &mut s,
        Msg::Polled(PollBatch {
            generation: 1,
            payouts: vec![fixture::awaiting("pyt-a1")],
            malformed: 0,
            cycle_done: true,
            initial_load_done: true,
            held: Default::default(),
        }),
    );
    s
}

fn flash(s: &AppState) -> (Level, String) {
    s.flash
        .as_ref()
        .map(|f| (f.level, f.text.clone()))
        .unwrap_or_else(|| panic!("no flash"))
}

#[test]
fn y_says_it_sent_the_address_by_osc_52_not_that_it_copied() {
    let mut s = state(None);
    let fx = update(&mut s, Msg::Input(Action::Copy));
    assert_eq!(fx, vec![Effect::Copy(DEPOSIT.into())]);
    let (level, text) = flash(&s);
    assert_eq!(level, Level::Info);
    assert_eq!(
        text,
        "sent deposit address 0x1234…5678 to the terminal clipboard (OSC 52)"
    );
    assert!(!text.contains("copied"), "{text}");
}

#[test]
fn under_a_multiplexer_y_shows_the_whole_address_and_the_tmux_setting() {
    for (m, name) in [
        (Multiplexer::Tmux, "tmux"),
        (Multiplexer::ScreenOrTmux, "screen or tmux"),
    ] {
        let mut s = state(Some(m));
        let fx = update(&mut s, Msg::Input(Action::Copy));
        assert_eq!(fx, vec![Effect::Copy(DEPOSIT.into())]);
        let (level, text) = flash(&s);
        assert_eq!(level, Level::Warn);
        // The address first and whole: the part a narrow hint line still shows, and what
        // the mouse selects when the copy was dropped.
        assert!(
            text.starts_with(&format!("deposit address {DEPOSIT} sent")),
            "{text}"
        );
        assert!(
            text.contains(&format!("(OSC 52), which {name} may drop")),
            "{text}"
        );
        assert!(text.ends_with("(tmux: set -g set-clipboard on)"), "{text}");
        // The event log keeps it whole, for after the flash is gone.
        assert_eq!(s.log.last().map(|e| e.text.as_str()), Some(text.as_str()));
    }
}
