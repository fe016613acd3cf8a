//! Policy approvals in a real pseudo-terminal, with real key bytes: `operator2` (the real
//! binary on a standalone `payouts-tui emulator`, configured by its credentials file as an
//! ops engineer would) approves `operator`'s held payout; `operator` (`payouts-tui demo`)
//! is refused approving their own held payout, with the reason, and denies it.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};

use crate::pty::board;
use crate::pty::{ENTER, Session, TIMEOUT};

/// `operator`'s seeded held payout (its approval pending).
const HELD: &str = "treasury-eth-1102";
const MINE: &str = "Awaiting my approval";

/// `payouts-tui emulator` on an ephemeral port, its credentials in `dir`; killed on drop.
struct Emulator {
    child: Child,
    /// Kept open: the emulator prints a second line, and a closed pipe would end it.
    _stdout: BufReader<ChildStdout>,
}

impl Emulator {
    fn start(dir: &Path) -> Emulator {
        let mut child = Command::new(env!("CARGO_BIN_EXE_payouts-tui"))
            .args(["emulator", "--listen", "127.0.0.1:0", "--credentials-dir"])
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the emulator");
        let mut stdout = BufReader::new(child.stdout.take().expect("the emulator's stdout"));
        let mut line = String::new();
        stdout
            .read_line(&mut line)
            .expect("the emulator's first line");
        assert!(line.starts_with("listening on http://"), "{line:?}");
        Emulator {
            child,
            _stdout: stdout,
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `NAME.env` of the credentials dir as (key, value) pairs (no quoting: a temp dir's path).
fn env_of(dir: &Path, name: &str) -> Vec<(String, String)> {
    std::fs::read_to_string(dir.join(format!("{name}.env")))
        .expect("credentials file")
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.trim_matches('\'').to_owned()))
        .collect()
}

/// Filters the board to the held payout; returns its id once selected with its approval.
fn filter_to_held(s: &mut Session) -> String {
    s.send("/");
    s.send(HELD);
    s.send(ENTER);
    s.wait_until(
        "the held payout selected with its approval",
        TIMEOUT,
        |sc| {
            let text = sc.contents();
            board::selected_id(&text).is_some() && text.contains("approval       Pending")
        },
    );
    board::selected_id(&s.contents()).expect("a selected payout")
}

fn audited(s: &Session, action: &str) -> Vec<(String, serde_json::Value)> {
    s.audit_lines()
        .into_iter()
        .filter(|l| l["action"] == action)
        .map(|l| {
            (
                l["phase"].as_str().unwrap_or("").to_owned(),
                l["httpStatus"].clone(),
            )
        })
        .collect()
}

#[test]
fn operator2_approves_operators_held_payout() {
    let creds = tempfile::tempdir().expect("temp dir");
    let _emu = Emulator::start(creds.path());
    let env = env_of(creds.path(), "operator2");
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut s = Session::spawn(&[], 120, 40, &env);
    s.wait_for(MINE, TIMEOUT);
    let id = filter_to_held(&mut s);
    s.wait_for("may approve or deny — a approves, d denies", TIMEOUT);
    s.send("a");
    s.wait_for(
        "type the last 4 characters of the deposit address to arm",
        TIMEOUT,
    );
    let screen = s.contents();
    assert!(
        screen.contains("Approve · sends money") && screen.contains(&id),
        "{screen}"
    );
    let address: String = board::detail_value(&screen, "to")
        .expect("the dialog's deposit address")
        .split_whitespace()
        .collect();
    let code = board::last4(&address);
    s.send(&code);
    s.wait_for(&format!("[{code}]"), TIMEOUT);
    s.wait_for("ARMED ✓", TIMEOUT);
    s.send(ENTER);
    s.wait_for("approved ✓", TIMEOUT);
    assert!(s.contents().contains("is now Approved"), "{}", s.contents());
    // The board follows the server: the payout is no longer held.
    s.send(" ");
    s.wait_until(&format!("{id} moved on"), TIMEOUT, |sc| {
        let text = sc.contents();
        board::row_of(&text, &id).is_some_and(|r| {
            !r.status.is_empty()
                && r.status != "PendingPolicyApproval"
                && r.group.as_deref() != Some(MINE)
        })
    });
    assert_eq!(
        audited(&s, "approve"),
        [
            ("attempt".to_owned(), serde_json::Value::Null),
            ("outcome".to_owned(), serde_json::json!(200))
        ]
    );
    // And the server agrees, asked by the CLI as operator.
    let out = Command::new(env!("CARGO_BIN_EXE_payouts-tui"))
        .args(["approvals", "--status", "Approved", "--output", "json"])
        .env_clear()
        .env("HOME", creds.path())
        .env("XDG_CONFIG_HOME", creds.path().join("config"))
        .env("PAYOUTS_TUI_AUDIT", creds.path().join("cli-audit.jsonl"))
        .envs(env_of(creds.path(), "operator"))
        .output()
        .expect("run payouts-tui approvals");
    let approved: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out:?}"));
    let decided_by_op2 = approved.as_array().is_some_and(|items| {
        items.iter().any(|a| {
            a["decisions"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["value"] == "Approved"))
                && a["activity"]["transferRequest"]["requestBody"]["to"] == address.as_str()
        })
    });
    assert!(
        decided_by_op2,
        "no Approved approval to {address}: {approved:#}"
    );
}

#[test]
fn operator_is_refused_approving_their_own_and_denies_it() {
    let mut s = Session::demo(120, 40, &[]);
    s.wait_for(MINE, TIMEOUT);
    let id = filter_to_held(&mut s);
    s.wait_for("may only deny — d denies", TIMEOUT);
    s.send("a");
    s.wait_for("cannot approve", TIMEOUT);
    assert!(
        s.contents().contains("you initiated this transfer"),
        "{}",
        s.contents()
    );
    s.send("d");
    s.wait_for("reason (optional", TIMEOUT);
    s.send("created by mistake");
    s.wait_for("created by mistake▏", TIMEOUT);
    s.send(ENTER);
    s.wait_for("Press y to deny it", TIMEOUT);
    s.send("y");
    s.wait_for("denied ✓", TIMEOUT);
    s.send(" ");
    s.wait_until(&format!("{id} Rejected under Finished"), TIMEOUT, |sc| {
        let text = sc.contents();
        !text.contains("press any key")
            && board::row_of(&text, &id)
                .is_some_and(|r| r.status == "Rejected" && r.group.as_deref() == Some("Finished"))
    });
    assert_eq!(
        audited(&s, "deny"),
        [
            ("attempt".to_owned(), serde_json::Value::Null),
            ("outcome".to_owned(), serde_json::json!(200))
        ]
    );
    assert!(audited(&s, "approve").is_empty());
}
