//! Which API, token and key to use: flag > environment > profile > built-in default.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::dfns::secret::Secret;

use super::env::{Environment, expand_tilde};
use super::error::ConfigError;
use super::file::{self, ConfigFile, Profile, SecretSource};
use super::{Origin, Origins, Overrides, Resolved};

pub const DEFAULT_API_URL: &str = "https://api.dfns.io";
pub const DEFAULT_POLL_SECS: u64 = 5;
pub const CONFIG_VAR: &str = "PAYOUTS_TUI_CONFIG";
pub const ENV_PROFILE: &str = "env";

/// An environment variable, with empty values counted as unset (`VAR= cmd` clears it).
fn var(env: &dyn Environment, name: &str) -> Option<String> {
    env.var(name).filter(|v| !v.trim().is_empty())
}

/// The config file to read: `PAYOUTS_TUI_CONFIG` (with `~` expanded) or the XDG default.
pub fn config_file_path(env: &dyn Environment) -> Option<PathBuf> {
    match var(env, CONFIG_VAR) {
        Some(v) => Some(expand_tilde(env, v.trim()).unwrap_or_else(|_| PathBuf::from(v.trim()))),
        None => env.config_path(),
    }
}

fn load(env: &dyn Environment, path: Option<&Path>) -> Result<Option<ConfigFile>, ConfigError> {
    let Some(path) = path else { return Ok(None) };
    match env.read_config_file(path)? {
        Some(text) => file::parse(&text, path).map(Some),
        // A file named on purpose must exist; the default one is optional.
        None if var(env, CONFIG_VAR).is_some() => Err(ConfigError::ReadConfig {
            path: path.to_path_buf(),
            reason: format!("it does not exist ({CONFIG_VAR} names it)"),
        }),
        None => Ok(None),
    }
}

