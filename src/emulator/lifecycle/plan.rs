//! A payout's future, drawn once at creation from the seeded RNG.

use chrono::Duration;
use rand::Rng;

use crate::emulator::ids;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Initializing → AwaitingPayoutInstructions.
    pub to_instructions: Duration,
    /// AwaitingPayoutInstructions → AwaitingPayoutConfirmation (or → Failed).
    pub to_address: Duration,
    pub provider_failure: Option<String>,
    pub borderless_payout_id: String,
    pub deposit_address: String,
    /// SubmittingPayoutTransfer → DepositProcessing (or → Failed).
    pub to_submitted: Duration,
    /// Why a policy rejected the transfer, once one did (set with the rejection).
    pub policy_rejection: Option<String>,
    pub transfer_id: String,
    pub tx_hash: String,
    /// Set at confirmation when the wallet cannot fund the transfer.
    pub submit_failure: Option<String>,
    pub to_deposit_confirmed: Duration,
    pub deposit_failure: Option<String>,
    pub to_disbursed: Duration,
}

/// A delay of `lo..hi` seconds, jittered.
fn secs(rng: &mut impl Rng, lo: i64, hi: i64) -> Duration {
    Duration::milliseconds(rng.gen_range(lo * 1000..hi * 1000))
}

impl Plan {
    /// The plan of a finished payout: nothing in it is read again (a finished payout
    /// schedules nothing and refuses every action), so the store keeps none.
    pub fn spent() -> Plan {
        Plan::default()
    }

    /// A realistic future: seconds to a deposit address, a minute or two of chain and bank
    /// processing, a few percent of provider and chain failures. Whether a policy holds the
    /// transfer is not drawn: the policies decide at confirmation, the approvers after.
    pub fn draw(rng: &mut impl Rng, solana: bool) -> Plan {
        let provider_failure = rng.gen_bool(0.04).then(|| {
            "provider rejected the payment instructions: beneficiary bank account could not be verified"
                .to_owned()
        });
        let deposit_failure = rng.gen_bool(0.03).then(|| {
            "deposit not credited by the provider: transfer amount below the provider minimum"
                .to_owned()
        });
        let (deposit_address, tx_hash) = if solana {
            (ids::solana_address(rng), ids::solana_signature(rng))
        } else {
            (ids::evm_address(rng), ids::evm_tx_hash(rng))
        };
        Plan {
            to_instructions: secs(rng, 2, 8),
            to_address: secs(rng, 5, 30),
            provider_failure,
            borderless_payout_id: ids::uuid(rng),
            deposit_address,
            to_submitted: secs(rng, 3, 12),
            policy_rejection: None,
            transfer_id: ids::dfns_id(rng, "xfr"),
            tx_hash,
            submit_failure: None,
            to_deposit_confirmed: secs(rng, 20, 90),
            deposit_failure,
            to_disbursed: secs(rng, 30, 150),
        }
    }
}
