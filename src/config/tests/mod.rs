//! Tests of resolution over a fake environment; `system.rs` touches the real machine.

mod file_errors;
mod precedence;
mod selection;
mod sources;
#[cfg(unix)]
mod system;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{ConfigError, Environment, Overrides, Resolved, resolve};

/// Every secret used in these tests contains this marker, so one check proves no error
/// message or Debug output carries a secret.
pub(super) const MARK: &str = "S3CRET";
pub(super) const PROFILE_TOKEN: &str = "tok-profile-S3CRET-1";
pub(super) const ENV_TOKEN: &str = "tok-env-S3CRET-2";
pub(super) const PEM: &str = "-----BEGIN PRIVATE KEY-----\nS3CRET-key\n-----END PRIVATE KEY-----\n";
pub(super) const HOME: &str = "/home/u";
pub(super) const CONFIG: &str = "/home/u/.config/payouts-tui/config.toml";

enum FakeCmd {
    Ok(String),
    Fail { code: i32, stderr: String },
}

/// An in-memory [`Environment`]. Secret files carry a mode so the permission rule can be
/// exercised; commands record that they ran, to prove overridden sources are never read.
pub(super) struct FakeEnv {
    vars: HashMap<String, String>,
    files: HashMap<PathBuf, (String, u32)>,
    commands: HashMap<String, FakeCmd>,
    home: Option<PathBuf>,
    config_path: Option<PathBuf>,
    config: HashMap<PathBuf, String>,
    pub ran: RefCell<Vec<String>>,
}

impl FakeEnv {
    pub fn new() -> Self {
        Self {
            vars: HashMap::new(),
            files: HashMap::new(),
            commands: HashMap::new(),
            home: Some(PathBuf::from(HOME)),
            config_path: Some(PathBuf::from(CONFIG)),
            config: HashMap::new(),
            ran: RefCell::new(Vec::new()),
        }
    }

    pub fn var(mut self, name: &str, value: &str) -> Self {
        self.vars.insert(name.into(), value.into());
        self
    }

    pub fn file(mut self, path: &str, text: &str, mode: u32) -> Self {
        self.files.insert(path.into(), (text.into(), mode));
        self
    }

    pub fn cmd_ok(mut self, cmd: &str, stdout: &str) -> Self {
        self.commands.insert(cmd.into(), FakeCmd::Ok(stdout.into()));
        self
    }

    pub fn cmd_fail(mut self, cmd: &str, code: i32, stderr: &str) -> Self {
        let fail = FakeCmd::Fail {
            code,
            stderr: stderr.into(),
        };
        self.commands.insert(cmd.into(), fail);
        self
    }

    /// The config file at the default XDG path.
    pub fn config(self, text: &str) -> Self {
        self.config_at(CONFIG, text)
    }

    pub fn config_at(mut self, path: &str, text: &str) -> Self {
        self.config.insert(path.into(), text.into());
        self
    }

    pub fn no_home(mut self) -> Self {
        self.home = None;
        self
    }
}

impl Environment for FakeEnv {
    fn var(&self, name: &str) -> Option<String> {
        self.vars.get(name).cloned()
    }

    fn read_secret_file(&self, path: &Path) -> Result<String, ConfigError> {
        match self.files.get(path) {
            Some((_, mode)) if mode & 0o077 != 0 => Err(ConfigError::InsecureFile {
                what: "secret".into(),
                path: path.into(),
                mode: *mode,
            }),
            Some((text, _)) => Ok(text.clone()),
            None => Err(ConfigError::ReadSecretFile {
                path: path.into(),
                reason: "No such file or directory (os error 2)".into(),
            }),
        }
    }

    fn run_command(&self, cmd: &str) -> Result<String, ConfigError> {
        self.ran.borrow_mut().push(cmd.into());
        match self.commands.get(cmd) {
            Some(FakeCmd::Ok(out)) => Ok(out.clone()),
            Some(FakeCmd::Fail { code, stderr }) => Err(ConfigError::CommandFailed {
                status: format!("code {code}"),
                stderr: stderr.clone(),
            }),
            None => Err(ConfigError::CommandFailed {
                status: "code 127".into(),
                stderr: "sh: command not found".into(),
            }),
        }
    }

    fn home_dir(&self) -> Option<PathBuf> {
        self.home.clone()
    }

    fn config_path(&self) -> Option<PathBuf> {
        self.config_path.clone()
    }

    fn read_config_file(&self, path: &Path) -> Result<Option<String>, ConfigError> {
        Ok(self.config.get(path).cloned())
    }
}

pub(super) fn ok(env: &FakeEnv, ov: &Overrides) -> Resolved {
    match resolve(env, ov) {
        Ok(r) => {
            assert!(
                !format!("{r:?}").contains(MARK),
                "Debug leaks a secret: {r:?}"
            );
            r
        }
        Err(e) => panic!("expected success, got: {e}"),
    }
}

/// Resolves expecting an error; returns its message after checking no secret is in it.
pub(super) fn err(env: &FakeEnv, ov: &Overrides) -> String {
    match resolve(env, ov) {
        Ok(r) => panic!("expected an error, got {r:?}"),
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.contains(MARK), "error leaks a secret: {msg}");
            assert!(!format!("{e:?}").contains(MARK), "Debug leaks: {e:?}");
            msg
        }
    }
}

pub(super) fn none() -> Overrides {
    Overrides::default()
}

pub(super) fn with_profile(name: &str) -> Overrides {
    Overrides {
        profile: Some(name.into()),
        ..Overrides::default()
    }
}

/// A one-profile file whose token comes from `cmd:get-token`.
pub(super) fn prod_file() -> FakeEnv {
    FakeEnv::new()
        .config(
            "[profiles.prod]\n\
             api_url = \"https://prod.example/\"\n\
             token = \"cmd:get-token\"\n",
        )
        .cmd_ok("get-token", PROFILE_TOKEN)
}
