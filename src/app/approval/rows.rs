//! The approval as the dashboard's approve and deny dialogs show it, row by row — one source
//! for the drawing (`ui`) and for the rule that refuses to arm a dialog the terminal cannot
//! show whole (`app::layout::dialog_fits`).

use super::{DecisionEcho, Stance};
use crate::app::layout::DIALOG_LABEL;
use crate::dfns::text::escape;

/// The approval's rows below the transfer: its id, who initiated it, each triggered policy's
/// reason, each group's quorum progress. (The expiry row follows; see [`widths`].) Server
/// text as sent: the widget boundary shows hidden characters visibly.
pub fn rows(e: &DecisionEcho) -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("approval", e.approval_id.clone()),
        ("initiator", e.initiator_id.clone()),
    ];
    for r in &e.reasons {
        out.push(("policy", r.clone()));
    }
    for g in &e.progress {
        out.push(("quorum", g.to_string()));
    }
    out
}

/// Room the expiry row's countdown and words take besides the date ("~12h 34m left · ").
const EXPIRY_WORDS: usize = 24;
/// Room the initiator row's "(me)" or "(another user)" takes.
const WHO_WORDS: usize = 16;

/// Widths in cells of the dialog's approval rows and its expiry row, for `dialog_fits`.
/// Measured on the escaped text, as drawn; a wide character (CJK, emoji) counts one cell
/// here — the transfer and the arm prompt are drawn first and pinned, so an
/// underestimate can only cut the last rows, never the address or the prompt.
pub fn widths(e: &DecisionEcho) -> Vec<usize> {
    let cells = |s: &str| escape(s).chars().count();
    let mut out: Vec<usize> = rows(e)
        .iter()
        .map(|(label, v)| {
            let who = if *label == "initiator" { WHO_WORDS } else { 0 };
            DIALOG_LABEL + cells(v) + who
        })
        .collect();
    let date = e.expiration_date.as_deref().map_or(1, cells);
    out.push(DIALOG_LABEL + EXPIRY_WORDS + date);
    out
}

/// What I may do, in a few words and the reason ("may only deny: you initiated …").
pub fn stance_text(stance: &Stance) -> String {
    match stance {
        Stance::CanApprove => "may approve or deny".to_owned(),
        Stance::CanDenyOnly(why) => format!("may only deny: {why}"),
        Stance::No(why) => format!("may not decide: {why}"),
    }
}
