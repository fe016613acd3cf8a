//! The dashboard's whole state, plain data. Only `update` changes it; `ui` only reads it.

mod approvals;
mod dialog;
mod forbidden;
mod place;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};

pub use approvals::{Approvals, Known};
pub use dialog::{CancelStage, ConfirmStage, DecideStage, Dialog};

use super::approval::Me;
use super::board::{self, Board, BoardOptions, Filter, Group, Sort};
use super::layout::{self, Layout};
use super::names::Names;
use super::payouts::Payouts;
use crate::dfns::model::Payout;

/// Which way keys go. (One instance lives in the state; its size does not matter.)
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Board,
    /// Typing a filter; the board filters live as it is typed.
    Filter {
        input: String,
    },
    Help,
    /// The event log (`L`): every alert and action outcome of the session, newest first.
    Log,
    /// The sort picker (`s`): `cursor` is the highlighted key's place in `SortKey::ALL`.
    SortPick {
        cursor: usize,
    },
    /// Confirm or cancel: the money dialogs.
    Dialog(Dialog),
    /// The new-payout form (`n`).
    NewPayout(Box<crate::app::new_payout::NewPayout>),
}

impl Mode {
    /// The popup that has the keys, for its key table (`app::action::popup_keys`); the
    /// new-payout form's per-step tables come from its step.
    pub fn popup(&self) -> Option<crate::app::action::Popup> {
        match self {
            Mode::Help => Some(crate::app::action::Popup::Help),
            Mode::Log => Some(crate::app::action::Popup::Log),
            Mode::SortPick { .. } => Some(crate::app::action::Popup::SortPick),
            Mode::Dialog(d) => Some(d.popup()),
            Mode::NewPayout(f) => Some(f.popup()),
            Mode::Board | Mode::Filter { .. } => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub text: String,
    pub level: Level,
    pub until: DateTime<Utc>,
}

/// One line of the event log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub at: DateTime<Utc>,
    pub level: Level,
    pub text: String,
}

/// An action whose outcome is unknown, waiting for its re-read (`Effect::Resolve`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    /// The dialog's (or the form's) op: the re-read answers with it.
    pub op: u64,
    /// `confirm`, `cancel`, `approve`, `deny` or `create`.
    pub action: &'static str,
    /// The payout acted on, for keeping the cursor's place once it is known to have moved.
    pub index: Option<usize>,
    pub lookup: crate::app::effect::Lookup,
}

/// Events kept for the session (oldest dropped first).
pub const LOG_CAP: usize = 1000;

/// How fresh the data is, for the status bar.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Freshness {
    pub last_ok: Option<DateTime<Utc>>,
    pub polling: bool,
    /// When the poll in progress started (the ⟳ shows only for slow ones).
    pub poll_started: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    /// What the user can do about the last error.
    pub next_step: Option<String>,
    /// When the poller tries again after a failure.
    pub retry_at: Option<DateTime<Utc>>,
    pub failures: u32,
    pub malformed: usize,
    pub initial_load_done: bool,
}

