//! The 16-colour form of the basic colours, at the terminal's edge.
//!
//! crossterm writes even the 16 basic colours in the 256-colour form (`ESC[38;5;9m` for red),
//! which a terminal that knows only 8 or 16 colours (the Linux console, a VT100, a plain
//! `xterm` or `screen`) may show wrongly or not at all. [`BasicColors`] sits between the
//! ratatui backend and the terminal and, when `app::term::sixteen_colors` says so, rewrites
//! each such parameter in the SGR (`…m`) sequences passing through: `38;5;N` to `30+N`
//! (N < 8) or `90+N-8` (N < 16), `48;5;N` to `40+N` or `100+N-8`. Everything else, and any
//! colour from 16 up, passes untouched; the theme itself uses only the 16 (`ui::theme`).

use std::io::{self, Write};

const ESC: u8 = 0x1b;
/// Longest escape sequence held back while it is being read; a longer one passes as it is.
const MAX_PENDING: usize = 256;

/// A writer that rewrites basic colours in SGR sequences to their 16-colour form (when `on`).
pub struct BasicColors<W: Write> {
    inner: W,
    on: bool,
    /// An escape sequence begun but not yet ended (they may arrive split across writes).
    pending: Vec<u8>,
}

impl<W: Write> BasicColors<W> {
    pub fn new(inner: W, on: bool) -> BasicColors<W> {
        BasicColors {
            inner,
            on,
            pending: Vec::new(),
        }
    }

    /// The pending CSI sequence, ended by its final byte: rewritten when it is an SGR, and
    /// added to `out`.
    fn finish(&mut self, out: &mut Vec<u8>) {
        let seq = std::mem::take(&mut self.pending);
        match seq
            .strip_prefix(b"\x1b[")
            .and_then(|s| s.strip_suffix(b"m"))
        {
            Some(params) => {
                out.extend_from_slice(b"\x1b[");
                rewrite_sgr(params, out);
                out.push(b'm');
            }
            None => out.extend_from_slice(&seq),
        }
    }
}

impl<W: Write> Write for BasicColors<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.on {
            return self.inner.write(buf);
        }
        let mut out = Vec::with_capacity(buf.len() + 8);
        for &b in buf {
            if self.pending.is_empty() {
                if b == ESC {
                    self.pending.push(b);
                } else {
                    out.push(b);
                }
                continue;
            }
            self.pending.push(b);
            let n = self.pending.len();
            let csi = self.pending.get(1) == Some(&b'[');
            if n == 2 && !csi {
                // Not a CSI (OSC, a lone ESC…): passed as it is.
                out.append(&mut self.pending);
            } else if n > 2 && (0x40..=0x7e).contains(&b) {
                self.finish(&mut out);
            } else if n >= MAX_PENDING {
                out.append(&mut self.pending);
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // A sequence cut by a flush is incomplete: it waits for its end, which the next
        // write brings (crossterm writes a command whole before it flushes).
        self.inner.flush()
    }
}

/// The SGR parameters `params` (between `ESC[` and `m`), with every basic colour in the
/// 256-colour form rewritten to the 16-colour form, appended to `out`.
pub fn rewrite_sgr(params: &[u8], out: &mut Vec<u8>) {
    let parts: Vec<&[u8]> = params.split(|&c| c == b';').collect();
    let mut i = 0;
    let mut first = true;
    let mut push = |out: &mut Vec<u8>, p: &[u8]| {
        if !first {
            out.push(b';');
        }
        first = false;
        out.extend_from_slice(p);
    };
    while i < parts.len() {
        let p = parts[i];
        let base = match p {
            b"38" => Some((30u8, 90u8)),
            b"48" => Some((40, 100)),
            _ => None,
        };
        let mode = parts.get(i + 1).copied();
        let index = parts.get(i + 2).and_then(|n| small_number(n));
        match (base, mode, index) {
            (Some((low, high)), Some(b"5"), Some(n)) if n < 16 => {
                let code = if n < 8 { low + n } else { high + n - 8 };
                push(out, code.to_string().as_bytes());
                i += 3;
            }
            // A colour of another form keeps its arguments with it: `38;5;N`, `38;2;R;G;B`.
            (Some(_), Some(b"5"), _) => {
                for q in &parts[i..(i + 3).min(parts.len())] {
                    push(out, q);
                }
                i += 3;
            }
            (Some(_), Some(b"2"), _) => {
                for q in &parts[i..(i + 5).min(parts.len())] {
                    push(out, q);
                }
                i += 5;
            }
            _ => {
                push(out, p);
                i += 1;
            }
        }
    }
}

/// A colour index of one to three digits, if it is one.
fn small_number(s: &[u8]) -> Option<u8> {
    if s.is_empty() || s.len() > 3 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(s).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(params: &str) -> String {
        let mut out = Vec::new();
        rewrite_sgr(params.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn basic_colours_take_their_sixteen_colour_codes_and_others_stay() {
        assert_eq!(rewritten("38;5;1"), "31");
        assert_eq!(rewritten("38;5;0"), "30");
        assert_eq!(rewritten("38;5;7"), "37");
        assert_eq!(rewritten("38;5;8"), "90");
        assert_eq!(rewritten("38;5;9"), "91");
        assert_eq!(rewritten("38;5;15"), "97");
        assert_eq!(rewritten("48;5;4"), "44");
        assert_eq!(rewritten("48;5;12"), "104");
        // Both in one sequence, as ratatui's SetColors writes them, and with attributes.
        assert_eq!(rewritten("38;5;11;48;5;0"), "93;40");
        assert_eq!(rewritten("1;38;5;2;4"), "1;32;4");
        // From 16 up, true colour, underline colour and plain attributes pass untouched.
        assert_eq!(rewritten("38;5;16"), "38;5;16");
        assert_eq!(rewritten("48;5;255"), "48;5;255");
        assert_eq!(rewritten("38;2;1;5;9"), "38;2;1;5;9");
        assert_eq!(rewritten("58;5;9"), "58;5;9");
        assert_eq!(rewritten("0"), "0");
        assert_eq!(rewritten(""), "");
        assert_eq!(rewritten("39;49"), "39;49");
        // Cut short: left as it came.
        assert_eq!(rewritten("38;5"), "38;5");
        assert_eq!(rewritten("38;5;x"), "38;5;x");
    }

    #[test]
    fn sequences_split_across_writes_are_rewritten_and_the_rest_passes() {
        let mut w = BasicColors::new(Vec::new(), true);
        // crossterm writes a command in pieces.
        for piece in [
            "ab\x1b",
            "[",
            "38;5;",
            "9",
            ";48;5;0m",
            "x\x1b[2J\x1b]52;c;eHk=\x07",
            "\x1b[38;5;200mz",
        ] {
            w.write_all(piece.as_bytes()).unwrap();
        }
        w.flush().unwrap();
        assert_eq!(
            String::from_utf8(w.inner).unwrap(),
            "ab\x1b[91;40mx\x1b[2J\x1b]52;c;eHk=\x07\x1b[38;5;200mz"
        );
        // Off: byte for byte.
        let mut off = BasicColors::new(Vec::new(), false);
        off.write_all(b"\x1b[38;5;9m").unwrap();
        assert_eq!(off.inner, b"\x1b[38;5;9m");
    }
}
