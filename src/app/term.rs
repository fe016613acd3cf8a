//! What the terminal can be trusted with, decided once at start-up from the environment's
//! facts. `main` reads the variables and passes their values in; nothing here reads the
//! environment, so every rule is a pure function with its tests beside it.

/// Whether the dashboard draws in colour.
///
/// No colour when `NO_COLOR` is set to anything non-empty (no-color.org: "regardless of its
/// value", an empty one counts as unset), or when `TERM` is `dumb` — a terminal that declares
/// no capabilities at all. Otherwise colour (the 16 basic ANSI colours only, `ui::theme`).
pub fn color_wanted(term: Option<&str>, no_color: Option<&str>) -> bool {
    if no_color.is_some_and(|v| !v.is_empty()) {
        return false;
    }
    term != Some("dumb")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dumb_terminals_and_no_color_get_no_colour() {
        assert!(!color_wanted(Some("dumb"), None));
        assert!(!color_wanted(Some("dumb"), Some("")));
        assert!(!color_wanted(Some("xterm-256color"), Some("1")));
        assert!(!color_wanted(None, Some("yes")));
        assert!(!color_wanted(Some("dumb"), Some("1")));
    }

    #[test]
    fn other_terminals_get_colour() {
        for term in [
            "xterm-256color",
            "xterm",
            "screen",
            "tmux-256color",
            "linux",
            "",
        ] {
            assert!(color_wanted(Some(term), None), "{term}");
            // An empty NO_COLOR is as if unset (no-color.org).
            assert!(color_wanted(Some(term), Some("")), "{term}");
        }
        // Unset TERM is not a claim of "no colour": keep the default.
        assert!(color_wanted(None, None));
        // Only the exact name: "dumb" is a terminfo entry, not a prefix.
        assert!(color_wanted(Some("dumbo"), None));
    }
}
