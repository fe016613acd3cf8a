//! The money dialogs as data: confirm and cancel (a payout), approve and deny (the policy
//! approval holding a payout's transfer), each a stage machine `update` moves along.

use crate::app::action::Popup;
use crate::app::approval::DecisionEcho;
use crate::app::resolve::Resolution;
use crate::app::safety::Echo;

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    Confirm {
        op: u64,
        index: usize,
        stage: ConfirmStage,
        typed: String,
    },
    Cancel {
        op: u64,
        index: usize,
        stage: CancelStage,
    },
    /// `a`: approve the approval holding payout `index`'s transfer, armed like a confirm.
    Approve {
        op: u64,
        index: usize,
        /// The approval asked for when the dialog opened (None: found through the payout).
        approval_id: Option<String>,
        stage: DecideStage,
        typed: String,
    },
    /// `d`: deny it, with an optional reason, then `y`.
    Deny {
        op: u64,
        index: usize,
        approval_id: Option<String>,
        stage: DecideStage,
        reason: String,
    },
}

impl Dialog {
    pub fn op(&self) -> u64 {
        match self {
            Dialog::Confirm { op, .. }
            | Dialog::Cancel { op, .. }
            | Dialog::Approve { op, .. }
            | Dialog::Deny { op, .. } => *op,
        }
    }

    /// A request is out: only quitting (twice) means something.
    pub fn in_flight(&self) -> bool {
        matches!(
            self,
            Dialog::Confirm {
                stage: ConfirmStage::Sending(_),
                ..
            } | Dialog::Cancel {
                stage: CancelStage::Sending,
                ..
            } | Dialog::Approve {
                stage: DecideStage::Sending(_),
                ..
            } | Dialog::Deny {
                stage: DecideStage::Sending(_),
                ..
            }
        )
    }

    /// The popup that has the keys, for its key table (`app::action::popup_keys`).
    pub fn popup(&self) -> Popup {
        match self {
            Dialog::Confirm { stage, .. } => match stage {
                ConfirmStage::Ready(_) => Popup::ConfirmReady,
                ConfirmStage::Verifying | ConfirmStage::Checking(_) => Popup::ConfirmChecking,
                ConfirmStage::Sending(_) => Popup::Sending,
                ConfirmStage::Sent(_)
                | ConfirmStage::Refused(_)
                | ConfirmStage::Unknown(_)
                | ConfirmStage::Resolved(_) => Popup::Result,
            },
            Dialog::Cancel { stage, .. } => match stage {
                CancelStage::Ask => Popup::CancelAsk,
                CancelStage::Checking => Popup::CancelChecking,
                CancelStage::Sending => Popup::Sending,
                CancelStage::Sent
                | CancelStage::Refused(_)
                | CancelStage::Unknown(_)
                | CancelStage::Resolved(_) => Popup::Result,
            },
            Dialog::Approve { stage, .. } => match stage {
                DecideStage::Ready(_) => Popup::ApproveReady,
                // Approving has no y/N step; the stage is never used for it.
                DecideStage::Ask(_) => Popup::DenyAsk,
                other => other.common_popup(),
            },
            Dialog::Deny { stage, .. } => match stage {
                DecideStage::Ready(_) => Popup::DenyReason,
                DecideStage::Ask(_) => Popup::DenyAsk,
                other => other.common_popup(),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmStage {
    /// Re-reading the payout before showing what would be sent.
    Verifying,
    /// Showing the transfer; waiting for the last 4 characters of the address.
    Ready(Echo),
    /// Re-reading once more before sending; must still equal what was shown.
    Checking(Echo),
    Sending(Echo),
    Sent(Echo),
    /// The guard or the API said no; nothing was sent (or nothing happened).
    Refused(String),
    /// Timed out or broke after it may have reached the server: re-read, never re-sent.
    Unknown(String),
    /// The re-read after `Unknown` tells what happened.
    Resolved(Resolution),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CancelStage {
    /// Waiting for `y`.
    Ask,
    Checking,
    Sending,
    Sent,
    Refused(String),
    Unknown(String),
    /// The re-read after `Unknown` tells what happened.
    Resolved(Resolution),
}

/// Approve and deny, confirm's sequence: re-read the approval and the payout, let the guard
/// (`app::approval::check_decision`) decide, show, arm (approve: the address's last 4
/// characters; deny: a reason, then `y`), re-read again and compare, send once, report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecideStage {
    /// Re-reading the approval and the payout before showing anything.
    Verifying,
    /// Shown. Approve: waiting for the arm code. Deny: typing the optional reason.
    Ready(Box<DecisionEcho>),
    /// Deny only: the reason is in; waiting for `y`.
    Ask(Box<DecisionEcho>),
    /// Re-reading once more; must still equal what was shown.
    Checking(Box<DecisionEcho>),
    Sending(Box<DecisionEcho>),
    /// Recorded: the echo, and the approval's status as the API answered (it may still be
    /// Pending when other groups' quorums are not met yet).
    Done(Box<DecisionEcho>, String),
    Refused(String),
    Unknown(String),
    /// The re-read after `Unknown` tells what happened.
    Resolved(Resolution),
}

impl DecideStage {
    fn common_popup(&self) -> Popup {
        match self {
            DecideStage::Verifying | DecideStage::Checking(_) => Popup::ConfirmChecking,
            DecideStage::Sending(_) => Popup::Sending,
            DecideStage::Ready(_) | DecideStage::Ask(_) => Popup::DenyAsk,
            DecideStage::Done(..)
            | DecideStage::Refused(_)
            | DecideStage::Unknown(_)
            | DecideStage::Resolved(_) => Popup::Result,
        }
    }

    /// The echo this stage shows, if any.
    pub fn echo(&self) -> Option<&DecisionEcho> {
        match self {
            DecideStage::Ready(e)
            | DecideStage::Ask(e)
            | DecideStage::Checking(e)
            | DecideStage::Sending(e)
            | DecideStage::Done(e, _) => Some(e),
            DecideStage::Verifying
            | DecideStage::Refused(_)
            | DecideStage::Unknown(_)
            | DecideStage::Resolved(_) => None,
        }
    }
}
