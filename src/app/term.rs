//! What the terminal can be trusted with, decided once at start-up from the environment's
//! facts. `main` reads the variables and passes their values in (they reach `update` as
//! `Settings`); nothing here reads the environment, so every rule is a pure function with its
//! tests beside it.

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

/// Whether the terminal takes colours in the 16-colour form only (SGR 30–37/90–97,
/// 40–47/100–107), so the terminal edge rewrites the 256-colour form crossterm writes
/// (`tui::sgr`).
///
/// Our rule: yes when `TERM` is one of the classic 8/16-colour terminals — `linux`, `vt…`,
/// `ansi`, `cons25`, `xterm`, `screen`, `tmux`, `rxvt`, `putty`, each alone or with a `-`
/// or `.` suffix (`xterm-color`, `screen.linux`) — or ends in `-16color` or `-8color`;
/// unless `TERM` says more (`256col`, `direct`, `truecolor`) or `COLORTERM` does
/// (`truecolor`, `24bit`). Unset, empty or anything else (`xterm-256color`, `alacritty`,
/// `foot`): no. Every colour terminal reads the 16-colour form, so a yes for one that could
/// do more costs nothing; a 16-colour terminal sent the 256-colour form shows wrong colours
/// or none.
pub fn sixteen_colors(term: Option<&str>, colorterm: Option<&str>) -> bool {
    let term = term.unwrap_or_default().to_ascii_lowercase();
    let colorterm = colorterm.unwrap_or_default().to_ascii_lowercase();
    if ["256col", "direct", "truecolor"]
        .iter()
        .any(|more| term.contains(more))
        || colorterm == "truecolor"
        || colorterm == "24bit"
    {
        return false;
    }
    const CLASSIC: [&str; 8] = [
        "linux", "ansi", "cons25", "xterm", "screen", "tmux", "rxvt", "putty",
    ];
    let base = term.split(['-', '.']).next().unwrap_or_default();
    let vt = base
        .strip_prefix("vt")
        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
    CLASSIC.contains(&base) || vt || term.ends_with("-16color") || term.ends_with("-8color")
}

/// A terminal multiplexer between the dashboard and the terminal. It may drop OSC 52, the
/// clipboard copy `y` sends: tmux passes it on only with `set-clipboard on` (its default,
/// `external`, drops it), GNU screen not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Multiplexer {
    Tmux,
    /// `TERM` says `screen…` without `TMUX`: GNU screen, or tmux reached over ssh (which
    /// keeps tmux's `TERM` but not its `TMUX`).
    ScreenOrTmux,
}

impl Multiplexer {
    pub fn name(self) -> &'static str {
        match self {
            Multiplexer::Tmux => "tmux",
            Multiplexer::ScreenOrTmux => "screen or tmux",
        }
    }
}

/// The setting that makes tmux pass OSC 52 on to the terminal.
pub const TMUX_CLIPBOARD_FIX: &str = "tmux: set -g set-clipboard on";

/// The multiplexer that may drop OSC 52, from `TMUX` and `TERM`; None when neither names one.
pub fn multiplexer(tmux: Option<&str>, term: Option<&str>) -> Option<Multiplexer> {
    let term = term.unwrap_or_default();
    if tmux.is_some_and(|v| !v.is_empty()) || term.starts_with("tmux") {
        Some(Multiplexer::Tmux)
    } else if term.starts_with("screen") {
        Some(Multiplexer::ScreenOrTmux)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_terminals_get_the_sixteen_colour_form() {
        for term in [
            "linux",
            "vt100",
            "vt220",
            "ansi",
            "xterm",
            "xterm-color",
            "screen",
            "screen.linux",
            "screen-bce",
            "tmux",
            "rxvt",
            "rxvt-unicode",
            "putty",
            "cons25",
            "xterm-16color",
            "screen-16color",
            "LINUX",
        ] {
            assert!(sixteen_colors(Some(term), None), "{term}");
        }
        for term in [
            "xterm-256color",
            "screen-256color",
            "tmux-256color",
            "rxvt-unicode-256color",
            "xterm-direct",
            "alacritty",
            "foot",
            "dumb",
            "",
            "vtx",
        ] {
            assert!(!sixteen_colors(Some(term), None), "{term}");
        }
        assert!(!sixteen_colors(None, None));
        // A terminal that says it does true colour keeps the 256-colour form.
        assert!(!sixteen_colors(Some("xterm"), Some("truecolor")));
        assert!(!sixteen_colors(Some("linux"), Some("24bit")));
        assert!(sixteen_colors(Some("xterm"), Some("")));
    }

    #[test]
    fn tmux_and_screen_are_told_from_tmux_and_term() {
        let tmux = Some("/tmp/tmux-1000/default,4242,0");
        assert_eq!(
            multiplexer(tmux, Some("screen-256color")),
            Some(Multiplexer::Tmux)
        );
        assert_eq!(multiplexer(tmux, None), Some(Multiplexer::Tmux));
        assert_eq!(
            multiplexer(None, Some("tmux-256color")),
            Some(Multiplexer::Tmux)
        );
        assert_eq!(
            multiplexer(None, Some("screen.xterm-256color")),
            Some(Multiplexer::ScreenOrTmux)
        );
        assert_eq!(
            multiplexer(None, Some("screen")),
            Some(Multiplexer::ScreenOrTmux)
        );
        // An empty TMUX is no tmux.
        for term in ["xterm-256color", "alacritty", "dumb", ""] {
            assert_eq!(multiplexer(Some(""), Some(term)), None, "{term}");
            assert_eq!(multiplexer(None, Some(term)), None, "{term}");
        }
        assert_eq!(multiplexer(None, None), None);
    }

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
