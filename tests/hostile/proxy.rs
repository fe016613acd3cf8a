//! A hostile API: a proxy in front of the real emulator that forwards every request and
//! then turns the answer against the client, as a compromised or buggy server would. The
//! signing flow stays the emulator's own, so every command runs to the point the attack
//! aims at.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, StatusCode, header};
use axum::response::Response;
use serde_json::Value;

/// Text a terminal would obey: OSC 52 (clipboard), OSC 0 (title), a C1 CSI, bidi override,
/// zero-width space, BOM, newline and tab.
pub const OSC52: &str = "\u{1b}]52;c;MHhldmlsZXZpbA==\u{7}";
pub const NASTY: &str =
    "\u{1b}]52;c;MHhldmlsZXZpbA==\u{7}\u{1b}]0;pwned\u{1b}\\\u{9b}31m\u{202e}\u{200b}\u{feff}\n\tX";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attack {
    /// Forward unchanged.
    None,
    /// Hostile text in every displayed string of payouts and wallet assets.
    Inject,
    /// Answer `GET /payouts/{asked}` with the payout `instead`.
    Swap { asked: String, instead: String },
    /// Answer `POST /payouts/{id}/action` with a 307 to `to`, without forwarding it.
    Redirect { to: String },
    /// Replace the deposit address of every payout read.
    Address(String),
    /// Answer `GET /payouts…` with an error, the message in one envelope shape or the other.
    ErrorBody { top_level: bool },
    /// Answer every `GET /payouts` list with a body of this many bytes.
    Huge(usize),
    /// Forward `POST …/action`, then answer 202 with an approval id (a policy holds it).
    Held,
}

#[derive(Clone)]
struct Upstream {
    base: String,
    http: reqwest::Client,
    attack: Arc<Mutex<Attack>>,
    actions: Arc<AtomicUsize>,
}

pub struct Hostile {
    pub url: String,
    attack: Arc<Mutex<Attack>>,
    /// `POST …/action` requests that reached the proxy (forwarded or not).
    pub actions: Arc<AtomicUsize>,
}

impl Hostile {
    pub fn set(&self, a: Attack) {
        *self.attack.lock().unwrap_or_else(|e| e.into_inner()) = a;
    }

    pub fn actions(&self) -> usize {
        self.actions.load(Ordering::SeqCst)
    }
}

pub async fn start(upstream: &str) -> Hostile {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let attack = Arc::new(Mutex::new(Attack::None));
    let actions = Arc::new(AtomicUsize::new(0));
    let state = Upstream {
        base: upstream.trim_end_matches('/').to_owned(),
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_else(|e| panic!("{e}")),
        attack: attack.clone(),
        actions: actions.clone(),
    };
    let app = Router::new().fallback(forward).with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let url = format!(
        "http://{}",
        listener.local_addr().unwrap_or_else(|e| panic!("{e}"))
    );
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Hostile {
        url,
        attack,
        actions,
    }
}