pub fn resolve(env: &dyn Environment, overrides: &Overrides) -> Result<Resolved, ConfigError> {
    let path = config_file_path(env);
    let file = load(env, path.as_deref())?;
    let location = path.as_ref().map_or_else(
        || format!("a file named by {CONFIG_VAR} (no config directory is known)"),
        |p| p.display().to_string(),
    );
    let (name, profile, profile_origin) =
        select_profile(file.as_ref(), &location, overrides.profile.as_deref())?;
    let fallback = Profile::default();
    let p = profile.unwrap_or(&fallback);
    // Relative file: paths in a profile are relative to the config file, not the cwd.
    let base = file.as_ref().and_then(|f| f.path.parent());
    let in_profile = |source: Option<String>| Origin::Profile {
        name: name.clone(),
        source,
    };
    let hint = |key: &str| match profile {
        Some(_) => format!("'{key}' in profile '{name}' of {location}"),
        None => format!("'{key}' in a profile of {location}"),
    };

    let (raw_url, api_url_origin) = if let Some(u) = &overrides.api_url {
        (u.clone(), Origin::Flag("--api-url"))
    } else if let Some(u) = var(env, "DFNS_API_URL") {
        (u, Origin::Env("DFNS_API_URL"))
    } else if let Some(u) = &p.api_url {
        (u.clone(), in_profile(None))
    } else {
        (DEFAULT_API_URL.to_string(), Origin::Default)
    };
    let api_url = normalize_url(&raw_url, &api_url_origin)?;

    let (token, token_origin) = if let Some(t) = var(env, "DFNS_AUTH_TOKEN") {
        (t, Origin::Env("DFNS_AUTH_TOKEN"))
    } else if let Some(src) = &p.token {
        let origin = in_profile(Some(src.label()));
        (read_source(env, src, base, "token", &origin)?, origin)
    } else {
        return Err(ConfigError::MissingToken {
            hint: hint("token"),
        });
    };
    let token = check_token(token, &token_origin)?;

    let key = match (
        var(env, "DFNS_PRIVATE_KEY"),
        var(env, "DFNS_PRIVATE_KEY_FILE"),
    ) {
        (Some(_), Some(_)) => return Err(ConfigError::BothKeyVars),
        (Some(pem), None) => Some((pem, Origin::Env("DFNS_PRIVATE_KEY"))),
        (None, Some(raw)) => {
            let origin = Origin::Env("DFNS_PRIVATE_KEY_FILE");
            let src = SecretSource::File(raw.trim().to_string());
            Some((
                read_source(env, &src, None, "private key", &origin)?,
                origin,
            ))
        }
        (None, None) => match &p.private_key {
            Some(src) => {
                let origin = in_profile(Some(src.label()));
                Some((read_source(env, src, base, "private key", &origin)?, origin))
            }
            None => None,
        },
    };
    let (private_key_pem, private_key_origin) = match key {
        Some((pem, origin)) => (Some(check_pem(pem, &origin)?), Some(origin)),
        None => (None, None),
    };

    let (cred_id, cred_id_origin) = if let Some(c) = var(env, "DFNS_CRED_ID") {
        (
            Some(c.trim().to_string()),
            Some(Origin::Env("DFNS_CRED_ID")),
        )
    } else if let Some(c) = p
        .cred_id
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        (Some(c.to_string()), Some(in_profile(None)))
    } else {
        (None, None)
    };
    // No cred_id with a key is fine: the client takes the token's only key credential from
    // the challenge's `allowCredentials.key` (docs/reference/auth-and-signing.md §5.3), and says so if there are several.

    let (read_only, read_only_origin) = if overrides.read_only {
        (true, Origin::Flag("--read-only"))
    } else if let Some(r) = p.read_only {
        (r, in_profile(None))
    } else {
        (false, Origin::Default)
    };
    let (poll_secs, poll_interval_origin) = match p.poll_interval_secs {
        Some(s) => (s, in_profile(None)),
        None => (DEFAULT_POLL_SECS, Origin::Default),
    };

    let allow_insecure_http =
        overrides.allow_insecure_http || p.allow_insecure_http.unwrap_or(false);
    let user_id = var(env, "PAYOUTS_TUI_USER_ID")
        .or_else(|| p.user_id.clone())
        .map(|u| u.trim().to_owned())
        .filter(|u| !u.is_empty());

    Ok(Resolved {
        profile: name.clone(),
        api_url,
        token,
        private_key_pem,
        cred_id,
        read_only,
        poll_interval: Duration::from_secs(poll_secs),
        alert_bell: p.alert_bell.unwrap_or(true),
        alert_notify: p.alert_notify.unwrap_or(true),
        allow_insecure_http,
        user_id,
        recipients: p.recipients.clone(),
        aliases: p
            .aliases
            .iter()
            .map(|(id, name)| (id.clone(), name.clone()))
            .collect(),
        origins: Origins {
            config_file: file.as_ref().map(|f| f.path.clone()),
            profile: profile_origin,
            api_url: api_url_origin,
            token: token_origin,
            private_key: private_key_origin,
            cred_id: cred_id_origin,
            read_only: read_only_origin,
            poll_interval: poll_interval_origin,
        },
    })
}

fn select_profile<'a>(
    file: Option<&'a ConfigFile>,
    location: &str,
    requested: Option<&str>,
) -> Result<(String, Option<&'a Profile>, Origin), ConfigError> {
    let env_only = |why: String| Ok((ENV_PROFILE.to_string(), None, Origin::Selection(why)));
    let Some(f) = file else {
        return match requested {
            Some(name) => Err(ConfigError::NoConfigFile {
                name: name.into(),
                location: location.into(),
            }),
            None => env_only(format!("no config file at {location}: environment only")),
        };
    };
    let path = f.path.display();
    if let Some(name) = requested {
        return match f.profiles.get(name) {
            Some(p) => Ok((name.into(), Some(p), Origin::Flag("--profile"))),
            None => Err(ConfigError::UnknownProfile {
                name: name.into(),
                path: f.path.clone(),
                known: f.known(),
            }),
        };
    }
    if let Some((name, line)) = &f.default_profile {
        return match f.profiles.get(name) {
            Some(p) => Ok((
                name.clone(),
                Some(p),
                Origin::Selection(format!("default_profile in {path}")),
            )),
            None => Err(ConfigError::DefaultProfileMissing {
                path: f.path.clone(),
                line: *line,
                name: name.clone(),
                known: f.known(),
            }),
        };
    }
    if let Some(p) = f.profiles.get("default") {
        let why = format!("the profile named 'default' in {path}");
        return Ok(("default".into(), Some(p), Origin::Selection(why)));
    }
    let mut all = f.profiles.iter();
    match (all.next(), all.next()) {
        (Some((name, p)), None) => Ok((
            name.clone(),
            Some(p),
            Origin::Selection(format!("the only profile in {path}")),
        )),
        (None, _) => env_only(format!("{path} has no profiles: environment only")),
        (Some(_), Some(_)) => Err(ConfigError::AmbiguousProfile {
            path: f.path.clone(),
            known: f.known(),
        }),
    }
}

