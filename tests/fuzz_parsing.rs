//! Bounded property tests over everything that reads bytes from the network or the user:
//! the wire models, `ApiError::from_response`, `TokenClaims::from_token` and the amount
//! conversions. Each property runs a fixed, small number of cases so the file stays within
//! a couple of seconds per test in a debug build (`cargo test --test fuzz_parsing`).
//!
//! What is asserted: nothing panics; a payout that parses renders through `ui::render` at
//! 80×24 and 200×50, both with the board's selection on it and with the raw-JSON detail; the
//! amount conversions round-trip for every valid base-unit string.
//!
//! A list page with one malformed item: `Client::list_page` (private) decodes the page as
//! `ListResponse<Value>` and then each item on its own, reporting failures as `Malformed`.
//! `one_malformed_item_keeps_the_others` checks that this two-step decoding — repeated here
//! with the public types — keeps every good item, while a strict `ListResponse<Payout>`
//! would have rejected the whole page.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Map, Value, json};

use payouts_tui::app::state::{AppState, Settings};
use payouts_tui::dfns::amount::{
    AmountError, MAX_BASE_UNITS, MAX_DECIMALS, format_human, parse_human, to_human,
};
use payouts_tui::dfns::error::ApiError;
use payouts_tui::dfns::model::{
    AssetKind, ErrorEnvelope, ExecutionStatus, ListResponse, Network, Payout, PayoutStatus,
    QuoteResponse, UserActionChallenge, Wallet, WalletAssets,
};
use payouts_tui::dfns::token::TokenClaims;
use payouts_tui::ui;

const PAYOUT: &str = include_str!("fixtures/payout_full.json");
const QUOTE: &str = include_str!("fixtures/quote_guide.json");
const WALLET_ASSETS: &str = include_str!("fixtures/wallet_assets.json");

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // A shrink of a deep tree can take long; the failing input is printed either way.
        max_shrink_iters: 256,
        // Failures print their input; no regression file is written next to the tests.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn base(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("fixture does not parse: {e}"))
}

// ---- strategies ----

/// Strings the parsers could trip on: known and unknown enum values, dates, digits,
/// control characters, wide and combining characters, bidi overrides, long runs.
fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Processing".to_owned()),
        Just("AwaitingPayoutConfirmation".to_owned()),
        Just("SomethingNew".to_owned()),
        Just("Erc20".to_owned()),
        Just("Spl2022".to_owned()),
        Just("Polygon".to_owned()),
        Just("NotANetwork".to_owned()),
        Just("Borderless".to_owned()),
        Just("2025-03-01T12:01:00.000Z".to_owned()),
        Just("9999-12-31T23:59:59.999Z".to_owned()),
        Just("not a date".to_owned()),
        Just("\u{1b}[2J\u{1b}]0;pwned\u{7}".to_owned()),
        Just("\u{202e}gnp.exe\r\n\t\0".to_owned()),
        Just("漢字かな🙂👩‍👩‍👧e\u{301}".to_owned()),
        Just(MAX_BASE_UNITS.to_owned()),
        Just("1".repeat(400)),
        "[0-9]{0,90}",
        "\\PC{0,40}",
        any::<String>().prop_map(|s| s.chars().take(60).collect()),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        Just(json!(1e308)),
        Just(json!(-0.0)),
        Just(json!(255)),
        Just(json!(256)),
        Just(json!(-1)),
    ]
}

/// An arbitrary JSON tree, at most 4 levels deep and a few dozen nodes.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        nasty_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-zA-Z]{1,12}", inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// What to do to one field of a valid object.
#[derive(Debug, Clone)]
enum Edit {
    Remove,
    Null,
    Str(String),
    Any(Value),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        1 => Just(Edit::Remove),
        1 => Just(Edit::Null),
        4 => nasty_string().prop_map(Edit::Str),
        2 => any_json().prop_map(Edit::Any),
    ]
}

