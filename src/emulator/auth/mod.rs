//! The emulator's authentication core: bearer tokens → principals, permissions, and the
//! user-action signing flow (`/auth/action/init`, `/auth/action`, `X-DFNS-USERACTION`).
//! See docs/reference/auth-and-signing.md §2, §3 and §7.
//!
//! Pure: no I/O, no clock reads (time arrives as an [`Instant`]), no hidden randomness (an
//! RNG is passed in). The router owns one [`Auth`] and calls it from its handlers.
//!
//! Secrets: bearer and user-action tokens never appear in an [`EmuError`], nor in `Debug`.
//!
//! Consumption policy (the real API's behaviour is undocumented): a challenge is consumed
//! only by a successful `/auth/action`, and a user-action token only by a request that passes
//! every binding check. A refused attempt leaves them usable, so a client that fixes its bug
//! can retry without a new init; a successful use can never be replayed.

mod challenge;
#[cfg(test)]
mod tests;
mod token;
mod user_action;

use std::collections::HashMap;
use std::fmt;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::dfns::signing::PublicKey;
use crate::emulator::error::EmuError;

pub use token::mint_token;

/// The bearer refusal, the same for every cause so it does not help guessing.
pub const MSG_BAD_BEARER: &str = "user token is missing or invalid";
/// The `X-DFNS-USERACTION` refusal (403); `details.reason` says which check failed.
pub const MSG_BAD_USER_ACTION: &str = "user action signature is missing or invalid";
/// A user-action token presented a second time (400).
pub const MSG_USER_ACTION_USED: &str = "user action has already been used";
/// An unknown, expired, consumed or foreign `challengeIdentifier` (400).
pub const MSG_BAD_CHALLENGE: &str = "Challenge token is not valid.";

/// Outstanding challenges (or user-action tokens) above which new ones are refused with 429
/// until some expire: keeps memory bounded against a client stuck in an init loop.
const MAX_OUTSTANDING: usize = 10_000;

/// The permissions the payouts, wallets and policy-approval routes check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    PayoutsRead,
    PayoutsCreate,
    PayoutsWrite,
    WalletsRead,
    WalletsTransfersRead,
    PoliciesRead,
    PoliciesApprovalsRead,
    PoliciesApprovalsApprove,
    AuthUsersRead,
}

impl Permission {
    pub const ALL: [Permission; 9] = [
        Self::PayoutsRead,
        Self::PayoutsCreate,
        Self::PayoutsWrite,
        Self::WalletsRead,
        Self::WalletsTransfersRead,
        Self::PoliciesRead,
        Self::PoliciesApprovalsRead,
        Self::PoliciesApprovalsApprove,
        Self::AuthUsersRead,
    ];

    /// The Dfns spelling, as in "… not authorized to perform operation (Payouts:Write)".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PayoutsRead => "Payouts:Read",
            Self::PayoutsCreate => "Payouts:Create",
            Self::PayoutsWrite => "Payouts:Write",
            Self::WalletsRead => "Wallets:Read",
            Self::WalletsTransfersRead => "Wallets:Transfers:Read",
            Self::PoliciesRead => "Policies:Read",
            Self::PoliciesApprovalsRead => "Policies:Approvals:Read",
            Self::PoliciesApprovalsApprove => "Policies:Approvals:Approve",
            Self::AuthUsersRead => "Auth:Users:Read",
        }
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A Key credential: `cred_id` is what clients send as `credId` and see in
/// `allowCredentials.key[].id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    pub cred_id: String,
    pub public_key: PublicKey,
}

/// A caller of the emulated API (a service account in the seeded org).
#[derive(Clone, PartialEq, Eq)]
pub struct Principal {
    /// Local handle, e.g. "operator"; names the credentials files.
    pub name: String,
    /// `us-xxxxx-xxxxx-xxxxxxxxxxxxxxxx`
    pub user_id: String,
    /// `to-…`
    pub token_id: String,
    pub org_id: String,
    /// "ServiceAccount"
    pub kind: String,
    /// The bearer token. Never printed: `Debug` redacts it.
    pub token: String,
    pub permissions: Vec<Permission>,
    pub credentials: Vec<Credential>,
}

impl fmt::Debug for Principal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Principal")
            .field("name", &self.name)
            .field("user_id", &self.user_id)
            .field("token_id", &self.token_id)
            .field("org_id", &self.org_id)
            .field("kind", &self.kind)
            .field("token", &"<redacted>")
            .field("permissions", &self.permissions)
            .field("credentials", &self.credentials)
            .finish()
    }
}

impl Principal {
    pub fn has(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }

