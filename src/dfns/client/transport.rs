//! The exchange itself: URLs, headers, one request with the retry rules, error mapping,
//! the server's `Date`.

use std::sync::atomic::Ordering;
use std::time::{Instant, SystemTime};

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, DATE, HeaderValue, RETRY_AFTER};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;

use super::retry::{self, Outcome, Safety};
use super::{Client, USER_ACTION_HEADER, skew};
use crate::dfns::error::{ApiError, printable};
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
                    if (300..400).contains(&status) {
                        // Redirects are never followed (the client is built so): a 3xx could
                        // send the body and the user-action token to another origin.
                        return Err(redirect_error(status, resp.headers(), safety));
                    }
                    match read_capped(resp, self.inner.max_body).await {
                        Ok(bytes) => {
                            tracing::debug!(%method, path = url.path(), status, ms = started.elapsed().as_millis() as u64, "dfns api");
                            if status == 202 && safety == Safety::Mutating {
                                return Err(ApiError::PolicyPending {
                                    approval_id: pending_approval_id(&bytes),
                                });
                            }
                            if (200..300).contains(&status) {
                                return Ok(bytes);
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
                        Err(Body::TooLarge) => {
                            return Err(match safety {
                                Safety::Mutating => ApiError::OutcomeUnknown(format!(
                                    "the answer ({status}) was larger than {} and was not read",
                                    mib(self.inner.max_body)
                                )),
                                Safety::Idempotent => ApiError::TooLarge {
                                    limit: mib(self.inner.max_body),
                                },
                            });
                        }
                        Err(Body::Failed(e)) => {
                            (Outcome::MaybeSent, self.network_error(&e, safety))
                        }
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
                None if safety == Safety::Mutating => return Err(err.for_mutation()),
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

/// The deepest error message of a reqwest error, sanitized (it can quote what the server
/// sent).
fn root_cause(e: &reqwest::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg = s.to_string();
        source = s.source();
    }
    printable(&msg)
}

enum Body {
    TooLarge,
    Failed(reqwest::Error),
}

/// The body, or `TooLarge` as soon as it passes `cap` bytes (a declared length over the cap
/// is refused before reading): a hostile answer costs at most `cap` of memory.
async fn read_capped(mut resp: reqwest::Response, cap: usize) -> Result<Vec<u8>, Body> {
    if resp
        .content_length()
        .is_some_and(|n| n > u64::try_from(cap).unwrap_or(u64::MAX))
    {
        return Err(Body::TooLarge);
    }
    let mut out = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(Body::Failed)? {
        if out.len() + chunk.len() > cap {
            return Err(Body::TooLarge);
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

fn mib(bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// A 3xx: on a state-changing request the server may have acted before redirecting, so the
/// outcome is unknown (re-read, as after a 5xx); on a read it is an error naming where it
/// pointed, so the user can fix the API URL.
fn redirect_error(status: u16, headers: &reqwest::header::HeaderMap, safety: Safety) -> ApiError {
    let location = headers
        .get(reqwest::header::LOCATION)
        .map(|v| printable(&String::from_utf8_lossy(v.as_bytes())))
        .unwrap_or_else(|| "nowhere".to_owned());
    match safety {
        Safety::Mutating => ApiError::OutcomeUnknown(format!(
            "the API answered {status} (a redirect to {location}), which is never followed"
        )),
        Safety::Idempotent => ApiError::Redirect { status, location },
    }
}

/// The approval a 202 names, when its body says (`id` or `approvalId`); the reference only
/// says a signed call "can return 202 when a policy requires approval".
fn pending_approval_id(body: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    v.get("approvalId")
        .or_else(|| v.get("id"))
        .and_then(|x| x.as_str())
        .map(printable)
}

pub(super) fn decode<T: DeserializeOwned>(bytes: &[u8], what: &'static str) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| ApiError::Malformed {
        what,
        // serde quotes what it could not read: server text.
        detail: printable(&e.to_string()),
    })
}

pub(super) fn parse_base(base_url: &str, allow_http: bool) -> Result<Url, ApiError> {
    let bad = || ApiError::InvalidUrl(printable(base_url));
    let url = Url::parse(base_url.trim()).map_err(|_| bad())?;
    if !matches!(url.scheme(), "http" | "https")
        || url.host_str().is_none()
        || url.query().is_some()
    {
        return Err(bad());
    }
    if url.scheme() == "http" && !allow_http && !is_loopback(&url) {
        return Err(ApiError::InsecureUrl(printable(base_url)));
    }
    Ok(url)
}

/// Plain HTTP is fine where nothing leaves the machine: the emulator, a local proxy.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}
