//! Terminal setup and the promise to restore it: on quit, on a panic (ratatui's hook), on
//! SIGINT/SIGTERM/SIGHUP (turned into a normal quit by the loop), and by a `Drop` guard on
//! every other way out.

use std::io::{self, Stdout};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::sgr::BasicColors;

/// The terminal, through the writer that gives a 16-colour terminal the basic colours in
/// the form it knows (`tui::sgr`).
pub type Term = Terminal<CrosstermBackend<BasicColors<Stdout>>>;

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

/// Raw mode and the alternate screen, as `ratatui::try_init` does them, with a panic hook
/// that restores the terminal before the panic message prints; `sixteen_colors`
/// (`app::term::sixteen_colors`) rewrites the basic colours to the 16-colour form.
pub fn init(sixteen_colors: bool) -> io::Result<(Term, Guard)> {
    use ratatui::crossterm::{execute, terminal};
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        hook(info);
    }));
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), terminal::EnterAlternateScreen)?;
    let backend = CrosstermBackend::new(BasicColors::new(io::stdout(), sixteen_colors));
    Ok((Terminal::new(backend)?, Guard))
}