/// A listener that counts what reaches it: where a redirect points.
pub async fn trap() -> (String, Arc<AtomicUsize>) {
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    let app = Router::new().fallback(move || {
        let counter = counter.clone();
        async move {
            counter.fetch_add(1, Ordering::SeqCst);
            "{}"
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let url = format!(
        "http://{}",
        listener.local_addr().unwrap_or_else(|e| panic!("{e}"))
    );
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (url, hits)
}

fn hop(name: &HeaderName) -> bool {
    name == header::HOST
        || name == header::CONTENT_LENGTH
        || name == header::TRANSFER_ENCODING
        || name == header::CONNECTION
}

fn reply(status: StatusCode, headers: &[(HeaderName, String)], body: Vec<u8>) -> Response {
    let mut b = Response::builder().status(status);
    for (k, v) in headers {
        b = b.header(k, v);
    }
    b.body(Body::from(body)).unwrap_or_else(|e| panic!("{e}"))
}

async fn forward(State(up): State<Upstream>, req: Request) -> Response {
    let attack = up.attack.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let path = parts.uri.path().to_owned();
    let mut pq = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let is_action = path.starts_with("/payouts/") && path.ends_with("/action");
    if is_action {
        up.actions.fetch_add(1, Ordering::SeqCst);
    }
    match &attack {
        Attack::Redirect { to } if is_action => {
            return reply(
                StatusCode::TEMPORARY_REDIRECT,
                &[(header::LOCATION, format!("{to}{path}"))],
                Vec::new(),
            );
        }
        Attack::ErrorBody { top_level }
            if parts.method == "GET" && path.starts_with("/payouts") =>
        {
            let message = format!("no such payout{NASTY}");
            let body = if *top_level {
                serde_json::json!({ "message": message })
            } else {
                serde_json::json!({ "error": { "message": message, "code": NASTY } })
            };
            return reply(
                StatusCode::BAD_REQUEST,
                &[(header::CONTENT_TYPE, "application/json".into())],
                body.to_string().into_bytes(),
            );
        }
        Attack::Huge(n) if parts.method == "GET" && path == "/payouts" => {
            let mut body = b"{\"items\":[".to_vec();
            body.resize(*n, b' ');
            return reply(StatusCode::OK, &[], body);
        }
        Attack::Swap { asked, instead }
            if parts.method == "GET" && path == format!("/payouts/{asked}") =>
        {
            pq = format!("/payouts/{instead}");
        }
        _ => {}
    }
    let mut out = up
        .http
        .request(parts.method.clone(), format!("{}{pq}", up.base));
    for (k, v) in &parts.headers {
        if !hop(k) {
            out = out.header(k, v);
        }
    }
    let answer = match out.body(bytes.to_vec()).send().await {
        Ok(a) => a,
        Err(e) => {
            return reply(
                StatusCode::BAD_GATEWAY,
                &[],
                format!("proxy: {e}").into_bytes(),
            );
        }
    };
    let status = answer.status();
    let headers: Vec<(HeaderName, String)> = answer
        .headers()
        .iter()
        .filter(|(k, _)| !hop(k))
        .filter_map(|(k, v)| Some((k.clone(), v.to_str().ok()?.to_owned())))
        .collect();
    let body = answer.bytes().await.unwrap_or_default().to_vec();
    if attack == Attack::Held && is_action && status.is_success() {
        return reply(
            StatusCode::ACCEPTED,
            &[(header::CONTENT_TYPE, "application/json".into())],
            br#"{"id":"ap-held0-00000-0000000000000000","status":"Pending"}"#.to_vec(),
        );
    }
    let body = match (&attack, serde_json::from_slice::<Value>(&body)) {
        (Attack::Inject, Ok(mut v)) => {
            inject(&mut v);
            v.to_string().into_bytes()
        }
        (Attack::Address(a), Ok(mut v)) => {
            each_payout(&mut v, &mut |p| {
                if let Some(d) = p.get_mut("data").and_then(Value::as_object_mut)
                    && d.contains_key("depositAddress")
                {
                    d.insert("depositAddress".into(), Value::String(a.clone()));
                }
            });
            v.to_string().into_bytes()
        }
        _ => body,
    };
    reply(status, &headers, body)
}

/// Every payout object in an answer (one payout, or a list's items).
fn each_payout(v: &mut Value, f: &mut dyn FnMut(&mut Value)) {
    if v.get("asset").is_some() && v.get("data").is_some() {
        f(v);
    }
    if let Some(items) = v.get_mut("items").and_then(Value::as_array_mut) {
        for p in items {
            each_payout(p, f);
        }
    }
}

fn set(v: &mut Value, path: &[&str], text: String) {
    let mut cur = v;
    for key in &path[..path.len() - 1] {
        match cur.get_mut(*key) {
            Some(next) => cur = next,
            None => return,
        }
    }
    if let Some(o) = cur.as_object_mut() {
        o.insert(path[path.len() - 1].to_owned(), Value::String(text));
    }
}

/// Hostile text in the strings a person reads; ids, amounts and addresses stay usable so
/// the commands still reach their output.
fn inject(v: &mut Value) {
    each_payout(v, &mut |p| {
        set(p, &["asset", "metadata", "symbol"], format!("USDC{OSC52}"));
        set(
            p,
            &["asset", "metadata", "name"],
            format!("USD Coin{NASTY}"),
        );
        set(p, &["externalId"], format!("inv{NASTY}"));
        set(p, &["data", "statusReason"], format!("held{NASTY}"));
        set(p, &["data", "borderlessAccountId"], format!("bacc{NASTY}"));
        set(p, &["data", "country"], format!("US{NASTY}"));
        set(p, &["requester", "tokenId"], format!("to{NASTY}"));
    });
    // Approvals (the policy's reason, the token symbol) and policies (names shown with the
    // quorum), in single answers and in lists.
    let objects: Vec<&mut Value> = if v.get("items").is_some_and(Value::is_array) {
        v.get_mut("items")
            .and_then(Value::as_array_mut)
            .map(|items| items.iter_mut().collect())
            .unwrap_or_default()
    } else {
        vec![&mut *v]
    };
    for o in objects {
        if let Some(evals) = o.get_mut("policyEvaluations").and_then(Value::as_array_mut) {
            for e in evals {
                set(
                    e,
                    &["reason"],
                    format!("Transfer amount is above limit{NASTY}"),
                );
            }
            set(
                o,
                &["activity", "transferRequest", "metadata", "asset", "symbol"],
                format!("USDC{OSC52}"),
            );
        }
        if o.get("approvalGroups").is_some() || o.pointer("/action/approvalGroups").is_some() {
            set(o, &["name"], format!("Big transfers{NASTY}"));
            if let Some(groups) = o
                .pointer_mut("/action/approvalGroups")
                .and_then(Value::as_array_mut)
            {
                for g in groups {
                    set(g, &["name"], format!("Operators{NASTY}"));
                }
            }
        }
    }
    // Wallet assets (`it holds: …`, the new-payout picker).
    if let Some(assets) = v.get_mut("assets").and_then(Value::as_array_mut) {
        for a in assets {
            if let Some(sym) = a.get("symbol").and_then(Value::as_str) {
                let s = format!("{sym}{OSC52}");
                set(a, &["symbol"], s);
            }
        }
    }
}
