//! Reading the dashboard back from the parsed screen text: the payouts table (rows, groups,
//! columns found from the header line), the detail pane, the table's title.

/// One payout row of the table as drawn.
#[derive(Debug, Clone)]
pub struct Row {
    /// The ID cell, possibly shortened with '…' in the middle.
    pub id_cell: String,
    pub status: String,
    pub external_id: String,
    /// The group header last seen above the row (None when it is scrolled off).
    pub group: Option<String>,
    pub line: String,
}

impl Row {
    /// True when this row shows payout `id` (whole, or shortened around a '…').
    pub fn is(&self, id: &str) -> bool {
        match self.id_cell.split_once('…') {
            Some((head, tail)) => {
                id.len() > head.len() + tail.len() && id.starts_with(head) && id.ends_with(tail)
            }
            None => self.id_cell == id,
        }
    }
}

fn chars(line: &str) -> Vec<char> {
    line.chars().collect()
}

/// The text of `line` from char column `from` up to `to` (or the end), trimmed.
fn cell(line: &[char], from: usize, to: Option<usize>) -> String {
    let end = to.unwrap_or(line.len()).min(line.len());
    if from >= end {
        return String::new();
    }
    line[from..end]
        .iter()
        .collect::<String>()
        .trim_matches(|c: char| c.is_whitespace() || c == '│')
        .to_owned()
}

fn column(header: &[char], name: &str) -> Option<usize> {
    let name: Vec<char> = name.chars().collect();
    header
        .windows(name.len())
        .position(|w| w == name.as_slice())
}

/// The table's rows, top to bottom, with their group. Empty when no table is drawn.
pub fn rows(screen: &str) -> Vec<Row> {
    let mut out = Vec::new();
    let mut lines = screen.lines().skip_while(|l| !l.starts_with("┌ Payouts"));
    if lines.next().is_none() {
        return out;
    }
    let mut group = None;
    let mut cols = None;
    for line in lines {
        if line.starts_with('└') {
            break;
        }
        let c = chars(line);
        if line.starts_with("│ID ") {
            cols = Some((
                column(&c, "STATUS"),
                column(&c, "LEFT"),
                column(&c, "EXTERNAL ID"),
            ));
        } else if let Some(h) = line.strip_prefix("│▸ ") {
            // "Needs my confirmation (8)": the name without the count.
            let name = h.rsplit_once(" (").map_or(h, |(n, _)| n);
            group = Some(name.trim().to_owned());
        } else if line.starts_with("│pyt-") {
            let Some((Some(status), left, ext)) = cols else {
                continue;
            };
            let status_cell = cell(&c, status, left);
            out.push(Row {
                id_cell: line
                    .trim_start_matches('│')
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
                status: status_cell
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_owned(),
                external_id: ext.map(|e| cell(&c, e, None)).unwrap_or_default(),
                group: group.clone(),
                line: line.to_owned(),
            });
        }
    }
    out
}

/// The row showing payout `id`, if it is on screen.
pub fn row_of(screen: &str, id: &str) -> Option<Row> {
    rows(screen).into_iter().find(|r| r.is(id))
}

/// The rows under the group header `group` (as far as they are on screen).
pub fn group_rows(screen: &str, group: &str) -> Vec<Row> {
    rows(screen)
        .into_iter()
        .filter(|r| r.group.as_deref() == Some(group))
        .collect()
}

/// The full id of the selected payout: the detail pane's title.
pub fn selected_id(screen: &str) -> Option<String> {
    screen.lines().find_map(|l| {
        let rest = l.strip_prefix("┌ pyt-")?;
        let id: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
        Some(format!("pyt-{id}"))
    })
}

/// The value of the first "label   value" line in a box (the detail pane or a dialog over
/// the board), e.g. "deposit to" or "to".
pub fn detail_value(screen: &str, label: &str) -> Option<String> {
    screen.lines().find_map(|l| {
        // The box's content is one '│'-delimited segment of the line.
        l.split('│').find_map(|seg| {
            let rest = seg.strip_prefix(label)?;
            // A label followed by spaces, not a longer word that starts the same.
            rest.starts_with("  ").then(|| rest.trim().to_owned())
        })
    })
}

/// The deposit address shown in the detail pane, without the grouping spaces.
pub fn deposit_address(screen: &str) -> Option<String> {
    detail_value(screen, "deposit to").map(|v| v.split_whitespace().collect())
}

/// The last 4 characters of `address` (what arms the confirm dialog).
pub fn last4(address: &str) -> String {
    let n = address.chars().count();
    address.chars().skip(n.saturating_sub(4)).collect()
}

/// The table's title, e.g. "Payouts · 62" or "Payouts · 3 of 62 match".
pub fn table_title(screen: &str) -> Option<String> {
    screen.lines().find_map(|l| {
        let rest = l.strip_prefix("┌ ")?;
        rest.starts_with("Payouts")
            .then(|| rest.split(" ─").next().unwrap_or(rest).trim().to_owned())
    })
}

/// "Payouts · 3 of 62 match" → Some((3, 62)); unfiltered → None.
pub fn match_counts(title: &str) -> Option<(usize, usize)> {
    let rest = title.strip_prefix("Payouts · ")?.strip_suffix(" match")?;
    let (n, total) = rest.split_once(" of ")?;
    Some((n.trim().parse().ok()?, total.trim().parse().ok()?))
}

#[test]
fn parses_a_drawn_table() {
    let screen = "\
payouts-tui │ demo
┌ Payouts · 3 of 62 match ────┐
│ID              AGE          AMOUNT NETWORK     STATUS                     LEFT        REQUESTER     EXTERNAL ID      │
│▸ Needs my confirmation (2)                                                                                           │
│pyt-61yyc…9i9u  23h  12,500.00 USDC Polygon     AwaitingPayoutConfirmation !!  ~6m 58s me            payroll-2026-11-…│
│pyt-rdd51…cvtx  22h   3,200.92 USDC Solana      AwaitingPayoutConfirmation     ~1h 24m me            vendor-acme-7731 │
│▸ Finished (1)                                                                                                        │
│pyt-q4t4o…0mwq  22h   4,400.29 USDC Polygon     Canceled                             — us-en4zt…iuim                  │
└──────┘
┌ pyt-61yyc-vspdo-1jrahciocwtx9i9u ─── v: raw JSON ┐
│deposit to     0x2ed4 45e6 03d7 118f                                                    │
";
    let r = rows(screen);
    assert_eq!(r.len(), 3);
    assert!(r[0].is("pyt-61yyc-vspdo-1jrahciocwtx9i9u"));
    assert!(!r[1].is("pyt-61yyc-vspdo-1jrahciocwtx9i9u"));
    assert_eq!(r[0].status, "AwaitingPayoutConfirmation");
    assert_eq!(r[1].external_id, "vendor-acme-7731");
    assert_eq!(r[2].status, "Canceled");
    assert_eq!(r[2].group.as_deref(), Some("Finished"));
    assert_eq!(r[2].external_id, "");
    assert_eq!(group_rows(screen, "Needs my confirmation").len(), 2);
    assert_eq!(
        selected_id(screen).as_deref(),
        Some("pyt-61yyc-vspdo-1jrahciocwtx9i9u")
    );
    assert_eq!(
        deposit_address(screen).as_deref(),
        Some("0x2ed445e603d7118f")
    );
    assert_eq!(last4("0x2ed445e603d7118f"), "118f");
    let title = table_title(screen).unwrap_or_default();
    assert_eq!(match_counts(&title), Some((3, 62)));
}
