//! The emulator's control routes against hostile input: bounded clock jumps, JSON only, no
//! foreign Origin or non-loopback Host (DNS rebinding), no echo of request bodies — and,
//! whatever is thrown at them, no panic and the Dfns routes keep answering.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use proptest::prelude::*;
use tower::ServiceExt;

use payouts_tui::emulator::{Options, build_state, server};

struct Emu {
    app: axum::Router,
    token: String,
}

fn emu() -> Emu {
    let (state, creds, _) = build_state(&Options::default()).unwrap_or_else(|e| panic!("{e}"));
    Emu {
        app: server::router(state),
        token: creds[0].token.expose().to_owned(),
    }
}

async fn send(app: &axum::Router, req: Request<Body>) -> (StatusCode, Vec<u8>) {
    let resp = app
        .clone()
        .oneshot(req)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let status = resp.status();
    let body = axum::body::to_bytes(resp.into_body(), 1 << 24)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    (status, body.to_vec())
}

fn control(method: Method, path: &str, ct: Option<&str>, body: &[u8]) -> Request<Body> {
    let mut b = Request::builder()
        .method(method)
        .uri(format!("/_emulator{path}"))
        .header(header::HOST, "127.0.0.1:8787");
    if let Some(ct) = ct {
        b = b.header(header::CONTENT_TYPE, ct);
    }
    b.body(Body::from(body.to_vec()))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The Dfns side still answers: a list and the `Date` header (which once panicked after a
/// clock jump past year 9999).
async fn dfns_still_answers(e: &Emu) {
    let req = Request::builder()
        .uri("/payouts?limit=1")
        .header(header::AUTHORIZATION, format!("Bearer {}", e.token))
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("{e}"));
    let resp = e
        .app
        .clone()
        .oneshot(req)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.headers().contains_key(header::DATE));
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_clock_jump_past_year_9999_is_a_clear_400_and_nothing_breaks() {
    rt().block_on(async {
        let e = emu();
        for seconds in ["1e12", "1e300", "9.2e18"] {
            let body = format!("{{\"seconds\": {seconds}}}");
            let (status, answer) = send(
                &e.app,
                control(
                    Method::POST,
                    "/clock/advance",
                    Some("application/json"),
                    body.as_bytes(),
                ),
            )
            .await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{seconds}");
            let text = String::from_utf8_lossy(&answer);
            assert!(text.contains("year 9999"), "{text}");
            dfns_still_answers(&e).await;
        }
        // A jump that fits still works.
        let (status, _) = send(
            &e.app,
            control(
                Method::POST,
                "/clock/advance",
                Some("application/json"),
                b"{\"seconds\": 3600}",
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
    });
}

#[test]
fn control_routes_take_json_only_from_a_local_origin_and_host() {
    rt().block_on(async {
        let e = emu();
        let advance = br#"{"seconds": 60}"#;
        // A cross-site form can post text/plain without a preflight.
        for ct in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
        ] {
            let (status, _) =
                send(&e.app, control(Method::POST, "/clock/advance", ct, advance)).await;
            assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{ct:?}");
        }
        let with = |name: header::HeaderName, value: &str| {
            let mut req = control(
                Method::POST,
                "/faults",
                Some("application/json"),
                br#"{"error_rate": 1}"#,
            );
            req.headers_mut()
                .insert(name, value.parse().unwrap_or_else(|e| panic!("{e}")));
            req
        };
        for origin in [
            "https://evil.example",
            "http://127.0.0.1.evil.example",
            "null",
        ] {
            let (status, _) = send(&e.app, with(header::ORIGIN, origin)).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{origin}");
        }
        for host in ["evil.example", "evil.example:8787", "127.0.0.1.nip.io"] {
            let (status, _) = send(&e.app, with(header::HOST, host)).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{host}");
        }
        // None of those set a fault.
        dfns_still_answers(&e).await;
        for ok in [
            "http://127.0.0.1:8787",
            "http://localhost:3000",
            "http://[::1]:1",
        ] {
            let (status, _) = send(&e.app, with(header::ORIGIN, ok)).await;
            assert_eq!(status, StatusCode::OK, "{ok}");
        }
        let (status, _) = send(&e.app, control(Method::DELETE, "/faults", None, b"")).await;
        assert_eq!(status, StatusCode::OK);
    });
}

#[test]
fn the_faults_route_does_not_echo_what_it_was_sent() {
    rt().block_on(async {
        let e = emu();
        for body in [
            &br#"{"<script>alert(1)</script>": 1}"#[..],
            br#"{"error_rate": "<script>"}"#,
            b"<script>alert(1)</script>=1",
            br#"{"only": 7}"#,
        ] {
            let (status, answer) = send(
                &e.app,
                control(Method::POST, "/faults", Some("application/json"), body),
            )
            .await;
            assert_eq!(status, StatusCode::BAD_REQUEST);
            let text = String::from_utf8_lossy(&answer);
            assert!(!text.contains("script"), "{text}");
        }
        let (status, answer) = send(
            &e.app,
            control(
                Method::POST,
                "/faults",
                Some("application/json"),
                br#"{"latency_ms": 1, "only": "GET /nothing-<b>"}"#,
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(!String::from_utf8_lossy(&answer).contains("<b>"));
    });
}

const PATHS: [&str; 5] = ["/clock", "/clock/advance", "/faults", "/stats", "/nope"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_input_to_every_control_route_never_breaks_the_emulator(
        path in 0usize..PATHS.len(),
        method in prop_oneof![Just(Method::GET), Just(Method::POST), Just(Method::DELETE), Just(Method::PUT)],
        json_ct in any::<bool>(),
        body in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..200),
            "\\{\"seconds\": -?[0-9]{1,25}(\\.[0-9]{0,5})?(e[0-9]{1,3})?\\}".prop_map(String::into_bytes),
            "\\{\"(error_rate|rate_limit_rate|latency_ms|reset_rate|truncate_rate|only|x)\": (-?[0-9.e]{1,12}|\".{0,8}\"|null|true)\\}".prop_map(String::into_bytes),
        ],
    ) {
        rt().block_on(async {
            let e = emu();
            let ct = json_ct.then_some("application/json");
            let (status, _) = send(&e.app, control(method, PATHS[path], ct, &body)).await;
            assert!(status.as_u16() < 500, "{status}");
            // Whatever was set, clear faults so the Dfns check sees the routes themselves.
            send(&e.app, control(Method::DELETE, "/faults", None, b"")).await;
            dfns_still_answers(&e).await;
        });
    }
}
