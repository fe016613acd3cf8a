//! `payouts-tui cancel ID`: re-read, the same guard as the dashboard, y/N unless `--yes`,
//! one signed request (never retried once it may have arrived), audited.

use crate::app::safety;
use crate::dfns::model::{Payout, PayoutAction};
use crate::dfns::text::shown;

use super::args::ActionArgs;
use super::confirm::{after_failure, report_state, reread};
use super::session::{Session, start_action};
use super::trail::Trail;
use super::{Exit, GlobalArgs, prompt, view};

pub async fn run(global: &GlobalArgs, args: ActionArgs) -> Exit {
    let (s, id) = match start_action(global, &args.id, args.yes, "cancel") {
        Ok(started) => started,
        Err(code) => return code,
    };
    let mut p = match reread(&s, id).await.and_then(|p| guard(&s, id, p)) {
        Ok(p) => p,
        Err(code) => return code,
    };
    eprint!("{}", summary(&p));
    if !args.yes {
        let answer =
            prompt::ask(&format!("Cancel payout {}? [y/N] ", shown(id))).unwrap_or_default();
        if !prompt::is_yes(&answer) {
            eprintln!("not canceled; nothing was sent");
            return Exit::Refused;
        }
        // Time passed while the question was open: the server's state decides, not the
        // one shown.
        p = match reread(&s, id).await.and_then(|p| guard(&s, id, p)) {
            Ok(p) => p,
            Err(code) => return code,
        };
    }
    let trail = Trail::new(s.audit(), "cancel");
    if let Err(e) = trail.attempt(&p.id, None, None) {
        return e;
    }
    let result = s.client.payout_action(&p.id, &PayoutAction::Cancel).await;
    trail.outcome(&p.id, None, &result, None);
    match result {
        Ok(_) => {
            eprintln!("canceled {}", shown(&p.id));
            report_state(&s, &p.id).await;
            Exit::Ok
        }
        Err(e) => after_failure(&s, &p.id, "cancel", &e).await,
    }
}

fn guard(s: &Session, asked: &str, p: Payout) -> Result<Payout, Exit> {
    match safety::check_cancel(asked, &p, s.me.as_deref()) {
        Ok(()) => Ok(p),
        Err(r) => {
            eprintln!("error: cannot cancel {}: {r}", shown(asked));
            Err(Exit::Refused)
        }
    }
}

fn summary(p: &Payout) -> String {
    super::output::fields(&[
        ("payout", p.id.clone()),
        ("amount", view::amount(p)),
        ("network", p.asset.network.to_string()),
        ("from wallet", p.wallet_id.clone()),
        (
            "external id",
            p.external_id.clone().unwrap_or_else(|| "-".into()),
        ),
    ])
}
