//! `payouts-tui config check`: is this configuration usable, and whose is it?
//!
//! Each check prints one line with ✓ or ✗ and never a secret. The credential is proven by the
//! challenge flow (init → sign → complete); the user-action token it yields is dropped unused,
//! so nothing is performed.

use std::time::Instant;

use chrono::Utc;

use crate::dfns::client::retry::RetryPolicy;
use crate::dfns::client::{Client, ClientOptions};
use crate::dfns::error::ApiError;
use crate::dfns::model::{ListPayoutsQuery, ListWalletsQuery};
use crate::dfns::text::shown;

use super::exit::exit_for;
use super::{Exit, GlobalArgs, connect};

struct Report {
    failed: Option<Exit>,
}

impl Report {
    fn ok(&mut self, what: &str, detail: impl AsRef<str>) {
        println!("✓ {what:<12} {}", detail.as_ref());
    }

    fn fail(&mut self, what: &str, detail: impl AsRef<str>, exit: Exit) {
        println!("✗ {what:<12} {}", detail.as_ref());
        // The first failure decides the exit code.
        self.failed.get_or_insert(exit);
    }

    fn note(&mut self, what: &str, detail: impl AsRef<str>) {
        println!("- {what:<12} {}", detail.as_ref());
    }
}

pub async fn run(global: &GlobalArgs) -> Exit {
    let mut r = Report { failed: None };
    let resolved = match connect::resolve(global) {
        Ok(res) => res,
        Err(e) => {
            r.fail("config", e.to_string(), Exit::Usage);
            return Exit::Usage;
        }
    };
    let o = &resolved.origins;
    let file = o
        .config_file
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "no config file".into());
    r.ok(
        "config",
        format!(
            "profile '{}' ({}); {file}; token from {}; key from {}",
            resolved.profile,
            o.profile,
            o.token,
            o.private_key
                .as_ref()
                .map(|k| k.to_string())
                .unwrap_or_else(|| "nowhere (actions disabled)".into())
        ),
    );
    check_recipients(&mut r, &resolved);
    // Fail fast: one attempt each, so a dead API answers within the connect timeout.
    let options = ClientOptions {
        retry: RetryPolicy::none(),
        ..ClientOptions::default()
    };
    let client = match connect::client(&resolved, options) {
        Ok(c) => c,
        Err(e) => {
            r.fail("config", e, Exit::Usage);
            return Exit::Usage;
        }
    };

    if let Ok(url) = url::Url::parse(&resolved.api_url)
        && url.scheme() == "http"
        && !crate::dfns::client::is_loopback(&url)
    {
        r.note(
            "transport",
            "plain http:// to a host that is not loopback, allowed explicitly (--allow-insecure-http or 'allow_insecure_http'): the token and signed requests travel unencrypted",
        );
    }
    check_api(&mut r, &client).await;
    if r.failed.is_none() {
        check_token_claims(&mut r, &client, &resolved);
        check_clock(&mut r, &client);
        check_wallets(&mut r, &client).await;
        check_credential(&mut r, &client, resolved.actions_disabled_reason()).await;
    }
    r.failed.unwrap_or(Exit::Ok)
}

/// The profile's saved recipients: usable by the new-payout form, or the first problem.
fn check_recipients(r: &mut Report, resolved: &crate::config::Resolved) {
    match connect::recipients(resolved) {
        Ok(list) if list.is_empty() => {}
        Ok(list) => {
            let names: Vec<String> = list.iter().map(|x| shown(&x.name).to_string()).collect();
            r.ok(
                "recipients",
                format!("{} saved: {}", list.len(), names.join(", ")),
            );
        }
        Err(e) => r.fail("recipients", e, Exit::Usage),
    }
}

async fn check_api(r: &mut Report, client: &Client) {
    let started = Instant::now();
    let q = ListPayoutsQuery {
        limit: Some(1),
        ..Default::default()
    };
    match client.list_payouts(&q).await {
        Ok(_) => {
            let ms = started.elapsed().as_millis();
            r.ok("api", format!("{} reachable ({ms} ms)", client.base_url()));
            r.ok("token", "accepted; Payouts:Read granted (listed payouts)");
        }
        Err(e @ ApiError::Http { status: 401, .. }) => {
            r.ok("api", format!("{} reachable", client.base_url()));
            r.fail(
                "token",
                format!("rejected ({e}): check DFNS_AUTH_TOKEN or the profile's token"),
                Exit::Refused,
            );
        }
        Err(e @ ApiError::Http { status: 403, .. }) => {
            r.ok("api", format!("{} reachable", client.base_url()));
            r.fail(
                "token",
                format!("accepted but cannot list payouts ({e}): grant Payouts:Read"),
                Exit::Refused,
            );
        }
        Err(e) => r.fail("api", format!("{}: {e}", client.base_url()), exit_for(&e)),
    }
}

