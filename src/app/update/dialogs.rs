//! Confirm and cancel: open with a local check, re-read, let the money guard decide, arm by
//! typing, re-read again, send once, report. See ARCHITECTURE.md "Money safety".

use crate::app::action::{Action, Popup, PopupAction, action_for, popup_action};
use crate::app::board::Group;
use crate::app::effect::{AuditEvent, AuditPhase, Effect, Lookup};
use crate::app::layout;
use crate::app::msg::{ActionOutcome, TextKey};
use crate::app::new_payout::Step;
use crate::app::safety::{self, Echo};
use crate::app::state::{AppState, CancelStage, ConfirmStage, Dialog, Level, Mode};
use crate::dfns::model::{ExecutionStatus, Payout, PayoutStatus};

/// Why `c`/`x` cannot start on this payout, from what we already know (the server is
/// asked anyway before anything is sent).
fn local_refusal(s: &AppState, index: usize) -> Option<String> {
    let p = s.payouts.get(index)?;
    if p.status != PayoutStatus::Processing
        || p.execution_status() != &ExecutionStatus::AwaitingPayoutConfirmation
    {
        return Some(format!(
            "{} is not awaiting confirmation (it is {} / {})",
            p.id,
            p.status,
            p.execution_status()
        ));
    }
    if s.group_of(index) == Some(Group::AwaitingOther) {
        return Some(format!(
            "{} was requested by {}, not you: only the requester can act on it",
            p.id,
            p.requester_id().unwrap_or("someone else")
        ));
    }
    None
}

fn open(s: &mut AppState, make: impl FnOnce(u64, usize) -> Dialog, verify: bool) -> Vec<Effect> {
    let Some(index) = s.selected else {
        s.flash(Level::Warn, "no payout selected");
        return vec![];
    };
    if let Some(why) = local_refusal(s, index) {
        s.flash(Level::Warn, why);
        return vec![];
    }
    let op = s.next_op();
    let id = s.payouts.id(index).unwrap_or_default().to_owned();
    s.mode = Mode::Dialog(make(op, index));
    if verify {
        vec![Effect::Reverify { op, id }]
    } else {
        vec![]
    }
}

pub fn open_confirm(s: &mut AppState) -> Vec<Effect> {
    open(
        s,
        |op, index| Dialog::Confirm {
            op,
            index,
            stage: ConfirmStage::Verifying,
            typed: String::new(),
        },
        true,
    )
}

pub fn open_cancel(s: &mut AppState) -> Vec<Effect> {
    open(
        s,
        |op, index| Dialog::Cancel {
            op,
            index,
            stage: CancelStage::Ask,
        },
        false,
    )
}

fn close(s: &mut AppState) {
    s.mode = Mode::Board;
}

/// A mapped action while a dialog or the form is open: only quitting means something.
pub fn key(s: &mut AppState, action: Action) -> Vec<Effect> {
    let busy = match &s.mode {
        Mode::Dialog(d) => d.in_flight(),
        Mode::NewPayout(f) => f.step == Step::Creating,
        _ => return vec![],
    };
    if action != Action::Quit {
        return vec![];
    }
    if busy && !s.quit_armed {
        s.quit_armed = true;
        s.flash(
            Level::Warn,
            "an action is in flight: press Ctrl-C again to quit without seeing its outcome",
        );
        return vec![];
    }
    s.quit = true;
    vec![]
}

