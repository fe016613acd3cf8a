//! The `?` overlay: every entry of `ACTIONS` with its keys and description, generated so it
//! cannot drift from the keymap. In read-only mode the dangerous ones say why they are off.
//! Long entries wrap under their description (hanging indent), in one column when the
//! screen is tall enough, else two.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::{self, centered, wrap_hanging};
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

/// One entry as spans: keys padded to `key_w` + 2, then the description.
fn entry(
    info: &ActionInfo,
    key_w: usize,
    read_only: Option<&str>,
    theme: Theme,
) -> Vec<Span<'static>> {
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
    spans
}

fn wrapped(entries: &[Vec<Span<'static>>], indent: usize, w: usize) -> Vec<Line<'static>> {
    entries
        .iter()
        .flat_map(|e| wrap_hanging(e.clone(), indent, w))
        .collect()
}

pub fn render(state: &AppState, frame: &mut Frame, area: Rect, theme: Theme) {
    let read_only = state.settings.read_only.as_deref();
    let key_w = ACTIONS
        .iter()
        .map(|i| text::width(&keys(i)))
        .max()
        .unwrap_or(0);
    let indent = key_w + 2;
    let entries: Vec<Vec<Span>> = ACTIONS
        .iter()
        .map(|i| entry(i, key_w, read_only, theme))
        .collect();
    let line_w = entries
        .iter()
        .map(|e| e.iter().map(Span::width).sum::<usize>())
        .max()
        .unwrap_or(0);

    let max_inner = usize::from(area.width.saturating_sub(2)).max(1);
    let avail_h = usize::from(area.height.saturating_sub(2));
    let one_w = line_w.min(max_inner);
    let one = wrapped(&entries, indent, one_w);
    let two_w = (max_inner.saturating_sub(1) / 2).min(line_w);
    let columns: Vec<Vec<Line>> = if one.len() <= avail_h || two_w < indent + 16 {
        vec![one]
    } else {
        let (a, b) = entries.split_at(entries.len().div_ceil(2));
        vec![wrapped(a, indent, two_w), wrapped(b, indent, two_w)]
    };
    let col_w = if columns.len() == 1 { one_w } else { two_w };
    let h = columns.iter().map(Vec::len).max().unwrap_or(0);
    let n = columns.len();
    let popup_w = u16::try_from(col_w * n + (n - 1) + 2).unwrap_or(u16::MAX);
    let popup_h = u16::try_from(h + 2).unwrap_or(u16::MAX);
    let popup = centered(area, popup_w, popup_h);
    let block = Block::bordered()
        .border_style(theme.popup_border(false))
        .title(Line::from(Span::styled(" Keys ", theme.app_name())))
        .title_bottom(Line::from(Span::styled(" any key closes ", theme.dim())).right_aligned());
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);

    let col_w = u16::try_from(col_w).unwrap_or(u16::MAX);
    for (c, lines) in columns.into_iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(0);
        let x = inner
            .x
            .saturating_add(c.saturating_mul(col_w.saturating_add(1)));
        let r = text::clip(Rect::new(x, inner.y, col_w, inner.height), inner);
        frame.render_widget(Paragraph::new(lines), r);
    }
}
