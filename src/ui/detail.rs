//! The detail pane: everything about the selected payout, most actionable first (status,
//! time left, amount, where the money goes, the policy approval holding it), then
//! identities, provider data and every date as the API wrote it. `v` swaps it for the
//! payout's raw JSON.

use chrono::SecondsFormat;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use super::text;
use super::theme::Theme;
use crate::app::countdown::{self, DeadlineKind, Urgency};
use crate::app::state::AppState;
use crate::dfns::model::{Network, Payout};
use crate::dfns::text as escape;

/// Label column width.
pub(super) const LABEL: usize = 15;

/// The block explorer page of a transaction, for the terminal layer's OSC 8 hyperlink.
/// None for networks without a known explorer, and for a hash that is not plain
/// alphanumerics (it ends up inside an escape sequence, so nothing else may pass).
pub fn explorer_url(network: &Network, tx_hash: &str) -> Option<String> {
    if tx_hash.is_empty() || !tx_hash.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let base = match network {
        Network::Polygon => "https://polygonscan.com/tx/",
        Network::Ethereum => "https://etherscan.io/tx/",
        Network::Base => "https://basescan.org/tx/",
        Network::ArbitrumOne => "https://arbiscan.io/tx/",
        Network::Solana => "https://solscan.io/tx/",
        _ => return None,
    };
    Some(format!("{base}{tx_hash}"))
}

pub fn render(state: &AppState, frame: &mut Frame, area: Rect, theme: Theme) {
    let focused = state.detail_focused;
    let p = state.selected_payout();
    let p = p.as_deref();
    let title = match p {
        Some(p) => format!(" {} ", escape::escape(&p.id)),
        None => " Detail ".to_owned(),
    };
    let raw_hint = if state.raw_json {
        " raw JSON · v: fields "
    } else {
        " v: raw JSON "
    };
    let zoom_hint = if state.detail_zoomed {
        "· z/Esc: back "
    } else {
        "· z: full screen "
    };
    // The payout's id comes first: the zoom key is named only where it fits beside it whole.
    let room = usize::from(area.width).saturating_sub(2);
    let hint = if text::width(&title) + text::width(raw_hint) + text::width(zoom_hint) <= room {
        format!("{raw_hint}{zoom_hint}")
    } else {
        raw_hint.to_owned()
    };
    let block = Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(theme.border(focused))
        .title(Line::from(Span::styled(title, theme.app_name())))
        .title(Line::from(Span::styled(hint, theme.dim())).right_aligned());
    let lines = match p {
        None => vec![Line::styled("no payout selected", theme.dim())],
        Some(p) if state.raw_json => raw_json(p),
        Some(p) => fields(state, p, theme),
    };
    // Never scroll past the end: keep at least the last line in view.
    let scroll = state
        .detail_scroll
        .min(u16::try_from(lines.len().saturating_sub(1)).unwrap_or(u16::MAX));
    frame.render_widget(
        Paragraph::new(text::safe_lines(lines))
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

/// Where the transaction hash of the selected payout stands on screen, whole on one row,
/// and its explorer URL: the terminal edge writes it again there as an OSC 8 hyperlink
/// after the frame. (Not inside a cell: ratatui measures a cell's symbol as printable
/// text, so an escape sequence in one would make it skip the cells after it.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hyperlink {
    pub x: u16,
    pub y: u16,
    pub text: String,
    pub url: String,
}

pub fn hyperlink(state: &AppState, buf: &ratatui::buffer::Buffer) -> Option<Hyperlink> {
    if !state.settings.hyperlinks || state.raw_json {
        return None;
    }
    let p = state.selected_payout()?;
    let p = &*p;
    let hash = p.data.transaction_hash.as_deref()?;
    let url = explorer_url(&p.asset.network, hash)?;
    let l = state.screen_layout();
    if l.too_small {
        return None;
    }
    let area = Rect::new(l.detail.x, l.detail.y, l.detail.width, l.detail.height);
    let (x, y) = find_cells(buf, area, hash)?;
    Some(Hyperlink {
        x,
        y,
        text: hash.to_owned(),
        url,
    })
}

/// Where `text` (ASCII) stands whole on one row of `area`, found cell by cell — a wide or
/// multi-byte character before it (the border's `│`) must not shift it.
fn find_cells(buf: &ratatui::buffer::Buffer, area: Rect, text: &str) -> Option<(u16, u16)> {
    let area = area.intersection(buf.area);
    let want: Vec<char> = text.chars().collect();
    let n = u16::try_from(want.len()).ok()?;
    if n == 0 || !text.is_ascii() || n > area.width {
        return None;
    }
    for y in area.top()..area.bottom() {
        let at = |x0: u16| {
            want.iter().enumerate().all(|(k, c)| {
                let mut tmp = [0u8; 4];
                buf[(x0 + k as u16, y)].symbol() == c.encode_utf8(&mut tmp)
            })
        };
        if let Some(x) = (area.left()..=area.right() - n).find(|&x| at(x)) {
            return Some((x, y));
        }
    }
    None
}

fn raw_json(p: &Payout) -> Vec<Line<'static>> {
    // Escaped as JSON (`\u202e`), so the view stays valid JSON and shows the odd character.
    match serde_json::to_string_pretty(p).map(escape::escape_json) {
        Ok(json) => json.lines().map(|l| Line::raw(l.to_owned())).collect(),
        Err(e) => vec![Line::raw(format!("cannot show the raw JSON: {e}"))],
    }
}

