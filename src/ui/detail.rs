//! The detail pane: everything about the selected payout, most actionable first (status,
//! time left, amount, where the money goes), then identities, provider data and every date
//! as the API wrote it. `v` swaps it for the payout's raw JSON.

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

/// Label column width.
const LABEL: usize = 15;

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
    let title = match p {
        Some(p) => format!(" {} ", p.id),
        None => " Detail ".to_owned(),
    };
    let hint = if state.raw_json {
        " raw JSON · v: fields "
    } else {
        " v: raw JSON "
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
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
    if state.settings.hyperlinks
        && !state.raw_json
        && let Some(p) = p
        && let Some(hash) = p.data.transaction_hash.as_deref()
        && let Some(url) = explorer_url(&p.asset.network, hash)
    {
        link(frame.buffer_mut(), area, hash, &url);
    }
}

/// Makes `text`, where it stands whole on one row of `area`, an OSC 8 hyperlink: the opening
/// sequence rides on its first cell, the closing one on its last (zero-width for the
/// terminal; terminals without OSC 8 ignore them).
fn link(buf: &mut ratatui::buffer::Buffer, area: Rect, text: &str, url: &str) {
    let area = area.intersection(buf.area);
    let n = text.chars().count();
    if n == 0 || !text.is_ascii() {
        return;
    }
    for y in area.top()..area.bottom() {
        let row: String = (area.left()..area.right())
            .map(|x| buf[(x, y)].symbol().chars().next().unwrap_or(' '))
            .collect();
        if let Some(i) = row.find(text) {
            let first = area.left() + i as u16;
            let last = first + n as u16 - 1;
            let open = format!("\x1b]8;;{url}\x1b\\{}", buf[(first, y)].symbol());
            buf[(first, y)].set_symbol(&open);
            let close = format!("{}\x1b]8;;\x1b\\", buf[(last, y)].symbol());
            buf[(last, y)].set_symbol(&close);
            return;
        }
    }
}

fn raw_json(p: &Payout) -> Vec<Line<'static>> {
    match serde_json::to_string_pretty(p) {
        Ok(json) => json.lines().map(|l| Line::raw(l.to_owned())).collect(),
        Err(e) => vec![Line::raw(format!("cannot show the raw JSON: {e}"))],
    }
}

fn row(label: &str, value: impl Into<String>, theme: Theme) -> Line<'static> {
    row_styled(label, value, Style::new(), theme)
}

fn row_styled(label: &str, value: impl Into<String>, style: Style, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label:<LABEL$}"), theme.label()),
        Span::styled(value.into(), style),
    ])
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
        format!("{} ({} base units)", text::amount(asset), asset.amount),
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
    lines.push(row("wallet", p.wallet_id.clone(), theme));
    let me = state.me.as_deref();
    let requester = match p.requester_id() {
        Some(r) if Some(r) == me => format!("{r} (me)"),
        Some(r) if me.is_some() => format!("{r} (another user: only they can confirm or cancel)"),
        Some(r) => format!("{r} (my id is unknown)"),
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
    fn a_hash_on_one_row_becomes_an_osc8_link() {
        let area = Rect::new(0, 0, 30, 3);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        buf.set_string(2, 1, "tx 0xabc123 done", ratatui::style::Style::new());
        link(
            &mut buf,
            area,
            "0xabc123",
            "https://polygonscan.com/tx/0xabc123",
        );
        assert_eq!(
            buf[(5, 1)].symbol(),
            "\x1b]8;;https://polygonscan.com/tx/0xabc123\x1b\\0"
        );
        assert_eq!(buf[(12, 1)].symbol(), "3\x1b]8;;\x1b\\");
        assert_eq!(buf[(6, 1)].symbol(), "x");
        // Not found (e.g. wrapped): nothing changes.
        let before = buf.clone();
        link(&mut buf, area, "0xfff", "https://x/");
        assert_eq!(buf, before);
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