/// Settings that come from configuration and do not change while running.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub profile: String,
    pub api_host: String,
    /// Why actions are disabled (read-only, no key), or None.
    pub read_only: Option<String>,
    pub poll_interval: std::time::Duration,
    pub finished_limit: usize,
    pub bell: bool,
    pub notify: bool,
    pub color: bool,
    /// OSC 8 links on transaction hashes (off in snapshot tests).
    pub hyperlinks: bool,
    /// A multiplexer that may drop the OSC 52 copy (`app::term::multiplexer`, from `TMUX`
    /// and `TERM` at start-up).
    pub multiplexer: Option<crate::app::term::Multiplexer>,
    /// The profile's saved recipients, offered by the new-payout form.
    pub recipients: Vec<crate::app::new_payout::Recipient>,
    /// The profile's `[aliases]`: user id → name (`AppState::names` starts from them).
    pub aliases: Vec<(String, String)>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            profile: "default".into(),
            api_host: String::new(),
            read_only: None,
            poll_interval: std::time::Duration::from_secs(5),
            finished_limit: 200,
            bell: true,
            notify: true,
            color: true,
            hyperlinks: false,
            multiplexer: None,
            recipients: Vec::new(),
            aliases: Vec::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct AppState {
    pub settings: Settings,
    /// My user id, from the token claim; None = unknown.
    pub me: Option<String>,
    /// My token is a service account's (its claim's kind): approving then needs a group that
    /// sets `serviceAccountsCanApprove`.
    pub service_account: bool,
    /// Every payout seen; positions never change (the board and selection index into it).
    pub payouts: Payouts,
    pub board: Board,
    pub filter: Filter,
    pub sort: Sort,
    pub finished_collapsed: bool,
    /// Selected payout (index into `payouts`), kept across rebuilds.
    pub selected: Option<usize>,
    /// The payout an action just went through on: when a rebuild moves it out of its group,
    /// the selection stays at its position there (`place.rs`). Cleared then, or when the
    /// selection is moved by hand.
    pub keep_place: Option<usize>,
    /// First visible board row.
    pub scroll: usize,
    pub detail_focused: bool,
    /// The detail pane fills the body, the table hidden (`z`; Esc returns).
    pub detail_zoomed: bool,
    /// First line shown in the detail pane (scrolled with j/k while it has the focus).
    pub detail_scroll: u16,
    pub raw_json: bool,
    pub mode: Mode,
    pub flash: Option<Flash>,
    pub fresh: Freshness,
    /// The local wall clock, as last ticked.
    pub now: DateTime<Utc>,
    /// `server - local`.
    pub skew: Duration,
    pub width: u16,
    pub height: u16,
    pub next_op: u64,
    /// Payouts already announced as needing me / as under an hour left.
    pub alerted_new: HashSet<String>,
    pub alerted_soon: HashSet<String>,
    /// Every flash of the session, oldest first (the `L` overlay shows it newest first).
    pub log: Vec<LogEntry>,
    /// Log entries since the log was last open.
    pub unread: usize,
    /// Policy approvals of held payouts, and the policies they name.
    pub approvals: Approvals,
    /// Actions the API refused with 403 this session, with why (`forbidden.rs`; ask
    /// `AppState::disabled`).
    pub forbidden: HashMap<crate::app::action::Action, String>,
    /// Names for ids: wallet names from the API, user names from the profile's aliases.
    pub names: Names,
    /// Actions whose outcome is unknown, waiting for the re-read that tells
    /// (`Effect::Resolve` → `Msg::Resolved`).
    pub unresolved: Vec<Unresolved>,
    pub quit: bool,
    /// Ctrl-C was pressed once while an action was in flight; a second press quits.
    pub quit_armed: bool,
}

impl AppState {
    pub fn new(settings: Settings, me: Option<String>, now: DateTime<Utc>) -> AppState {
        let names = Names::with_aliases(settings.aliases.clone());
        let mut s = AppState {
            settings,
            me,
            service_account: false,
            payouts: Payouts::default(),
            board: Board::default(),
            filter: Filter::new(""),
            sort: Sort::default(),
            finished_collapsed: false,
            selected: None,
            keep_place: None,
            scroll: 0,
            detail_focused: false,
            detail_zoomed: false,
            detail_scroll: 0,
            raw_json: false,
            mode: Mode::Board,
            flash: None,
            fresh: Freshness::default(),
            now,
            skew: Duration::zero(),
            width: 80,
            height: 24,
            next_op: 1,
            alerted_new: HashSet::new(),
            alerted_soon: HashSet::new(),
            log: Vec::new(),
            unread: 0,
            approvals: Approvals::default(),
            forbidden: HashMap::new(),
            names,
            unresolved: Vec::new(),
            quit: false,
            quit_armed: false,
        };
        s.rebuild();
        s
    }

    /// The server's idea of now.
    pub fn server_now(&self) -> DateTime<Utc> {
        self.now + self.skew
    }

    /// The board's layout, which paging and scrolling follow.
    pub fn layout(&self) -> Layout {
        layout::layout(self.width, self.height)
    }

    /// What is drawn: [`AppState::layout`], with the detail over the whole body when it is
    /// zoomed.
    pub fn screen_layout(&self) -> Layout {
        let l = self.layout();
        if self.detail_zoomed {
            l.detail_zoomed()
        } else {
            l
        }
    }

