//! The approve and deny dialogs: what the approval holds (the transfer as the guard re-read
//! it: amount, token, network, the full deposit address), why it is held (each triggered
//! policy's reason), how far each quorum is, when it expires; then the arm prompt (approve:
//! the address's last 4 characters, pinned to the bottom rows) or the reason and `y` (deny).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::dialog::{ARM_PROMPT_ROWS, Tone, address_row, echo_lines, popup, row};
use super::theme::Theme;
use crate::app::approval::{DecisionEcho, rows};
use crate::app::countdown;
use crate::app::layout;
use crate::app::state::{AppState, DecideStage, Dialog};
use crate::app::update::approve_fits;
use crate::dfns::model::Payout;

pub fn render(state: &AppState, dialog: &Dialog, frame: &mut Frame, area: Rect, theme: Theme) {
    let (title, tone, mut lines, pinned) = match dialog {
        Dialog::Approve {
            index,
            stage,
            typed,
            ..
        } => approve(
            state,
            state.payouts.get(*index).as_deref(),
            stage,
            typed,
            theme,
        ),
        Dialog::Deny {
            index,
            stage,
            reason,
            ..
        } => deny(
            state,
            state.payouts.get(*index).as_deref(),
            stage,
            reason,
            theme,
        ),
        Dialog::Confirm { .. } | Dialog::Cancel { .. } => return,
    };
    let footer = if pinned {
        lines.split_off(lines.len().saturating_sub(ARM_PROMPT_ROWS))
    } else {
        Vec::new()
    };
    popup(frame, area, title, tone, lines, footer, theme);
}

/// The approval's rows below the transfer, and its expiry as a countdown.
fn approval_lines(state: &AppState, e: &DecisionEcho, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (label, value) in rows::rows(e) {
        let value = match (label, state.me.as_deref()) {
            ("initiator", Some(me)) if me == value => format!("{value} (me)"),
            ("initiator", _) => format!("{value} (another user)"),
            _ => value,
        };
        let style = if label == "policy" {
            theme.warning()
        } else {
            Style::new()
        };
        lines.push(row(label, value, style, theme));
    }
    let expiry = e.expiration_date.as_deref();
    let at = expiry.and_then(|d| crate::dfns::model::Timestamp::parse(d).instant());
    lines.push(match (expiry, at) {
        (Some(d), Some(at)) => {
            let left = countdown::until(at, state.now, state.skew);
            let u = countdown::urgency(left);
            Line::from(vec![
                Span::styled(format!("{:<12}", "expires"), theme.label()),
                Span::styled(
                    format!("{} left", countdown::format_left(left, false)),
                    theme.countdown(u),
                ),
                Span::raw(format!(" · {d}")),
            ])
        }
        (Some(d), None) => row("expires", format!("{d} (unreadable)"), Style::new(), theme),
        (None, _) => row("expires", "never (no timeout)", Style::new(), theme),
    });
    lines
}

/// What the decision is about: the transfer, then the approval.
fn body(
    state: &AppState,
    p: Option<&Payout>,
    e: &DecisionEcho,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut lines = echo_lines(state, p, &e.transfer, theme);
    lines.extend(approval_lines(state, e, theme));
    lines
}

fn verifying(what: &str, p: Option<&Payout>, theme: Theme) -> Vec<Line<'static>> {
    let id = p.map_or_else(|| "?".to_owned(), |p| p.id.clone());
    vec![
        Line::raw(format!(
            "re-reading the approval and payout {id} from the API…"
        )),
        Line::styled(
            format!("nothing is signed before you have checked it and {what}"),
            theme.dim(),
        ),
        Line::raw("Esc closes"),
    ]
}

fn failed(reason: &str, unknown: bool, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(reason.to_owned(), theme.error())];
    if unknown {
        lines.push(Line::raw(
            "Do not decide again until the approval shows what happened: it is being re-read.",
        ));
    }
    lines.push(Line::styled("press any key", theme.dim()));
    lines
}

type Drawn = (&'static str, Tone, Vec<Line<'static>>, bool);

