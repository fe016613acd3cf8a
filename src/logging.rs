//! Logs go to a file, never to the terminal (the dashboard owns the screen; the commands
//! own stdout and stderr). `RUST_LOG` picks the level
//! (default info); `PAYOUTS_TUI_LOG` picks the file (default: the state dir's
//! `payouts-tui.log`).

use std::path::PathBuf;

use tracing_appender::non_blocking::WorkerGuard;

pub fn log_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PAYOUTS_TUI_LOG") {
        return Some(PathBuf::from(p));
    }
    crate::config::state_dir().map(|d| d.join("payouts-tui.log"))
}

/// Starts file logging; keep the guard alive until exit so the last lines are flushed.
pub fn init() -> Option<WorkerGuard> {
    let path = log_path()?;
    let dir = path.parent()?.to_path_buf();
    std::fs::create_dir_all(&dir).ok()?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(file);
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
