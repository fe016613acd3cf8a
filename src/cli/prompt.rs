//! The interactive checks of `confirm` and `cancel`: questions on stderr, answers from the
//! terminal on stdin. The decisions are pure functions, tested without a terminal.

use std::io::{BufRead, IsTerminal, Write};

use super::Exit;

/// Is the answer to a y/N question a yes? Only `y` or `yes`, in any case; the default is no.
pub fn is_yes(answer: &str) -> bool {
    matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

/// Refuses to ask when nobody can answer: stdin is not a terminal and `--yes` was not given.
pub fn require_terminal(action: &str) -> Result<(), Exit> {
    if std::io::stdin().is_terminal() {
        return Ok(());
    }
    eprintln!(
        "error: refusing to {action} without a terminal; pass --yes (the same checks still run)"
    );
    Err(Exit::Usage)
}

/// Asks `question` on stderr and reads one line from stdin (None at end of input).
pub fn ask(question: &str) -> Option<String> {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{question}");
    let _ = err.flush();
    drop(err);
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_is_explicit() {
        for y in ["y", "Y", "yes", "YES\n", " y "] {
            assert!(is_yes(y), "{y:?}");
        }
        for n in ["", "\n", "n", "no", "yy", "ye", "sure", "oui"] {
            assert!(!is_yes(n), "{n:?}");
        }
    }
}