fn approve(
    state: &AppState,
    p: Option<&Payout>,
    stage: &DecideStage,
    typed: &str,
    theme: Theme,
) -> Drawn {
    const TITLE: &str = "Approve · sends money";
    match stage {
        DecideStage::Verifying => (
            "Approve",
            Tone::Wait,
            verifying("typed the arm code", p, theme),
            false,
        ),
        DecideStage::Ready(e) if !approve_fits(state.width, state.height, e) => {
            let (w, h) =
                layout::dialog_needs(e.transfer.deposit_address.chars().count(), &rows::widths(e));
            let lines = vec![
                Line::styled(
                    "The terminal is too small to show the whole transfer, the approval and the arm prompt.",
                    theme.error(),
                ),
                Line::raw(format!(
                    "Enlarge it to at least {w}×{h} to check and arm it; nothing can be approved from here."
                )),
                Line::raw("Esc closes"),
            ];
            ("Approve · terminal too small", Tone::Bad, lines, false)
        }
        DecideStage::Ready(e) => {
            let mut lines = vec![
                Line::styled(
                    "Approving lets this transfer go out on-chain. Check every line.",
                    theme.warning(),
                ),
                Line::raw(""),
            ];
            lines.extend(body(state, p, e, theme));
            lines.push(Line::raw(""));
            lines.extend(arm_prompt(e, typed, theme));
            (TITLE, Tone::Danger, lines, true)
        }
        DecideStage::Checking(e) | DecideStage::Sending(e) | DecideStage::Ask(e) => (
            TITLE,
            Tone::Danger,
            progress(state, p, stage, e, theme),
            false,
        ),
        DecideStage::Done(e, status) => {
            let next = match status.as_str() {
                "Approved" => "the transfer goes out; the board follows on the next poll",
                "Pending" => "it needs more approvals before the transfer goes out",
                _ => "the board follows on the next poll",
            };
            let lines = vec![
                Line::styled(
                    format!(
                        "approved ✓ {} {} on {}",
                        e.transfer.human_amount, e.transfer.symbol, e.transfer.network
                    ),
                    theme.good(),
                ),
                address_row("to", &e.transfer.deposit_address, theme),
                Line::raw(format!(
                    "approval {} for payout {} is now {status}: {next}",
                    e.approval_id, e.transfer.payout_id
                )),
                Line::styled("press any key", theme.dim()),
            ];
            ("Approved", Tone::Good, lines, false)
        }
        DecideStage::Refused(r) => ("Not approved", Tone::Bad, failed(r, false, theme), false),
        DecideStage::Unknown(r) => ("Outcome unknown", Tone::Bad, failed(r, true, theme), false),
        DecideStage::Resolved(r) => {
            let (title, tone, lines) = super::dialog::resolved(r, theme);
            (title, tone, lines, false)
        }
    }
}

fn progress(
    state: &AppState,
    p: Option<&Payout>,
    stage: &DecideStage,
    e: &DecisionEcho,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut lines = body(state, p, e, theme);
    lines.push(Line::raw(""));
    lines.push(if matches!(stage, DecideStage::Sending(_)) {
        Line::styled("sending… waiting for the API's answer", theme.warning())
    } else {
        Line::raw("re-reading once more before sending…")
    });
    lines
}

fn arm_prompt(e: &DecisionEcho, typed: &str, theme: Theme) -> Vec<Line<'static>> {
    let n = typed.chars().count();
    let slots = format!("[{typed}{}]", "_".repeat(4usize.saturating_sub(n)));
    let mut lines = vec![Line::from(vec![
        Span::raw("type the last 4 characters of the deposit address to arm: "),
        Span::styled(slots, theme.emphasis()),
    ])];
    lines.push(if e.transfer.arms(typed) {
        Line::from(vec![
            Span::styled("ARMED ✓ ", theme.good()),
            Span::raw("Enter approves · Esc closes"),
        ])
    } else if n >= 4 {
        Line::from(vec![
            Span::styled("does not match the address ✗ ", theme.error()),
            Span::raw("Backspace corrects · Enter approves · Esc closes"),
        ])
    } else {
        Line::raw("Enter approves · Esc closes")
    });
    lines
}

fn deny(
    state: &AppState,
    p: Option<&Payout>,
    stage: &DecideStage,
    reason: &str,
    theme: Theme,
) -> Drawn {
    const TITLE: &str = "Deny · the payout is rejected";
    let intro = |e: &DecisionEcho| {
        vec![
            Line::styled(
                format!(
                    "Deny approval {}? Its transfer is then rejected, and payout {} ends Rejected.",
                    e.approval_id, e.transfer.payout_id
                ),
                theme.warning(),
            ),
            Line::raw(""),
        ]
    };
    let shown_reason = if reason.is_empty() {
        "(none)".to_owned()
    } else {
        reason.to_owned()
    };
    match stage {
        DecideStage::Verifying => ("Deny", Tone::Wait, verifying("pressed y", p, theme), false),
        DecideStage::Ready(e) => {
            let mut lines = intro(e);
            lines.extend(body(state, p, e, theme));
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::raw("reason (optional, shown to the other approvers): "),
                Span::styled(format!("{reason}▏"), theme.emphasis()),
            ]));
            lines.push(Line::raw("Enter continues · Esc closes"));
            (TITLE, Tone::Danger, lines, true)
        }
        DecideStage::Ask(e) => {
            let mut lines = intro(e);
            lines.extend(body(state, p, e, theme));
            lines.push(row("reason", shown_reason, theme.emphasis(), theme));
            lines.push(Line::from(vec![
                Span::raw("Press "),
                Span::styled("y", theme.key()),
                Span::raw(" to deny it, any other key to keep it."),
            ]));
            (TITLE, Tone::Danger, lines, true)
        }
        DecideStage::Checking(e) | DecideStage::Sending(e) => (
            TITLE,
            Tone::Danger,
            progress(state, p, stage, e, theme),
            false,
        ),
        DecideStage::Done(e, status) => {
            let lines = vec![
                Line::styled(
                    format!("denied ✓ approval {} is now {status}", e.approval_id),
                    theme.good(),
                ),
                Line::raw(format!(
                    "payout {} is rejected; the board follows on the next poll",
                    e.transfer.payout_id
                )),
                Line::styled("press any key", theme.dim()),
            ];
            ("Denied", Tone::Good, lines, false)
        }
        DecideStage::Refused(r) => ("Not denied", Tone::Bad, failed(r, false, theme), false),
        DecideStage::Unknown(r) => ("Outcome unknown", Tone::Bad, failed(r, true, theme), false),
        DecideStage::Resolved(r) => {
            let (title, tone, lines) = super::dialog::resolved(r, theme);
            (title, tone, lines, false)
        }
    }
}
