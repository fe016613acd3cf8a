//! The confirm dialog (and the popup every dialog is drawn in): a centred popup per stage.
//! The Ready stage shows exactly what would be sent (the money guard's `Echo`) with the full
//! deposit address grouped for reading, and what has been typed toward the 4-character arm
//! code. Cancel is in `cancel.rs`, approve and deny in `decide.rs`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::text::{self, centered};
use super::theme::Theme;
use crate::app::countdown;
use crate::app::layout;
use crate::app::new_payout::NewPayout;
use crate::app::resolve::{Resolution, Verdict};
use crate::app::safety::Echo;
use crate::app::state::{AppState, ConfirmStage, Dialog};
use crate::dfns::model::Payout;

const LABEL: usize = 12;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Tone {
    Danger,
    Wait,
    Good,
    Bad,
}

pub fn render(state: &AppState, dialog: &Dialog, frame: &mut Frame, area: Rect, theme: Theme) {
    if matches!(dialog, Dialog::Approve { .. } | Dialog::Deny { .. }) {
        return super::decide::render(state, dialog, frame, area, theme);
    }
    let (title, tone, mut lines) = match dialog {
        Dialog::Confirm {
            index,
            stage,
            typed,
            ..
        } => {
            let p = state.payouts.get(*index);
            confirm(state, p.as_deref(), stage, typed, theme)
        }
        Dialog::Cancel { index, stage, .. } => {
            super::cancel::lines(state.payouts.get(*index).as_deref(), stage, theme)
        }
        Dialog::Approve { .. } | Dialog::Deny { .. } => return,
    };
    // The arm prompt is pinned to the bottom rows: whatever wraps above it, it stays in view.
    let footer = match dialog {
        Dialog::Confirm {
            stage: ConfirmStage::Ready(echo),
            ..
        } if fits(area, echo) => lines.split_off(lines.len().saturating_sub(ARM_PROMPT_ROWS)),
        _ => Vec::new(),
    };
    popup(frame, area, title, tone, lines, footer, theme);
}

/// The new-payout form, in the same kind of popup.
pub fn render_form(
    state: &AppState,
    form: &NewPayout,
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
) {
    let (title, tone, lines) = super::new_payout::lines(form, &state.approvals.policies, theme);
    popup(frame, area, title, tone, lines, Vec::new(), theme);
}

/// A centred popup sized to its text, with `footer` pinned to its last rows.
pub(super) fn popup(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    tone: Tone,
    lines: Vec<Line<'static>>,
    footer: Vec<Line<'static>>,
    theme: Theme,
) {
    let border = match tone {
        Tone::Danger => theme.popup_border(true),
        Tone::Wait => theme.popup_border(false),
        Tone::Good => theme.good(),
        Tone::Bad => theme.error(),
    };
    let w = layout::popup_width(area.width);
    let inner_w = usize::from(w.saturating_sub(2)).max(1);
    // Height of the wrapped text, estimated per line (wrapping at words may take a row more).
    let rows_of =
        |ls: &[Line]| -> usize { ls.iter().map(|l| l.width().max(1).div_ceil(inner_w)).sum() };
    let footer_rows = rows_of(&footer);
    let h = u16::try_from(rows_of(&lines) + footer_rows + 2).unwrap_or(u16::MAX);
    let popup = centered(area, w, h);
    let block = Block::bordered()
        .border_style(border)
        .title(Line::from(Span::styled(format!(" {title} "), border)));
    frame.render_widget(Clear, popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let footer_h = u16::try_from(footer_rows)
        .unwrap_or(u16::MAX)
        .min(inner.height);
    let body = Rect::new(inner.x, inner.y, inner.width, inner.height - footer_h);
    let foot = Rect::new(inner.x, body.bottom(), inner.width, footer_h);
    frame.render_widget(
        Paragraph::new(text::safe_lines(lines)).wrap(Wrap { trim: false }),
        body,
    );
    if footer_h > 0 {
        frame.render_widget(
            Paragraph::new(text::safe_lines(footer)).wrap(Wrap { trim: false }),
            foot,
        );
    }
}

/// An unknown outcome the re-read resolved (`app::resolve`): the one sentence, and what it
/// means for acting again. Shared by every dialog.
pub(super) fn resolved(r: &Resolution, theme: Theme) -> (&'static str, Tone, Vec<Line<'static>>) {
    let (title, tone, style, next) = match r.verdict {
        Verdict::WentThrough => (
            "Went through",
            Tone::Good,
            theme.good(),
            "The re-read shows it happened; the board shows the payout as re-read.",
        ),
        Verdict::DidNotGoThrough => (
            "Did not go through",
            Tone::Bad,
            theme.warning(),
            "The re-read shows nothing happened: it may be tried again.",
        ),
        Verdict::CannotTell => (
            "Outcome unclear",
            Tone::Bad,
            theme.error(),
            "Do not act on it again until its status shows what happened.",
        ),
    };
    (
        title,
        tone,
        vec![
            Line::styled(r.sentence(), style),
            Line::raw(next),
            Line::styled("press any key", theme.dim()),
        ],
    )
}

/// Rows of the arm prompt at the end of the Ready stage's lines.
pub(super) const ARM_PROMPT_ROWS: usize = 2;

/// The one rule (shared with `update`): can this screen show the whole transfer?
fn fits(area: Rect, echo: &Echo) -> bool {
    layout::confirm_fits(
        area.width,
        area.height,
        echo.deposit_address.chars().count(),
    )
}

pub(super) fn row(
    label: &str,
    value: impl Into<String>,
    style: Style,
    theme: Theme,
) -> Line<'static> {
    text::label_row(label, LABEL, value, style, theme.label())
}

