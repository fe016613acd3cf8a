//! Terminal fit, on the real binary's bytes: what a dumb terminal or NO_COLOR gets.

use crate::pty::board;
use crate::pty::{Session, TIMEOUT};

const NEEDS_ME: &str = "Needs my confirmation";

/// Every SGR parameter that sets a colour (foreground, background, underline colour; basic,
/// bright, 256-colour or RGB) in `bytes`, as "CSI params m" strings. Resets (39, 49, 59) are
/// not colours.
fn colour_sgrs(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    let mut rest = text.as_ref();
    while let Some(start) = rest.find("\x1b[") {
        rest = &rest[start + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':'))
            .unwrap_or(rest.len());
        let (params, after) = rest.split_at(end);
        if after.starts_with('m') {
            let colour = params.split([';', ':']).any(|p| {
                matches!(
                    p.parse::<u16>(),
                    Ok(30..=38 | 40..=48 | 58 | 90..=97 | 100..=107)
                )
            });
            if colour {
                found.push(format!("ESC[{params}m"));
            }
        }
        rest = after;
    }
    found
}

/// The demo at 120×40 with `env`, the board loaded, the help and the log opened once (the
/// overlays use the key and warning styles), then quit; the raw bytes it wrote.
fn session_bytes(env: &[(&str, &str)]) -> Vec<u8> {
    let mut s = Session::demo(120, 40, env);
    s.wait_for(NEEDS_ME, TIMEOUT);
    s.send("?");
    s.wait_for("any key closes", TIMEOUT);
    s.send(" ");
    s.send("L");
    s.wait_for("any key closes the log", TIMEOUT);
    s.send(" ");
    s.send("q");
    s.wait_exit(TIMEOUT);
    s.raw()
}

#[test]
fn the_sgr_reader_finds_colours_and_ignores_the_rest() {
    assert_eq!(
        colour_sgrs(b"\x1b[1m\x1b[38;5;1mx\x1b[39m\x1b[0;7m\x1b[2J\x1b[44m\x1b[97m"),
        ["ESC[38;5;1m", "ESC[44m", "ESC[97m"]
    );
    assert!(colour_sgrs(b"\x1b[1;4;7m\x1b[49m\x1b[H plain").is_empty());
}

/// `TERM=dumb` and `NO_COLOR` get no colour at all; the ordinary terminal of the other tests
/// does (so the check is not vacuous).
#[test]
fn a_dumb_terminal_and_no_color_get_no_colour() {
    let coloured = colour_sgrs(&session_bytes(&[]));
    assert!(
        !coloured.is_empty(),
        "xterm-256color should get colour: the check would prove nothing"
    );
    for env in [[("TERM", "dumb")], [("NO_COLOR", "1")]] {
        let found = colour_sgrs(&session_bytes(&env));
        assert!(
            found.is_empty(),
            "{env:?}: {} colour sequences, the first {:?}",
            found.len(),
            &found[..found.len().min(5)]
        );
    }
}

/// A 16-colour terminal (`TERM=linux`, the Linux console) gets the basic colours in the
/// 16-colour form (SGR 30–37/90–97, 40–47/100–107), never the 256-colour `38;5;N` crossterm
/// writes; a 256-colour terminal still gets that form (so the check is not vacuous).
#[test]
fn a_sixteen_colour_terminal_gets_the_sixteen_colour_form() {
    let wide = colour_sgrs(&session_bytes(&[("COLORTERM", "")]));
    assert!(
        wide.iter().any(|c| c.contains("38;5;")),
        "xterm-256color gets the 256-colour form: the check would prove nothing"
    );
    for term in ["linux", "vt100", "xterm", "screen"] {
        let raw = session_bytes(&[("TERM", term), ("COLORTERM", "")]);
        let text = String::from_utf8_lossy(&raw);
        assert!(!text.contains("38;5;"), "TERM={term}: a 38;5; was written");
        assert!(!text.contains("48;5;"), "TERM={term}: a 48;5; was written");
        let found = colour_sgrs(&raw);
        assert!(!found.is_empty(), "TERM={term}: no colour at all");
    }
}

/// Inside tmux (TMUX set), `y` does not claim a copy: it names OSC 52, says tmux may drop
/// it, shows the whole address to select by mouse, and the event log keeps the tmux setting.
#[test]
fn y_under_tmux_shows_the_whole_address_and_the_setting() {
    let mut s = Session::demo(120, 40, &[("TMUX", "/tmp/tmux-1000/default,4242,0")]);
    s.wait_until("a selected payout with a deposit address", TIMEOUT, |sc| {
        board::deposit_address(&sc.contents()).is_some()
    });
    let address = board::deposit_address(&s.contents()).expect("deposit address");
    s.send("y");
    let said = format!("deposit address {address} sent to the terminal clipboard (OSC 52)");
    s.wait_for(&said, TIMEOUT);
    assert!(!s.contents().contains("copied"), "{}", s.contents());
    // The OSC 52 itself went out.
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(raw.contains("\x1b]52;c;"), "no OSC 52 written");
    s.send("L");
    s.wait_for("tmux: set -g set-clipboard on", TIMEOUT);
    assert!(s.contents().contains(&address), "{}", s.contents());
    s.send(" ");
    s.send("q");
    s.wait_exit(TIMEOUT);
}
