//! The TOML config file: its shape, parsing, and checks that need no I/O.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::error::ConfigError;

pub(crate) const POLL_RANGE: std::ops::RangeInclusive<u64> = 1..=3600;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    default_profile: Option<Spanned<String>>,
    #[serde(default)]
    profiles: BTreeMap<String, RawProfile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    api_url: Option<String>,
    token: Option<Spanned<String>>,
    private_key: Option<Spanned<String>>,
    cred_id: Option<String>,
    read_only: Option<bool>,
    poll_interval_secs: Option<Spanned<u64>>,
    /// Ring the terminal bell when a payout newly needs me or drops under an hour left.
    alert_bell: Option<bool>,
    /// Send an OSC 9 desktop notification for the same events.
    alert_notify: Option<bool>,
    /// Allow plain http:// to a host that is not loopback (tokens in clear text).
    allow_insecure_http: Option<bool>,
    /// My Dfns user id, for a token whose claim does not carry it.
    user_id: Option<String>,
    /// Saved recipients for the new-payout form, by name.
    #[serde(default)]
    recipients: BTreeMap<String, Spanned<RawRecipient>>,
    /// User id → the name the dashboard shows for it.
    #[serde(default)]
    aliases: BTreeMap<String, String>,
}

/// `[profiles.<p>.recipients.<name>]`: a bank account and payment instructions pair.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecipient {
    bank_account_id: String,
    payment_instructions_id: String,
    purpose: Option<String>,
    country: Option<String>,
    fiat: Option<String>,
}

/// A saved recipient as written in the profile. Its values are checked where they are used
/// (`cli::connect::recipients`: the purpose, the country and currency codes, by the same
/// rules as typed ones); here only that the two ids are there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedRecipient {
    /// The table's name: config text, shown only through the sanitizer.
    pub name: String,
    /// The line of its table, for messages.
    pub line: usize,
    pub bank_account_id: String,
    pub payment_instructions_id: String,
    pub purpose: Option<String>,
    pub country: Option<String>,
    pub fiat: Option<String>,
}

/// Where a secret comes from. The file only ever names a source, never holds the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SecretSource {
    Env(String),
    File(String),
    Cmd(String),
}

impl SecretSource {
    fn parse(raw: &str) -> Option<Self> {
        let (scheme, rest) = raw.split_once(':')?;
        let rest = rest.trim();
        if rest.is_empty() {
            return None;
        }
        match scheme.trim() {
            "env" => Some(Self::Env(rest.into())),
            "file" => Some(Self::File(rest.into())),
            "cmd" => Some(Self::Cmd(rest.into())),
            _ => None,
        }
    }

