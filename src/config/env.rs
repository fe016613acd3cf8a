//! The I/O that resolution needs, behind a trait so `resolve` is a pure function in tests.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::error::ConfigError;

/// Everything `resolve` may ask of the outside world.
pub trait Environment {
    /// An environment variable; `None` when unset or not UTF-8.
    fn var(&self, name: &str) -> Option<String>;
    /// A secret file's text. Refuses files readable by group or others (unix).
    fn read_secret_file(&self, path: &Path) -> Result<String, ConfigError>;
    /// Runs `cmd` through `sh -c`; stdout without its trailing newline.
    fn run_command(&self, cmd: &str) -> Result<String, ConfigError>;
    fn home_dir(&self) -> Option<PathBuf>;
    /// The default config file (XDG), used when PAYOUTS_TUI_CONFIG is not set.
    fn config_path(&self) -> Option<PathBuf>;
    /// The config file's text, `None` when it does not exist.
    fn read_config_file(&self, path: &Path) -> Result<Option<String>, ConfigError>;
}

/// The real process environment, file system and shell.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemEnvironment;

pub(crate) fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "payouts-tui")
}

/// Longest stderr excerpt put in an error, so a chatty tool cannot flood the message.
const STDERR_EXCERPT: usize = 200;

impl Environment for SystemEnvironment {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }

    fn read_secret_file(&self, path: &Path) -> Result<String, ConfigError> {
        let read_err = |e: std::io::Error| ConfigError::ReadSecretFile {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        // Open first and check the mode of what was opened, so a swap between check and read
        // cannot slip an unchecked file in.
        let mut file = std::fs::File::open(path).map_err(read_err)?;
        let meta = file.metadata().map_err(read_err)?;
        check_mode(path, &meta)?;
        let mut text = String::new();
        file.read_to_string(&mut text).map_err(|e| {
            let reason = if e.kind() == std::io::ErrorKind::InvalidData {
                "not UTF-8 text".to_string()
            } else {
                e.to_string()
            };
            ConfigError::ReadSecretFile {
                path: path.to_path_buf(),
                reason,
            }
        })?;
        Ok(text)
    }

    fn run_command(&self, cmd: &str) -> Result<String, ConfigError> {
        // stdin stays the terminal so tools like `pass` or `op` can prompt.
        let out = Command::new("sh")
            .arg("-c")
            .arg(cmd)
            .stdin(Stdio::inherit())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .map_err(|e| ConfigError::CommandSpawn {
                reason: e.to_string(),
            })?;
        if !out.status.success() {
            let status = match out.status.code() {
                Some(code) => format!("code {code}"),
                None => "no code (killed by a signal)".to_string(),
            };
            // Only stderr: stdout may hold a partial secret.
            let stderr = String::from_utf8_lossy(&out.stderr);
            let first: String = stderr
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("(empty)")
                .chars()
                .take(STDERR_EXCERPT)
                .collect();
            return Err(ConfigError::CommandFailed {
                status,
                stderr: first,
            });
        }
        let mut text = String::from_utf8(out.stdout).map_err(|_| ConfigError::CommandFailed {
            status: "code 0".into(),
            stderr: "its output is not UTF-8 text".into(),
        })?;
        strip_one_newline(&mut text);
        Ok(text)
    }

    fn home_dir(&self) -> Option<PathBuf> {
        directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf())
    }

    fn config_path(&self) -> Option<PathBuf> {
        project_dirs().map(|d| d.config_dir().join("config.toml"))
    }

    fn read_config_file(&self, path: &Path) -> Result<Option<String>, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(ConfigError::ReadConfig {
                path: path.to_path_buf(),
                reason: e.to_string(),
            }),
        }
    }
}

#[cfg(unix)]
fn check_mode(path: &Path, meta: &std::fs::Metadata) -> Result<(), ConfigError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = meta.permissions().mode() & 0o7777;
    if mode & 0o077 != 0 {
        return Err(ConfigError::InsecureFile {
            what: "secret".into(),
            path: path.to_path_buf(),
            mode,
        });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_mode(_path: &Path, _meta: &std::fs::Metadata) -> Result<(), ConfigError> {
    Ok(())
}

/// Removes one trailing `\n` or `\r\n`: what `$(cmd)` in a shell would drop for one line.
pub(crate) fn strip_one_newline(text: &mut String) {
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
}

/// Expands a leading `~` or `~/` to the home directory; `~user` is left alone.
pub(crate) fn expand_tilde(env: &dyn Environment, raw: &str) -> Result<PathBuf, ConfigError> {
    let rest = match raw.strip_prefix('~') {
        Some("") => "",
        Some(rest) if rest.starts_with('/') => rest.trim_start_matches('/'),
        _ => return Ok(PathBuf::from(raw)),
    };
    let home = env
        .home_dir()
        .ok_or_else(|| ConfigError::NoHome { path: raw.into() })?;
    Ok(if rest.is_empty() {
        home
    } else {
        home.join(rest)
    })
}
