//! The HTTP client of the Dfns payouts API (reqwest over rustls).
//!
//! Bearer auth on every call; the user-action flow (init → sign → complete → send) on exactly
//! the routes the reference marks as signed (`POST /payouts`, `POST /payouts/{id}/action`,
//! `POST /v2/policy-approvals/{id}/decisions`; the quote is not); list helpers that follow `nextPageToken`; typed errors; server clock
//! skew from `Date`; retries by the rules of [`retry`]. The pure parts live in the
//! submodules and are tested there; the exchanges with a real server are tested against the
//! emulator.

mod approvals;
pub mod paging;
pub mod retry;
pub mod skew;
mod transport;
pub mod user_action;

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

use reqwest::{Method, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::ApiError;
use super::model::{
    CreatePayoutRequest, ListPayoutsQuery, ListResponse, ListUsersQuery, ListWalletsQuery, Paged,
    Payout, PayoutAction, PayoutActionResponse, QuoteRequest, QuoteResponse, User,
    UserActionChallenge, UserActionToken, Wallet, WalletAssets,
};
use super::secret::Secret;
use super::signing::PrivateKey;
use super::token::TokenClaims;
use paging::{Pager, Step, merge_unique};
use retry::{RetryPolicy, Safety};
pub use transport::is_loopback;
use transport::{decode, parse_base};
use user_action::SignedBody;

/// The header that carries the single-use user-action token.
pub const USER_ACTION_HEADER: &str = "x-dfns-useraction";

/// The private key and, optionally, which of the token's credentials it is.
pub struct Signer {
    pub key: PrivateKey,
    pub cred_id: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub connect_timeout: Duration,
    /// Longest silence while reading an answer.
    pub read_timeout: Duration,
    /// Longest whole exchange.
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
    /// Largest answer read; a bigger one is an error, not a memory spike.
    pub max_body: usize,
    /// Allow `http://` to a host that is not loopback (the user's explicit opt-in).
    pub allow_insecure_http: bool,
}

/// 16 MiB: a page of 100 payouts is ~150 KB; nothing the API sends comes near.
pub const DEFAULT_MAX_BODY: usize = 16 << 20;

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(5),
            read_timeout: Duration::from_secs(15),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            max_body: DEFAULT_MAX_BODY,
            allow_insecure_http: false,
        }
    }
}

/// One page of a list, with the items that did not parse reported rather than dropped
/// silently or failing the whole page.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_page_token: Option<String>,
    pub malformed: Vec<Malformed>,
}

/// A list item the model could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub id: Option<String>,
    pub error: String,
}

/// Cheap to clone: the connection pool and the skew are shared.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base: Url,
    token: Secret,
    signer: Option<Signer>,
    retry: RetryPolicy,
    max_body: usize,
    skew_ms: AtomicI64,
    skew_known: AtomicBool,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.inner.base.as_str())
            .field(
                "signer",
                &self.inner.signer.as_ref().map(|s| s.key.algorithm()),
            )
            .finish_non_exhaustive()
    }
}

