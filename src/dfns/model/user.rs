//! `GET /auth/users` (Dfns API reference, "List Users"; needs `Auth:Users:Read`): the org's
//! users, read by the dashboard only to show a name where a user id would be. The payouts
//! references do not cover this route; the shape follows the public API reference's
//! example, and only `userId` and `username` are read — everything else is kept verbatim.

use serde::{Deserialize, Serialize};

use super::payout::Extra;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub user_id: String,
    pub username: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Users page like wallets: a limit and a token.
pub type ListUsersQuery = super::ListWalletsQuery;
