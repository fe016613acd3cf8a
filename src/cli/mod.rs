//! Non-interactive commands for scripts and cron. Data goes to stdout, messages to stderr;
//! exit codes as README promises: 0 ok, 1 refused by the API or not allowed in this state,
//! 2 usage or configuration error, 3 network or server unavailable.

mod approvals;
mod approve;
pub mod args;
pub mod asset;
mod cancel;
mod config_check;
mod confirm;
pub mod connect;
mod create;
mod emulator;
pub mod exit;
mod get;
mod held;
mod list;
pub mod manpage;
pub mod output;
pub mod prompt;
pub mod purpose;
mod quote;
mod session;
mod trail;
mod view;
mod wait;

use std::process::ExitCode;

use clap::CommandFactory;

pub use args::{Cli, Command, ConfigCommand, GlobalArgs};

/// The exit codes README promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    Refused = 1,
    Usage = 2,
    Unavailable = 3,
    /// `wait --timeout` ran out.
    TimedOut = 4,
    /// `list --exit-code`: at least one payout matched.
    Matched = 10,
    /// Ended by a signal: 128 + its number, as shells report it.
    Hangup = 129,
    Interrupted = 130,
    QuitSignal = 131,
    Terminated = 143,
}

impl Exit {
    /// The exit for "ended by signal `n`".
    pub fn for_signal(n: i32) -> Exit {
        match n {
            1 => Exit::Hangup,
            3 => Exit::QuitSignal,
            15 => Exit::Terminated,
            _ => Exit::Interrupted,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// Runs a non-interactive command on a fresh tokio runtime.
pub fn run(global: &GlobalArgs, command: Command) -> Exit {
    match command {
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "payouts-tui", &mut std::io::stdout());
            Exit::Ok
        }
        Command::Man { dir } => manpage::run(dir.as_deref()),
        Command::Emulator(args) => with_runtime(emulator::run(args)),
        // Interactive: started by the binary (main.rs), which owns the terminal.
        Command::Demo { .. } => {
            eprintln!("error: `demo` is interactive; run it from the payouts-tui binary");
            Exit::Usage
        }
        Command::Config {
            command: ConfigCommand::Check,
        } => with_runtime(config_check::run(global)),
        Command::List(args) => api(list::run(global, args)),
        Command::Get(args) => api(get::run(global, args)),
        Command::Wait(args) => api(wait::run(global, args)),
        Command::Quote(args) => api(quote::run(global, args)),
        Command::Create(args) => api(create::run(global, args)),
        Command::Confirm(args) => api(confirm::run(global, args)),
        Command::Cancel(args) => api(cancel::run(global, args)),
        Command::Approvals(args) => api(approvals::run(global, args)),
        Command::Approve(args) => api(approve::run(
            global,
            approve::Ask {
                id: args.id,
                yes: args.yes,
                reason: None,
            },
            crate::dfns::model::DecisionValue::Approved,
        )),
        Command::Deny(args) => api(approve::run(
            global,
            approve::Ask {
                id: args.id,
                yes: args.yes,
                reason: args.reason,
            },
            crate::dfns::model::DecisionValue::Denied,
        )),
    }
}

/// An API command: logs to the log file while it runs.
fn api(fut: impl std::future::Future<Output = Exit>) -> Exit {
    let _log = crate::logging::init();
    with_runtime(fut)
}

fn with_runtime(fut: impl std::future::Future<Output = Exit>) -> Exit {
    match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt.block_on(fut),
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            Exit::Unavailable
        }
    }
}
