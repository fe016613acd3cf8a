//! Data arriving (polls), time passing (ticks), and the alerts they raise.

use chrono::{DateTime, Utc};

use crate::app::board::{Group, Row};
use crate::app::countdown::{self, Urgency};
use crate::app::effect::Effect;
use crate::app::msg::PollBatch;
use crate::app::state::{AppState, Level};
use crate::dfns::model::{ExecutionStatus, Payout, PayoutStatus};

/// Payout indices in the "Needs my confirmation" group (the first group on the board).
fn needs_me(s: &AppState) -> Vec<usize> {
    let mut out = Vec::new();
    let mut in_group = false;
    for row in &s.board.rows {
        match row {
            Row::Header { group, .. } => {
                if in_group {
                    break;
                }
                in_group = *group == Group::NeedsMe;
            }
            Row::Item(i) if in_group => out.push(*i),
            Row::Item(_) => {}
        }
    }
    out
}

pub(super) fn describe(p: &Payout) -> String {
    format!(
        "{} on {}",
        crate::app::display::amount(&p.asset),
        crate::dfns::text::escape(p.asset.network.as_str())
    )
}

pub(super) fn alert(s: &AppState, text: String) -> Vec<Effect> {
    let mut fx = Vec::new();
    if s.settings.bell {
        fx.push(Effect::Bell);
    }
    if s.settings.notify {
        fx.push(Effect::Notify(text));
    }
    fx
}

/// What a change of one of my payouts is worth an alert for: it ended badly, or a policy now
/// holds it. None for anything else (and for a payout seen for the first time).
fn transition_alert(before: Option<&Payout>, after: &Payout, me: Option<&str>) -> Option<String> {
    let before = before?;
    if me.is_none() || after.requester_id() != me {
        return None;
    }
    let ended_badly = matches!(
        after.status,
        PayoutStatus::Expired | PayoutStatus::Failed | PayoutStatus::Rejected
    );
    if ended_badly && !before.status.is_terminal() {
        let reason = after
            .data
            .status_reason
            .as_deref()
            .map(|r| format!(" ({})", crate::dfns::text::escape(r)))
            .unwrap_or_default();
        return Some(format!(
            "payout {} {}{reason}: {}",
            after.id,
            after.status.as_str().to_lowercase(),
            describe(after)
        ));
    }
    let held = |p: &Payout| *p.execution_status() == ExecutionStatus::PendingPolicyApproval;
    (held(after) && !held(before)).then(|| {
        format!(
            "payout {} is held by a policy until its approvers decide: {}",
            after.id,
            describe(after)
        )
    })
}

pub fn polled(s: &mut AppState, batch: PollBatch) -> Vec<Effect> {
    let mut changed = false;
    let mut transitions = Vec::new();
    for p in batch.payouts {
        // Thaws a finished payout only after the first load (a poll re-reads few).
        let before = s
            .fresh
            .initial_load_done
            .then(|| s.payouts.position(&p.id))
            .flatten()
            .and_then(|i| s.payouts.get(i))
            .map(std::borrow::Cow::into_owned);
        if s.fresh.initial_load_done
            && let Some(text) = transition_alert(before.as_ref(), &p, s.me.as_deref())
        {
            transitions.push(text);
        }
        changed |= s.upsert(p, batch.generation);
    }
    // While the first sweep pours history in, regroup only when the payouts have grown by a
    // quarter since the last time (and at its end): each regroup reads every payout, so one
    // per page made the load quadratic. The first page always shows at once.
    let pouring = !s.fresh.initial_load_done
        && !batch.cycle_done
        && !s.board.rows.is_empty()
        && s.payouts.len() < s.board.payouts_read() * 5 / 4;
    if changed && !pouring {
        s.rebuild();
    }
    s.fresh.malformed = batch.malformed;
    if batch.cycle_done {
        s.fresh.last_ok = Some(s.now);
        s.fresh.polling = false;
        s.fresh.failures = 0;
        s.fresh.last_error = None;
        s.fresh.next_step = None;
        s.fresh.retry_at = None;
    }
    let mut fx = Vec::new();
    for text in transitions {
        s.flash(Level::Warn, text.clone());
        fx.extend(alert(s, text));
    }
    if batch.initial_load_done && !s.fresh.initial_load_done {
        // What already needed me at start-up is on screen; only what arrives later rings.
        s.fresh.initial_load_done = true;
        let now_needing: Vec<String> = needs_me(s)
            .into_iter()
            .filter_map(|i| s.payouts.id(i).map(str::to_owned))
            .collect();
        s.alerted_new.extend(now_needing);
        fx.push(Effect::ReleaseMemory);
    } else if s.fresh.initial_load_done {
        for i in needs_me(s) {
            let Some(p) = s.payouts.get(i).map(std::borrow::Cow::into_owned) else {
                continue;
            };
            if s.alerted_new.insert(p.id.clone()) {
                let text = format!("payout {} needs your confirmation: {}", p.id, describe(&p));
                s.flash(Level::Warn, text.clone());
                fx.extend(alert(s, text));
            }
        }
    }
    // A held payout that just arrived may complete an approval awaiting me.
    fx.extend(super::approvals::announce_new(s));
    fx
}

pub fn poll_failed(
    s: &mut AppState,
    error: String,
    next_step: Option<String>,
    retry_in: std::time::Duration,
) -> Vec<Effect> {
    s.fresh.polling = false;
    s.fresh.failures += 1;
    // A sweep cut short leaves no payout off the board (see `polled`).
    if s.board.payouts_read() != s.payouts.len() {
        s.rebuild();
    }
    s.fresh.last_error = Some(error);
    s.fresh.next_step = next_step;
    s.fresh.retry_at = chrono::Duration::from_std(retry_in).ok().map(|d| s.now + d);
    vec![]
}

pub fn tick(s: &mut AppState, now: DateTime<Utc>) -> Vec<Effect> {
    s.now = now;
    if s.flash.as_ref().is_some_and(|f| f.until <= now) {
        s.flash = None;
    }
    // Under an hour left on something that needs me: say so once.
    let mut fx = Vec::new();
    for i in needs_me(s) {
        let Some(p) = s.payouts.get(i) else {
            continue;
        };
        let Some(d) = countdown::deadline(&p) else {
            continue;
        };
        let left = countdown::remaining(&d, now, s.skew);
        if countdown::urgency(left) <= Urgency::Soon
            && left > chrono::Duration::zero()
            && s.alerted_soon.insert(p.id.clone())
        {
            let text = format!(
                "payout {} expires in {}: {}",
                p.id,
                countdown::format_left(left, d.approximate),
                describe(&p)
            );
            fx.extend(alert(s, text));
        }
    }
    fx.extend(super::approvals::tick(s, now));
    fx
}
