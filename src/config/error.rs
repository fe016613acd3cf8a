//! Configuration errors. Each message names the cause and the next step, and none ever holds a
//! secret value: only key names, paths, line numbers, variable names and exit codes.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "cannot read config file {path}: {reason}; fix it or point PAYOUTS_TUI_CONFIG at another file"
    )]
    ReadConfig { path: PathBuf, reason: String },

    #[error("{path}:{line}:{column}: {message}; fix the config file (see config.example.toml)")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    #[error(
        "{path}:{line}: '{key}' in profile '{profile}' is not a secret source; write env:NAME, \
         file:PATH or cmd:COMMAND there, never the secret itself"
    )]
    NotASecretSource {
        path: PathBuf,
        line: usize,
        profile: String,
        key: &'static str,
    },

    /// A saved recipient that cannot be used; `name` is already escaped (config text).
    #[error("{path}:{line}: recipient '{name}' in profile '{profile}': {problem}; fix its table")]
    Recipient {
        path: PathBuf,
        line: usize,
        profile: String,
        name: String,
        problem: String,
    },

    #[error("{path}:{line}: poll_interval_secs in profile '{profile}' is {value}; use 1 to 3600")]
    PollInterval {
        path: PathBuf,
        line: usize,
        profile: String,
        value: u64,
    },

    #[error(
        "profile '{name}' is not in {path}; known profiles: {known}; pass one of them to --profile"
    )]
    UnknownProfile {
        name: String,
        path: PathBuf,
        known: String,
    },

    #[error(
        "{path}:{line}: default_profile = '{name}' names no profile; known profiles: {known}; \
         fix default_profile"
    )]
    DefaultProfileMissing {
        path: PathBuf,
        line: usize,
        name: String,
        known: String,
    },

    #[error(
        "{path} has several profiles ({known}) and none is chosen; pass --profile NAME, set \
         default_profile, or name one 'default'"
    )]
    AmbiguousProfile { path: PathBuf, known: String },

    #[error(
        "--profile {name} was given but there is no config file at {location}; create it (see \
         config.example.toml), set PAYOUTS_TUI_CONFIG, or drop --profile"
    )]
    NoConfigFile { name: String, location: String },

    #[error("no API token: set DFNS_AUTH_TOKEN or {hint}")]
    MissingToken { hint: String },

    #[error("both DFNS_PRIVATE_KEY and DFNS_PRIVATE_KEY_FILE are set; set only one of them")]
    BothKeyVars,

    #[error("environment variable {name} is not set; export it or change the secret source")]
    EnvVarUnset { name: String },

    #[error("cannot read {path}: {reason}; check the path and its permissions")]
    ReadSecretFile { path: PathBuf, reason: String },

    /// `what` is "secret" from the environment layer; resolution names the field instead.
    #[error("{what} file {path} is readable by others (mode {mode:04o}); run: chmod 600 {path}")]
    InsecureFile {
        what: String,
        path: PathBuf,
        mode: u32,
    },

    #[error("the command exited with {status}; stderr: {stderr}; run it in a shell to see why")]
    CommandFailed { status: String, stderr: String },

    #[error("cannot run the command through sh -c: {reason}; check that sh is on PATH")]
    CommandSpawn { reason: String },

    #[error("'~' in {path} needs a home directory and none is known; write the full path")]
    NoHome { path: String },

    #[error(
        "api_url {shown} ({origin}) is not usable: {reason}; use an absolute http(s) URL like https://api.dfns.io"
    )]
    BadUrl {
        shown: String,
        origin: String,
        reason: String,
    },

    /// A value was obtained but cannot be right (empty, not PEM, ...): `problem` says how.
    #[error("{field} from {origin} {problem}")]
    BadSecret {
        field: &'static str,
        origin: String,
        problem: String,
    },

    /// Wraps an error of a secret source with which field and source it was reading.
    #[error("{field} from {origin}: {cause}")]
    Source {
        field: &'static str,
        origin: String,
        cause: Box<ConfigError>,
    },
}
