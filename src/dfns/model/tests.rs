//! Golden fixtures from the reference, exact request bodies, and a round-trip property.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;

fn reparse<T: serde::de::DeserializeOwned + serde::Serialize>(v: &Value) -> Value {
    let typed: T = serde_json::from_value(v.clone()).unwrap();
    serde_json::to_value(&typed).unwrap()
}

#[test]
fn reference_payout_round_trips_exactly() {
    let v: Value =
        serde_json::from_str(include_str!("../../../tests/fixtures/payout_full.json")).unwrap();
    assert_eq!(reparse::<Payout>(&v), v);
    let p: Payout = serde_json::from_value(v).unwrap();
    assert_eq!(
        p.execution_status(),
        &ExecutionStatus::AwaitingPayoutConfirmation
    );
    assert_eq!(p.asset.decimals(), Some(6));
    assert_eq!(p.requester_id(), Some("us-6b58p-r53sr-rlrd3l5cj3uc4ome"));
}

#[test]
fn guide_create_answer_without_requester_parses() {
    let v: Value = serde_json::from_str(include_str!(
        "../../../tests/fixtures/payout_guide_create.json"
    ))
    .unwrap();
    assert_eq!(reparse::<Payout>(&v), v);
    let p: Payout = serde_json::from_value(v).unwrap();
    assert_eq!(p.requester_id(), None);
}

#[test]
fn guide_quote_and_wallet_assets_round_trip() {
    let q: Value =
        serde_json::from_str(include_str!("../../../tests/fixtures/quote_guide.json")).unwrap();
    assert_eq!(reparse::<QuoteResponse>(&q), q);
    let a: Value =
        serde_json::from_str(include_str!("../../../tests/fixtures/wallet_assets.json")).unwrap();
    assert_eq!(reparse::<WalletAssets>(&a), a);
}

#[test]
fn null_optionals_are_accepted_and_omitted_on_output() {
    let mut v: Value =
        serde_json::from_str(include_str!("../../../tests/fixtures/payout_full.json")).unwrap();
    v["externalId"] = Value::Null;
    v["data"]["depositAddress"] = Value::Null;
    let out = reparse::<Payout>(&v);
    assert!(out.get("externalId").is_none());
    assert!(out["data"].get("depositAddress").is_none());
}

#[test]
fn create_body_serializes_in_the_guide_order() {
    let body = CreatePayoutRequest {
        wallet_id: "wa-5pfuu-9euek-h0odgb6snva8ph3k".into(),
        asset: PayoutAssetInput {
            kind: AssetKind::Erc20,
            amount: "1000000000".into(),
            contract: Some("0x3c499c542cef5e3811e1192ce70d8cc03d5c3359".into()),
            mint: None,
        },
        fiat_currency: "USD".into(),
        provider: Provider::Borderless,
        country: "US".into(),
        borderless_account_id: "your-borderless-account-id".into(),
        payment_instructions_id: "your-payment-instructions-id".into(),
        payment_purpose: PaymentPurpose::SalaryPayment,
        external_id: Some("invoice-2025-001".into()),
    };
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"walletId":"wa-5pfuu-9euek-h0odgb6snva8ph3k","asset":{"kind":"Erc20","amount":"1000000000","contract":"0x3c499c542cef5e3811e1192ce70d8cc03d5c3359"},"fiatCurrency":"USD","provider":"Borderless","country":"US","borderlessAccountId":"your-borderless-account-id","paymentInstructionsId":"your-payment-instructions-id","paymentPurpose":"salary payment","externalId":"invoice-2025-001"}"#
    );
}

#[test]
fn quote_body_serializes_exactly() {
    let body = QuoteRequest {
        wallet_id: "wa-5pfuu-9euek-h0odgb6snva8ph3k".into(),
        asset: PayoutAssetInput {
            kind: AssetKind::Spl,
            amount: "5".into(),
            contract: None,
            mint: Some("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v".into()),
        },
        fiat_currency: "EUR".into(),
        provider: Provider::Borderless,
        country: "DE".into(),
    };
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"walletId":"wa-5pfuu-9euek-h0odgb6snva8ph3k","asset":{"kind":"Spl","amount":"5","mint":"EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"},"fiatCurrency":"EUR","provider":"Borderless","country":"DE"}"#
    );
}

