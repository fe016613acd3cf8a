//! The terminal is given back as found, whatever ends the dashboard: checked on the pty's
//! own modes (termios, read from the master) and on what the child wrote, not by eye.

use portable_pty::ExitStatus;

use crate::pty::{Session, TIMEOUT};

const ENTER_ALT: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// A demo that has drawn its board and put the pty in raw mode.
fn running() -> Session {
    let mut s = Session::demo(120, 40, &[]);
    s.wait_for("Needs my confirmation", TIMEOUT);
    let before = &s.modes_before;
    assert!(
        before.local_has("ICANON") && before.local_has("ECHO"),
        "a fresh pty should be cooked: {before:?}"
    );
    // Raw mode is set before the first frame; seeing it proves the later check can fail.
    let now = s.modes();
    assert!(
        !now.local_has("ICANON") && !now.local_has("ECHO"),
        "the dashboard runs without raw mode: {now:?}"
    );
    s
}

/// Everything the dashboard changed is undone; `how` names the way out for messages.
fn assert_restored(s: &mut Session, how: &str, status: &ExitStatus, success: bool) {
    assert_eq!(
        status.success(),
        success,
        "{how}: exit status {status:?}; screen:\n{}",
        s.contents()
    );
    let raw = s.raw();
    let entered = find_last(&raw, ENTER_ALT)
        .unwrap_or_else(|| panic!("{how}: the dashboard never entered the alternate screen"));
    let tail = &raw[entered..];
    assert!(
        contains(tail, LEAVE_ALT),
        "{how}: no leave-alternate-screen (ESC[?1049l) after the last enter"
    );
    assert!(
        contains(tail, SHOW_CURSOR),
        "{how}: no show-cursor (ESC[?25h) after the last enter"
    );
    s.with_screen(|sc| {
        assert!(
            !sc.alternate_screen(),
            "{how}: still on the alternate screen"
        );
        assert!(!sc.hide_cursor(), "{how}: the cursor is still hidden");
        assert!(!sc.bracketed_paste(), "{how}: bracketed paste left on");
        assert_eq!(
            sc.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "{how}: mouse reporting left on"
        );
        assert!(
            !sc.application_cursor(),
            "{how}: application cursor keys left on"
        );
    });
    let after = s.modes();
    assert!(
        after.local_has("ICANON") && after.local_has("ECHO"),
        "{how}: the pty is left in raw mode: {after:?}"
    );
    assert_eq!(
        after, s.modes_before,
        "{how}: the pty's modes differ from before the dashboard"
    );
}

fn quit_by_key(key: &str, how: &str) {
    let mut s = running();
    s.send(key);
    let status = s.wait_exit(TIMEOUT);
    assert_restored(&mut s, how, &status, true);
}

/// Quits on `signal`, restored, with the shell's status for it (128 + the number).
fn quit_by_signal(signal: &str, code: u32) {
    let mut s = running();
    s.signal(signal);
    let status = s.wait_exit(TIMEOUT);
    assert_restored(&mut s, &format!("SIG{signal}"), &status, false);
    assert_eq!(status.exit_code(), code, "SIG{signal}: {status:?}");
}

/// The process state letter from /proc ('T' when stopped).
fn proc_state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // "pid (comm) S ...": the state follows the last ')'.
    stat.rsplit(')')
        .next()
        .and_then(|rest| rest.trim_start().chars().next())
        .unwrap_or('?')
}

fn wait_state(pid: u32, want: char) {
    let start = std::time::Instant::now();
    while proc_state(pid) != want {
        assert!(
            start.elapsed() < TIMEOUT,
            "process {pid} never reached state {want} (is {})",
            proc_state(pid)
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Stopped by `stop` (a signal from outside, or the Ctrl-Z key), the terminal is given back
/// cooked and on the normal screen; continued, the board is drawn again whole; `q` then
/// quits cleanly.
fn suspend_and_resume(stop: impl FnOnce(&mut Session), how: &str) {
    let mut s = running();
    let pid = s.pid();
    stop(&mut s);
    wait_state(pid, 'T');
    let modes = s.modes();
    assert!(
        modes.local_has("ICANON") && modes.local_has("ECHO"),
        "{how}: stopped with the pty still raw: {modes:?}"
    );
    assert_eq!(modes, s.modes_before, "{how}: modes while stopped");
    // The bytes written before the stop may still be on their way to the parser.
    s.wait_until(
        &format!("{how}: the normal screen and a visible cursor while stopped"),
        TIMEOUT,
        |sc| !sc.alternate_screen() && !sc.hide_cursor(),
    );
    s.signal("CONT");
    s.wait_until("the board again", TIMEOUT, |sc| {
        sc.alternate_screen() && sc.contents().contains("Needs my confirmation")
    });
    let modes = s.modes();
    assert!(!modes.local_has("ICANON"), "{how}: not raw after fg");
    s.send("q");
    let status = s.wait_exit(TIMEOUT);
    assert_restored(&mut s, how, &status, true);
}

#[test]
fn an_outside_sigtstp_gives_the_terminal_back_and_sigcont_redraws() {
    suspend_and_resume(|s| s.signal("TSTP"), "SIGTSTP");
}

#[test]
fn ctrl_z_suspends_like_a_shell_job() {
    suspend_and_resume(|s| s.send("\x1a"), "Ctrl-Z");
}

#[test]
fn restored_after_q() {
    quit_by_key("q", "q");
}

#[test]
fn restored_after_ctrl_c_key() {
    quit_by_key("\x03", "Ctrl-C");
}

#[test]
fn restored_after_sigterm() {
    quit_by_signal("TERM", 143);
}

#[test]
fn restored_after_sighup() {
    quit_by_signal("HUP", 129);
}

#[test]
fn restored_after_sigint() {
    quit_by_signal("INT", 130);
}

#[test]
fn restored_after_sigquit() {
    quit_by_signal("QUIT", 131);
}

#[test]
fn restored_after_a_panic() {
    let mut s = Session::demo(120, 40, &[("PAYOUTS_TUI_TEST_PANIC", "1")]);
    let status = s.wait_exit(TIMEOUT);
    assert_restored(&mut s, "panic", &status, false);
    // The message lands on the normal screen, where the user can read it.
    let text = s.contents();
    assert!(
        text.contains("forced panic after the first frame"),
        "the panic message is not on the restored screen:\n{text}"
    );
}

/// The checks above can fail: a program that leaves the alternate screen on, the cursor
/// hidden and the pty raw is caught by each of them.
#[test]
fn the_restore_check_catches_a_careless_exit() {
    let script = r"printf '\033[?1049h\033[?25l\033[?2004h'; stty raw -echo; echo drawn; sleep 0.3";
    let mut s = Session::spawn_program("sh", &["-c", script], 120, 40, &[]);
    s.wait_for("drawn", TIMEOUT);
    let status = s.wait_exit(TIMEOUT);
    assert!(status.success(), "{status:?}");
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        assert_restored(&mut s, "careless", &status, true)
    }));
    assert!(caught.is_err(), "a careless exit passed the restore check");
    // And each part on its own sees it.
    assert!(s.with_screen(|sc| sc.alternate_screen() && sc.hide_cursor()));
    let modes = s.modes();
    assert!(
        !modes.local_has("ICANON") && !modes.local_has("ECHO"),
        "{modes:?}"
    );
    assert_ne!(modes, s.modes_before);
}
