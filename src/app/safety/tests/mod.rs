//! The guard's rules and messages, one by one; the properties are in `props`.

mod props;

use proptest::prelude::*;

use super::*;
use crate::app::board::fixture::{DEPOSIT, ME, OTHER, USDC_POLYGON, awaiting, payout, status_for};
use crate::dfns::amount::{MAX_BASE_UNITS, MAX_DECIMALS};
use crate::dfns::model::{AssetMetadata, Extra, Network, Requester, Timestamp};

use ExecutionStatus as E;

fn set_requester(p: &mut Payout, who: Option<&str>) {
    p.requester = who.map(|u| Requester {
        user_id: u.into(),
        token_id: None,
        extra: Extra::new(),
    });
}

#[test]
fn accepts_my_awaiting_payout_and_echoes_it_exactly() {
    let p = awaiting("pyt-1");
    let echo = check_confirm(&p.id, &p, Some(ME), None).unwrap();
    assert_eq!(
        echo,
        Echo {
            payout_id: "pyt-1".into(),
            wallet_id: p.wallet_id.clone(),
            kind: AssetKind::Erc20,
            amount_base: "1000000000".into(),
            human_amount: "1,000.00".into(),
            symbol: "USDC".into(),
            network: "Polygon".into(),
            contract: Some(USDC_POLYGON.into()),
            mint: None,
            deposit_address: DEPOSIT.into(),
            external_id: Some("invoice-pyt-1".into()),
        }
    );
    assert_eq!(echo.arm_code(), "5678");
    // The wire body is exactly the docs/reference/payouts-api.md §8.1 shape with the server's strings.
    let body = serde_json::to_value(echo.body()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "action": "Confirm",
            "walletId": p.wallet_id,
            "transfer": {"kind": "Erc20", "amount": "1000000000", "contract": USDC_POLYGON, "to": DEPOSIT}
        })
    );
    // The same payout re-read against the armed echo still passes.
    assert_eq!(check_confirm(&p.id, &p, Some(ME), Some(&echo)), Ok(echo));
    assert_eq!(check_cancel(&p.id, &p, Some(ME)), Ok(()));
}

#[test]
fn refuses_anything_not_awaiting_confirmation() {
    for exec in E::KNOWN.iter().chain([&E::Other("Paused".into())]) {
        if *exec == E::AwaitingPayoutConfirmation {
            continue;
        }
        let p = payout("pyt-1", exec.clone());
        let want = Refusal::NotAwaiting {
            execution_status: exec.as_str().into(),
            status: status_for(exec).as_str().into(),
        };
        assert_eq!(
            check_confirm(&p.id, &p, Some(ME), None),
            Err(want.clone()),
            "{exec}"
        );
        assert_eq!(check_cancel(&p.id, &p, Some(ME)), Err(want), "{exec}");
    }
    // Awaiting confirmation but the top-level status says otherwise: not ours to send.
    for status in [PayoutStatus::Expired, PayoutStatus::Other("OnHold".into())] {
        let mut p = awaiting("pyt-1");
        p.status = status.clone();
        assert_eq!(
            check_confirm(&p.id, &p, Some(ME), None),
            Err(Refusal::NotAwaiting {
                execution_status: "AwaitingPayoutConfirmation".into(),
                status: status.as_str().into(),
            })
        );
        assert!(check_cancel(&p.id, &p, Some(ME)).is_err());
    }
}

#[test]
fn refuses_what_is_not_provably_mine() {
    let mut p = awaiting("pyt-1");
    set_requester(&mut p, Some(OTHER));
    let not_mine = Refusal::NotMine {
        requester: OTHER.into(),
    };
    assert_eq!(
        check_confirm(&p.id, &p, Some(ME), None),
        Err(not_mine.clone())
    );
    assert_eq!(check_cancel(&p.id, &p, Some(ME)), Err(not_mine));
    // Unknown me, unknown requester, or empty ids: cannot prove it.
    let cases: [(Option<&str>, Option<&str>); 5] = [
        (None, Some(ME)),
        (Some(ME), None),
        (None, None),
        (Some(""), Some("")),
        (Some(ME), Some("")),
    ];
    for (me, requester) in cases {
        set_requester(&mut p, requester);
        assert_eq!(
            check_confirm(&p.id, &p, me, None),
            Err(Refusal::RequesterUnknown),
            "me {me:?} requester {requester:?}"
        );
        assert_eq!(check_cancel(&p.id, &p, me), Err(Refusal::RequesterUnknown));
    }
}

