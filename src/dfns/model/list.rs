//! List routes: the query of `GET /payouts` and the `{items, nextPageToken}` envelope.

use serde::{Deserialize, Serialize};

use super::enums::{PayoutStatus, Provider};

/// Documented bounds of `limit` on `GET /payouts` (DOCS OpenAPI).
pub const PAYOUTS_LIMIT_MAX: u32 = 50;

/// `{ "items": [...], "nextPageToken"?: "..." }`; an absent token means the last page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListResponse<T> {
    pub items: Vec<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
}

/// The paging part of every list query: `limit` and `paginationToken`, as the SDKs send them.
pub fn page_pairs(limit: Option<u32>, token: Option<&str>) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::new();
    if let Some(limit) = limit {
        pairs.push(("limit", limit.to_string()));
    }
    if let Some(token) = token {
        pairs.push(("paginationToken", token.to_owned()));
    }
    pairs
}

/// `GET /payouts` query. The default page size is undocumented, so the client always sends
/// `limit` (open question 1 of the reference).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListPayoutsQuery {
    pub limit: Option<u32>,
    pub pagination_token: Option<String>,
    pub wallet_id: Option<String>,
    pub status: Vec<PayoutStatus>,
    /// Newer API generation only (Python/Go SDKs).
    pub provider: Vec<Provider>,
}

impl ListPayoutsQuery {
    /// Wire pairs; arrays as repeated keys, as the TS SDK and the OpenAPI form style send them.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = page_pairs(self.limit, self.pagination_token.as_deref());
        if let Some(wallet) = &self.wallet_id {
            pairs.push(("walletId", wallet.clone()));
        }
        pairs.extend(
            self.status
                .iter()
                .map(|s| ("status", s.as_str().to_owned())),
        );
        pairs.extend(
            self.provider
                .iter()
                .map(|p| ("provider", p.as_str().to_owned())),
        );
        pairs
    }
}

/// `GET /wallets` query (limit 1–500, default 50).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListWalletsQuery {
    pub limit: Option<u32>,
    pub pagination_token: Option<String>,
}

impl ListWalletsQuery {
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        page_pairs(self.limit, self.pagination_token.as_deref())
    }
}

/// A query that pages: the paging helpers set the token of the next request through this.
pub trait Paged: Clone {
    fn with_token(&self, token: Option<String>) -> Self;
}

impl Paged for ListPayoutsQuery {
    fn with_token(&self, token: Option<String>) -> Self {
        Self {
            pagination_token: token,
            ..self.clone()
        }
    }
}

impl Paged for ListWalletsQuery {
    fn with_token(&self, token: Option<String>) -> Self {
        Self {
            pagination_token: token,
            ..self.clone()
        }
    }
}
