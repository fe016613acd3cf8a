//! A finished payout kept compactly: its own strings (id, amount, external id, bank account
//! and instructions ids, provider's payout id, deposit address, transfer id, hash) side by
//! side in one allocation, the strings it shares with thousands of others (wallet, fiat,
//! token, network, requester, statuses, reasons) as [`Sym`]s, its creation date as
//! milliseconds and the others as 32-bit offsets from it: 136 bytes and one allocation of
//! ~220, where a `Payout` takes 1 208 bytes and ~20 allocations. (Account and instructions
//! ids may well repeat across an org's payouts, but nothing says so: interned while unique,
//! each would cost two more allocations.)
//!
//! [`FrozenPayout::thaw`] gives back the `Payout` the API answers, field for field.
//! [`FrozenPayout::freeze`] refuses what it could not give back exactly (members in an
//! `extra`, a date not in the Dfns format or weeks after the creation, more than 64 KB of
//! text); such a payout stays a
//! full `Payout`. The destructuring below is exhaustive on purpose: a field added to the wire
//! model does not compile here until it is kept.

use chrono::DateTime;

use super::Glance;
use super::symbols::{Sym, Symbols};
use crate::dfns::model::{
    AssetKind, AssetMetadata, ExecutionStatus, Extra, Network, PaymentPurpose, Payout, PayoutAsset,
    PayoutData, PayoutStatus, Provider, Requester, Timestamp,
};

// The payout's own strings, in the order they sit in `text`.
const ID: usize = 0;
const AMOUNT: usize = 1;
const EXTERNAL_ID: usize = 2;
const ACCOUNT_ID: usize = 3;
const INSTRUCTIONS_ID: usize = 4;
const PROVIDER_PAYOUT_ID: usize = 5;
const DEPOSIT_ADDRESS: usize = 6;
const TRANSFER_ID: usize = 7;
const TX_HASH: usize = 8;
const OWN: usize = 9;

// The shared strings.
const WALLET: usize = 0;
const FIAT: usize = 1;
const KIND: usize = 2;
const CONTRACT: usize = 3;
const MINT: usize = 4;
const NETWORK: usize = 5;
const TOKEN_NAME: usize = 6;
const SYMBOL: usize = 7;
const USER: usize = 8;
const USER_TOKEN: usize = 9;
const STATUS: usize = 10;
const PROVIDER: usize = 11;
const PURPOSE: usize = 12;
const COUNTRY: usize = 13;
const EXECUTION: usize = 14;
const REASON: usize = 15;
const SHARED: usize = 16;

// The dates.
const CREATED: usize = 0;
const FINALIZED: usize = 1;
const CONFIRMED: usize = 2;
const CANCELED: usize = 3;
const DEPOSIT_CONFIRMED: usize = 4;
const PAYOUT_CONFIRMED: usize = 5;
const DATES: usize = 6;
/// An absent date.
const NO_DATE: i64 = i64::MIN;
/// An absent later date (see `FrozenPayout::later`).
const NO_LATER: i32 = i32::MIN;

// `flags`.
const METADATA: u8 = 1;
const VERIFIED_KNOWN: u8 = 2;
const VERIFIED: u8 = 4;
const REQUESTER: u8 = 8;

