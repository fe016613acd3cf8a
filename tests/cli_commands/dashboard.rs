//! The dashboard's confirm, driven through a pty as the same principal and against the same
//! API as the commands, so the secrets scan covers its screen output, log and audit lines.
//! Progress is judged by the emulator's state, not by the screen layout (the pty tests in
//! `tests/pty_e2e.rs` own that).

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use payouts_tui::emulator::Running;

use crate::harness::Bin;

const WAIT: Duration = Duration::from_secs(30);

fn wait(what: &str, mut done: impl FnMut() -> bool, screen: impl Fn() -> String) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < WAIT,
            "timed out waiting for {what}; screen:\n{}",
            screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Starts the dashboard, confirms `id` (the row selected at start: my soonest deadline) by
/// typing the last 4 characters of `address`, and quits. Returns everything the terminal
/// received.
pub fn confirm_in_dashboard(bin: &Bin, emu: &Running, id: &str, address: &str) -> String {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 140,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_payouts-tui"));
    cmd.env_clear();
    for (k, v) in &bin.vars {
        cmd.env(k, v);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.cwd(&bin.home);
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 140, 0)));
    let raw: Arc<Mutex<Vec<u8>>> = Arc::default();
    let eof = Arc::new(AtomicBool::new(false));
    let mut reader = pair.master.try_clone_reader().unwrap();
    {
        let (parser, raw, eof) = (parser.clone(), raw.clone(), eof.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                parser.lock().unwrap().process(&buf[..n]);
                raw.lock().unwrap().extend_from_slice(&buf[..n]);
            }
            eof.store(true, Ordering::SeqCst);
        });
    }
    let screen = || parser.lock().unwrap().screen().contents();
    let mut writer = pair.master.take_writer().unwrap();
    let mut send = |keys: &str| {
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    };
    let confirms = || emu.state.world_now().0.stats.confirms;
    let before = confirms();

    wait(
        "the board with the payout",
        || screen().contains(id),
        screen,
    );
    send("c");
    wait("the confirm dialog", || screen().contains("last 4"), screen);
    let code: String = address.chars().skip(address.chars().count() - 4).collect();
    send(&code);
    std::thread::sleep(Duration::from_millis(300));
    send("\r");
    wait(
        "the confirm to reach the emulator",
        || confirms() > before,
        screen,
    );
    // Let the outcome land (audit line, re-read), then leave.
    std::thread::sleep(Duration::from_millis(800));
    send(" ");
    std::thread::sleep(Duration::from_millis(200));
    send("q");
    let started = Instant::now();
    while child.try_wait().ok().flatten().is_none() {
        if started.elapsed() > WAIT {
            let _ = child.kill();
            panic!("the dashboard did not quit; screen:\n{}", screen());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(pair.master);
    let started = Instant::now();
    while !eof.load(Ordering::SeqCst) && started.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let text = String::from_utf8_lossy(&raw.lock().unwrap()).into_owned();
    bin.transcript
        .lock()
        .unwrap()
        .push(format!("$ (dashboard)\n{text}"));
    text
}
