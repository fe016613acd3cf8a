//! `payouts-tui confirm ID`: the dashboard's money guard, on the command line.
//!
//! Re-read → `safety::check_confirm` → show the transfer → typed check (the last 4
//! characters of the deposit address) unless `--yes` → re-read again and check that nothing
//! changed since it was shown → audit attempt → one signed request, never retried once it may
//! have arrived → audit outcome → re-read and report the new state.

use crate::app::resolve;
use crate::app::safety::{self, Echo};
use crate::dfns::error::{ApiError, Class};
use crate::dfns::model::Payout;
use crate::dfns::text;

use super::args::ActionArgs;
use super::session::{Session, start_action};
use super::trail::Trail;
use super::{Exit, GlobalArgs, exit, prompt};

pub async fn run(global: &GlobalArgs, args: ActionArgs) -> Exit {
    let (s, id) = match start_action(global, &args.id, args.yes, "confirm") {
        Ok(started) => started,
        Err(code) => return code,
    };
    let me = s.me.as_deref();
    let shown = match reread(&s, id).await.and_then(|p| guard(id, &p, me, None)) {
        Ok(echo) => echo,
        Err(code) => return code,
    };
    eprint!("{}", transfer(&shown));
    if !args.yes {
        let question = format!(
            "Type the last 4 characters of the deposit address to send {} {} (anything else aborts): ",
            text::shown(&shown.human_amount),
            text::shown(&shown.symbol)
        );
        let typed = prompt::ask(&question).unwrap_or_default();
        if !shown.arms(&typed) {
            eprintln!(
                "not confirmed: the characters typed are not the last 4 of the deposit address; nothing was sent"
            );
            return Exit::Refused;
        }
    }
    // The last word is the server's state right before sending, compared with what was shown.
    let echo = match reread(&s, id)
        .await
        .and_then(|p| guard(id, &p, me, Some(&shown)))
    {
        Ok(echo) => echo,
        Err(code) => return code,
    };
    let trail = Trail::new(s.audit(), "confirm");
    if let Err(e) = trail.attempt(&echo.payout_id, Some(&echo), None) {
        return e;
    }
    let result = s.client.payout_action(&echo.payout_id, &echo.body()).await;
    trail.outcome(&echo.payout_id, Some(&echo), &result, None);
    match result {
        Ok(_) => {
            eprintln!(
                "confirmed {}: {} {} to {}",
                text::shown(&echo.payout_id),
                text::shown(&echo.human_amount),
                text::shown(&echo.symbol),
                text::shown(&echo.deposit_address)
            );
            report_state(&s, id).await;
            Exit::Ok
        }
        Err(e) => after_failure(&s, id, "confirm", &e).await,
    }
}

/// The transfer as the operator checks it: every field that decides where money goes.
pub fn transfer(e: &Echo) -> String {
    let token = e.contract.as_deref().or(e.mint.as_deref()).unwrap_or("-");
    super::output::fields(&[
        ("payout", e.payout_id.clone()),
        ("amount", format!("{} {}", e.human_amount, e.symbol)),
        ("base units", e.amount_base.clone()),
        ("token", format!("{} {token}", e.kind)),
        ("network", e.network.clone()),
        ("from wallet", e.wallet_id.clone()),
        ("to (deposit)", e.deposit_address.clone()),
        (
            "external id",
            e.external_id.clone().unwrap_or_else(|| "-".into()),
        ),
    ])
}

/// The guard's verdict as an exit: a refusal is "not in a state that allows it" (1).
fn guard(asked: &str, p: &Payout, me: Option<&str>, shown: Option<&Echo>) -> Result<Echo, Exit> {
    safety::check_confirm(asked, p, me, shown).map_err(|r| {
        eprintln!("error: cannot confirm {}: {r}", text::shown(asked));
        Exit::Refused
    })
}

pub async fn reread(s: &Session, id: &str) -> Result<Payout, Exit> {
    s.client.get_payout(id).await.map_err(|e| {
        exit::report(
            &format!("cannot read payout {}; nothing was sent", text::shown(id)),
            &e,
            s.profile(),
        )
    })
}

/// After a send that failed: a refusal is exit 1; anything that may have reached the server
/// is exit 3 after re-reading (never re-sending) to show what happened.
pub async fn after_failure(s: &Session, id: &str, action: &'static str, e: &ApiError) -> Exit {
    let shown_id = text::shown(id);
    if e.class() == Class::Held {
        // HTTP 202: accepted; a policy holds it until its approvers decide.
        eprintln!("{action} of {shown_id}: {e}; it moves on once the approvers decide");
        report_state(s, id).await;
        return exit::exit_for(e);
    }
    let code = exit::report(&format!("{action} of {shown_id}"), e, s.profile());
    if e.class() == Class::OutcomeUnknown {
        eprintln!("the {action} may or may not have happened; it was not repeated. Re-reading:");
        match s.client.get_payout(id).await {
            // What the re-read shows, said and audited by the dashboard's rule.
            Ok(p) => {
                Trail::new(s.audit(), action).resolved(&resolve::payout_action(action, id, &p))
            }
            Err(e) => eprintln!(
                "could not re-read {shown_id}: {e}; run `payouts-tui get {shown_id}` before trying again"
            ),
        }
    }
    code
}

/// One line on stderr with the payout's state as the server now tells it.
pub async fn report_state(s: &Session, id: &str) {
    let shown_id = text::shown(id);
    match s.client.get_payout(id).await {
        Ok(p) if p.id != id => eprintln!(
            "the API answered a re-read of {shown_id} with another payout ({}); run `payouts-tui get {shown_id}`",
            text::shown(&p.id)
        ),
        Ok(p) => eprintln!(
            "{shown_id} is now {} · {}",
            text::shown(p.status.as_str()),
            text::shown(p.execution_status().as_str())
        ),
        Err(e) => eprintln!("could not re-read {shown_id}: {e}; run `payouts-tui get {shown_id}`"),
    }
}