#[test]
fn action_bodies_serialize_exactly() {
    let confirm = PayoutAction::Confirm {
        wallet_id: "wa-5pfuu-9euek-h0odgb6snva8ph3k".into(),
        transfer: PayoutTransfer {
            kind: AssetKind::Erc20,
            amount: "1000000000".into(),
            contract: Some("0x3c499c542cef5e3811e1192ce70d8cc03d5c3359".into()),
            mint: None,
            to: "0x1234567890abcdef1234567890abcdef12345678".into(),
        },
    };
    assert_eq!(
        serde_json::to_string(&confirm).unwrap(),
        r#"{"action":"Confirm","walletId":"wa-5pfuu-9euek-h0odgb6snva8ph3k","transfer":{"kind":"Erc20","amount":"1000000000","contract":"0x3c499c542cef5e3811e1192ce70d8cc03d5c3359","to":"0x1234567890abcdef1234567890abcdef12345678"}}"#
    );
    assert_eq!(
        serde_json::to_string(&PayoutAction::Cancel).unwrap(),
        r#"{"action":"Cancel"}"#
    );
    let back: PayoutAction = serde_json::from_str(r#"{"action":"Cancel"}"#).unwrap();
    assert_eq!(back, PayoutAction::Cancel);
}

#[test]
fn auth_bodies_serialize_exactly() {
    let init = UserActionInit {
        user_action_payload: "{\"action\":\"Cancel\"}".into(),
        user_action_http_method: "POST".into(),
        user_action_http_path: "/payouts/pyt-a/action".into(),
        user_action_server_kind: Some("Api".into()),
    };
    assert_eq!(
        serde_json::to_string(&init).unwrap(),
        r#"{"userActionPayload":"{\"action\":\"Cancel\"}","userActionHttpMethod":"POST","userActionHttpPath":"/payouts/pyt-a/action","userActionServerKind":"Api"}"#
    );
    let sign = UserActionSign {
        challenge_identifier: "chid".into(),
        first_factor: FirstFactor {
            kind: "Key".into(),
            credential_assertion: CredentialAssertion {
                cred_id: "cred".into(),
                client_data: "cd".into(),
                signature: "sig".into(),
                algorithm: None,
            },
        },
        second_factor: None,
    };
    assert_eq!(
        serde_json::to_string(&sign).unwrap(),
        r#"{"challengeIdentifier":"chid","firstFactor":{"kind":"Key","credentialAssertion":{"credId":"cred","clientData":"cd","signature":"sig"}}}"#
    );
}

#[test]
fn challenge_from_the_auth_reference_parses() {
    let raw = r#"{"challenge":"Y2gtZmljdDEtZGVtbzItMDAwMDAwMDAwMDAwMDAwMQ","challengeIdentifier":"eyJ…demo-chid","userVerification":"required","attestation":"none","externalAuthenticationUrl":"",
 "supportedCredentialKinds":[{"kind":"Key","factor":"first","requiresSecondFactor":false}],
 "allowCredentials":{"key":[{"type":"public-key","id":"Y2ktZmljdDEtZGVtbzItMDAwMDAwMDAwMDAwMDAwMg"}],"passwordProtectedKey":[],"webauthn":[]}}"#;
    let c: UserActionChallenge = serde_json::from_str(raw).unwrap();
    assert_eq!(
        c.allow_credentials.key[0].id,
        "Y2ktZmljdDEtZGVtbzItMDAwMDAwMDAwMDAwMDAwMg"
    );
    assert_eq!(
        reparse::<UserActionChallenge>(&serde_json::from_str(raw).unwrap()),
        serde_json::from_str::<Value>(raw).unwrap()
    );
}

#[test]
fn list_query_repeats_array_keys() {
    let q = ListPayoutsQuery {
        limit: Some(50),
        pagination_token: Some("tok".into()),
        wallet_id: None,
        status: vec![
            PayoutStatus::Processing,
            PayoutStatus::Other("OnHold".into()),
        ],
        provider: vec![],
    };
    assert_eq!(
        q.to_pairs(),
        vec![
            ("limit", "50".to_string()),
            ("paginationToken", "tok".to_string()),
            ("status", "Processing".to_string()),
            ("status", "OnHold".to_string()),
        ]
    );
}

// ---- property: arbitrary payout JSON -> model -> JSON keeps every known field ----

fn enum_value(known: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop_oneof![
        proptest::sample::select(known).prop_map(|s| json!(s)),
        "[A-Z][a-zA-Z]{0,12}".prop_map(|s| json!(s)),
    ]
}

fn opt_string(re: &'static str) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        Just(Some(Value::Null)),
        re.prop_map(|s| Some(json!(s)))
    ]
}

fn unknown_members() -> impl Strategy<Value = Vec<(String, Value)>> {
    proptest::collection::vec(
        (
            "zz[a-zA-Z]{1,8}",
            prop_oneof![
                any::<i64>().prop_map(|n| json!(n)),
                "\\PC{0,10}".prop_map(|s| json!(s)),
                Just(json!({"nested": [1, "two", null]})),
            ],
        ),
        0..3,
    )
}

