use super::*;
use axum::Router;
use axum::http::{Method, StatusCode};
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::sync::atomic::AtomicUsize;
use tower::ServiceExt;

const PAYOUT: &str = r#"{"id":"po-1","status":"Created","amount":"1000000"}"#;

/// A Dfns-like route, a failing route and a control route, each counting its calls.
fn app(faults: &Arc<Faults>) -> (Router, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    let ok = {
        let calls = calls.clone();
        move || async move {
            calls.fetch_add(1, Ordering::SeqCst);
            ([(header::CONTENT_TYPE, "application/json")], PAYOUT)
        }
    };
    let refused = {
        let calls = calls.clone();
        move || async move {
            calls.fetch_add(1, Ordering::SeqCst);
            EmuError::not_found("Payout not found")
        }
    };
    let router = Router::new()
        .route("/payouts", post(ok.clone()).get(ok.clone()))
        .route("/payouts/missing", get(refused))
        .route("/_emulator/faults", post(ok.clone()))
        .route("/_emulator", get(ok))
        .layer(axum::middleware::from_fn_with_state(faults.clone(), inject));
    (router, calls)
}

async fn call(router: &Router, method: Method, path: &str) -> Response {
    let req = Request::builder()
        .method(method)
        .uri(path)
        .body(Body::empty())
        .unwrap();
    router.clone().oneshot(req).await.unwrap()
}

