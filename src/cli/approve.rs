//! `payouts-tui approve ID` and `payouts-tui deny ID`: confirm's discipline for a policy
//! approval.
//!
//! Resolve the id (approval or held payout) → re-read both and the policies → the guard
//! (`app::approval::check_decision`) → show the transfer, the policy's reason and the quorum
//! → approve: type the last 4 characters of the deposit address; deny: y/N (unless `--yes`)
//! → re-read again and check nothing changed → audit attempt → one signed decision, never
//! retried once it may have arrived → audit outcome → report the approval and the payout.

use crate::app::approval::{Asked, DecisionEcho, Me, Stance, check_decision};
use crate::app::resolve as unknown;
use crate::dfns::error::{ApiError, Class};
use crate::dfns::model::{Approval, DecisionRequest, DecisionValue, Payout, Policy};
use crate::dfns::text::shown;

use super::confirm::report_state;
use super::held::{policies_of, resolve};
use super::session::Session;
use super::trail::Trail;
use super::{Exit, GlobalArgs, exit, prompt};

/// What was asked on the command line.
pub struct Ask {
    pub id: String,
    pub yes: bool,
    pub reason: Option<String>,
}

pub async fn run(global: &GlobalArgs, ask: Ask, value: DecisionValue) -> Exit {
    let action = match value {
        DecisionValue::Approved => "approve",
        _ => "deny",
    };
    let Some(asked) = asked(&ask.id) else {
        return Exit::Usage;
    };
    let s = match Session::open(global) {
        Ok(s) => s,
        Err(e) => return e,
    };
    if let Err(e) = s.require_actions(action) {
        return e;
    }
    if !ask.yes
        && let Err(e) = prompt::require_terminal(action)
    {
        return e;
    }
    let Some(me_id) = s.me.clone() else {
        eprintln!(
            "error: cannot {action} {}: your user id is unknown (the token names none; set PAYOUTS_TUI_USER_ID or user_id in the profile), so whether you may decide cannot be told; nothing was sent",
            shown(&ask.id)
        );
        return Exit::Refused;
    };
    let kind = s.client.whoami().and_then(|c| c.token_kind);
    let me = Me::new(&me_id, kind.as_deref());
    let shown_echo = match guarded(&s, asked, &me, &value, action, None).await {
        Ok(echo) => echo,
        Err(code) => return code,
    };
    eprint!("{}", summary(&shown_echo, &s));
    if !ask.yes && !agreed(&shown_echo, &value) {
        return Exit::Refused;
    }
    // The server's word right before sending, compared with what was shown.
    let echo = match reguard(&s, &shown_echo, &me, &value, action).await {
        Ok(echo) => echo,
        Err(code) => return code,
    };
    send(&s, &echo, value, ask.reason, action).await
}

/// `ap-…` or `pyt-…`; anything else is a usage error (exit 2).
fn asked(id: &str) -> Option<Asked<'_>> {
    let id = id.trim();
    if id.starts_with("ap-") {
        Some(Asked::Approval(id))
    } else if id.starts_with("pyt-") {
        Some(Asked::Payout(id))
    } else {
        eprintln!(
            "error: '{}' is neither an approval id (ap-…) nor a payout id (pyt-…)",
            shown(id)
        );
        None
    }
}

/// Finds the approval and the payout, reads the policies, and runs the guard.
async fn guarded(
    s: &Session,
    asked: Asked<'_>,
    me: &Me<'_>,
    value: &DecisionValue,
    action: &str,
    before: Option<&DecisionEcho>,
) -> Result<DecisionEcho, Exit> {
    let (approval, payout) = resolve(s, asked, action).await?;
    check(s, asked, (&approval, &payout), me, value, action, before).await
}

/// Re-reads exactly the approval and the payout that were shown, and runs the guard again
/// against what was shown.
async fn reguard(
    s: &Session,
    shown_echo: &DecisionEcho,
    me: &Me<'_>,
    value: &DecisionValue,
    action: &str,
) -> Result<DecisionEcho, Exit> {
    let approval_id = &shown_echo.approval_id;
    let payout_id = &shown_echo.transfer.payout_id;
    let approval = s.client.get_approval(approval_id).await.map_err(|e| {
        exit::report(
            &format!(
                "cannot re-read approval {}; nothing was sent",
                shown(approval_id)
            ),
            &e,
            s.profile(),
        )
    })?;
    let payout = s.client.get_payout(payout_id).await.map_err(|e| {
        exit::report(
            &format!(
                "cannot re-read payout {}; nothing was sent",
                shown(payout_id)
            ),
            &e,
            s.profile(),
        )
    })?;
    let asked = Asked::Approval(approval_id);
    check(
        s,
        asked,
        (&approval, &payout),
        me,
        value,
        action,
        Some(shown_echo),
    )
    .await
}

async fn check(
    s: &Session,
    asked: Asked<'_>,
    (approval, payout): (&Approval, &Payout),
    me: &Me<'_>,
    value: &DecisionValue,
    action: &str,
    before: Option<&DecisionEcho>,
) -> Result<DecisionEcho, Exit> {
    let policies: Vec<Policy> = policies_of(s, approval, action).await?;
    let id = asked.id();
    check_decision(asked, approval, payout, &policies, me, value, before).map_err(|r| {
        eprintln!("error: cannot {action} {}: {r}", shown(id));
        Exit::Refused
    })
}

