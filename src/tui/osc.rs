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

/// Writes `text` again at cell `(x, y)` (0-based) as an OSC 8 hyperlink to `url`, the cursor
/// saved and restored around it. Both come from `ui::hyperlink`: plain alphanumerics and
/// a URL built from them.
pub fn hyperlink_at(x: u16, y: u16, text: &str, url: &str) -> String {
    format!(
        "\x1b7\x1b[{};{}H\x1b]8;;{}\x1b\\{}\x1b]8;;\x1b\\\x1b8",
        u32::from(y) + 1,
        u32::from(x) + 1,
        sanitize(url),
        sanitize(text)
    )
}

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
        assert_eq!(
            hyperlink_at(4, 0, "0xab", "https://x/tx/0xab"),
            "\x1b7\x1b[1;5H\x1b]8;;https://x/tx/0xab\x1b\\0xab\x1b]8;;\x1b\\\x1b8"
        );
    }
}
