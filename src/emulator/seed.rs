//! The seeded demo org (`--seed N`): three principals, wallets on five networks holding the
//! reference's stablecoins, and ~60 payouts across every status — some minutes from expiry,
//! some created by `operator2`, some held by policy — plus `--history N` finished ones.
//!
//! Each payout is *simulated* from its creation through the same lifecycle the server runs
//! (confirmations and cancels included), so every date and field is consistent.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand::rngs::StdRng;

use crate::dfns::model::{
    CreatePayoutRequest, KeyCurve, KeyScheme, Network, PaymentPurpose, PayoutAssetInput,
    PayoutTransfer, Provider, Requester, SigningKey, Timestamp, Wallet, WalletAsset,
    WalletAssetKind, WalletStatus,
};
use crate::dfns::signing::{KeyAlgorithm, PrivateKey, b64url};
use crate::emulator::auth::{Credential, Permission, Principal, mint_token};
use crate::emulator::catalog::{self, Token};
use crate::emulator::ids;
use crate::emulator::lifecycle::{self, Plan, PolicyPlan, Tracked};
use crate::emulator::world::{EmuWallet, World, new_payout};

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
        (
            "viewer",
            KeyAlgorithm::Ed25519,
            vec![Permission::PayoutsRead],
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
    let mut seeded = Vec::new();
    for s in scenarios() {
        seeded.push(simulate(&mut world, &requesters[s.owner], &s, now));
    }
    for _ in 0..history {
        let s = history_scenario(&mut world.rng, now);
        seeded.push(simulate(&mut world, &requesters[s.owner], &s, now));
    }
    // Creation order is list order (newest first when read backwards).
    seeded.sort_by_key(|(t, _)| t.created_at());
    for (t, body) in seeded {
        let ext = t.payout.external_id.clone();
        let pos = world.insert(t);
        if let (Some(ext), Some(body)) = (ext, body) {
            world.index_external(ext, pos, body);
        }
    }
    Ok(Org { world, principals })
}

fn wallets(rng: &mut StdRng, now: DateTime<Utc>) -> Vec<EmuWallet> {
    // (name, network, has a transfer policy, holdings as (symbol, whole units))
    type Spec<'a> = (&'a str, Network, bool, &'a [(&'a str, &'a str)]);
    let specs: [Spec; 6] = [
        (
            "Treasury Polygon",
            Network::Polygon,
            false,
            &[("USDC", "2450000"), ("USDT", "810000")],
        ),
        (
            "Ops Ethereum",
            Network::Ethereum,
            true,
            &[("USDC", "1200000"), ("USDT", "350000"), ("PYUSD", "90000")],
        ),
        ("Payroll Base", Network::Base, false, &[("USDC", "640000")]),
        (
            "Vendors Arbitrum",
            Network::ArbitrumOne,
            false,
            &[("USDC", "415000")],
        ),
        (
            "Payouts Solana",
            Network::Solana,
            false,
            &[("USDC", "980000"), ("USDT", "120000"), ("PYUSD", "45000")],
        ),
        (
            "Reserve Polygon",
            Network::Polygon,
            true,
            &[("USDC", "5000000")],
        ),
    ];
    specs
        .iter()
        .map(|(name, network, policy, holdings)| {
            let solana = catalog::is_solana(network);
            let (native_symbol, native_decimals) = catalog::native(network);
            let mut assets = vec![WalletAsset {
                kind: WalletAssetKind::Native,
                contract: None,
                mint: None,
                symbol: Some(native_symbol.into()),
                decimals: native_decimals,
                verified: Some(true),
                balance: format!(
                    "{}{}",
                    rng.gen_range(2..40),
                    "0".repeat(native_decimals as usize)
                ),
                quotes: None,
                extra: Default::default(),
            }];
            for (symbol, whole) in *holdings {
                if let Some(t) = catalog::tokens()
                    .into_iter()
                    .find(|t| &t.network == network && t.symbol == *symbol)
                {
                    assets.push(WalletAsset {
                        kind: if solana {
                            WalletAssetKind::from_wire(t.kind.as_str())
                        } else {
                            WalletAssetKind::Erc20
                        },
                        contract: (!solana).then(|| t.address.to_owned()),
                        mint: solana.then(|| t.address.to_owned()),
                        symbol: Some(t.symbol.into()),
                        decimals: t.decimals,
                        verified: Some(true),
                        balance: format!("{whole}{}", "0".repeat(t.decimals as usize)),
                        quotes: None,
                        extra: Default::default(),
                    });
                }
            }
            let (scheme, curve) = if solana {
                (KeyScheme::EdDsa, KeyCurve::Ed25519)
            } else {
                (KeyScheme::Ecdsa, KeyCurve::Secp256k1)
            };
            EmuWallet {
                wallet: Wallet {
                    id: ids::dfns_id(rng, "wa"),
                    network: network.clone(),
                    address: Some(if solana {
                        ids::solana_address(rng)
                    } else {
                        ids::evm_address(rng)
                    }),
                    signing_key: SigningKey {
                        id: ids::dfns_id(rng, "key"),
                        scheme,
                        curve,
                        public_key: ids::evm_tx_hash(rng)[2..].to_owned(),
                        delegated_to: None,
                        extra: Default::default(),
                    },
                    status: WalletStatus::Active,
                    date_created: Timestamp::from_datetime(
                        now - Duration::days(rng.gen_range(120..400)),
                    ),
                    date_deleted: None,
                    name: Some((*name).into()),
                    custodial: true,
                    external_id: None,
                    tags: if *policy {
                        vec!["policy:transfer-approval".into()]
                    } else {
                        vec![]
                    },
                    validator_id: None,
                    extra: Default::default(),
                },
                assets,
                policy: *policy,
            }
        })
        .collect()
}

