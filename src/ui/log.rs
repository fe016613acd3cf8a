//! The event log overlay (`L`): every flash of the session — alerts and action outcomes —
//! newest first, with its time, so messages that arrived together are all still there.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::text::{self, centered};
use super::theme::Theme;
use crate::app::state::AppState;

pub fn render(state: &AppState, frame: &mut Frame, area: Rect, theme: Theme) {
    let w = area.width.saturating_sub(4).min(120);
    let h = area.height.saturating_sub(2);
    let popup = centered(area, w, h);
    let block = Block::bordered()
        .border_style(theme.popup_border(false))
        .title(Line::from(Span::styled(
            format!(" Event log · {} ", state.log.len()),
            theme.app_name(),
        )))
        .title_bottom(Line::from(Span::styled(" any key closes ", theme.dim())).right_aligned());
    let lines: Vec<Line> = if state.log.is_empty() {
        vec![Line::styled(
            "nothing yet: alerts and action outcomes land here",
            theme.dim(),
        )]
    } else {
        state
            .log
            .iter()
            .rev()
            .map(|e| {
                Line::from(vec![
                    Span::styled(e.at.format("%H:%M:%S ").to_string(), theme.dim()),
                    Span::styled(e.text.clone(), theme.flash(e.level)),
                ])
            })
            .collect()
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(text::safe_lines(lines))
            .block(block)
            .wrap(Wrap { trim: false }),
        popup,
    );
}