pub(super) fn row(label: &str, value: impl Into<String>, theme: Theme) -> Line<'static> {
    row_styled(label, value, Style::new(), theme)
}

pub(super) fn row_styled(
    label: &str,
    value: impl Into<String>,
    style: Style,
    theme: Theme,
) -> Line<'static> {
    text::label_row(label, LABEL, value, style, theme.label())
}

fn or_dash(v: Option<&str>) -> String {
    v.unwrap_or("—").to_owned()
}

fn fields(state: &AppState, p: &Payout, theme: Theme) -> Vec<Line<'static>> {
    let exec = p.execution_status();
    let mut lines = Vec::with_capacity(32);

    let status_style = |known: bool| {
        if known {
            theme.needs_me()
        } else {
            theme.unknown_value()
        }
    };
    let mut status = vec![
        Span::styled(format!("{:<LABEL$}", "status"), theme.label()),
        Span::styled(p.status.to_string(), status_style(p.status.is_known())),
    ];
    if !p.status.is_known() {
        status.push(Span::raw(" (unknown to this version)"));
    }
    status.push(Span::raw(" · "));
    status.push(Span::styled(
        exec.to_string(),
        status_style(exec.is_known()),
    ));
    // The meaning on the same line: on a 24-row terminal the pane has 6 rows, and the
    // amount and the address must still show.
    status.push(Span::styled(format!(": {}", exec.meaning()), theme.dim()));
    lines.push(Line::from(status));
    if let Some(line) = deadline_line(state, p, theme) {
        lines.push(line);
    }
    if let Some(reason) = &p.data.status_reason {
        lines.push(row_styled("reason", reason.clone(), theme.warning(), theme));
    }

    let asset = &p.asset;
    lines.push(row_styled(
        "amount",
        format!(
            "{} ({} base units)",
            crate::app::display::amount(asset),
            asset.amount
        ),
        theme.needs_me(),
        theme,
    ));
    match &p.data.deposit_address {
        Some(a) => lines.push(row_styled(
            "deposit to",
            text::group_address(a),
            theme.needs_me(),
            theme,
        )),
        None => lines.push(row("deposit to", "— (not yet provided)", theme)),
    }
    // A policy holds it: the approval next, before the payout's identities.
    lines.extend(super::approval::lines(state, p, theme));
    lines.push(row("network", asset.network.to_string(), theme));
    let token = match (&asset.contract, &asset.mint) {
        (Some(c), _) => format!(" · contract {c}"),
        (None, Some(m)) => format!(" · mint {m}"),
        (None, None) => String::new(),
    };
    let name = asset
        .metadata
        .as_ref()
        .and_then(|m| m.name.clone())
        .map(|n| format!(" · {n}"))
        .unwrap_or_default();
    lines.push(row("asset", format!("{}{token}{name}", asset.kind), theme));
    // Names where known, the id kept visible: "Treasury (wa-…)", "alice (us-…)".
    let names = &state.names;
    lines.push(row("wallet", names.wallet_with_id(&p.wallet_id), theme));
    let me = state.me.as_deref();
    let requester = match p.requester_id() {
        Some(r) if Some(r) == me => format!("{} (me)", names.user_with_id(r)),
        Some(r) if me.is_some() => format!(
            "{} (another user: only they can confirm or cancel)",
            names.user_with_id(r)
        ),
        Some(r) => format!("{} (my id is unknown)", names.user_with_id(r)),
        None => "? (the payout names no requester)".to_owned(),
    };
    lines.push(row("requester", requester, theme));
    lines.push(row("external id", or_dash(p.external_id.as_deref()), theme));
    lines.push(row(
        "transfer id",
        or_dash(p.data.transfer_id.as_deref()),
        theme,
    ));
    lines.push(row(
        "tx hash",
        or_dash(p.data.transaction_hash.as_deref()),
        theme,
    ));

    let d = &p.data;
    let purpose = d.payment_purpose.as_ref().map(|x| x.to_string());
    lines.push(row("provider", p.provider.to_string(), theme));
    for (label, value) in [
        ("  account", d.borderless_account_id.clone()),
        ("  instructions", d.payment_instructions_id.clone()),
        ("  purpose", purpose),
        ("  country", d.country.clone()),
        ("  payout id", d.borderless_payout_id.clone()),
    ] {
        lines.push(row(label, or_dash(value.as_deref()), theme));
    }
    lines.push(row("fiat", p.fiat_currency.clone(), theme));

    let date = |t: Option<&crate::dfns::model::Timestamp>| or_dash(t.map(|t| t.as_str()));
    for (label, value) in [
        ("dateCreated", date(Some(&p.date_created))),
        ("dateConfirmed", date(d.date_confirmed.as_ref())),
        ("dateCanceled", date(d.date_canceled.as_ref())),
        (
            "dateDepositConfirmed",
            date(d.date_deposit_confirmed.as_ref()),
        ),
        (
            "datePayoutConfirmed",
            date(d.date_payout_confirmed.as_ref()),
        ),
        ("dateFinalized", date(p.date_finalized.as_ref())),
    ] {
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<21}"), theme.label()),
            Span::raw(value),
        ]));
    }
    lines
}