    pub fn credential(&self, cred_id: &str) -> Option<&Credential> {
        self.credentials.iter().find(|c| c.cred_id == cred_id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthConfig {
    /// How long a challenge from `/auth/action/init` can be completed.
    pub challenge_ttl: Duration,
    /// How long a user-action token from `/auth/action` can be used.
    pub user_action_ttl: Duration,
    /// Compare the signed payload with the body byte for byte instead of as JSON values.
    pub strict_body: bool,
}

impl Default for AuthConfig {
    fn default() -> Self {
        // The real TTLs are undocumented; a few minutes covers any client (docs/reference/auth-and-signing.md §7.2).
        Self {
            challenge_ttl: Duration::from_secs(5 * 60),
            user_action_ttl: Duration::from_secs(5 * 60),
            strict_body: false,
        }
    }
}

/// What a user action is bound to: signed at init, checked on the signed route.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Binding {
    user_id: String,
    method: String,
    path: String,
    payload: String,
}

/// An issued challenge, keyed by its `challengeIdentifier`.
#[derive(Debug, Clone)]
struct Session {
    binding: Binding,
    challenge: String,
    issued: Instant,
    consumed: bool,
}

/// An issued user-action token, kept after use (until it expires) to tell reuse apart.
#[derive(Debug, Clone)]
struct Grant {
    binding: Binding,
    issued: Instant,
    used: bool,
}

/// Principals plus the in-flight signing state. Not `Debug`: its maps are keyed by tokens.
pub struct Auth {
    config: AuthConfig,
    principals: Vec<Principal>,
    sessions: HashMap<String, Session>,
    grants: HashMap<String, Grant>,
}

impl Auth {
    pub fn new(config: AuthConfig, principals: Vec<Principal>) -> Auth {
        Auth {
            config,
            principals,
            sessions: HashMap::new(),
            grants: HashMap::new(),
        }
    }

    pub fn config(&self) -> &AuthConfig {
        &self.config
    }

    pub fn principals(&self) -> &[Principal] {
        &self.principals
    }

    pub fn principal_by_user_id(&self, user_id: &str) -> Option<&Principal> {
        self.principals.iter().find(|p| p.user_id == user_id)
    }

    pub fn principal_by_name(&self, name: &str) -> Option<&Principal> {
        self.principals.iter().find(|p| p.name == name)
    }

    /// Outstanding (challenges, user-action tokens), consumed ones included until they expire.
    pub fn outstanding(&self) -> (usize, usize) {
        (self.sessions.len(), self.grants.len())
    }

    /// Maps an `Authorization` header value to its principal. The scheme is matched without
    /// regard to case (`Bearer`, `bearer`); missing, malformed or unknown → 401.
    pub fn authenticate(&self, authorization: Option<&str>) -> Result<&Principal, EmuError> {
        let refuse = |reason: &str| {
            EmuError::new(401, MSG_BAD_BEARER).with_details(json!({ "reason": reason }))
        };
        let value = authorization
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| refuse("the Authorization header is missing"))?;
        let (scheme, presented) = value
            .split_once(char::is_whitespace)
            .ok_or_else(|| refuse("expected `Authorization: Bearer <token>`"))?;
        let presented = presented.trim();
        if !scheme.eq_ignore_ascii_case("bearer") || presented.is_empty() {
            return Err(refuse("expected `Authorization: Bearer <token>`"));
        }
        self.principals
            .iter()
            .find(|p| token::same_secret(&p.token, presented))
            .ok_or_else(|| refuse("the token is not known to this emulator"))
    }

    /// 403 when `principal` lacks `needed`, worded as the real API words it.
    pub fn authorize(principal: &Principal, needed: Permission) -> Result<(), EmuError> {
        if principal.has(needed) {
            return Ok(());
        }
        Err(EmuError::new(
            403,
            format!(
                "{} {} is not authorized to perform operation ({})",
                principal.kind, principal.user_id, needed
            ),
        )
        .with_details(json!({ "permission": needed.as_str() })))
    }

    /// Drops expired challenges and user-action tokens (used or not).
    pub fn sweep(&mut self, now: Instant) {
        let (challenge_ttl, user_action_ttl) =
            (self.config.challenge_ttl, self.config.user_action_ttl);
        self.sessions
            .retain(|_, s| !expired(s.issued, challenge_ttl, now));
        self.grants
            .retain(|_, g| !expired(g.issued, user_action_ttl, now));
    }

    /// The principal a handler authenticated, looked up again by id (the handlers pass ids
    /// so `Auth` can be borrowed mutably).
    fn known_principal(&self, user_id: &str) -> Result<&Principal, EmuError> {
        self.principal_by_user_id(user_id).ok_or_else(|| {
            EmuError::new(401, MSG_BAD_BEARER)
                .with_details(json!({ "reason": "the caller is not a principal of this emulator" }))
        })
    }
}

/// Ages instead of deadlines, so a huge configured TTL cannot overflow an `Instant`.
fn expired(issued: Instant, ttl: Duration, now: Instant) -> bool {
    now.saturating_duration_since(issued) >= ttl
}

/// 429 when a map is full even after dropping expired entries.
fn too_many(what: &str) -> EmuError {
    EmuError::new(
        429,
        format!(
            "too many outstanding {what} ({MAX_OUTSTANDING}); complete or let some expire, then retry"
        ),
    )
}
