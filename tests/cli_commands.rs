//! The scriptable commands (`list`, `get`, `quote`, `create`, `confirm`, `cancel`,
//! `approvals`, `approve`, `deny`) through
//! the real binary against the emulator over real HTTP: stdout, stderr, exit codes, the
//! audit file, and a scan of everything written for secrets.
#![cfg(unix)]

mod common;

#[path = "cli_commands/harness.rs"]
mod harness;
#[path = "cli_commands/proxy.rs"]
mod proxy;

#[path = "cli_commands/actions.rs"]
mod actions;
#[path = "cli_commands/approvals.rs"]
mod approvals;
#[path = "cli_commands/audit.rs"]
mod audit;
#[path = "cli_commands/create.rs"]
mod create;
#[path = "cli_commands/dashboard.rs"]
mod dashboard;
#[path = "cli_commands/read.rs"]
mod read;
#[path = "cli_commands/secrets.rs"]
mod secrets;
#[path = "cli_commands/triage.rs"]
mod triage;
#[path = "cli_commands/tty.rs"]
mod tty;

use payouts_tui::dfns::model::{ExecutionStatus, ListPayoutsQuery, Payout, PayoutStatus};
use payouts_tui::emulator::Running;

/// Every payout, as the library client reads it (the reference the CLI is compared with).
pub async fn all_payouts(emu: &Running) -> Vec<Payout> {
    common::client(emu, "operator")
        .list_all_payouts(&ListPayoutsQuery {
            limit: Some(50),
            ..Default::default()
        })
        .await
        .unwrap()
        .items
}

/// Payouts of `name` that await confirmation, with a deposit address.
pub async fn awaiting_of(emu: &Running, name: &str) -> Vec<Payout> {
    let me = &emu.principal(name).unwrap().user_id;
    all_payouts(emu)
        .await
        .into_iter()
        .filter(|p| {
            p.status == PayoutStatus::Processing
                && *p.execution_status() == ExecutionStatus::AwaitingPayoutConfirmation
                && p.requester_id() == Some(me.as_str())
                && p.data.deposit_address.is_some()
        })
        .collect()
}

pub async fn get(emu: &Running, id: &str) -> Payout {
    common::client(emu, "operator")
        .get_payout(id)
        .await
        .unwrap()
}

/// A port nothing listens on.
pub fn dead_url() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}", l.local_addr().unwrap())
}
