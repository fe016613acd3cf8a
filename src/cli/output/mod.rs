//! How command results reach stdout: aligned tables, JSON, CSV. Data goes to stdout and
//! nothing else does; colour only on a terminal without NO_COLOR.

pub mod csv;
pub mod table;

use std::io::{IsTerminal, Write};

use serde::Serialize;

use super::Exit;

/// Writes `text` to stdout. A closed pipe (`| head`) is a normal end, not an error.
pub fn emit(text: &str) -> Exit {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Exit::Ok,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Ok,
        Err(e) => {
            eprintln!("error: cannot write to stdout: {e}");
            Exit::Unavailable
        }
    }
}

/// Pretty JSON of `value` with a final newline, as the API's own field names; characters a
/// terminal would obey are `\u` escapes (still the same JSON values for `jq`).
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<String, Exit> {
    match serde_json::to_string_pretty(value) {
        Ok(s) => {
            let mut s = crate::dfns::text::escape_json(s);
            s.push('\n');
            Ok(s)
        }
        Err(e) => {
            eprintln!("error: cannot write JSON: {e}");
            Err(Exit::Unavailable)
        }
    }
}

/// Colour when stdout is a terminal and NO_COLOR is unset or empty (no-color.org).
pub fn color_enabled() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The width to fit: `COLUMNS` when set, else the terminal's, else no limit (a pipe gets
/// every column).
pub fn width() -> Option<usize> {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
    {
        return Some(n);
    }
    if std::io::stdout().is_terminal() {
        return ratatui::crossterm::terminal::size()
            .ok()
            .map(|(w, _)| usize::from(w));
    }
    None
}

/// Server text for a terminal, through the one sanitizer (`dfns::text`).
pub fn clean(s: &str) -> String {
    crate::dfns::text::escape(s).into_owned()
}

/// `label  value` lines with the labels padded to one width.
pub fn fields(rows: &[(&str, String)]) -> String {
    let w = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (label, value) in rows {
        out.push_str(&format!("{label:<w$}  {}\n", clean(value)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_escape_sequences() {
        assert_eq!(clean("a\u{1b}[2Jb\nc"), "a\\u{1b}[2Jb\\u{a}c");
    }

    #[test]
    fn fields_align_labels() {
        let s = fields(&[("id", "pyt-1".into()), ("amount", "1.00 USDC".into())]);
        assert_eq!(s, "id      pyt-1\namount  1.00 USDC\n");
    }
}