/// "time left to confirm: ~23h 12m (deadline …Z, approximate: anchored on dateCreated)".
fn deadline_line(state: &AppState, p: &Payout, theme: Theme) -> Option<Line<'static>> {
    let Some(d) = countdown::deadline(p) else {
        return (!p.status.is_terminal())
            .then(|| row("time left", "— (no deadline in this state)", theme));
    };
    let left = countdown::remaining(&d, state.now, state.skew);
    let u = countdown::urgency(left);
    let (what, anchor) = match d.kind {
        DeadlineKind::Confirm => ("time left to confirm: ", "dateCreated"),
        DeadlineKind::Submit => ("time left for Dfns to submit: ", "dateConfirmed"),
    };
    let marker = Theme::urgency_marker(u);
    let shown = countdown::format_left(left, d.approximate);
    let value = if marker.is_empty() {
        shown
    } else {
        format!("{marker} {shown}")
    };
    let at = d.at.to_rfc3339_opts(SecondsFormat::Secs, true);
    let how = if d.approximate {
        format!("approximate: anchored on {anchor}")
    } else {
        "exact".to_owned()
    };
    let mut spans = vec![
        Span::styled(what, theme.label()),
        Span::styled(value, theme.countdown(u)),
        Span::raw(format!(" (deadline {at}, {how})")),
    ];
    if u == Urgency::Overdue {
        spans.push(Span::styled(
            " past it: the server decides",
            theme.warning(),
        ));
    }
    Some(Line::from(spans))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_found_by_cell_after_a_multi_byte_border() {
        let area = Rect::new(0, 0, 30, 3);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        buf.set_string(0, 1, "│tx 0xabc123 done", ratatui::style::Style::new());
        assert_eq!(find_cells(&buf, area, "0xabc123"), Some((4, 1)));
        // Not whole on a row (e.g. wrapped), or wider than the area: not found.
        assert_eq!(find_cells(&buf, area, "0xfff"), None);
        assert_eq!(find_cells(&buf, Rect::new(0, 0, 5, 3), "0xabc123"), None);
        let tiny = Rect::new(0, 0, 1, 1);
        assert_eq!(
            find_cells(&ratatui::buffer::Buffer::empty(tiny), tiny, "0x"),
            None
        );
    }

    #[test]
    fn explorer_urls_for_known_networks_only() {
        let h = "0xabc123";
        assert_eq!(
            explorer_url(&Network::Polygon, h).as_deref(),
            Some("https://polygonscan.com/tx/0xabc123")
        );
        assert_eq!(
            explorer_url(&Network::Ethereum, h).as_deref(),
            Some("https://etherscan.io/tx/0xabc123")
        );
        assert_eq!(
            explorer_url(&Network::Base, h).as_deref(),
            Some("https://basescan.org/tx/0xabc123")
        );
        assert_eq!(
            explorer_url(&Network::ArbitrumOne, h).as_deref(),
            Some("https://arbiscan.io/tx/0xabc123")
        );
        assert_eq!(
            explorer_url(&Network::Solana, "5VfYmGC9L2VTBqv").as_deref(),
            Some("https://solscan.io/tx/5VfYmGC9L2VTBqv")
        );
        assert_eq!(explorer_url(&Network::Bsc, h), None);
        assert_eq!(explorer_url(&Network::from_wire("Nowhere"), h), None);
    }

    #[test]
    fn a_hash_that_could_break_out_of_an_escape_sequence_gets_no_link() {
        for bad in ["", "0xab\x1b]8;;evil\x07", "0xab cd", "0xab/../x", "0xé"] {
            assert_eq!(explorer_url(&Network::Ethereum, bad), None, "{bad:?}");
        }
    }
}