/// Reads one secret source, naming the field and its origin in any error.
fn read_source(
    env: &dyn Environment,
    src: &SecretSource,
    base: Option<&Path>,
    field: &'static str,
    origin: &Origin,
) -> Result<String, ConfigError> {
    let read = || match src {
        SecretSource::Env(name) => env
            .var(name)
            .ok_or_else(|| ConfigError::EnvVarUnset { name: name.clone() }),
        SecretSource::File(raw) => {
            let path = expand_tilde(env, raw)?;
            let path = match base {
                Some(dir) if path.is_relative() => dir.join(path),
                _ => path,
            };
            env.read_secret_file(&path)
        }
        SecretSource::Cmd(cmd) => env.run_command(cmd),
    };
    read().map_err(|e| match e {
        // Already names the file and the fix; only say which secret it is.
        ConfigError::InsecureFile { path, mode, .. } => ConfigError::InsecureFile {
            what: field.to_string(),
            path,
            mode,
        },
        other => ConfigError::Source {
            field,
            origin: origin.to_string(),
            cause: Box::new(other),
        },
    })
}

fn check_token(token: String, origin: &Origin) -> Result<Secret, ConfigError> {
    let bad = |problem: &str| ConfigError::BadSecret {
        field: "token",
        origin: origin.to_string(),
        problem: problem.into(),
    };
    let t = token.trim();
    if t.is_empty() {
        return Err(bad("is empty; check the source"));
    }
    if t.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad(
            "contains spaces or control characters; give the token alone, without 'Bearer '",
        ));
    }
    Ok(Secret::new(t))
}

fn check_pem(pem: String, origin: &Origin) -> Result<Secret, ConfigError> {
    let bad = |problem: &str| ConfigError::BadSecret {
        field: "private key",
        origin: origin.to_string(),
        problem: problem.into(),
    };
    // .env files often carry a PEM on one line with literal "\n" escapes.
    let pem = if !pem.contains('\n') && pem.contains("\\n") {
        pem.replace("\\n", "\n")
    } else {
        pem
    };
    if pem.trim().is_empty() {
        return Err(bad("is empty; check the source"));
    }
    if !pem.contains("-----BEGIN ") {
        return Err(bad(
            "is not PEM text (no -----BEGIN line); give the PEM private key of the credential",
        ));
    }
    Ok(Secret::new(pem))
}

/// An absolute http(s) URL without credentials, query or fragment, and no trailing '/'.
fn normalize_url(raw: &str, origin: &Origin) -> Result<String, ConfigError> {
    let raw = raw.trim();
    let err = |shown: &str, reason: &str| ConfigError::BadUrl {
        shown: shown.into(),
        origin: origin.to_string(),
        reason: reason.into(),
    };
    let url = url::Url::parse(raw).map_err(|e| err(raw, &e.to_string()))?;
    if !url.username().is_empty() || url.password().is_some() {
        // The user info may be a credential: do not echo the URL.
        return Err(err(
            "(hidden)",
            "it holds a user name or password; remove them",
        ));
    }
    if !matches!(url.scheme(), "http" | "https") {
        return Err(err(raw, "the scheme must be http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(err(raw, "it has no host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(err(
            raw,
            "it has a query or fragment; give the base URL only",
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}
