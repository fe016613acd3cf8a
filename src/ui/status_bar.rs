//! The top status line (who, where, how fresh) and the bottom hint line (what keys do now).
//! Hints come from `ACTIONS`, so they cannot drift from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::app::action::ACTIONS;
use crate::app::state::{AppState, Mode, age_text};

const SEP: &str = " │ ";

pub fn render_status(state: &AppState, frame: &mut Frame, area: Rect, theme: Theme) {
    let s = &state.settings;
    let fresh = &state.fresh;
    let mut spans: Vec<Span> = vec![Span::styled("payouts-tui", theme.app_name())];
    let push = |spans: &mut Vec<Span<'static>>, text: String, style: Style| {
        spans.push(Span::styled(SEP, theme.dim()));
        spans.push(Span::styled(text, style));
    };

    let host = if s.api_host.is_empty() {
        "no API host"
    } else {
        s.api_host.as_str()
    };
    push(&mut spans, format!("{} @ {host}", s.profile), Style::new());
    if s.read_only.is_some() {
        push(
            &mut spans,
            " READ-ONLY ".to_owned(),
            theme.read_only_badge(),
        );
    }

    let age = age_text(fresh, state.now);
    match &fresh.last_error {
        Some(err) => {
            let n = fresh.failures.max(1);
            push(
                &mut spans,
                format!(" STALE · {age} · poll failing ({n}×) "),
                theme.stale(),
            );
            spans.push(Span::styled(format!(" {err}"), theme.error()));
        }
        None => {
            let old = fresh.last_ok.is_some_and(|at| {
                let limit = chrono::Duration::from_std(s.poll_interval * 2)
                    .unwrap_or(chrono::Duration::MAX);
                state.now.signed_duration_since(at) > limit
            });
            push(
                &mut spans,
                age,
                if old { theme.aging() } else { Style::new() },
            );
        }
    }
    if fresh.polling {
        spans.push(Span::raw(" ⟳"));
    }
    if !state.filter.text().is_empty() {
        push(
            &mut spans,
            format!("/ {}", state.filter.text()),
            theme.key(),
        );
    }
    push(
        &mut spans,
        format!("sort: {}", state.sort.label()),
        Style::new(),
    );
    if fresh.malformed > 0 {
        let n = fresh.malformed;
        let text = format!("{n} unreadable item{}", if n == 1 { "" } else { "s" });
        push(&mut spans, text, theme.warning());
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn render_hints(state: &AppState, frame: &mut Frame, area: Rect, theme: Theme) {
    let line = if let Mode::Filter { input } = &state.mode {
        Line::from(vec![
            Span::styled("/ ", theme.key()),
            Span::raw(input.clone()),
            Span::raw("▏"),
            Span::styled("   Enter keeps · Esc clears · ! inverts", theme.dim()),
        ])
    } else if let Some(f) = &state.flash {
        Line::from(Span::styled(f.text.clone(), theme.flash(f.level)))
    } else {
        hints(state, theme)
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// "c confirm  x cancel  / filter …"; in read-only mode the dangerous ones go last, dimmed,
/// under "disabled (read-only):".
fn hints(state: &AppState, theme: Theme) -> Line<'static> {
    let read_only = state.settings.read_only.is_some();
    let mut spans = Vec::new();
    let mut disabled = Vec::new();
    for info in ACTIONS.iter().filter(|i| i.hint) {
        let key = info.keys.first().map(|k| k.label()).unwrap_or_default();
        if read_only && info.dangerous {
            disabled.push(format!("{key} {}", info.name));
            continue;
        }
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {}", info.name)));
    }
    if !disabled.is_empty() {
        spans.push(Span::styled(SEP, theme.dim()));
        spans.push(Span::styled(
            format!("disabled (read-only): {}", disabled.join("  ")),
            theme.disabled(),
        ));
    }
    Line::from(spans)
}