/// How one seeded payout lives until now.
struct Scenario {
    owner: usize,
    wallet: usize,
    token: &'static str,
    /// Whole token units (the cents are random).
    amount: u64,
    age: Duration,
    confirm_after: Option<Duration>,
    cancel_after: Option<Duration>,
    tweak: fn(&mut Plan),
    external: Option<&'static str>,
}

fn provider_fails(p: &mut Plan) {
    p.provider_failure = Some("provider rejected the payment instructions: beneficiary name does not match the bank account".into());
}
fn deposit_fails(p: &mut Plan) {
    p.deposit_failure = Some(
        "deposit not credited by the provider: transfer amount below the provider minimum".into(),
    );
}
fn no_failures(p: &mut Plan) {
    p.provider_failure = None;
    p.deposit_failure = None;
}
fn slow_address(p: &mut Plan) {
    no_failures(p);
    p.to_address = Duration::minutes(6);
}
fn slow_submit(p: &mut Plan) {
    no_failures(p);
    p.to_submitted = Duration::minutes(3);
}
fn policy_slow(p: &mut Plan) {
    no_failures(p);
    p.policy = Some(PolicyPlan {
        decide_after: Duration::hours(3),
        approve: true,
    });
}
fn policy_never(p: &mut Plan) {
    no_failures(p);
    p.policy = Some(PolicyPlan {
        decide_after: Duration::hours(5),
        approve: true,
    });
}
fn policy_denies(p: &mut Plan) {
    no_failures(p);
    p.policy = Some(PolicyPlan {
        decide_after: Duration::minutes(40),
        approve: false,
    });
}
fn deposit_slow(p: &mut Plan) {
    no_failures(p);
    p.to_deposit_confirmed = Duration::minutes(12);
}
fn disbursement_slow(p: &mut Plan) {
    no_failures(p);
    p.to_deposit_confirmed = Duration::minutes(2);
    p.to_disbursed = Duration::minutes(45);
}

