//! The detail pane's approval section, for a payout a policy holds (or held while we
//! watched): the approval's status and deadline as a countdown, whether I may approve, deny
//! or neither and why, each triggered policy's reason, each group's quorum progress, and
//! who decided what and when. Server text goes through the widget boundary's sanitizer.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::detail::{LABEL, row, row_styled};
use super::theme::Theme;
use crate::app::action::Action;
use crate::app::approval::rows::stance_text;
use crate::app::approval::{Stance, quorum_progress};
use crate::app::countdown;
use crate::app::state::{AppState, Known};
use crate::dfns::model::{ApprovalStatus, ExecutionStatus, Payout, PayoutStatus};

fn held(p: &Payout) -> bool {
    p.status == PayoutStatus::Processing
        && *p.execution_status() == ExecutionStatus::PendingPolicyApproval
}

/// The section's lines; none for a payout no approval is known of and no policy holds.
pub fn lines(state: &AppState, p: &Payout, theme: Theme) -> Vec<Line<'static>> {
    match state.approvals.of(p) {
        Some(k) => known(state, p, k, theme),
        None if held(p) => vec![row_styled(
            "approval",
            not_known(state, p),
            theme.dim(),
            theme,
        )],
        None => Vec::new(),
    }
}

fn not_known(state: &AppState, p: &Payout) -> String {
    let a = &state.approvals;
    let transfer = p.data.transfer_id.as_deref().unwrap_or_default();
    if let Some(e) = a.errors.get(transfer) {
        return format!("cannot be read: {e}");
    }
    if let Some(why) = &a.unavailable {
        return format!("approvals cannot be listed: {why}");
    }
    if p.data.transfer_id.is_none() {
        return "— (the payout names no transfer, so its approval cannot be found)".to_owned();
    }
    "reading…".to_owned()
}

fn known(state: &AppState, p: &Payout, k: &Known, theme: Theme) -> Vec<Line<'static>> {
    let a = &k.approval;
    let policies = state.approvals.policies_of(a);
    let progress = quorum_progress(a, &policies, state.me.as_deref());
    let pending = a.status == ApprovalStatus::Pending;
    let status_style = match a.status {
        ApprovalStatus::Pending => theme.needs_me(),
        ApprovalStatus::Approved => theme.good(),
        ApprovalStatus::Denied | ApprovalStatus::Expired => theme.error(),
        ApprovalStatus::Other(_) => theme.unknown_value(),
    };
    let mut head = vec![
        Span::styled(format!("{:<LABEL$}", "approval"), theme.label()),
        Span::styled(a.status.as_str().to_owned(), status_style),
        Span::raw(format!(
            " · quorum {} · {}",
            crate::app::approval::quorum_summary(&progress),
            a.id
        )),
    ];
    if pending && !held(p) {
        // Listed Pending when last read; the payout has moved on since.
        head.push(Span::styled(" (as last read)", theme.dim()));
    }
    let mut lines = vec![Line::from(head)];
    lines.push(deadline(state, k, theme));
    if pending {
        lines.push(me_line(state, k, theme));
    }
    for e in a.policy_evaluations.iter().filter(|e| e.triggered) {
        lines.push(row_styled(
            "  policy",
            e.reason.clone(),
            theme.warning(),
            theme,
        ));
    }
    if progress.is_empty() && !a.triggered_policy_ids().is_empty() {
        lines.push(row("  quorum", "? (the policy is not read yet)", theme));
    }
    for g in &progress {
        let mine = if g.member { " · you are in it" } else { "" };
        lines.push(row("  quorum", format!("{g}{mine}"), theme));
    }
    let who = |u: &str| match state.me.as_deref() {
        Some(me) if me == u => format!("{} (me)", state.names.user_with_id(u)),
        _ => state.names.user_with_id(u),
    };
    lines.push(row("  initiator", who(&a.initiator_id), theme));
    if a.decisions.is_empty() {
        lines.push(row_styled("  decisions", "none yet", theme.dim(), theme));
    }
    for d in &a.decisions {
        let when = d.date.as_ref().map(|t| t.as_str()).unwrap_or("(no date)");
        let why = d
            .reason
            .as_deref()
            .filter(|r| !r.is_empty())
            .map(|r| format!(": {r}"))
            .unwrap_or_default();
        let style = if d.value.as_str() == "Approved" {
            theme.good()
        } else {
            theme.error()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<LABEL$}", "  decided"), theme.label()),
            Span::raw(format!("{} ", who(&d.user_id))),
            Span::styled(d.value.as_str().to_owned(), style),
            Span::raw(format!(" {when}{why}")),
        ]));
    }
    lines
}

