//! `update(&mut AppState, Msg) -> Vec<Effect>`: every behaviour of the dashboard, with no
//! terminal, no network and no clock. Split by idea: navigation, the money dialogs (confirm
//! and cancel; approve and deny), data (payouts; approvals).

mod approvals;
mod data;
mod decide;
mod decide_keys;
mod dialogs;
mod navigation;
mod new_payout;
mod resolve;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_copy;
#[cfg(test)]
mod tests_decide;
#[cfg(test)]
mod tests_new_payout;
#[cfg(test)]
mod tests_permissions;
#[cfg(test)]
mod tests_place;
#[cfg(test)]
mod tests_resolve;
#[cfg(test)]
mod tests_sort;
#[cfg(test)]
mod tests_zoom;

pub use decide_keys::{MAX_REASON, approve_fits};

use super::action::Action;
use super::effect::Effect;
use super::msg::{Msg, TextKey};
use super::state::{AppState, Level, Mode};
use crate::dfns::model::DecisionValue;

pub fn update(s: &mut AppState, msg: Msg) -> Vec<Effect> {
    let fx = handle(s, msg);
    s.keep_view();
    fx
}

fn handle(s: &mut AppState, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Tick(now) => data::tick(s, now),
        Msg::Resize { width, height } => {
            s.width = width;
            s.height = height;
            s.clamp_scroll();
            vec![]
        }
        Msg::PollStarted => {
            // No redraw: the ⟳ appears on a later tick only if the poll is slow.
            s.fresh.polling = true;
            s.fresh.poll_started = Some(s.now);
            vec![]
        }
        Msg::Polled(batch) => data::polled(s, batch),
        Msg::PollFailed {
            error,
            next_step,
            retry_in,
        } => data::poll_failed(s, error, next_step, retry_in),
        Msg::Skew(skew) => {
            if s.skew != skew {
                s.skew = skew;
            }
            vec![]
        }
        Msg::Reverified { op, result } => dialogs::reverified(s, op, result),
        Msg::ActionDone { op, outcome } => dialogs::done(s, op, outcome),
        Msg::ApprovalsPolled(batch) => approvals::polled(s, batch),
        Msg::ApprovalRead {
            transfer_id,
            generation,
            result,
        } => approvals::read(s, transfer_id, generation, result),
        Msg::DecisionReverified { op, result } => decide::reverified(s, op, result),
        Msg::Decided {
            op,
            outcome,
            generation,
            approval,
        } => decide::decided(s, op, outcome, generation, approval),
        Msg::WalletsLoaded { op, result } => new_payout::wallets_loaded(s, op, result),
        Msg::WalletsNamed(wallets) => {
            s.learn_wallet_names(&wallets);
            vec![]
        }
        Msg::UsersNamed(users) => {
            s.names.learn_users(&users);
            let mine = users
                .iter()
                .find(|u| s.me.as_deref() == Some(u.user_id.as_str()))
                .and_then(|u| u.operations());
            if let Some(ops) = mine {
                s.learn_grants(&ops);
            }
            vec![]
        }
        Msg::PoliciesRead(policies) => {
            for p in policies {
                s.approvals.policies.insert(p.id.clone(), p);
            }
            vec![]
        }
        Msg::Quoted { op, result } => new_payout::quoted(s, op, result),
        Msg::Created { op, result } => new_payout::created(s, op, result),
        Msg::Resolved {
            op,
            generation,
            result,
        } => resolve::resolved(s, op, generation, result),
        Msg::Quit => quit(s),
        Msg::Input(action) => {
            let before = s.selected;
            let mut fx = input(s, action);
            moved_by_hand(s, before);
            if s.selected != before && matches!(s.mode, Mode::Board) {
                fx.extend(approvals::on_select(s));
            }
            fx
        }
        Msg::Text(key) => {
            // The filter moves the selection too: once it is closed, the selected held
            // payout's approval is read again.
            let (before, filtering) = (s.selected, matches!(s.mode, Mode::Filter { .. }));
            let mut fx = text(s, key);
            moved_by_hand(s, before);
            if matches!(s.mode, Mode::Board) && (s.selected != before || filtering) {
                fx.extend(approvals::on_select(s));
            }
            fx
        }
    }
}

/// A key moved the selection: it goes where the operator put it from now on, not back to
/// the place of the payout last acted on (`AppState::keep_place`).
fn moved_by_hand(s: &mut AppState, before: Option<usize>) {
    if s.selected != before {
        s.keep_place = None;
    }
}

fn quit(s: &mut AppState) -> Vec<Effect> {
    s.quit = true;
    vec![]
}

pub(super) fn input(s: &mut AppState, action: Action) -> Vec<Effect> {
    // A dialog or the help overlay has the keys while open.
    match &s.mode {
        Mode::Dialog(_) | Mode::NewPayout(_) => return dialogs::key(s, action),
        Mode::Help | Mode::Log | Mode::SortPick { .. } => {
            if matches!(action, Action::Quit) {
                return quit(s);
            }
            s.mode = Mode::Board;
            return vec![];
        }
        Mode::Filter { .. } | Mode::Board => {}
    }
    if let Some(why) = s.disabled(action) {
        s.flash(
            Level::Warn,
            format!("{} is disabled: {why}", action.info().name),
        );
        return vec![];
    }
    match action {
        Action::Quit => quit(s),
        Action::Help => {
            s.mode = Mode::Help;
            vec![]
        }
        Action::Log => {
            s.mode = Mode::Log;
            s.unread = 0;
            vec![]
        }
        Action::Refresh => {
            s.flash(Level::Info, "refreshing…");
            vec![Effect::PollNow]
        }
        Action::Filter => {
            s.mode = Mode::Filter {
                input: s.filter.text().to_owned(),
            };
            vec![]
        }
        Action::Back => navigation::back(s),
        Action::Sort => navigation::open_sort(s),
        Action::Confirm => dialogs::open_confirm(s),
        Action::CancelPayout => dialogs::open_cancel(s),
        Action::Approve => decide::open(s, DecisionValue::Approved),
        Action::Deny => decide::open(s, DecisionValue::Denied),
        Action::Copy => navigation::copy(s),
        Action::NewPayout => new_payout::open(s),
        other => navigation::act(s, other),
    }
}

/// Keys while typing: the filter line, or a dialog.
fn text(s: &mut AppState, key: TextKey) -> Vec<Effect> {
    match &mut s.mode {
        Mode::Filter { input } => {
            match key {
                TextKey::Char(c) => input.push(c),
                TextKey::Backspace => {
                    input.pop();
                }
                TextKey::Enter => {
                    s.mode = Mode::Board;
                    return vec![];
                }
                TextKey::Esc => {
                    s.mode = Mode::Board;
                    navigation::set_filter(s, String::new());
                    return vec![];
                }
                TextKey::CtrlU => input.clear(),
                TextKey::Up | TextKey::Down | TextKey::Tab | TextKey::BackTab => return vec![],
            }
            let text = input.clone();
            navigation::set_filter(s, text);
            vec![]
        }
        Mode::SortPick { cursor } => {
            let cursor = *cursor;
            navigation::sort_key(s, cursor, key)
        }
        Mode::NewPayout(_) => new_payout::text(s, key),
        Mode::Dialog(_) => dialogs::text(s, key),
        Mode::Board | Mode::Help | Mode::Log => vec![],
    }
}
