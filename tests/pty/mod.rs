//! A real pseudo-terminal around the real binary: the child writes to the pty's slave, a
//! reader thread feeds every byte to a `vt100::Parser` (what a terminal would show) and
//! keeps the raw bytes (for the escape sequences a screen no longer shows). Every wait is
//! bounded and fails with the screen in the message; the child dies with the `Session`.
#![allow(dead_code)]

pub mod board;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// Long enough for a debug build on two busy cores, short enough to fail a hang quickly.
pub const TIMEOUT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(40);

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";

/// The termios flag words of the pty, as numbers (nix's types come with portable-pty, but
/// naming them would need `nix` as a direct dependency; the bits and names are enough).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Modes {
    pub input: u64,
    pub output: u64,
    pub control: u64,
    pub local: u64,
    /// `Debug` of the local flags, e.g. "LocalFlags(ECHO | ICANON | …)".
    pub local_names: String,
}

impl Modes {
    /// True when the named local flag (ICANON, ECHO, ISIG, …) is set.
    pub fn local_has(&self, name: &str) -> bool {
        self.local_names
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w == name)
    }
}

pub struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    eof: Arc<AtomicBool>,
    exit: Option<ExitStatus>,
    /// The pty's modes before the child touched them.
    pub modes_before: Modes,
    /// Holds the log and audit files; removed with the session.
    pub dir: tempfile::TempDir,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking test thread must not hide the screen from the next assertion.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

