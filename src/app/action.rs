//! Every dashboard action, once: its keys, name, description and whether it is dangerous.
//! The keymap (tui/input.rs), the help overlay and the hint bar are all generated from
//! [`ACTIONS`], so they cannot drift apart; read-only mode disables the dangerous ones.

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
    Filter,
    Sort,
    Copy,
    RawJson,
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
        "cycle the sort order",
        false,
        true,
    ),
    info(
        Action::Copy,
        &[Key::Char('y')],
        "copy addr",
        "copy the deposit address (OSC 52, works over SSH)",
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
        Action::ToggleFinished,
        &[Key::Char('f')],
        "finished",
        "collapse or expand finished payouts",
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
        "new payout (quote, then create)",
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

/// Which popup has the keys, for the key tables below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    /// The confirm dialog showing the transfer, waiting for the arm code.
    ConfirmReady,
    /// Re-reading before showing (or before sending) the transfer.
    ConfirmChecking,
    /// The cancel dialog asking y/N.
    CancelAsk,
    /// Re-reading before canceling.
    CancelChecking,
    /// A request is out; only quitting means something.
    Sending,
    /// A result is on screen.
    Result,
    Help,
    Log,
}

/// What a key does inside a popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopupAction {
    /// A character typed toward the arm code.
    Type,
    Erase,
    Send,
    Yes,
    Close,
    /// Ctrl-C: quits (twice while a request is out).
    Quit,
}

/// Stands for "any other key" in a popup's table.
pub const ANY_KEY: &[Key] = &[];

pub struct PopupKeyInfo {
    /// The keys; [`ANY_KEY`] (empty) matches whatever the entries above did not.
    pub keys: &'static [Key],
    pub action: PopupAction,
    /// The hint bar's words for it.
    pub says: &'static str,
}

const fn pk(keys: &'static [Key], action: PopupAction, says: &'static str) -> PopupKeyInfo {
    PopupKeyInfo { keys, action, says }
}

/// Every popup's keys, once: `update` decides with [`popup_action`], the hint bar says
/// [`popup_hint`], so what a key does and what the screen says it does cannot drift apart.
pub fn popup_keys(p: Popup) -> &'static [PopupKeyInfo] {
    use PopupAction as A;
    const CONFIRM_READY: &[PopupKeyInfo] = &[
        pk(&[Key::Backspace], A::Erase, "Backspace corrects"),
        pk(&[Key::Enter], A::Send, "Enter sends"),
        pk(&[Key::Esc], A::Close, "Esc closes"),
        pk(&[Key::Ctrl('c')], A::Quit, "Ctrl-C quits"),
        pk(ANY_KEY, A::Type, "type the 4 characters"),
    ];
    const CONFIRM_CHECKING: &[PopupKeyInfo] = &[
        pk(
            &[Key::Esc],
            A::Close,
            "re-reading… · Esc closes without sending",
        ),
        pk(&[Key::Ctrl('c')], A::Quit, "Ctrl-C quits"),
    ];
    const CANCEL_ASK: &[PopupKeyInfo] = &[
        pk(
            &[Key::Char('y'), Key::Char('Y')],
            A::Yes,
            "y cancels the payout",
        ),
        pk(&[Key::Ctrl('c')], A::Quit, "Ctrl-C quits"),
        pk(ANY_KEY, A::Close, "any other key keeps it"),
    ];
    const CANCEL_CHECKING: &[PopupKeyInfo] = &[
        pk(
            &[Key::Esc],
            A::Close,
            "re-reading… · Esc closes without canceling",
        ),
        pk(&[Key::Ctrl('c')], A::Quit, "Ctrl-C quits"),
    ];
    const SENDING: &[PopupKeyInfo] = &[pk(
        &[Key::Ctrl('c')],
        A::Quit,
        "waiting for the API · Ctrl-C twice quits without seeing the outcome",
    )];
    const RESULT: &[PopupKeyInfo] = &[
        pk(&[Key::Ctrl('c')], A::Quit, "Ctrl-C quits"),
        pk(ANY_KEY, A::Close, "any key closes"),
    ];
    const HELP: &[PopupKeyInfo] = &[
        pk(&[Key::Ctrl('c')], A::Quit, "Ctrl-C quits"),
        pk(ANY_KEY, A::Close, "any key closes the help (q too)"),
    ];
    const LOG: &[PopupKeyInfo] = &[
        pk(&[Key::Ctrl('c')], A::Quit, "Ctrl-C quits"),
        pk(ANY_KEY, A::Close, "any key closes the log"),
    ];
    match p {
        Popup::Log => LOG,
        Popup::ConfirmReady => CONFIRM_READY,
        Popup::ConfirmChecking => CONFIRM_CHECKING,
        Popup::CancelAsk => CANCEL_ASK,
        Popup::CancelChecking => CANCEL_CHECKING,
        Popup::Sending => SENDING,
        Popup::Result => RESULT,
        Popup::Help => HELP,
    }
}

