//! Every style the dashboard draws with, in one place.
//!
//! Colour only *adds* meaning: each style carries a modifier (BOLD, REVERSED, UNDERLINED, DIM)
//! or the text carries a symbol ("!", "!!") that says the same thing, so NO_COLOR and
//! monochrome terminals lose nothing. With `color` off no style sets a foreground or
//! background at all. Only the 16 basic ANSI colours are used, so 16-colour terminals (and
//! their user-chosen palettes) render them as intended.

use ratatui::style::{Color, Modifier, Style};

use crate::app::countdown::Urgency;
use crate::app::state::Level;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    /// `style` plus the foreground `c`, only when colour is on.
    fn fg(self, style: Style, c: Color) -> Style {
        if self.color { style.fg(c) } else { style }
    }

    fn bold() -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn plain(self) -> Style {
        Style::new()
    }

    pub fn app_name(self) -> Style {
        self.fg(Self::bold(), Color::Cyan)
    }

    /// Secondary text (labels, separators, hints' descriptions).
    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn label(self) -> Style {
        self.fg(Style::new(), Color::Cyan)
    }

    /// The table's column titles.
    pub fn column_header(self) -> Style {
        Self::bold().add_modifier(Modifier::UNDERLINED)
    }

    /// A group title in the board; "needs me" stands out when it has rows.
    pub fn group_header(self, needs_attention: bool) -> Style {
        if needs_attention {
            self.fg(
                Self::bold().add_modifier(Modifier::UNDERLINED),
                Color::Yellow,
            )
        } else {
            self.fg(Self::bold(), Color::Blue)
        }
    }

    /// The selected row: REVERSED reads the same with or without colour.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// A payout that waits on me.
    pub fn needs_me(self) -> Style {
        Self::bold()
    }

    /// A status value this build does not know (shown verbatim).
    pub fn unknown_value(self) -> Style {
        self.fg(
            Style::new().add_modifier(Modifier::UNDERLINED),
            Color::Magenta,
        )
    }

    pub fn countdown(self, u: Urgency) -> Style {
        match u {
            Urgency::Overdue => self.fg(Self::bold().add_modifier(Modifier::REVERSED), Color::Red),
            Urgency::Critical => self.fg(Self::bold(), Color::Red),
            Urgency::Soon => self.fg(Style::new(), Color::Yellow),
            Urgency::Normal => Style::new(),
        }
    }

    /// The text marker that carries urgency without colour.
    pub fn urgency_marker(u: Urgency) -> &'static str {
        match u {
            Urgency::Overdue | Urgency::Critical => "!!",
            Urgency::Soon => "!",
            Urgency::Normal => "",
        }
    }

    /// The status bar's alarm: polls are failing and the data shown is getting old.
    pub fn stale(self) -> Style {
        self.fg(Self::bold().add_modifier(Modifier::REVERSED), Color::Red)
    }

    /// Data older than two poll intervals without an error (yet).
    pub fn aging(self) -> Style {
        self.fg(Self::bold(), Color::Yellow)
    }

    pub fn read_only_badge(self) -> Style {
        self.fg(Self::bold().add_modifier(Modifier::REVERSED), Color::Yellow)
    }

    pub fn warning(self) -> Style {
        self.fg(Self::bold(), Color::Yellow)
    }

    pub fn good(self) -> Style {
        self.fg(Self::bold(), Color::Green)
    }

    pub fn flash(self, level: Level) -> Style {
        match level {
            Level::Info => self.fg(Style::new(), Color::Green),
            Level::Warn => self.fg(Self::bold(), Color::Yellow),
            Level::Error => self.fg(Self::bold().add_modifier(Modifier::REVERSED), Color::Red),
        }
    }

    /// A key in the hint bar and the help overlay.
    pub fn key(self) -> Style {
        self.fg(Self::bold(), Color::Cyan)
    }

    /// A disabled action (read-only): dimmed, and the text says why.
    pub fn disabled(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    /// A pane border; the focused one is bold (and cyan) and drawn thick by the caller.
    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Self::bold(), Color::Cyan)
        } else {
            Style::new()
        }
    }

    /// A popup's border: dialogs that move money are yellow, results are coloured by outcome.
    pub fn popup_border(self, danger: bool) -> Style {
        if danger {
            self.fg(Self::bold(), Color::Yellow)
        } else {
            self.fg(Self::bold(), Color::Cyan)
        }
    }

    /// What the operator must compare or type (the last 4 characters of the address).
    pub fn emphasis(self) -> Style {
        Self::bold().add_modifier(Modifier::UNDERLINED)
    }

    pub fn error(self) -> Style {
        self.fg(Self::bold(), Color::Red)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_no_style_sets_a_colour_and_urgency_still_shows() {
        let t = Theme::new(false);
        let styles = [
            t.app_name(),
            t.label(),
            t.group_header(true),
            t.group_header(false),
            t.unknown_value(),
            t.countdown(Urgency::Overdue),
            t.countdown(Urgency::Critical),
            t.countdown(Urgency::Soon),
            t.stale(),
            t.aging(),
            t.read_only_badge(),
            t.warning(),
            t.good(),
            t.flash(Level::Info),
            t.flash(Level::Warn),
            t.flash(Level::Error),
            t.key(),
            t.border(true),
            t.popup_border(true),
            t.error(),
        ];
        for s in styles {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        assert!(
            t.countdown(Urgency::Critical)
                .add_modifier
                .contains(Modifier::BOLD)
        );
        assert!(
            t.countdown(Urgency::Overdue)
                .add_modifier
                .contains(Modifier::REVERSED)
        );
        assert!(t.stale().add_modifier.contains(Modifier::REVERSED));
        assert_ne!(
            Theme::urgency_marker(Urgency::Soon),
            Theme::urgency_marker(Urgency::Normal)
        );
    }

    #[test]
    fn with_colour_urgency_is_red_or_yellow() {
        let t = Theme::new(true);
        assert_eq!(t.countdown(Urgency::Critical).fg, Some(Color::Red));
        assert_eq!(t.countdown(Urgency::Overdue).fg, Some(Color::Red));
        assert_eq!(t.countdown(Urgency::Soon).fg, Some(Color::Yellow));
        assert_eq!(t.countdown(Urgency::Normal).fg, None);
    }
}
