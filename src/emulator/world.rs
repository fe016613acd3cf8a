//! The emulated organisation: wallets with balances, the payouts (`store`: live ones with
//! their futures, finished ones compact), the transfer and `externalId` indexes. One owner (behind one mutex in the server); every operation first
//! moves the active payouts to `now`, so the lifecycle runs on the emulated clock with no
//! background task and no idle CPU.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand::rngs::StdRng;
use serde_json::{Value, json};

use crate::dfns::amount;
use crate::dfns::model::{
    CreatePayoutRequest, ExecutionStatus, Payout, PayoutAction, PayoutData, PayoutStatus, Provider,
    Requester, Timestamp, Wallet, WalletAsset,
};
use crate::emulator::approvals::{Book, settle};
use crate::emulator::catalog::{self, Token};
use crate::emulator::error::EmuError;
use crate::emulator::ids;
use crate::emulator::lifecycle::{self, Event, Plan, Tracked};
use crate::emulator::store::{Slot, Store};

mod approvals;
mod balance;

use balance::{debit, has_balance};

/// A wallet, its balances, and whether the seeded transfer policy filters it.
#[derive(Debug, Clone)]
pub struct EmuWallet {
    pub wallet: Wallet,
    pub assets: Vec<WalletAsset>,
    pub policy: bool,
}

/// Counters for the control route and the soak test (duplicates are counted, not guessed).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Stats {
    pub payouts_created: u64,
    pub idempotent_replays: u64,
    pub confirms: u64,
    pub cancels: u64,
    pub refusals: u64,
    /// Approvals opened by confirmations (seeded ones not counted).
    pub approvals_opened: u64,
    /// Decisions recorded through the route.
    pub decisions: u64,
}

pub struct World {
    pub org_id: String,
    /// The payouts, in creation order (finished ones kept compactly).
    store: Store,
    /// Transfer id → position of its payout (the transfer is read from the payout).
    transfers: HashMap<Box<str>, usize>,
    /// externalId → (position, the create body as JSON, for the same-body check).
    external: HashMap<String, (usize, Value)>,
    wallets: Vec<EmuWallet>,
    wallet_by_id: HashMap<String, usize>,
    /// Policies and approvals.
    pub book: Book,
    pub rng: StdRng,
    pub stats: Stats,
}

/// The filter of `GET /payouts`.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub wallet_id: Option<String>,
    pub status: Vec<PayoutStatus>,
    pub provider: Vec<Provider>,
}

impl World {
    pub fn new(org_id: String, seed: u64) -> World {
        World {
            org_id,
            store: Store::default(),
            transfers: HashMap::new(),
            external: HashMap::new(),
            wallets: Vec::new(),
            wallet_by_id: HashMap::new(),
            book: Book::default(),
            rng: StdRng::seed_from_u64(seed),
            stats: Stats::default(),
        }
    }

    pub fn add_wallet(&mut self, w: EmuWallet) {
        self.wallet_by_id
            .insert(w.wallet.id.clone(), self.wallets.len());
        self.wallets.push(w);
    }

    pub fn wallets(&self) -> &[EmuWallet] {
        &self.wallets
    }

    pub fn wallet(&self, id: &str) -> Option<&EmuWallet> {
        self.wallet_by_id.get(id).map(|&i| &self.wallets[i])
    }

    pub fn payout_count(&self) -> usize {
        self.store.len()
    }

    pub fn active_count(&self) -> usize {
        self.store.active_count()
    }

    /// How many payouts are kept compactly (finished).
    pub fn frozen_count(&self) -> usize {
        self.store.frozen_count()
    }

    /// `t` as the store will keep it (compact once finished); see [`World::push`].
    pub fn seal(&mut self, t: Tracked) -> Slot {
        self.store.seal(t)
    }

    /// Room for `additional` more payouts (seeding).
    pub fn reserve(&mut self, additional: usize) {
        self.store.reserve(additional);
    }