fn scenarios() -> Vec<Scenario> {
    let h = Duration::hours;
    let m = Duration::minutes;
    let s = |owner, wallet, token, amount, age, tweak: fn(&mut Plan), external| Scenario {
        owner,
        wallet,
        token,
        amount,
        age,
        confirm_after: None,
        cancel_after: None,
        tweak,
        external,
    };
    let confirmed =
        |owner, wallet, token, amount, age, after, tweak: fn(&mut Plan), external| Scenario {
            confirm_after: Some(after),
            ..s(owner, wallet, token, amount, age, tweak, external)
        };
    let canceled = |owner, wallet, token, amount, age, after, external| Scenario {
        cancel_after: Some(after),
        ..s(owner, wallet, token, amount, age, no_failures, external)
    };
    let mut v = vec![
        // Needs my confirmation (operator), from minutes to hours left.
        s(
            0,
            0,
            "USDC",
            12_500,
            h(24) - m(7),
            no_failures,
            Some("payroll-2026-11-0042"),
        ),
        s(
            0,
            4,
            "USDC",
            3_200,
            h(23) - m(25),
            no_failures,
            Some("vendor-acme-7731"),
        ),
        s(
            0,
            2,
            "USDC",
            48_000,
            h(22) - m(50),
            no_failures,
            Some("inv-2026-1187"),
        ),
        s(0, 3, "USDC", 915, h(16), no_failures, None),
        s(
            0,
            0,
            "USDT",
            27_340,
            h(9),
            no_failures,
            Some("contractor-lisbon-11"),
        ),
        s(
            0,
            4,
            "PYUSD",
            1_250,
            h(3),
            no_failures,
            Some("refund-88213"),
        ),
        s(
            0,
            5,
            "USDC",
            150_000,
            m(40),
            no_failures,
            Some("treasury-rebalance-nov"),
        ),
        s(
            0,
            1,
            "USDC",
            7_800,
            m(3),
            no_failures,
            Some("inv-2026-1193"),
        ),
        // Awaiting another user (operator2).
        s(
            1,
            0,
            "USDC",
            4_400,
            h(23) - m(40),
            no_failures,
            Some("payroll-2026-11-0043"),
        ),
        s(
            1,
            2,
            "USDC",
            22_000,
            h(11),
            no_failures,
            Some("ops2-vendor-992"),
        ),
        s(1, 4, "USDC", 640, h(2), no_failures, None),
        s(
            1,
            3,
            "USDC",
            9_999,
            m(12),
            no_failures,
            Some("ops2-inv-5521"),
        ),
        // Before the deposit address.
        s(
            0,
            0,
            "USDC",
            2_000,
            Duration::seconds(1),
            no_failures,
            Some("inv-2026-1201"),
        ),
        s(1, 4, "USDT", 5_150, Duration::seconds(3), no_failures, None),
        s(
            0,
            2,
            "USDC",
            31_000,
            m(2),
            slow_address,
            Some("inv-2026-1199"),
        ),
        s(0, 3, "USDC", 880, m(1), slow_address, None),
        s(
            1,
            0,
            "USDT",
            12_000,
            m(4),
            slow_address,
            Some("ops2-payroll-77"),
        ),
        // In flight after confirmation.
        confirmed(
            0,
            0,
            "USDC",
            18_430,
            m(30),
            m(29),
            slow_submit,
            Some("inv-2026-1170"),
        ),
        confirmed(1, 2, "USDC", 2_750, m(20), m(19), slow_submit, None),
        confirmed(
            0,
            1,
            "USDC",
            64_000,
            h(2),
            h(1),
            policy_slow,
            Some("treasury-eth-1102"),
        ),
        confirmed(
            0,
            5,
            "USDC",
            250_000,
            h(5),
            h(1) + m(12),
            policy_never,
            Some("reserve-drawdown-q4"),
        ),
        confirmed(
            1,
            1,
            "USDT",
            8_200,
            h(1),
            m(30),
            policy_slow,
            Some("ops2-eth-339"),
        ),
        confirmed(0, 5, "USDC", 41_000, m(50), m(20), policy_slow, None),
        confirmed(
            0,
            3,
            "USDC",
            5_600,
            m(8),
            m(7),
            deposit_slow,
            Some("vendor-arb-221"),
        ),
        confirmed(1, 4, "USDC", 13_100, m(9), m(8), deposit_slow, None),
        confirmed(
            0,
            0,
            "USDT",
            2_240,
            m(6),
            m(5) + Duration::seconds(30),
            deposit_slow,
            Some("inv-2026-1181"),
        ),
        confirmed(
            0,
            2,
            "USDC",
            19_900,
            m(25),
            m(20),
            disbursement_slow,
            Some("payroll-base-1104"),
        ),
        confirmed(1, 0, "USDC", 3_300, m(30), m(18), disbursement_slow, None),
        confirmed(
            0,
            4,
            "USDT",
            7_070,
            m(22),
            m(15),
            disbursement_slow,
            Some("sol-vendor-73"),
        ),
        // Finished.
        s(
            0,
            0,
            "USDC",
            1_100,
            h(30),
            no_failures,
            Some("inv-2026-1002"),
        ),
        s(1, 2, "USDC", 45_000, h(50), no_failures, None),
        s(
            0,
            4,
            "USDC",
            2_600,
            h(26),
            no_failures,
            Some("sol-refund-12"),
        ),
        s(0, 3, "USDC", 730, h(40), no_failures, None),
        canceled(0, 0, "USDC", 99_000, h(6), m(20), Some("dup-payroll-0040")),
        canceled(1, 4, "USDC", 1_400, h(28), h(2), None),
        canceled(0, 2, "USDC", 5_000, h(3), h(1), Some("inv-2026-1150")),
        canceled(0, 3, "USDC", 11_250, h(70), h(5), None),
        s(
            0,
            0,
            "USDC",
            6_000,
            h(7),
            provider_fails,
            Some("inv-2026-1160"),
        ),
        s(1, 4, "USDT", 3_000, h(12), provider_fails, None),
        confirmed(
            0,
            3,
            "USDC",
            420,
            h(9),
            h(1),
            deposit_fails,
            Some("vendor-arb-198"),
        ),
        confirmed(0, 2, "USDC", 8_800, h(20), h(3), deposit_fails, None),
        confirmed(
            0,
            1,
            "USDC",
            75_000,
            h(8),
            h(1),
            policy_denies,
            Some("treasury-eth-1088"),
        ),
        confirmed(1, 1, "USDT", 12_000, h(30), h(2), policy_denies, None),
        confirmed(
            0,
            5,
            "USDC",
            300_000,
            h(15),
            h(4),
            policy_denies,
            Some("reserve-drawdown-q3"),
        ),
    ];
    // Completed ones, spread over three days.
    let wallets_tokens = [
        (0, "USDC"),
        (2, "USDC"),
        (3, "USDC"),
        (4, "USDC"),
        (0, "USDT"),
        (4, "PYUSD"),
        (1, "USDC"),
    ];
    for i in 0..18usize {
        let (wallet, token) = wallets_tokens[i % wallets_tokens.len()];
        v.push(confirmed(
            i % 3 % 2,
            wallet,
            token,
            500 + (i as u64 * 7_919) % 60_000,
            h(3 + i as i64 * 4),
            m(10 + i as i64 * 3),
            no_failures,
            None,
        ));
    }
    v
}

