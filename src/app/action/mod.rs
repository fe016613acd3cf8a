//! Every dashboard action, once: its keys, name, description and whether it is dangerous.
//! The keymap (tui/input.rs), the help overlay and the hint bar are all generated from
//! [`ACTIONS`], so they cannot drift apart; read-only mode disables the dangerous ones.
//! The popups' keys are the same kind of table ([`popup`]).

mod doc;
mod popup;

pub use doc::{documented_popups, keys_markdown};
pub use popup::{ANY_KEY, Popup, PopupAction, PopupKeyInfo, popup_action, popup_hint, popup_keys};

/// A key, independent of the terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Tab,
    BackTab,
    Enter,
    Esc,
    Backspace,
}

impl Key {
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::Up => "↑".into(),
            Key::Down => "↓".into(),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
            Key::Home => "Home".into(),
            Key::End => "End".into(),
            Key::Tab => "Tab".into(),
            Key::BackTab => "Shift-Tab".into(),
            Key::Enter => "Enter".into(),
            Key::Esc => "Esc".into(),
            Key::Backspace => "Backspace".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    NextGroup,
    PrevGroup,
    FocusDetail,
    Back,
    Confirm,
    CancelPayout,
    Approve,
    Deny,
    Filter,
    Sort,
    Copy,
    RawJson,
    ZoomDetail,
    ToggleFinished,
    Refresh,
    NewPayout,
    Log,
    Help,
    Quit,
}

pub struct ActionInfo {
    pub action: Action,
    pub keys: &'static [Key],
    /// Short name for the hint bar.
    pub name: &'static str,
    pub description: &'static str,
    /// Moves or stops money: disabled (and marked) in read-only mode.
    pub dangerous: bool,
    /// Shown in the one-line hint bar.
    pub hint: bool,
}

const fn info(
    action: Action,
    keys: &'static [Key],
    name: &'static str,
    description: &'static str,
    dangerous: bool,
    hint: bool,
) -> ActionInfo {
    ActionInfo {
        action,
        keys,
        name,
        description,
        dangerous,
        hint,
    }
}

/// The keys README's "Dashboard keys" promises. Order is the help overlay's order.
pub const ACTIONS: &[ActionInfo] = &[
    info(
        Action::Down,
        &[Key::Char('j'), Key::Down],
        "down",
        "move down",
        false,
        false,
    ),
    info(
        Action::Up,
        &[Key::Char('k'), Key::Up],
        "up",
        "move up",
        false,
        false,
    ),
    info(
        Action::Top,
        &[Key::Char('g'), Key::Home],
        "top",
        "first row",
        false,
        false,
    ),
    info(
        Action::Bottom,
        &[Key::Char('G'), Key::End],
        "bottom",
        "last row",
        false,
        false,
    ),
    info(
        Action::PageDown,
        &[Key::PageDown],
        "page down",
        "one screen down",
        false,
        false,
    ),
    info(
        Action::PageUp,
        &[Key::PageUp],
        "page up",
        "one screen up",
        false,
        false,
    ),
    info(
        Action::NextGroup,
        &[Key::Tab],
        "next group",
        "jump to the next group",
        false,
        false,
    ),
    info(
        Action::PrevGroup,
        &[Key::BackTab],
        "prev group",
        "jump to the previous group",
        false,
        false,
    ),
    info(
        Action::FocusDetail,
        &[Key::Enter],
        "detail",
        "focus the detail pane",
        false,
        false,
    ),
    info(
        Action::Back,
        &[Key::Esc],
        "back",
        "back / close / clear the filter",
        false,
        false,
    ),
    info(
        Action::Confirm,
        &[Key::Char('c')],
        "confirm",
        "confirm the selected payout (sends money)",
        true,
        true,
    ),
    info(
        Action::CancelPayout,
        &[Key::Char('x')],
        "cancel",
        "cancel the selected payout",
        true,
        true,
    ),
    info(
        Action::Approve,
        &[Key::Char('a')],
        "approve",
        "approve the payout's policy approval (sends money)",
        true,
        true,
    ),
    info(
        Action::Deny,
        &[Key::Char('d')],
        "deny",
        "deny it (the payout is then rejected)",
        true,
        true,
    ),
    info(
        Action::Filter,
        &[Key::Char('/')],
        "filter",
        "filter by id, externalId, address, status, amount, network",
        false,
        true,
    ),
    info(
        Action::Sort,
        &[Key::Char('s')],
        "sort",
        "choose the sort order",
        false,
        true,
    ),
    info(
        Action::Copy,
        &[Key::Char('y')],
        "copy addr",
        "copy the deposit address",
        false,
        true,
    ),
    info(
        Action::RawJson,
        &[Key::Char('v')],
        "raw",
        "raw JSON in the detail pane",
        false,
        true,
    ),
    info(
        Action::ZoomDetail,
        &[Key::Char('z')],
        "zoom",
        "detail full screen",
        false,
        false,
    ),
    info(
        Action::ToggleFinished,
        &[Key::Char('f')],
        "finished",
        "collapse/expand finished",
        false,
        false,
    ),
    info(
        Action::Refresh,
        &[Key::Char('r')],
        "refresh",
        "poll now",
        false,
        true,
    ),
    info(
        Action::NewPayout,
        &[Key::Char('n')],
        "new",
        "new payout (quote, create)",
        true,
        true,
    ),
    info(
        Action::Log,
        &[Key::Char('L')],
        "log",
        "event log, newest first",
        false,
        true,
    ),
    info(
        Action::Help,
        &[Key::Char('?')],
        "help",
        "this help",
        false,
        true,
    ),
    info(
        Action::Quit,
        &[Key::Char('q'), Key::Ctrl('c')],
        "quit",
        "quit",
        false,
        true,
    ),
];

