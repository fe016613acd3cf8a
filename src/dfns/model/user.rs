//! `GET /auth/users` (Dfns API reference, "List Users"; needs `Auth:Users:Read`): the org's
//! users, read by the dashboard to show a name where a user id would be, and — for my own
//! user — which operations my permissions grant, so an action I may not take is off from the
//! start. The payouts references do not cover this route; the shape follows the public API
//! reference's example, and only `userId`, `username` and the assignments' `operations` are
//! read — everything else is kept verbatim.

use serde::{Deserialize, Serialize};

use super::payout::Extra;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub user_id: String,
    pub username: String,
    /// Absent: unknown (nothing is concluded from it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_assignments: Option<Vec<PermissionAssignment>>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PermissionAssignment {
    /// e.g. "Payouts:Write".
    #[serde(default)]
    pub operations: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl User {
    /// Every operation my assignments grant; None when the API did not say.
    pub fn operations(&self) -> Option<Vec<&str>> {
        self.permission_assignments.as_ref().map(|a| {
            a.iter()
                .flat_map(|p| p.operations.iter().map(String::as_str))
                .collect()
        })
    }
}

/// Users page like wallets: a limit and a token.
pub type ListUsersQuery = super::ListWalletsQuery;