/// The address grouped, with the last group (the arm code) emphasised.
pub(super) fn address_row(label: &str, addr: &str, theme: Theme) -> Line<'static> {
    let grouped = text::group_address(addr);
    let (head, last) = match grouped.rfind(' ') {
        Some(i) => (grouped[..=i].to_owned(), grouped[i + 1..].to_owned()),
        None => (String::new(), grouped),
    };
    Line::from(vec![
        Span::styled(format!("{label:<LABEL$}"), theme.label()),
        Span::styled(head, theme.needs_me()),
        Span::styled(last, theme.emphasis()),
    ])
}

fn time_left(state: &AppState, p: Option<&Payout>, theme: Theme) -> Line<'static> {
    match p.and_then(countdown::deadline) {
        Some(d) => {
            let left = countdown::remaining(&d, state.now, state.skew);
            let u = countdown::urgency(left);
            let marker = Theme::urgency_marker(u);
            let shown = countdown::format_left(left, d.approximate);
            let text = if marker.is_empty() {
                shown
            } else {
                format!("{marker} {shown}")
            };
            row("time left", text, theme.countdown(u), theme)
        }
        None => row("time left", "— (no deadline known)", Style::new(), theme),
    }
}

/// What would be sent, line by line.
pub(super) fn echo_lines(
    state: &AppState,
    p: Option<&Payout>,
    echo: &Echo,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![
        row("payout", echo.payout_id.clone(), Style::new(), theme),
        row(
            "amount",
            format!(
                "{} {}  ({} base units)",
                echo.human_amount, echo.symbol, echo.amount_base
            ),
            theme.needs_me(),
            theme,
        ),
        row("network", echo.network.clone(), theme.needs_me(), theme),
        row("wallet", echo.wallet_id.clone(), Style::new(), theme),
    ];
    match (&echo.contract, &echo.mint) {
        (Some(c), _) => lines.push(row(
            "contract",
            format!("{} · {c}", echo.kind),
            Style::new(),
            theme,
        )),
        (None, Some(m)) => lines.push(row(
            "mint",
            format!("{} · {m}", echo.kind),
            Style::new(),
            theme,
        )),
        (None, None) => lines.push(row("token", echo.kind.to_string(), Style::new(), theme)),
    }
    lines.push(address_row("to", &echo.deposit_address, theme));
    if let Some(x) = &echo.external_id {
        lines.push(row("external id", x.clone(), Style::new(), theme));
    }
    lines.push(time_left(state, p, theme));
    lines
}