/// The approve prompt is armed by the deposit address's last 4 characters; deny asks y/N.
fn agreed(e: &DecisionEcho, value: &DecisionValue) -> bool {
    if *value == DecisionValue::Approved {
        let question = format!(
            "Type the last 4 characters of the deposit address to approve sending {} {} (anything else aborts): ",
            shown(&e.transfer.human_amount),
            shown(&e.transfer.symbol)
        );
        let typed = prompt::ask(&question).unwrap_or_default();
        if !e.transfer.arms(&typed) {
            eprintln!(
                "not approved: the characters typed are not the last 4 of the deposit address; nothing was sent"
            );
            return false;
        }
        return true;
    }
    let question = format!(
        "Deny approval {}? Payout {} is then rejected. [y/N] ",
        shown(&e.approval_id),
        shown(&e.transfer.payout_id)
    );
    let answer = prompt::ask(&question).unwrap_or_default();
    if !prompt::is_yes(&answer) {
        eprintln!("not denied; nothing was sent");
        return false;
    }
    true
}

/// The approval as the operator checks it: the transfer, why it is held, how far it is.
fn summary(e: &DecisionEcho, s: &Session) -> String {
    let t = &e.transfer;
    let token = t.contract.as_deref().or(t.mint.as_deref()).unwrap_or("-");
    let mut rows = vec![
        ("approval", e.approval_id.clone()),
        ("payout", t.payout_id.clone()),
        ("amount", format!("{} {}", t.human_amount, t.symbol)),
        ("base units", t.amount_base.clone()),
        ("token", format!("{} {token}", t.kind)),
        ("network", t.network.clone()),
        ("from wallet", t.wallet_id.clone()),
        ("to (deposit)", t.deposit_address.clone()),
        ("transfer", e.transfer_id.clone()),
        ("initiator", s.who(Some(&e.initiator_id))),
    ];
    for r in &e.reasons {
        rows.push(("held because", r.clone()));
    }
    for g in &e.progress {
        rows.push(("quorum", g.to_string()));
    }
    rows.push((
        "expires",
        e.expiration_date.clone().unwrap_or_else(|| "-".to_owned()),
    ));
    rows.push((
        "you",
        match &e.stance {
            Stance::CanApprove => "may approve or deny".to_owned(),
            Stance::CanDenyOnly(why) => format!("may only deny: {why}"),
            Stance::No(why) => format!("may not decide: {why}"),
        },
    ));
    super::output::fields(&rows)
}

async fn send(
    s: &Session,
    echo: &DecisionEcho,
    value: DecisionValue,
    reason: Option<String>,
    action: &'static str,
) -> Exit {
    let payout_id = &echo.transfer.payout_id;
    let trail = Trail::new(s.audit(), action);
    let note = format!("approval {} {}", echo.approval_id, value);
    if let Err(e) = trail.attempt(payout_id, Some(&echo.transfer), Some(note)) {
        return e;
    }
    let body = DecisionRequest { value, reason };
    let result = s.client.decide_approval(&echo.approval_id, &body).await;
    let outcome = result
        .as_ref()
        .ok()
        .map(|a| format!("approval {} is now {}", a.id, a.status));
    trail.outcome(payout_id, Some(&echo.transfer), &result, outcome);
    match result {
        Ok(a) => {
            report_decided(echo, &a, action);
            report_state(s, payout_id).await;
            Exit::Ok
        }
        Err(e) => after_failure(s, echo, body.value, action, &e).await,
    }
}

fn report_decided(echo: &DecisionEcho, a: &Approval, action: &str) {
    let done = if action == "approve" {
        "approved"
    } else {
        "denied"
    };
    eprintln!(
        "{done} {} for payout {}: the approval is now {}",
        shown(&echo.approval_id),
        shown(&echo.transfer.payout_id),
        shown(a.status.as_str())
    );
    if a.status.as_str() == "Pending" {
        eprintln!("it needs more approvals before the transfer goes out");
    }
    if a.id != echo.approval_id {
        eprintln!(
            "warning: the API answered with approval {}; run `payouts-tui approvals` to check",
            shown(&a.id)
        );
    }
}

/// A refusal is exit 1; an unknown outcome is never re-sent: the approval and the payout are
/// re-read to show what happened (exit 3).
async fn after_failure(
    s: &Session,
    echo: &DecisionEcho,
    value: DecisionValue,
    action: &'static str,
    e: &ApiError,
) -> Exit {
    let id = shown(&echo.approval_id);
    let code = exit::report(&format!("{action} of {id}"), e, s.profile());
    if e.class() == Class::OutcomeUnknown {
        eprintln!(
            "the decision may or may not have been recorded; it was not repeated. Re-reading:"
        );
        match s.client.get_approval(&echo.approval_id).await {
            // What the re-read shows, said and audited by the dashboard's rule.
            Ok(a) => Trail::new(s.audit(), action).resolved(&unknown::decision(
                &value,
                &echo.approval_id,
                &echo.transfer.payout_id,
                s.me.as_deref().unwrap_or_default(),
                &a,
            )),
            Err(e) => eprintln!(
                "could not re-read {id}: {e}; run `payouts-tui approvals` before deciding again"
            ),
        }
        report_state(s, &echo.transfer.payout_id).await;
    }
    code
}
