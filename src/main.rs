//! The `payouts-tui` binary: parse the command line, hand over, map the exit code.

use std::process::ExitCode;

use clap::Parser;
use payouts_tui::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => cli::run(&cli.global, command).into(),
        None => {
            eprintln!(
                "the dashboard is not built yet (see README, feature status); try `payouts-tui config check`"
            );
            cli::Exit::Usage.into()
        }
    }
}