fn arm_prompt(echo: &Echo, typed: &str, theme: Theme) -> Vec<Line<'static>> {
    let n = typed.chars().count();
    let slots = format!("[{typed}{}]", "_".repeat(4usize.saturating_sub(n)));
    let armed = echo.arms(typed);
    let mut lines = vec![Line::from(vec![
        Span::raw("type the last 4 characters of the deposit address to arm: "),
        Span::styled(slots, theme.emphasis()),
    ])];
    lines.push(if armed {
        Line::from(vec![
            Span::styled("ARMED ✓ ", theme.good()),
            Span::raw("Enter sends · Esc closes"),
        ])
    } else if n >= 4 {
        Line::from(vec![
            Span::styled("does not match the address ✗ ", theme.error()),
            Span::raw("Backspace corrects · Enter sends · Esc closes"),
        ])
    } else {
        Line::raw("Enter sends · Esc closes")
    });
    lines
}

fn confirm(
    state: &AppState,
    p: Option<&Payout>,
    stage: &ConfirmStage,
    typed: &str,
    theme: Theme,
) -> (&'static str, Tone, Vec<Line<'static>>) {
    let id = p.map(|p| p.id.clone()).unwrap_or_else(|| "?".into());
    let any_key = Line::styled("press any key", theme.dim());
    match stage {
        ConfirmStage::Verifying => (
            "Confirm payout",
            Tone::Wait,
            vec![
                Line::raw(format!("re-reading payout {id} from the API…")),
                Line::styled(
                    "nothing is sent before you have checked it and typed the arm code",
                    theme.dim(),
                ),
                Line::raw("Esc closes"),
            ],
        ),
        ConfirmStage::Ready(echo)
            if !layout::confirm_fits(
                state.width,
                state.height,
                echo.deposit_address.chars().count(),
            ) =>
        {
            let (w, h) = layout::confirm_needs(echo.deposit_address.chars().count());
            (
                "Confirm payout · terminal too small",
                Tone::Bad,
                vec![
                    Line::styled(
                        "The terminal is too small to show the whole transfer and the arm prompt.",
                        theme.error(),
                    ),
                    Line::raw(format!(
                        "Enlarge it to at least {w}×{h} to check and arm it; nothing can be sent from here."
                    )),
                    Line::raw("Esc closes"),
                ],
            )
        }
        ConfirmStage::Ready(echo) => {
            let mut lines = vec![
                Line::styled(
                    "This sends tokens on-chain. Check every line.",
                    theme.warning(),
                ),
                Line::raw(""),
            ];
            lines.extend(echo_lines(state, p, echo, theme));
            lines.push(Line::raw(""));
            lines.extend(arm_prompt(echo, typed, theme));
            ("Confirm payout · sends money", Tone::Danger, lines)
        }
        ConfirmStage::Checking(echo) | ConfirmStage::Sending(echo) => {
            let mut lines = echo_lines(state, p, echo, theme);
            lines.push(Line::raw(""));
            lines.push(if matches!(stage, ConfirmStage::Checking(_)) {
                Line::raw("re-reading once more before sending…")
            } else {
                Line::styled("sending… waiting for the API's answer", theme.warning())
            });
            ("Confirm payout · sends money", Tone::Danger, lines)
        }
        ConfirmStage::Sent(echo) => (
            "Confirmed",
            Tone::Good,
            vec![
                Line::styled(
                    format!(
                        "confirmed ✓ {} {} on {}",
                        echo.human_amount, echo.symbol, echo.network
                    ),
                    theme.good(),
                ),
                address_row("to", &echo.deposit_address, theme),
                Line::raw(format!(
                    "payout {}: Dfns now submits the transfer; the board follows on the next poll",
                    echo.payout_id
                )),
                any_key,
            ],
        ),
        ConfirmStage::Refused(reason) => (
            "Not confirmed",
            Tone::Bad,
            vec![Line::styled(reason.clone(), theme.error()), any_key],
        ),
        ConfirmStage::Resolved(r) => resolved(r, theme),
        ConfirmStage::Unknown(reason) => (
            "Outcome unknown",
            Tone::Bad,
            vec![
                Line::styled(reason.clone(), theme.error()),
                Line::raw(
                    "Do not confirm again until the payout's status shows what happened: it is being re-read.",
                ),
                any_key,
            ],
        ),
    }
}