fn put(obj: &mut serde_json::Map<String, Value>, key: &str, v: Option<Value>) {
    if let Some(v) = v {
        obj.insert(key.to_owned(), v);
    }
}

prop_compose! {
    fn payout_json()(
        id in "pyt-[a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{14,16}",
        wallet in "wa-[a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{14,16}",
        status in enum_value(&["Processing", "Completed", "Failed", "Rejected", "Expired", "Canceled"]),
        exec in enum_value(&["Initializing", "AwaitingPayoutInstructions", "AwaitingPayoutConfirmation",
            "SubmittingPayoutTransfer", "PendingPolicyApproval", "DepositProcessing", "DisbursementPending",
            "Completed", "Rejected", "Failed", "Expired", "Canceled"]),
        kind in enum_value(&["Erc20", "Spl", "Spl2022"]),
        network in enum_value(&["Polygon", "Ethereum", "Base", "ArbitrumOne", "Solana"]),
        provider in enum_value(&["Borderless", "CircleMint"]),
        purpose in prop_oneof![Just(json!("salary payment")), Just(json!("other")), "[a-z ]{1,20}".prop_map(|s| json!(s))],
        amount in "[0-9]{1,78}",
        contract in opt_string("0x[0-9a-f]{40}"),
        mint in opt_string("[1-9A-HJ-NP-Za-km-z]{32,44}"),
        decimals in 0u8..=36,
        symbol in opt_string("[A-Z]{2,6}"),
        external in opt_string("\\PC{1,20}"),
        token_id in opt_string("to-[a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{16}"),
        deposit in opt_string("0x[0-9a-f]{40}"),
        reason in opt_string("\\PC{0,30}"),
        tx in opt_string("0x[0-9a-f]{64}"),
        confirmed in opt_string("2026-0[1-9]-1[0-9]T0[0-9]:00:00.000Z"),
        finalized in opt_string("2026-0[1-9]-1[0-9]T0[0-9]:00:00.000Z|not a date"),
        with_metadata in any::<bool>(),
        top_extra in unknown_members(),
        data_extra in unknown_members(),
    ) -> Value {
        let mut asset = serde_json::Map::new();
        asset.insert("kind".into(), kind);
        asset.insert("amount".into(), json!(amount));
        put(&mut asset, "contract", contract);
        put(&mut asset, "mint", mint);
        asset.insert("network".into(), network);
        if with_metadata {
            let mut m = serde_json::Map::new();
            put(&mut m, "symbol", symbol);
            m.insert("decimals".into(), json!(decimals));
            asset.insert("metadata".into(), Value::Object(m));
        }
        let mut data = serde_json::Map::new();
        data.insert("borderlessAccountId".into(), json!("acct-1"));
        data.insert("paymentInstructionsId".into(), json!("pi-1"));
        data.insert("paymentPurpose".into(), purpose);
        data.insert("country".into(), json!("US"));
        data.insert("executionStatus".into(), exec);
        put(&mut data, "statusReason", reason);
        put(&mut data, "depositAddress", deposit);
        put(&mut data, "transactionHash", tx);
        put(&mut data, "dateConfirmed", confirmed);
        data.extend(data_extra);
        let mut requester = serde_json::Map::new();
        requester.insert("userId".into(), json!("us-aaaaa-bbbbb-cccccccccccccccc"));
        put(&mut requester, "tokenId", token_id);
        let mut p = serde_json::Map::new();
        p.insert("id".into(), json!(id));
        p.insert("walletId".into(), json!(wallet));
        p.insert("fiatCurrency".into(), json!("USD"));
        p.insert("asset".into(), Value::Object(asset));
        put(&mut p, "externalId", external);
        p.insert("status".into(), status);
        p.insert("requester".into(), Value::Object(requester));
        p.insert("dateCreated".into(), json!("2026-01-01T00:00:00.000Z"));
        put(&mut p, "dateFinalized", finalized);
        p.insert("provider".into(), provider);
        p.insert("data".into(), Value::Object(data));
        p.extend(top_extra);
        Value::Object(p)
    }
}

/// The input with every `null` member removed: what the model must write back.
fn without_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

proptest! {
    #[test]
    fn arbitrary_payout_json_round_trips(v in payout_json()) {
        let out = reparse::<Payout>(&v);
        // Every known field (and every unknown one) comes back equal; nulls become absent.
        prop_assert_eq!(out, without_nulls(&v));
    }
}