fn history_scenario(rng: &mut StdRng, now: DateTime<Utc>) -> Scenario {
    let _ = now;
    let age = Duration::minutes(rng.gen_range(3 * 24 * 60..90 * 24 * 60));
    let roll = rng.gen_range(0..100);
    let base = Scenario {
        owner: rng.gen_range(0..2),
        wallet: rng.gen_range(0..5),
        token: "USDC",
        amount: rng.gen_range(50..80_000),
        age,
        confirm_after: None,
        cancel_after: None,
        tweak: no_failures,
        external: None,
    };
    match roll {
        0..=84 => Scenario {
            confirm_after: Some(Duration::minutes(rng.gen_range(5..600))),
            ..base
        },
        85..=89 => Scenario {
            tweak: provider_fails,
            ..base
        },
        90..=94 => Scenario {
            cancel_after: Some(Duration::minutes(rng.gen_range(5..600))),
            ..base
        },
        _ => base, // never confirmed: expires
    }
}

/// Runs one payout from creation to `now`. Returns it with its create body (for the
/// externalId index).
fn simulate(
    world: &mut World,
    requester: &Requester,
    s: &Scenario,
    now: DateTime<Utc>,
) -> (Tracked, Option<serde_json::Value>) {
    let wallet = world.wallets()[s.wallet % world.wallets().len()].clone();
    let wallet = &wallet;
    let network = &wallet.wallet.network;
    let token: Token = catalog::tokens()
        .into_iter()
        .find(|t| &t.network == network && t.symbol == s.token)
        .or_else(|| {
            catalog::tokens()
                .into_iter()
                .find(|t| &t.network == network)
        })
        .unwrap_or_else(|| catalog::tokens()[0].clone());
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
    let mut plan = Plan::draw(rng, catalog::is_solana(network), wallet.policy);
    (s.tweak)(&mut plan);
    if !wallet.policy {
        plan.policy = None;
    }
    let payout = new_payout(
        ids::dfns_id(rng, "pyt"),
        &req,
        &token,
        requester.clone(),
        created,
    );
    let mut t = Tracked {
        payout,
        plan,
        since: created,
    };
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
        let _ = lifecycle::confirm(&mut t, &requester.user_id, &req.wallet_id, &transfer, at);
    }
    if let Some(after) = s.cancel_after {
        let at = created + after;
        t.advance(at);
        let _ = lifecycle::cancel(&mut t, &requester.user_id, at);
    }
    t.advance(now);
    // Only payouts with an externalId need their create body (for idempotent replays).
    let body = req
        .external_id
        .as_ref()
        .and_then(|_| serde_json::to_value(&req).ok());
    (t, body)
}