async fn body_json(resp: Response) -> Value {
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

fn spec(text: &str) -> FaultSpec {
    FaultSpec::parse(text).unwrap()
}

#[test]
fn parses_key_value_form() {
    let s = spec(" error_rate=0.3, latency_ms=2000 ,retry_after_secs=5,");
    assert_eq!(s.error_rate, Some(0.3));
    assert_eq!(s.latency_ms, Some(2000));
    assert_eq!(s.retry_after(), 5);
    assert_eq!(s.rate_limit_rate, None);
    assert!(!s.is_empty());
    assert_eq!(spec(""), FaultSpec::default());
}

#[test]
fn parses_json_form_like_the_control_route() {
    let s = spec(r#"{"rate_limit_rate": 1, "reset_rate": 0.25, "truncate_rate": 0}"#);
    assert_eq!(s.rate_limit_rate, Some(1.0));
    assert_eq!(s.reset_rate, Some(0.25));
    assert_eq!(s.truncate_rate, Some(0.0));
    assert_eq!(s.retry_after(), 1, "Retry-After defaults to 1 second");
    // Serialises back to the same spec (what a GET of the control route would show).
    let round: FaultSpec = serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
    assert_eq!(round, s);
}

#[test]
fn rejects_unknown_keys_naming_them() {
    let e = FaultSpec::parse("error_rate=0.1,eror_rate=0.2").unwrap_err();
    assert!(e.contains("eror_rate"), "{e}");
    let e = FaultSpec::parse(r#"{"latency": 5}"#).unwrap_err();
    assert!(e.contains("latency"), "{e}");
    let e = FaultSpec::parse("error_rate").unwrap_err();
    assert!(e.contains("key=value"), "{e}");
    let e = FaultSpec::parse("latency_ms=fast").unwrap_err();
    assert!(e.contains("latency_ms") && e.contains("fast"), "{e}");
    let e = FaultSpec::parse("error_rate=0.1,error_rate=0.2").unwrap_err();
    assert!(e.contains("twice"), "{e}");
}

#[test]
fn rejects_rates_outside_zero_to_one_naming_the_key() {
    for (text, key) in [
        ("error_rate=1.5", "error_rate"),
        ("rate_limit_rate=-0.1", "rate_limit_rate"),
        ("reset_rate=NaN", "reset_rate"),
        (r#"{"truncate_rate": 2}"#, "truncate_rate"),
    ] {
        let e = FaultSpec::parse(text).unwrap_err();
        assert!(e.contains(key) && e.contains("0..=1"), "{text}: {e}");
    }
    assert!(spec("error_rate=0,reset_rate=1").validate().is_ok());
}

#[test]
fn zero_rates_are_empty() {
    assert!(FaultSpec::default().is_empty());
    assert!(spec("error_rate=0,latency_ms=0,retry_after_secs=9").is_empty());
    assert!(!spec("latency_ms=1").is_empty());
}

#[tokio::test]
async fn error_rate_one_answers_5xx_envelope_without_calling_the_handler() {
    let faults = Faults::new(spec("error_rate=1"), 7);
    let (router, calls) = app(&faults);
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..20 {
        let resp = call(&router, Method::POST, "/payouts").await;
        let status = resp.status().as_u16();
        seen.insert(status);
        let body = body_json(resp).await;
        let (_, message) = ERRORS.iter().find(|(s, _)| *s == status).unwrap();
        assert_eq!(body["error"]["status"], status);
        assert_eq!(body["error"]["message"], *message);
        assert!(body["error"]["id"].is_string());
    }
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), [500, 502, 503]);
    assert_eq!(calls.load(Ordering::SeqCst), 0);
    assert_eq!(faults.counts().errors, 20);
}

#[tokio::test]
async fn rate_limit_one_answers_429_with_retry_after() {
    let faults = Faults::new(spec("rate_limit_rate=1"), 7);
    let (router, calls) = app(&faults);
    let resp = call(&router, Method::POST, "/payouts").await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(resp.headers()[header::RETRY_AFTER], "1");
    let body = body_json(resp).await;
    assert_eq!(body["error"]["status"], 429);
    assert_eq!(body["error"]["message"], "Too Many Requests");

    faults.set(spec("rate_limit_rate=1,retry_after_secs=7"));
    let resp = call(&router, Method::GET, "/payouts").await;
    assert_eq!(resp.headers()[header::RETRY_AFTER], "7");
    assert_eq!(calls.load(Ordering::SeqCst), 0);
    assert_eq!(faults.counts().rate_limits, 2);
}

#[tokio::test]
async fn truncate_one_calls_the_handler_and_cuts_the_body_in_half() {
    let faults = Faults::new(spec("truncate_rate=1"), 7);
    let (router, calls) = app(&faults);
    let resp = call(&router, Method::POST, "/payouts").await;
    assert_eq!(resp.status(), StatusCode::OK);
    let expected = &PAYOUT.as_bytes()[..PAYOUT.len() / 2];
    assert_eq!(
        resp.headers()[header::CONTENT_LENGTH],
        expected.len().to_string()
    );
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(&bytes[..], expected);
    assert!(serde_json::from_slice::<Value>(&bytes).is_err());
    assert_eq!(calls.load(Ordering::SeqCst), 1, "the POST was performed");

    // Error answers are left whole: truncation targets successful bodies.
    let resp = call(&router, Method::GET, "/payouts/missing").await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        body_json(resp).await["error"]["message"],
        "Payout not found"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(faults.counts().truncations, 1);
}

#[tokio::test]
async fn reset_one_calls_the_handler_and_breaks_the_body() {
    let faults = Faults::new(spec("reset_rate=1"), 7);
    let (router, calls) = app(&faults);
    let resp = call(&router, Method::POST, "/payouts").await;
    assert_eq!(resp.status(), StatusCode::OK, "the original status is kept");
    assert_eq!(
        resp.headers()[header::CONTENT_LENGTH],
        PAYOUT.len().to_string()
    );
    assert!(
        axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .is_err()
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1, "the POST was performed");
    assert_eq!(faults.counts().resets, 1);
}

#[tokio::test]
async fn reset_breaks_a_real_connection() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let faults = Faults::new(spec("reset_rate=1"), 7);
    let (router, calls) = app(&faults);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, router).await });

    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let outcome = match client.post(format!("http://{addr}/payouts")).send().await {
        Ok(resp) => resp.bytes().await.map(|b| b.len()),
        Err(e) => Err(e),
    };
    let err = outcome.expect_err("the client must see a broken response");
    assert!(!err.is_timeout(), "a reset, not a timeout: {err}");
    assert_eq!(calls.load(Ordering::SeqCst), 1, "the POST was performed");

    // The control route on the same server still answers whole.
    let resp = client
        .post(format!("http://{addr}/_emulator/faults"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.text().await.unwrap(), PAYOUT);
    server.abort();
}

#[tokio::test]
async fn empty_or_zero_spec_passes_everything_through() {
    for faults in [
        Faults::new(FaultSpec::default(), 1),
        Faults::new(
            spec("error_rate=0,rate_limit_rate=0,reset_rate=0,truncate_rate=0"),
            1,
        ),
    ] {
        let (router, calls) = app(&faults);
        for _ in 0..10 {
            let resp = call(&router, Method::POST, "/payouts").await;
            assert_eq!(resp.status(), StatusCode::OK);
            let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
                .await
                .unwrap();
            assert_eq!(&bytes[..], PAYOUT.as_bytes());
        }
        assert_eq!(calls.load(Ordering::SeqCst), 10);
        assert_eq!(faults.counts(), FaultCounts::default());
    }
}

