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

/// Gives the terminal back, stops the process (as the shell's job control expects after
/// SIGTSTP or Ctrl-Z), and on `fg` takes it again and redraws every cell.
pub fn suspend(term: &mut Term) -> io::Result<()> {
    ratatui::restore();
    // restore() leaves the cursor to the terminal's drop, which does not happen here.
    term.show_cursor()?;
    #[cfg(unix)]
    // SAFETY: raise(3) has no memory-safety preconditions; SIGSTOP cannot be caught, so this
    // returns only once the process is continued.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
    resume(term)
}

/// Raw mode, the alternate screen and a hidden cursor again, after a stop (the loop then
/// redraws every cell).
fn resume(_term: &mut Term) -> io::Result<()> {
    use ratatui::crossterm::{cursor, execute, terminal};
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)
}

/// Raw mode, alternate screen, hidden cursor; ratatui installs a panic hook that restores
/// the terminal before the panic message prints.
pub fn init() -> io::Result<(Term, Guard)> {
    let terminal = ratatui::try_init()?;
    Ok((terminal, Guard))
}
