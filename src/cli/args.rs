//! The command line (README "Scriptable commands"). Names here are a contract with scripts and tests.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::dfns::model::{ApprovalStatus, ExecutionStatus, PayoutStatus};

/// `--version`: the crate version and the commit it was built from (build.rs; "unknown"
/// outside a git checkout), so a binary found on a jump host can be traced to its source.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("PAYOUTS_TUI_COMMIT"),
    ")"
);

#[derive(Debug, Parser)]
#[command(
    name = "payouts-tui",
    version = VERSION,
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
    /// Allow a plain http:// API URL to a host that is not loopback (the token travels
    /// unencrypted; for a TLS-terminating proxy on a trusted network only)
    #[arg(long, global = true)]
    pub allow_insecure_http: bool,
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
    /// List payouts (every page unless --limit)
    List(ListArgs),
    /// Show one payout (by id, or by externalId)
    Get(GetArgs),
    /// Wait until a payout reaches a status: exit 0 when it does, 1 when it ends elsewhere,
    /// 4 on --timeout
    Wait(WaitArgs),
    /// Ask for a payout quote (informational; performs nothing)
    Quote(QuoteArgs),
    /// Create a payout (signed); idempotent through --external-id
    Create(CreateArgs),
    /// Confirm a payout: re-read, show the transfer, type the last 4 characters of the deposit address
    Confirm(ActionArgs),
    /// Cancel a payout that awaits confirmation
    Cancel(ActionArgs),
    /// List policy approvals of wallet (payout) transfers, with their quorum and what you may do
    Approvals(ApprovalsArgs),
    /// Approve the policy approval holding a payout's transfer: re-read, show it, type the last 4 characters of the deposit address
    Approve(ApproveArgs),
    /// Deny the policy approval holding a payout's transfer (the payout is then rejected)
    Deny(DenyArgs),
    /// Print a shell completion script
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
    /// Write the man pages (hidden: the release archives ship them)
    #[command(hide = true)]
    Man {
        /// Write payouts-tui.1 and one page per subcommand into DIR (created if missing)
        /// instead of payouts-tui.1 to stdout
        #[arg(long, value_name = "DIR")]
        dir: Option<std::path::PathBuf>,
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

/// `--output` of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns with human amounts, fitted to the terminal width
    #[default]
    Table,
    /// One JSON array of the API's own payout objects
    Json,
    /// A header row, then one row per payout (RFC 4180)
    Csv,
}

/// `--output` of `get`, `quote` and `create`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum DetailFormat {
    /// One field per line
    #[default]
    Table,
    /// The API's own JSON object
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// Only payouts in this status (repeat or comma-separate: Processing,Failed)
    #[arg(long, value_name = "S", value_delimiter = ',', value_parser = parse_status)]
    pub status: Vec<PayoutStatus>,
    /// Only payouts from this wallet
    #[arg(long, value_name = "ID")]
    pub wallet: Option<String>,
    /// At most N payouts, newest first (default: every page)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,
    /// Only payouts at this step (repeat or comma-separate: AwaitingPayoutConfirmation,Failed)
    #[arg(long, value_name = "S", value_delimiter = ',', value_parser = parse_execution_status)]
    pub execution_status: Vec<ExecutionStatus>,
    /// Only payouts I requested
    #[arg(long)]
    pub mine: bool,
    /// Only payouts waiting for my confirmation (the dashboard's first group)
    #[arg(long)]
    pub needs_me: bool,
    /// Only payouts whose deadline (confirm or submit) is within DURATION, e.g. 2h, 90m
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub expiring_within: Option<std::time::Duration>,
    /// Exit 10 when at least one payout matches, 0 when none does (for cron)
    #[arg(long)]
    pub exit_code: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Table, value_name = "FORMAT")]
    pub output: ListFormat,
}

/// `payouts-tui wait`: until the payout reaches a status.
#[derive(Debug, Clone, Args)]
pub struct WaitArgs {
    /// Payout id (pyt-…) or externalId
    pub id: String,
    /// Status or execution status to wait for (comma-separate several: Completed,Failed)
    #[arg(long, value_name = "STATUS", value_delimiter = ',', required = true)]
    pub until: Vec<String>,
    /// Give up after DURATION (exit 4), e.g. 30m; default: wait until the payout ends
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<std::time::Duration>,
    /// Seconds between reads
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "5s")]
    pub every: std::time::Duration,
}

#[derive(Debug, Clone, Args)]
pub struct GetArgs {
    /// Payout id (pyt-…), or the externalId it was created with
    pub id: String,
    #[arg(long, value_enum, default_value_t = DetailFormat::Table, value_name = "FORMAT")]
    pub output: DetailFormat,
}