impl Client {
    pub fn new(
        base_url: &str,
        token: Secret,
        signer: Option<Signer>,
        options: ClientOptions,
    ) -> Result<Client, ApiError> {
        let base = parse_base(base_url, options.allow_insecure_http)?;
        // reqwest is built without a bundled crypto provider; ring is ours (no C toolchain
        // beyond cc, no OpenSSL). Installing twice is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            .read_timeout(options.read_timeout)
            .timeout(options.request_timeout)
            .user_agent(concat!("payouts-tui/", env!("CARGO_PKG_VERSION")))
            // A redirect could carry the body and the user-action token to another origin:
            // never follow one (the transport turns a 3xx into an error).
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ApiError::Network(format!("cannot build the HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                token,
                signer,
                retry: options.retry,
                max_body: options.max_body,
                skew_ms: AtomicI64::new(0),
                skew_known: AtomicBool::new(false),
            }),
        })
    }

    /// Host (and port) of the API, for status bars and audit lines.
    pub fn host(&self) -> String {
        let b = &self.inner.base;
        match (b.host_str(), b.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_owned(),
            _ => b.as_str().to_owned(),
        }
    }

    pub fn base_url(&self) -> &str {
        self.inner.base.as_str()
    }

    /// The caller's identity from its own token claim (see `dfns::token`).
    pub fn whoami(&self) -> Option<TokenClaims> {
        TokenClaims::from_token(self.inner.token.expose())
    }

    pub fn can_sign(&self) -> bool {
        self.inner.signer.is_some()
    }

    /// `server - local` from the last answer's `Date`, once one was seen.
    pub fn clock_skew(&self) -> Option<chrono::Duration> {
        self.inner
            .skew_known
            .load(Ordering::Relaxed)
            .then(|| chrono::Duration::milliseconds(self.inner.skew_ms.load(Ordering::Relaxed)))
    }

    // ---- payouts ----

    pub async fn list_payouts(&self, query: &ListPayoutsQuery) -> Result<Page<Payout>, ApiError> {
        self.list_page(&["payouts"], &query.to_pairs()).await
    }

    /// Every page, de-duplicated by id; `malformed` items of every page are returned too.
    pub async fn list_all_payouts(
        &self,
        query: &ListPayoutsQuery,
    ) -> Result<Page<Payout>, ApiError> {
        self.list_all(query, |c, q| Box::pin(c.list_payouts(q)), |p| p.id.as_str())
            .await
    }

    pub async fn get_payout(&self, id: &str) -> Result<Payout, ApiError> {
        let body = self
            .request(
                Method::GET,
                &["payouts", id],
                &[],
                None,
                None,
                Safety::Idempotent,
            )
            .await?;
        decode(&body, "payout")
    }

    /// `POST /payouts/quote`: unsigned and informational, so retried like a read.
    pub async fn quote(&self, body: &QuoteRequest) -> Result<QuoteResponse, ApiError> {
        let bytes = SignedBody::new(body)?;
        let answer = self
            .request(
                Method::POST,
                &["payouts", "quote"],
                &[],
                Some(bytes.bytes()),
                None,
                Safety::Idempotent,
            )
            .await?;
        decode(&answer, "quote")
    }

    /// `POST /payouts` (signed). Give an `externalId` so a retry after an unknown outcome
    /// returns the same payout instead of a second one.
    pub async fn create_payout(&self, body: &CreatePayoutRequest) -> Result<Payout, ApiError> {
        let answer = self.signed_post(&["payouts"], body).await?;
        decode(&answer, "payout").map_err(applied_unreadable)
    }

    /// `POST /payouts/{id}/action` (signed). Build Confirm bodies only from the re-read
    /// payout (the dashboard's `safety` module does).
    pub async fn payout_action(
        &self,
        id: &str,
        body: &PayoutAction,
    ) -> Result<PayoutActionResponse, ApiError> {
        let answer = self.signed_post(&["payouts", id, "action"], body).await?;
        if answer.iter().all(u8::is_ascii_whitespace) {
            return Ok(PayoutActionResponse::default());
        }
        decode(&answer, "action answer").map_err(applied_unreadable)
    }

    // ---- wallets ----

    pub async fn list_wallets(&self, query: &ListWalletsQuery) -> Result<Page<Wallet>, ApiError> {
        self.list_page(&["wallets"], &query.to_pairs()).await
    }

    pub async fn list_all_wallets(
        &self,
        query: &ListWalletsQuery,
    ) -> Result<Page<Wallet>, ApiError> {
        self.list_all(query, |c, q| Box::pin(c.list_wallets(q)), |w| w.id.as_str())
            .await
    }

    // ---- users ----

    /// `GET /auth/users`: only to name the users the board shows.
    pub async fn list_users(&self, query: &ListUsersQuery) -> Result<Page<User>, ApiError> {
        self.list_page(&["auth", "users"], &query.to_pairs()).await
    }

    pub async fn list_all_users(&self, query: &ListUsersQuery) -> Result<Page<User>, ApiError> {
        self.list_all(
            query,
            |c, q| Box::pin(c.list_users(q)),
            |u| u.user_id.as_str(),
        )
        .await
    }

    pub async fn get_wallet(&self, id: &str) -> Result<Wallet, ApiError> {
        let body = self
            .request(
                Method::GET,
                &["wallets", id],
                &[],
                None,
                None,
                Safety::Idempotent,
            )
            .await?;
        decode(&body, "wallet")
    }

    pub async fn get_wallet_assets(&self, id: &str) -> Result<WalletAssets, ApiError> {
        let body = self
            .request(
                Method::GET,
                &["wallets", id, "assets"],
                &[],
                None,
                None,
                Safety::Idempotent,
            )
            .await?;
        decode(&body, "wallet assets")
    }

    // ---- user actions ----

    /// Proves the credential can sign: runs init → sign → complete for a request that is never
    /// sent (an empty `POST /payouts`, which no server would accept anyway) and drops the
    /// token. Returns the credential id used.
    pub async fn prove_credential(&self) -> Result<String, ApiError> {
        let empty = SignedBody::from_raw(Vec::new());
        let (cred, token) = self.user_action(&empty, "/payouts").await?;
        drop(token);
        Ok(cred)
    }

    async fn signed_post<B: Serialize>(
        &self,
        segments: &[&str],
        body: &B,
    ) -> Result<Vec<u8>, ApiError> {
        let signed = SignedBody::new(body)?;
        let path = self.api_path(segments)?;
        let (_, token) = self.user_action(&signed, &path).await?;
        self.request(
            Method::POST,
            segments,
            &[],
            Some(signed.bytes()),
            Some(&token),
            Safety::Mutating,
        )
        .await
    }

    /// init → sign → complete; the token is bound to `POST path` and these exact bytes.
    async fn user_action(
        &self,
        body: &SignedBody,
        path: &str,
    ) -> Result<(String, Secret), ApiError> {
        let signer = self.inner.signer.as_ref().ok_or(ApiError::NoSigner)?;
        let init = SignedBody::new(&body.init("POST", path))?;
        let answer = self
            .request(
                Method::POST,
                &["auth", "action", "init"],
                &[],
                Some(init.bytes()),
                None,
                Safety::Idempotent,
            )
            .await?;
        let challenge: UserActionChallenge = decode(&answer, "user-action challenge")?;
        let cred = user_action::choose_credential(
            signer.cred_id.as_deref(),
            &challenge.allow_credentials.key,
        )?;
        let sign = SignedBody::new(&user_action::assertion(
            &challenge,
            cred.clone(),
            &signer.key,
        )?)?;
        // Completing consumes the challenge: not repeated once it may have arrived.
        let answer = self
            .request(
                Method::POST,
                &["auth", "action"],
                &[],
                Some(sign.bytes()),
                None,
                Safety::Mutating,
            )
            .await?;
        let token: UserActionToken = decode(&answer, "user-action token")?;
        Ok((cred, Secret::new(token.user_action)))
    }

    // ---- plumbing ----

    async fn list_page<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &[(&'static str, String)],
    ) -> Result<Page<T>, ApiError> {
        let body = self
            .request(Method::GET, segments, query, None, None, Safety::Idempotent)
            .await?;
        let raw: ListResponse<Value> = decode(&body, "list")?;
        let mut page = Page {
            items: Vec::with_capacity(raw.items.len()),
            next_page_token: raw.next_page_token,
            malformed: Vec::new(),
        };
        for item in raw.items {
            let item_id = item.get("id").and_then(Value::as_str).map(str::to_owned);
            match serde_json::from_value::<T>(item) {
                Ok(v) => page.items.push(v),
                Err(e) => page.malformed.push(Malformed {
                    id: item_id.map(|i| super::text::escape(&i).into_owned()),
                    error: super::error::printable(&e.to_string()),
                }),
            }
        }
        Ok(page)
    }

    async fn list_all<Q, T, F>(
        &self,
        query: &Q,
        fetch: F,
        id: impl Fn(&T) -> &str,
    ) -> Result<Page<T>, ApiError>
    where
        Q: Paged,
        F: for<'a> Fn(
            &'a Client,
            &'a Q,
        ) -> futures::future::BoxFuture<'a, Result<Page<T>, ApiError>>,
    {
        let mut pager = Pager::default();
        let mut seen = HashSet::new();
        let mut all = Page {
            items: Vec::new(),
            next_page_token: None,
            malformed: Vec::new(),
        };
        let mut q = query.clone();
        loop {
            let page = fetch(self, &q).await?;
            merge_unique(&mut all.items, &mut seen, page.items, &id);
            all.malformed.extend(page.malformed);
            match pager.step(page.next_page_token.as_deref()) {
                Step::Next(token) => q = query.with_token(Some(token)),
                Step::Done => return Ok(all),
                Step::Loop(token) => {
                    return Err(ApiError::Paging(format!(
                        "the API returned page token '{}' twice after {} pages",
                        super::text::escape(&token),
                        pager.pages()
                    )));
                }
            }
        }
    }
}

