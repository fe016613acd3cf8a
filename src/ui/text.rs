//! Text shared by the table, the detail pane and the dialogs, plus the one safe way to put a
//! string into a cell range (fits, pads, truncates with "…", never writes outside the buffer).

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::names::Names;
use crate::dfns::model::Payout;
use crate::dfns::text as escape;

/// Display width in cells (wide characters count 2).
pub fn width(s: &str) -> usize {
    Span::raw(s).width()
}

/// Short form of a Dfns id for the table: the prefix, the first random segment and the last 4
/// characters, e.g. `pyt-4ihii…mb5h`. Nine random characters (36^9 ≈ 10^14 values) keep it
/// unambiguous among any realistic number of payouts, and it starts with what `/` matches.
/// Ids of another shape are shown whole up to 14 characters, else first 9 + "…" + last 4.
pub fn short_id(id: &str) -> String {
    let n = id.chars().count();
    if n <= 14 {
        return id.to_owned();
    }
    let tail: String = id.chars().skip(n - 4).collect();
    let mut parts = id.splitn(3, '-');
    if let (Some(prefix), Some(first), Some(_)) = (parts.next(), parts.next(), parts.next())
        && !prefix.is_empty()
        && prefix.len() <= 4
        && first.len() == 5
    {
        return format!("{prefix}-{first}…{tail}");
    }
    let head: String = id.chars().take(9).collect();
    format!("{head}…{tail}")
}

/// An address in groups of 4 characters, counted from the END so the last group is exactly
/// what the confirm dialog asks to type; a `0x` prefix stays with the first group (EVM hex then
/// groups on nibble boundaries): `0x1234567890abcdef…5678` → `0x1234 5678 90ab … 5678`.
pub fn group_address(addr: &str) -> String {
    let (prefix, body) = match addr.strip_prefix("0x") {
        Some(rest) => ("0x", rest),
        None => ("", addr),
    };
    let chars: Vec<char> = body.chars().collect();
    let first = match chars.len() % 4 {
        0 => 4.min(chars.len()),
        r => r,
    };
    let mut out = String::with_capacity(addr.len() + addr.len() / 4 + 1);
    out.push_str(prefix);
    for (i, c) in chars.iter().enumerate() {
        if i >= first && (i - first) % 4 == 0 {
            out.push(' ');
        }
        out.push(*c);
    }
    out
}

/// Age since `dateCreated` by the server's clock: "45s", "12m", "3h", "2d"; "?" if unparseable.
pub fn age(p: &Payout, server_now: DateTime<Utc>) -> String {
    let Some(created) = p.date_created.instant() else {
        return "?".into();
    };
    let secs = server_now
        .signed_duration_since(created)
        .num_seconds()
        .max(0);
    match secs {
        0..60 => format!("{secs}s"),
        60..3600 => format!("{}m", secs / 60),
        3600..86400 => format!("{}h", secs / 3600),
        _ => format!("{}d", secs / 86400),
    }
}

/// "me", the requester's alias from the profile (`app::names`, escaped), a short user id, or
/// "?" when the payout names no requester.
pub fn requester(p: &Payout, me: Option<&str>, names: &Names) -> String {
    match p.requester_id() {
        Some(r) if Some(r) == me => "me".into(),
        Some(r) => names.user_shown(r).unwrap_or_else(|| short_id(r)),
        None => "?".into(),
    }
}

/// Word-wraps `spans` to `w` cells; continuation rows start `indent` cells in (a hanging
/// indent, so a wrapped description stays under itself). Styles follow their words; a word
/// wider than a row is left for the renderer to cut.
pub fn wrap_hanging(spans: Vec<Span<'static>>, indent: usize, w: usize) -> Vec<Line<'static>> {
    let indent = if w > indent + 8 { indent } else { 0 };
    let mut lines = Vec::new();
    let mut cur: Vec<Span<'static>> = Vec::new();
    let mut cur_w = 0;
    for span in spans {
        let style = span.style;
        for token in span.content.split_inclusive(' ') {
            let tw = width(token.trim_end());
            if cur_w + tw > w && cur_w > indent {
                lines.push(Line::from(std::mem::take(&mut cur)));
                cur.push(Span::raw(" ".repeat(indent)));
                cur_w = indent;
                if token.trim().is_empty() {
                    continue;
                }
            }
            cur.push(Span::styled(token.to_owned(), style));
            cur_w += width(token);
        }
    }
    if !cur.is_empty() {
        lines.push(Line::from(cur));
    }
    lines
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// `line` with every span through the one sanitizer (`dfns::text::escape`): server text
/// cannot drive the terminal or hide characters. Every widget's lines pass here (the
/// screen's text boundary); clean spans are kept as they are, without a copy.
pub fn safe_line(line: Line<'_>) -> Line<'_> {
    let Line {
        spans,
        style,
        alignment,
    } = line;
    Line {
        spans: spans.into_iter().map(safe_span).collect(),
        style,
        alignment,
    }
}

pub fn safe_span(span: Span<'_>) -> Span<'_> {
    if !escape::has_hidden(&span.content) {
        return span;
    }
    let content = escape::escape(&span.content).into_owned();
    Span::styled(content, span.style)
}

/// [`safe_line`] for every line.
pub fn safe_lines(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    lines.into_iter().map(safe_line).collect()
}

/// "label␣␣␣value": the label padded to `width` cells in the label style, then the value —
/// the row of the detail pane and of every dialog.
pub fn label_row(
    label: &str,
    width: usize,
    value: impl Into<String>,
    style: Style,
    label_style: Style,
) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label:<width$}"), label_style),
        Span::styled(value.into(), style),
    ])
}

