//! The sort picker (`s`): every sort key with the direction Enter would sort it, the order
//! in use marked. Its keys are `Popup::SortPick`'s table, said in the hint bar.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::{self, centered};
use super::theme::Theme;
use crate::app::board::SortKey;
use crate::app::state::AppState;

pub fn render(state: &AppState, cursor: usize, frame: &mut Frame, area: Rect, theme: Theme) {
    let lines: Vec<Line> = SortKey::ALL
        .iter()
        .enumerate()
        .map(|(i, key)| {
            let offered = state.sort.offered(*key);
            let now = if state.sort.key == *key {
                "  (now)"
            } else {
                ""
            };
            let row = format!(
                "{} {:<9}{} {}{now}",
                if i == cursor { "▶" } else { " " },
                key.label(),
                offered.arrow(),
                key.words(offered.descending),
            );
            let style = if i == cursor {
                theme.selected()
            } else {
                theme.plain()
            };
            Line::from(Span::styled(row, style))
        })
        .collect();
    let inner_w = lines.iter().map(Line::width).max().unwrap_or(0) + 2;
    let w = u16::try_from(inner_w + 2).unwrap_or(u16::MAX);
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = centered(area, w, h);
    let block = Block::bordered()
        .border_style(theme.popup_border(false))
        .title(Line::from(Span::styled(" Sort by ", theme.app_name())));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(text::safe_lines(lines)).block(block), popup);
}