    /// How `config check` shows the source: the variable or path, but a command only as
    /// `cmd:` since a command line is free text.
    pub(crate) fn label(&self) -> String {
        match self {
            Self::Env(name) => format!("env:{name}"),
            Self::File(path) => format!("file:{path}"),
            Self::Cmd(_) => "cmd:".into(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Profile {
    pub api_url: Option<String>,
    pub token: Option<SecretSource>,
    pub private_key: Option<SecretSource>,
    pub cred_id: Option<String>,
    pub read_only: Option<bool>,
    pub poll_interval_secs: Option<u64>,
    pub alert_bell: Option<bool>,
    pub alert_notify: Option<bool>,
    pub allow_insecure_http: Option<bool>,
    pub user_id: Option<String>,
    pub recipients: Vec<SavedRecipient>,
    /// `[profiles.<p>.aliases]`: user id → name (config text, shown sanitized).
    pub aliases: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub(crate) struct ConfigFile {
    pub path: PathBuf,
    /// The name and its line, for errors.
    pub default_profile: Option<(String, usize)>,
    pub profiles: BTreeMap<String, Profile>,
}

impl ConfigFile {
    pub(crate) fn known(&self) -> String {
        if self.profiles.is_empty() {
            return "(none)".into();
        }
        self.profiles.keys().cloned().collect::<Vec<_>>().join(", ")
    }
}

/// Parses and checks the whole file, every profile, so a mistake in a profile not used today
/// (above all a secret pasted into it) is reported now.
pub(crate) fn parse(text: &str, path: &Path) -> Result<ConfigFile, ConfigError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
        ConfigError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: sanitize(e.message()),
        }
    })?;
    let mut profiles = BTreeMap::new();
    for (name, p) in raw.profiles {
        let source = |key: &'static str, v: Option<Spanned<String>>| {
            v.map(|v| {
                SecretSource::parse(v.get_ref()).ok_or_else(|| ConfigError::NotASecretSource {
                    path: path.to_path_buf(),
                    line: line_col(text, v.span().start).0,
                    profile: name.clone(),
                    key,
                })
            })
            .transpose()
        };
        let token = source("token", p.token)?;
        let private_key = source("private_key", p.private_key)?;
        let poll_interval_secs = match p.poll_interval_secs {
            Some(v) if !POLL_RANGE.contains(v.get_ref()) => {
                return Err(ConfigError::PollInterval {
                    path: path.to_path_buf(),
                    line: line_col(text, v.span().start).0,
                    profile: name,
                    value: *v.get_ref(),
                });
            }
            other => other.map(Spanned::into_inner),
        };
        let mut recipients = Vec::with_capacity(p.recipients.len());
        for (who, r) in p.recipients {
            let line = line_col(text, r.span().start).0;
            let r = r.into_inner();
            let empty = [
                ("bank_account_id", &r.bank_account_id),
                ("payment_instructions_id", &r.payment_instructions_id),
            ]
            .into_iter()
            .find(|(_, v)| v.trim().is_empty());
            if who.trim().is_empty() || empty.is_some() {
                return Err(ConfigError::Recipient {
                    path: path.to_path_buf(),
                    line,
                    profile: name,
                    name: crate::dfns::text::escape(&who).into_owned(),
                    problem: match empty {
                        Some((key, _)) => format!("'{key}' is empty"),
                        None => "its name is empty".to_owned(),
                    },
                });
            }
            recipients.push(SavedRecipient {
                name: who,
                line,
                bank_account_id: r.bank_account_id.trim().to_owned(),
                payment_instructions_id: r.payment_instructions_id.trim().to_owned(),
                purpose: r.purpose,
                country: r.country,
                fiat: r.fiat,
            });
        }
        profiles.insert(
            name,
            Profile {
                api_url: p.api_url,
                token,
                private_key,
                cred_id: p.cred_id,
                read_only: p.read_only,
                poll_interval_secs,
                alert_bell: p.alert_bell,
                alert_notify: p.alert_notify,
                allow_insecure_http: p.allow_insecure_http,
                user_id: p.user_id,
                recipients,
                aliases: p.aliases,
            },
        );
    }
    Ok(ConfigFile {
        path: path.to_path_buf(),
        default_profile: raw
            .default_profile
            .map(|d| (d.get_ref().clone(), line_col(text, d.span().start).0)),
        profiles,
    })
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Keeps serde's message (key names, expected types) but drops any quoted value it echoes,
/// e.g. `invalid type: string "eyJ...", expected u64`, and any very long key: either could be a
/// secret pasted in the wrong place.
fn sanitize(message: &str) -> String {
    const LONGEST_KEY: usize = 40;
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find(['"', '`']) {
        out.push_str(&rest[..open]);
        let quote = &rest[open..open + 1];
        let after = &rest[open + 1..];
        let Some(close) = after.find(quote) else {
            // Unbalanced quote: drop the tail rather than risk echoing it.
            out.push_str(quote);
            out.push('…');
            return out;
        };
        let inner = &after[..close];
        let keep = quote == "`" && inner.chars().count() <= LONGEST_KEY;
        out.push_str(quote);
        out.push_str(if keep { inner } else { "…" });
        out.push_str(quote);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out.lines().next().unwrap_or_default().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, 9), (2, 3));
    }

    #[test]
    fn sanitize_drops_quoted_values_and_long_keys() {
        let m = sanitize("invalid type: string \"eyJhbGciOi.secret\", expected u64");
        assert_eq!(m, "invalid type: string \"…\", expected u64");
        let long = "k".repeat(60);
        let m = sanitize(&format!("unknown field `{long}`, expected `token`"));
        assert_eq!(m, "unknown field `…`, expected `token`");
        assert_eq!(sanitize("bad \"open"), "bad \"…");
    }

    #[test]
    fn secret_source_schemes() {
        assert_eq!(
            SecretSource::parse("env: X"),
            Some(SecretSource::Env("X".into()))
        );
        assert_eq!(
            SecretSource::parse("cmd:pass show a:b"),
            Some(SecretSource::Cmd("pass show a:b".into()))
        );
        assert_eq!(SecretSource::parse("file:"), None);
        assert_eq!(SecretSource::parse("vault:x"), None);
        assert_eq!(SecretSource::parse("eyJhbGciOi"), None);
    }
}
