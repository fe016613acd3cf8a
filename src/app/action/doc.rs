//! README's "Dashboard keys" tables, generated from the tables the keymap, the help overlay
//! and the hint bar are made of ([`ACTIONS`], [`EDGE_KEYS`], [`popup_keys`](super::popup_keys)): a test
//! (`tests/readme_keys.rs`) keeps README's copy verbatim between `<!-- keys:begin -->` and
//! `<!-- keys:end -->`, and `UPDATE_README=1` rewrites it.

use super::popup::{Popup, popup_hint};
use super::{ACTIONS, ActionInfo, EDGE_KEYS, Edge};

/// Where each popup's keys apply, in README's words; every popup once, in the order a user
/// meets them.
const POPUPS: &[(Popup, &str)] = &[
    (
        Popup::ConfirmChecking,
        "confirm, cancel, approve or deny: re-reading",
    ),
    (Popup::ConfirmReady, "confirm: the transfer shown"),
    (Popup::CancelAsk, "cancel: the question"),
    (Popup::CancelChecking, "cancel: re-reading"),
    (Popup::ApproveReady, "approve: the transfer shown"),
    (Popup::DenyReason, "deny: the reason"),
    (Popup::DenyAsk, "deny: the question"),
    (Popup::Sending, "a request out"),
    (Popup::Result, "a result"),
    (Popup::Help, "help (`?`)"),
    (Popup::Log, "event log (`L`)"),
    (Popup::SortPick, "sort picker (`s`)"),
    (Popup::FormFirst, "new payout: the wallet"),
    (Popup::FormPick, "new payout: the asset, the purpose"),
    (Popup::FormAmount, "new payout: the amount"),
    (Popup::FormRecipient, "new payout: a saved recipient"),
    (Popup::FormDetails, "new payout: the bank details"),
    (Popup::FormNext, "new payout: the quote"),
    (Popup::FormReview, "new payout: the review"),
    (Popup::FormBusy, "new payout: waiting for the API"),
    (Popup::FormUnknown, "new payout: outcome unknown"),
];

/// Every popup, for checks that none is left out ([`POPUPS`] names each once).
pub fn documented_popups() -> impl Iterator<Item = Popup> {
    POPUPS.iter().map(|(p, _)| *p)
}

fn keys(info: &ActionInfo) -> String {
    info.keys
        .iter()
        .map(|k| format!("`{}`", k.label()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The two markdown tables: the board's keys (keys, the hint bar's name, the help's
/// description; "off in read-only mode" for the dangerous ones), then what the hint bar says
/// inside each popup.
pub fn keys_markdown() -> String {
    let mut out = String::from("| keys | name | what it does |\n|---|---|---|\n");
    for info in ACTIONS {
        let off = if info.dangerous {
            " — off in read-only mode"
        } else {
            ""
        };
        out.push_str(&format!(
            "| {} | {} | {}{off} |\n",
            keys(info),
            info.name,
            info.description
        ));
    }
    for e in EDGE_KEYS {
        let name = match e.edge {
            Edge::Redraw => "redraw",
            Edge::Suspend => "suspend",
        };
        out.push_str(&format!(
            "| `{}` | {name} | {} |\n",
            e.key.label(),
            e.description
        ));
    }
    out.push_str("\nInside a popup its own keys apply; the hint bar says them:\n\n");
    out.push_str("| popup | keys |\n|---|---|\n");
    for (popup, place) in POPUPS {
        out.push_str(&format!("| {place} | {} |\n", popup_hint(*popup)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_and_popup_is_in_the_tables_once() {
        let md = keys_markdown();
        for info in ACTIONS {
            assert_eq!(
                md.matches(&format!("| {} | {} |", keys(info), info.name))
                    .count(),
                1,
                "{}",
                info.name
            );
        }
        let popups: Vec<Popup> = documented_popups().collect();
        for (i, p) in popups.iter().enumerate() {
            assert!(!popups[i + 1..].contains(p), "{p:?} twice");
            // A popup whose table has entries says something in the hint bar.
            assert!(!popup_hint(*p).is_empty(), "{p:?}");
        }
        // Every popup `Mode::popup` can return is documented: the match below fails to
        // compile when a popup is added, and the assertion when it is not listed.
        let all = |p: Popup| match p {
            Popup::ConfirmReady
            | Popup::ConfirmChecking
            | Popup::CancelAsk
            | Popup::CancelChecking
            | Popup::ApproveReady
            | Popup::DenyReason
            | Popup::DenyAsk
            | Popup::Sending
            | Popup::Result
            | Popup::Help
            | Popup::Log
            | Popup::SortPick
            | Popup::FormFirst
            | Popup::FormPick
            | Popup::FormAmount
            | Popup::FormRecipient
            | Popup::FormDetails
            | Popup::FormNext
            | Popup::FormReview
            | Popup::FormBusy
            | Popup::FormUnknown => popups.contains(&p),
        };
        for p in &popups {
            assert!(all(*p));
        }
        assert_eq!(popups.len(), 21, "a popup was added: list it in POPUPS");
        // No cell breaks a markdown table.
        for line in md.lines().filter(|l| l.starts_with('|')) {
            let bars = line.matches('|').count();
            assert!(bars == 4 || bars == 3, "{line}");
        }
    }
}
