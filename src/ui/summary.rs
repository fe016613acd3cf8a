//! The summary line, always on screen under the status line: every group with its count
//! (whatever the filter), the deadline that comes first, and how many payouts failed, were
//! rejected or expired in the last 24 hours. The widest form that fits is drawn; the
//! narrowest fits 80 columns with every group named.

use chrono::Duration;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text;
use super::theme::Theme;
use crate::app::board::Group;
use crate::app::countdown;
use crate::app::state::AppState;

/// How far back the failures are counted.
pub const RECENT_HOURS: i64 = 24;

/// How the summary is worded, widest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Wide,
    Narrow,
    /// Group names cut to a few letters.
    Tiny,
    /// And the last day's failures as one sum.
    Tiniest,
}

const FORMS: [Form; 4] = [Form::Wide, Form::Narrow, Form::Tiny, Form::Tiniest];

pub fn render(state: &AppState, frame: &mut Frame, area: Rect, theme: Theme) {
    let width = usize::from(area.width);
    let line = FORMS
        .into_iter()
        .map(|f| line(state, theme, f))
        .find(|l| l.width() <= width)
        .unwrap_or_else(|| line(state, theme, Form::Tiniest));
    // Straight into the buffer: a `Paragraph` re-segments the line on every frame, and this
    // one is drawn on every frame.
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &text::safe_line(line), area.width);
}

/// A group's name in `form`.
fn name(g: Group, form: Form) -> &'static str {
    match form {
        Form::Wide | Form::Narrow => g.short(),
        Form::Tiny | Form::Tiniest => g.tiny(),
    }
}

fn line(state: &AppState, theme: Theme, form: Form) -> Line<'static> {
    let b = &state.board;
    let sep = if form == Form::Wide { " · " } else { " " };
    let mut spans = Vec::new();
    for g in Group::ALL {
        let n = b.totals[g.index()];
        if g == Group::Unknown && n == 0 {
            continue;
        }
        if !spans.is_empty() {
            spans.push(Span::styled(sep, theme.dim()));
        }
        let style = match g {
            Group::NeedsMe | Group::AwaitingMyApproval if n > 0 => theme.warning(),
            _ => Style::new(),
        };
        spans.push(Span::styled(format!("{} ", name(g, form)), theme.dim()));
        spans.push(Span::styled(n.to_string(), style));
    }

    spans.push(Span::styled(" │ ", theme.dim()));
    spans.extend(next_deadline(state, theme, form));

    spans.push(Span::styled(" │ ", theme.dim()));
    let since = (state.server_now() - Duration::hours(RECENT_HOURS)).timestamp_millis();
    let counts = [0, 1, 2].map(|k| b.ended_since(k, since));
    let bad = |n: usize| if n > 0 { theme.warning() } else { Style::new() };
    if form == Form::Tiniest {
        let n: usize = counts.iter().sum();
        spans.push(Span::styled(
            format!("{RECENT_HOURS}h ended badly "),
            theme.dim(),
        ));
        spans.push(Span::styled(n.to_string(), bad(n)));
    } else {
        let (head, words) = match form {
            Form::Wide => (
                format!("{RECENT_HOURS} h: "),
                ["failed", "rejected", "expired"],
            ),
            _ => (format!("{RECENT_HOURS}h "), ["fail", "rej", "exp"]),
        };
        spans.push(Span::styled(head, theme.dim()));
        for (k, (word, n)) in words.iter().zip(counts).enumerate() {
            if k > 0 {
                spans.push(Span::raw(" "));
            }
            let shown = match form {
                Form::Wide => format!("{n} {word}"),
                _ => format!("{word} {n}"),
            };
            spans.push(Span::styled(shown, bad(n)));
        }
    }
    Line::from(spans)
}

/// "next: confirm !! ~6m 56s" (narrow: "next !!~6m 56s"), or that nothing runs out.
fn next_deadline(state: &AppState, theme: Theme, form: Form) -> Vec<Span<'static>> {
    let deadline = state
        .board
        .next_deadline
        .and_then(|i| state.payouts.get(i))
        .and_then(|p| countdown::deadline(&p));
    let Some(d) = deadline else {
        return vec![Span::styled(
            if form == Form::Wide {
                "next: no deadline"
            } else {
                "next -"
            },
            theme.dim(),
        )];
    };
    let left = countdown::remaining(&d, state.now, state.skew);
    let urgency = countdown::urgency(left);
    let marker = Theme::urgency_marker(urgency);
    let time = countdown::format_left_coarse(left, d.approximate);
    let style = theme.countdown(urgency);
    match form {
        Form::Wide | Form::Narrow => vec![
            Span::styled(format!("next: {} ", d.kind.label()), theme.dim()),
            Span::styled(
                if marker.is_empty() {
                    time
                } else {
                    format!("{marker} {time}")
                },
                style,
            ),
        ],
        Form::Tiny | Form::Tiniest => vec![
            Span::styled("next ", theme.dim()),
            Span::styled(format!("{marker}{time}"), style),
        ],
    }
}
