//! The board: group headers and one line per payout, for the visible slice only.
//!
//! Drawn cell by cell rather than with ratatui's `Table`: a group header spans the whole
//! width, and the slice is exactly `state.visible_rows()` — the rows `update` pages and
//! scrolls by — so no widget-side scrolling may disagree with it. Columns drop by priority
//! as the terminal narrows: externalId first, then requester, age, network; id, amount,
//! status and time left always stay.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use super::text::{self, Align, put};
use super::theme::Theme;
use crate::app::board::{Group, Row};
use crate::app::countdown::{self, Urgency};
use crate::app::state::AppState;
use crate::dfns::model::{Payout, PayoutStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Id,
    Age,
    Amount,
    Network,
    Status,
    Left,
    Requester,
    External,
}

impl Col {
    /// Display order.
    const ALL: [Col; 8] = [
        Col::Id,
        Col::Age,
        Col::Amount,
        Col::Network,
        Col::Status,
        Col::Left,
        Col::Requester,
        Col::External,
    ];
    /// Optional columns, kept longest first: the last one drops first.
    const OPTIONAL: [Col; 4] = [Col::Network, Col::Age, Col::Requester, Col::External];

    fn title(self) -> &'static str {
        match self {
            Col::Id => "ID",
            Col::Age => "AGE",
            Col::Amount => "AMOUNT",
            Col::Network => "NETWORK",
            Col::Status => "STATUS",
            Col::Left => "LEFT",
            Col::Requester => "REQUESTER",
            Col::External => "EXTERNAL ID",
        }
    }

    fn align(self) -> Align {
        match self {
            Col::Amount | Col::Age => Align::Right,
            _ => Align::Left,
        }
    }
}

/// The width of the time-left column: "!! " plus "~23h 59m" right-aligned in 8.
const LEFT_W: u16 = 11;
const EXTERNAL_MIN: u16 = 11;

/// What one payout line shows, computed for visible rows only.
struct Cells {
    id: String,
    age: String,
    amount: String,
    network: String,
    status: String,
    status_unknown: bool,
    left: String,
    urgency: Option<Urgency>,
    requester: String,
    external: String,
    needs_me: bool,
}

fn cells(state: &AppState, index: usize, p: &Payout) -> Cells {
    let server_now = state.server_now();
    let exec = p.execution_status();
    let status_unknown = !p.status.is_known() || !exec.is_known();
    let status = match &p.status {
        PayoutStatus::Other(s) => format!("{s}: {exec}"),
        _ => exec.to_string(),
    };
    let (left, urgency) = match countdown::deadline(p) {
        Some(d) => {
            let remaining = countdown::remaining(&d, state.now, state.skew);
            let u = countdown::urgency(remaining);
            let shown = countdown::format_left(remaining, d.approximate);
            (
                format!("{:<2} {:>8}", Theme::urgency_marker(u), shown),
                Some(u),
            )
        }
        None => (format!("{:>11}", "—"), None),
    };
    Cells {
        id: text::short_id(&p.id),
        age: text::age(p, server_now),
        amount: text::amount(&p.asset),
        network: p.asset.network.to_string(),
        status,
        status_unknown,
        left,
        urgency,
        requester: text::requester(p, state.me.as_deref()),
        external: p.external_id.clone().unwrap_or_default(),
        needs_me: state.group_of(index) == Some(Group::NeedsMe),
    }
}

impl Cells {
    fn get(&self, c: Col) -> &str {
        match c {
            Col::Id => &self.id,
            Col::Age => &self.age,
            Col::Amount => &self.amount,
            Col::Network => &self.network,
            Col::Status => &self.status,
            Col::Left => &self.left,
            Col::Requester => &self.requester,
            Col::External => &self.external,
        }
    }
}