/// What a key the terminal's edge handles does (`tui/input.rs`, whatever the mode, before
/// `update` sees anything).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Clear the screen and send every cell again.
    Redraw,
    /// Give the terminal back and stop (as SIGTSTP); `fg` redraws.
    Suspend,
}

pub struct EdgeKeyInfo {
    pub edge: Edge,
    pub key: Key,
    pub description: &'static str,
}

/// The keys the terminal's edge handles, listed with [`ACTIONS`] in the help and README.
pub const EDGE_KEYS: &[EdgeKeyInfo] = &[
    EdgeKeyInfo {
        edge: Edge::Redraw,
        key: Key::Ctrl('l'),
        description: "redraw every cell",
    },
    EdgeKeyInfo {
        edge: Edge::Suspend,
        key: Key::Ctrl('z'),
        description: "suspend (fg resumes)",
    },
];

/// The edge's action bound to `key`, if any.
pub fn edge_for(key: Key) -> Option<Edge> {
    EDGE_KEYS.iter().find(|e| e.key == key).map(|e| e.edge)
}

impl Action {
    pub fn info(self) -> &'static ActionInfo {
        // Every action has an entry (checked by a test); the first is a safe fallback.
        ACTIONS
            .iter()
            .find(|i| i.action == self)
            .unwrap_or(&ACTIONS[0])
    }

    pub fn dangerous(self) -> bool {
        self.info().dangerous
    }
}

/// The action bound to `key` in the board (normal mode).
pub fn action_for(key: Key) -> Option<Action> {
    ACTIONS
        .iter()
        .find(|i| i.keys.contains(&key))
        .map(|i| i.action)
}

#[cfg(test)]
mod tests {

    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = HashSet::new();
        for i in ACTIONS {
            for k in i.keys {
                assert!(seen.insert(*k), "{k:?} bound twice");
            }
        }
        for e in EDGE_KEYS {
            assert!(seen.insert(e.key), "{:?} bound twice", e.key);
            assert_eq!(edge_for(e.key), Some(e.edge));
        }
    }

    #[test]
    fn interface_keys_are_bound() {
        use Action as A;
        for (k, a) in [
            (Key::Char('c'), A::Confirm),
            (Key::Char('x'), A::CancelPayout),
            (Key::Char('a'), A::Approve),
            (Key::Char('d'), A::Deny),
            (Key::Char('/'), A::Filter),
            (Key::Char('s'), A::Sort),
            (Key::Char('y'), A::Copy),
            (Key::Char('v'), A::RawJson),
            (Key::Char('r'), A::Refresh),
            (Key::Char('n'), A::NewPayout),
            (Key::Char('?'), A::Help),
            (Key::Char('q'), A::Quit),
            (Key::Ctrl('c'), A::Quit),
            (Key::Tab, A::NextGroup),
            (Key::Enter, A::FocusDetail),
            (Key::Esc, A::Back),
            (Key::Char('G'), A::Bottom),
        ] {
            assert_eq!(action_for(k), Some(a), "{k:?}");
            assert_eq!(a.info().action, a);
        }
        assert!(A::Confirm.dangerous() && A::CancelPayout.dangerous() && A::NewPayout.dangerous());
        assert!(A::Approve.dangerous() && A::Deny.dangerous());
        assert!(!A::Refresh.dangerous());
    }
}
