//! The seeded demo org (`--seed N`): three principals, wallets on five networks holding the
//! reference's stablecoins, a transfer policy on two of them, and ~60 payouts across every
//! status — some minutes from expiry, some created by `operator2`, some held by the policy
//! with their approvals pending, decided or expired — plus `--history N` finished ones.
//!
//! Each payout is *simulated* from its creation through the same lifecycle the server runs
//! (confirmations and cancels included), so every date and field is consistent.

use chrono::{DateTime, Utc};
use rand::Rng;

use crate::dfns::model::{
    CreatePayoutRequest, PaymentPurpose, PayoutAssetInput, PayoutTransfer, Provider, Requester,
    Timestamp,
};
use crate::dfns::signing::{KeyAlgorithm, PrivateKey, b64url};
use crate::emulator::approvals::{Book, Entry};
use crate::emulator::auth::{Credential, Permission, Principal, mint_token};
use crate::emulator::catalog::{self, Token};
use crate::emulator::ids;
use crate::emulator::lifecycle::{self, Plan, Tracked};
use crate::emulator::store::Slot;
use crate::emulator::world::{World, new_payout};

mod policy;
mod scenarios;
mod wallets;
use policy::Parties;
use scenarios::{Scenario, history_scenario, scenarios};
use wallets::wallets;

/// A principal with its private key (written to the credentials dir).
pub struct Keyed {
    pub principal: Principal,
    pub key: PrivateKey,
}

pub struct Org {
    pub world: World,
    pub principals: Vec<Keyed>,
}

/// Builds the org as of `now`.
pub fn org(seed: u64, history: usize, now: DateTime<Utc>) -> Result<Org, String> {
    let mut world = World::new(String::new(), seed);
    let rng = &mut world.rng;
    let org_id = ids::dfns_id(rng, "or");
    let all = Permission::ALL.to_vec();
    let specs = [
        ("operator", KeyAlgorithm::Ed25519, all.clone()),
        ("operator2", KeyAlgorithm::P256, all),
        // Reads payouts, and approvals with the policies behind them; decides nothing.
        (
            "viewer",
            KeyAlgorithm::Ed25519,
            vec![
                Permission::PayoutsRead,
                Permission::PoliciesApprovalsRead,
                Permission::PoliciesRead,
            ],
        ),
    ];
    let mut principals = Vec::new();
    for (name, alg, permissions) in specs {
        let key = PrivateKey::generate(alg, rng).map_err(|e| e.to_string())?;
        let user_id = ids::dfns_id(rng, "us");
        let token_id = ids::dfns_id(rng, "to");
        let cred_id = b64url(ids::dfns_id(rng, "ci").as_bytes());
        let token = mint_token(
            &org_id,
            &user_id,
            &token_id,
            "ServiceAccount",
            now.timestamp(),
            rng,
        );
        principals.push(Keyed {
            principal: Principal {
                name: name.to_owned(),
                user_id,
                token_id,
                org_id: org_id.clone(),
                kind: "ServiceAccount".into(),
                token,
                permissions,
                credentials: vec![Credential {
                    cred_id,
                    public_key: key.public_key(),
                }],
            },
            key,
        });
    }
    world.org_id = org_id;
    for w in wallets(&mut world.rng, now) {
        world.add_wallet(w);
    }
    let requesters: Vec<Requester> = principals
        .iter()
        .map(|k| Requester {
            user_id: k.principal.user_id.clone(),
            token_id: Some(k.principal.token_id.clone()),
            extra: Default::default(),
        })
        .collect();
    let approvers = [
        requesters[0].user_id.as_str(),
        requesters[1].user_id.as_str(),
    ];
    let wallets = world.wallets().to_vec();
    let policy = policy::transfer_policy(&mut world.rng, approvers, &wallets, now)?;
    world.book.add_policy(policy);
    world.book.service_accounts = requesters.iter().map(|r| r.user_id.clone()).collect();
    let mut seeded = Vec::new();
    for s in scenarios() {
        seeded.push(simulate(&mut world, &requesters, &s, now));
    }
    for _ in 0..history {
        let s = history_scenario(&mut world.rng, now);
        seeded.push(simulate(&mut world, &requesters, &s, now));
    }
    // Creation order is list order (newest first when read backwards).
    seeded.sort_by_key(|x| x.created);
    world.reserve(seeded.len());
    let mut approvals = Vec::new();
    for x in seeded {
        let pos = world.push(x.slot);
        if let Some((ext, body)) = x.external {
            world.index_external(ext, pos, body);
        }
        if let Some(transfer_id) = x.transfer {
            world.index_transfer(&transfer_id, pos);
        }
        approvals.extend(x.approval);
    }
    // Approvals in the order they were opened, like payouts.
    approvals.sort_by_key(|a| a.opened);
    for a in approvals {
        world.book.push(a.entry, &a.payout_id);
    }
    Ok(Org { world, principals })
}

