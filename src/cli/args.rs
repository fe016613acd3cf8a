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
    /// The dashboard on an in-process emulator with a seeded org (no account needed)
    Demo {
        /// Emulated seconds per real second
        #[arg(long, default_value_t = 1.0, value_name = "X")]
        speed: f64,
        /// Seed of the demo org
        #[arg(long, default_value_t = 1, value_name = "N")]
        seed: u64,
    },
    /// Run the wire-compatible Dfns payouts emulator (a seeded demo org)
    Emulator(EmulatorArgs),
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

#[derive(Debug, Clone, Args)]
pub struct EmulatorArgs {
    /// Address to listen on (loopback by default; port 0 picks a free one)
    #[arg(long, default_value = "127.0.0.1:8787", value_name = "ADDR")]
    pub listen: std::net::SocketAddr,
    /// Emulated seconds per real second
    #[arg(long, default_value_t = 1.0, value_name = "X")]
    pub speed: f64,
    /// Seed of the demo org (same seed, same org)
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,
    /// Extra finished payouts in the history, for scale tests (up to 1000000)
    #[arg(long, default_value_t = 0, value_name = "N", value_parser = clap::value_parser!(u64).range(0..=1_000_000))]
    pub history: u64,
    /// Write NAME.env, NAME.pem (0600) per principal and wallets.json here
    #[arg(long, value_name = "DIR")]
    pub credentials_dir: Option<std::path::PathBuf>,
    /// Fault injection on Dfns routes: JSON or key=value list, e.g. "error_rate=0.3,latency_ms=2000"
    #[arg(long, value_name = "SPEC")]
    pub faults: Option<String>,
    /// Require the signed payload and the body to be byte-identical (default: equal as JSON)
    #[arg(long)]
    pub strict_body: bool,
}