/// Column widths for `inner_w` cells, from what the visible rows hold; a dropped column is 0.
fn widths(rows: &[(usize, Cells)], inner_w: u16) -> [u16; 8] {
    let data = |c: Col, min: u16, max: u16| -> u16 {
        let w = rows
            .iter()
            .map(|(_, cells)| text::width(cells.get(c)))
            .max()
            .unwrap_or(0);
        u16::try_from(w).unwrap_or(max).clamp(min, max)
    };
    let mut w = [0u16; 8];
    w[Col::Id as usize] = data(Col::Id, 2, 14);
    w[Col::Age as usize] = 4;
    w[Col::Amount as usize] = data(Col::Amount, 6, 30);
    w[Col::Network as usize] = data(Col::Network, 7, 16);
    w[Col::Status as usize] = data(Col::Status, 6, 26);
    w[Col::Left as usize] = LEFT_W;
    w[Col::Requester as usize] = data(Col::Requester, 9, 14);
    w[Col::External as usize] = EXTERNAL_MIN;

    // Keep the longest prefix of OPTIONAL that fits (1 cell between columns).
    let required = [Col::Id, Col::Amount, Col::Status, Col::Left];
    let mut used: u16 = required.iter().map(|c| w[*c as usize] + 1).sum();
    let mut keep = 0;
    for c in Col::OPTIONAL {
        let need = w[c as usize] + 1;
        if used + need > inner_w.saturating_add(1) {
            break;
        }
        used += need;
        keep += 1;
    }
    for c in &Col::OPTIONAL[keep..] {
        w[*c as usize] = 0;
    }
    // The external id (free text) takes whatever is left.
    if w[Col::External as usize] > 0 {
        w[Col::External as usize] += inner_w.saturating_add(1).saturating_sub(used);
    }
    w
}

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
            Row::Item(i) => state.payouts.get(*i).map(|p| (k, cells(state, *i, p))),
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
            c.title(),
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
    let attention = group == Group::NeedsMe && count > 0;
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
        put(
            buf,
            x,
            line.y,
            cw,
            c.get(col),
            base.patch(cell_style),
            col.align(),
        );
        x = x.saturating_add(cw + 1);
        if x >= line.right() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(id: &str, amount: &str, network: &str, status: &str, external: &str) -> Cells {
        Cells {
            id: id.into(),
            age: "3h".into(),
            amount: amount.into(),
            network: network.into(),
            status: status.into(),
            status_unknown: false,
            left: "   ~23h 12m".into(),
            urgency: None,
            requester: "me".into(),
            external: external.into(),
            needs_me: false,
        }
    }

    #[test]
    fn columns_drop_in_priority_order_as_width_shrinks() {
        let rows = vec![(
            0,
            cells(
                "pyt-4ihii…mb5h",
                "1,000.00 USDC",
                "Polygon",
                "AwaitingPayoutConfirmation",
                "invoice-1",
            ),
        )];
        let shown = |inner: u16| {
            let w = widths(&rows, inner);
            Col::ALL
                .into_iter()
                .filter(|c| w[*c as usize] > 0)
                .collect::<Vec<_>>()
        };
        let required = [Col::Id, Col::Amount, Col::Status, Col::Left];
        let mut previous = Col::ALL.len();
        for inner in (1..=250u16).rev() {
            let cols = shown(inner);
            for c in required {
                assert!(cols.contains(&c), "{inner}: {c:?} missing");
            }
            // Optional columns present are always a prefix of the priority list.
            let optional: Vec<Col> = cols
                .iter()
                .copied()
                .filter(|c| !required.contains(c))
                .collect();
            assert_eq!(optional, Col::OPTIONAL[..optional.len()], "{inner}");
            assert!(
                cols.len() <= previous,
                "{inner}: a column came back while narrowing"
            );
            previous = cols.len();
        }
        assert_eq!(shown(198).len(), 8);
        assert_eq!(
            shown(78),
            vec![Col::Id, Col::Amount, Col::Network, Col::Status, Col::Left]
        );
        assert_eq!(
            shown(70),
            vec![Col::Id, Col::Amount, Col::Status, Col::Left]
        );
    }
}
