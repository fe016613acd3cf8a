//! The command line (INTERFACE.md). Names here are a contract with scripts and tests.

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "payouts-tui",
    version,
    about = "Dfns stablecoin-to-fiat payouts: a live terminal dashboard, scriptable commands and a local emulator",
    long_about = None
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Which API and profile; accepted before or after the subcommand.
#[derive(Debug, Clone, Default, Args)]
pub struct GlobalArgs {
    /// Profile of config.toml to use
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// API base URL (overrides DFNS_API_URL and the profile)
    #[arg(long, global = true, value_name = "URL")]
    pub api_url: Option<String>,
    /// Refuse every state-changing action (confirm, cancel, create)
    #[arg(long, global = true)]
    pub read_only: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the configuration against the API: reachability, token, clock, credential
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Print a shell completion script
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Reachability, token, clock skew and credential (runs the challenge flow; performs nothing)
    Check,
}