    pub fn selected_payout(&self) -> Option<Cow<'_, Payout>> {
        self.selected.and_then(|i| self.payouts.get(i))
    }

    /// Who I am, for deciding approvals (None when my user id is unknown).
    pub fn decider(&self) -> Option<Me<'_>> {
        self.me.as_deref().map(|user_id| Me {
            user_id,
            service_account: self.service_account,
        })
    }

    pub fn group_of(&self, index: usize) -> Option<Group> {
        self.payouts
            .entry(index)
            .map(|e| board::group_of_entry(&e, self.me.as_deref(), &self.approvals.awaiting_me))
    }

    /// Makes whole copies of the frozen payouts the screen shows (the rows in view and the
    /// selection), so rendering thaws nothing. `update` calls it after every message.
    pub fn keep_view(&mut self) {
        let rows = self.visible_rows();
        let in_view = self.board.rows[rows].iter().filter_map(|r| match r {
            board::Row::Item(i) => Some(*i),
            board::Row::Header { .. } => None,
        });
        let wanted: Vec<usize> = in_view.chain(self.selected).collect();
        self.payouts.keep_thawed(wanted);
    }

    /// Regroups, refilters and resorts; keeps the selection on the same payout when it is
    /// still listed, else the nearest row.
    pub fn rebuild(&mut self) {
        let opts = BoardOptions {
            finished_limit: self.settings.finished_limit,
            finished_collapsed: self.finished_collapsed,
            sort: self.sort,
        };
        let previous_row = self.selected.and_then(|i| self.board.row_of(i));
        let kept = self
            .keep_place
            .and_then(|i| place::of(&self.board, i).map(|p| (i, p)));
        self.board = board::build_named(
            &self.payouts,
            self.me.as_deref(),
            &self.approvals.awaiting_me,
            &self.names,
            &self.filter,
            &opts,
        );
        let still_there = self.selected.and_then(|i| self.board.row_of(i));
        if still_there.is_none() {
            let target = previous_row.unwrap_or(0);
            self.selected = self
                .board
                .item_rows()
                .find(|(row, _)| *row >= target)
                .or_else(|| self.board.item_rows().last())
                .map(|(_, i)| i);
        }
        if let Some((i, before)) = kept {
            self.stay_in_place(i, before);
        }
        self.clamp_scroll();
    }

    /// Keeps the selected row inside the visible window.
    pub fn clamp_scroll(&mut self) {
        let rows = self.layout().table_rows();
        let total = self.board.rows.len();
        if let Some(row) = self.selected.and_then(|i| self.board.row_of(i)) {
            // The group header just above the selection stays in view with it.
            let top = match row.checked_sub(1).and_then(|r| self.board.rows.get(r)) {
                Some(board::Row::Header { .. }) => row - 1,
                _ => row,
            };
            if top < self.scroll {
                self.scroll = top;
            } else if row >= self.scroll + rows {
                self.scroll = row + 1 - rows;
            }
        }
        self.scroll = self.scroll.min(total.saturating_sub(rows));
    }

    /// Board rows on screen now.
    pub fn visible_rows(&self) -> std::ops::Range<usize> {
        let rows = self.layout().table_rows();
        let end = (self.scroll + rows).min(self.board.rows.len());
        self.scroll.min(end)..end
    }

    pub fn next_op(&mut self) -> u64 {
        let op = self.next_op;
        self.next_op += 1;
        op
    }

    /// Shows `text` in the hint line for a few seconds and keeps it in the event log, so
    /// messages that arrive together are never lost to each other.
    pub fn flash(&mut self, level: Level, text: impl Into<String>) {
        let text = text.into();
        self.log.push(LogEntry {
            at: self.now,
            level,
            text: text.clone(),
        });
        if self.log.len() > LOG_CAP {
            self.log.remove(0);
        }
        if self.mode != Mode::Log {
            self.unread += 1;
        }
        self.flash = Some(Flash {
            text,
            level,
            // k9s keeps flashes 6 s; errors a little longer.
            until: self.now + Duration::seconds(if level == Level::Error { 10 } else { 6 }),
        });
    }

    /// Takes in wallet names. They are drawn from the state on the next frame; the rows
    /// change only when a filter may match the new names (`wallet:`, free text).
    pub fn learn_wallet_names<'a>(
        &mut self,
        wallets: impl IntoIterator<Item = &'a crate::dfns::model::Wallet>,
    ) {
        if self.names.learn_wallets(wallets) && !self.filter.is_empty() {
            self.rebuild();
        }
    }

    /// Inserts or replaces a payout, unless a newer read already holds it. Returns whether
    /// anything changed.
    pub fn upsert(&mut self, p: Payout, generation: u64) -> bool {
        self.payouts.upsert(p, generation)
    }
}

/// Whether to show the ⟳: only for a poll running a second or more. A quick poll drawing
/// and erasing it costs bytes over SSH every cycle for nothing anyone can read.
pub fn slow_poll(fresh: &Freshness, now: DateTime<Utc>) -> bool {
    fresh.polling
        && fresh
            .poll_started
            .is_some_and(|t| now - t >= Duration::seconds(1))
}

/// "updated 20s ago", coarse on purpose: over SSH, a status bar that changes every second
/// costs bytes for nothing while polls succeed every few seconds.
pub fn age_text(fresh: &Freshness, now: DateTime<Utc>) -> String {
    let Some(at) = fresh.last_ok else {
        return if fresh.polling {
            "loading…".into()
        } else {
            "no data yet".into()
        };
    };
    let secs = (now - at).num_seconds().max(0);
    match secs {
        0..10 => "updated just now".into(),
        10..60 => format!("updated {}s ago", secs / 10 * 10),
        60..3600 => format!("updated {}m ago", secs / 60),
        _ => format!("updated {}h ago", secs / 3600),
    }
}