/// See [`FrozenPayout::searched`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Searched<'a> {
    pub own: [Option<&'a str>; 3],
    pub shared: [Option<Sym>; 6],
    pub amount: &'a str,
    pub decimals: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrozenPayout {
    /// The own strings one after another; string `i` ends at `ends[i]`.
    text: Box<str>,
    ends: [u16; OWN],
    /// Bit `i`: own string `i` is present (an optional one may be absent, or empty).
    present: u16,
    /// `dateCreated`, in milliseconds since the epoch.
    created: i64,
    /// The other dates, in milliseconds after `created` (`NO_LATER` when absent): a payout
    /// lives hours, so ±24 days of `i32` is room enough; one that does not fit stays whole.
    later: [i32; DATES - 1],
    shared: [Option<Sym>; SHARED],
    decimals: u8,
    flags: u8,
}

impl FrozenPayout {
    /// The compact form of `p`, or None when it would not give `p` back exactly.
    pub fn freeze(p: &Payout, symbols: &mut Symbols) -> Option<FrozenPayout> {
        let Payout {
            id,
            wallet_id,
            fiat_currency,
            asset,
            external_id,
            status,
            requester,
            date_created,
            date_finalized,
            provider,
            data,
            extra,
        } = p;
        let PayoutAsset {
            kind,
            amount,
            contract,
            mint,
            network,
            metadata,
            extra: asset_extra,
        } = asset;
        let PayoutData {
            borderless_account_id,
            payment_instructions_id,
            payment_purpose,
            country,
            execution_status,
            status_reason,
            borderless_payout_id,
            deposit_address,
            transfer_id,
            transaction_hash,
            date_confirmed,
            date_canceled,
            date_deposit_confirmed,
            date_payout_confirmed,
            extra: data_extra,
        } = data;
        let no_extra = extra.is_empty()
            && asset_extra.is_empty()
            && data_extra.is_empty()
            && metadata.as_ref().is_none_or(|m| m.extra.is_empty())
            && requester.as_ref().is_none_or(|r| r.extra.is_empty());
        if !no_extra {
            return None;
        }

        let own: [Option<&str>; OWN] = [
            Some(id),
            Some(amount),
            external_id.as_deref(),
            borderless_account_id.as_deref(),
            payment_instructions_id.as_deref(),
            borderless_payout_id.as_deref(),
            deposit_address.as_deref(),
            transfer_id.as_deref(),
            transaction_hash.as_deref(),
        ];
        let mut text = String::with_capacity(own.iter().flatten().map(|s| s.len()).sum());
        let (mut ends, mut present) = ([0u16; OWN], 0u16);
        for (i, s) in own.iter().enumerate() {
            if let Some(s) = s {
                text.push_str(s);
                present |= 1 << i;
            }
            ends[i] = u16::try_from(text.len()).ok()?;
        }

        let meta = metadata.as_ref();
        let shared_text: [Option<&str>; SHARED] = [
            Some(wallet_id),
            Some(fiat_currency),
            Some(kind.as_str()),
            contract.as_deref(),
            mint.as_deref(),
            Some(network.as_str()),
            meta.and_then(|m| m.name.as_deref()),
            meta.and_then(|m| m.symbol.as_deref()),
            requester.as_ref().map(|r| r.user_id.as_str()),
            requester.as_ref().and_then(|r| r.token_id.as_deref()),
            Some(status.as_str()),
            Some(provider.as_str()),
            payment_purpose.as_ref().map(PaymentPurpose::as_str),
            country.as_deref(),
            Some(execution_status.as_str()),
            status_reason.as_deref(),
        ];
        let mut shared = [None; SHARED];
        for (slot, s) in shared.iter_mut().zip(shared_text) {
            if let Some(s) = s {
                *slot = Some(symbols.intern(s)?);
            }
        }

        let created = date_in(Some(date_created))?;
        let after = |ts: Option<&Timestamp>| -> Option<i32> {
            match date_in(ts)? {
                NO_DATE => Some(NO_LATER),
                ms => i32::try_from(ms.checked_sub(created)?)
                    .ok()
                    .filter(|&d| d != NO_LATER),
            }
        };
        let later = [
            after(date_finalized.as_ref())?,
            after(date_confirmed.as_ref())?,
            after(date_canceled.as_ref())?,
            after(date_deposit_confirmed.as_ref())?,
            after(date_payout_confirmed.as_ref())?,
        ];

        let mut flags = 0;
        if let Some(m) = meta {
            flags |= METADATA;
            if let Some(v) = m.verified {
                flags |= VERIFIED_KNOWN | if v { VERIFIED } else { 0 };
            }
        }
        if requester.is_some() {
            flags |= REQUESTER;
        }
        Some(FrozenPayout {
            text: text.into_boxed_str(),
            ends,
            present,
            created,
            later,
            shared,
            decimals: meta.map_or(0, |m| m.decimals),
            flags,
        })
    }

    /// The payout as it was frozen.
    pub fn thaw(&self, symbols: &Symbols) -> Payout {
        let own = |f| self.own(f).map(str::to_owned);
        let shared = |f: usize| self.shared[f].map(|s| symbols.get(s));
        let text = |f| shared(f).map(str::to_owned);
        let wire = |f| shared(f).unwrap_or_default();
        let date = |f: usize| self.date_ms(f).and_then(date_out);
        let flag = |bit: u8| self.flags & bit != 0;
        Payout {
            id: own(ID).unwrap_or_default(),
            wallet_id: text(WALLET).unwrap_or_default(),
            fiat_currency: text(FIAT).unwrap_or_default(),
            asset: PayoutAsset {
                kind: AssetKind::from_wire(wire(KIND)),
                amount: own(AMOUNT).unwrap_or_default(),
                contract: text(CONTRACT),
                mint: text(MINT),
                network: Network::from_wire(wire(NETWORK)),
                metadata: flag(METADATA).then(|| AssetMetadata {
                    name: text(TOKEN_NAME),
                    symbol: text(SYMBOL),
                    decimals: self.decimals,
                    verified: flag(VERIFIED_KNOWN).then_some(flag(VERIFIED)),
                    extra: Extra::new(),
                }),
                extra: Extra::new(),
            },
            external_id: own(EXTERNAL_ID),
            status: PayoutStatus::from_wire(wire(STATUS)),
            requester: flag(REQUESTER).then(|| Requester {
                user_id: text(USER).unwrap_or_default(),
                token_id: text(USER_TOKEN),
                extra: Extra::new(),
            }),
            // Never absent: `freeze` kept it.
            date_created: date(CREATED).unwrap_or_else(|| Timestamp::parse("")),
            date_finalized: date(FINALIZED),
            provider: Provider::from_wire(wire(PROVIDER)),
            data: PayoutData {
                borderless_account_id: own(ACCOUNT_ID),
                payment_instructions_id: own(INSTRUCTIONS_ID),
                payment_purpose: shared(PURPOSE).map(PaymentPurpose::from_wire),
                country: text(COUNTRY),
                execution_status: ExecutionStatus::from_wire(wire(EXECUTION)),
                status_reason: text(REASON),
                borderless_payout_id: own(PROVIDER_PAYOUT_ID),
                deposit_address: own(DEPOSIT_ADDRESS),
                transfer_id: own(TRANSFER_ID),
                transaction_hash: own(TX_HASH),
                date_confirmed: date(CONFIRMED),
                date_canceled: date(CANCELED),
                date_deposit_confirmed: date(DEPOSIT_CONFIRMED),
                date_payout_confirmed: date(PAYOUT_CONFIRMED),
                extra: Extra::new(),
            },
            extra: Extra::new(),
        }
    }

    /// Own string `field`, if present.
    fn own(&self, field: usize) -> Option<&str> {
        if self.present & (1 << field) == 0 {
            return None;
        }
        let start = field.checked_sub(1).map_or(0, |f| self.ends[f]);
        self.text
            .get(usize::from(start)..usize::from(self.ends[field]))
    }

    /// What a list reads of it, without thawing (see [`Glance`]).
    pub fn glance<'a>(&'a self, symbols: &'a Symbols) -> Glance<'a> {
        let shared = |f: usize| self.shared[f].map(|s| symbols.get(s));
        let at = |f: usize| self.date_ms(f).and_then(DateTime::from_timestamp_millis);
        Glance {
            id: self.id(),
            external_id: self.own(EXTERNAL_ID),
            deposit_address: self.own(DEPOSIT_ADDRESS),
            transfer_id: self.own(TRANSFER_ID),
            status: shared(STATUS).unwrap_or_default(),
            execution_status: shared(EXECUTION).unwrap_or_default(),
            network: shared(NETWORK).unwrap_or_default(),
            symbol: shared(SYMBOL),
            requester: shared(USER),
            wallet_id: shared(WALLET).unwrap_or_default(),
            amount: self.own(AMOUNT).unwrap_or_default(),
            decimals: (self.flags & METADATA != 0).then_some(self.decimals),
            created: at(CREATED),
            finalized: at(FINALIZED),
        }
    }

    /// What a text search reads, as it is kept: the own strings (id, external id, deposit
    /// address), the shared ones as symbols (status, execution status, network, token symbol,
    /// requester, wallet) so a search can decide each symbol once for the whole store, and
    /// the amount with its decimals. The same fields as a [`Glance`] searched as text.
    pub fn searched(&self) -> Searched<'_> {
        Searched {
            own: [
                self.own(ID),
                self.own(EXTERNAL_ID),
                self.own(DEPOSIT_ADDRESS),
            ],
            shared: [STATUS, EXECUTION, NETWORK, SYMBOL, USER, WALLET].map(|f| self.shared[f]),
            amount: self.own(AMOUNT).unwrap_or_default(),
            decimals: (self.flags & METADATA != 0).then_some(self.decimals),
        }
    }

    /// When it finished (`dateFinalized`, else `dateCreated`), in milliseconds.
    pub fn finished_ms(&self) -> Option<i64> {
        self.date_ms(FINALIZED).or(self.date_ms(CREATED))
    }

    /// Date `f`, in milliseconds since the epoch.
    fn date_ms(&self, f: usize) -> Option<i64> {
        match f.checked_sub(1) {
            None => Some(self.created),
            Some(i) => match *self.later.get(i)? {
                NO_LATER => None,
                d => self.created.checked_add(i64::from(d)),
            },
        }
    }

    pub fn id(&self) -> &str {
        self.own(ID).unwrap_or_default()
    }

    pub fn transfer_id(&self) -> Option<&str> {
        self.own(TRANSFER_ID)
    }

    pub fn wallet(&self) -> Option<Sym> {
        self.shared[WALLET]
    }

    pub fn status(&self) -> Option<Sym> {
        self.shared[STATUS]
    }

    pub fn provider(&self) -> Option<Sym> {
        self.shared[PROVIDER]
    }
}

/// `ts` as milliseconds (`NO_DATE` when absent); None when the Dfns text of those
/// milliseconds is not exactly `ts`'s text.
fn date_in(ts: Option<&Timestamp>) -> Option<i64> {
    let Some(ts) = ts else {
        return Some(NO_DATE);
    };
    let ms = ts.instant()?.timestamp_millis();
    let same = ms != NO_DATE && date_out(ms).is_some_and(|t| t.as_str() == ts.as_str());
    same.then_some(ms)
}

fn date_out(ms: i64) -> Option<Timestamp> {
    if ms == NO_DATE {
        return None;
    }
    DateTime::from_timestamp_millis(ms).map(Timestamp::from_datetime)
}