#[test]
fn refuses_without_address_decimals_or_a_valid_amount() {
    let mut p = awaiting("pyt-1");
    for address in [None, Some(""), Some("  ")] {
        p.data.deposit_address = address.map(Into::into);
        assert_eq!(
            check_confirm(&p.id, &p, Some(ME), None),
            Err(Refusal::NoDepositAddress)
        );
        // Cancel needs no address.
        assert_eq!(check_cancel(&p.id, &p, Some(ME)), Ok(()));
    }
    let mut p = awaiting("pyt-1");
    p.asset.metadata = None;
    assert_eq!(
        check_confirm(&p.id, &p, Some(ME), None),
        Err(Refusal::NoDecimals)
    );

    let bad = |amount: &str, decimals: u8| {
        let mut p = awaiting("pyt-1");
        p.asset.amount = amount.into();
        if let Some(m) = p.asset.metadata.as_mut() {
            m.decimals = decimals;
        }
        check_confirm(&p.id, &p, Some(ME), None)
    };
    let too_large = format!("{MAX_BASE_UNITS}0");
    for (amount, decimals, why) in [
        ("1.5", 6, r#"not a number: "1.5""#),
        (
            "",
            6,
            "amount is empty: enter a number such as 1000 or 1,000.50",
        ),
        ("-1", 6, r#"amount must not be negative: "-1""#),
        (
            too_large.as_str(),
            6,
            "amount too large (more than 2^256 base units)",
        ),
        (
            "1",
            37,
            "token decimals 37 out of range (0..=36): the token metadata looks wrong",
        ),
    ] {
        assert_eq!(
            bad(amount, decimals),
            Err(Refusal::BadAmount(why.into())),
            "{amount}"
        );
    }
}

#[test]
fn symbol_falls_back_to_the_shortened_token_address() {
    let mut p = awaiting("pyt-1");
    if let Some(m) = p.asset.metadata.as_mut() {
        m.symbol = None;
    }
    assert_eq!(
        check_confirm(&p.id, &p, Some(ME), None).unwrap().symbol,
        "0x3c49…3359"
    );
    p.asset.kind = AssetKind::Spl;
    p.asset.network = Network::Solana;
    p.asset.contract = None;
    p.asset.mint = Some("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v".into());
    p.data.deposit_address = Some("7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV".into());
    let echo = check_confirm(&p.id, &p, Some(ME), None).unwrap();
    assert_eq!(echo.symbol, "EPjFWd…Dt1v");
    let body = serde_json::to_value(echo.body()).unwrap();
    assert_eq!(
        body["transfer"]["mint"],
        "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"
    );
    assert!(body["transfer"].get("contract").is_none());
    p.asset.mint = None;
    assert_eq!(
        check_confirm(&p.id, &p, Some(ME), None).unwrap().symbol,
        "(unknown token)"
    );
}

#[test]
fn arm_code_is_the_last_four_characters() {
    let mut echo = check_confirm("pyt-1", &awaiting("pyt-1"), Some(ME), None).unwrap();
    for (address, code) in [
        ("abc", "abc"),
        ("abcd", "abcd"),
        ("xyzABCD", "ABCD"),
        ("añbcdé", "bcdé"),
    ] {
        echo.deposit_address = address.into();
        assert_eq!(echo.arm_code(), code);
    }
}

#[test]
fn a_change_since_the_dialog_opened_is_refused_and_named() {
    let p = awaiting("pyt-1");
    let shown = check_confirm(&p.id, &p, Some(ME), None).unwrap();
    let mut moved = p.clone();
    moved.data.deposit_address = Some("0xffffffffffffffffffffffffffffffffffffffff".into());
    let refusal = check_confirm(&moved.id, &moved, Some(ME), Some(&shown)).unwrap_err();
    assert_eq!(
        refusal,
        Refusal::Changed {
            field: "deposit address",
            shown: DEPOSIT.into(),
            now: "0xffffffffffffffffffffffffffffffffffffffff".into(),
        }
    );
    assert_eq!(
        refusal.to_string(),
        format!(
            "the payout changed since you opened this dialog: deposit address was {DEPOSIT} \
             and is now 0xffffffffffffffffffffffffffffffffffffffff; nothing was sent"
        )
    );
    let mut no_ext = p.clone();
    no_ext.external_id = None;
    assert_eq!(
        check_confirm(&no_ext.id, &no_ext, Some(ME), Some(&shown)),
        Err(Refusal::Changed {
            field: "external id",
            shown: "invoice-pyt-1".into(),
            now: "(none)".into(),
        })
    );
    // The state check comes first: a payout that moved on is "not awaiting", not "changed".
    let mut gone = p.clone();
    gone.data.execution_status = E::SubmittingPayoutTransfer;
    assert!(matches!(
        check_confirm(&gone.id, &gone, Some(ME), Some(&shown)),
        Err(Refusal::NotAwaiting { .. })
    ));
}

#[test]
fn messages_are_plain_words() {
    let cases = [
        (
            Refusal::NotAwaiting {
                execution_status: "SubmittingPayoutTransfer".into(),
                status: "Processing".into(),
            },
            "the payout is not awaiting confirmation (now SubmittingPayoutTransfer); nothing was sent",
        ),
        (
            Refusal::NotAwaiting {
                execution_status: "AwaitingPayoutConfirmation".into(),
                status: "Expired".into(),
            },
            "the payout is not awaiting confirmation (now AwaitingPayoutConfirmation, status \
             Expired); nothing was sent",
        ),
        (
            Refusal::NotAwaiting {
                execution_status: "Canceled".into(),
                status: "Canceled".into(),
            },
            "the payout is not awaiting confirmation (now Canceled); nothing was sent",
        ),
        (
            Refusal::NotMine {
                requester: "us-abc".into(),
            },
            "requested by us-abc, not you: only the requester can confirm or cancel it; \
             nothing was sent",
        ),
        (
            Refusal::RequesterUnknown,
            "cannot prove this payout is yours (your user id or its requester is unknown): only \
             the requester can confirm or cancel it; nothing was sent",
        ),
        (
            Refusal::NoDepositAddress,
            "the payout has no deposit address yet: wait for the provider to send one, then try \
             again; nothing was sent",
        ),
        (
            Refusal::NoDecimals,
            "the token's decimals are unknown (no asset metadata), so the amount cannot be shown \
             exactly: refusing to guess; nothing was sent",
        ),
        (
            Refusal::BadAmount("not a number: \"1.5\"".into()),
            "the payout's amount cannot be shown exactly (not a number: \"1.5\"); nothing was sent",
        ),
        // Server text cannot drive the terminal.
        (
            Refusal::NotMine {
                requester: "us-\u{1b}[2Jx".into(),
            },
            "requested by us-\\u{1b}[2Jx, not you: only the requester can confirm or cancel it; \
             nothing was sent",
        ),
    ];
    for (refusal, want) in cases {
        assert_eq!(refusal.to_string(), want);
    }
}

#[test]
fn an_answer_about_another_payout_is_refused_before_anything_else() {
    // A server that answers GET /payouts/A with payout B must not steer a confirm to B.
    let b = awaiting("pyt-b");
    let refusal = check_confirm("pyt-a", &b, Some(ME), None).unwrap_err();
    assert_eq!(
        refusal,
        Refusal::WrongPayout {
            asked: "pyt-a".into(),
            got: "pyt-b".into()
        }
    );
    assert!(refusal.to_string().contains("nothing was sent"));
    assert!(check_cancel("pyt-a", &b, Some(ME)).is_err());
    // Even when the armed echo is B's own (a dialog opened on A cannot be armed with B).
    let shown = check_confirm("pyt-b", &b, Some(ME), None).unwrap();
    assert!(check_confirm("pyt-a", &b, Some(ME), Some(&shown)).is_err());
}

#[test]
fn an_address_with_hidden_characters_or_the_wrong_shape_is_refused() {
    for bad in [
        "0x1234567890abcdef1234567890abcdef1234\u{200b}5678",
        "0x1234567890abcdef1234567890abcdef12345678\u{202e}",
        "0x1234",
        &format!("0x{}", "a".repeat(3000)),
    ] {
        let mut p = awaiting("pyt-1");
        p.data.deposit_address = Some(bad.to_owned());
        let refusal = check_confirm("pyt-1", &p, Some(ME), None).unwrap_err();
        assert!(matches!(refusal, Refusal::BadAddress(_)), "{bad:?}");
        assert!(!crate::dfns::text::has_hidden(&refusal.to_string()));
    }
}

#[test]
fn arming_is_one_rule_case_insensitive_only_for_hex() {
    let echo = check_confirm("pyt-1", &awaiting("pyt-1"), Some(ME), None).unwrap();
    let code = echo.arm_code();
    assert!(echo.arms(&code));
    assert!(echo.arms(&format!("  {code}\n")));
    assert!(echo.arms(&code.to_uppercase()));
    assert!(!echo.arms(&code[..3]));
    assert!(!echo.arms(""));
    assert!(!echo.arms(&format!("{code}0")));
    let mut sol = echo.clone();
    sol.kind = AssetKind::Spl;
    sol.network = "Solana".into();
    sol.deposit_address = "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV".into();
    assert!(sol.arms("FLtV"));
    assert!(!sol.arms("fltv"));
}