pub fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    /// `payouts-tui demo` in a `cols`×`rows` pty, with `extra_env` on top of a clean one.
    pub fn demo(cols: u16, rows: u16, extra_env: &[(&str, &str)]) -> Session {
        Session::spawn(&["demo"], cols, rows, extra_env)
    }

    pub fn spawn(args: &[&str], cols: u16, rows: u16, extra_env: &[(&str, &str)]) -> Session {
        Session::spawn_program(
            env!("CARGO_BIN_EXE_payouts-tui"),
            args,
            cols,
            rows,
            extra_env,
        )
    }

    /// Any program in the pty (the checks' own tests run a deliberately bad one).
    pub fn spawn_program(
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        extra_env: &[(&str, &str)],
    ) -> Session {
        let dir = tempfile::tempdir().expect("temp dir");
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("openpty");
        let modes_before = modes_of(pair.master.as_ref());

        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(dir.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("PAYOUTS_TUI_LOG", dir.path().join("payouts-tui.log"));
        cmd.env("PAYOUTS_TUI_AUDIT", dir.path().join("audit.jsonl"));
        // Nothing may land in the developer's home, whatever the code's defaults are.
        cmd.env("HOME", dir.path());
        cmd.env("XDG_STATE_HOME", dir.path().join("state"));
        cmd.env("XDG_CONFIG_HOME", dir.path().join("config"));
        cmd.env("XDG_DATA_HOME", dir.path().join("data"));
        cmd.env("XDG_CACHE_HOME", dir.path().join("cache"));
        for var in [
            "PAYOUTS_TUI_TEST_PANIC",
            "PAYOUTS_TUI_CONFIG",
            "NO_COLOR",
            "RUST_LOG",
            "DFNS_API_URL",
            "TMUX",
        ] {
            cmd.env_remove(var);
        }
        // The panic test reads the message on a 40-row screen: no backtrace to push it off.
        cmd.env("RUST_BACKTRACE", "0");
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn payouts-tui");
        // Only the child holds the slave now: its exit gives the reader EOF.
        drop(pair.slave);

        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let eof = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        {
            let (parser, raw, eof) = (parser.clone(), raw.clone(), eof.clone());
            thread::spawn(move || {
                let mut buf = [0u8; 16 * 1024];
                // Ends on EOF or EIO: the child and every copy of the slave are gone.
                while let Ok(n @ 1..) = reader.read(&mut buf) {
                    lock(&parser).process(&buf[..n]);
                    lock(&raw).extend_from_slice(&buf[..n]);
                }
                eof.store(true, Ordering::SeqCst);
            });
        }
        Session {
            master: pair.master,
            writer,
            child,
            parser,
            raw,
            eof,
            exit: None,
            modes_before,
            dir,
        }
    }

    pub fn audit_path(&self) -> PathBuf {
        self.dir.path().join("audit.jsonl")
    }

    pub fn log_path(&self) -> PathBuf {
        self.dir.path().join("payouts-tui.log")
    }

    /// The parsed screen, as text (rows joined by '\n').
    pub fn contents(&self) -> String {
        lock(&self.parser).screen().contents()
    }

    /// Reads the parsed screen under the lock.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(lock(&self.parser).screen())
    }

    pub fn raw(&self) -> Vec<u8> {
        lock(&self.raw).clone()
    }

    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Sends a lone Esc and gives the input parser time to see it as a key of its own, not
    /// the start of an escape sequence merged with whatever comes next.
    pub fn send_esc(&mut self) {
        self.send(ESC);
        thread::sleep(Duration::from_millis(150));
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Sends `signal` (a name `kill` knows: TERM, HUP, INT, …) to the child.
    pub fn signal(&self, signal: &str) {
        let status = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{signal} {} failed", self.pid());
    }

    /// Resizes the pty (the child gets SIGWINCH) and the parsed screen together.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let mut parser = lock(&self.parser);
        self.master.resize(size(cols, rows)).expect("resize pty");
        parser.screen_mut().set_size(rows, cols);
    }

    pub fn exited(&mut self) -> Option<ExitStatus> {
        if self.exit.is_none() {
            self.exit = self.child.try_wait().expect("try_wait");
        }
        self.exit.clone()
    }

    /// Polls until `done` holds for the screen; fails with `what` and the screen on timeout
    /// or when the child exits first.
    pub fn wait_until(
        &mut self,
        what: &str,
        timeout: Duration,
        mut done: impl FnMut(&vt100::Screen) -> bool,
    ) {
        let start = Instant::now();
        loop {
            if self.with_screen(&mut done) {
                return;
            }
            if let Some(status) = self.exited() {
                // The last bytes may still be in flight: one more look before failing.
                self.wait_eof(Duration::from_secs(2));
                if self.with_screen(&mut done) {
                    return;
                }
                panic!(
                    "the dashboard exited ({status:?}) while waiting for {what}; screen:\n{}",
                    self.contents()
                );
            }
            if start.elapsed() > timeout {
                panic!(
                    "timed out after {timeout:?} waiting for {what}; screen:\n{}",
                    self.contents()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until `text` is on screen.
    pub fn wait_for(&mut self, text: &str, timeout: Duration) {
        self.wait_until(&format!("{text:?}"), timeout, |s| {
            s.contents().contains(text)
        });
    }

    /// Waits for the child to exit (bounded), then for the reader to drain the pty.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.exited() {
                self.wait_eof(Duration::from_secs(5));
                return status;
            }
            if start.elapsed() > timeout {
                panic!(
                    "the dashboard did not exit within {timeout:?}; screen:\n{}",
                    self.contents()
                );
            }
            thread::sleep(POLL);
        }
    }

    fn wait_eof(&self, timeout: Duration) {
        let start = Instant::now();
        while !self.eof.load(Ordering::SeqCst) && start.elapsed() < timeout {
            thread::sleep(POLL);
        }
    }

    /// The pty's modes now (raw mode or not is a property of the pty, not of the output).
    pub fn modes(&self) -> Modes {
        modes_of(self.master.as_ref())
    }

    /// The audit file's lines, parsed; none when it was never written.
    pub fn audit_lines(&self) -> Vec<serde_json::Value> {
        read_jsonl(&self.audit_path())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A failed assertion must not leave a dashboard running.
        if self.exited().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn modes_of(master: &dyn MasterPty) -> Modes {
    let t = master
        .get_termios()
        .expect("the pty's termios (tcgetattr on the master)");
    Modes {
        input: u64::from(t.input_flags.bits()),
        output: u64::from(t.output_flags.bits()),
        control: u64::from(t.control_flags.bits()),
        local: u64::from(t.local_flags.bits()),
        local_names: format!("{:?}", t.local_flags),
    }
}

pub fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
    match std::fs::read_to_string(path) {
        Ok(text) => text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {l}", path.display()))
            })
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    }
}
