//! RENDERING ONLY: `render(&AppState, &mut Frame)` draws the dashboard from the state and
//! changes nothing — no I/O, no clock (time is `state.now`, corrected by `state.skew`).
//!
//! ```text
//! ┌ status: payouts-tui │ profile @ host │ READ-ONLY │ freshness │ / filter │ sort ─────────┐
//! │ board (table.rs): group headers + visible payout rows │ detail (detail.rs), beside    │
//! │                                                       │ the board from 140 columns,   │
//! │                                                       │ below it when narrower        │
//! └ hints (status_bar.rs): keys from ACTIONS, the flash, or the filter prompt ─────────────┘
//! ```
//! Popups (help.rs, dialog.rs, cancel.rs, decide.rs) draw over the board on a `Clear`ed
//! rectangle; the detail pane's approval section is approval.rs. The areas come from
//! `app::layout`, the same function `update` pages and scrolls with.

mod approval;
mod cancel;
mod columns;
mod decide;
mod detail;
mod dialog;
mod help;
mod log;
mod new_payout;
mod sort_pick;
mod status_bar;
mod summary;
mod table;
mod text;
mod theme;

pub use detail::{Hyperlink, explorer_url, hyperlink};
pub use text::{group_address, short_id};
pub use theme::Theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::layout::{self, Area, MIN_HEIGHT, MIN_WIDTH};
use crate::app::state::{AppState, Mode};

/// Draws the whole dashboard for `state` into `frame`.
pub fn render(state: &AppState, frame: &mut Frame) {
    let screen = frame.area();
    let theme = Theme::new(state.settings.color);
    let l = state.screen_layout();
    // The state's size drives paging; the frame is what exists. Too small by either: say so.
    if l.too_small || layout::layout(screen.width, screen.height).too_small {
        too_small(frame, screen);
        return;
    }
    // Layout areas are relative to the screen's origin (0,0 in the alternate screen).
    let rect = |a: Area| {
        let r = Rect::new(
            screen.x.saturating_add(a.x),
            screen.y.saturating_add(a.y),
            a.width,
            a.height,
        );
        text::clip(r, screen)
    };

    status_bar::render_status(state, frame, rect(l.status), theme);
    summary::render(state, frame, rect(l.summary), theme);
    table::render(state, frame, rect(l.table), theme);
    detail::render(state, frame, rect(l.detail), theme);
    status_bar::render_hints(state, frame, rect(l.hints), theme);

    let body = text::clip(
        Rect::new(
            screen.x,
            screen.y.saturating_add(1),
            screen.width,
            screen.height.saturating_sub(2),
        ),
        screen,
    );
    match &state.mode {
        // Help may cover the status and hint lines: it needs the rows.
        Mode::Help => help::render(state, frame, screen, theme),
        Mode::Log => log::render(state, frame, screen, theme),
        Mode::SortPick { cursor } => sort_pick::render(state, *cursor, frame, body, theme),
        Mode::Dialog(d) => dialog::render(state, d, frame, body, theme),
        Mode::NewPayout(f) => dialog::render_form(state, f, frame, body, theme),
        Mode::Board | Mode::Filter { .. } => {}
    }
}

/// The message shown instead of a board that would not fit.
fn too_small(frame: &mut Frame, screen: Rect) {
    let msg = format!(
        "terminal too small: need at least {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
        screen.width, screen.height
    );
    let w = usize::from(screen.width.max(1));
    // Word wrapping may need a row more than the plain division says.
    let rows = text::width(&msg).div_ceil(w) + usize::from(w < text::width(&msg));
    let rows = u16::try_from(rows)
        .unwrap_or(screen.height)
        .min(screen.height);
    let y = screen.y + (screen.height - rows) / 2;
    let area = text::clip(Rect::new(screen.x, y, screen.width, rows), screen);
    let p = Paragraph::new(Line::raw(msg).centered()).wrap(Wrap { trim: true });
    frame.render_widget(p, area);
}
