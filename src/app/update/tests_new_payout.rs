//! The new-payout form, step by step, as pure `update` calls.

use serde_json::json;

use super::update;
use crate::app::action::Action;
use crate::app::board::fixture::{ME, at};
use crate::app::effect::{AuditPhase, Effect, Lookup};
use crate::app::msg::{Created, Found, Msg, TextKey};
use crate::app::new_payout::{Field, Recipient, Step, WalletChoice};
use crate::app::state::{AppState, Mode, Settings};
use crate::dfns::model::{PaymentPurpose, Payout, QuoteResponse};

fn wallets() -> Vec<WalletChoice> {
    let w = |id: &str, network: &str| {
        serde_json::from_value(json!({
            "id": id, "network": network, "status": "Active", "custodial": true,
            "dateCreated": "2025-01-01T00:00:00.000Z", "tags": [], "name": format!("{network} wallet"),
            "signingKey": {"id": "key-1", "scheme": "ECDSA", "curve": "secp256k1", "publicKey": "ab"}
        }))
        .unwrap()
    };
    let usdc = serde_json::from_value(json!({
        "kind": "Erc20", "contract": "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359",
        "symbol": "USDC", "decimals": 6, "balance": "5000000000"
    }))
    .unwrap();
    vec![
        WalletChoice {
            wallet: w("wa-empty-00000-0000000000000000", "Base"),
            assets: vec![],
        },
        WalletChoice {
            wallet: w("wa-poly0-00000-0000000000000000", "Polygon"),
            assets: vec![usdc],
        },
    ]
}

