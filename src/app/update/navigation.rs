//! Moving around the board, filter, sort, copy.

use crate::app::action::{Action, Popup, PopupAction, popup_action};
use crate::app::board::{Filter, Row, SortKey};
use crate::app::display::short_address;
use crate::app::effect::Effect;
use crate::app::msg::TextKey;
use crate::app::safety::address_problem;
use crate::app::state::{AppState, Level, Mode};
use crate::app::term::TMUX_CLIPBOARD_FIX;

fn current_row(s: &AppState) -> Option<usize> {
    s.selected.and_then(|i| s.board.row_of(i))
}

/// Selects the item at `row`, or the nearest item after it, or before it.
fn select_near(s: &mut AppState, row: usize, forward: bool) {
    let items: Vec<(usize, usize)> = s.board.item_rows().collect();
    let pick = if forward {
        items.iter().find(|(r, _)| *r >= row).or(items.last())
    } else {
        items
            .iter()
            .rev()
            .find(|(r, _)| *r <= row)
            .or(items.first())
    };
    if let Some(&(_, i)) = pick
        && s.selected != Some(i)
    {
        s.selected = Some(i);
        s.detail_scroll = 0;
    }
    s.clamp_scroll();
}

pub fn act(s: &mut AppState, action: Action) -> Vec<Effect> {
    // With the detail pane focused, moving keys scroll it (it is short on small terminals).
    if s.detail_focused {
        let page = s.screen_layout().detail.height.saturating_sub(2).max(1);
        let scroll = match action {
            Action::Down => Some(s.detail_scroll.saturating_add(1)),
            Action::Up => Some(s.detail_scroll.saturating_sub(1)),
            Action::PageDown => Some(s.detail_scroll.saturating_add(page)),
            Action::PageUp => Some(s.detail_scroll.saturating_sub(page)),
            Action::Top => Some(0),
            _ => None,
        };
        if let Some(v) = scroll {
            // The renderer stops at the last line; this only bounds runaway presses.
            s.detail_scroll = v.min(200);
            return vec![];
        }
    }
    let row = current_row(s).unwrap_or(0);
    let page = s.layout().table_rows();
    let last = s.board.rows.len().saturating_sub(1);
    match action {
        Action::Down => select_near(s, row + 1, true),
        Action::Up => select_near(s, row.saturating_sub(1), false),
        Action::Top => {
            s.scroll = 0;
            select_near(s, 0, true);
        }
        Action::Bottom => select_near(s, last, false),
        Action::PageDown => select_near(s, (row + page).min(last), true),
        Action::PageUp => select_near(s, row.saturating_sub(page), false),
        Action::NextGroup => {
            if let Some(h) = s.board.next_header(row) {
                select_near(s, h, true);
            }
        }
        Action::PrevGroup => {
            // The header of the current group, then the one before it.
            let headers: Vec<usize> = s
                .board
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| matches!(r, Row::Header { .. }))
                .map(|(i, _)| i)
                .collect();
            let before: Vec<usize> = headers.into_iter().filter(|&h| h < row).collect();
            if let Some(&h) = before.iter().rev().nth(1).or(before.first()) {
                select_near(s, h, true);
            }
        }
        Action::FocusDetail => {
            s.detail_focused = !s.detail_focused;
        }
        Action::RawJson => {
            s.raw_json = !s.raw_json;
        }
        Action::ZoomDetail => {
            // Zoomed, the moving keys scroll the detail; back, they move the board again.
            s.detail_zoomed = !s.detail_zoomed;
            s.detail_focused = s.detail_zoomed;
        }
        Action::ToggleFinished => {
            s.finished_collapsed = !s.finished_collapsed;
            s.rebuild();
        }
        _ => {}
    }
    vec![]
}

/// `s`: the sort picker, on the order in use.
pub fn open_sort(s: &mut AppState) -> Vec<Effect> {
    let cursor = SortKey::ALL
        .iter()
        .position(|k| *k == s.sort.key)
        .unwrap_or(0);
    s.mode = Mode::SortPick { cursor };
    vec![]
}

/// A key in the sort picker (its table: `Popup::SortPick`).
pub fn sort_key(s: &mut AppState, cursor: usize, key: TextKey) -> Vec<Effect> {
    let last = SortKey::ALL.len() - 1;
    let chosen = SortKey::ALL.get(cursor).copied().unwrap_or_default();
    let pick = match popup_action(Popup::SortPick, key.key()) {
        Some(PopupAction::Up) => {
            s.mode = Mode::SortPick {
                cursor: cursor.checked_sub(1).unwrap_or(last),
            };
            return vec![];
        }
        Some(PopupAction::Down) => {
            s.mode = Mode::SortPick {
                cursor: if cursor >= last { 0 } else { cursor + 1 },
            };
            return vec![];
        }
        Some(PopupAction::Next) => s.sort.offered(chosen),
        Some(PopupAction::Reverse) => s.sort.offered(chosen).reversed(),
        Some(PopupAction::Quit) => {
            s.quit = true;
            return vec![];
        }
        Some(PopupAction::Close) => {
            s.mode = Mode::Board;
            return vec![];
        }
        _ => return vec![],
    };
    s.mode = Mode::Board;
    if pick != s.sort {
        s.sort = pick;
        s.rebuild();
    }
    s.flash(Level::Info, format!("sorted by {}", pick.describe()));
    vec![]
}

/// Esc: leave the full-screen detail, then the detail pane, then the raw view, then clear
/// the filter.
pub fn back(s: &mut AppState) -> Vec<Effect> {
    if s.detail_zoomed {
        s.detail_zoomed = false;
        s.detail_focused = false;
    } else if s.detail_focused {
        s.detail_focused = false;
    } else if s.raw_json {
        s.raw_json = false;
    } else if !s.filter.is_empty() {
        set_filter(s, String::new());
    }
    vec![]
}

pub fn set_filter(s: &mut AppState, text: String) {
    if s.filter.text() != text {
        s.filter = Filter::new(&text);
        s.rebuild();
    }
}

pub fn copy(s: &mut AppState) -> Vec<Effect> {
    let Some(p) = s.selected_payout() else {
        s.flash(Level::Warn, "no payout selected");
        return vec![];
    };
    // An address the money guard would refuse is not put on a clipboard either: pasted
    // elsewhere, its hidden characters would travel unseen.
    if let Some(a) = p.data.deposit_address.as_deref()
        && let Some(why) = address_problem(&p.asset.kind, &p.asset.network, a)
    {
        s.flash(Level::Error, format!("not copied: {why}"));
        return vec![];
    }
    let address = p.data.deposit_address.clone();
    match address {
        Some(a) => {
            // Said as it is: the address went out as OSC 52, which the terminal may ignore
            // and a multiplexer may drop. Then it is shown whole, to be selected by mouse
            // here or in the event log.
            match s.settings.multiplexer {
                None => s.flash(
                    Level::Info,
                    format!(
                        "sent deposit address {} to the terminal clipboard (OSC 52)",
                        short_address(&a)
                    ),
                ),
                Some(m) => s.flash(
                    Level::Warn,
                    format!(
                        "deposit address {a} sent to the terminal clipboard (OSC 52), which {} may drop: select it with the mouse ({TMUX_CLIPBOARD_FIX})",
                        m.name()
                    ),
                ),
            }
            vec![Effect::Copy(a)]
        }
        None => {
            s.flash(Level::Warn, "this payout has no deposit address yet");
            vec![]
        }
    }
}
