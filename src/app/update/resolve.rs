//! An unknown outcome, resolved: the action that may have reached the server is never
//! re-sent; what it acted on is re-read (`Effect::Resolve`), and the answer says whether it
//! went through (`app::resolve`, the CLI's rule too). The result dialog (when still open),
//! the flash and the event log say the one sentence, the audit log gets one line for it, and
//! the board takes in what was read.

use crate::app::effect::{Effect, Lookup};
use crate::app::msg::Found;
use crate::app::new_payout::Step;
use crate::app::resolve::{self, Resolution, Verdict};
use crate::app::state::{
    AppState, CancelStage, ConfirmStage, DecideStage, Dialog, Level, Mode, Unresolved,
};
use crate::dfns::model::DecisionValue;

use super::approvals::refresh;

/// Notes `action` (dialog or form `op`, on payout `index`) as unresolved and asks for the
/// re-read that will tell.
pub(super) fn watch(
    s: &mut AppState,
    op: u64,
    action: &'static str,
    index: Option<usize>,
    lookup: Lookup,
) -> Effect {
    s.unresolved.retain(|u| u.op != op);
    s.unresolved.push(Unresolved {
        op,
        action,
        index,
        lookup: lookup.clone(),
    });
    Effect::Resolve { op, lookup }
}

/// How the sentence names what was acted on, before the re-read.
fn subject(lookup: &Lookup) -> String {
    match lookup {
        Lookup::Payout { id } => id.clone(),
        Lookup::Decision {
            payout_id,
            approval_id,
            ..
        } => format!("{approval_id} for {payout_id}"),
        Lookup::ExternalId { external_id, .. } => external_id.clone(),
    }
}

/// Takes a payout that was just read into the board.
fn take_in(s: &mut AppState, p: crate::dfns::model::Payout, generation: u64) {
    if s.upsert(p, generation) {
        s.rebuild();
    }
}

pub fn resolved(
    s: &mut AppState,
    op: u64,
    generation: u64,
    result: Result<Found, String>,
) -> Vec<Effect> {
    let Some(at) = s.unresolved.iter().position(|u| u.op == op) else {
        return vec![];
    };
    let u = s.unresolved.remove(at);
    let found = match result {
        Ok(f) => f,
        Err(e) => {
            s.flash(
                Level::Warn,
                format!(
                    "{} of {}: the outcome is still unknown, the re-read failed ({e}); check its status before acting again",
                    u.action,
                    subject(&u.lookup)
                ),
            );
            return vec![Effect::PollNow];
        }
    };
    // Decided before the board takes the read in: a payout known to have left its group
    // keeps the cursor where it was, as after an action that answered.
    let keep = |s: &mut AppState, r: &Resolution| {
        if r.verdict == Verdict::WentThrough && u.index.is_some() && s.selected == u.index {
            s.keep_place = u.index;
        }
    };
    let r = match (&u.lookup, found) {
        (Lookup::Payout { id }, Found::Payout(p)) => {
            let r = resolve::payout_action(u.action, id, &p);
            keep(s, &r);
            if p.id == *id {
                take_in(s, *p, generation);
            }
            r
        }
        (
            Lookup::Decision {
                payout_id,
                approval_id,
                ..
            },
            Found::Decision(read),
        ) => {
            let value = if u.action == "approve" {
                DecisionValue::Approved
            } else {
                DecisionValue::Denied
            };
            let me = s.me.clone().unwrap_or_default();
            let r = resolve::decision(&value, approval_id, payout_id, &me, &read.approval);
            keep(s, &r);
            let read = *read;
            for p in read.policies {
                s.approvals.policies.insert(p.id.clone(), p);
            }
            s.approvals.upsert(read.approval, read.generation, s.now);
            if read.payout.id == *payout_id {
                take_in(s, read.payout, read.generation);
            }
            refresh(s);
            r
        }
        (Lookup::ExternalId { external_id, .. }, Found::ExternalId(p)) => {
            let r = resolve::create(external_id, p.as_deref());
            if let Some(p) = p.filter(|p| p.external_id.as_deref() == Some(external_id)) {
                take_in(s, *p, generation);
            }
            r
        }
        // An answer of another kind than asked: nothing can be told from it.
        _ => return vec![],
    };
    show(s, op, &r);
    let level = match r.verdict {
        Verdict::WentThrough => Level::Info,
        Verdict::DidNotGoThrough | Verdict::CannotTell => Level::Warn,
    };
    s.flash(level, r.sentence());
    vec![Effect::Audit(r.audit_event())]
}

/// The result dialog or the form still showing "outcome unknown" for `op` shows the
/// resolution instead.
fn show(s: &mut AppState, op: u64, r: &Resolution) {
    match &mut s.mode {
        Mode::Dialog(d) if d.op() == op => match d {
            Dialog::Confirm { stage, .. } if matches!(stage, ConfirmStage::Unknown(_)) => {
                *stage = ConfirmStage::Resolved(r.clone());
            }
            Dialog::Cancel { stage, .. } if matches!(stage, CancelStage::Unknown(_)) => {
                *stage = CancelStage::Resolved(r.clone());
            }
            Dialog::Approve { stage, .. } | Dialog::Deny { stage, .. }
                if matches!(stage, DecideStage::Unknown(_)) =>
            {
                *stage = DecideStage::Resolved(r.clone());
            }
            _ => {}
        },
        Mode::NewPayout(f) if f.op == op && matches!(f.step, Step::Unknown(_)) => {
            f.step = match r.verdict {
                Verdict::WentThrough => Step::Created(r.payout_id.clone()),
                // Retrying with the same externalId stays safe either way.
                Verdict::DidNotGoThrough | Verdict::CannotTell => Step::Unknown(r.sentence()),
            };
        }
        _ => {}
    }
}
