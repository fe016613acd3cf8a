//! A recording HTTP proxy in front of the emulator: it forwards every request unchanged
//! and keeps each user-action token the emulator issues (the `userAction` of `POST
//! /auth/action`), so the secrets test can search for them. No emulator API exposes the
//! tokens it issued, and the emulator is not changed for a test.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, StatusCode, header};
use axum::response::Response;

#[derive(Clone)]
struct Upstream {
    base: String,
    http: reqwest::Client,
    tokens: Arc<Mutex<Vec<String>>>,
}

pub struct Recorder {
    pub url: String,
    pub tokens: Arc<Mutex<Vec<String>>>,
}

impl Recorder {
    pub fn tokens(&self) -> Vec<String> {
        self.tokens.lock().unwrap().clone()
    }
}

pub async fn start(upstream: &str) -> Recorder {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let tokens: Arc<Mutex<Vec<String>>> = Arc::default();
    let state = Upstream {
        base: upstream.trim_end_matches('/').to_owned(),
        http: reqwest::Client::builder().build().unwrap(),
        tokens: tokens.clone(),
    };
    let app = Router::new().fallback(forward).with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Recorder { url, tokens }
}

/// Hop-by-hop and length headers are the proxy's own business on each leg.
fn hop(name: &HeaderName) -> bool {
    name == header::HOST
        || name == header::CONTENT_LENGTH
        || name == header::TRANSFER_ENCODING
        || name == header::CONNECTION
}

async fn forward(State(up): State<Upstream>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    let path = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    let mut out = up
        .http
        .request(parts.method.clone(), format!("{}{path}", up.base));
    for (k, v) in &parts.headers {
        if !hop(k) {
            out = out.header(k, v);
        }
    }
    let answer = match out.body(bytes.to_vec()).send().await {
        Ok(a) => a,
        Err(e) => {
            return Response::builder()
                .status(StatusCode::BAD_GATEWAY)
                .body(Body::from(format!("proxy: {e}")))
                .unwrap();
        }
    };
    let status = answer.status();
    let headers = answer.headers().clone();
    let body = answer.bytes().await.unwrap_or_default();
    if parts.uri.path() == "/auth/action"
        && let Ok(v) = serde_json::from_slice::<serde_json::Value>(&body)
        && let Some(t) = v.get("userAction").and_then(|t| t.as_str())
    {
        up.tokens.lock().unwrap().push(t.to_owned());
    }
    let mut resp = Response::builder().status(status);
    for (k, v) in &headers {
        if !hop(k) {
            resp = resp.header(k, v);
        }
    }
    resp.body(Body::from(body)).unwrap()
}