/// Field paths of a payout that the models and the UI read.
const PAYOUT_PATHS: &[&[&str]] = &[
    &["id"],
    &["walletId"],
    &["fiatCurrency"],
    &["externalId"],
    &["status"],
    &["dateCreated"],
    &["dateFinalized"],
    &["provider"],
    &["requester"],
    &["requester", "userId"],
    &["requester", "tokenId"],
    &["asset"],
    &["asset", "kind"],
    &["asset", "amount"],
    &["asset", "contract"],
    &["asset", "mint"],
    &["asset", "network"],
    &["asset", "metadata"],
    &["asset", "metadata", "decimals"],
    &["asset", "metadata", "symbol"],
    &["asset", "metadata", "name"],
    &["data"],
    &["data", "executionStatus"],
    &["data", "statusReason"],
    &["data", "depositAddress"],
    &["data", "paymentPurpose"],
    &["data", "country"],
    &["data", "transferId"],
    &["data", "transactionHash"],
    &["data", "dateConfirmed"],
    &["data", "dateCanceled"],
    &["data", "dateDepositConfirmed"],
    &["data", "datePayoutConfirmed"],
    &["data", "borderlessPayoutId"],
];

fn apply(root: &mut Value, path: &[&str], e: &Edit) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut at = root;
    for p in parents {
        match at.get_mut(*p) {
            Some(next) => at = next,
            None => return,
        }
    }
    let Some(obj) = at.as_object_mut() else {
        return;
    };
    match e {
        Edit::Remove => {
            obj.remove(*last);
        }
        Edit::Null => {
            obj.insert((*last).to_owned(), Value::Null);
        }
        Edit::Str(s) => {
            obj.insert((*last).to_owned(), Value::String(s.clone()));
        }
        Edit::Any(v) => {
            obj.insert((*last).to_owned(), v.clone());
        }
    }
}

/// A valid payout with up to 6 of its known fields edited and up to 4 unknown keys added
/// (at the top level or in `data`/`asset`), so most cases still parse and reach the UI.
fn payout_value() -> impl Strategy<Value = Value> {
    let edits = prop::collection::vec((0..PAYOUT_PATHS.len(), edit()), 0..6);
    let extras = prop::collection::vec((0..3usize, "[a-z]{1,10}", any_json()), 0..4);
    (edits, extras).prop_map(|(edits, extras)| {
        let mut v = base(PAYOUT);
        for (i, e) in &edits {
            apply(&mut v, PAYOUT_PATHS[*i], e);
        }
        for (where_, k, x) in extras {
            let target = match where_ {
                0 => Some(&mut v),
                1 => v.get_mut("data"),
                _ => v.get_mut("asset"),
            };
            if let Some(Value::Object(m)) = target {
                m.insert(k, x);
            }
        }
        v
    })
}

/// A valid object (from a fixture) with random top-level and one-level-down edits.
fn mutated(fixture: &'static str) -> impl Strategy<Value = Value> {
    let edits = prop::collection::vec(("[a-zA-Z]{1,24}", "[a-zA-Z]{0,24}", edit()), 0..6);
    edits.prop_map(move |edits| {
        let mut v = base(fixture);
        let keys: Vec<String> = v
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        for (k, sub, e) in edits {
            // Half the time hit a real key (chosen by the random key's length), else a new one.
            let key = if k.len() % 2 == 0 && !keys.is_empty() {
                keys[k.len() % keys.len()].clone()
            } else {
                k
            };
            if sub.is_empty() {
                apply(&mut v, &[key.as_str()], &e);
            } else {
                apply(&mut v, &[key.as_str(), sub.as_str()], &e);
            }
        }
        v
    })
}

// ---- checks ----

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2025-03-01T13:00:00Z")
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Upserts `p` into a fresh state, selects it and draws at both sizes, with and without the
/// raw-JSON detail. `me` decides which group the payout lands in.
fn render_payout(p: Payout, me: Option<String>) {
    for (w, h) in [(80u16, 24u16), (200, 50)] {
        for raw_json in [false, true] {
            let mut s = AppState::new(Settings::default(), me.clone(), now());
            s.upsert(p.clone(), 0);
            s.fresh.initial_load_done = true;
            s.fresh.last_ok = Some(now());
            s.width = w;
            s.height = h;
            s.raw_json = raw_json;
            s.rebuild();
            if s.selected.is_none() {
                s.selected = Some(0);
            }
            s.clamp_scroll();
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| panic!("{e}"));
            t.draw(|f| ui::render(&s, f))
                .unwrap_or_else(|e| panic!("draw {w}x{h}: {e}"));
        }
    }
}

