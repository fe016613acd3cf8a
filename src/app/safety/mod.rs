//! The money guard: the only code that builds a Confirm body.
//!
//! Confirm sends tokens on-chain to the deposit address, so it goes out only for a payout that,
//! as just re-read from the server, still awaits confirmation, provably belongs to the caller,
//! and shows exactly what the operator armed. Every string in the body is the server's own,
//! copied byte for byte (docs/reference/payouts-api.md §8.4: the address comparison rule is undocumented; echoing is safe).

use std::fmt;

use crate::dfns::amount::format_human;
use crate::dfns::model::{
    AssetKind, ExecutionStatus, Network, Payout, PayoutAction, PayoutStatus, PayoutTransfer,
};
use crate::dfns::text::shown;

mod address;
#[cfg(test)]
mod tests;

pub use address::{AddressRule, address_problem};

/// What the confirm dialog shows and what will be sent — every string copied byte for byte
/// from the server's payout. Only [`check_confirm`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Echo {
    pub payout_id: String,
    pub wallet_id: String,
    pub kind: AssetKind,
    /// Base units, as sent by the server.
    pub amount_base: String,
    /// `format_human` of the amount, e.g. "1,000.00".
    pub human_amount: String,
    /// `metadata.symbol`, else the contract or mint shortened.
    pub symbol: String,
    pub network: String,
    pub contract: Option<String>,
    pub mint: Option<String>,
    pub deposit_address: String,
    pub external_id: Option<String>,
}

impl Echo {
    /// The `Confirm` action body: `{walletId, transfer: {kind, amount, contract, mint, to}}`.
    pub fn body(&self) -> PayoutAction {
        PayoutAction::Confirm {
            wallet_id: self.wallet_id.clone(),
            transfer: PayoutTransfer {
                kind: self.kind.clone(),
                amount: self.amount_base.clone(),
                contract: self.contract.clone(),
                mint: self.mint.clone(),
                to: self.deposit_address.clone(),
            },
        }
    }

    /// What the operator types to arm the dialog: the last 4 characters of the deposit address
    /// (all of it when shorter).
    pub fn arm_code(&self) -> String {
        let n = self.deposit_address.chars().count();
        self.deposit_address
            .chars()
            .skip(n.saturating_sub(4))
            .collect()
    }

    /// Does `typed` arm this transfer? The one rule of both front ends: exactly the last 4
    /// characters of the deposit address, surrounding whitespace ignored; case-insensitive
    /// for a hex (EVM) address, where case is only a checksum, exact otherwise (base58 is
    /// case-sensitive).
    pub fn arms(&self, typed: &str) -> bool {
        let code = self.arm_code();
        let typed = typed.trim();
        if code.is_empty() || typed.chars().count() != code.chars().count() {
            return false;
        }
        match AddressRule::of(&self.kind, &Network::from_wire(&self.network)) {
            AddressRule::Evm => typed.eq_ignore_ascii_case(&code),
            AddressRule::Solana | AddressRule::Printable => typed == code,
        }
    }