    /// Adds a sealed payout (seeding), keeping creation order; answers its position.
    pub fn push(&mut self, slot: Slot) -> usize {
        self.store.push(slot)
    }

    /// Adds an already-built payout, keeping creation order.
    pub fn insert(&mut self, t: Tracked) -> usize {
        self.store.insert(t)
    }

    /// Records the transfer a Confirm of the payout at `pos` created.
    pub fn index_transfer(&mut self, transfer_id: &str, pos: usize) {
        self.transfers.insert(transfer_id.into(), pos);
    }

    /// Moves every active payout to `now`, applying side effects (the wallet is debited when
    /// the transfer leaves it). A held payout moves with its approval (which may expire).
    pub fn tick(&mut self, now: DateTime<Utc>) {
        let (book, wallets, wallet_by_id) = (&mut self.book, &mut self.wallets, &self.wallet_by_id);
        self.store.update_active(|t| {
            let events = match book.pending_of(&t.payout.id) {
                Some(i) => {
                    let events = book
                        .at_mut(i)
                        .map(|a| settle::advance_held(t, a, now))
                        .unwrap_or_default();
                    book.done(i);
                    events
                }
                None => t.advance(now),
            };
            if events.contains(&Event::TransferSubmitted) {
                debit(wallets, wallet_by_id, &t.payout);
            }
        });
    }

    /// The payout `id` as the API shows it.
    pub fn get(&self, id: &str) -> Option<Payout> {
        self.store.payout(self.store.position(id)?)
    }

    /// Newest first, from position `before` (exclusive) down; returns the page and the cursor
    /// of its last item when more may follow.
    pub fn list(
        &self,
        filter: &ListFilter,
        before: Option<usize>,
        limit: usize,
    ) -> (Vec<Payout>, Option<usize>) {
        self.store.list(filter, before, limit)
    }