/// What `key` does in popup `p` (None: nothing).
pub fn popup_action(p: Popup, key: Key) -> Option<PopupAction> {
    let table = popup_keys(p);
    table
        .iter()
        .find(|e| e.keys.contains(&key))
        .or_else(|| table.iter().find(|e| e.keys.is_empty()))
        .map(|e| e.action)
}

/// The hint bar while popup `p` has the keys: the type-ahead first, then the rest in order.
pub fn popup_hint(p: Popup) -> String {
    let table = popup_keys(p);
    let typed = table
        .iter()
        .filter(|e| e.keys.is_empty() && e.action == PopupAction::Type);
    let rest = table
        .iter()
        .filter(|e| !(e.keys.is_empty() && e.action == PopupAction::Type))
        .filter(|e| !(e.action == PopupAction::Quit && e.says == "Ctrl-C quits"));
    typed
        .chain(rest)
        .map(|e| e.says)
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {

    #[test]
    fn popup_keys_decide_and_describe_from_one_table() {
        use PopupAction as A;
        assert_eq!(
            popup_action(Popup::ConfirmReady, Key::Char('3')),
            Some(A::Type)
        );
        assert_eq!(popup_action(Popup::ConfirmReady, Key::Enter), Some(A::Send));
        assert_eq!(popup_action(Popup::ConfirmReady, Key::Esc), Some(A::Close));
        assert_eq!(popup_action(Popup::ConfirmChecking, Key::Enter), None);
        assert_eq!(popup_action(Popup::CancelAsk, Key::Char('Y')), Some(A::Yes));
        assert_eq!(popup_action(Popup::CancelAsk, Key::Enter), Some(A::Close));
        assert_eq!(popup_action(Popup::Result, Key::Char('g')), Some(A::Close));
        assert_eq!(popup_action(Popup::Sending, Key::Enter), None);
        assert_eq!(
            popup_hint(Popup::ConfirmReady),
            "type the 4 characters · Backspace corrects · Enter sends · Esc closes"
        );
        assert_eq!(
            popup_hint(Popup::CancelAsk),
            "y cancels the payout · any other key keeps it"
        );
        // Every entry with keys is named by one of them in its words.
        for p in [
            Popup::ConfirmReady,
            Popup::ConfirmChecking,
            Popup::CancelAsk,
            Popup::CancelChecking,
            Popup::Sending,
            Popup::Result,
            Popup::Help,
        ] {
            for e in popup_keys(p) {
                if let Some(k) = e.keys.first() {
                    let says = e.says.to_lowercase();
                    assert!(
                        says.contains(&k.label().to_lowercase()),
                        "{p:?}: {:?} {}",
                        k,
                        e.says
                    );
                }
            }
        }
    }

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
    }

    #[test]
    fn interface_keys_are_bound() {
        use Action as A;
        for (k, a) in [
            (Key::Char('c'), A::Confirm),
            (Key::Char('x'), A::CancelPayout),
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
        assert!(!A::Refresh.dangerous());
    }
}
