//! The new-payout form (`n`), one step at a time: wallet, asset, amount, bank details,
//! the quote (gross, fees, net, rate), payment purpose, review (with the quote again),
//! result.

use std::collections::HashMap;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::dialog::{Tone, row};
use super::theme::Theme;
use crate::app::action::popup_hint;
use crate::app::approval::covers;
use crate::app::display;
use crate::app::new_payout::{Field, NewPayout, Step, figures};
use crate::dfns::model::{PaymentPurpose, Policy};

/// A list with the cursor line marked (`▶` and REVERSED), showing a window around it.
fn picker(items: Vec<String>, cursor: usize, theme: Theme) -> Vec<Line<'static>> {
    const WINDOW: usize = 8;
    let start = cursor
        .saturating_sub(WINDOW / 2)
        .min(items.len().saturating_sub(WINDOW));
    items
        .into_iter()
        .enumerate()
        .skip(start)
        .take(WINDOW)
        .map(|(i, text)| {
            if i == cursor {
                Line::from(Span::styled(format!("▶ {text}"), theme.selected()))
            } else {
                Line::from(format!("  {text}"))
            }
        })
        .collect()
}

fn summary(f: &NewPayout, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if let Some(w) = f.chosen_wallet() {
        let name = w.wallet.name.clone().unwrap_or_default();
        out.push(row(
            "wallet",
            format!("{name} {} ({})", w.wallet.network, w.wallet.id),
            Style::new(),
            theme,
        ));
    }
    if let (Some(a), Some(base)) = (f.chosen_asset(), &f.base_units) {
        out.push(row(
            "amount",
            format!(
                "{}  ({base} base units)",
                display::amount_of(base, Some(a.decimals), &display::wallet_token(a))
            ),
            theme.needs_me(),
            theme,
        ));
    }
    out
}

/// The form's lines; `policies` (the known ones, by id) mark the wallets they cover.
pub fn lines(
    f: &NewPayout,
    policies: &HashMap<String, Policy>,
    theme: Theme,
) -> (&'static str, Tone, Vec<Line<'static>>) {
    let (tone, mut lines) = match &f.step {
        Step::LoadingWallets => (
            Tone::Wait,
            vec![Line::from("loading wallets and balances…")],
        ),
        Step::PickWallet => (Tone::Wait, wallet_picker(f, policies, theme)),
        Step::PickAsset => (Tone::Wait, asset_picker(f, theme)),
        Step::Amount => (Tone::Wait, amount_entry(f, theme)),
        Step::PickRecipient => (Tone::Wait, recipient_picker(f, theme)),
        Step::Details(current) => (Tone::Wait, details(f, *current, theme)),
        Step::Quoting => {
            let mut lines = summary(f, theme);
            lines.push(Line::from("asking for a quote…"));
            (Tone::Wait, lines)
        }
        Step::Quoted => (Tone::Wait, quoted(f, theme)),
        Step::PickPurpose => (Tone::Wait, purpose_picker(f, theme)),
        Step::Review => (Tone::Danger, review(f, theme)),
        Step::Creating | Step::Created(_) | Step::Unknown(_) | Step::Failed(_) => result(f, theme),
    };
    if let Some(e) = &f.error {
        lines.push(Line::from(Span::styled(e.clone(), theme.error())));
    }
    ("New payout", tone, lines)
}

fn hint(text: &str, theme: Theme) -> Line<'static> {
    Line::from(Span::styled(text.to_owned(), theme.dim()))
}

fn wallet_picker(
    f: &NewPayout,
    policies: &HashMap<String, Policy>,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from("Pay out from which wallet?")];
    let items = f
        .wallets
        .iter()
        .map(|w| {
            let coins: Vec<String> = w
                .assets
                .iter()
                .map(|a| {
                    display::amount_of(&a.balance, Some(a.decimals), &display::wallet_token(a))
                })
                .collect();
            let name = w.wallet.name.clone().unwrap_or_else(|| w.wallet.id.clone());
            let coins = if coins.is_empty() {
                "no payout stablecoin".into()
            } else {
                coins.join(", ")
            };
            // A payout from it may be held (or blocked) by a policy: say so up front.
            let held = covers::mark(policies.values(), &w.wallet)
                .map(|m| format!(" · {m}"))
                .unwrap_or_default();
            format!("{name} · {} · {coins}{held}", w.wallet.network)
        })
        .collect();
    lines.extend(picker(items, f.wallet, theme));
    lines.push(hint(&popup_hint(f.popup()), theme));
    lines
}

