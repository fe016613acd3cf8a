//! The board: group headers and one line per payout, for the visible slice only.
//!
//! Drawn cell by cell rather than with ratatui's `Table`: a group header spans the whole
//! width, and the slice is exactly `state.visible_rows()` — the rows `update` pages and
//! scrolls by — so no widget-side scrolling may disagree with it. Which columns show is
//! decided in `columns.rs`.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use super::columns::{Cells, Col, cells, widths};
use super::text::{Align, put};
use super::theme::Theme;
use crate::app::board::{Group, Row};
use crate::app::state::AppState;

pub fn render(state: &AppState, frame: &mut Frame, area: Rect, theme: Theme) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let visible = state.visible_rows();
    let total_rows = state.board.rows.len();
    let matching: usize = state.board.counts.iter().sum();
    let title = if state.filter.is_empty() {
        format!(" Payouts · {} ", state.payouts.len())
    } else {
        format!(" Payouts · {matching} of {} match ", state.payouts.len())
    };
    let mut block = Block::bordered()
        .border_type(BorderType::Plain)
        .border_style(theme.border(false))
        .title(Line::from(Span::styled(title, theme.app_name())));
    if visible.start > 0 {
        block = block.title(Line::from(format!(" ↑ {} above ", visible.start)).right_aligned());
    }
    if visible.end < total_rows {
        let more = total_rows - visible.end;
        block = block.title_bottom(Line::from(format!(" ↓ {more} more ")).right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }

    let rows: Vec<(usize, Cells)> = state.board.rows[visible.clone()]
        .iter()
        .enumerate()
        .filter_map(|(k, row)| match row {
            Row::Item(i) => state.payouts.get(*i).map(|p| (k, cells(state, *i, &p))),
            Row::Header { .. } => None,
        })
        .collect();
    let w = widths(&rows, inner.width);
    let buf = frame.buffer_mut();

    // Column titles.
    let mut x = inner.x;
    for c in Col::ALL {
        let cw = w[c as usize];
        if cw == 0 {
            continue;
        }
        put(
            buf,
            x,
            inner.y,
            cw,
            &c.header(state.sort, cw),
            theme.column_header(),
            c.align(),
        );
        x = x.saturating_add(cw + 1);
    }

    let body_top = inner.y + 1;
    let mut items = rows.iter().peekable();
    let mut drawn = 0u16;
    for (k, row) in state.board.rows[visible].iter().enumerate() {
        let Ok(dy) = u16::try_from(k) else { break };
        let y = body_top.saturating_add(dy);
        if y >= inner.bottom() {
            break;
        }
        drawn = dy + 1;
        let line = Rect::new(inner.x, y, inner.width, 1);
        match row {
            Row::Header {
                group,
                count,
                shown,
                collapsed,
            } => {
                header(buf, line, *group, *count, *shown, *collapsed, theme);
            }
            Row::Item(i) => {
                let Some((_, c)) = items.next_if(|(rk, _)| *rk == k) else {
                    continue;
                };
                let selected = state.selected == Some(*i);
                item(buf, line, c, &w, selected, theme);
            }
        }
    }

    if matching == 0 {
        let y = body_top.saturating_add(drawn);
        if y < inner.bottom() {
            let why = if !state.payouts.is_empty() {
                "no payout matches the filter (Esc clears it)"
            } else if state.fresh.last_ok.is_none() {
                "loading payouts…"
            } else {
                "no payouts yet"
            };
            put(
                buf,
                inner.x + 2,
                y,
                inner.width.saturating_sub(2),
                why,
                theme.dim(),
                Align::Left,
            );
        }
    }
}

fn header(
    buf: &mut Buffer,
    line: Rect,
    group: Group,
    count: usize,
    shown: usize,
    collapsed: bool,
    theme: Theme,
) {
    let counts = if !collapsed && shown < count {
        format!("{shown}/{count}")
    } else {
        count.to_string()
    };
    let mut text = format!("▸ {} ({counts})", group.title());
    if collapsed {
        text.push_str(" [collapsed · f expands]");
    } else if shown < count {
        text.push_str(" newest shown");
    } else if group == Group::NeedsMe && count == 0 {
        text.push_str(" · nothing waits on you");
    }
    let attention = matches!(group, Group::NeedsMe | Group::AwaitingMyApproval) && count > 0;
    put(
        buf,
        line.x,
        line.y,
        line.width,
        &text,
        theme.group_header(attention),
        Align::Left,
    );
}

fn item(buf: &mut Buffer, line: Rect, c: &Cells, w: &[u16; 8], selected: bool, theme: Theme) {
    let mut base = Style::new();
    if c.needs_me {
        base = base.patch(theme.needs_me());
    }
    if selected {
        base = base.patch(theme.selected());
    }
    buf.set_style(line, base);
    let mut x = line.x;
    for col in Col::ALL {
        let cw = w[col as usize];
        if cw == 0 {
            continue;
        }
        let cell_style = match col {
            Col::Left => c.urgency.map(|u| theme.countdown(u)).unwrap_or_default(),
            Col::Status if c.status_unknown => theme.unknown_value(),
            _ => Style::new(),
        };
        let value = match col {
            Col::Left => c.left_for(cw),
            _ => c.get(col),
        };
        put(
            buf,
            x,
            line.y,
            cw,
            value,
            base.patch(cell_style),
            col.align(),
        );
        x = x.saturating_add(cw + 1);
        if x >= line.right() {
            break;
        }
    }
}
