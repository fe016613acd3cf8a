//! Everything that can happen to the dashboard, as data. The UI task feeds these to
//! `update`; nothing else touches the state.

use chrono::{DateTime, Duration, Utc};

use super::action::Action;
use super::new_payout::WalletChoice;
use crate::dfns::model::{Approval, Payout, Policy, QuoteResponse, Wallet};

/// A key while text is being typed (filter, the confirm dialog's 4 characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKey {
    Char(char),
    Backspace,
    Enter,
    Esc,
    /// Pickers and form fields move with these.
    Up,
    Down,
    Tab,
    BackTab,
    /// Ctrl-U: clear the field being typed.
    CtrlU,
}

impl TextKey {
    /// The key, as the popup key tables name it.
    pub fn key(self) -> crate::app::action::Key {
        use crate::app::action::Key;
        match self {
            TextKey::Char(c) => Key::Char(c),
            TextKey::Backspace => Key::Backspace,
            TextKey::Enter => Key::Enter,
            TextKey::Esc => Key::Esc,
            TextKey::Up => Key::Up,
            TextKey::Down => Key::Down,
            TextKey::Tab => Key::Tab,
            TextKey::BackTab => Key::BackTab,
            TextKey::CtrlU => Key::Ctrl('u'),
        }
    }
}

/// Payouts read from the API, tagged with the generation at which the read *started*:
/// an older read never overwrites a newer one.
#[derive(Debug, Clone, PartialEq)]
pub struct PollBatch {
    pub generation: u64,
    pub payouts: Vec<Payout>,
    /// Items of the answer the model could not read (shown as a warning, never dropped silently).
    pub malformed: usize,
    /// This batch ends a poll cycle (the freshness clock restarts).
    pub cycle_done: bool,
    /// The first full load finished: from now on, new payouts that need me ring the bell.
    pub initial_load_done: bool,
    /// Kept by the batch until the dashboard has read it (see [`Held`]).
    pub held: Held,
}

/// Whatever a sender wants kept until the dashboard has read a batch, then dropped with it:
/// the poller's place in a short queue, so pages of whole payouts (~2 KB each) never pile
/// up faster than the board takes them in — at 100 000 payouts the pile was tens of
/// megabytes that the heap never gave back. Opaque here (the app core knows no tokio). Not
/// part of what a batch says: a clone holds nothing, and every two are equal.
#[derive(Default)]
pub struct Held(Option<Box<dyn Send>>);

impl Held {
    pub fn new(keep: impl Send + 'static) -> Held {
        Held(Some(Box::new(keep)))
    }
}

impl Clone for Held {
    fn clone(&self) -> Held {
        Held(None)
    }
}

impl PartialEq for Held {
    fn eq(&self, _: &Held) -> bool {
        true
    }
}

impl std::fmt::Debug for Held {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Held"
        } else {
            "Held(none)"
        })
    }
}

/// The poller's approvals step: every `Pending` approval (one listing), those that left
/// `Pending` since the last cycle (read once each, by id), and the policies they name that
/// were not read before.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ApprovalBatch {
    pub generation: u64,
    pub approvals: Vec<Approval>,
    pub policies: Vec<Policy>,
    /// Approvals cannot be listed (e.g. 403 without `Policies:Approvals:Read`): why. The
    /// poller stops asking.
    pub unavailable: Option<String>,
}

/// A held payout's approval, its payout and the policies it names, as just re-read for
/// the approve and deny guard.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRead {
    pub generation: u64,
    pub approval: Approval,
    pub payout: Payout,
    /// The triggered policies that were not known before.
    pub policies: Vec<Policy>,
}

/// A request the API (or the way to it) failed: when the server answered, its HTTP status
/// (a 403 turns the action off for the session) and its message; else what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub status: Option<u16>,
    pub message: String,
}

impl From<&str> for Failure {
    fn from(message: &str) -> Failure {
        Failure {
            status: None,
            message: message.to_owned(),
        }
    }
}

/// "Missing permission Wallets:Read (HTTP 403)"; the message alone without a status.
impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.status {
            Some(status) => write!(f, "{} (HTTP {status})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// How a confirm or cancel POST ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionOutcome {
    Ok,
    /// The API (or a local check) said no; nothing happened.
    Refused {
        status: Option<u16>,
        message: String,
    },
    /// It may have reached the server: the payout is re-read, never re-sent.
    Unknown(String),
}

/// What the re-read after an unknown outcome found (`Effect::Resolve`).
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Payout(Box<Payout>),
    Decision(Box<DecisionRead>),
    /// The payout carrying a create's externalId; None when no payout made since the create
    /// was sent carries it.
    ExternalId(Option<Box<Payout>>),
}

/// How a create ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Created {
    Payout(Box<Payout>),
    /// Accepted (HTTP 202): a policy holds it until its approvers decide.
    Held,
    /// The API (or a local check) said no; nothing happened.
    Refused {
        status: Option<u16>,
        message: String,
    },
    /// It may have reached the server: Enter retries with the same externalId.
    Unknown(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Input(Action),
    Text(TextKey),
    /// The local wall clock, once a second.
    Tick(DateTime<Utc>),
    Resize {
        width: u16,
        height: u16,
    },
    PollStarted,
    Polled(PollBatch),
    PollFailed {
        /// What the user can do (the API error's `next_step`).
        next_step: Option<String>,
        error: String,
        retry_in: std::time::Duration,
    },
    /// `server - local`, from the last answer's `Date`.
    Skew(Duration),
    /// Boxed: a payout is large and messages travel through a channel.
    Reverified {
        op: u64,
        result: Result<Box<Payout>, String>,
    },
    ActionDone {
        op: u64,
        outcome: ActionOutcome,
    },
    ApprovalsPolled(ApprovalBatch),
    /// One approval re-read (a held payout was selected, or a decision went out).
    ApprovalRead {
        transfer_id: String,
        generation: u64,
        result: Result<Box<Approval>, String>,
    },
    DecisionReverified {
        op: u64,
        result: Result<Box<DecisionRead>, String>,
    },
    /// How an approve or deny ended; on success, the approval as the API answered.
    Decided {
        op: u64,
        outcome: ActionOutcome,
        generation: u64,
        approval: Option<Box<Approval>>,
    },
    WalletsLoaded {
        op: u64,
        result: Result<Vec<WalletChoice>, Failure>,
    },
    /// The wallets as listed once at start (the poller): their names (`AppState::names`).
    WalletsNamed(Vec<Wallet>),
    /// The org's users as listed once at start, when the token may (`GET /auth/users`):
    /// names for user ids, after the profile's aliases.
    UsersNamed(Vec<crate::dfns::model::User>),
    /// The active policies, listed when the new-payout form opens: its wallet list marks the
    /// wallets they cover (`app::approval::covers`).
    PoliciesRead(Vec<Policy>),
    Quoted {
        op: u64,
        result: Result<Box<QuoteResponse>, Failure>,
    },
    Created {
        op: u64,
        result: Created,
    },
    /// The re-read after an unknown outcome (`Effect::Resolve`), read at `generation`.
    Resolved {
        op: u64,
        generation: u64,
        result: Result<Found, String>,
    },
    Quit,
}