pub fn text(s: &mut AppState, key: TextKey) -> Vec<Effect> {
    if matches!(
        s.mode,
        Mode::Dialog(Dialog::Approve { .. } | Dialog::Deny { .. })
    ) {
        return super::decide_keys::text(s, key);
    }
    let Some(popup) = s.mode.popup() else {
        return vec![];
    };
    let action = popup_action(popup, key.key());
    let Mode::Dialog(dialog) = &mut s.mode else {
        return vec![];
    };
    match (dialog, action) {
        // A result on screen: the key closes it and still does what it does on the board,
        // so working the queue never loses a keystroke.
        (_, Some(PopupAction::Close)) if popup == Popup::Result => {
            close(s);
            if let Some(a) = action_for(key.key())
                && a != Action::Back
            {
                return super::input(s, a);
            }
        }
        (_, Some(PopupAction::Close)) => close(s),
        (_, _) if popup == Popup::Sending => {
            s.flash(Level::Warn, "sending: waiting for the API's answer");
        }
        (
            Dialog::Confirm {
                stage: ConfirmStage::Ready(_),
                typed,
                ..
            },
            Some(PopupAction::Type),
        ) => {
            if let TextKey::Char(c) = key
                && typed.chars().count() < 4
            {
                typed.push(c);
            }
        }
        (
            Dialog::Confirm {
                stage: ConfirmStage::Ready(_),
                typed,
                ..
            },
            Some(PopupAction::Erase),
        ) => {
            typed.pop();
        }
        (
            Dialog::Confirm {
                op,
                stage: stage @ ConfirmStage::Ready(_),
                typed,
                ..
            },
            Some(PopupAction::Send),
        ) => {
            let op = *op;
            let ConfirmStage::Ready(echo) = &*stage else {
                return vec![];
            };
            let addr = echo.deposit_address.chars().count();
            if !layout::confirm_fits(s.width, s.height, addr) {
                let (w, h) = layout::confirm_needs(addr);
                s.flash(
                    Level::Error,
                    format!("the terminal is too small to show the whole transfer and the arm prompt (needs {w}×{h}): enlarge it; nothing was sent"),
                );
                return vec![];
            }
            if echo.arms(typed) {
                let echo = echo.clone();
                let id = echo.payout_id.clone();
                *stage = ConfirmStage::Checking(echo);
                return vec![Effect::Reverify { op, id }];
            }
            typed.clear();
            s.flash(
                Level::Error,
                "the characters typed are not the last 4 of the deposit address; nothing was sent",
            );
        }
        (
            Dialog::Cancel {
                op,
                index,
                stage: stage @ CancelStage::Ask,
            },
            Some(PopupAction::Yes),
        ) => {
            *stage = CancelStage::Checking;
            let (op, index) = (*op, *index);
            let id = s
                .payouts
                .get(index)
                .map(|p| p.id.clone())
                .unwrap_or_default();
            return vec![Effect::Reverify { op, id }];
        }
        _ => {}
    }
    vec![]
}

pub(super) fn event(
    action: &'static str,
    phase: AuditPhase,
    payout_id: &str,
    echo: Option<&Echo>,
    status: Option<u16>,
    message: Option<String>,
) -> AuditEvent {
    AuditEvent {
        action,
        phase,
        payout_id: payout_id.to_owned(),
        external_id: None,
        echo: echo.cloned(),
        http_status: status,
        message,
    }
}

pub fn reverified(s: &mut AppState, op: u64, result: Result<Box<Payout>, String>) -> Vec<Effect> {
    let me = s.me.clone();
    // The payout the dialog was opened on: the answer must be about it.
    let asked = match &s.mode {
        Mode::Dialog(Dialog::Confirm { index, .. } | Dialog::Cancel { index, .. }) => s
            .payouts
            .get(*index)
            .map(|p| p.id.clone())
            .unwrap_or_default(),
        _ => return vec![],
    };
    let Mode::Dialog(dialog) = &mut s.mode else {
        return vec![];
    };
    match (dialog, result) {
        (Dialog::Approve { .. } | Dialog::Deny { .. }, _) => vec![],
        (Dialog::Confirm { op: o, .. } | Dialog::Cancel { op: o, .. }, _) if *o != op => vec![],
        (Dialog::Confirm { stage, .. }, Err(e)) => {
            *stage = ConfirmStage::Refused(format!(
                "could not re-read the payout: {e}; nothing was sent"
            ));
            vec![]
        }
        (Dialog::Confirm { stage, .. }, Ok(p)) => match stage.clone() {
            ConfirmStage::Verifying => {
                *stage = match safety::check_confirm(&asked, &p, me.as_deref(), None) {
                    Ok(echo) => ConfirmStage::Ready(echo),
                    Err(r) => ConfirmStage::Refused(r.to_string()),
                };
                vec![]
            }
            ConfirmStage::Checking(shown) => {
                match safety::check_confirm(&asked, &p, me.as_deref(), Some(&shown)) {
                    Ok(echo) => {
                        *stage = ConfirmStage::Sending(echo.clone());
                        let attempt = event(
                            "confirm",
                            AuditPhase::Attempt,
                            &echo.payout_id,
                            Some(&echo),
                            None,
                            None,
                        );
                        vec![Effect::SendConfirm { op, echo, attempt }]
                    }
                    Err(r) => {
                        *stage = ConfirmStage::Refused(r.to_string());
                        vec![]
                    }
                }
            }
            _ => vec![],
        },
        (Dialog::Cancel { stage, .. }, Err(e)) => {
            *stage = CancelStage::Refused(format!(
                "could not re-read the payout: {e}; nothing was sent"
            ));
            vec![]
        }
        (Dialog::Cancel { stage, .. }, Ok(p)) => {
            if *stage != CancelStage::Checking {
                return vec![];
            }
            match safety::check_cancel(&asked, &p, me.as_deref()) {
                Ok(()) => {
                    *stage = CancelStage::Sending;
                    vec![Effect::SendCancel {
                        op,
                        id: p.id.clone(),
                        attempt: event("cancel", AuditPhase::Attempt, &p.id, None, None, None),
                    }]
                }
                Err(r) => {
                    *stage = CancelStage::Refused(r.to_string());
                    vec![]
                }
            }
        }
    }
}

