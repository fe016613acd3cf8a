//! What every API command starts from: the resolved profile, a client, who I am, and the
//! audit log — built once, the same way the dashboard builds them.

use crate::audit::AuditLog;
use crate::config::Resolved;
use crate::dfns::client::{Client, ClientOptions};

use super::{Exit, GlobalArgs, connect};

pub struct Session {
    pub resolved: Resolved,
    pub client: Client,
    /// My user id from my own token claim; None when the token says nothing (the server
    /// still decides, but the local guard then refuses confirm and cancel).
    pub me: Option<String>,
}

impl Session {
    /// Resolves the configuration and builds the client; a configuration problem is
    /// reported on stderr and becomes exit 2.
    pub fn open(global: &GlobalArgs) -> Result<Session, Exit> {
        let resolved = connect::resolve(global).map_err(|e| {
            eprintln!("error: {e}");
            Exit::Usage
        })?;
        let client = connect::client(&resolved, ClientOptions::default()).map_err(|e| {
            eprintln!("error: {e}");
            Exit::Usage
        })?;
        let me = connect::me(&client, &resolved);
        Ok(Session {
            resolved,
            client,
            me,
        })
    }

    pub fn profile(&self) -> &str {
        &self.resolved.profile
    }

    /// Refuses state-changing commands in read-only mode or without a key: a configuration
    /// matter, so exit 2, before anything is read or sent.
    pub fn require_actions(&self, action: &str) -> Result<(), Exit> {
        match self.resolved.actions_disabled_reason() {
            Some(why) => {
                eprintln!("error: cannot {action}: {why}; nothing was sent");
                Err(Exit::Usage)
            }
            None => Ok(()),
        }
    }

    /// The audit log the dashboard writes too (None when no state dir can be found).
    pub fn audit(&self) -> Option<AuditLog> {
        AuditLog::default_path().map(|p| {
            AuditLog::new(
                p,
                &self.resolved.profile,
                &self.client.host(),
                self.me.as_deref(),
            )
        })
    }

    /// "me" for my own user id, the id otherwise.
    pub fn who(&self, user_id: Option<&str>) -> String {
        match (user_id, self.me.as_deref()) {
            (Some(u), Some(me)) if u == me => "me".to_owned(),
            (Some(u), _) => u.to_owned(),
            (None, _) => "?".to_owned(),
        }
    }
}

/// The common start of `confirm` and `cancel`: a payout id, a session allowed to act, and a
/// terminal to ask on unless `--yes`.
pub fn start_action<'a>(
    global: &GlobalArgs,
    id: &'a str,
    yes: bool,
    action: &str,
) -> Result<(Session, &'a str), Exit> {
    let id = super::get::payout_id(id).ok_or(Exit::Usage)?;
    let s = Session::open(global)?;
    s.require_actions(action)?;
    if !yes {
        super::prompt::require_terminal(action)?;
    }
    Ok((s, id))
}