fn state() -> AppState {
    let mut s = AppState::new(
        Settings::default(),
        Some(ME.into()),
        at("2025-03-02T08:00:00.000Z"),
    );
    update(
        &mut s,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    s
}

fn keys(s: &mut AppState, text: &str) {
    for c in text.chars() {
        update(s, Msg::Text(TextKey::Char(c)));
    }
}

fn step(s: &AppState) -> Step {
    match &s.mode {
        Mode::NewPayout(f) => f.step.clone(),
        other => panic!("not in the form: {other:?}"),
    }
}

fn error(s: &AppState) -> Option<String> {
    match &s.mode {
        Mode::NewPayout(f) => f.error.clone(),
        _ => None,
    }
}

/// Opens the form and walks it to the review step; returns the op.
fn to_review(s: &mut AppState) -> u64 {
    let fx = update(s, Msg::Input(Action::NewPayout));
    let op = match fx.as_slice() {
        [Effect::LoadWallets { op }] => *op,
        other => panic!("{other:?}"),
    };
    update(
        s,
        Msg::WalletsLoaded {
            op,
            result: Ok(wallets()),
        },
    );
    assert_eq!(step(s), Step::PickWallet);
    // Wallets that can pay come first: Enter picks Polygon.
    update(s, Msg::Text(TextKey::Enter));
    assert_eq!(step(s), Step::PickAsset);
    update(s, Msg::Text(TextKey::Enter));
    assert_eq!(step(s), Step::Amount);
    keys(s, "1.2345678");
    update(s, Msg::Text(TextKey::Enter));
    assert_eq!(error(s).as_deref(), Some("too many decimals for USDC (6)"));
    for _ in 0..9 {
        update(s, Msg::Text(TextKey::Backspace));
    }
    keys(s, "9000");
    update(s, Msg::Text(TextKey::Enter));
    assert!(
        error(s)
            .unwrap()
            .contains("more than the wallet holds (5,000.00 USDC)")
    );
    for _ in 0..4 {
        update(s, Msg::Text(TextKey::Backspace));
    }
    keys(s, "1,250.50");
    update(s, Msg::Text(TextKey::Enter));
    // Fiat and country come filled in: the cursor starts on the first empty field, so
    // typing an account id does not land after "USD".
    assert_eq!(step(s), Step::Details(Field::Account));
    // Account and instructions are required.
    update(s, Msg::Text(TextKey::Enter));
    assert_eq!(step(s), Step::Details(Field::Account));
    keys(s, "bacc-1");
    update(s, Msg::Text(TextKey::Tab));
    keys(s, "pi-1");
    let fx = update(s, Msg::Text(TextKey::Enter));
    match fx.as_slice() {
        [Effect::Quote { op: o, req }] => {
            assert_eq!(*o, op);
            assert_eq!(req.asset.amount, "1250500000");
            assert_eq!(
                (req.fiat_currency.as_str(), req.country.as_str()),
                ("USD", "US")
            );
        }
        other => panic!("{other:?}"),
    }
    let quote: QuoteResponse =
        serde_json::from_str(include_str!("../../../tests/fixtures/quote_guide.json")).unwrap();
    update(
        s,
        Msg::Quoted {
            op,
            result: Ok(Box::new(quote)),
        },
    );
    assert_eq!(step(s), Step::Quoted);
    update(s, Msg::Text(TextKey::Enter));
    assert_eq!(step(s), Step::PickPurpose);
    update(s, Msg::Text(TextKey::Down));
    update(s, Msg::Text(TextKey::Enter));
    assert_eq!(step(s), Step::Review);
    op
}

#[test]
fn the_form_creates_once_with_a_fixed_external_id() {
    let mut s = state();
    let op = to_review(&mut s);
    let fx = update(&mut s, Msg::Text(TextKey::Enter));
    let ext = match fx.as_slice() {
        [
            Effect::Create {
                op: o,
                req,
                attempt: a,
            },
        ] => {
            assert_eq!((a.action, a.phase, *o), ("create", AuditPhase::Attempt, op));
            assert_eq!(req.payment_purpose, PaymentPurpose::KNOWN[1]);
            assert_eq!(req.borderless_account_id, "bacc-1");
            assert_eq!(a.external_id, req.external_id);
            req.external_id.clone().unwrap()
        }
        other => panic!("{other:?}"),
    };
    assert!(ext.starts_with("payouts-tui-2025"));
    // Unknown outcome: Enter retries with the same externalId (idempotent on the server).
    update(
        &mut s,
        Msg::Created {
            op,
            result: Created::Unknown("timed out".into()),
        },
    );
    assert!(matches!(step(&s), Step::Unknown(_)));
    let fx = update(&mut s, Msg::Text(TextKey::Enter));
    assert!(
        matches!(fx.as_slice(), [Effect::Create { req, .. }] if req.external_id.as_deref() == Some(ext.as_str()))
    );
    let payout: Payout =
        serde_json::from_str(include_str!("../../../tests/fixtures/payout_full.json")).unwrap();
    let fx = update(
        &mut s,
        Msg::Created {
            op,
            result: Created::Payout(Box::new(payout)),
        },
    );
    assert!(
        matches!(fx.first(), Some(Effect::Audit(a)) if a.phase == AuditPhase::Outcome && a.http_status == Some(200))
    );
    assert!(fx.contains(&Effect::PollNow));
    assert_eq!(
        step(&s),
        Step::Created("pyt-4ihii-9lonb-tmhjo9bor4odmb5h".into())
    );
    update(&mut s, Msg::Text(TextKey::Char(' ')));
    assert_eq!(s.mode, Mode::Board);
}

#[test]
fn esc_goes_back_one_step_at_a_time_and_closes_from_the_first() {
    let mut s = state();
    to_review(&mut s);
    let mut steps = vec![step(&s)];
    loop {
        assert!(
            update(&mut s, Msg::Text(TextKey::Esc)).is_empty(),
            "nothing is sent"
        );
        match &s.mode {
            Mode::NewPayout(f) => steps.push(f.step.clone()),
            _ => break,
        }
    }
    assert_eq!(
        steps,
        [
            Step::Review,
            Step::PickPurpose,
            Step::Quoted,
            Step::Details(Field::Instructions),
            Step::Amount,
            Step::PickAsset,
            Step::PickWallet,
        ]
    );
    assert_eq!(s.mode, Mode::Board);
}

#[test]
fn back_from_the_review_keeps_what_was_typed_and_the_quote_until_the_details() {
    let mut s = state();
    let op = to_review(&mut s);
    update(&mut s, Msg::Text(TextKey::Esc));
    update(&mut s, Msg::Text(TextKey::Esc));
    let form = |s: &AppState| match &s.mode {
        Mode::NewPayout(f) => f.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(form(&s).step, Step::Quoted);
    assert!(form(&s).quote.is_some());
    // Forward again: the same quote, no second request.
    assert!(update(&mut s, Msg::Text(TextKey::Enter)).is_empty());
    update(&mut s, Msg::Text(TextKey::Esc));
    update(&mut s, Msg::Text(TextKey::Esc));
    // At the details the quote is gone (they may change); Enter asks for a new one.
    let f = form(&s);
    assert_eq!(f.step, Step::Details(Field::Instructions));
    assert_eq!(f.quote, None);
    assert_eq!(
        (f.account.as_str(), f.instructions.as_str()),
        ("bacc-1", "pi-1")
    );
    assert_eq!(f.amount, "1,250.50");
    let fx = update(&mut s, Msg::Text(TextKey::Enter));
    assert!(
        matches!(fx.as_slice(), [Effect::Quote { op: o, .. }] if *o == op),
        "{fx:?}"
    );
}

#[test]
fn ctrl_u_clears_the_focused_field() {
    let mut s = state();
    to_review(&mut s);
    for _ in 0..3 {
        update(&mut s, Msg::Text(TextKey::Esc));
    }
    assert_eq!(step(&s), Step::Details(Field::Instructions));
    update(&mut s, Msg::Text(TextKey::CtrlU));
    keys(&mut s, "pi-2");
    update(&mut s, Msg::Text(TextKey::Esc));
    assert_eq!(step(&s), Step::Amount);
    update(&mut s, Msg::Text(TextKey::CtrlU));
    keys(&mut s, "7");
    let Mode::NewPayout(f) = &s.mode else {
        panic!("{:?}", s.mode)
    };
    assert_eq!((f.amount.as_str(), f.instructions.as_str()), ("7", "pi-2"));
    assert_eq!(f.account, "bacc-1", "only the focused field");
}

#[test]
fn a_refused_quote_sends_back_to_the_details() {
    let mut s = state();
    let fx = update(&mut s, Msg::Input(Action::NewPayout));
    let Some(Effect::LoadWallets { op }) = fx.first().cloned() else {
        panic!("{fx:?}")
    };
    update(
        &mut s,
        Msg::WalletsLoaded {
            op,
            result: Ok(wallets()),
        },
    );
    update(&mut s, Msg::Text(TextKey::Enter));
    update(&mut s, Msg::Text(TextKey::Enter));
    keys(&mut s, "10");
    update(&mut s, Msg::Text(TextKey::Enter));
    update(&mut s, Msg::Text(TextKey::Backspace));
    update(&mut s, Msg::Text(TextKey::Backspace));
    keys(&mut s, "XYZ");
    update(&mut s, Msg::Text(TextKey::Tab));
    update(&mut s, Msg::Text(TextKey::Tab));
    keys(&mut s, "a");
    update(&mut s, Msg::Text(TextKey::Tab));
    keys(&mut s, "b");
    update(&mut s, Msg::Text(TextKey::Enter));
    update(
        &mut s,
        Msg::Quoted {
            op,
            result: Err("400 Bad Request: fiatCurrency: XYZ is not supported".into()),
        },
    );
    assert_eq!(step(&s), Step::Details(Field::Fiat));
    assert!(error(&s).unwrap().contains("quote refused"));
}

#[test]
fn the_empty_wallet_cannot_be_picked_and_read_only_blocks_the_form() {
    let mut s = state();
    let fx = update(&mut s, Msg::Input(Action::NewPayout));
    let Some(Effect::LoadWallets { op }) = fx.first().cloned() else {
        panic!("{fx:?}")
    };
    update(
        &mut s,
        Msg::WalletsLoaded {
            op,
            result: Ok(wallets()),
        },
    );
    update(&mut s, Msg::Text(TextKey::Down));
    update(&mut s, Msg::Text(TextKey::Enter));
    assert_eq!(step(&s), Step::PickWallet);
    assert!(error(&s).unwrap().contains("no stablecoin"));

    let mut ro = state();
    ro.settings.read_only = Some("read-only (flag --read-only)".into());
    assert!(update(&mut ro, Msg::Input(Action::NewPayout)).is_empty());
    assert_eq!(ro.mode, Mode::Board);
}

#[test]
fn an_unknown_create_is_looked_up_by_its_external_id() {
    let mut s = state();
    let op = to_review(&mut s);
    let fx = update(&mut s, Msg::Text(TextKey::Enter));
    let ext = match fx.as_slice() {
        [Effect::Create { req, .. }] => req.external_id.clone().unwrap(),
        other => panic!("{other:?}"),
    };
    let fx = update(
        &mut s,
        Msg::Created {
            op,
            result: Created::Unknown("timed out".into()),
        },
    );
    match fx.as_slice() {
        [
            Effect::Audit(a),
            Effect::Resolve {
                op: o,
                lookup:
                    Lookup::ExternalId {
                        wallet_id,
                        external_id,
                        since,
                    },
            },
        ] => {
            assert_eq!(a.phase, AuditPhase::Outcome);
            assert_eq!((*o, external_id.as_str()), (op, ext.as_str()));
            assert_eq!(wallet_id, "wa-poly0-00000-0000000000000000");
            assert!(*since < at("2025-03-02T08:00:00.000Z"), "{since}");
        }
        other => panic!("{other:?}"),
    }
    // Not made: the form says so and Enter still retries with the same externalId.
    let fx = update(
        &mut s,
        Msg::Resolved {
            op,
            generation: 5,
            result: Ok(Found::ExternalId(None)),
        },
    );
    let said = format!("create of {ext} did not go through: no payout carries this externalId");
    assert!(
        matches!(fx.as_slice(), [Effect::Audit(a)] if a.phase == AuditPhase::Resolution
            && a.message.as_deref() == Some(said.as_str())
            && a.external_id.as_deref() == Some(ext.as_str())),
        "{fx:?}"
    );
    assert_eq!(step(&s), Step::Unknown(said));
    let fx = update(&mut s, Msg::Text(TextKey::Enter));
    assert!(
        matches!(fx.as_slice(), [Effect::Create { req, .. }] if req.external_id.as_deref() == Some(ext.as_str()))
    );
    // Its second unknown outcome, and this time the payout is there.
    update(
        &mut s,
        Msg::Created {
            op,
            result: Created::Unknown("timed out".into()),
        },
    );
    let mut made: Payout =
        serde_json::from_str(include_str!("../../../tests/fixtures/payout_full.json")).unwrap();
    made.external_id = Some(ext.clone());
    let id = made.id.clone();
    update(
        &mut s,
        Msg::Resolved {
            op,
            generation: 6,
            result: Ok(Found::ExternalId(Some(Box::new(made)))),
        },
    );
    assert_eq!(step(&s), Step::Created(id.clone()));
    assert!(s.payouts.position(&id).is_some(), "on the board");
    assert!(s.flash.as_ref().is_some_and(|f| {
        f.text
            .starts_with(&format!("create of {ext} went through: payout {id}"))
    }));
}

fn recipients() -> Vec<Recipient> {
    vec![
        Recipient {
            name: "acme payroll".into(),
            bank_account_id: "bacc-acme".into(),
            payment_instructions_id: "pi-acme".into(),
            purpose: Some(PaymentPurpose::KNOWN[3].clone()),
            country: Some("DE".into()),
            fiat: Some("EUR".into()),
        },
        Recipient {
            name: "landlord".into(),
            bank_account_id: "bacc-home".into(),
            payment_instructions_id: "pi-home".into(),
            purpose: None,
            country: None,
            fiat: None,
        },
    ]
}

/// Opens the form with saved recipients and walks it to the step after the amount.
fn to_recipients(s: &mut AppState) -> u64 {
    s.settings.recipients = recipients();
    update(s, Msg::Input(Action::NewPayout));
    let op = s.next_op - 1;
    update(
        s,
        Msg::WalletsLoaded {
            op,
            result: Ok(wallets()),
        },
    );
    update(s, Msg::Text(TextKey::Enter));
    update(s, Msg::Text(TextKey::Enter));
    keys(s, "100");
    update(s, Msg::Text(TextKey::Enter));
    op
}

#[test]
fn a_saved_recipient_fills_the_details_and_typing_still_works() {
    let mut s = state();
    to_recipients(&mut s);
    assert_eq!(step(&s), Step::PickRecipient);
    // The picker's keys are its own table's.
    assert_eq!(
        s.mode.popup(),
        Some(crate::app::action::Popup::FormRecipient)
    );
    update(&mut s, Msg::Text(TextKey::Down));
    update(&mut s, Msg::Text(TextKey::Enter));
    assert_eq!(step(&s), Step::Details(Field::Account));
    let Mode::NewPayout(f) = &s.mode else {
        panic!()
    };
    assert_eq!(
        (
            f.account.as_str(),
            f.instructions.as_str(),
            f.country.as_str(),
            f.fiat.as_str()
        ),
        ("bacc-acme", "pi-acme", "DE", "EUR")
    );
    assert_eq!(f.purpose, 3, "its purpose is preselected");
    assert_eq!(
        f.matching_recipient().map(|r| r.name.as_str()),
        Some("acme payroll")
    );
    // Still editable by hand; then Enter asks for the quote with what is in the fields.
    update(&mut s, Msg::Text(TextKey::CtrlU));
    keys(&mut s, "bacc-other");
    let fx = update(&mut s, Msg::Text(TextKey::Enter));
    match fx.as_slice() {
        [Effect::Quote { req, .. }] => {
            assert_eq!(
                (req.fiat_currency.as_str(), req.country.as_str()),
                ("EUR", "DE")
            );
        }
        other => panic!("{other:?}"),
    }
    let Mode::NewPayout(f) = &s.mode else {
        panic!()
    };
    assert_eq!(f.account, "bacc-other");
    assert_eq!(f.matching_recipient(), None, "no longer the saved one");
}

#[test]
fn the_first_entry_types_by_hand_and_esc_comes_back_to_the_picker() {
    let mut s = state();
    to_recipients(&mut s);
    // Down past the end stays on the last; Up to the top is "by hand".
    for _ in 0..5 {
        update(&mut s, Msg::Text(TextKey::Down));
    }
    for _ in 0..5 {
        update(&mut s, Msg::Text(TextKey::Up));
    }
    update(&mut s, Msg::Text(TextKey::Enter));
    assert_eq!(step(&s), Step::Details(Field::Account));
    let Mode::NewPayout(f) = &s.mode else {
        panic!()
    };
    assert_eq!((f.account.as_str(), f.fiat.as_str()), ("", "USD"));
    // Esc goes back to the picker, then to the amount.
    update(&mut s, Msg::Text(TextKey::Esc));
    assert_eq!(step(&s), Step::PickRecipient);
    update(&mut s, Msg::Text(TextKey::Esc));
    assert_eq!(step(&s), Step::Amount);
    // Without saved recipients there is no picker.
    let mut plain = state();
    update(&mut plain, Msg::Input(Action::NewPayout));
    let op = plain.next_op - 1;
    update(
        &mut plain,
        Msg::WalletsLoaded {
            op,
            result: Ok(wallets()),
        },
    );
    update(&mut plain, Msg::Text(TextKey::Enter));
    update(&mut plain, Msg::Text(TextKey::Enter));
    keys(&mut plain, "100");
    update(&mut plain, Msg::Text(TextKey::Enter));
    assert_eq!(step(&plain), Step::Details(Field::Account));
}
