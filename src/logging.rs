//! Logs go to a file, never to the terminal (the dashboard owns the screen; the commands
//! own stdout and stderr). `RUST_LOG` picks the level
//! (default info); `PAYOUTS_TUI_LOG` picks the file (default: the state dir's
//! `payouts-tui.log`).

use std::io::Write;
use std::path::PathBuf;

use tracing_appender::non_blocking::WorkerGuard;

/// Every formatted record through the one sanitizer before it reaches the file: server text
/// in a field can neither forge a record with a newline nor carry escapes to whoever
/// `tail`s the log. The formatter writes one record per `write`.
struct Escaping<W>(W);

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0
            .write_all(crate::dfns::text::escape_log_line(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

pub fn log_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PAYOUTS_TUI_LOG") {
        return Some(PathBuf::from(p));
    }
    crate::config::state_dir().map(|d| d.join("payouts-tui.log"))
}

/// Log lines waiting for the writer thread.
const LOG_QUEUE_LINES: usize = 1000;

/// Starts file logging; keep the guard alive until exit so the last lines are flushed.
pub fn init() -> Option<WorkerGuard> {
    let path = log_path()?;
    let dir = path.parent()?.to_path_buf();
    std::fs::create_dir_all(&dir).ok()?;
    let file = match crate::files::open_private_append(&path) {
        Ok(f) => f,
        Err(e) => {
            // Nowhere to log, and the screen belongs to the UI: say it once on stderr.
            eprintln!("warning: not logging: {e}");
            return None;
        }
    };
    // The default queue holds 128 000 lines, allocated up front: 4 MB resident for a log
    // that writes a few lines a minute. A thousand is plenty; past it lines are dropped
    // (lossy), never the UI blocked on a slow disk.
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(LOG_QUEUE_LINES)
        .lossy(true)
        .finish(Escaping(file));
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_cannot_forge_another_or_carry_escapes() {
        let mut out = Escaping(Vec::new());
        out.write_all(b"INFO dfns api message=\"a\nERROR forged \x1b]0;x\x07\"\n")
            .unwrap();
        let text = String::from_utf8(out.0).unwrap();
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(text.ends_with('\n'));
        assert!(
            text.contains("\\u{a}ERROR forged \\u{1b}]0;x\\u{7}"),
            "{text}"
        );
    }
}
