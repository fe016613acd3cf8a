//! Terminal setup and the promise to restore it: on quit, on a panic (ratatui's hook), on
//! SIGINT/SIGTERM/SIGHUP (turned into a normal quit by the loop), and by a `Drop` guard on
//! every other way out.

use std::io::{self, Stdout};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Restores the terminal when dropped.
pub struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// Raw mode, alternate screen, hidden cursor; ratatui installs a panic hook that restores
/// the terminal before the panic message prints.
pub fn init() -> io::Result<(Term, Guard)> {
    let terminal = ratatui::try_init()?;
    Ok((terminal, Guard))
}
