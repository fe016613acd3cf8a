//! How one payout reads in the CLI: amounts in human units, time left, the detail fields.

use chrono::{DateTime, TimeDelta, Utc};

use crate::app::countdown::{self, DeadlineKind, Urgency};
use crate::dfns::amount;
use crate::dfns::model::{Payout, PayoutStatus, Timestamp};

/// "12,500.00 USDC" (the one wording of `app::display`).
pub fn amount(p: &Payout) -> String {
    crate::app::display::amount(&p.asset)
}

/// The exact plain decimal for CSV ("12500.5"), empty when the decimals are unknown.
pub fn plain_amount(p: &Payout) -> String {
    p.asset
        .decimals()
        .and_then(|d| amount::to_human(&p.asset.amount, d).ok())
        .unwrap_or_default()
}

/// "~5h 07m" to the confirm or submit deadline, with its urgency; None when nothing is due.
pub fn time_left(p: &Payout, now: DateTime<Utc>, skew: TimeDelta) -> Option<(String, Urgency)> {
    let d = countdown::deadline(p)?;
    let left = countdown::remaining(&d, now, skew);
    let what = match d.kind {
        DeadlineKind::Confirm => "",
        DeadlineKind::Submit => " (submit)",
    };
    Some((
        format!("{}{what}", countdown::format_left(left, d.approximate)),
        countdown::urgency(left),
    ))
}

/// "2026-11-03 14:05" (UTC) when it parses, the API's text otherwise.
pub fn short_date(t: &Timestamp) -> String {
    t.instant()
        .map(|i| i.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| t.as_str().to_owned())
}

/// SGR colour of a status on a terminal.
pub fn status_sgr(s: &PayoutStatus) -> Option<&'static str> {
    match s {
        PayoutStatus::Completed => Some("32"),
        PayoutStatus::Failed | PayoutStatus::Rejected | PayoutStatus::Expired => Some("31"),
        PayoutStatus::Canceled => Some("2"),
        PayoutStatus::Processing => Some("33"),
        PayoutStatus::Other(_) => Some("35"),
    }
}

pub fn urgency_sgr(u: Urgency) -> Option<&'static str> {
    match u {
        Urgency::Overdue | Urgency::Critical => Some("31"),
        Urgency::Soon => Some("33"),
        Urgency::Normal => None,
    }
}

/// Every field worth reading, most actionable first (as the dashboard's detail pane).
pub fn detail(p: &Payout, who: &str, left: Option<String>) -> Vec<(&'static str, String)> {
    let d = &p.data;
    let exec = p.execution_status();
    let mut rows: Vec<(&'static str, String)> = vec![
        ("id", p.id.clone()),
        ("status", p.status.to_string()),
        ("execution", format!("{exec}: {}", exec.meaning())),
    ];
    let mut opt = |label: &'static str, v: Option<String>| {
        if let Some(v) = v {
            rows.push((label, v));
        }
    };
    opt("status reason", d.status_reason.clone());
    opt("time left", left);
    opt("amount", Some(amount(p)));
    opt("base units", Some(p.asset.amount.clone()));
    opt("asset kind", Some(p.asset.kind.to_string()));
    opt("contract", p.asset.contract.clone());
    opt("mint", p.asset.mint.clone());
    opt("network", Some(p.asset.network.to_string()));
    opt("wallet", Some(p.wallet_id.clone()));
    opt("deposit address", d.deposit_address.clone());
    opt("fiat", Some(p.fiat_currency.clone()));
    opt("country", d.country.clone());
    opt("purpose", d.payment_purpose.as_ref().map(|x| x.to_string()));
    opt("account", d.borderless_account_id.clone());
    opt("instructions", d.payment_instructions_id.clone());
    opt("external id", p.external_id.clone());
    opt("requester", Some(who.to_owned()));
    opt("provider", Some(p.provider.to_string()));
    opt("provider id", d.borderless_payout_id.clone());
    opt("transfer id", d.transfer_id.clone());
    opt("tx hash", d.transaction_hash.clone());
    opt("created", Some(p.date_created.to_string()));
    let date = |t: &Option<Timestamp>| t.as_ref().map(|t| t.to_string());
    opt("confirmed", date(&d.date_confirmed));
    opt("canceled", date(&d.date_canceled));
    opt("deposit seen", date(&d.date_deposit_confirmed));
    opt("paid out", date(&d.date_payout_confirmed));
    opt("finalized", date(&p.date_finalized));
    rows
}
