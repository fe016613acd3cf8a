//! Which Dfns API, token and signing key to use, and where each came from.
//!
//! Layers, highest first: command-line flags, the `DFNS_*` environment variables of the
//! official SDK examples, a profile of `config.toml`, built-in defaults. The file names secret
//! *sources* (`env:NAME`, `file:PATH`, `cmd:COMMAND`), never secrets. All I/O goes through
//! [`Environment`], so [`resolve`] is testable without touching the machine.

mod env;
mod error;
mod file;
mod resolve;

#[cfg(test)]
mod tests;

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::dfns::secret::Secret;

pub use env::{Environment, SystemEnvironment};
pub use error::ConfigError;
pub use file::SavedRecipient;
pub use resolve::{DEFAULT_API_URL, DEFAULT_POLL_SECS, config_file_path, resolve};

/// What the command line says; it beats everything else.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub profile: Option<String>,
    pub api_url: Option<String>,
    pub read_only: bool,
    pub allow_insecure_http: bool,
}

/// The settings the tool runs with. `Debug` is safe to log: secrets print as `<redacted>`.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub profile: String,
    /// Absolute http(s) URL, no trailing '/'.
    pub api_url: String,
    pub token: Secret,
    pub private_key_pem: Option<Secret>,
    pub cred_id: Option<String>,
    pub read_only: bool,
    pub poll_interval: Duration,
    /// Alerts (bell, OSC 9 notification) when a payout newly needs me or nears expiry.
    pub alert_bell: bool,
    pub alert_notify: bool,
    /// Plain http:// to a host that is not loopback was allowed explicitly.
    pub allow_insecure_http: bool,
    /// My user id when configured (`user_id` / PAYOUTS_TUI_USER_ID): for tokens whose claim
    /// does not carry it. The token's own claim wins when both exist and agree; see `me`.
    pub user_id: Option<String>,
    /// The profile's saved recipients (`[profiles.<p>.recipients.<name>]`), by name; checked
    /// for use by `cli::connect::recipients`.
    pub recipients: Vec<SavedRecipient>,
    /// The profile's `[aliases]`: user id → the name the dashboard shows for it.
    pub aliases: Vec<(String, String)>,
    pub origins: Origins,
}

impl Resolved {
    /// Why confirm / cancel / create are unavailable, or `None` when they are allowed.
    pub fn actions_disabled_reason(&self) -> Option<String> {
        if self.read_only {
            return Some(format!("read-only ({})", self.origins.read_only));
        }
        if self.private_key_pem.is_none() {
            return Some(
                "no private key: set DFNS_PRIVATE_KEY_FILE or 'private_key' in the profile".into(),
            );
        }
        None
    }
}

/// Where each resolved value came from, for `config check`. Never holds a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origins {
    /// The config file that was read, if any.
    pub config_file: Option<PathBuf>,
    pub profile: Origin,
    pub api_url: Origin,
    pub token: Origin,
    pub private_key: Option<Origin>,
    pub cred_id: Option<Origin>,
    pub read_only: Origin,
    pub poll_interval: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A command-line flag, e.g. `--api-url`.
    Flag(&'static str),
    /// A `DFNS_*` environment variable.
    Env(&'static str),
    /// A profile key; `source` is the secret source label (`env:NAME`, `file:PATH`, `cmd:`).
    Profile {
        name: String,
        source: Option<String>,
    },
    /// How the profile itself was chosen, in words.
    Selection(String),
    Default,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Flag(flag) => write!(f, "flag {flag}"),
            Self::Env(name) => write!(f, "env {name}"),
            Self::Profile { name, source: None } => write!(f, "profile '{name}'"),
            Self::Profile {
                name,
                source: Some(s),
            } => write!(f, "profile '{name}' ({s})"),
            Self::Selection(why) => f.write_str(why),
            Self::Default => f.write_str("built-in default"),
        }
    }
}

/// Where logs and the audit file go: the XDG state dir, else the local data dir.
pub fn state_dir() -> Option<PathBuf> {
    let dirs = env::project_dirs()?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf(),
    )
}