    /// (name, value) of every field, in the order a change is reported.
    fn fields(&self) -> [(&'static str, Option<&str>); 11] {
        [
            ("payout id", Some(self.payout_id.as_str())),
            ("wallet", Some(self.wallet_id.as_str())),
            ("asset kind", Some(self.kind.as_str())),
            ("amount (base units)", Some(self.amount_base.as_str())),
            ("amount", Some(self.human_amount.as_str())),
            ("token", Some(self.symbol.as_str())),
            ("network", Some(self.network.as_str())),
            ("token contract", self.contract.as_deref()),
            ("token mint", self.mint.as_deref()),
            ("deposit address", Some(self.deposit_address.as_str())),
            ("external id", self.external_id.as_deref()),
        ]
    }
}

/// Why a confirm or cancel is not allowed. Display is one plain sentence for an ops engineer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The server answered about another payout than the one asked for.
    WrongPayout {
        asked: String,
        got: String,
    },
    /// The deposit address is not a valid address of its network (or hides characters).
    BadAddress(String),
    NotAwaiting {
        execution_status: String,
        status: String,
    },
    NotMine {
        requester: String,
    },
    /// My user id or the payout's requester is unknown: we cannot prove it is ours.
    RequesterUnknown,
    NoDepositAddress,
    /// The token's decimals are unknown; never guess decimals for money.
    NoDecimals,
    /// The amount cannot be shown exactly (the `format_human` error).
    BadAmount(String),
    Changed {
        field: &'static str,
        shown: String,
        now: String,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::WrongPayout { asked, got } => write!(
                f,
                "asked the API for payout {} and it answered with {}: refusing to act on \
                 a payout you did not choose; nothing was sent",
                shown(asked),
                shown(got)
            ),
            Refusal::BadAddress(why) => write!(
                f,
                "the deposit address is not safe to send to: {why}; nothing was sent"
            ),
            Refusal::NotAwaiting {
                execution_status,
                status,
            } => {
                write!(
                    f,
                    "the payout is not awaiting confirmation (now {}",
                    shown(execution_status)
                )?;
                if status != PayoutStatus::Processing.as_str() && status != execution_status {
                    write!(f, ", status {}", shown(status))?;
                }
                write!(f, "); nothing was sent")
            }
            Refusal::NotMine { requester } => write!(
                f,
                "requested by {}, not you: only the requester can confirm or cancel it; \
                 nothing was sent",
                shown(requester)
            ),
            Refusal::RequesterUnknown => f.write_str(
                "cannot prove this payout is yours (your user id or its requester is unknown): \
                 only the requester can confirm or cancel it; nothing was sent",
            ),
            Refusal::NoDepositAddress => f.write_str(
                "the payout has no deposit address yet: wait for the provider to send one, \
                 then try again; nothing was sent",
            ),
            Refusal::NoDecimals => f.write_str(
                "the token's decimals are unknown (no asset metadata), so the amount cannot be \
                 shown exactly: refusing to guess; nothing was sent",
            ),
            Refusal::BadAmount(why) => write!(
                f,
                "the payout's amount cannot be shown exactly ({}); nothing was sent",
                shown(why)
            ),
            Refusal::Changed {
                field,
                shown: shown_text,
                now,
            } => write!(
                f,
                "the payout changed since you opened this dialog: {field} was {} and is now {}; \
                 nothing was sent",
                shown(shown_text),
                shown(now)
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// Whether a confirm may be sent for `reread` (the payout as just re-read from the server
/// when asked for `asked`).
///
/// `me` is my user id (None = unknown); `shown` is the echo the operator armed (None when the
/// dialog opens). Ok only when the answer is the payout asked for, it is Processing /
/// AwaitingPayoutConfirmation, its requester is known and is me, it has a deposit address
/// valid for its network, its decimals are known and its amount formats; and, with `shown`,
/// when every field equals what was shown.
pub fn check_confirm(
    asked: &str,
    reread: &Payout,
    me: Option<&str>,
    shown: Option<&Echo>,
) -> Result<Echo, Refusal> {
    check_awaiting_and_mine(asked, reread, me)?;
    let echo = echo_of(reread)?;
    if let Some(shown) = shown {
        let changed = shown
            .fields()
            .into_iter()
            .zip(echo.fields())
            .find(|((_, was), (_, is))| was != is);
        if let Some(((field, was), (_, is))) = changed {
            return Err(Refusal::Changed {
                field,
                shown: was.unwrap_or("(none)").to_owned(),
                now: is.unwrap_or("(none)").to_owned(),
            });
        }
    }
    Ok(echo)
}

/// Whether a cancel may be sent: still awaiting confirmation, and provably mine.
pub fn check_cancel(asked: &str, reread: &Payout, me: Option<&str>) -> Result<(), Refusal> {
    check_awaiting_and_mine(asked, reread, me)
}

fn check_awaiting_and_mine(asked: &str, p: &Payout, me: Option<&str>) -> Result<(), Refusal> {
    if p.id != asked {
        return Err(Refusal::WrongPayout {
            asked: asked.to_owned(),
            got: p.id.clone(),
        });
    }
    let awaiting = p.status == PayoutStatus::Processing
        && *p.execution_status() == ExecutionStatus::AwaitingPayoutConfirmation;
    if !awaiting {
        return Err(Refusal::NotAwaiting {
            execution_status: p.execution_status().as_str().to_owned(),
            status: p.status.as_str().to_owned(),
        });
    }
    // An empty id proves nothing either way.
    let me = me.filter(|m| !m.is_empty());
    let requester = p.requester_id().filter(|r| !r.is_empty());
    match (me, requester) {
        (Some(me), Some(r)) if me == r => Ok(()),
        (Some(_), Some(r)) => Err(Refusal::NotMine {
            requester: r.to_owned(),
        }),
        _ => Err(Refusal::RequesterUnknown),
    }
}

/// The payout's transfer as the operator must see it before arming — address valid for its
/// network, decimals known, amount exact, strings copied byte for byte. Confirm and the
/// approval decision both show it.
pub fn echo_of(p: &Payout) -> Result<Echo, Refusal> {
    let deposit_address = match p.data.deposit_address.as_deref() {
        Some(a) if !a.trim().is_empty() => a.to_owned(),
        _ => return Err(Refusal::NoDepositAddress),
    };
    if let Some(why) = address_problem(&p.asset.kind, &p.asset.network, &deposit_address) {
        return Err(Refusal::BadAddress(why));
    }
    let decimals = p.asset.decimals().ok_or(Refusal::NoDecimals)?;
    let human_amount =
        format_human(&p.asset.amount, decimals).map_err(|e| Refusal::BadAmount(e.to_string()))?;
    let symbol = crate::app::display::token(&p.asset);
    Ok(Echo {
        payout_id: p.id.clone(),
        wallet_id: p.wallet_id.clone(),
        kind: p.asset.kind.clone(),
        amount_base: p.asset.amount.clone(),
        human_amount,
        symbol,
        network: p.asset.network.as_str().to_owned(),
        contract: p.asset.contract.clone(),
        mint: p.asset.mint.clone(),
        deposit_address,
        external_id: p.external_id.clone(),
    })
}
