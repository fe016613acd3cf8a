//! Terminal control strings that work over SSH: OSC 52 (clipboard), OSC 9 (notification),
//! OSC 8 (hyperlink), BEL.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Copies `text` to the local clipboard of the terminal emulator (even through SSH).
pub fn clipboard(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", STANDARD.encode(text.as_bytes()))
}

/// A desktop notification (iTerm2, kitty, WezTerm, foot…); others ignore it.
pub fn notify(text: &str) -> String {
    format!("\x1b]9;{}\x07", sanitize(text))
}

pub const BELL: &str = "\x07";

/// Text inside an OSC must not end it early or smuggle escapes.
fn sanitize(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_and_sanitizes() {
        assert_eq!(clipboard("0xab"), "\x1b]52;c;MHhhYg==\x07");
        assert_eq!(notify("a\x07b\x1b]x"), "\x1b]9;ab]x\x07");
    }
}
