//! The interactive checks of `confirm` and `cancel`: questions on stderr, answers from the
//! terminal on stdin. The decisions are pure functions, tested without a terminal.

use std::io::{BufRead, IsTerminal, Write};

use super::Exit;

/// Does the typed line arm a confirm? Exactly the last 4 characters of the deposit address
/// (the dashboard's rule), surrounding whitespace and the line end ignored. Case matters:
/// base58 addresses are case-sensitive, and the rule must not differ between the two UIs.
pub fn arms(typed: &str, arm_code: &str) -> bool {
    !arm_code.is_empty() && typed.trim() == arm_code
}

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
    fn only_the_exact_last_four_arm() {
        assert!(arms("3359\n", "3359"));
        assert!(arms("  3359 \r\n", "3359"));
        assert!(!arms("335", "3359"));
        assert!(!arms("33590", "3359"));
        assert!(!arms("", "3359"));
        assert!(!arms("\n", "3359"));
        assert!(!arms("aBcD", "abcd"));
        assert!(!arms("", ""));
    }

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
