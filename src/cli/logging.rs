//! The commands log to the dashboard's log file (never to the terminal, whose streams are
//! the commands' output): retries and API timings, for a cron job's post-mortem.
//! `PAYOUTS_TUI_LOG` picks the file (default: the state dir's `payouts-tui.log`); `RUST_LOG`
//! the level (default info).

use tracing_appender::non_blocking::WorkerGuard;

/// Starts file logging; keep the guard until exit so the last lines are written. Logging is
/// best effort: a command never fails because its log cannot be opened.
pub fn init() -> Option<WorkerGuard> {
    let path = match std::env::var_os("PAYOUTS_TUI_LOG") {
        Some(p) => std::path::PathBuf::from(p),
        None => crate::config::state_dir()?.join("payouts-tui.log"),
    };
    std::fs::create_dir_all(path.parent()?).ok()?;
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