/// One seeded payout as of now (finished ones already compact, so the history never
/// exists at full size), with what the world indexes besides it.
struct Seeded {
    created: DateTime<Utc>,
    slot: Slot,
    /// The externalId and the create body, for idempotent replays.
    external: Option<(String, serde_json::Value)>,
    /// Its transfer's id, once confirmed.
    transfer: Option<String>,
    /// Its approval, when a policy held the transfer.
    approval: Option<SeededApproval>,
}

/// A seeded approval, already as the book keeps it.
struct SeededApproval {
    opened: Option<DateTime<Utc>>,
    entry: Entry,
    payout_id: String,
}

/// Runs one payout from creation to `now`: confirmed (then held, decided, released or
/// rejected by the policy's approval) or canceled as its scenario says.
fn simulate(
    world: &mut World,
    requesters: &[Requester],
    s: &Scenario,
    now: DateTime<Utc>,
) -> Seeded {
    let requester = &requesters[s.owner];
    // The other operator (owners are operator or operator2).
    let other = &requesters[usize::from(s.owner == 0)].user_id;
    let wallet = world.wallets()[s.wallet % world.wallets().len()].clone();
    let wallet = &wallet;
    let network = &wallet.wallet.network;
    let all = catalog::tokens();
    let token: &Token = all
        .iter()
        .find(|t| &t.network == network && t.symbol == s.token)
        .or_else(|| all.iter().find(|t| &t.network == network))
        .unwrap_or(&all[0]);
    let rng = &mut world.rng;
    let cents: u64 = if s.amount > 5_000 {
        0
    } else {
        rng.gen_range(0..100)
    };
    let base_units = format!(
        "{}{:02}{}",
        s.amount,
        cents,
        "0".repeat(token.decimals as usize - 2)
    );
    let (country, fiat) = [
        ("US", "USD"),
        ("US", "USD"),
        ("DE", "EUR"),
        ("MX", "MXN"),
        ("GB", "GBP"),
        ("BR", "BRL"),
    ][rng.gen_range(0..6)];
    let purposes = [
        PaymentPurpose::SalaryPayment,
        PaymentPurpose::ServiceCharge,
        PaymentPurpose::AdvisoryFees,
        PaymentPurpose::OfficeExpenses,
        PaymentPurpose::RentPayment,
        PaymentPurpose::OtherPurpose,
    ];
    let address = token.address.to_owned();
    let req = CreatePayoutRequest {
        wallet_id: wallet.wallet.id.clone(),
        asset: PayoutAssetInput {
            kind: token.kind.clone(),
            amount: base_units,
            contract: (!catalog::is_solana(network)).then(|| address.clone()),
            mint: catalog::is_solana(network).then_some(address),
        },
        fiat_currency: fiat.into(),
        provider: Provider::Borderless,
        country: country.into(),
        borderless_account_id: format!("bacc-{}", &ids::uuid(rng)[..8]),
        payment_instructions_id: format!("pi-{}", &ids::uuid(rng)[..13]),
        payment_purpose: purposes[rng.gen_range(0..purposes.len())].clone(),
        external_id: s.external.map(str::to_owned),
    };
    let created = now - s.age;
    let mut plan = Plan::draw(rng, catalog::is_solana(network));
    (s.tweak)(&mut plan);
    let payout = new_payout(
        ids::dfns_id(rng, "pyt"),
        &req,
        token,
        requester.clone(),
        created,
    );
    let mut t = Tracked {
        payout,
        plan,
        since: created,
    };
    let mut confirmed = None;
    if let Some(after) = s.confirm_after {
        let at = created + after;
        t.advance(at);
        let transfer = PayoutTransfer {
            kind: t.payout.asset.kind.clone(),
            amount: t.payout.asset.amount.clone(),
            contract: t.payout.asset.contract.clone(),
            mint: t.payout.asset.mint.clone(),
            to: t.payout.data.deposit_address.clone().unwrap_or_default(),
        };
        if lifecycle::confirm(&mut t, &requester.user_id, &req.wallet_id, &transfer, at).is_ok() {
            let parties = Parties {
                initiator: requester,
                other,
            };
            confirmed = Some(policy::confirm_and_live(
                &mut t,
                world.book.policies(),
                &wallet.wallet,
                &parties,
                s.approval,
                &mut world.rng,
                at,
                now,
            ));
        }
    }
    if let Some(after) = s.cancel_after {
        let at = created + after;
        t.advance(at);
        let _ = lifecycle::cancel(&mut t, &requester.user_id, at);
    }
    t.advance(now);
    // Only payouts with an externalId need their create body (for idempotent replays).
    let external = req
        .external_id
        .clone()
        .and_then(|ext| Some((ext, serde_json::to_value(&req).ok()?)));
    let transfer = confirmed.as_ref().map(|c| c.transfer.id.clone());
    let approval = confirmed.and_then(|c| c.approval).map(|a| SeededApproval {
        opened: a.date_created.as_ref().and_then(Timestamp::instant),
        entry: Book::seal(a),
        payout_id: t.payout.id.clone(),
    });
    Seeded {
        created: t.created_at(),
        slot: world.seal(t),
        external,
        transfer,
        approval,
    }
}
