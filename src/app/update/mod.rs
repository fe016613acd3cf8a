//! `update(&mut AppState, Msg) -> Vec<Effect>`: every behaviour of the dashboard, with no
//! terminal, no network and no clock. Split by idea: navigation, the money dialogs, data.

mod data;
mod dialogs;
mod navigation;
mod new_payout;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_new_payout;

use super::action::Action;
use super::effect::Effect;
use super::msg::{Msg, TextKey};
use super::state::{AppState, Level, Mode};

pub fn update(s: &mut AppState, msg: Msg) -> Vec<Effect> {
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
        Msg::WalletsLoaded { op, result } => new_payout::wallets_loaded(s, op, result),
        Msg::Quoted { op, result } => new_payout::quoted(s, op, result),
        Msg::Created { op, result } => new_payout::created(s, op, result),
        Msg::Quit => quit(s),
        Msg::Input(action) => input(s, action),
        Msg::Text(key) => text(s, key),
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
        Mode::Help | Mode::Log => {
            if matches!(action, Action::Quit) {
                return quit(s);
            }
            s.mode = Mode::Board;
            return vec![];
        }
        Mode::Filter { .. } | Mode::Board => {}
    }
    if action.dangerous()
        && let Some(why) = s.settings.read_only.clone()
    {
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
        Action::Confirm => dialogs::open_confirm(s),
        Action::CancelPayout => dialogs::open_cancel(s),
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
                TextKey::Up | TextKey::Down | TextKey::Tab | TextKey::BackTab => return vec![],
            }
            let text = input.clone();
            navigation::set_filter(s, text);
            vec![]
        }
        Mode::NewPayout(_) => new_payout::text(s, key),
        Mode::Dialog(_) => dialogs::text(s, key),
        Mode::Board | Mode::Help | Mode::Log => vec![],
    }
}