#[tokio::test]
async fn control_routes_are_never_disturbed() {
    let faults = Faults::new(FaultSpec::default(), 1);
    let (router, calls) = app(&faults);
    for every in [
        "error_rate=1",
        "rate_limit_rate=1",
        "reset_rate=1",
        "truncate_rate=1",
    ] {
        faults.set(spec(&format!("{every},latency_ms=5")));
        for (method, path) in [
            (Method::POST, "/_emulator/faults"),
            (Method::GET, "/_emulator"),
        ] {
            let resp = call(&router, method, path).await;
            assert_eq!(resp.status(), StatusCode::OK, "{every} {path}");
            let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
                .await
                .unwrap();
            assert_eq!(&bytes[..], PAYOUT.as_bytes(), "{every} {path}");
        }
    }
    assert_eq!(calls.load(Ordering::SeqCst), 8);
    assert_eq!(faults.counts(), FaultCounts::default());
}

#[test]
fn same_seed_same_decisions() {
    let mixed = spec("error_rate=0.2,rate_limit_rate=0.2,reset_rate=0.2,truncate_rate=0.2");
    let run = |seed: u64| {
        let faults = Faults::new(mixed.clone(), seed);
        (0..200).map(|_| faults.decide()).collect::<Vec<_>>()
    };
    let a = run(42);
    assert_eq!(a, run(42));
    assert_ne!(a, run(43));
    // Every kind shows up in a mix, and at most one fires per request.
    assert!(a.iter().any(|d| d.error.is_some()));
    assert!(a.iter().any(|d| d.rate_limit.is_some()));
    assert!(a.iter().any(|d| d.reset));
    assert!(a.iter().any(|d| d.truncate));
    let quiet = Decision {
        latency_ms: 0,
        error: None,
        rate_limit: None,
        reset: false,
        truncate: false,
    };
    assert!(a.contains(&quiet));
    for d in &a {
        let fired = [
            d.error.is_some(),
            d.rate_limit.is_some(),
            d.reset,
            d.truncate,
        ];
        assert!(fired.iter().filter(|f| **f).count() <= 1, "{d:?}");
    }
}

#[test]
fn enabling_faults_later_gives_the_same_decisions() {
    let mixed = spec("error_rate=0.5,reset_rate=0.5");
    let fresh = Faults::new(mixed.clone(), 9);
    let late = Faults::new(FaultSpec::default(), 9);
    for _ in 0..50 {
        late.decide(); // quiet traffic before the faults are switched on
    }
    late.set(mixed);
    let a: Vec<_> = (0..50).map(|_| fresh.decide()).collect();
    let b: Vec<_> = (0..50).map(|_| late.decide()).collect();
    assert_eq!(a, b);
}

#[tokio::test]
async fn latency_delays_but_still_runs_the_handler() {
    let faults = Faults::new(spec("latency_ms=5"), 3);
    let (router, calls) = app(&faults);
    let resp = call(&router, Method::POST, "/payouts").await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(
        faults.counts(),
        FaultCounts {
            latency: 1,
            ..FaultCounts::default()
        }
    );
}

#[tokio::test]
async fn set_clear_and_counts() {
    let faults = Faults::new(spec("error_rate=1"), 5);
    let (router, calls) = app(&faults);
    assert_eq!(faults.spec(), spec("error_rate=1"));
    assert!(
        call(&router, Method::GET, "/payouts")
            .await
            .status()
            .is_server_error()
    );
    faults.set(spec("rate_limit_rate=1"));
    assert_eq!(
        call(&router, Method::GET, "/payouts").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    faults.clear();
    assert!(faults.spec().is_empty());
    assert_eq!(
        call(&router, Method::GET, "/payouts").await.status(),
        StatusCode::OK
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let counts = faults.counts();
    assert_eq!(
        (counts.errors, counts.rate_limits),
        (1, 1),
        "cumulative across clear"
    );
    let shown = serde_json::to_value(counts).unwrap();
    assert_eq!(
        shown,
        json!({"latency": 0, "errors": 1, "rate_limits": 1, "resets": 0, "truncations": 0})
    );
}
