//! The commands on a real terminal (a pty): colour only there and only without NO_COLOR,
//! and the interactive checks of confirm (type the last 4 characters of the deposit
//! address) and cancel (y/N) with real keystrokes.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use payouts_tui::dfns::model::{ExecutionStatus, PayoutStatus};

use crate::harness::{Bin, Sandbox};
use crate::{awaiting_of, common, get};

pub struct TtyRun {
    pub code: u32,
    /// Everything the terminal received (stdout and stderr share it).
    pub screen: String,
}

/// Runs the binary on a 200×50 pty; when `answer` is given, types it once `prompt` shows.
fn run_tty(bin: &Bin, args: &[&str], answer: Option<(&str, &str)>) -> TtyRun {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 50,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_payouts-tui"));
    cmd.args(args);
    cmd.env_clear();
    for (k, v) in &bin.vars {
        cmd.env(k, v);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.cwd(&bin.home);
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let out: Arc<Mutex<Vec<u8>>> = Arc::default();
    let mut reader = pair.master.try_clone_reader().unwrap();
    let reading = {
        let out = out.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                out.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    let mut writer = pair.master.take_writer().unwrap();
    if let Some((prompt, typed)) = answer {
        let started = Instant::now();
        while !String::from_utf8_lossy(&out.lock().unwrap()).contains(prompt) {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "no prompt {prompt:?}: {}",
                String::from_utf8_lossy(&out.lock().unwrap())
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        writer.write_all(typed.as_bytes()).unwrap();
        writer.flush().unwrap();
    }
    let status = child.wait().unwrap();
    drop(writer);
    drop(pair.master);
    let _ = reading.join();
    let screen = String::from_utf8_lossy(&out.lock().unwrap()).into_owned();
    bin.transcript
        .lock()
        .unwrap()
        .push(format!("$ (tty) {}\n{screen}", args.join(" ")));
    TtyRun {
        code: status.exit_code(),
        screen,
    }
}

pub async fn tty(bin: &Bin, args: &[&str], answer: Option<(&str, &str)>) -> TtyRun {
    let bin = bin.clone();
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let answer = answer.map(|(p, t)| (p.to_owned(), t.to_owned()));
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run_tty(
            &bin,
            &args,
            answer.as_ref().map(|(p, t)| (p.as_str(), t.as_str())),
        )
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn colour_on_a_terminal_only_without_no_color() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let coloured = tty(&op, &["list", "--limit", "5"], None).await;
    assert_eq!(coloured.code, 0, "{}", coloured.screen);
    assert!(
        coloured.screen.contains("\u{1b}[33mProcessing\u{1b}[0m"),
        "{}",
        coloured.screen
    );
    let plain = tty(&op.with("NO_COLOR", "1"), &["list", "--limit", "5"], None).await;
    assert_eq!(plain.code, 0, "{}", plain.screen);
    assert!(plain.screen.contains("Processing"));
    assert!(!plain.screen.contains('\u{1b}'), "{}", plain.screen);
}

const CONFIRM_PROMPT: &str = "Type the last 4 characters of the deposit address";

#[tokio::test(flavor = "multi_thread")]
async fn confirm_on_a_terminal_needs_the_last_four_characters() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let p = awaiting_of(&emu, "operator").await.remove(0);
    let address = p.data.deposit_address.clone().unwrap();
    let code: String = address.chars().skip(address.chars().count() - 4).collect();

    // Enter alone, or the wrong characters, never send money.
    for typed in ["\r", "abcd\r", &format!("{}\r", &address[..4])] {
        let r = tty(&op, &["confirm", &p.id], Some((CONFIRM_PROMPT, typed))).await;
        assert_eq!(r.code, 1, "{typed:?}: {}", r.screen);
        assert!(r.screen.contains("not confirmed"), "{}", r.screen);
        assert!(
            r.screen.contains(&address),
            "the full address is shown: {}",
            r.screen
        );
    }
    assert_eq!(emu.state.world_now().0.stats.confirms, 0);
    assert!(sb.audit_lines().is_empty());

    let ok = tty(
        &op,
        &["confirm", &p.id],
        Some((CONFIRM_PROMPT, &format!("{code}\r"))),
    )
    .await;
    assert_eq!(ok.code, 0, "{}", ok.screen);
    assert!(
        ok.screen.contains(&format!("confirmed {}", p.id)),
        "{}",
        ok.screen
    );
    assert_eq!(emu.state.world_now().0.stats.confirms, 1);
    assert_ne!(
        *get(&emu, &p.id).await.execution_status(),
        ExecutionStatus::AwaitingPayoutConfirmation
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn cancel_on_a_terminal_asks_y_n_and_defaults_to_no() {
    let emu = common::emulator().await;
    let sb = Sandbox::new();
    let op = sb.as_principal(&emu, "operator", &emu.url());
    let p = awaiting_of(&emu, "operator").await.remove(0);
    let prompt = format!("Cancel payout {}? [y/N]", p.id);
    for typed in ["\r", "n\r", "sure\r"] {
        let r = tty(&op, &["cancel", &p.id], Some((&prompt, typed))).await;
        assert_eq!(r.code, 1, "{typed:?}: {}", r.screen);
        assert!(
            r.screen.contains("not canceled; nothing was sent"),
            "{}",
            r.screen
        );
    }
    assert_eq!(get(&emu, &p.id).await.status, PayoutStatus::Processing);
    let yes = tty(&op, &["cancel", &p.id], Some((&prompt, "y\r"))).await;
    assert_eq!(yes.code, 0, "{}", yes.screen);
    assert_eq!(get(&emu, &p.id).await.status, PayoutStatus::Canceled);
}
