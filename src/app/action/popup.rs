//! Every popup's keys, once: what a key does in each dialog stage and the help overlay, and
//! what the hint bar says it does — from one table, so the two cannot drift apart.

use super::Key;

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
    /// The approve dialog showing the transfer and the approval, waiting for the arm code.
    ApproveReady,
    /// The deny dialog: typing the optional reason.
    DenyReason,
    /// The deny dialog asking y/N.
    DenyAsk,
    /// A request is out; only quitting means something.
    Sending,
    /// A result is on screen.
    Result,
    Help,
    Log,
    /// The sort picker (`s`).
    SortPick,
    /// The new-payout form's first step, choosing the wallet (Esc closes the form).
    FormFirst,
    /// The new-payout form: choosing from a list (asset, purpose).
    FormPick,
    /// The form: typing the amount.
    FormAmount,
    /// The form: choosing a saved recipient (or to type the details by hand).
    FormRecipient,
    /// The form: the bank details fields.
    FormDetails,
    /// The form: the quote shown; on to the purpose.
    FormNext,
    /// The form: the review; Enter creates.
    FormReview,
    /// The form: waiting for the API (wallets, quote, create).
    FormBusy,
    /// The form: a create whose outcome is unknown (Enter retries, same externalId).
    FormUnknown,
}

