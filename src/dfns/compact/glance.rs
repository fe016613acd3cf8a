//! What a list of payouts reads of each one — to group, search and sort it — borrowed
//! alike from a whole payout and from a frozen one, so one rule serves both.

use chrono::{DateTime, Utc};

use crate::dfns::model::Payout;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glance<'a> {
    pub id: &'a str,
    pub external_id: Option<&'a str>,
    pub deposit_address: Option<&'a str>,
    pub transfer_id: Option<&'a str>,
    /// Wire strings, verbatim.
    pub status: &'a str,
    pub execution_status: &'a str,
    pub network: &'a str,
    pub symbol: Option<&'a str>,
    pub requester: Option<&'a str>,
    pub wallet_id: &'a str,
    /// Base units, as sent.
    pub amount: &'a str,
    pub decimals: Option<u8>,
    pub created: Option<DateTime<Utc>>,
    pub finalized: Option<DateTime<Utc>>,
}

impl<'a> From<&'a Payout> for Glance<'a> {
    fn from(p: &'a Payout) -> Glance<'a> {
        Glance {
            id: &p.id,
            external_id: p.external_id.as_deref(),
            deposit_address: p.data.deposit_address.as_deref(),
            transfer_id: p.data.transfer_id.as_deref(),
            status: p.status.as_str(),
            execution_status: p.execution_status().as_str(),
            network: p.asset.network.as_str(),
            symbol: p.asset.symbol(),
            requester: p.requester_id(),
            wallet_id: &p.wallet_id,
            amount: &p.asset.amount,
            decimals: p.asset.decimals(),
            created: p.date_created.instant(),
            finalized: p.date_finalized.as_ref().and_then(|t| t.instant()),
        }
    }
}
