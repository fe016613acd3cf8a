//! Which actions are off, and why: the dangerous ones in read-only mode, and any action the
//! API refused with HTTP 403 (the token lacks the permission) — off for the rest of the
//! session, with the server's words. The keymap, the hint bar, the help and the detail
//! pane all ask [`AppState::disabled`], the one rule.

use super::{AppState, Level};
use crate::app::action::Action;
use crate::dfns::text;

impl AppState {
    /// Why `action` cannot be used now, or None when it can: read-only mode first (for
    /// the dangerous actions), then a 403 the API answered it with this session.
    pub fn disabled(&self, action: Action) -> Option<String> {
        if action.dangerous()
            && let Some(why) = &self.settings.read_only
        {
            return Some(why.clone());
        }
        self.forbidden.get(&action).cloned()
    }

    /// The API answered `action` with `status`: a 403 turns the action off for the session,
    /// with `message` (the server's, shown through the sanitizer) as the reason, and says
    /// so. Any other status changes nothing: a refusal about this payout is not one about
    /// the token.
    pub fn learn_refusal(&mut self, action: Action, status: Option<u16>, message: &str) {
        if status != Some(403) || self.forbidden.contains_key(&action) {
            return;
        }
        let why = format!("the API refused it (403): {}", text::escape(message));
        self.forbidden.insert(action, why.clone());
        self.flash(
            Level::Warn,
            format!("{} is disabled for this session: {why}", action.info().name),
        );
    }
}