/// What a key does inside a popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopupAction {
    /// A character typed toward the arm code.
    Type,
    Erase,
    Send,
    /// On to the next step of a dialog (the deny reason is in).
    Next,
    Yes,
    Close,
    /// One step back (the new-payout form; its first step closes instead).
    Back,
    /// Empty the field being typed (Ctrl-U).
    Clear,
    /// Up a list or a field.
    Up,
    /// Down a list or a field.
    Down,
    /// Ctrl-C: quits (twice while a request is out).
    Quit,
    /// The sort picker: sort the other way from the one shown.
    Reverse,
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
    const APPROVE_READY: &[PopupKeyInfo] = &[
        pk(&[Key::Backspace], A::Erase, "Backspace corrects"),
        pk(&[Key::Enter], A::Send, "Enter approves"),
        pk(&[Key::Esc], A::Close, "Esc closes"),
        pk(&[Key::Ctrl('c')], A::Quit, "Ctrl-C quits"),
        pk(ANY_KEY, A::Type, "type the 4 characters"),
    ];
    const DENY_REASON: &[PopupKeyInfo] = &[
        pk(&[Key::Backspace], A::Erase, "Backspace corrects"),
        pk(&[Key::Enter], A::Next, "Enter continues"),
        pk(&[Key::Esc], A::Close, "Esc closes"),
        pk(&[Key::Ctrl('c')], A::Quit, "Ctrl-C quits"),
        pk(ANY_KEY, A::Type, "type a reason (optional)"),
    ];
    const DENY_ASK: &[PopupKeyInfo] = &[
        pk(
            &[Key::Char('y'), Key::Char('Y')],
            A::Yes,
            "y denies the approval",
        ),
        pk(&[Key::Ctrl('c')], A::Quit, "Ctrl-C quits"),
        pk(ANY_KEY, A::Close, "any other key keeps it"),
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
    const SORT_PICK: &[PopupKeyInfo] = &[
        pk(
            &[Key::Up, Key::Char('k'), Key::BackTab],
            A::Up,
            "↑/↓ choose",
        ),
        // Said by the entry above.
        pk(&[Key::Down, Key::Char('j'), Key::Tab], A::Down, ""),
        pk(&[Key::Enter], A::Next, "Enter sorts as shown"),
        pk(&[Key::Char('s')], A::Reverse, "s sorts the other way"),
        pk(&[Key::Esc], A::Close, "Esc closes"),
        pk(&[Key::Ctrl('c')], A::Quit, "Ctrl-C quits"),
    ];
    const FORM_FIRST: &[PopupKeyInfo] = &[
        pk(
            &[Key::Up, Key::Char('k'), Key::BackTab],
            A::Up,
            "↑/↓ choose",
        ),
        // Said by the entry above.
        pk(&[Key::Down, Key::Char('j'), Key::Tab], A::Down, ""),
        pk(&[Key::Enter], A::Next, "Enter next"),
        pk(&[Key::Esc], A::Close, "Esc closes"),
    ];
    const FORM_PICK: &[PopupKeyInfo] = &[
        pk(
            &[Key::Up, Key::Char('k'), Key::BackTab],
            A::Up,
            "↑/↓ choose",
        ),
        // Said by the entry above.
        pk(&[Key::Down, Key::Char('j'), Key::Tab], A::Down, ""),
        pk(&[Key::Enter], A::Next, "Enter next"),
        pk(&[Key::Esc], A::Back, "Esc back"),
    ];
    const FORM_AMOUNT: &[PopupKeyInfo] = &[
        pk(&[Key::Backspace], A::Erase, "Backspace corrects"),
        pk(&[Key::Ctrl('u')], A::Clear, "Ctrl-U clears"),
        pk(&[Key::Enter], A::Next, "Enter next"),
        pk(&[Key::Esc], A::Back, "Esc back"),
        pk(
            ANY_KEY,
            A::Type,
            "type the amount in token units (e.g. 1,250.50)",
        ),
    ];
    const FORM_RECIPIENT: &[PopupKeyInfo] = &[
        pk(
            &[Key::Up, Key::Char('k'), Key::BackTab],
            A::Up,
            "↑/↓ choose",
        ),
        // Said by the entry above.
        pk(&[Key::Down, Key::Char('j'), Key::Tab], A::Down, ""),
        pk(&[Key::Enter], A::Next, "Enter fills the details"),
        pk(&[Key::Esc], A::Back, "Esc back"),
    ];
    const FORM_DETAILS: &[PopupKeyInfo] = &[
        pk(&[Key::Backspace], A::Erase, "Backspace corrects"),
        pk(&[Key::Ctrl('u')], A::Clear, "Ctrl-U clears"),
        pk(
            &[Key::Up, Key::BackTab],
            A::Up,
            "Tab/↑/↓ move between fields",
        ),
        // Said by the entry above.
        pk(&[Key::Down, Key::Tab], A::Down, ""),
        pk(&[Key::Enter], A::Next, "Enter asks for a quote"),
        pk(&[Key::Esc], A::Back, "Esc back"),
        pk(ANY_KEY, A::Type, "type"),
    ];
    const FORM_NEXT: &[PopupKeyInfo] = &[
        pk(&[Key::Enter], A::Next, "Enter next"),
        pk(&[Key::Esc], A::Back, "Esc back"),
    ];
    const FORM_REVIEW: &[PopupKeyInfo] = &[
        pk(
            &[Key::Enter],
            A::Send,
            "Enter creates the payout (no money moves until you confirm it)",
        ),
        pk(&[Key::Esc], A::Back, "Esc back"),
    ];
    const FORM_BUSY: &[PopupKeyInfo] = &[pk(
        &[Key::Ctrl('c')],
        A::Quit,
        "waiting for the API · Ctrl-C twice quits",
    )];
    const FORM_UNKNOWN: &[PopupKeyInfo] = &[
        pk(
            &[Key::Enter],
            A::Send,
            "Enter retries with the same externalId",
        ),
        pk(&[Key::Esc], A::Close, "Esc closes"),
    ];
    match p {
        Popup::FormFirst => FORM_FIRST,
        Popup::FormPick => FORM_PICK,
        Popup::FormAmount => FORM_AMOUNT,
        Popup::FormRecipient => FORM_RECIPIENT,
        Popup::FormDetails => FORM_DETAILS,
        Popup::FormNext => FORM_NEXT,
        Popup::FormReview => FORM_REVIEW,
        Popup::FormBusy => FORM_BUSY,
        Popup::FormUnknown => FORM_UNKNOWN,
        Popup::ConfirmReady => CONFIRM_READY,
        Popup::ConfirmChecking => CONFIRM_CHECKING,
        Popup::CancelAsk => CANCEL_ASK,
        Popup::CancelChecking => CANCEL_CHECKING,
        Popup::ApproveReady => APPROVE_READY,
        Popup::DenyReason => DENY_REASON,
        Popup::DenyAsk => DENY_ASK,
        Popup::Sending => SENDING,
        Popup::Result => RESULT,
        Popup::Help => HELP,
        Popup::Log => LOG,
        Popup::SortPick => SORT_PICK,
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
        .filter(|e| !e.says.is_empty())
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
    use super::*;

    #[test]
    fn the_forms_keys_come_from_its_step_tables() {
        use PopupAction as A;
        // In a list j/k move; in a field they are letters.
        assert_eq!(popup_action(Popup::FormPick, Key::Char('j')), Some(A::Down));
        assert_eq!(
            popup_action(Popup::FormDetails, Key::Char('j')),
            Some(A::Type)
        );
        assert_eq!(popup_action(Popup::FormDetails, Key::Tab), Some(A::Down));
        assert_eq!(popup_action(Popup::FormReview, Key::Enter), Some(A::Send));
        assert_eq!(popup_action(Popup::FormBusy, Key::Esc), None);
        assert_eq!(
            popup_hint(Popup::FormFirst),
            "↑/↓ choose · Enter next · Esc closes"
        );
        assert_eq!(
            popup_hint(Popup::FormPick),
            "↑/↓ choose · Enter next · Esc back"
        );
        assert_eq!(
            popup_hint(Popup::FormDetails),
            "type · Backspace corrects · Ctrl-U clears · Tab/↑/↓ move between fields · Enter asks for a quote · Esc back"
        );
        // Esc goes back one step, except on the first (it closes the form) and where the
        // create may already have happened (it closes; Enter retries the same externalId).
        assert_eq!(popup_action(Popup::FormFirst, Key::Esc), Some(A::Close));
        for p in [
            Popup::FormPick,
            Popup::FormRecipient,
            Popup::FormAmount,
            Popup::FormDetails,
            Popup::FormNext,
            Popup::FormReview,
        ] {
            assert_eq!(popup_action(p, Key::Esc), Some(A::Back), "{p:?}");
        }
        assert_eq!(popup_action(Popup::FormUnknown, Key::Esc), Some(A::Close));
        for p in [Popup::FormAmount, Popup::FormDetails] {
            assert_eq!(popup_action(p, Key::Ctrl('u')), Some(A::Clear), "{p:?}");
        }
    }

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
        assert_eq!(popup_action(Popup::ApproveReady, Key::Enter), Some(A::Send));
        assert_eq!(
            popup_action(Popup::ApproveReady, Key::Char('f')),
            Some(A::Type)
        );
        assert_eq!(popup_action(Popup::DenyReason, Key::Enter), Some(A::Next));
        assert_eq!(
            popup_action(Popup::DenyReason, Key::Char('y')),
            Some(A::Type)
        );
        assert_eq!(popup_action(Popup::DenyAsk, Key::Char('y')), Some(A::Yes));
        assert_eq!(popup_action(Popup::DenyAsk, Key::Enter), Some(A::Close));
        assert_eq!(
            popup_hint(Popup::ApproveReady),
            "type the 4 characters · Backspace corrects · Enter approves · Esc closes"
        );
        // Every entry with keys is named by one of them in its words.
        for p in [
            Popup::ConfirmReady,
            Popup::ConfirmChecking,
            Popup::CancelAsk,
            Popup::CancelChecking,
            Popup::ApproveReady,
            Popup::DenyReason,
            Popup::DenyAsk,
            Popup::Sending,
            Popup::Result,
            Popup::Help,
            Popup::Log,
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
}