    /// The token of a payout asset on a wallet's network, or a 400.
    pub fn token_for(
        &self,
        wallet: &EmuWallet,
        kind_addr: (&crate::dfns::model::AssetKind, Option<&str>),
    ) -> Result<&'static Token, EmuError> {
        let (kind, address) = kind_addr;
        let network = &wallet.wallet.network;
        let token = address.and_then(|a| catalog::find(network, a));
        match token {
            Some(t) if &t.kind == kind => Ok(t),
            Some(t) => Err(EmuError::field(
                "asset.kind",
                format!("{} on {network} is {}", t.symbol, t.kind),
            )),
            None => Err(EmuError::bad_request(format!(
                "asset not supported for payouts on {network}: supported are {}",
                catalog::tokens()
                    .iter()
                    .filter(|t| &t.network == network)
                    .map(|t| t.symbol)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .with_details(json!({"field": "asset"}))),
        }
    }

    pub fn wallet_or_404(&self, id: &str) -> Result<&EmuWallet, EmuError> {
        self.wallet(id).ok_or_else(|| {
            EmuError::not_found("wallet not found")
                .with_details(json!({"walletId": id, "orgId": self.org_id}))
        })
    }

    /// `POST /payouts`. Same externalId and same body → the existing payout; a different body
    /// → 409 with `details.duplicate`.
    pub fn create(
        &mut self,
        requester: Requester,
        req: CreatePayoutRequest,
        now: DateTime<Utc>,
    ) -> Result<Payout, EmuError> {
        let body = serde_json::to_value(&req).map_err(|e| EmuError::new(500, e.to_string()))?;
        if let Some(ext) = &req.external_id
            && let Some((pos, first)) = self.external.get(ext)
        {
            let existing = self
                .store
                .payout(*pos)
                .ok_or_else(|| EmuError::new(500, "externalId index out of step"))?;
            if first == &body {
                self.stats.idempotent_replays += 1;
                return Ok(existing);
            }
            return Err(
                EmuError::new(409, "Conflicting payout with same externalId")
                    .with_details(json!({"duplicate": {"id": existing.id, "externalId": ext}})),
            );
        }
        let wallet = self.wallet_or_404(&req.wallet_id)?;
        let token = self.token_for(
            wallet,
            (
                &req.asset.kind,
                req.asset.contract.as_deref().or(req.asset.mint.as_deref()),
            ),
        )?;
        amount::validate_base_units(&req.asset.amount)
            .map_err(|e| EmuError::field("asset.amount", e))?;
        let plan = Plan::draw(&mut self.rng, catalog::is_solana(&token.network));
        let payout = new_payout(
            ids::dfns_id(&mut self.rng, "pyt"),
            &req,
            token,
            requester,
            now,
        );
        let t = Tracked {
            payout,
            plan,
            since: now,
        };
        let out = t.payout.clone();
        let pos = self.insert(t);
        if let Some(ext) = req.external_id {
            self.external.insert(ext, (pos, body));
        }
        self.stats.payouts_created += 1;
        Ok(out)
    }

    /// Records an externalId for a seeded payout so replays behave as for created ones.
    pub fn index_external(&mut self, ext: String, pos: usize, body: Value) {
        self.external.insert(ext, (pos, body));
    }

    /// `POST /payouts/{id}/action`.
    pub fn act(
        &mut self,
        caller_user_id: &str,
        id: &str,
        action: &PayoutAction,
        now: DateTime<Utc>,
    ) -> Result<(), EmuError> {
        let not_found =
            || EmuError::not_found("payout not found").with_details(json!({"payoutId": id}));
        let pos = self.store.position(id).ok_or_else(not_found)?;
        let t = self.store.tracked_mut(pos).ok_or_else(not_found)?;
        let result = match action {
            PayoutAction::Cancel => lifecycle::cancel(t, caller_user_id, now),
            PayoutAction::Confirm {
                wallet_id,
                transfer,
            } => {
                let r = lifecycle::confirm(t, caller_user_id, wallet_id, transfer, now);
                let p = &t.payout;
                let wallet = self
                    .wallet_by_id
                    .get(&p.wallet_id)
                    .map(|&i| &self.wallets[i]);
                if r.is_ok() && !has_balance(wallet, p.asset.token_address(), &p.asset.amount) {
                    // Accepted, then the transfer fails: as a real chain would.
                    t.plan.submit_failure =
                        Some("insufficient balance in the wallet for the transfer".into());
                }
                r
            }
        };
        if result.is_ok() && matches!(action, PayoutAction::Confirm { .. }) {
            self.after_confirm(pos, now);
        }
        self.store.settle(pos);
        match (&result, action) {
            (Err(_), _) => self.stats.refusals += 1,
            (Ok(()), PayoutAction::Cancel) => self.stats.cancels += 1,
            (Ok(()), PayoutAction::Confirm { .. }) => self.stats.confirms += 1,
        }
        result
    }
}

/// A new payout as the API answers `POST /payouts`: Processing / Initializing.
pub fn new_payout(
    id: String,
    req: &CreatePayoutRequest,
    token: &Token,
    requester: Requester,
    now: DateTime<Utc>,
) -> Payout {
    Payout {
        id,
        wallet_id: req.wallet_id.clone(),
        fiat_currency: req.fiat_currency.clone(),
        asset: token.payout_asset(&req.asset),
        external_id: req.external_id.clone(),
        status: PayoutStatus::Processing,
        requester: Some(requester),
        date_created: Timestamp::from_datetime(now),
        date_finalized: None,
        provider: req.provider.clone(),
        data: PayoutData {
            borderless_account_id: Some(req.borderless_account_id.clone()),
            payment_instructions_id: Some(req.payment_instructions_id.clone()),
            payment_purpose: Some(req.payment_purpose.clone()),
            country: Some(req.country.clone()),
            execution_status: ExecutionStatus::Initializing,
            status_reason: None,
            borderless_payout_id: None,
            deposit_address: None,
            transfer_id: None,
            transaction_hash: None,
            date_confirmed: None,
            date_canceled: None,
            date_deposit_confirmed: None,
            date_payout_confirmed: None,
            extra: Default::default(),
        },
        extra: Default::default(),
    }
}