/// Which token: by symbol among the wallet's holdings, or by address.
#[derive(Debug, Clone, Default, Args)]
#[group(multiple = false)]
pub struct AssetArgs {
    /// Token symbol held by the wallet, e.g. USDC (matched on the wallet's network)
    #[arg(long, value_name = "SYMBOL")]
    pub token: Option<String>,
    /// ERC-20 contract address (EVM wallets)
    #[arg(long, value_name = "ADDR")]
    pub contract: Option<String>,
    /// SPL or Token-2022 mint address (Solana wallets)
    #[arg(long, value_name = "ADDR")]
    pub mint: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct QuoteArgs {
    /// Wallet that pays (wa-...); its network decides the chain
    #[arg(long, value_name = "ID")]
    pub wallet: String,
    /// Amount in token units, e.g. 1000 or 1,250.50 (converted with the token's decimals)
    #[arg(long, value_name = "HUMAN", allow_hyphen_values = true)]
    pub amount: String,
    #[command(flatten)]
    pub asset: AssetArgs,
    /// Fiat currency (ISO 4217)
    #[arg(long, default_value = "USD", value_name = "CODE", value_parser = parse_fiat)]
    pub fiat: String,
    /// Destination country (ISO 3166 alpha-2)
    #[arg(long, default_value = "US", value_name = "CC", value_parser = parse_country)]
    pub country: String,
    #[arg(long, value_enum, default_value_t = DetailFormat::Table, value_name = "FORMAT")]
    pub output: DetailFormat,
}

#[derive(Debug, Clone, Args)]
pub struct CreateArgs {
    #[command(flatten)]
    pub quote: QuoteArgs,
    /// Borderless account that pays out
    #[arg(long, value_name = "ID")]
    pub account: String,
    /// Borderless payment instructions (the destination bank account)
    #[arg(long, value_name = "ID")]
    pub payment_instructions: String,
    /// Payment purpose, one of the documented values, e.g. "salary payment"
    #[arg(long, value_name = "PURPOSE")]
    pub purpose: String,
    /// Idempotency key: the same command with the same id never creates a second payout
    /// (generated and printed when absent)
    #[arg(long, value_name = "ID")]
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct ActionArgs {
    /// Payout id (pyt-...)
    pub id: String,
    /// Skip the interactive check (the same server-side re-read and guard still run)
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ApprovalsArgs {
    /// Only approvals in this status
    #[arg(long, value_name = "S", value_parser = parse_approval_status)]
    pub status: Option<ApprovalStatus>,
    /// Only approvals you may still decide (Pending, you are an approver, not decided yet)
    #[arg(long)]
    pub mine: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Table, value_name = "FORMAT")]
    pub output: ListFormat,
}

#[derive(Debug, Clone, Args)]
pub struct ApproveArgs {
    /// Approval id (ap-...) or the held payout's id (pyt-...)
    pub id: String,
    /// Skip the typed check (the same server-side re-read and guard still run)
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Clone, Args)]
pub struct DenyArgs {
    /// Approval id (ap-...) or the held payout's id (pyt-...)
    pub id: String,
    /// Why, recorded with the decision
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Skip the y/N question (the same server-side re-read and guard still run)
    #[arg(long)]
    pub yes: bool,
}

/// One of the four approval statuses, in any letter case, as its exact wire value.
fn parse_approval_status(s: &str) -> Result<ApprovalStatus, String> {
    ApprovalStatus::KNOWN
        .iter()
        .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
        .cloned()
        .ok_or_else(|| {
            let known: Vec<&str> = ApprovalStatus::KNOWN.iter().map(|k| k.as_str()).collect();
            format!("unknown status '{s}': expected one of {}", known.join(", "))
        })
}

/// A documented status, in any letter case, as its exact wire value.
fn parse_status(s: &str) -> Result<PayoutStatus, String> {
    PayoutStatus::KNOWN
        .iter()
        .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
        .cloned()
        .ok_or_else(|| {
            if ExecutionStatus::KNOWN
                .iter()
                .any(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            {
                return format!(
                    "'{s}' is an execution status (the step inside Processing): use --execution-status {s}"
                );
            }
            let known: Vec<&str> = PayoutStatus::KNOWN.iter().map(|k| k.as_str()).collect();
            format!("unknown status '{s}': expected one of {}", known.join(", "))
        })
}

fn parse_execution_status(s: &str) -> Result<ExecutionStatus, String> {
    ExecutionStatus::KNOWN
        .iter()
        .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
        .cloned()
        .ok_or_else(|| {
            let known: Vec<&str> = ExecutionStatus::KNOWN.iter().map(|k| k.as_str()).collect();
            format!(
                "unknown execution status '{s}': expected one of {}",
                known.join(", ")
            )
        })
}

/// `90s`, `2h`, `1d`, `1h 30m` (humantime).
fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    humantime::parse_duration(s.trim()).map_err(|e| format!("'{s}': {e} (e.g. 90s, 30m, 2h, 1d)"))
}

fn parse_code(s: &str, len: usize, what: &str) -> Result<String, String> {
    let up = s.trim().to_ascii_uppercase();
    if up.len() == len && up.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(up)
    } else {
        Err(format!("expected {what} of {len} letters, got '{s}'"))
    }
}

fn parse_fiat(s: &str) -> Result<String, String> {
    parse_code(s, 3, "an ISO 4217 currency code such as USD")
}

fn parse_country(s: &str) -> Result<String, String> {
    parse_code(s, 2, "an ISO 3166 country code such as US")
}