/// What to do when the token does not say who I am.
const NO_USER_ID: &str = "the token carries no user id, so confirm and cancel refuse (nothing proves a payout is yours): set 'user_id' in the profile or PAYOUTS_TUI_USER_ID to your Dfns user id (us-…)";

fn check_token_claims(r: &mut Report, client: &Client, resolved: &crate::config::Resolved) {
    let claimed = client.whoami().and_then(|c| c.user_id);
    match (&claimed, &resolved.user_id) {
        (Some(c), Some(u)) if c != u => r.fail(
            "user id",
            format!(
                "the configured user id {} is not the token's ({}): remove 'user_id' / PAYOUTS_TUI_USER_ID",
                shown(u),
                shown(c)
            ),
            Exit::Usage,
        ),
        (None, Some(u)) => r.ok(
            "user id",
            format!("{} (configured; the token carries none)", shown(u)),
        ),
        (None, None) => r.fail("user id", NO_USER_ID, Exit::Usage),
        (Some(_), _) => {}
    }
    let Some(claims) = client.whoami() else {
        r.note(
            "identity",
            "the token is not a JWT with Dfns claims; the server still decides what it may do",
        );
        return;
    };
    let user = claims.user_id.as_deref().unwrap_or("unknown user");
    let org = claims.org_id.as_deref().unwrap_or("unknown org");
    let kind = claims.token_kind.as_deref().unwrap_or("unknown kind");
    let expiry = match claims.expires_at {
        Some(at) => {
            let left = at - Utc::now();
            if left.num_seconds() <= 0 {
                r.fail(
                    "identity",
                    format!(
                        "{} in {} ({}): token EXPIRED at {at}",
                        shown(user),
                        shown(org),
                        shown(kind)
                    ),
                    Exit::Refused,
                );
                return;
            }
            format!(
                "expires {} (in {} days)",
                at.format("%Y-%m-%d %H:%M UTC"),
                left.num_days()
            )
        }
        None => "no expiry claim".into(),
    };
    r.ok(
        "identity",
        format!(
            "{} in {}, {} token, {expiry}",
            shown(user),
            shown(org),
            shown(kind)
        ),
    );
}

fn check_clock(r: &mut Report, client: &Client) {
    match client.clock_skew() {
        Some(skew) if skew.num_seconds().abs() >= 30 => r.fail(
            "clock",
            format!("this machine's clock is {}s off the server's; countdowns correct for it, but fix NTP", skew.num_seconds()),
            Exit::Refused,
        ),
        Some(skew) => r.ok("clock", format!("skew {}s (countdowns use the server's clock)", skew.num_seconds())),
        None => r.note("clock", "the API sent no Date header; countdowns use the local clock"),
    }
}

async fn check_wallets(r: &mut Report, client: &Client) {
    let q = ListWalletsQuery {
        limit: Some(1),
        ..Default::default()
    };
    match client.list_wallets(&q).await {
        Ok(_) => r.ok(
            "wallets",
            "Wallets:Read granted (needed for new payouts and balances)",
        ),
        Err(e @ ApiError::Http { status: 403, .. }) => r.note(
            "wallets",
            format!("cannot list wallets ({e}); new payouts need Wallets:Read"),
        ),
        Err(e) => r.fail("wallets", e.to_string(), exit_for(&e)),
    }
}

async fn check_credential(r: &mut Report, client: &Client, disabled: Option<String>) {
    if !client.can_sign() {
        r.note(
            "credential",
            disabled.unwrap_or_else(|| "no private key".into()),
        );
        return;
    }
    match client.prove_credential().await {
        Ok(cred) => r.ok(
            "credential",
            format!("credential {cred} signs user actions (challenge completed; token discarded, nothing performed)"),
        ),
        Err(e) => r.fail("credential", e.to_string(), exit_for(&e)),
    }
    if let Some(why) = disabled {
        r.note("actions", format!("disabled: {why}"));
    }
}
