//! The `?` overlay: every entry of `ACTIONS` (and the terminal edge's `EDGE_KEYS`) with its
//! keys and description, generated so it cannot drift from the keymap, then the legend of the LEFT column (its words and markers,
//! from `app::countdown` and the theme's markers). A disabled action (read-only mode, or
//! refused with 403 this session) says why it is off. Long entries wrap under their description (hanging indent), in one
//! column when the screen is tall enough, else two of about equal height; when even two do
//! not fit, the bottom border says so instead of losing the rest silently.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::{self, centered, wrap_hanging};
use super::theme::Theme;
use crate::app::action::{ACTIONS, ActionInfo, EDGE_KEYS};
use crate::app::countdown::{APPROXIMATE, DeadlineKind, Urgency};
use crate::app::state::AppState;

fn keys(info: &ActionInfo) -> String {
    info.keys
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `key` padded to `key_w` + 2 cells, then `rest`.
fn entry(key: String, key_w: usize, rest: Vec<Span<'static>>, theme: Theme) -> Vec<Span<'static>> {
    let pad = key_w.saturating_sub(text::width(&key));
    let mut spans = vec![
        Span::styled(key, theme.key()),
        Span::raw(" ".repeat(pad + 2)),
    ];
    spans.extend(rest);
    spans
}

/// An action's description; a disabled one (`AppState::disabled`) dimmed, with why.
fn action(info: &ActionInfo, state: &AppState, theme: Theme) -> Vec<Span<'static>> {
    match state.disabled(info.action) {
        Some(why) => vec![
            Span::styled(info.description, theme.disabled()),
            Span::styled(format!("  disabled: {why}"), theme.warning()),
        ],
        None => vec![Span::raw(info.description)],
    }
}

/// The LEFT column's words and markers, each with what it means.
fn legend() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = DeadlineKind::ALL
        .iter()
        .map(|k| (k.label().to_owned(), k.meaning()))
        .collect();
    out.push((
        APPROXIMATE.to_owned(),
        "approximate (the API sends no deadline)".to_owned(),
    ));
    out.push((
        Theme::urgency_marker(Urgency::Soon).to_owned(),
        Urgency::Soon.meaning(),
    ));
    out.push((
        Theme::urgency_marker(Urgency::Critical).to_owned(),
        format!(
            "{}; {}",
            Urgency::Critical.meaning(),
            Urgency::Overdue.meaning()
        ),
    ));
    out
}

/// Entries wrapped to `w` cells, each a block of lines that stays in one column.
fn wrapped(entries: &[Vec<Span<'static>>], indent: usize, w: usize) -> Vec<Vec<Line<'static>>> {
    entries
        .iter()
        .map(|e| wrap_hanging(e.clone(), indent, w))
        .collect()
}

/// Where to cut `blocks` into two columns: so the taller is as short as it can be, or, when
/// even that is taller than `avail_h`, so the first column is full (what is cut off is then
/// the end — the legend — never a key in the middle). Never right after `keep_with_next` (a
/// heading stays above what it heads).
fn split_point(blocks: &[Vec<Line<'static>>], keep_with_next: usize, avail_h: usize) -> usize {
    let total: usize = blocks.iter().map(Vec::len).sum();
    let mut best = (usize::MAX, blocks.len());
    let mut fill = 1;
    let mut first = 0;
    for (k, before) in blocks
        .iter()
        .enumerate()
        .take(blocks.len().saturating_sub(1))
    {
        first += before.len();
        let cut = k + 1;
        if k == keep_with_next {
            continue;
        }
        if first <= avail_h {
            fill = cut;
        }
        let taller = first.max(total - first);
        if taller < best.0 {
            best = (taller, cut);
        }
    }
    if best.0 <= avail_h { best.1 } else { fill }
}

pub fn render(state: &AppState, frame: &mut Frame, area: Rect, theme: Theme) {
    let legend = legend();
    let key_w = ACTIONS
        .iter()
        .map(|i| text::width(&keys(i)))
        .chain(legend.iter().map(|(k, _)| text::width(k)))
        .max()
        .unwrap_or(0);
    let indent = key_w + 2;
    let mut entries: Vec<Vec<Span>> = ACTIONS
        .iter()
        .map(|i| entry(keys(i), key_w, action(i, state, theme), theme))
        .collect();
    entries.extend(
        EDGE_KEYS
            .iter()
            .map(|e| entry(e.key.label(), key_w, vec![Span::raw(e.description)], theme)),
    );
    let heading = entries.len();
    entries.push(vec![Span::styled(
        "In the LEFT column",
        theme.column_header(),
    )]);
    entries.extend(
        legend
            .into_iter()
            .map(|(k, what)| entry(k, key_w, vec![Span::raw(what)], theme)),
    );
    let line_w = entries
        .iter()
        .map(|e| e.iter().map(Span::width).sum::<usize>())
        .max()
        .unwrap_or(0);

    let max_inner = usize::from(area.width.saturating_sub(2)).max(1);
    let avail_h = usize::from(area.height.saturating_sub(2));
    let one_w = line_w.min(max_inner);
    let one: Vec<Line> = wrapped(&entries, indent, one_w).concat();
    let two_w = (max_inner.saturating_sub(1) / 2).min(line_w);
    let columns: Vec<Vec<Line>> = if one.len() <= avail_h || two_w < indent + 16 {
        vec![one]
    } else {
        let mut blocks = wrapped(&entries, indent, two_w);
        let second = blocks.split_off(split_point(&blocks, heading, avail_h));
        vec![blocks.concat(), second.concat()]
    };
    let col_w = if columns.len() == 1 { one_w } else { two_w };
    let h = columns.iter().map(Vec::len).max().unwrap_or(0);
    let n = columns.len();
    let popup_w = u16::try_from(col_w * n + (n - 1) + 2).unwrap_or(u16::MAX);
    let popup_h = u16::try_from(h + 2).unwrap_or(u16::MAX);
    let popup = centered(area, popup_w, popup_h);
    let bottom = if h > avail_h {
        " more below: enlarge the terminal · any key closes "
    } else {
        " any key closes "
    };
    let block = Block::bordered()
        .border_style(theme.popup_border(false))
        .title(Line::from(Span::styled(" Keys ", theme.app_name())))
        .title_bottom(Line::from(Span::styled(bottom, theme.dim())).right_aligned());
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
        frame.render_widget(Paragraph::new(text::safe_lines(lines)), r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_names_every_marker_and_both_windows() {
        let keys: Vec<String> = legend().into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["confirm", "submit", "~", "!", "!!"]);
        let all = legend()
            .into_iter()
            .map(|(_, m)| m)
            .collect::<Vec<_>>()
            .join(" | ");
        for must in [
            "24 h",
            "4 h",
            "under 1 h",
            "under 10 min",
            "0s",
            "server decides",
        ] {
            assert!(all.contains(must), "{must:?} missing: {all}");
        }
    }

    #[test]
    fn columns_are_split_where_the_taller_is_shortest() {
        let block = |n: usize| vec![Line::from("x"); n];
        let blocks = vec![block(1), block(1), block(3), block(1), block(2)];
        // Cut before the third: 2 vs 6; before the fourth: 5 vs 3 → best.
        assert_eq!(split_point(&blocks, 99, 10), 3);
        // Never right after the heading (block 2 here): the next best cut.
        assert_eq!(split_point(&blocks, 2, 10), 2);
        // Too tall for two balanced columns of 4: the first is filled (2 rows fit; 5 not).
        assert_eq!(split_point(&blocks, 99, 4), 2);
        assert_eq!(split_point(&blocks, 99, 5), 3);
    }
}
