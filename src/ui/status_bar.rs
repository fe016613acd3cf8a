//! The top status line (who, where, how fresh) and the bottom hint line (what keys do now).
//! Hints come from `ACTIONS`, so they cannot drift from the keymap.
//!
//! Both lines are one row, so when the terminal is narrow the least useful parts go first:
//! the status line drops the sort, the app name, the filter, the host (never the profile,
//! the read-only badge or the freshness); the hint line drops entries from its end but
//! always keeps `? help`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text;
use super::theme::Theme;
use crate::app::action::{ACTIONS, Action, popup_hint};
use crate::app::state::{AppState, Mode, age_text};

const SEP: &str = " │ ";
const SEP_W: usize = 3;
/// The poll error keeps at least this many cells before other segments shorten.
const ERROR_MIN: usize = 32;

/// A part of the status line: its full and shortened forms (an empty form drops it) and how
/// long it survives narrowing (higher = longer).
struct Segment {
    forms: Vec<Vec<Span<'static>>>,
    keep: u8,
    chosen: usize,
}

impl Segment {
    fn new(keep: u8, forms: Vec<Vec<Span<'static>>>) -> Segment {
        Segment {
            forms,
            keep,
            chosen: 0,
        }
    }

    fn width(&self) -> usize {
        self.forms
            .get(self.chosen)
            .map_or(0, |f| f.iter().map(Span::width).sum())
    }
}

/// The app, the profile and host, and the read-only badge.
fn identity(state: &AppState, theme: Theme) -> Vec<Segment> {
    let s = &state.settings;
    let mut segs = vec![Segment::new(
        1,
        vec![
            vec![Span::styled("payouts-tui".to_owned(), theme.app_name())],
            vec![],
        ],
    )];
    let host = if s.api_host.is_empty() {
        "no API host"
    } else {
        s.api_host.as_str()
    };
    segs.push(Segment::new(
        4,
        vec![
            vec![Span::raw(format!("{} @ {host}", s.profile))],
            vec![Span::raw(s.profile.clone())],
        ],
    ));
    if s.read_only.is_some() {
        segs.push(Segment::new(
            9,
            vec![vec![Span::styled(
                " READ-ONLY ".to_owned(),
                theme.read_only_badge(),
            )]],
        ));
    }
    segs
}

/// How fresh the data is; when polls fail, the badge, and the error with its next step and
/// retry time (returned: it goes at the end of the line).
fn freshness(state: &AppState, theme: Theme, segs: &mut Vec<Segment>) -> Option<String> {
    let fresh = &state.fresh;
    let age = age_text(fresh, state.now);
    let spinner = if crate::app::state::slow_poll(fresh, state.now) {
        " ⟳"
    } else {
        ""
    };
    let Some(err) = &fresh.last_error else {
        let old = fresh.last_ok.is_some_and(|at| {
            let limit = chrono::Duration::from_std(state.settings.poll_interval * 2)
                .unwrap_or(chrono::Duration::MAX);
            state.now.signed_duration_since(at) > limit
        });
        let style = if old { theme.aging() } else { Style::new() };
        segs.push(Segment::new(
            9,
            vec![vec![Span::styled(age, style), Span::raw(spinner)]],
        ));
        return None;
    };
    let n = fresh.failures.max(1);
    let badge = format!(" STALE · poll failing ({n}×) · {age} ");
    segs.push(Segment::new(
        9,
        vec![vec![Span::styled(badge, theme.stale()), Span::raw(spinner)]],
    ));
    let mut text = format!(" {err}");
    if let Some(step) = &fresh.next_step {
        text.push_str(&format!(" — {step}"));
    }
    if let Some(at) = fresh.retry_at {
        let secs = at.signed_duration_since(state.now).num_seconds().max(0);
        text.push_str(&format!(" · retrying in {secs}s"));
    }
    Some(text)
}

/// The filter, the sort, unread events and unreadable items.
fn view_segments(state: &AppState, theme: Theme, segs: &mut Vec<Segment>) {
    if state.unread > 0 {
        let n = state.unread;
        segs.push(Segment::new(
            7,
            vec![
                vec![Span::styled(
                    format!("{n} new in the log (L)"),
                    theme.warning(),
                )],
                vec![Span::styled(format!("L:{n}"), theme.warning())],
            ],
        ));
    }
    if !state.filter.text().is_empty() {
        segs.push(Segment::new(
            3,
            vec![
                vec![Span::styled(
                    format!("/ {}", state.filter.text()),
                    theme.key(),
                )],
                vec![],
            ],
        ));
    }
    segs.push(Segment::new(
        2,
        vec![
            vec![Span::raw(format!("sort: {}", state.sort.describe()))],
            vec![Span::raw(format!(
                "sort: {} {}",
                state.sort.key.label(),
                state.sort.arrow()
            ))],
            vec![],
        ],
    ));
    let n = state.fresh.malformed;
    if n > 0 {
        let plural = if n == 1 { "" } else { "s" };
        segs.push(Segment::new(
            5,
            vec![
                vec![Span::styled(
                    format!("{n} unreadable item{plural}"),
                    theme.warning(),
                )],
                vec![Span::styled(format!("{n} unreadable"), theme.warning())],
            ],
        ));
    }
}