/// Writes `text` into the `w` cells from `(x, y)`, aligned, cut with "…" when too long.
/// Anything outside `buf` is skipped, so odd sizes never panic. The text passes the
/// sanitizer first.
pub fn put(buf: &mut Buffer, x: u16, y: u16, w: u16, text: &str, style: Style, align: Align) {
    let text = &*escape::escape(text);
    let area = buf.area;
    if w == 0 || y < area.top() || y >= area.bottom() || x < area.left() || x >= area.right() {
        return;
    }
    let w = w.min(area.right() - x);
    let tw = width(text);
    if tw <= usize::from(w) {
        let pad = u16::try_from(usize::from(w) - tw).unwrap_or(0);
        let x0 = if align == Align::Right { x + pad } else { x };
        buf.set_stringn(x0, y, text, usize::from(w), style);
    } else {
        let (end, _) = buf.set_stringn(x, y, text, usize::from(w - 1), style);
        if end < area.right() {
            buf.set_stringn(end, y, "…", 1, style);
        }
    }
}

/// `r` cut to what lies inside `bounds` (an empty rect when they do not meet).
pub fn clip(r: Rect, bounds: Rect) -> Rect {
    let i = r.intersection(bounds);
    if i.width == 0 || i.height == 0 {
        Rect::new(bounds.x, bounds.y, 0, 0)
    } else {
        i
    }
}

/// A `w`×`h` rectangle centred in `area`, shrunk to fit.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_keep_prefix_first_segment_and_tail() {
        assert_eq!(
            short_id("pyt-4ihii-9lonb-tmhjo9bor4odmb5h"),
            "pyt-4ihii…mb5h"
        );
        assert_eq!(short_id("us-6b58p-r53sr-rlrd3l5cj3uc4ome"), "us-6b58p…4ome");
        assert_eq!(short_id("pyt-1"), "pyt-1");
        assert_eq!(short_id("abcdefghijklmnopqrstuvwxyz"), "abcdefghi…wxyz");
        assert_eq!(short_id(""), "");
    }

    #[test]
    fn addresses_group_from_the_end_so_the_last_group_is_the_arm_code() {
        assert_eq!(
            group_address("0x1234567890abcdef1234567890abcdef12345678"),
            "0x1234 5678 90ab cdef 1234 5678 90ab cdef 1234 5678"
        );
        assert_eq!(group_address("ABCDEFG"), "ABC DEFG");
        assert_eq!(group_address("0x"), "0x");
        assert_eq!(group_address(""), "");
        assert_eq!(group_address("abcd"), "abcd");
        let sol = "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV";
        assert_eq!(group_address(sol).replace(' ', ""), sol);
        assert!(group_address(sol).ends_with(" FLtV"));
    }

    #[test]
    fn hanging_wrap_keeps_continuations_under_the_description() {
        let spans = vec![
            Span::raw("c    "),
            Span::raw("confirm the selected payout now"),
        ];
        let lines: Vec<String> = wrap_hanging(spans, 5, 22)
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(
            lines,
            ["c    confirm the ", "     selected payout ", "     now"]
        );
        for l in &lines {
            assert!(width(l.trim_end()) <= 22, "{l:?}");
        }
    }

    #[test]
    fn put_truncates_with_an_ellipsis_and_never_leaves_the_buffer() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        put(&mut buf, 0, 0, 8, "abcdefghijk", Style::new(), Align::Left);
        assert_eq!(
            buf.content().iter().map(|c| c.symbol()).collect::<String>(),
            "abcdefg…"
        );
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        put(&mut buf, 0, 0, 8, "ab", Style::new(), Align::Right);
        assert_eq!(
            buf.content().iter().map(|c| c.symbol()).collect::<String>(),
            "      ab"
        );
        // Out of range: silently nothing.
        put(&mut buf, 3, 5, 8, "x", Style::new(), Align::Left);
        put(&mut buf, 9, 0, 8, "x", Style::new(), Align::Left);
        put(&mut buf, 6, 0, 8, "wxyz", Style::new(), Align::Left);
        assert_eq!(
            buf.content().iter().map(|c| c.symbol()).collect::<String>(),
            "      w…"
        );
    }
}
