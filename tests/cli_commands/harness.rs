//! Runs the real binary as a seeded principal of an in-process emulator: env cleared, HOME
//! and XDG dirs in a temp dir, `DFNS_*` from the principal, audit and log files in the temp
//! dir. Every run's stdout and stderr is kept for the secrets scan.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use payouts_tui::emulator::Running;

#[derive(Debug, Clone)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Everything, for assertion messages.
    pub fn all(&self) -> String {
        format!(
            "exit {:?}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.all()))
    }
}

/// Who runs the binary, where, and against which API. Cheap to clone into a blocking task.
#[derive(Clone)]
pub struct Bin {
    pub home: PathBuf,
    pub vars: Vec<(String, String)>,
    pub transcript: Arc<Mutex<Vec<String>>>,
}

pub struct Sandbox {
    _dir: tempfile::TempDir,
    pub home: PathBuf,
    pub transcript: Arc<Mutex<Vec<String>>>,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().to_path_buf();
        Sandbox {
            _dir: dir,
            home,
            transcript: Arc::default(),
        }
    }

    pub fn audit_path(&self) -> PathBuf {
        self.home.join("state/audit.jsonl")
    }

    pub fn log_path(&self) -> PathBuf {
        self.home.join("state/payouts-tui.log")
    }

    /// The audit file's lines, each parsed (panics on a line that is not one JSON object).
    pub fn audit_lines(&self) -> Vec<serde_json::Value> {
        let text = std::fs::read_to_string(self.audit_path()).unwrap_or_default();
        text.lines()
            .map(|l| {
                let v: serde_json::Value =
                    serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
                assert!(v.is_object(), "{l}");
                v
            })
            .collect()
    }

    /// The binary as `name`, against `url` (the emulator's, or a proxy's in front of it).
    pub fn as_principal(&self, emu: &Running, name: &str, url: &str) -> Bin {
        let p = emu.principal(name).unwrap();
        let key = self.home.join(format!("{name}.pem"));
        std::fs::write(&key, p.private_key_pem.expose()).unwrap();
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
        self.bin(&[
            ("DFNS_API_URL", url),
            ("DFNS_AUTH_TOKEN", p.token.expose()),
            ("DFNS_CRED_ID", &p.cred_id),
            ("DFNS_PRIVATE_KEY_FILE", &key.to_string_lossy()),
        ])
    }

    /// The binary with exactly these `DFNS_*` (and other) variables.
    pub fn bin(&self, vars: &[(&str, &str)]) -> Bin {
        let home = &self.home;
        let mut all: Vec<(String, String)> = vec![
            ("HOME".into(), path(home)),
            ("XDG_CONFIG_HOME".into(), path(&home.join("config"))),
            ("XDG_STATE_HOME".into(), path(&home.join("xdg-state"))),
            ("XDG_DATA_HOME".into(), path(&home.join("data"))),
            ("PAYOUTS_TUI_AUDIT".into(), path(&self.audit_path())),
            ("PAYOUTS_TUI_LOG".into(), path(&self.log_path())),
            // Everything the client does, so the secrets scan covers the most verbose log.
            ("RUST_LOG".into(), "debug".into()),
            ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
        ];
        all.extend(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        Bin {
            home: home.clone(),
            vars: all,
            transcript: self.transcript.clone(),
        }
    }
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

impl Bin {
    pub fn with(&self, key: &str, value: &str) -> Bin {
        let mut b = self.clone();
        b.vars.retain(|(k, _)| k != key);
        b.vars.push((key.into(), value.into()));
        b
    }

    pub fn without(&self, key: &str) -> Bin {
        let mut b = self.clone();
        b.vars.retain(|(k, _)| k != key);
        b
    }

    /// Runs the binary with stdin from /dev/null (never a terminal).
    pub fn run_blocking(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_payouts-tui"))
            .args(args)
            .env_clear()
            .envs(self.vars.iter().map(|(k, v)| (k, v)))
            .current_dir(&self.home)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let run = Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        self.transcript
            .lock()
            .unwrap()
            .push(format!("$ {}\n{}", args.join(" "), run.all()));
        run
    }

    /// The same from async tests: the emulator keeps serving on the test's runtime.
    pub async fn run(&self, args: &[&str]) -> Run {
        let (bin, args): (Bin, Vec<String>) =
            (self.clone(), args.iter().map(|a| a.to_string()).collect());
        tokio::task::spawn_blocking(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            bin.run_blocking(&args)
        })
        .await
        .unwrap()
    }
}
