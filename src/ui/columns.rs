//! The board's columns: what each payout line shows and which columns fit the width.
//! Columns drop by priority as the terminal narrows: requester first, then externalId, age,
//! network, then the window's word in LEFT ("confirm ~6m" becomes "~6m"); id, amount, status
//! and time left always stay. The externalId (the ops' own handle, an invoice number) outranks
//! the requester, which is "me" on most rows and whose group already says when it is not.

use super::text::{self, Align};
use super::theme::Theme;
use crate::app::board::{Group, Sort, SortKey};
use crate::app::countdown::{self, DeadlineKind, Urgency};
use crate::app::state::AppState;
use crate::dfns::model::{Payout, PayoutStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
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
    pub const ALL: [Col; 8] = [
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
    const OPTIONAL: [Col; 4] = [Col::Network, Col::Age, Col::External, Col::Requester];

    pub fn title(self) -> &'static str {
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

    /// The column a sort key orders by, where the header shows the direction.
    pub fn of_sort(key: SortKey) -> Col {
        match key {
            SortKey::Urgency => Col::Left,
            SortKey::Created => Col::Age,
            SortKey::Amount => Col::Amount,
            SortKey::Network => Col::Network,
        }
    }

    /// The header of a column `w` cells wide: with the sort's ▲/▼ when it is the sorted one
    /// (the title cut by a cell rather than the mark lost).
    pub fn header(self, sort: Sort, w: u16) -> String {
        if Col::of_sort(sort.key) != self {
            return self.title().to_owned();
        }
        let room = usize::from(w).saturating_sub(1);
        let title: String = self.title().chars().take(room).collect();
        format!("{title}{}", sort.arrow())
    }

    /// Narrowest useful width of an optional column.
    fn min_width(self) -> u16 {
        match self {
            Col::Network => 7,
            Col::Age => 4,
            Col::Requester => 9,
            _ => EXTERNAL_MIN,
        }
    }

    pub fn align(self) -> Align {
        match self {
            Col::Amount | Col::Age => Align::Right,
            _ => Align::Left,
        }
    }
}

/// The width of the time-left column: "!! " plus "~23h 59m" right-aligned in 8.
const LEFT_W: u16 = 11;

/// The widest window word (`DeadlineKind::label`), which LEFT adds with a space when it fits.
fn label_w() -> u16 {
    let w = DeadlineKind::ALL
        .iter()
        .map(|k| text::width(k.label()))
        .max()
        .unwrap_or(0);
    u16::try_from(w).unwrap_or(0)
}
const EXTERNAL_MIN: u16 = 11;

/// What one payout line shows, computed for visible rows only.
pub struct Cells {
    pub id: String,
    pub age: String,
    pub amount: String,
    pub network: String,
    pub status: String,
    pub status_unknown: bool,
    /// Time left with its urgency marker: "!!  ~7m 00s".
    pub left: String,
    /// The same with the window's word: "!! confirm  ~7m 00s" (when the width allows).
    pub left_labeled: String,
    pub urgency: Option<Urgency>,
    pub requester: String,
    pub external: String,
    pub needs_me: bool,
}

pub fn cells(state: &AppState, index: usize, p: &Payout) -> Cells {
    let server_now = state.server_now();
    let exec = p.execution_status();
    let status_unknown = !p.status.is_known() || !exec.is_known();
    let status = match &p.status {
        PayoutStatus::Other(s) => format!("{s}: {exec}"),
        _ => exec.to_string(),
    };
    let label_w = usize::from(label_w());
    let (left, left_labeled, urgency) = match countdown::deadline(p) {
        Some(d) => {
            let remaining = countdown::remaining(&d, state.now, state.skew);
            let u = countdown::urgency(remaining);
            let shown = countdown::format_left(remaining, d.approximate);
            let marker = Theme::urgency_marker(u);
            (
                format!("{marker:<2} {shown:>8}"),
                format!("{marker:<2} {:<label_w$} {shown:>8}", d.kind.label()),
                Some(u),
            )
        }
        None => (
            format!("{:>11}", "—"),
            format!("{:>w$}", "—", w = 12 + label_w),
            None,
        ),
    };
    Cells {
        id: text::short_id(&p.id),
        age: text::age(p, server_now),
        amount: crate::app::display::amount(&p.asset),
        network: p.asset.network.to_string(),
        status,
        status_unknown,
        left,
        left_labeled,
        urgency,
        requester: text::requester(p, state.me.as_deref(), &state.names),
        external: p.external_id.clone().unwrap_or_default(),
        needs_me: matches!(
            state.group_of(index),
            Some(Group::NeedsMe | Group::AwaitingMyApproval)
        ),
    }
}

impl Cells {
    /// The LEFT cell for a column `width` wide: with the window's word when it fits.
    pub fn left_for(&self, width: u16) -> &str {
        if width > LEFT_W {
            &self.left_labeled
        } else {
            &self.left
        }
    }

    pub fn get(&self, c: Col) -> &str {
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
pub fn widths(rows: &[(usize, Cells)], inner_w: u16) -> [u16; 8] {
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
    // 20 holds "250,000,000.00 USDC"; a longer fallback ("… base units of …") is cut here
    // and read whole in the detail pane.
    w[Col::Amount as usize] = data(Col::Amount, 6, 20);
    w[Col::Network as usize] = data(Col::Network, 7, 16);
    w[Col::Status as usize] = data(Col::Status, 6, 26);
    w[Col::Left as usize] = LEFT_W;
    w[Col::Requester as usize] = data(Col::Requester, 9, 14);
    w[Col::External as usize] = EXTERNAL_MIN;

    // Keep the longest prefix of OPTIONAL that fits (1 cell between columns); the last one
    // kept may be narrowed down to its minimum (long values then end in "…").
    let required = [Col::Id, Col::Amount, Col::Status, Col::Left];
    let room = inner_w.saturating_add(1);
    let mut used: u16 = required.iter().map(|c| w[*c as usize] + 1).sum();
    // First the window's word in LEFT ("confirm ~6m"), when a visible row has a deadline:
    // which of the two deadlines a time counts matters more than the network.
    let labeled = rows.iter().any(|(_, c)| c.urgency.is_some());
    let word = label_w() + 1;
    if labeled && room.saturating_sub(used) >= word {
        w[Col::Left as usize] += word;
        used += word;
    }
    let mut keep = 0;
    for c in Col::OPTIONAL {
        let free = room.saturating_sub(used);
        let need = w[c as usize] + 1;
        if need > free {
            // A requester is a shortened id already: cut again it says nothing, so it
            // drops instead.
            if c != Col::Requester && free > c.min_width() {
                w[c as usize] = free - 1;
                used += free;
                keep += 1;
            }
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
            left_labeled: "   confirm ~23h 12m".into(),
            urgency: Some(Urgency::Normal),
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
            let kept = &Col::OPTIONAL[..optional.len()];
            assert!(
                optional.iter().all(|c| kept.contains(c)),
                "{inner}: {optional:?}"
            );
            assert!(
                cols.len() <= previous,
                "{inner}: a column came back while narrowing"
            );
            previous = cols.len();
        }
        assert_eq!(shown(198).len(), 8);
        assert_eq!(
            shown(86),
            vec![Col::Id, Col::Amount, Col::Network, Col::Status, Col::Left]
        );
        assert_eq!(
            shown(78),
            vec![Col::Id, Col::Amount, Col::Status, Col::Left]
        );
        assert_eq!(
            shown(70),
            vec![Col::Id, Col::Amount, Col::Status, Col::Left]
        );
    }

    #[test]
    fn a_requester_that_does_not_fit_whole_drops_rather_than_being_cut() {
        let mut row = cells(
            "pyt-4ihii…mb5h",
            "1,000.00 USDC",
            "Polygon",
            "AwaitingPayoutConfirmation",
            "invoice-2026-0412",
        );
        row.requester = "us-en4zt…iuim".into();
        let rows = vec![(0, row)];
        // Required 68 (with a gap past the end) + the word 8 + network 8 + age 5 +
        // external 12 = 101 cells of room (inner + 1); the requester needs 14 more.
        let req = |inner: u16| widths(&rows, inner)[Col::Requester as usize];
        assert_eq!(req(114), 13);
        for inner in 100..114 {
            assert_eq!(req(inner), 0, "{inner}: cut instead of dropped");
            assert!(widths(&rows, inner)[Col::External as usize] >= EXTERNAL_MIN);
        }
    }

    #[test]
    fn left_says_which_window_it_counts_until_the_width_is_too_narrow() {
        let row = cells(
            "pyt-4ihii…mb5h",
            "1,000.00 USDC",
            "Polygon",
            "AwaitingPayoutConfirmation",
            "invoice-1",
        );
        let rows = vec![(0, row)];
        let left = |inner: u16| widths(&rows, inner)[Col::Left as usize];
        // The required columns take 67 cells with the gaps between them; the word needs 8
        // more ("submit" is padded to "confirm"), before any optional column.
        assert_eq!(left(75), 19);
        assert_eq!(left(250), 19);
        assert_eq!(left(74), 11, "too narrow: the word drops, the time stays");
        assert_eq!(left(40), 11);
        let c = &rows[0].1;
        assert_eq!(c.left_for(19), "   confirm ~23h 12m");
        assert_eq!(c.left_for(11), "   ~23h 12m");
        // Without a deadline on screen the word takes no room.
        let mut none = cells("pyt-1", "1.00 USDC", "Polygon", "Completed", "");
        none.urgency = None;
        assert_eq!(widths(&[(0, none)], 250)[Col::Left as usize], 11);
    }
}
