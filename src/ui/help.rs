//! The `?` overlay: every entry of `ACTIONS` with its keys and description, generated so it
//! cannot drift from the keymap. In read-only mode the dangerous ones say why they are off.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::{self, centered};
use super::theme::Theme;
use crate::app::action::{ACTIONS, ActionInfo};
use crate::app::state::AppState;

fn keys(info: &ActionInfo) -> String {
    info.keys
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join(", ")
}

fn entry(info: &ActionInfo, key_w: usize, read_only: Option<&str>, theme: Theme) -> Line<'static> {
    let k = keys(info);
    let pad = key_w.saturating_sub(text::width(&k));
    let mut spans = vec![Span::styled(k, theme.key()), Span::raw(" ".repeat(pad + 2))];
    match read_only {
        Some(why) if info.dangerous => {
            spans.push(Span::styled(info.description, theme.disabled()));
            spans.push(Span::styled(format!("  disabled: {why}"), theme.warning()));
        }
        _ => spans.push(Span::raw(info.description)),
    }
    Line::from(spans)
}

pub fn render(state: &AppState, frame: &mut Frame, area: Rect, theme: Theme) {
    let read_only = state.settings.read_only.as_deref();
    let key_w = ACTIONS
        .iter()
        .map(|i| text::width(&keys(i)))
        .max()
        .unwrap_or(0);
    let lines: Vec<Line> = ACTIONS
        .iter()
        .map(|i| entry(i, key_w, read_only, theme))
        .collect();
    let line_w = lines.iter().map(Line::width).max().unwrap_or(0);
    let line_w = u16::try_from(line_w).unwrap_or(u16::MAX);

    // One column when it fits the height, else two side by side.
    let n = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let avail_h = area.height.saturating_sub(2).max(1);
    let cols: u16 = if n <= avail_h { 1 } else { 2 };
    let per_col = n.div_ceil(cols);
    let w = (line_w.saturating_add(2))
        .saturating_mul(cols)
        .saturating_add(2);
    let popup = centered(area, w, per_col.saturating_add(2));
    let block = Block::bordered()
        .border_style(theme.popup_border(false))
        .title(Line::from(Span::styled(" Keys ", theme.app_name())))
        .title_bottom(Line::from(Span::styled(" any key closes ", theme.dim())).right_aligned());
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);

    let col_w = if cols == 1 {
        inner.width
    } else {
        inner.width / 2
    };
    let mut rest = lines;
    for c in 0..cols {
        let take = usize::from(per_col).min(rest.len());
        let chunk: Vec<Line> = rest.drain(..take).collect();
        let r = Rect::new(
            inner
                .x
                .saturating_add(c * col_w)
                .saturating_add(u16::from(c > 0)),
            inner.y,
            col_w.saturating_sub(u16::from(c > 0)),
            inner.height,
        );
        frame.render_widget(Paragraph::new(chunk), text::clip(r, inner));
    }
}
