//! Which actions are off, and why: the dangerous ones in read-only mode, and any action the
//! API refused with HTTP 403 (the token lacks the permission) — off for the rest of the
//! session, with the server's words. The keymap, the hint bar, the help and the detail
//! pane all ask [`AppState::disabled`], the one rule.

use super::{AppState, Level};
use crate::app::action::Action;
use crate::dfns::text;

/// The permission the API reference names for each action's request: what an action needs
/// my token to be granted.
const NEEDS: [(Action, &str); 5] = [
    (Action::Confirm, "Payouts:Write"),
    (Action::CancelPayout, "Payouts:Write"),
    (Action::NewPayout, "Payouts:Create"),
    (Action::Approve, "Policies:Approvals:Approve"),
    (Action::Deny, "Policies:Approvals:Approve"),
];

impl AppState {
    /// What the API says my permissions grant (`operations`, from my user in
    /// `GET /auth/users`): an action whose permission is not among them is off from the
    /// start, before any request is refused.
    pub fn learn_grants(&mut self, operations: &[&str]) {
        for (action, needed) in NEEDS {
            if !operations.contains(&needed) && !self.forbidden.contains_key(&action) {
                self.forbidden.insert(
                    action,
                    format!("your permissions do not grant {needed} (GET /auth/users)"),
                );
            }
        }
    }

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
