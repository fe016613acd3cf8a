//! The exchange itself: URLs, headers, one request with the retry rules, error mapping,
//! the server's `Date`.

use std::sync::atomic::Ordering;
use std::time::{Instant, SystemTime};

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, DATE, HeaderValue, RETRY_AFTER};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;

use super::retry::{self, Outcome, Safety};
use super::{Client, USER_ACTION_HEADER, skew};
use crate::dfns::error::ApiError;
use crate::dfns::secret::Secret;

impl Client {
    /// The API path of `segments`, percent-encoded: what the server sees and what is signed.
    pub(super) fn api_path(&self, segments: &[&str]) -> Result<String, ApiError> {
        let mut url = Url::parse("http://x/").map_err(|e| ApiError::InvalidUrl(e.to_string()))?;
        url.path_segments_mut()
            .map_err(|_| ApiError::InvalidUrl("cannot build a path".into()))?
            .extend(segments);
        Ok(url.path().to_owned())
    }

    pub(super) fn url(
        &self,
        segments: &[&str],
        query: &[(&'static str, String)],
    ) -> Result<Url, ApiError> {
        let mut url = self.inner.base.clone();
        {
            let mut path = url
                .path_segments_mut()
                .map_err(|_| ApiError::InvalidUrl(self.inner.base.to_string()))?;
            // A base path prefix (a proxy's `/dfns`) is kept, as the Python SDK does. What is
            // signed is the API path alone — the reference leaves prefixed deployments open.
            path.pop_if_empty().extend(segments);
        }
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        Ok(url)
    }

    pub(super) async fn request(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&'static str, String)],
        body: Option<&[u8]>,
        user_action: Option<&Secret>,
        safety: Safety,
    ) -> Result<Vec<u8>, ApiError> {
        let url = self.url(segments, query)?;
        let mut auth = HeaderValue::from_str(&format!("Bearer {}", self.inner.token.expose()))
            .map_err(|_| {
                ApiError::Credential(
                    "the API token contains characters not allowed in an HTTP header".into(),
                )
            })?;
        auth.set_sensitive(true);
        let ua = match user_action {
            Some(t) => {
                let mut v = HeaderValue::from_str(t.expose()).map_err(|_| ApiError::Malformed {
                    what: "user-action token",
                    detail: "not a valid header value".into(),
                })?;
                v.set_sensitive(true);
                Some(v)
            }
            None => None,
        };
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let started = Instant::now();
            let mut req = self
                .inner
                .http
                .request(method.clone(), url.clone())
                .header(AUTHORIZATION, auth.clone());
            if let Some(b) = body {
                req = req
                    .header(CONTENT_TYPE, "application/json")
                    .body(b.to_vec());
            }
            if let Some(v) = &ua {
                req = req.header(USER_ACTION_HEADER, v.clone());
            }
            let outcome = match req.send().await {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    self.note_date(resp.headers().get(DATE));
                    let retry_after = resp
                        .headers()
                        .get(RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| retry::parse_retry_after(v, SystemTime::now()));
                    match resp.bytes().await {
                        Ok(bytes) => {
                            tracing::debug!(%method, path = url.path(), status, ms = started.elapsed().as_millis() as u64, "dfns api");
                            if (200..300).contains(&status) {
                                return Ok(bytes.to_vec());
                            }
                            let err = ApiError::from_response(
                                status,
                                &String::from_utf8_lossy(&bytes),
                                retry_after,
                            );
                            (
                                Outcome::Status {
                                    status,
                                    retry_after,
                                },
                                err,
                            )
                        }
                        Err(e) => (Outcome::MaybeSent, self.network_error(&e, safety)),
                    }
                }
                Err(e) if e.is_connect() => (
                    Outcome::ConnectFailed,
                    ApiError::Connect {
                        host: self.host(),
                        detail: root_cause(&e),
                    },
                ),
                Err(e) => (Outcome::MaybeSent, self.network_error(&e, safety)),
            };
            let (outcome, err) = outcome;
            let jitter: f64 = rand::random();
            match self.inner.retry.decide(attempt, safety, &outcome, jitter) {
                Some(wait) => {
                    tracing::info!(%method, path = url.path(), attempt, wait_ms = wait.as_millis() as u64, error = %err, "retrying");
                    tokio::time::sleep(wait).await;
                }
                None => return Err(err),
            }
        }
    }

    fn network_error(&self, e: &reqwest::Error, safety: Safety) -> ApiError {
        let detail = root_cause(e);
        match safety {
            Safety::Mutating => ApiError::OutcomeUnknown(detail),
            Safety::Idempotent if e.is_timeout() => ApiError::Timeout(detail),
            Safety::Idempotent => ApiError::Network(detail),
        }
    }

    fn note_date(&self, date: Option<&HeaderValue>) {
        let Some(skew) = date
            .and_then(|d| d.to_str().ok())
            .and_then(|d| skew::skew_from_date(d, chrono::Utc::now()))
        else {
            return;
        };
        self.inner
            .skew_ms
            .store(skew.num_milliseconds(), Ordering::Relaxed);
        self.inner.skew_known.store(true, Ordering::Relaxed);
    }
}

/// The deepest error message of a reqwest error, without the URL's query (no secrets live
/// there, but it keeps messages short).
fn root_cause(e: &reqwest::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg = s.to_string();
        source = s.source();
    }
    msg
}

pub(super) fn decode<T: DeserializeOwned>(bytes: &[u8], what: &'static str) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| ApiError::Malformed {
        what,
        detail: e.to_string(),
    })
}

pub(super) fn parse_base(base_url: &str) -> Result<Url, ApiError> {
    let url = Url::parse(base_url.trim()).map_err(|_| ApiError::InvalidUrl(base_url.to_owned()))?;
    if !matches!(url.scheme(), "http" | "https")
        || url.host_str().is_none()
        || url.query().is_some()
    {
        return Err(ApiError::InvalidUrl(base_url.to_owned()));
    }
    Ok(url)
}
