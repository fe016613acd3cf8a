//! From configuration to a connected client and who I am (and the profile's saved
//! recipients): shared by every command and by the dashboard's launch in `main`.

use crate::app::new_payout::Recipient;
use crate::config::{self, ConfigError, Overrides, Resolved, SystemEnvironment};
use crate::dfns::client::{Client, ClientOptions, Signer};
use crate::dfns::signing::PrivateKey;
use crate::dfns::text::escape;

use super::GlobalArgs;

pub fn overrides(global: &GlobalArgs) -> Overrides {
    Overrides {
        profile: global.profile.clone(),
        api_url: global.api_url.clone(),
        read_only: global.read_only,
        allow_insecure_http: global.allow_insecure_http,
    }
}

pub fn resolve(global: &GlobalArgs) -> Result<Resolved, ConfigError> {
    config::resolve(&SystemEnvironment, &overrides(global))
}

/// Who I am: the user id of my token's own claim, else the one configured (`user_id` in the
/// profile or PAYOUTS_TUI_USER_ID) for tokens that carry none. Without either, confirm and
/// cancel refuse: nothing proves a payout is mine.
pub fn me(client: &Client, resolved: &Resolved) -> Option<String> {
    client
        .whoami()
        .and_then(|c| c.user_id)
        .filter(|u| !u.is_empty())
        .or_else(|| resolved.user_id.clone())
}

/// The client for `resolved`; a key that does not parse is a configuration error.
pub fn client(resolved: &Resolved, options: ClientOptions) -> Result<Client, String> {
    let signer = match &resolved.private_key_pem {
        Some(pem) => {
            let key = PrivateKey::from_pem(pem.expose()).map_err(|e| {
                let origin = resolved
                    .origins
                    .private_key
                    .as_ref()
                    .map(|o| o.to_string())
                    .unwrap_or_default();
                format!("private key from {origin}: {e}")
            })?;
            Some(Signer {
                key,
                cred_id: resolved.cred_id.clone(),
            })
        }
        None => None,
    };
    let options = ClientOptions {
        allow_insecure_http: options.allow_insecure_http || resolved.allow_insecure_http,
        ..options
    };
    Client::new(&resolved.api_url, resolved.token.clone(), signer, options)
        .map_err(|e| e.to_string())
}

/// The profile's saved recipients, ready for the new-payout form: the purpose named as
/// `--purpose` takes it, the country and currency codes and the ids checked as typed ones
/// are (`Recipient::check`). Shared by the dashboard's launch and `config check`; the first
/// that cannot be used is the error, naming its table and line (the name sanitized).
pub fn recipients(resolved: &Resolved) -> Result<Vec<Recipient>, String> {
    let file = resolved
        .origins
        .config_file
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    resolved
        .recipients
        .iter()
        .map(|r| {
            let bad = |problem: String| {
                format!(
                    "{file}:{}: recipient '{}' in profile '{}': {problem}; fix its table",
                    r.line,
                    escape(&r.name),
                    resolved.profile
                )
            };
            let purpose = r
                .purpose
                .as_deref()
                .map(super::purpose::parse)
                .transpose()
                .map_err(|e| bad(format!("purpose: {}", escape(&e.to_string()))))?;
            let recipient = Recipient {
                name: r.name.clone(),
                bank_account_id: r.bank_account_id.clone(),
                payment_instructions_id: r.payment_instructions_id.clone(),
                purpose,
                country: r.country.clone(),
                fiat: r.fiat.clone(),
            };
            recipient
                .check()
                .map_err(|why| bad(escape(&why).into_owned()))?;
            Ok(recipient)
        })
        .collect()
}
