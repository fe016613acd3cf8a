//! The seeded payouts: what each one is and how it lives until now (confirmed when,
//! canceled when, which failures its plan carries).

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand::rngs::StdRng;

use super::policy::{Script, Verdict};
use crate::emulator::lifecycle::Plan;

/// How one seeded payout lives until now.
pub(super) struct Scenario {
    pub(super) owner: usize,
    pub(super) wallet: usize,
    pub(super) token: &'static str,
    /// Whole token units (the cents are random).
    pub(super) amount: u64,
    pub(super) age: Duration,
    pub(super) confirm_after: Option<Duration>,
    pub(super) cancel_after: Option<Duration>,
    pub(super) tweak: fn(&mut Plan),
    pub(super) external: Option<&'static str>,
    /// How its approval is decided, when the policy holds its transfer.
    pub(super) approval: Script,
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
/// Held, nobody has decided yet.
fn undecided() -> Script {
    Script::undecided()
}
fn denied_by_other() -> Script {
    Script {
        after: Duration::minutes(40),
        verdict: Verdict::DenyByOther,
    }
}
fn denied_by_initiator() -> Script {
    Script {
        after: Duration::minutes(25),
        verdict: Verdict::DenyByInitiator,
    }
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

/// `s` with its approval decided by `script`.
fn with(s: Scenario, script: Script) -> Scenario {
    Scenario {
        approval: script,
        ..s
    }
}

pub(super) fn scenarios() -> Vec<Scenario> {
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
        approval: Script::approved(),
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
        // The newest one is on a wallet without a policy: confirming it goes straight on
        // (the 150,000 USDC one above is held for approval when confirmed).
        s(
            0,
            3,
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
        // Held by the transfer policy (above 5,000 USD on a policy wallet), approval pending:
        // operator's wait for operator2, and the other way round; one expires in minutes.
        with(
            confirmed(
                0,
                1,
                "USDC",
                64_000,
                h(2),
                h(1),
                no_failures,
                Some("treasury-eth-1102"),
            ),
            undecided(),
        ),
        with(
            confirmed(
                1,
                1,
                "USDT",
                8_200,
                h(1),
                m(30),
                no_failures,
                Some("ops2-eth-339"),
            ),
            undecided(),
        ),
        with(
            confirmed(0, 5, "USDC", 41_000, m(50), m(20), no_failures, None),
            undecided(),
        ),
        with(
            confirmed(
                1,
                5,
                "USDC",
                95_000,
                h(3),
                m(10),
                no_failures,
                Some("ops2-reserve-17"),
            ),
            undecided(),
        ),
        // Nobody decided in time: the approval expired, the payout was Rejected.
        with(
            confirmed(
                0,
                5,
                "USDC",
                250_000,
                h(5),
                h(1) + m(12),
                no_failures,
                Some("reserve-drawdown-q4"),
            ),
            undecided(),
        ),
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
        // Denied: by the other operator, and once by the initiator (who may deny).
        with(
            confirmed(
                0,
                1,
                "USDC",
                75_000,
                h(8),
                h(1),
                no_failures,
                Some("treasury-eth-1088"),
            ),
            denied_by_other(),
        ),
        with(
            confirmed(1, 1, "USDT", 12_000, h(30), h(2), no_failures, None),
            denied_by_initiator(),
        ),
        with(
            confirmed(
                0,
                5,
                "USDC",
                300_000,
                h(15),
                h(4),
                no_failures,
                Some("reserve-drawdown-q3"),
            ),
            denied_by_other(),
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

pub(super) fn history_scenario(rng: &mut StdRng, now: DateTime<Utc>) -> Scenario {
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
        approval: Script::approved(),
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
