//! Properties: confirm is allowed exactly when every invariant holds, the body echoes the
//! server's strings, and any change to what the dialog showed is refused.

use super::*;

fn arb_exec() -> impl Strategy<Value = ExecutionStatus> {
    prop_oneof![
        6 => Just(E::AwaitingPayoutConfirmation),
        2 => proptest::sample::select(E::KNOWN.to_vec()),
        1 => "[A-Z][a-z]{3,8}".prop_map(E::Other),
    ]
}

fn arb_status() -> impl Strategy<Value = PayoutStatus> {
    prop_oneof![
        6 => Just(PayoutStatus::Processing),
        2 => proptest::sample::select(PayoutStatus::KNOWN.to_vec()),
        1 => "[A-Z][a-z]{3,8}".prop_map(PayoutStatus::Other),
    ]
}

fn arb_user() -> impl Strategy<Value = Option<&'static str>> {
    prop_oneof![8 => Just(Some(ME)), 1 => Just(Some(OTHER)), 1 => Just(Some("")), 1 => Just(None)]
}

fn arb_amount() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => "[0-9]{1,30}",
        1 => Just(String::new()),
        1 => "[0-9]{1,5}\\.[0-9]{1,3}",
        1 => "-[0-9]{1,5}",
        1 => Just(format!("{MAX_BASE_UNITS}1")),
        1 => Just(format!("00{MAX_BASE_UNITS}")),
        // Around the 2^256 limit (78 digits), where the length alone does not decide.
        2 => "[01][0-9]{76,78}",
    ]
}

#[derive(Debug, Clone)]
struct Case {
    status: PayoutStatus,
    exec: ExecutionStatus,
    requester: Option<&'static str>,
    me: Option<&'static str>,
    address: Option<String>,
    amount: String,
    decimals: Option<u8>,
}

fn arb_case() -> impl Strategy<Value = Case> {
    let address = prop_oneof![
        8 => "0x[0-9a-fA-F]{40}".prop_map(Some),
        1 => "[1-9A-HJ-NP-Za-km-z]{32,44}".prop_map(Some),
        1 => Just(None),
        1 => Just(Some(String::new())),
        1 => Just(Some(" ".to_owned())),
    ];
    let decimals = prop_oneof![4 => (0u8..=18).prop_map(Some), 1 => (0u8..=40).prop_map(Some), 1 => Just(None)];
    (
        arb_status(),
        arb_exec(),
        arb_user(),
        arb_user(),
        address,
        arb_amount(),
        decimals,
    )
        .prop_map(
            |(status, exec, requester, me, address, amount, decimals)| Case {
                status,
                exec,
                requester,
                me,
                address,
                amount,
                decimals,
            },
        )
}

fn payout_of(c: &Case) -> Payout {
    let mut p = awaiting("pyt-prop");
    p.status = c.status.clone();
    p.data.execution_status = c.exec.clone();
    set_requester(&mut p, c.requester);
    p.data.deposit_address = c.address.clone();
    p.asset.amount = c.amount.clone();
    p.asset.metadata = c.decimals.map(|d| AssetMetadata {
        name: None,
        symbol: Some("USDC".into()),
        decimals: d,
        verified: None,
        extra: Extra::new(),
    });
    p
}

/// The invariants, stated independently of the implementation.
fn may_confirm(c: &Case) -> bool {
    let amount_ok = !c.amount.is_empty() && c.amount.bytes().all(|b| b.is_ascii_digit()) && {
        // Numeric <= 2^256 on canonical digits: shorter, or as long and not greater.
        let t = c.amount.trim_start_matches('0');
        t.len() < MAX_BASE_UNITS.len() || (t.len() == MAX_BASE_UNITS.len() && t <= MAX_BASE_UNITS)
    };
    c.status == PayoutStatus::Processing
        && c.exec == E::AwaitingPayoutConfirmation
        && c.me
            .is_some_and(|m| !m.is_empty() && c.requester == Some(m))
        // The fixture is an ERC-20 on Polygon: 0x and 40 hex digits.
        && c.address.as_deref().is_some_and(|a| {
            a.len() == 42 && a.starts_with("0x") && a[2..].bytes().all(|b| b.is_ascii_hexdigit())
        })
        && c.decimals.is_some_and(|d| d <= MAX_DECIMALS)
        && amount_ok
}

/// One field of the payout that the dialog shows, changed.
#[derive(Debug, Clone, Copy)]
enum Mutation {
    Id,
    Wallet,
    Kind,
    Amount,
    LeadingZero,
    Decimals,
    Symbol,
    DropSymbol,
    Network,
    Contract,
    Mint,
    Address,
    AddressCase,
    ExternalId,
    DropExternalId,
}

const MUTATIONS: [Mutation; 15] = [
    Mutation::Id,
    Mutation::Wallet,
    Mutation::Kind,
    Mutation::Amount,
    Mutation::LeadingZero,
    Mutation::Decimals,
    Mutation::Symbol,
    Mutation::DropSymbol,
    Mutation::Network,
    Mutation::Contract,
    Mutation::Mint,
    Mutation::Address,
    Mutation::AddressCase,
    Mutation::ExternalId,
    Mutation::DropExternalId,
];