/// "  expires in   ~2h 30m (2026-11-24T14:30:00.000Z)", or when it was resolved.
fn deadline(state: &AppState, k: &Known, theme: Theme) -> Line<'static> {
    let a = &k.approval;
    if a.status != ApprovalStatus::Pending {
        let when = a
            .date_resolved
            .as_ref()
            .or(a.date_updated.as_ref())
            .map_or("—", |t| t.as_str());
        return row("  resolved", when.to_owned(), theme);
    }
    let Some(date) = &a.expiration_date else {
        return row("  expires", "never (no timeout)", theme);
    };
    let Some(at) = date.instant() else {
        return row(
            "  expires",
            format!("{} (unreadable date)", date.as_str()),
            theme,
        );
    };
    let left = countdown::until(at, state.now, state.skew);
    let u = countdown::urgency(left);
    let marker = Theme::urgency_marker(u);
    let shown = countdown::format_left(left, false);
    let value = if marker.is_empty() {
        shown
    } else {
        format!("{marker} {shown}")
    };
    Line::from(vec![
        Span::styled(format!("{:<LABEL$}", "  expires in"), theme.label()),
        Span::styled(value, theme.countdown(u)),
        Span::raw(format!(" ({}): then the payout is rejected", date.as_str())),
    ])
}

/// Whether I may approve, deny or neither, and why; the keys, or why they are off.
fn me_line(state: &AppState, k: &Known, theme: Theme) -> Line<'static> {
    let Some(me) = state.decider() else {
        return row_styled(
            "  you",
            "your user id is unknown: whether you may decide cannot be told",
            theme.dim(),
            theme,
        );
    };
    let stance = state.approvals.stance(&k.approval, &me);
    let (a, d) = (
        state.disabled(Action::Approve),
        state.disabled(Action::Deny),
    );
    let keys = match (&stance, a, d) {
        (Stance::No(_), _, _) => String::new(),
        (_, Some(a), Some(d)) if a == d => format!(" — a/d disabled: {a}"),
        (Stance::CanApprove, a, d) => {
            let a = a.map_or_else(
                || "a approves".to_owned(),
                |why| format!("a disabled: {why}"),
            );
            let d = d.map_or_else(|| "d denies".to_owned(), |why| format!("d disabled: {why}"));
            format!(" — {a}, {d}")
        }
        (Stance::CanDenyOnly(_), _, d) => match d {
            Some(why) => format!(" — d disabled: {why}"),
            None => " — d denies".to_owned(),
        },
    };
    let style = match stance {
        Stance::CanApprove => theme.needs_me(),
        Stance::CanDenyOnly(_) => theme.warning(),
        Stance::No(_) => Style::new(),
    };
    let text = stance_text(&stance);
    // The short verdict first, the keys, then the reason (it wraps).
    let (verdict, why) = match text.split_once(": ") {
        Some((v, w)) => (v.to_owned(), format!(": {w}")),
        None => (text, String::new()),
    };
    Line::from(vec![
        Span::styled(format!("{:<LABEL$}", "  you"), theme.label()),
        Span::styled(verdict, style),
        Span::styled(keys, theme.key()),
        Span::raw(why),
    ])
}
