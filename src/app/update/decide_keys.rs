//! Keys in the approve and deny dialogs, by their popups' key tables
//! (`app::action::popup_keys`): approve types the 4-character arm code and sends only when
//! it arms the transfer on a screen that shows it whole; deny types an optional reason,
//! then asks `y`. Both re-read once more before anything is signed (`decide::reverified`).

use crate::app::action::{Popup, PopupAction, popup_action};
use crate::app::approval::{DecisionEcho, rows};
use crate::app::effect::Effect;
use crate::app::layout;
use crate::app::msg::TextKey;
use crate::app::state::{AppState, DecideStage, Dialog, Level, Mode};
use crate::dfns::text::is_hidden;

use super::decide::reverify;

/// The longest deny reason kept (ours: the reference sets no limit).
pub const MAX_REASON: usize = 200;

/// The approve dialog can show the whole transfer, the approval and the arm prompt.
pub fn approve_fits(width: u16, height: u16, e: &DecisionEcho) -> bool {
    layout::dialog_fits(
        width,
        height,
        e.transfer.deposit_address.chars().count(),
        &rows::widths(e),
    )
}

/// A key in the approve or deny dialog, by its popup's key table.
pub fn text(s: &mut AppState, key: TextKey) -> Vec<Effect> {
    let Some(popup) = s.mode.popup() else {
        return vec![];
    };
    let action = popup_action(popup, key.key());
    if action == Some(PopupAction::Close) {
        s.mode = Mode::Board;
        return vec![];
    }
    if popup == Popup::Sending {
        s.flash(Level::Warn, "sending: waiting for the API's answer");
        return vec![];
    }
    let (width, height) = (s.width, s.height);
    let next = match &mut s.mode {
        Mode::Dialog(Dialog::Approve {
            op, stage, typed, ..
        }) => {
            let DecideStage::Ready(echo) = &*stage else {
                return vec![];
            };
            match (action, key) {
                (Some(PopupAction::Type), TextKey::Char(c)) if typed.chars().count() < 4 => {
                    typed.push(c);
                    None
                }
                (Some(PopupAction::Erase), _) => {
                    typed.pop();
                    None
                }
                (Some(PopupAction::Send), _) if !approve_fits(width, height, echo) => {
                    let (w, h) = layout::dialog_needs(
                        echo.transfer.deposit_address.chars().count(),
                        &rows::widths(echo),
                    );
                    Some(Err(format!(
                        "the terminal is too small to show the whole transfer, the approval and the arm prompt (needs {w}×{h}): enlarge it; nothing was sent"
                    )))
                }
                (Some(PopupAction::Send), _) if echo.transfer.arms(typed) => {
                    let echo = echo.clone();
                    let ids = (echo.transfer.payout_id.clone(), echo.approval_id.clone());
                    *stage = DecideStage::Checking(echo);
                    Some(Ok((*op, ids)))
                }
                (Some(PopupAction::Send), _) => {
                    typed.clear();
                    Some(Err(
                        "the characters typed are not the last 4 of the deposit address; nothing was sent".to_owned(),
                    ))
                }
                _ => None,
            }
        }
        Mode::Dialog(Dialog::Deny {
            op, stage, reason, ..
        }) => match (&*stage, action, key) {
            (DecideStage::Ready(_), Some(PopupAction::Type), TextKey::Char(c)) => {
                // A reason goes to the server and back to every screen: nothing hidden in it.
                if !is_hidden(c) && reason.chars().count() < MAX_REASON {
                    reason.push(c);
                }
                None
            }
            (DecideStage::Ready(_), Some(PopupAction::Erase), _) => {
                reason.pop();
                None
            }
            (DecideStage::Ready(echo), Some(PopupAction::Next), _) => {
                *stage = DecideStage::Ask(echo.clone());
                None
            }
            (DecideStage::Ask(echo), Some(PopupAction::Yes), _) => {
                let ids = (echo.transfer.payout_id.clone(), echo.approval_id.clone());
                *stage = DecideStage::Checking(echo.clone());
                Some(Ok((*op, ids)))
            }
            _ => None,
        },
        _ => None,
    };
    match next {
        Some(Ok((op, (payout_id, approval_id)))) => {
            vec![reverify(s, op, payout_id, Some(approval_id))]
        }
        Some(Err(why)) => {
            s.flash(Level::Error, why);
            vec![]
        }
        None => vec![],
    }
}
