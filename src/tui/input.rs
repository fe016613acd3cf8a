//! Terminal events → `Msg`, by mode. Release and repeat-less details are dropped here, at
//! the edge, so `update` sees only meaningful keys.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::action::{
    Action, Edge, Key, Popup, PopupAction, action_for, edge_for, popup_action,
};
use crate::app::msg::{Msg, TextKey};
use crate::app::state::Mode;

/// The terminal-independent key, if the dashboard knows it.
pub fn key_of(k: &KeyEvent) -> Option<Key> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    Some(match k.code {
        KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Backspace => Key::Backspace,
        _ => return None,
    })
}

/// The edge's own key (`app::action::EDGE_KEYS`) this event is, whatever the mode.
fn edge_of(ev: &Event) -> Option<Edge> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => key_of(k).and_then(edge_for),
        _ => None,
    }
}

/// Ctrl-Z: suspend, whatever the mode (the terminal edge handles it, not `update`).
pub fn is_suspend(ev: &Event) -> bool {
    edge_of(ev) == Some(Edge::Suspend)
}

/// Ctrl-L: redraw every cell, whatever the mode (after another program wrote over it).
pub fn is_redraw(ev: &Event) -> bool {
    edge_of(ev) == Some(Edge::Redraw)
}

pub fn to_msg(ev: &Event, mode: &Mode) -> Option<Msg> {
    match ev {
        Event::Resize(w, h) => Some(Msg::Resize {
            width: *w,
            height: *h,
        }),
        Event::Key(k) if k.kind != KeyEventKind::Release => key_msg(key_of(k)?, mode),
        _ => None,
    }
}

pub fn key_msg(key: Key, mode: &Mode) -> Option<Msg> {
    // The help overlay: q closes it as in less, htop or k9s; only Ctrl-C quits (its key
    // table says so).
    if let Some(p @ (Popup::Help | Popup::Log)) = mode.popup() {
        return Some(match popup_action(p, key) {
            Some(PopupAction::Quit) => Msg::Input(Action::Quit),
            _ => Msg::Input(Action::Back),
        });
    }
    let typing = matches!(
        mode,
        Mode::Filter { .. } | Mode::Dialog(_) | Mode::NewPayout(_) | Mode::SortPick { .. }
    );
    if !typing {
        return action_for(key).map(Msg::Input);
    }
    Some(match key {
        Key::Ctrl('c') => Msg::Input(Action::Quit),
        Key::Ctrl('u') => Msg::Text(TextKey::CtrlU),
        Key::Char(c) => Msg::Text(TextKey::Char(c)),
        Key::Enter => Msg::Text(TextKey::Enter),
        Key::Esc => Msg::Text(TextKey::Esc),
        Key::Backspace => Msg::Text(TextKey::Backspace),
        Key::Up => Msg::Text(TextKey::Up),
        Key::Down => Msg::Text(TextKey::Down),
        Key::Tab => Msg::Text(TextKey::Tab),
        Key::BackTab => Msg::Text(TextKey::BackTab),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q_closes_the_help_and_only_ctrl_c_quits_from_it() {
        assert_eq!(
            key_msg(Key::Char('q'), &Mode::Help),
            Some(Msg::Input(Action::Back))
        );
        assert_eq!(
            key_msg(Key::Ctrl('c'), &Mode::Help),
            Some(Msg::Input(Action::Quit))
        );
    }

    #[test]
    fn the_new_payout_form_gets_text_not_board_actions() {
        let form = Mode::NewPayout(Box::new(crate::app::new_payout::NewPayout::new(
            1,
            "ext".into(),
        )));
        assert_eq!(
            key_msg(Key::Char('c'), &form),
            Some(Msg::Text(TextKey::Char('c')))
        );
        assert_eq!(key_msg(Key::Esc, &form), Some(Msg::Text(TextKey::Esc)));
        assert_eq!(
            key_msg(Key::Ctrl('u'), &form),
            Some(Msg::Text(TextKey::CtrlU))
        );
    }

    #[test]
    fn board_keys_are_actions_and_typing_keys_are_text() {
        assert_eq!(
            key_msg(Key::Char('c'), &Mode::Board),
            Some(Msg::Input(Action::Confirm))
        );
        assert_eq!(
            key_msg(Key::Char('z'), &Mode::Board),
            Some(Msg::Input(Action::ZoomDetail))
        );
        assert_eq!(key_msg(Key::Char('Z'), &Mode::Board), None);
        let filter = Mode::Filter {
            input: String::new(),
        };
        assert_eq!(
            key_msg(Key::Char('c'), &filter),
            Some(Msg::Text(TextKey::Char('c')))
        );
        assert_eq!(
            key_msg(Key::Ctrl('c'), &filter),
            Some(Msg::Input(Action::Quit))
        );
        assert_eq!(key_msg(Key::Up, &filter), Some(Msg::Text(TextKey::Up)));
        assert_eq!(key_msg(Key::PageUp, &filter), None);
    }

    #[test]
    fn release_events_are_dropped() {
        let mut k = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        k.kind = KeyEventKind::Release;
        assert_eq!(to_msg(&Event::Key(k), &Mode::Board), None);
        k.kind = KeyEventKind::Press;
        assert_eq!(
            to_msg(&Event::Key(k), &Mode::Board),
            Some(Msg::Input(Action::Quit))
        );
    }
}