fn asset_picker(f: &NewPayout, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = summary(f, theme);
    lines.push(Line::from("Which stablecoin?"));
    let items = f
        .chosen_wallet()
        .map(|w| {
            w.assets
                .iter()
                .map(|a| {
                    let addr = a.token_address().unwrap_or_default();
                    format!(
                        "{} · balance {} · {} {addr}",
                        display::wallet_token(a),
                        display::amount_of(&a.balance, Some(a.decimals), ""),
                        a.kind
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    lines.extend(picker(items, f.asset, theme));
    lines.push(hint(&popup_hint(f.popup()), theme));
    lines
}

fn amount_entry(f: &NewPayout, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = summary(f, theme);
    let symbol = f
        .chosen_asset()
        .and_then(|a| a.symbol.clone())
        .unwrap_or_default();
    lines.push(row(
        "amount",
        format!("{}▏ {symbol}", f.amount),
        theme.emphasis(),
        theme,
    ));
    lines.push(hint(&popup_hint(f.popup()), theme));
    lines
}

/// The profile's saved recipients (names are config text: the popup draws every line
/// through the sanitizer), after the choice to type the details by hand.
fn recipient_picker(f: &NewPayout, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = summary(f, theme);
    lines.push(Line::from("Pay whom? Saved recipients of this profile:"));
    let items = std::iter::once("type the bank details by hand".to_owned())
        .chain(f.recipients.iter().map(|r| r.summary()))
        .collect();
    lines.extend(picker(items, f.recipient, theme));
    lines.push(hint(&popup_hint(f.popup()), theme));
    lines
}

fn details(f: &NewPayout, current: Field, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = summary(f, theme);
    // These labels are longer than the dialogs' label column: a column of their own, with
    // a gap, so a label never runs into its value.
    let width = Field::ALL
        .iter()
        .map(|x| x.label().len())
        .max()
        .unwrap_or(0)
        + 2;
    for field in Field::ALL {
        let value = f.field_value(field).to_owned();
        let (text, style) = if field == current {
            (format!("{value}▏"), theme.emphasis())
        } else {
            (value, Style::new())
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<width$}", field.label()), theme.label()),
            Span::styled(text, style),
        ]));
    }
    lines.push(hint(&popup_hint(f.popup()), theme));
    lines
}

/// The quote's offers: gross, fees, net and rate, every fiat figure by the one wording of
/// amounts (`display::fiat`).
fn offer_rows(f: &NewPayout, theme: Theme) -> Vec<Line<'static>> {
    let Some(q) = &f.quote else {
        return vec![Line::from("no quote: go back to the details for one")];
    };
    let offers = figures(q);
    if offers.is_empty() {
        return vec![Line::from("the provider made no offer")];
    }
    let mut lines = Vec::new();
    for o in offers {
        lines.push(row(
            "gross",
            format!("{} before fees", display::fiat(o.gross, &o.currency)),
            Style::new(),
            theme,
        ));
        lines.push(row(
            "fees",
            display::fiat(o.fees, &o.currency),
            Style::new(),
            theme,
        ));
        lines.push(row(
            "net",
            format!("{} to the recipient", display::fiat(o.net, &o.currency)),
            theme.needs_me(),
            theme,
        ));
        if let (Some(rate), Some(net)) = (o.rate, o.rate_net) {
            let currency = crate::dfns::text::escape(&o.currency).into_owned();
            lines.push(row(
                "rate",
                format!(
                    "1 {} = {rate:.4} {currency} before fees, {net:.4} after",
                    o.token
                ),
                Style::new(),
                theme,
            ));
        }
    }
    lines.push(hint(
        "quotes are informational: the rate is not locked",
        theme,
    ));
    lines
}

fn quoted(f: &NewPayout, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = summary(f, theme);
    lines.extend(offer_rows(f, theme));
    lines.push(hint(&popup_hint(f.popup()), theme));
    lines
}

fn purpose_picker(f: &NewPayout, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = summary(f, theme);
    lines.push(Line::from("Payment purpose?"));
    let items = PaymentPurpose::KNOWN
        .iter()
        .map(|p| p.as_str().to_owned())
        .collect();
    lines.extend(picker(items, f.purpose, theme));
    lines.push(hint(&popup_hint(f.popup()), theme));
    lines
}

fn review(f: &NewPayout, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = summary(f, theme);
    let saved = f
        .matching_recipient()
        .map(|r| format!("{} (saved) · ", r.name))
        .unwrap_or_default();
    lines.push(row(
        "to",
        format!(
            "{saved}{} {} · account {} · instructions {}",
            f.country, f.fiat, f.account, f.instructions
        ),
        Style::new(),
        theme,
    ));
    lines.push(row(
        "purpose",
        f.purpose_value().as_str().to_owned(),
        Style::new(),
        theme,
    ));
    lines.push(row(
        "external id",
        f.external_id.clone(),
        Style::new(),
        theme,
    ));
    lines.extend(offer_rows(f, theme));
    lines.push(hint(&popup_hint(f.popup()), theme));
    lines
}

/// Creating, and how it ended.
fn result(f: &NewPayout, theme: Theme) -> (Tone, Vec<Line<'static>>) {
    match &f.step {
        Step::Created(id) => (
            Tone::Good,
            vec![
                Line::from(format!("created {id} ✓")),
                Line::from("it appears on the board; confirm it once its deposit address is ready"),
                hint(&popup_hint(f.popup()), theme),
            ],
        ),
        Step::Unknown(m) => (
            Tone::Bad,
            vec![
                Line::from(m.clone()),
                Line::from(format!(
                    "Enter retries with the same externalId {} — the API returns the payout if it was made",
                    f.external_id
                )),
            ],
        ),
        Step::Failed(m) => (
            Tone::Bad,
            vec![Line::from(m.clone()), hint(&popup_hint(f.popup()), theme)],
        ),
        _ => (
            Tone::Wait,
            vec![Line::from(format!(
                "creating (externalId {})…",
                f.external_id
            ))],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_details_label_never_runs_into_its_value() {
        let mut f = NewPayout::new(1, "ext".into());
        f.fiat = "USD".into();
        f.country = "US".into();
        f.step = Step::Details(Field::Account);
        let (_, _, lines) = lines(&f, &HashMap::new(), Theme::new(false));
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let fiat = text
            .iter()
            .find(|l| l.starts_with("fiat currency"))
            .unwrap_or_else(|| panic!("{text:?}"));
        assert!(
            fiat.starts_with("fiat currency  ") && fiat.trim_end().ends_with("USD"),
            "{fiat:?}"
        );
        for label in ["Borderless account id", "payment instructions id"] {
            let l = text
                .iter()
                .find(|l| l.starts_with(label))
                .unwrap_or_else(|| panic!("{text:?}"));
            assert!(l[label.len()..].starts_with("  "), "{l:?}");
        }
    }
}