pub fn done(s: &mut AppState, op: u64, outcome: ActionOutcome) -> Vec<Effect> {
    let Mode::Dialog(dialog) = &mut s.mode else {
        return vec![];
    };
    let (action, id, echo, index) = match dialog {
        Dialog::Confirm {
            op: o,
            index,
            stage: ConfirmStage::Sending(echo),
            ..
        } if *o == op => (
            "confirm",
            echo.payout_id.clone(),
            Some(echo.clone()),
            *index,
        ),
        Dialog::Cancel {
            op: o,
            index,
            stage: CancelStage::Sending,
        } if *o == op => (
            "cancel",
            s.payouts
                .get(*index)
                .map(|p| p.id.clone())
                .unwrap_or_default(),
            None,
            *index,
        ),
        _ => return vec![],
    };
    if outcome == ActionOutcome::Ok {
        // The re-read moves it to another group; the cursor stays where it was.
        s.keep_place = Some(index);
    }
    let Mode::Dialog(dialog) = &mut s.mode else {
        return vec![];
    };
    let (status, message, level, flash) = match &outcome {
        ActionOutcome::Ok => (
            Some(200),
            None,
            Level::Info,
            format!("{action} of {id} accepted"),
        ),
        ActionOutcome::Refused { status, message } => (
            *status,
            Some(message.clone()),
            Level::Error,
            format!("{action} of {id} refused: {message}"),
        ),
        ActionOutcome::Unknown(m) => (
            None,
            Some(m.clone()),
            Level::Error,
            format!("{action} of {id}: outcome unknown ({m}); re-reading, not re-sending"),
        ),
    };
    match dialog {
        Dialog::Confirm { stage, .. } => {
            *stage = match (&outcome, echo.clone()) {
                (ActionOutcome::Ok, Some(e)) => ConfirmStage::Sent(e),
                (ActionOutcome::Refused { .. }, _) => ConfirmStage::Refused(flash.clone()),
                _ => ConfirmStage::Unknown(flash.clone()),
            }
        }
        Dialog::Cancel { stage, .. } => {
            *stage = match &outcome {
                ActionOutcome::Ok => CancelStage::Sent,
                ActionOutcome::Refused { .. } => CancelStage::Refused(flash.clone()),
                ActionOutcome::Unknown(_) => CancelStage::Unknown(flash.clone()),
            }
        }
        Dialog::Approve { .. } | Dialog::Deny { .. } => {}
    }
    s.flash(level, flash);
    if let ActionOutcome::Refused { status, message } = &outcome {
        let key = if action == "confirm" {
            Action::Confirm
        } else {
            Action::CancelPayout
        };
        s.learn_refusal(key, *status, message);
    }
    let audit = Effect::Audit(event(
        action,
        AuditPhase::Outcome,
        &id,
        echo.as_ref(),
        status,
        message,
    ));
    if let ActionOutcome::Unknown(_) = outcome {
        // Never re-sent: the re-read tells whether it went through (`update/resolve.rs`).
        let resolve = super::resolve::watch(s, op, action, Some(index), Lookup::Payout { id });
        return vec![audit, resolve];
    }
    vec![audit, Effect::Reread { id }, Effect::PollNow]
}