fn mutate(p: &mut Payout, m: Mutation, salt: &str) {
    let meta = p.asset.metadata.as_mut();
    match m {
        Mutation::Id => p.id.push_str(salt),
        Mutation::Wallet => p.wallet_id.push_str(salt),
        Mutation::Kind => p.asset.kind = AssetKind::Spl2022,
        Mutation::Amount => p.asset.amount.push('1'),
        Mutation::LeadingZero => p.asset.amount.insert(0, '0'),
        Mutation::Decimals => {
            if let Some(m) = meta {
                m.decimals += 1;
            }
        }
        Mutation::Symbol => {
            if let Some(m) = meta {
                m.symbol = Some(format!("X{salt}"));
            }
        }
        Mutation::DropSymbol => {
            if let Some(m) = meta {
                m.symbol = None;
            }
        }
        Mutation::Network => p.asset.network = Network::Other(format!("Net{salt}")),
        Mutation::Contract => {
            if let Some(c) = p.asset.contract.as_mut() {
                c.push_str(salt);
            }
        }
        Mutation::Mint => p.asset.mint = Some(format!("mint{salt}")),
        // Another valid address: one hex digit differs.
        Mutation::Address => {
            if let Some(a) = p.data.deposit_address.as_mut()
                && let Some(last) = a.pop()
            {
                a.push(if last == '0' { '1' } else { '0' });
            }
        }
        // Same address to a case-insensitive eye, different bytes: still a change.
        Mutation::AddressCase => {
            p.data.deposit_address = Some(format!("0x{}", DEPOSIT[2..].to_uppercase()))
        }
        Mutation::ExternalId => p.external_id = Some(format!("ext-{salt}")),
        Mutation::DropExternalId => p.external_id = None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn confirm_is_ok_iff_every_invariant_holds(c in arb_case()) {
        let p = payout_of(&c);
        let result = check_confirm(&p.id, &p, c.me, None);
        prop_assert_eq!(result.is_ok(), may_confirm(&c), "{:?} -> {:?}", c, result);
        if let Ok(echo) = result {
            let PayoutAction::Confirm { wallet_id, transfer } = echo.body() else {
                return Err(TestCaseError::fail("not a Confirm body"));
            };
            prop_assert_eq!(wallet_id, p.wallet_id.clone());
            prop_assert_eq!(transfer.kind, p.asset.kind.clone());
            prop_assert_eq!(transfer.amount, p.asset.amount.clone());
            prop_assert_eq!(transfer.contract, p.asset.contract.clone());
            prop_assert_eq!(transfer.mint, p.asset.mint.clone());
            prop_assert_eq!(Some(transfer.to), p.data.deposit_address.clone());
            // Armed with its own echo, the same payout passes and yields the same echo.
            prop_assert_eq!(check_confirm(&p.id, &p, c.me, Some(&echo)), Ok(echo));
        }
        // Cancel follows the state and ownership rules alone.
        let may_cancel = c.status == PayoutStatus::Processing
            && c.exec == E::AwaitingPayoutConfirmation
            && c.me.is_some_and(|m| !m.is_empty() && c.requester == Some(m));
        prop_assert_eq!(check_cancel(&p.id, &p, c.me).is_ok(), may_cancel);
    }

    #[test]
    fn any_shown_field_changed_is_refused(
        amount in "[1-9][0-9]{0,25}",
        decimals in 0u8..=18,
        symbol in proptest::option::of("[A-Z]{3,6}"),
        m in proptest::sample::select(MUTATIONS.to_vec()),
        salt in "[a-z0-9]{1,6}",
    ) {
        let mut p = awaiting("pyt-prop");
        p.asset.amount = amount;
        if let Some(meta) = p.asset.metadata.as_mut() {
            meta.decimals = decimals;
            meta.symbol = symbol;
        }
        let shown = check_confirm(&p.id, &p, Some(ME), None);
        prop_assert!(shown.is_ok(), "{:?}", shown);
        let Ok(shown) = shown else { unreachable!() };
        let mut changed = p.clone();
        mutate(&mut changed, m, &salt);
        // A mutation that happens to leave the payout as it was proves nothing.
        prop_assume!(changed != p);
        let result = check_confirm(&changed.id, &changed, Some(ME), Some(&shown));
        // A kind change can also make the address invalid for the new kind: refused either way.
        prop_assert!(
            matches!(result, Err(Refusal::Changed { .. } | Refusal::BadAddress(_))),
            "{:?} -> {:?}", m, result
        );
    }

    #[test]
    fn fields_the_dialog_does_not_show_may_change(salt in "[a-z0-9]{1,6}", which in 0usize..5) {
        let p = awaiting("pyt-prop");
        let shown = check_confirm(&p.id, &p, Some(ME), None).unwrap();
        let mut q = p.clone();
        match which {
            0 => q.date_created = Timestamp::parse(format!("2025-03-01T12:0{}:00Z", salt.len())),
            1 => q.fiat_currency = salt.clone(),
            2 => q.data.status_reason = Some(salt.clone()),
            3 => q.data.borderless_payout_id = Some(salt.clone()),
            _ => {
                if let Some(r) = q.requester.as_mut() {
                    r.token_id = Some(salt.clone());
                }
            }
        }
        prop_assert_eq!(check_confirm(&q.id, &q, Some(ME), Some(&shown)), Ok(shown));
    }
}
