//! Non-interactive commands for scripts and cron. Data goes to stdout, messages to stderr;
//! exit codes as INTERFACE.md: 0 ok, 1 refused by the API or not allowed in this state,
//! 2 usage or configuration error, 3 network or server unavailable.

pub mod args;
pub mod build;
mod config_check;
mod emulator;

use std::process::ExitCode;

use clap::CommandFactory;

pub use args::{Cli, Command, ConfigCommand, GlobalArgs};

/// INTERFACE.md's exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    Refused = 1,
    Usage = 2,
    Unavailable = 3,
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
        Command::Emulator(args) => with_runtime(emulator::run(args)),
        // Interactive: started by the binary (main.rs), which owns the terminal.
        Command::Demo { .. } => {
            eprintln!("error: `demo` is interactive; run it from the payouts-tui binary");
            Exit::Usage
        }
        Command::Config {
            command: ConfigCommand::Check,
        } => with_runtime(config_check::run(global)),
    }
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