/// A 2xx to a state-changing request whose body cannot be read: the server accepted it, but
/// what it did is not known from here — re-read.
fn applied_unreadable(e: ApiError) -> ApiError {
    ApiError::OutcomeUnknown(format!("the API accepted the request, but {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(base: &str) -> Client {
        Client::new(base, Secret::new("t"), None, ClientOptions::default()).unwrap()
    }

    #[test]
    fn urls_keep_a_base_prefix_and_encode_ids() {
        let c = client("https://proxy.example/dfns/");
        let u = c
            .url(
                &["payouts", "pyt-a/../x"],
                &[("status", "Processing".into())],
            )
            .unwrap();
        assert_eq!(
            u.as_str(),
            "https://proxy.example/dfns/payouts/pyt-a%2F..%2Fx?status=Processing"
        );
        assert_eq!(
            c.api_path(&["payouts", "pyt-a", "action"]).unwrap(),
            "/payouts/pyt-a/action"
        );
        assert_eq!(client("http://127.0.0.1:9/").host(), "127.0.0.1:9");
    }

    #[test]
    fn rejects_bad_base_urls() {
        for bad in [
            "api.dfns.io",
            "ftp://x",
            "https://x/?a=1",
            "",
            "http://api.dfns.io",
            "http://10.0.0.1:8080",
        ] {
            assert!(
                Client::new(bad, Secret::new("t"), None, ClientOptions::default()).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn plain_http_only_to_loopback_unless_opted_in() {
        for ok in [
            "http://127.0.0.1:9",
            "http://localhost:8787/",
            "http://[::1]:1",
        ] {
            assert!(
                Client::new(ok, Secret::new("t"), None, ClientOptions::default()).is_ok(),
                "{ok}"
            );
        }
        let e = Client::new(
            "http://api.example.com",
            Secret::new("t"),
            None,
            ClientOptions::default(),
        )
        .unwrap_err();
        assert!(matches!(e, ApiError::InsecureUrl(_)), "{e}");
        assert!(e.to_string().contains("allow_insecure_http"), "{e}");
        let opted = ClientOptions {
            allow_insecure_http: true,
            ..ClientOptions::default()
        };
        assert!(Client::new("http://api.example.com", Secret::new("t"), None, opted).is_ok());
    }

    #[test]
    fn debug_never_shows_the_token() {
        let c = Client::new(
            "https://api.dfns.io",
            Secret::new("sekrit-token"),
            None,
            ClientOptions::default(),
        )
        .unwrap();
        assert!(!format!("{c:?}").contains("sekrit"));
    }
}