pub fn render_status(state: &AppState, frame: &mut Frame, area: Rect, theme: Theme) {
    let mut segs = identity(state, theme);
    let error = freshness(state, theme, &mut segs);
    view_segments(state, theme, &mut segs);
    // Shorten the least-kept segment with a shorter form until the line (plus room for the
    // error) fits.
    let avail = usize::from(area.width);
    let want_error = error
        .as_deref()
        .map_or(0, |e| text::width(e).min(ERROR_MIN));
    loop {
        let used: usize = segs
            .iter()
            .filter(|g| g.width() > 0)
            .map(|g| g.width() + SEP_W)
            .sum();
        if used.saturating_sub(SEP_W) + want_error <= avail {
            break;
        }
        let Some(g) = segs
            .iter_mut()
            .filter(|g| g.chosen + 1 < g.forms.len())
            .min_by_key(|g| g.keep)
        else {
            break;
        };
        g.chosen += 1;
    }

    let mut spans = Vec::new();
    for g in segs.iter().filter(|g| g.width() > 0) {
        if !spans.is_empty() {
            spans.push(Span::styled(SEP, theme.dim()));
        }
        spans.extend(g.forms[g.chosen].iter().cloned());
    }
    if let Some(e) = error {
        spans.push(Span::styled(e, theme.error()));
    }
    // Straight into the buffer (see `summary`): a `Paragraph` re-segments it every frame.
    frame.buffer_mut().set_line(
        area.x,
        area.y,
        &text::safe_line(Line::from(spans)),
        area.width,
    );
}

pub fn render_hints(state: &AppState, frame: &mut Frame, area: Rect, theme: Theme) {
    let line = if let Mode::Filter { input } = &state.mode {
        Line::from(vec![
            Span::styled("/ ", theme.key()),
            Span::raw(input.clone()),
            Span::raw("▏"),
            Span::styled(
                "   Enter keeps · Esc clears · ! inverts · status: exec: net: token: wallet: \
                 requester: me amount>N",
                theme.dim(),
            ),
        ])
    } else if let Some(f) = &state.flash {
        Line::from(Span::styled(f.text.clone(), theme.flash(f.level)))
    } else if let Some(keys) = popup_keys(&state.mode) {
        Line::from(Span::styled(keys, theme.dim()))
    } else {
        hints(state, usize::from(area.width), theme)
    };
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &text::safe_line(line), area.width);
}

/// While a popup has the keys the board's hints would mislead: say what keys do there —
/// from the popup's key table, the one `update` decides with.
fn popup_keys(mode: &Mode) -> Option<String> {
    mode.popup().map(popup_hint)
}

/// "c confirm  x cancel  / filter …"; disabled actions (`AppState::disabled`: read-only
/// mode, or a 403 this session) go last, dimmed, as "disabled (read-only): c confirm
/// x cancel  n new" — or "c x n disabled (read-only)" when that does not fit; "(not
/// permitted)" when only 403s turned them off (`?` and the key itself say why). Then
/// entries drop from the end to fit `width`, `? help` last.
fn hints(state: &AppState, width: usize, theme: Theme) -> Line<'static> {
    let why = if state.settings.read_only.is_some() {
        "read-only"
    } else {
        "not permitted"
    };
    let label = |a: Action| {
        let i = a.info();
        let key = i.keys.first().map(|k| k.label()).unwrap_or_default();
        (key, i.name)
    };
    let mut enabled: Vec<Action> = Vec::new();
    let mut disabled: Vec<Action> = Vec::new();
    for info in ACTIONS.iter().filter(|i| i.hint) {
        if state.disabled(info.action).is_some() {
            disabled.push(info.action)
        } else {
            enabled.push(info.action)
        }
    }
    let entry = |a: Action| {
        let (k, n) = label(a);
        format!("{k} {n}")
    };
    let enabled_w = |en: &[Action]| {
        let w: usize = en.iter().map(|a| text::width(&entry(*a)) + 2).sum();
        w.saturating_sub(2)
    };
    let disabled_text = if disabled.is_empty() {
        String::new()
    } else {
        let long: Vec<String> = disabled.iter().map(|a| entry(*a)).collect();
        let long = format!("disabled ({why}): {}", long.join("  "));
        if enabled_w(&enabled) + SEP_W + text::width(&long) <= width {
            long
        } else {
            let keys: Vec<String> = disabled.iter().map(|a| label(*a).0).collect();
            format!("{} disabled ({why})", keys.join(" "))
        }
    };
    let disabled_w = if disabled_text.is_empty() {
        0
    } else {
        SEP_W + text::width(&disabled_text)
    };
    while enabled_w(&enabled) + disabled_w > width {
        let Some(pos) = enabled.iter().rposition(|a| *a != Action::Help) else {
            break;
        };
        enabled.remove(pos);
    }

    let mut spans = Vec::new();
    for a in enabled {
        let (key, name) = label(a);
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {name}")));
    }
    if !disabled_text.is_empty() {
        spans.push(Span::styled(SEP, theme.dim()));
        spans.push(Span::styled(disabled_text, theme.disabled()));
    }
    Line::from(spans)
}
