//! The cancel dialog: the payout it would cancel (amount, network, where it would have
//! gone), then `y` to cancel, any other key to keep it.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::dialog::{Tone, address_row, row};
use super::theme::Theme;
use crate::app::state::CancelStage;
use crate::dfns::model::Payout;

pub(super) fn lines(
    p: Option<&Payout>,
    stage: &CancelStage,
    theme: Theme,
) -> (&'static str, Tone, Vec<Line<'static>>) {
    let id = p.map(|p| p.id.clone()).unwrap_or_else(|| "?".into());
    let any_key = Line::styled("press any key", theme.dim());
    match stage {
        CancelStage::Ask => {
            let mut lines = vec![Line::styled(
                format!("Cancel payout {id}?"),
                theme.warning(),
            )];
            if let Some(p) = p {
                lines.push(row(
                    "amount",
                    crate::app::display::amount(&p.asset),
                    theme.needs_me(),
                    theme,
                ));
                lines.push(row(
                    "network",
                    p.asset.network.to_string(),
                    Style::new(),
                    theme,
                ));
                match &p.data.deposit_address {
                    Some(a) => lines.push(address_row("to", a, theme)),
                    None => {
                        lines.push(row("to", "— (no deposit address yet)", Style::new(), theme))
                    }
                }
            }
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::raw("Press "),
                Span::styled("y", theme.key()),
                Span::raw(" to cancel it, any other key to keep it."),
            ]));
            ("Cancel payout", Tone::Danger, lines)
        }
        CancelStage::Checking => (
            "Cancel payout",
            Tone::Wait,
            vec![
                Line::raw(format!("re-reading payout {id} before canceling it…")),
                Line::raw("Esc closes"),
            ],
        ),
        CancelStage::Sending => (
            "Cancel payout",
            Tone::Wait,
            vec![Line::styled(
                format!("canceling {id}… waiting for the API's answer"),
                theme.warning(),
            )],
        ),
        CancelStage::Sent => (
            "Canceled",
            Tone::Good,
            vec![
                Line::styled(format!("canceled ✓ {id}"), theme.good()),
                any_key,
            ],
        ),
        CancelStage::Refused(reason) => (
            "Not canceled",
            Tone::Bad,
            vec![Line::styled(reason.clone(), theme.error()), any_key],
        ),
        CancelStage::Resolved(r) => super::dialog::resolved(r, theme),
        CancelStage::Unknown(reason) => (
            "Outcome unknown",
            Tone::Bad,
            vec![
                Line::styled(reason.clone(), theme.error()),
                Line::raw("The payout is being re-read; check its status before trying again."),
                any_key,
            ],
        ),
    }
}
