//! Names for the ids the board shows: wallet names from `GET /wallets` (read once at start by
//! the poller, and again whenever the new-payout form lists wallets) and user names from the
//! profile's `[aliases]` table (user id → name). One lookup, kept in the state
//! (`AppState::names`), for every place that shows an id — the table's REQUESTER column and
//! the detail pane now, the filter later.
//!
//! Both are text from outside (the server, the config file): [`Names::user`] and
//! [`Names::wallet`] give it raw, for matching; the `*_shown` forms escape it (`dfns::text`),
//! for the screen.

use std::collections::HashMap;

use crate::dfns::model::{User, Wallet};
use crate::dfns::text::escape;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    /// Wallet id → its name, for the wallets that have one.
    wallets: HashMap<String, String>,
    /// User id → the alias the profile gives it.
    users: HashMap<String, String>,
    /// User id → the username `GET /auth/users` gives (when the token may read users); an
    /// alias wins over it.
    usernames: HashMap<String, String>,
}

impl Names {
    /// The profile's aliases (user id → name); blank ones are left out.
    pub fn with_aliases(aliases: impl IntoIterator<Item = (String, String)>) -> Names {
        Names {
            wallets: HashMap::new(),
            usernames: HashMap::new(),
            users: aliases
                .into_iter()
                .map(|(id, name)| (id.trim().to_owned(), name.trim().to_owned()))
                .filter(|(id, name)| !id.is_empty() && !name.is_empty())
                .collect(),
        }
    }

    /// Takes in the names of `wallets` (those without one are left out). Returns whether
    /// anything changed.
    pub fn learn_wallets<'a>(&mut self, wallets: impl IntoIterator<Item = &'a Wallet>) -> bool {
        let mut changed = false;
        for w in wallets {
            let Some(name) = w.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) else {
                continue;
            };
            if self.wallets.get(&w.id).map(String::as_str) != Some(name) {
                self.wallets.insert(w.id.clone(), name.to_owned());
                changed = true;
            }
        }
        changed
    }

    /// The wallet's name, raw.
    pub fn wallet(&self, id: &str) -> Option<&str> {
        self.wallets.get(id).map(String::as_str)
    }

    /// The user's alias, raw.
    pub fn user(&self, id: &str) -> Option<&str> {
        self.users
            .get(id)
            .or_else(|| self.usernames.get(id))
            .map(String::as_str)
    }

    /// Takes in the usernames of `users` (blank ones are left out). Returns whether anything
    /// changed.
    pub fn learn_users<'a>(&mut self, users: impl IntoIterator<Item = &'a User>) -> bool {
        let mut changed = false;
        for u in users {
            let name = u.username.trim();
            if name.is_empty() || self.usernames.get(&u.user_id).map(String::as_str) == Some(name) {
                continue;
            }
            self.usernames.insert(u.user_id.clone(), name.to_owned());
            changed = true;
        }
        changed
    }

    /// The user's alias for the screen (escaped), if the profile gives one.
    pub fn user_shown(&self, id: &str) -> Option<String> {
        self.user(id).map(|n| escape(n).into_owned())
    }

    /// "alice (us-…)": the name with the id kept visible (escaped), or the id alone.
    pub fn user_with_id(&self, id: &str) -> String {
        with_id(self.user(id), id)
    }

    /// "Treasury (wa-…)", or the id alone.
    pub fn wallet_with_id(&self, id: &str) -> String {
        with_id(self.wallet(id), id)
    }
}

fn with_id(name: Option<&str>, id: &str) -> String {
    match name {
        Some(n) => format!("{} ({})", escape(n), escape(id)),
        None => escape(id).into_owned(),
    }
}

/// A wallet as `GET /wallets` lists it, for tests.
#[cfg(test)]
pub(crate) fn wallet(id: &str, name: Option<&str>) -> Wallet {
    serde_json::from_value(serde_json::json!({
        "id": id, "network": "Polygon", "status": "Active", "custodial": true,
        "dateCreated": "2025-01-01T00:00:00.000Z", "tags": [], "name": name,
        "signingKey": {"id": "key-1", "scheme": "ECDSA", "curve": "secp256k1", "publicKey": "ab"}
    }))
    .unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_wallet_names_by_id_with_the_id_kept() {
        let mut n = Names::with_aliases([
            ("us-1".to_owned(), " alice ".to_owned()),
            ("us-2".to_owned(), "  ".to_owned()),
        ]);
        assert_eq!(n.user("us-1"), Some("alice"));
        assert_eq!(n.user("us-2"), None, "a blank alias is none");
        assert_eq!(n.user_with_id("us-1"), "alice (us-1)");
        assert_eq!(n.user_with_id("us-3"), "us-3");
        assert!(n.learn_wallets(&[wallet("wa-1", Some("Treasury")), wallet("wa-2", None)]));
        assert!(
            !n.learn_wallets(&[wallet("wa-1", Some("Treasury"))]),
            "no change"
        );
        assert_eq!(n.wallet_with_id("wa-1"), "Treasury (wa-1)");
        assert_eq!(n.wallet_with_id("wa-2"), "wa-2");
    }

    #[test]
    fn names_from_outside_are_escaped_for_the_screen() {
        let mut n = Names::with_aliases([("us-1".to_owned(), "bob\u{1b}]52;c;x\u{7}".to_owned())]);
        n.learn_wallets(&[wallet("wa-1", Some("Ops\u{202e}lanimret"))]);
        assert_eq!(
            n.user_shown("us-1").as_deref(),
            Some("bob\\u{1b}]52;c;x\\u{7}")
        );
        assert_eq!(n.wallet_with_id("wa-1"), "Ops\\u{202e}lanimret (wa-1)");
        // Raw for matching.
        assert_eq!(n.user("us-1"), Some("bob\u{1b}]52;c;x\u{7}"));
    }

    fn user(id: &str, name: &str) -> User {
        serde_json::from_value(serde_json::json!({
            "userId": id, "username": name, "kind": "CustomerEmployee", "isActive": true
        }))
        .unwrap()
    }

    #[test]
    fn usernames_from_the_api_name_users_the_profile_does_not() {
        let mut n = Names::with_aliases([("us-1".to_owned(), "alice".to_owned())]);
        assert!(n.learn_users(&[
            user("us-1", "alice.smith@example.co"),
            user("us-2", "bob@example.co"),
            user("us-3", " "),
        ]));
        assert!(
            !n.learn_users(&[user("us-2", "bob@example.co")]),
            "no change"
        );
        assert_eq!(n.user("us-1"), Some("alice"), "the alias wins");
        assert_eq!(n.user("us-2"), Some("bob@example.co"));
        assert_eq!(n.user("us-3"), None, "a blank username is none");
        let mut hostile = Names::default();
        hostile.learn_users(&[user("us-4", "eve\u{1b}[2J")]);
        assert_eq!(hostile.user_with_id("us-4"), "eve\\u{1b}[2J (us-4)");
    }
}