fn parse_everything(bytes: &[u8]) {
    let _ = serde_json::from_slice::<Payout>(bytes);
    let _ = serde_json::from_slice::<ListResponse<Payout>>(bytes);
    let _ = serde_json::from_slice::<QuoteResponse>(bytes);
    let _ = serde_json::from_slice::<Wallet>(bytes);
    let _ = serde_json::from_slice::<WalletAssets>(bytes);
    let _ = serde_json::from_slice::<UserActionChallenge>(bytes);
    let _ = serde_json::from_slice::<ErrorEnvelope>(bytes);
    let text = String::from_utf8_lossy(bytes);
    let _ = TokenClaims::from_token(&text);
    for status in [200u16, 400, 401, 403, 404, 409, 429, 500, 503] {
        let e = ApiError::from_response(status, &text, None);
        // Display and the accessors are what the UI and the CLI show.
        let _ = (e.to_string(), e.status(), e.class(), e.retry_after());
        let _ = e.dfns_message();
    }
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        parse_everything(&bytes);
    }

    /// JSON cut at an arbitrary byte, like a truncated response body.
    #[test]
    fn truncated_json_never_panics(v in payout_value(), cut in any::<prop::sample::Index>()) {
        let text = serde_json::to_vec(&v).unwrap_or_default();
        parse_everything(&text[..cut.index(text.len() + 1)]);
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Edited payouts: whenever one parses, it renders at 80×24 and 200×50.
    #[test]
    fn parsed_payouts_render(v in payout_value(), mine in any::<bool>()) {
        let bytes = serde_json::to_vec(&v).unwrap_or_default();
        parse_everything(&bytes);
        if let Ok(p) = serde_json::from_value::<Payout>(v) {
            let me = if mine { p.requester_id().map(str::to_owned) } else { None };
            render_payout(p, me);
        }
    }

    /// Any JSON value at all, as a payout, a list page and an error body.
    #[test]
    fn arbitrary_json_never_panics(v in any_json()) {
        let bytes = serde_json::to_vec(&v).unwrap_or_default();
        parse_everything(&bytes);
        let page = json!({"items": [v.clone()], "nextPageToken": v});
        parse_everything(&serde_json::to_vec(&page).unwrap_or_default());
        if let Ok(p) = serde_json::from_slice::<Payout>(&bytes) {
            render_payout(p, None);
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn mutated_quotes_wallets_and_challenges_never_panic(
        q in mutated(QUOTE),
        a in mutated(WALLET_ASSETS),
        w in any_json(),
    ) {
        parse_everything(&serde_json::to_vec(&q).unwrap_or_default());
        parse_everything(&serde_json::to_vec(&a).unwrap_or_default());
        let challenge = json!({
            "challenge": w, "challengeIdentifier": "ci", "allowCredentials": {"key": [w], "webauthn": []},
            "supportedCredentialKinds": [{"kind": w, "factor": "first", "requiresSecondFactor": false}],
        });
        parse_everything(&serde_json::to_vec(&challenge).unwrap_or_default());
    }

    /// Error bodies shaped like the envelope, with random contents, at any status.
    #[test]
    fn error_envelopes_never_panic(
        status in any::<u16>(),
        message in any_json(),
        details in any_json(),
        shape in 0..3u8,
        secs in prop::option::of(0u64..1_000_000),
    ) {
        let body = match shape {
            0 => json!({"error": {"message": message, "code": "x", "status": status, "details": details}}),
            1 => json!({"message": message}),
            _ => json!({"error": message}),
        };
        let text = serde_json::to_string(&body).unwrap_or_default();
        let e = ApiError::from_response(status, &text, secs.map(std::time::Duration::from_secs));
        let shown = e.to_string();
        prop_assert!(!shown.is_empty());
    }

    /// A JWT-shaped token whose payload is random JSON, with and without the claim.
    #[test]
    fn tokens_never_panic(meta in any_json(), padding in any::<bool>(), extra in "\\PC{0,20}") {
        let payload = json!({"sub": extra, "https://custom/app_metadata": meta});
        let mut mid = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&payload).unwrap_or_default());
        if padding {
            mid.push_str("==");
        }
        let _ = TokenClaims::from_token(&format!("eyJhbGciOiJub25lIn0.{mid}.sig"));
        let _ = TokenClaims::from_token(&format!("{extra}.{mid}"));
        let _ = TokenClaims::from_token(&extra);
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn amount_functions_never_panic(s in "\\PC{0,40}", digits in "[0-9., _-]{0,90}", d in any::<u8>()) {
        for input in [&s, &digits] {
            let _ = to_human(input, d);
            let _ = format_human(input, d);
            let _ = parse_human(input, d, "USDC");
        }
    }

    /// Every valid non-zero base-unit amount survives base → human → base, in both human forms;
    /// zero is shown but refused as input (a payout of nothing is a typo).
    #[test]
    fn amounts_round_trip(base_units in "[0-9]{1,78}", d in 0u8..=MAX_DECIMALS) {
        let canonical = base_units.trim_start_matches('0');
        let canonical = if canonical.is_empty() { "0" } else { canonical };
        let valid = canonical.len() < MAX_BASE_UNITS.len()
            || (canonical.len() == MAX_BASE_UNITS.len() && canonical <= MAX_BASE_UNITS);
        let plain = to_human(&base_units, d);
        let shown = format_human(&base_units, d);
        prop_assert_eq!(plain.is_ok(), valid, "to_human({}, {}) = {:?}", base_units, d, plain);
        prop_assert_eq!(shown.is_ok(), valid, "format_human({}, {}) = {:?}", base_units, d, shown);
        if let (Ok(plain), Ok(shown)) = (plain, shown) {
            let back_plain = parse_human(&plain, d, "T");
            let back_shown = parse_human(&shown, d, "T");
            if canonical == "0" {
                prop_assert!(matches!(back_plain, Err(AmountError::Zero)), "{:?}", back_plain);
                prop_assert!(matches!(back_shown, Err(AmountError::Zero)), "{:?}", back_shown);
                return Ok(());
            }
            let (back_plain, back_shown) = (back_plain.ok(), back_shown.ok());
            prop_assert_eq!(back_plain.as_deref(), Some(canonical), "plain {}", plain);
            prop_assert_eq!(back_shown.as_deref(), Some(canonical), "shown {}", shown);
        }
    }
}

/// The render property is only worth something if most edited payouts still parse: sample
/// the strategy deterministically and require that a good share reaches the UI, including
/// some with an enum value this version does not know.
#[test]
fn edited_payouts_mostly_parse() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = payout_value();
    let (mut parsed, mut unknown) = (0, 0);
    for _ in 0..200 {
        let v = strategy
            .new_tree(&mut runner)
            .unwrap_or_else(|e| panic!("{e}"))
            .current();
        if let Ok(p) = serde_json::from_value::<Payout>(v) {
            parsed += 1;
            let other = matches!(p.status, PayoutStatus::Other(_))
                || matches!(p.data.execution_status, ExecutionStatus::Other(_))
                || matches!(p.asset.network, Network::Other(_))
                || matches!(p.asset.kind, AssetKind::Other(_));
            unknown += usize::from(other);
        }
    }
    assert!(parsed >= 60, "only {parsed}/200 edited payouts parse");
    assert!(
        unknown >= 3,
        "only {unknown} parsed payouts carry an unknown enum value"
    );
}

/// See the module docs: the client's two-step page decoding keeps the good items.
#[test]
fn one_malformed_item_keeps_the_others() {
    let good = base(PAYOUT);
    let mut second = good.clone();
    second["id"] = json!("pyt-second-0000-0000000000000000");
    let page =
        json!({"items": [good, {"id": "pyt-broken", "asset": 7}, second], "nextPageToken": null});
    let bytes = serde_json::to_vec(&page).unwrap_or_default();

    assert!(
        serde_json::from_slice::<ListResponse<Payout>>(&bytes).is_err(),
        "a strict page decode rejects the whole page"
    );
    let raw: ListResponse<Value> =
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("page envelope: {e}"));
    let (ok, bad): (Vec<_>, Vec<_>) = raw
        .items
        .into_iter()
        .map(serde_json::from_value::<Payout>)
        .partition(Result::is_ok);
    let ids: Vec<String> = ok.into_iter().flatten().map(|p| p.id).collect();
    assert_eq!(
        ids,
        [
            "pyt-4ihii-9lonb-tmhjo9bor4odmb5h",
            "pyt-second-0000-0000000000000000"
        ]
    );
    assert_eq!(bad.len(), 1);
}
